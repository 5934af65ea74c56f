/**
 * One end of an HTTP/2 connection (RFC 7540), sans-I/O like the WebSocket Connection: hand it the
 * bytes that arrived (`receive`), get back events; ask it to send headers or data, then take the
 * frames to write (`takeOutgoing`). As much of HTTP/2 as WebSocket over HTTP/2 (RFC 8441) needs,
 * done correctly: the preface and SETTINGS exchange with ACKs (§3.5, §6.5.3), HEADERS and
 * CONTINUATION with HPACK (§6.2, §6.10, RFC 7541), DATA with flow control both ways (§5.2, §6.9),
 * PING (§6.7), RST_STREAM (§6.4) and GOAWAY (§6.8). Every problem is a connection error (GOAWAY,
 * then nothing more is read) or a stream error (RST_STREAM, the rest goes on), with its code (§5.4).
 *
 * Not here, because nothing in a WebSocket tunnel uses them: server push (a client announces
 * ENABLE_PUSH 0 and refuses PUSH_PROMISE), priorities (read past, §5.3 lets a receiver ignore them),
 * and a dynamic table in our own encoder (encodeHeaders indexes only the static table).
 */
import {
	encodeFrame,
	encodeSettings,
	ERROR_CODES,
	FLAGS,
	FRAME_TYPES,
	PREFACE,
	readFrames,
	readSettings,
	SETTINGS,
	type ErrorCodeName,
	type Http2Frame,
	type Http2Problem
} from './frames';
import { encodeHeaders, HpackDecoder, type HpackRepresentation } from './hpack';
import { StreamStates, type StreamState } from './streams';

export type Http2Role = 'client' | 'server';
type Section = Http2Problem['section'];
type Fields = readonly (readonly [name: string, value: string])[];

/** Flow-control windows start at 65,535 octets (§6.9.2) and may not pass 2^31 - 1 (§6.9.1). */
export const DEFAULT_WINDOW = 65535;
export const MAX_WINDOW = 0x7fffffff;
const DEFAULT_MAX_FRAME = 16384;

/** The settings a side works with, after the defaults of §6.5.2 (and RFC 8441 §3's, off). */
export interface Http2Settings {
	readonly headerTableSize: number;
	readonly enablePush: boolean;
	readonly maxConcurrentStreams: number | null;
	readonly initialWindowSize: number;
	readonly maxFrameSize: number;
	readonly maxHeaderListSize: number | null;
	readonly enableConnectProtocol: boolean;
}

export const DEFAULT_SETTINGS: Http2Settings = {
	headerTableSize: 4096,
	enablePush: true,
	maxConcurrentStreams: null,
	initialWindowSize: DEFAULT_WINDOW,
	maxFrameSize: DEFAULT_MAX_FRAME,
	maxHeaderListSize: null,
	enableConnectProtocol: false
};

function applySettings(base: Http2Settings, list: readonly (readonly [number, number])[]): Http2Settings {
	const s: { -readonly [K in keyof Http2Settings]: Http2Settings[K] } = { ...base };
	for (const [id, value] of list) {
		if (id === SETTINGS.HEADER_TABLE_SIZE) s.headerTableSize = value;
		else if (id === SETTINGS.ENABLE_PUSH) s.enablePush = value === 1;
		else if (id === SETTINGS.MAX_CONCURRENT_STREAMS) s.maxConcurrentStreams = value;
		else if (id === SETTINGS.INITIAL_WINDOW_SIZE) s.initialWindowSize = value;
		else if (id === SETTINGS.MAX_FRAME_SIZE) s.maxFrameSize = value;
		else if (id === SETTINGS.MAX_HEADER_LIST_SIZE) s.maxHeaderListSize = value;
		else if (id === SETTINGS.ENABLE_CONNECT_PROTOCOL) s.enableConnectProtocol = value === 1;
		// §6.5.2: an unknown setting is ignored.
	}
	return s;
}

export interface Http2Options {
	readonly role: Http2Role;
	/** The settings this side announces in its first SETTINGS frame (id, value), in order. */
	readonly settings?: readonly (readonly [id: number, value: number])[];
	/**
	 * Give a stream credit back (WINDOW_UPDATE) once this many DATA octets arrived on it since the
	 * last update (default: half its window; the connection's is always half). The simulator sets it
	 * low, so a short exchange shows one.
	 */
	readonly windowUpdateThreshold?: number;
	/** Huffman-code header strings when that is shorter (RFC 7541 §5.2; default true). */
	readonly huffman?: boolean;
}

/** What the peer's bytes meant, in order, each a plain record. */
export type Http2Event =
	| { readonly type: 'preface'; readonly rfc: Section }
	| {
			readonly type: 'settings';
			readonly settings: readonly (readonly [id: number, value: number])[];
			readonly rfc: Section;
	  }
	| { readonly type: 'settings-ack'; readonly rfc: Section }
	| {
			readonly type: 'headers';
			readonly stream: number;
			readonly headers: Fields;
			/** How HPACK encoded each field, placed at its bytes in `block`. */
			readonly parts: readonly HpackRepresentation[];
			readonly block: Uint8Array;
			readonly endStream: boolean;
			readonly rfc: Section;
	  }
	| {
			readonly type: 'data';
			readonly stream: number;
			readonly data: Uint8Array;
			readonly endStream: boolean;
			/** Octets the frame counted against the windows (its whole payload, padding included). */
			readonly flowed: number;
			readonly rfc: Section;
	  }
	| {
			readonly type: 'window-update';
			readonly stream: number;
			readonly increment: number;
			/** This side's send window for that stream (or the connection) afterwards. */
			readonly window: number;
			readonly rfc: Section;
	  }
	| { readonly type: 'ping'; readonly payload: Uint8Array; readonly ack: boolean; readonly rfc: Section }
	| { readonly type: 'reset'; readonly stream: number; readonly error: ErrorCodeName | number; readonly rfc: Section }
	| {
			readonly type: 'goaway';
			readonly lastStream: number;
			readonly error: ErrorCodeName | number;
			readonly debug: Uint8Array;
			readonly rfc: Section;
	  }
	/** A stream error: this side sent RST_STREAM with the problem's code; the connection goes on. */
	| { readonly type: 'stream-error'; readonly problem: Http2Problem; readonly rfc: Section }
	/** A connection error: this side sent GOAWAY with the problem's code, and reads nothing more. */
	| { readonly type: 'connection-error'; readonly problem: Http2Problem; readonly rfc: Section };

export type Http2OutgoingWhy =
	| 'preface'
	| 'settings'
	| 'settings-ack'
	| 'headers'
	| 'continuation'
	| 'data'
	| 'window-update'
	| 'ping'
	| 'ping-ack'
	| 'rst-stream'
	| 'goaway';

/** One thing to write: the preface, or one whole frame, with why it was sent and what it says. */
export interface Http2Outgoing {
	readonly why: Http2OutgoingWhy;
	/** The frame type (null for the preface). */
	readonly type: number | null;
	readonly flags: number;
	readonly stream: number;
	readonly bytes: Uint8Array;
	/** HEADERS: the header list the block encodes (on the HEADERS frame, not its CONTINUATIONs). */
	readonly headers?: Fields;
	readonly settings?: readonly (readonly [number, number])[];
	readonly increment?: number;
	readonly error?: ErrorCodeName;
	readonly rfc: Section;
}

interface SendStream {
	window: number;
	chunks: Uint8Array[];
	queued: number;
	/** END_STREAM asked for, to go on the last queued octet. */
	end: boolean;
	ended: boolean;
}

interface ReceiveStream {
	window: number;
	/** Octets received since the last WINDOW_UPDATE for it. */
	unacknowledged: number;
}

const errorName = (code: number): ErrorCodeName | number =>
	(Object.keys(ERROR_CODES) as ErrorCodeName[]).find((k) => ERROR_CODES[k] === code) ?? code;

export class Http2Connection {
	readonly role: Http2Role;
	/** Our settings as announced, and whether the peer has acknowledged them (§6.5.3). */
	readonly localSettings: Http2Settings;
	private localAcked = false;
	/** The peer's settings, as its SETTINGS frames said. */
	peerSettings: Http2Settings = DEFAULT_SETTINGS;
	/** Has the peer's first SETTINGS arrived (its connection preface, §3.5)? */
	peerSettingsSeen = false;
	private readonly streams: StreamStates;
	private readonly decoder: HpackDecoder;
	private readonly opts: Http2Options;
	private out: Http2Outgoing[] = [];
	private buffer: Uint8Array = new Uint8Array(0);
	/** Octets of the peer's stream read so far (offsets in problems count from the first byte). */
	private offset = 0;
	private prefaceSeen: boolean;
	private sendConnection = DEFAULT_WINDOW;
	private receiveConnection: ReceiveStream = { window: DEFAULT_WINDOW, unacknowledged: 0 };
	private readonly sending = new Map<number, SendStream>();
	private readonly receiving = new Map<number, ReceiveStream>();
	private nextStream: number;
	/** The highest stream of the peer's this side has read a frame on (for GOAWAY, §6.8). */
	private lastPeerStream = 0;
	/** A connection error was found and GOAWAY sent for it: nothing more is read (§5.4.1). */
	closed = false;
	/**
	 * A graceful GOAWAY (NO_ERROR) was sent: the streams already open go on to their end, new
	 * ones the peer starts are ignored (§6.8). Null until then.
	 */
	goawayAt: number | null = null;
	/** The peer sent GOAWAY. */
	goawayReceived = false;

	constructor(opts: Http2Options) {
		this.opts = opts;
		this.role = opts.role;
		this.streams = new StreamStates(opts.role === 'server' ? 'client' : 'server');
		// A client's streams are odd, a server's even (§5.1.1).
		this.nextStream = opts.role === 'client' ? 1 : 2;
		const announced = [...(opts.settings ?? [])];
		// A client that takes no pushes says so (§8.2); pushes have no place in a WebSocket tunnel.
		if (opts.role === 'client' && !announced.some(([id]) => id === SETTINGS.ENABLE_PUSH))
			announced.unshift([SETTINGS.ENABLE_PUSH, 0]);
		this.localSettings = applySettings(DEFAULT_SETTINGS, announced);
		this.decoder = new HpackDecoder(this.localSettings.headerTableSize);
		// A server reads the client's preface first; a client reads frames from the first byte.
		this.prefaceSeen = opts.role === 'client';
		if (opts.role === 'client')
			this.out.push({ why: 'preface', type: null, flags: 0, stream: 0, bytes: PREFACE, rfc: 'RFC 7540 §3.5' });
		this.queue('settings', FRAME_TYPES.SETTINGS, 0, 0, encodeSettings(announced), 'RFC 7540 §3.5', {
			settings: announced
		});
	}

	/** Is anything queued for the wire? */
	get wantsToWrite(): boolean {
		return this.out.length > 0;
	}

	takeOutgoing(): Http2Outgoing[] {
		const o = this.out;
		this.out = [];
		return o;
	}

	/** The bytes to write, in order. */
	dataToSend(): Uint8Array[] {
		return this.takeOutgoing().map((o) => o.bytes);
	}

	streamState(stream: number): StreamState {
		return this.streams.state(stream);
	}

	/** How many DATA octets this side may still send on `stream` (0: the connection) now. */
	sendWindow(stream = 0): number {
		return stream === 0
			? this.sendConnection
			: (this.sending.get(stream)?.window ?? this.peerSettings.initialWindowSize);
	}

	/** How many DATA octets the peer may still send on `stream` (0: the connection). */
	receiveWindow(stream = 0): number {
		return stream === 0 ? this.receiveConnection.window : (this.receiving.get(stream)?.window ?? 0);
	}

	/** DATA octets waiting for window on `stream`. */
	queuedData(stream: number): number {
		return this.sending.get(stream)?.queued ?? 0;
	}

	// ---- sending --------------------------------------------------------------------------------

	/** A client opens a stream with a request's header list (§8.1.2); returns the stream's id. */
	request(headers: Fields, opts: { endStream?: boolean } = {}): number {
		const stream = this.nextStream;
		this.nextStream += 2;
		this.streams.openLocal(stream);
		this.openFlow(stream);
		this.sendHeaders(stream, headers, !!opts.endStream);
		return stream;
	}

	/** A response's (or trailers') header list on a stream the peer opened. */
	respond(stream: number, headers: Fields, opts: { endStream?: boolean } = {}): void {
		this.sendHeaders(stream, headers, !!opts.endStream);
	}

	/**
	 * DATA on `stream`: sent at once as far as both send windows and the peer's frame size allow, the
	 * rest when WINDOW_UPDATE gives credit (§6.9). `endStream` goes on the frame carrying the last octet.
	 */
	sendData(stream: number, data: Uint8Array, opts: { endStream?: boolean } = {}): void {
		const s = this.sending.get(stream);
		if (!s || s.ended || s.end) return;
		if (data.length) {
			s.chunks.push(data);
			s.queued += data.length;
		}
		if (opts.endStream) s.end = true;
		this.flush(stream);
	}

	/** End our half of a stream (an empty DATA frame with END_STREAM, once queued data is out). */
	endStream(stream: number): void {
		this.sendData(stream, new Uint8Array(0), { endStream: true });
	}

	/** Reset a stream (§6.4): a stream error of our own, or giving up on it (CANCEL). */
	reset(stream: number, error: ErrorCodeName = 'CANCEL', rfc: Section = 'RFC 7540 §6.4'): void {
		const payload = new Uint8Array(4);
		new DataView(payload.buffer).setUint32(0, ERROR_CODES[error]);
		this.queue('rst-stream', FRAME_TYPES.RST_STREAM, 0, stream, payload, rfc, { error });
		this.streams.resetLocal(stream);
		this.sending.delete(stream);
	}

	ping(payload: Uint8Array = new Uint8Array(8)): void {
		this.queue('ping', FRAME_TYPES.PING, 0, 0, payload.subarray(0, 8), 'RFC 7540 §6.7');
	}

	/** Close the connection: GOAWAY with the last stream of the peer's this side acted on (§6.8). */
	goaway(error: ErrorCodeName = 'NO_ERROR', rfc: Section = 'RFC 7540 §6.8'): void {
		if (this.closed || (error === 'NO_ERROR' && this.goawayAt !== null)) return;
		const payload = new Uint8Array(8);
		const view = new DataView(payload.buffer);
		view.setUint32(0, this.lastPeerStream);
		view.setUint32(4, ERROR_CODES[error]);
		this.queue('goaway', FRAME_TYPES.GOAWAY, 0, 0, payload, rfc, { error });
		if (error === 'NO_ERROR') this.goawayAt = this.lastPeerStream;
		else this.closed = true;
	}

	private queue(
		why: Http2OutgoingWhy,
		type: number,
		flags: number,
		stream: number,
		payload: Uint8Array,
		rfc: Section,
		extra: Pick<Http2Outgoing, 'headers' | 'settings' | 'increment' | 'error'> = {}
	): void {
		this.out.push({ why, type, flags, stream, bytes: encodeFrame({ type, flags, stream, payload }), rfc, ...extra });
	}

	private openFlow(stream: number): void {
		this.sending.set(stream, {
			window: this.peerSettings.initialWindowSize,
			chunks: [],
			queued: 0,
			end: false,
			ended: false
		});
		const initial = this.localAcked ? this.localSettings.initialWindowSize : DEFAULT_WINDOW;
		this.receiving.set(stream, { window: initial, unacknowledged: 0 });
	}

	/** A header block in HEADERS, and CONTINUATION frames if it is larger than the peer's frame size (§6.10). */
	private sendHeaders(stream: number, headers: Fields, endStream: boolean): void {
		const block = encodeHeaders(headers, { huffman: this.opts.huffman ?? true });
		const max = this.peerSettings.maxFrameSize;
		for (let at = 0, first = true; first || at < block.length; first = false) {
			const piece = block.subarray(at, at + max);
			at += piece.length;
			const last = at >= block.length;
			const flags = (last ? FLAGS.END_HEADERS : 0) | (first && endStream ? FLAGS.END_STREAM : 0);
			if (first)
				this.queue('headers', FRAME_TYPES.HEADERS, flags, stream, piece, 'RFC 7540 §6.2', { headers: [...headers] });
			else this.queue('continuation', FRAME_TYPES.CONTINUATION, flags, stream, piece, 'RFC 7540 §6.10');
		}
		if (endStream) this.endLocal(stream);
	}

	private endLocal(stream: number): void {
		this.streams.endLocal(stream);
		const s = this.sending.get(stream);
		if (s) s.ended = true;
	}

	/** Send what the windows allow of a stream's queued data (§6.9.1: DATA never exceeds either window). */
	private flush(stream: number): void {
		const s = this.sending.get(stream);
		if (!s || s.ended) return;
		while (s.queued > 0) {
			const n = Math.min(s.queued, s.window, this.sendConnection, this.peerSettings.maxFrameSize);
			if (n <= 0) return;
			const payload = take(s, n);
			s.window -= n;
			this.sendConnection -= n;
			const end = s.end && s.queued === 0;
			this.queue('data', FRAME_TYPES.DATA, end ? FLAGS.END_STREAM : 0, stream, payload, 'RFC 7540 §6.1');
			if (end) this.endLocal(stream);
		}
		// An empty DATA frame takes no window: END_STREAM alone always goes.
		if (s.end && !s.ended) {
			this.queue('data', FRAME_TYPES.DATA, FLAGS.END_STREAM, stream, new Uint8Array(0), 'RFC 7540 §6.1');
			this.endLocal(stream);
		}
	}

	private flushAll(): void {
		for (const stream of this.sending.keys()) this.flush(stream);
	}

	// ---- receiving ------------------------------------------------------------------------------

	/** Feed bytes from the transport; returns what they meant. */
	receive(data: Uint8Array): Http2Event[] {
		const events: Http2Event[] = [];
		if (this.closed || data.length === 0) return events;
		const input = this.buffer.length ? join(this.buffer, data) : data;
		let at = 0;
		if (!this.prefaceSeen) {
			// Only the preface's own octets: the frames after it are read below, with our frame size.
			const r = readFrames(input.subarray(0, PREFACE.length), { preface: true });
			if (r.problem) {
				this.connectionError(r.problem, events);
				return events;
			}
			if (input.length < PREFACE.length) {
				this.buffer = input.slice();
				return events;
			}
			this.prefaceSeen = true;
			at = PREFACE.length;
			events.push({ type: 'preface', rfc: 'RFC 7540 §3.5' });
		}
		while (!this.closed) {
			const r = readFrames(input, { start: at, maxFrameSize: this.localSettings.maxFrameSize });
			for (const f of r.frames) {
				this.handle({ ...f, start: f.start + this.offset }, events);
				if (this.closed) return events;
			}
			at = r.consumed;
			if (!r.problem) break;
			const problem = { ...r.problem, at: r.problem.at + this.offset };
			if (problem.scope === 'connection') {
				this.connectionError(problem, events);
				return events;
			}
			// A stream error in a frame's header rules (a whole frame): reset the stream, read on past it.
			this.streamError(problem, events);
			at += 9 + ((input[at] << 16) | (input[at + 1] << 8) | input[at + 2]);
		}
		this.offset += at;
		this.buffer = input.slice(at);
		this.flushAll();
		return events;
	}

	private handle(f: Http2Frame, events: Http2Event[]): void {
		// §3.5: the first frame either side reads from its peer is SETTINGS.
		if (!this.peerSettingsSeen && !(f.type === FRAME_TYPES.SETTINGS && !(f.flags & FLAGS.ACK))) {
			this.connectionError(problemAt(f, 'SETTINGS_EXPECTED', 'PROTOCOL_ERROR', 'connection', 'RFC 7540 §3.5'), events);
			return;
		}
		const peers = (f.stream % 2 === 1) === (this.role === 'server');
		// §6.8: after our GOAWAY, frames on streams the peer opens later are ignored.
		if (peers && this.goawayAt !== null && f.stream > this.goawayAt) return;
		if (f.stream > this.lastPeerStream && peers) this.lastPeerStream = f.stream;
		switch (f.type) {
			case FRAME_TYPES.SETTINGS:
				return this.settings(f, events);
			case FRAME_TYPES.PING: {
				const ack = (f.flags & FLAGS.ACK) !== 0;
				if (!ack) this.queue('ping-ack', FRAME_TYPES.PING, FLAGS.ACK, 0, f.payload.slice(), 'RFC 7540 §6.7');
				events.push({ type: 'ping', payload: f.payload.slice(), ack, rfc: 'RFC 7540 §6.7' });
				return;
			}
			case FRAME_TYPES.WINDOW_UPDATE:
				return this.windowUpdate(f, events);
			case FRAME_TYPES.GOAWAY: {
				const view = new DataView(f.payload.buffer, f.payload.byteOffset, f.payload.byteLength);
				this.goawayReceived = true;
				events.push({
					type: 'goaway',
					lastStream: view.getUint32(0) & 0x7fffffff,
					error: errorName(view.getUint32(4)),
					debug: f.payload.slice(8),
					rfc: 'RFC 7540 §6.8'
				});
				return;
			}
			case FRAME_TYPES.PUSH_PROMISE:
				// §8.2: a client that announced ENABLE_PUSH 0 treats a push as a PROTOCOL_ERROR; a server never receives one.
				this.connectionError(problemAt(f, 'PUSH_REFUSED', 'PROTOCOL_ERROR', 'connection', 'RFC 7540 §8.2'), events);
				return;
		}
		if (f.type === FRAME_TYPES.DATA && !this.flowControl(f, events)) return;
		const s = this.streams.receive(f);
		switch (s.kind) {
			case 'problem':
				if (s.problem.scope === 'connection') this.connectionError(s.problem, events);
				else {
					this.streamError(s.problem, events);
					// The refused DATA still counted against the connection's window (§6.9): give it back.
					if (f.type === FRAME_TYPES.DATA) this.credit(0);
				}
				return;
			case 'headers': {
				const r = this.decoder.decode(s.block);
				if (!r.ok) {
					// RFC 7540 §4.3: a header block that cannot be decoded is a connection error COMPRESSION_ERROR.
					this.connectionError(
						{ ...problemAt(f, 'COMPRESSION', 'COMPRESSION_ERROR', 'connection', 'RFC 7540 §4.3'), hpack: r.problem },
						events
					);
					return;
				}
				if (!this.sending.has(s.stream)) this.openFlow(s.stream);
				events.push({
					type: 'headers',
					stream: s.stream,
					headers: r.headers,
					parts: r.parts,
					block: s.block.slice(),
					endStream: s.endStream,
					rfc: 'RFC 7540 §6.2'
				});
				return;
			}
			case 'data':
				events.push({
					type: 'data',
					stream: s.stream,
					data: s.data.slice(),
					endStream: s.endStream,
					flowed: f.payload.length,
					rfc: 'RFC 7540 §6.1'
				});
				if (!s.endStream) this.credit(s.stream);
				return;
			case 'reset': {
				const code = new DataView(f.payload.buffer, f.payload.byteOffset, 4).getUint32(0);
				this.sending.delete(s.stream);
				events.push({ type: 'reset', stream: s.stream, error: errorName(code), rfc: 'RFC 7540 §6.4' });
				return;
			}
		}
	}

	private settings(f: Http2Frame, events: Http2Event[]): void {
		if (f.flags & FLAGS.ACK) {
			if (!this.localAcked) {
				this.localAcked = true;
				// §6.9.2: our INITIAL_WINDOW_SIZE now holds for the streams we receive on.
				const delta = this.localSettings.initialWindowSize - DEFAULT_WINDOW;
				for (const r of this.receiving.values()) r.window += delta;
			}
			events.push({ type: 'settings-ack', rfc: 'RFC 7540 §6.5.3' });
			return;
		}
		const list = readSettings(f.payload);
		const next = applySettings(this.peerSettings, list);
		// RFC 8441 §3: once 1, SETTINGS_ENABLE_CONNECT_PROTOCOL may not be taken back.
		if (this.peerSettings.enableConnectProtocol && !next.enableConnectProtocol) {
			this.connectionError(
				problemAt(f, 'CONNECT_PROTOCOL_WITHDRAWN', 'PROTOCOL_ERROR', 'connection', 'RFC 8441 §3'),
				events
			);
			return;
		}
		// §6.9.2: a new INITIAL_WINDOW_SIZE moves every stream's send window by the difference.
		const delta = next.initialWindowSize - this.peerSettings.initialWindowSize;
		for (const s of this.sending.values()) {
			s.window += delta;
			if (s.window > MAX_WINDOW) {
				this.connectionError(
					problemAt(f, 'WINDOW_OVERFLOW', 'FLOW_CONTROL_ERROR', 'connection', 'RFC 7540 §6.9.2'),
					events
				);
				return;
			}
		}
		this.peerSettings = next;
		this.peerSettingsSeen = true;
		this.queue('settings-ack', FRAME_TYPES.SETTINGS, FLAGS.ACK, 0, new Uint8Array(0), 'RFC 7540 §6.5.3');
		events.push({ type: 'settings', settings: list, rfc: 'RFC 7540 §6.5' });
	}

	private windowUpdate(f: Http2Frame, events: Http2Event[]): void {
		const increment = new DataView(f.payload.buffer, f.payload.byteOffset, 4).getUint32(0) & 0x7fffffff;
		let window: number;
		if (f.stream === 0) {
			window = this.sendConnection + increment;
			if (window > MAX_WINDOW) {
				this.connectionError(
					{
						...problemAt(f, 'WINDOW_OVERFLOW', 'FLOW_CONTROL_ERROR', 'connection', 'RFC 7540 §6.9.1'),
						params: { window }
					},
					events
				);
				return;
			}
			this.sendConnection = window;
		} else {
			const s = this.sending.get(f.stream);
			if (!s) {
				// §6.9: WINDOW_UPDATE may arrive on a stream just closed; on one never opened it is an error.
				if (this.streams.state(f.stream) === 'idle')
					this.connectionError(problemAt(f, 'DATA_ON_IDLE', 'PROTOCOL_ERROR', 'connection', 'RFC 7540 §5.1'), events);
				return;
			}
			window = s.window + increment;
			if (window > MAX_WINDOW) {
				this.streamError(
					{ ...problemAt(f, 'WINDOW_OVERFLOW', 'FLOW_CONTROL_ERROR', 'stream', 'RFC 7540 §6.9.1'), params: { window } },
					events
				);
				return;
			}
			s.window = window;
		}
		events.push({ type: 'window-update', stream: f.stream, increment, window, rfc: 'RFC 7540 §6.9' });
	}

	/** §6.9.1: DATA beyond what this side allowed is a FLOW_CONTROL_ERROR; within it, the windows shrink. */
	private flowControl(f: Http2Frame, events: Http2Event[]): boolean {
		const n = f.payload.length;
		const stream = this.receiving.get(f.stream);
		const over =
			n > this.receiveConnection.window ? this.receiveConnection : stream && n > stream.window ? stream : null;
		if (over) {
			this.connectionError(
				{
					...problemAt(f, 'FLOW_CONTROL', 'FLOW_CONTROL_ERROR', 'connection', 'RFC 7540 §6.9.1'),
					params: { length: n, window: over.window, of: over === this.receiveConnection ? 0 : f.stream }
				},
				events
			);
			return false;
		}
		this.receiveConnection.window -= n;
		this.receiveConnection.unacknowledged += n;
		if (stream) {
			stream.window -= n;
			stream.unacknowledged += n;
		}
		return true;
	}

	/** Give back what arrived once enough has (§6.9): the connection's window, then the stream's. */
	private credit(stream: number): void {
		const windows: [number, ReceiveStream | undefined][] = [
			[0, this.receiveConnection],
			[stream, this.receiving.get(stream)]
		];
		for (const [id, r] of windows) {
			if (!r) continue;
			const initial =
				id === 0 ? DEFAULT_WINDOW : this.localAcked ? this.localSettings.initialWindowSize : DEFAULT_WINDOW;
			const threshold = (id !== 0 && this.opts.windowUpdateThreshold) || Math.max(1, Math.floor(initial / 2));
			if (r.unacknowledged < threshold) continue;
			const increment = r.unacknowledged;
			r.window += increment;
			r.unacknowledged = 0;
			const payload = new Uint8Array(4);
			new DataView(payload.buffer).setUint32(0, increment);
			this.queue('window-update', FRAME_TYPES.WINDOW_UPDATE, 0, id, payload, 'RFC 7540 §6.9', { increment });
		}
	}

	private streamError(problem: Http2Problem, events: Http2Event[]): void {
		this.reset(problem.stream, problem.error, problem.section);
		events.push({ type: 'stream-error', problem, rfc: 'RFC 7540 §5.4.2' });
	}

	private connectionError(problem: Http2Problem, events: Http2Event[]): void {
		// §5.4.1: GOAWAY with the code, then the connection is done.
		this.goaway(problem.error, problem.section);
		this.buffer = new Uint8Array(0);
		events.push({ type: 'connection-error', problem, rfc: 'RFC 7540 §5.4.1' });
	}
}

function problemAt(
	f: Http2Frame,
	rule: Http2Problem['rule'],
	error: ErrorCodeName,
	scope: Http2Problem['scope'],
	section: Section
): Http2Problem {
	return { rule, error, scope, stream: f.stream, at: f.start, section };
}

/** The first `n` queued octets of a stream, as one buffer. */
function take(s: SendStream, n: number): Uint8Array {
	const out = new Uint8Array(n);
	let filled = 0;
	while (filled < n) {
		const c = s.chunks[0];
		const k = Math.min(c.length, n - filled);
		out.set(c.subarray(0, k), filled);
		filled += k;
		if (k === c.length) s.chunks.shift();
		else s.chunks[0] = c.subarray(k);
	}
	s.queued -= n;
	return out;
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}
