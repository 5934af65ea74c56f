/**
 * One end of a WebSocket connection, sans-I/O (like Python's `websockets` and `h11`): hand it the
 * bytes that arrived (`receive`), get back events; ask it to send, then take the bytes to write
 * (`takeOutgoing`). It never touches a socket, a timer or hidden randomness, so the browser, the
 * Node server, the simulator and the tests all drive the same code.
 *
 * Reading is the engine's one Reader (reader/reader.ts); the opening handshake is each role's own
 * (handshake/client.ts, handshake/server.ts); the states and their transitions are the table in
 * states.ts, and every change of state goes through move() below.
 */

import { EMPTY_BYTES } from '../bytes';
import { WebSocketUsageError, describeValue, type ErrorCode, type ProtocolError } from '../errors';
import type { ExtensionNegotiator } from '../extensions/extensions';
import { encodeClosePayload, isValidOnWire } from '../framing/close-codes';
import { encodeFrameParts, headerLength, minimalLengthForm, type FrameHeader, type FrameSpec } from '../framing/frame';
import { Opcode } from '../framing/opcode';
import { decodeUtf8, encodeUtf8 } from '../framing/utf8';
import { checkSubprotocols, checkUri, judgeResponse, openingRequest, type ClientOffer } from '../handshake/client';
import { checkHeaderFields, type HeadProblem, type HttpHead } from '../handshake/http';
import { answerRequest, type ClientRequest, type RequestProblem } from '../handshake/server';
import type { WebSocketUri } from '../handshake/uri';
import { cryptoRandom, type RandomSource } from '../random';
import type { MessageCodec } from '../reader/assembler';
import { Reader, type ReadEvent } from '../reader/reader';
import { peerOf, type RfcSection, type Role } from '../types';
import type {
	ConnectionEvent,
	Ending,
	FrameReason,
	HandshakeProblem,
	MessageConnectionEvent,
	Outgoing
} from './events';
import { mustMove, nextPhase, PHASES, type ConnectionState, type Phase, type Transition } from './states';

export interface ConnectionOptions {
	readonly role: Role;
	/** Source of keys and masks; defaults to the platform CSPRNG. Pass a seeded one to replay a run. */
	readonly random?: RandomSource;
	/** Largest message accepted, in bytes (default 64 MiB); larger ones fail with 1009. */
	readonly maxMessageSize?: number;
	/** Answer pings with pongs (RFC 6455 §5.5.2); on by default. */
	readonly autoPong?: boolean;
	/** Decode text messages into strings (default true); a relay that forwards bytes can skip it. */
	readonly decodeText?: boolean;
	/** Emit a `frame` event for every frame received (the simulator's trace wants them). */
	readonly frameEvents?: boolean;
	/** receive() may unmask in place inside the chunks it is given (faster; the server owns its reads). */
	readonly mutableInput?: boolean;
	/** Makes the buffers payloads that arrive in pieces are gathered in (see DecoderOptions.allocate). */
	readonly allocate?: (size: number) => Uint8Array;
	/** Start OPEN, skipping the handshake (a frame-only exchange, a benchmark). */
	readonly skipHandshake?: boolean;
	/**
	 * Start OPEN with what a handshake elsewhere agreed: RFC 8441's extended CONNECT over HTTP/2,
	 * after which the frames are the same as ever (RFC 8441 §5). Implies skipHandshake.
	 */
	readonly agreed?: {
		readonly protocol: string | null;
		readonly extensions: readonly string[];
		readonly codec: MessageCodec | null;
	};
	/** Extensions this end supports, most preferred first (permessage-deflate). */
	readonly extensions?: readonly ExtensionNegotiator[];
	/** Extra header fields for the request or the 101 answer. */
	readonly headers?: ReadonlyArray<readonly [string, string]>;
	// Client only.
	readonly uri?: string | WebSocketUri;
	readonly origin?: string;
	readonly protocols?: readonly string[];
	// Server only.
	/** Subprotocols the server speaks, preferred first; it picks the first of these the client offered. */
	readonly subprotocols?: readonly string[];
	/** An application check of the request: return a reason (its own words) to refuse it with 400. */
	readonly checkRequest?: (request: ClientRequest) => string | null;
	/** The body of a refused handshake's answer (default: the problem's code and values, in no language). */
	readonly refusalBody?: (problem: RequestProblem) => string;
}

/** Where events go as they happen: the array receive() returns, or the handler given to receiveEach(). */
interface EventSink {
	push(event: ConnectionEvent): void;
}

export interface SendOptions {
	/** Split the message into frames of at most this many payload bytes (RFC 6455 §5.4). */
	readonly fragmentSize?: number;
	/** Compress with the negotiated extension (default: whenever one is negotiated). */
	readonly compress?: boolean;
}

const DEFAULT_MAX_MESSAGE = 64 * 1024 * 1024;

export class Connection {
	readonly role: Role;
	private phase: Phase;
	private readonly opts: ConnectionOptions;
	private readonly random: RandomSource;
	private out: Outgoing[] = [];
	private readonly reader: Reader;
	private codec: MessageCodec | null = null;
	/** What the client sent, to check the answer against. */
	private offer: ClientOffer | null = null;
	/** The code of our close frame, once sent (null: an empty close payload). */
	private sentCode: number | null | undefined = undefined;
	private ending: Ending | null = null;
	private busy = false;
	/** The transport is gone (receiveEof). */
	private eof = false;
	/** The subprotocol and extensions agreed in the handshake. */
	protocol: string | null = null;
	extensions: readonly string[] = [];
	/** The request the client sent or the server received. */
	request: ClientRequest | null = null;
	/** The handshake URI (client). */
	readonly uri: WebSocketUri | null = null;

	constructor(opts: ConnectionOptions) {
		checkOptions(opts);
		this.role = opts.role;
		this.opts = opts;
		this.random = opts.random ?? cryptoRandom;
		const skip = !!(opts.skipHandshake || opts.agreed);
		this.phase = skip ? 'OPEN' : 'CONNECTING';
		if (opts.agreed) {
			this.protocol = opts.agreed.protocol;
			this.extensions = opts.agreed.extensions;
			this.codec = opts.agreed.codec;
		}
		this.reader = new Reader({
			from: peerOf(this.role),
			heads: skip ? 'none' : this.role === 'server' ? 'request' : 'response',
			codec: this.codec,
			onError: 'stop',
			maxMessageSize: opts.maxMessageSize ?? DEFAULT_MAX_MESSAGE,
			mutableInput: !!opts.mutableInput,
			...(opts.allocate ? { allocate: opts.allocate } : {})
		});
		if (!skip && this.role === 'client') {
			if (!opts.uri) throw new WebSocketUsageError('NO_URI', {}, 'RFC 6455 §3');
			this.offer = openingRequest({
				uri: opts.uri,
				random: this.random,
				origin: opts.origin,
				protocols: opts.protocols,
				extensions: opts.extensions,
				headers: opts.headers
			});
			this.uri = this.offer.uri;
			this.out.push({ kind: 'handshake', why: 'request', bytes: this.offer.request, rfc: 'RFC 6455 §4.1' });
		}
	}

	/** The state as RFC 6455 names it (states.ts has the finer phase and the table). */
	get state(): ConnectionState {
		return PHASES[this.phase].state;
	}

	/** The key the client sent (for showing the Accept computation). */
	get handshakeKey(): string {
		return this.offer?.key ?? '';
	}

	/**
	 * True once the transport should be closed (RFC 6455 §7.1.1): after a failure, a refused
	 * handshake or the end of the transport; after a clean closing handshake, by the server only, so
	 * that the client need not hold the TCP connection in TIME_WAIT.
	 */
	get shouldCloseTransport(): boolean {
		return this.ending !== null && (this.ending !== 'clean' || this.role === 'server' || this.eof);
	}

	/** Is anything queued for the wire? */
	get wantsToWrite(): boolean {
		return this.out.length > 0;
	}

	/** Take the pieces queued for the wire, in order. */
	takeOutgoing(): Outgoing[] {
		const o = this.out;
		this.out = [];
		return o;
	}

	/** Take the bytes queued for the wire as a list of buffers to write in order. */
	dataToSend(): Uint8Array[] {
		const chunks: Uint8Array[] = [];
		for (const o of this.takeOutgoing()) {
			if (o.kind === 'handshake') chunks.push(o.bytes);
			else for (const p of o.parts) chunks.push(p);
		}
		return chunks;
	}

	/** Feed bytes from the transport; returns what they meant, once all of them are processed. */
	receive(data: Uint8Array): ConnectionEvent[] {
		const events: ConnectionEvent[] = [];
		this.process(data, events, 'receive');
		return events;
	}

	/**
	 * Feed bytes and hand each event to `handle` the moment it happens, before the next frame is looked
	 * at. What the handler sends is queued ahead of anything later frames cause: a message followed by a
	 * bad frame in the same read is echoed before the close that the bad frame triggers, as a peer that
	 * handled the frames one by one would (RFC 6455 §5.4: frames are processed in order). A server
	 * wants this; receive() suits a trace that looks at all the events of a read together.
	 */
	receiveEach(data: Uint8Array, handle: (event: ConnectionEvent) => void): void {
		if (typeof handle !== 'function') throw new WebSocketUsageError('BAD_HANDLER', { got: describeValue(handle) });
		this.process(data, { push: handle }, 'receiveEach');
	}

	/** The transport closed (TCP FIN or error). After a completed closing handshake or a failure, nothing is left to report. */
	receiveEof(): ConnectionEvent[] {
		const events: ConnectionEvent[] = [];
		this.eof = true;
		if (this.phase === 'CLOSED') return events;
		this.ending = 'transport';
		this.move('transport-closed', events, 'RFC 6455 §7.1.5');
		events.push(this.closedEvent(1006, '', false, 'RFC 6455 §7.1.5'));
		return events;
	}

	private process(data: Uint8Array, events: EventSink, method: string): void {
		if (!(data instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_INPUT', { fn: method, got: describeValue(data) });
		if (this.busy) throw new WebSocketUsageError('REENTRANT', { fn: method });
		if (!PHASES[this.phase].reads || data.length === 0) return;
		this.busy = true;
		try {
			this.handleAll(this.reader.push(data), events);
		} finally {
			this.busy = false;
		}
	}

	private handleAll(read: readonly ReadEvent[], events: EventSink): void {
		for (const r of read) {
			if (!PHASES[this.phase].reads) return;
			this.handle(r, events);
		}
	}

	// ---- sending --------------------------------------------------------------------------------

	send(data: string | Uint8Array, opts: SendOptions = {}): void {
		if (typeof data === 'string') this.sendMessage(Opcode.Text, encodeUtf8(data), opts);
		else if (data instanceof Uint8Array) this.sendMessage(Opcode.Binary, data, opts);
		else throw new WebSocketUsageError('BAD_DATA', { fn: 'send', got: describeValue(data) });
	}

	sendText(text: string, opts: SendOptions = {}): void {
		if (typeof text !== 'string')
			throw new WebSocketUsageError('BAD_DATA', { fn: 'sendText', got: describeValue(text) });
		this.sendMessage(Opcode.Text, encodeUtf8(text), opts);
	}

	sendBinary(data: Uint8Array, opts: SendOptions = {}): void {
		if (!(data instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_DATA', { fn: 'sendBinary', got: describeValue(data) });
		this.sendMessage(Opcode.Binary, data, opts);
	}

	/** Send a message whose bytes are given (text already encoded as UTF-8, or binary). */
	sendMessage(opcode: 1 | 2, data: Uint8Array, opts: SendOptions = {}): void {
		if (opcode !== Opcode.Text && opcode !== Opcode.Binary)
			throw new WebSocketUsageError('BAD_OPCODE', { got: describeValue(opcode) }, 'RFC 6455 §5.6');
		if (!(data instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_DATA', { fn: 'sendMessage', got: describeValue(data) });
		if (opts === null || typeof opts !== 'object')
			throw new WebSocketUsageError('BAD_OPTIONS', { fn: 'sendMessage', got: describeValue(opts) });
		this.requireData('message');
		const size = opts.fragmentSize;
		if (size !== undefined && !(Number.isInteger(size) && size > 0))
			throw new WebSocketUsageError('BAD_FRAGMENT_SIZE', { got: describeValue(size) }, 'RFC 6455 §5.4');
		let payload = data;
		let rsv1 = false;
		if (this.codec && opts.compress !== false) {
			const c = this.codec.compress(data);
			if (c) {
				payload = c;
				rsv1 = true;
			}
		}
		const kind = opcode === Opcode.Text ? 'text' : 'binary';
		const count = size === undefined || payload.length <= size ? 1 : Math.ceil(payload.length / size);
		const message = (fragment: number) =>
			({
				kind,
				size: data.length,
				...(rsv1 ? { compressedSize: payload.length } : {}),
				fragment,
				fragments: count
			}) as const;
		if (count === 1) {
			this.queueFrame({ opcode, payload, rsv1 }, 'message', 'RFC 6455 §5.6', { message: message(0) });
			return;
		}
		for (let i = 0; i < count; i++) {
			const piece = payload.subarray(i * size!, Math.min(payload.length, (i + 1) * size!));
			this.queueFrame(
				{ opcode: i === 0 ? opcode : Opcode.Continuation, payload: piece, fin: i === count - 1, rsv1: i === 0 && rsv1 },
				'message',
				'RFC 6455 §5.4',
				{ message: message(i) }
			);
		}
	}

	ping(payload: Uint8Array | string = EMPTY_BYTES): void {
		this.sendControl(Opcode.Ping, payload, 'ping');
	}

	/** An unsolicited pong: a one-way heartbeat (RFC 6455 §5.5.3). */
	pong(payload: Uint8Array | string = EMPTY_BYTES): void {
		this.sendControl(Opcode.Pong, payload, 'pong');
	}

	/**
	 * Start the closing handshake (RFC 6455 §7.1.2). `code` null sends an empty close payload. Returns
	 * the events it causes: the state going from OPEN to CLOSING.
	 */
	close(code: number | null = 1000, reason = ''): ConnectionEvent[] {
		if (this.phase === 'CONNECTING') throw new WebSocketUsageError('NOT_OPEN', { fn: 'close', state: this.state });
		if (this.sentCode !== undefined)
			throw new WebSocketUsageError('ALREADY_CLOSING', { fn: 'close' }, 'RFC 6455 §5.5.1');
		if (this.phase === 'CLOSED')
			throw new WebSocketUsageError('NOT_OPEN', { fn: 'close', state: this.state }, 'RFC 6455 §7.1.4');
		const payload = encodeClosePayload(code ?? undefined, reason);
		return this.collect((events) => {
			this.move('send-close', events, 'RFC 6455 §7.1.2');
			this.queueFrame({ opcode: Opcode.Close, payload }, 'close', 'RFC 6455 §5.5.1', { close: { code, reason } });
			this.sentCode = code;
		});
	}

	/**
	 * Send any frame, malformed ones included (the simulator shows what receivers do with them).
	 * Clients mask with a fresh key unless `mask` is given; `mask: null` sends a client frame unmasked.
	 */
	sendFrame(spec: FrameSpec): void {
		if (spec === null || typeof spec !== 'object')
			throw new WebSocketUsageError('BAD_FRAME_SPEC', { got: describeValue(spec) });
		if (this.phase === 'CONNECTING' || this.phase === 'CLOSED')
			throw new WebSocketUsageError('NOT_OPEN', { fn: 'sendFrame', state: this.state });
		this.queueFrame(spec, 'custom', 'RFC 6455 §5.2');
	}

	/** Fail the connection ourselves (RFC 6455 §7.1.7), e.g. for a policy violation (1008). */
	fail(code: number, reason = ''): ConnectionEvent[] {
		if (!Number.isInteger(code) || !isValidOnWire(code))
			throw new WebSocketUsageError('INVALID_CLOSE_CODE', { code: describeValue(code) }, 'RFC 6455 §7.4');
		encodeClosePayload(code, reason); // throws a WebSocketUsageError for a reason that does not fit
		if (this.phase === 'CLOSED') return [];
		return this.collect((events) => this.failWith(null, code, reason, events));
	}

	// ---- internals -----------------------------------------------------------------------------

	/** Run `fn`, which reports events outside receive() (close, fail), and hand back what it reported. */
	private collect(fn: (events: ConnectionEvent[]) => void): ConnectionEvent[] {
		const events: ConnectionEvent[] = [];
		fn(events);
		return events;
	}

	/** The one place the phase changes: by the table, with a state event when the state changes. */
	private move(t: Transition, events: EventSink, rfc: RfcSection): void {
		const from = this.state;
		this.phase = mustMove(this.phase, t);
		const to = this.state;
		if (to !== from) events.push({ type: 'state', from, to, rfc });
	}

	private requireData(what: string): void {
		if (!PHASES[this.phase].sendsData)
			throw new WebSocketUsageError('NOT_OPEN', { send: what, state: this.state }, 'RFC 6455 §5.5.1');
	}

	private sendControl(opcode: number, payload: Uint8Array | string, why: 'ping' | 'pong'): void {
		// A pong may still answer a ping after our close frame (RFC 6455 §5.5.2); nothing else may.
		if (!(opcode === Opcode.Pong && PHASES[this.phase].answersPings)) this.requireData(why);
		const bytes = typeof payload === 'string' ? encodeUtf8(payload) : payload;
		if (!(bytes instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_DATA', { fn: why, got: describeValue(payload) });
		if (bytes.length > 125)
			throw new WebSocketUsageError('CONTROL_TOO_LONG', { fn: why, bytes: bytes.length, max: 125 }, 'RFC 6455 §5.5');
		this.queueFrame({ opcode, payload: bytes }, why, why === 'ping' ? 'RFC 6455 §5.5.2' : 'RFC 6455 §5.5.3');
	}

	private queueFrame(
		spec: FrameSpec,
		why: FrameReason,
		rfc: RfcSection,
		extra: Pick<Extract<Outgoing, { kind: 'frame' }>, 'message' | 'close' | 'cause'> = {}
	): void {
		const payload = spec.payload ?? EMPTY_BYTES;
		if (!(payload instanceof Uint8Array)) throw new WebSocketUsageError('BAD_PAYLOAD', { got: describeValue(payload) });
		let mask = spec.mask;
		// A client masks every frame with a fresh key (RFC 6455 §5.3); masking copies, so the caller's buffer stays as it was.
		if (mask === undefined) mask = this.role === 'client' ? this.random(4) : null;
		const full: FrameSpec = {
			opcode: spec.opcode,
			payload,
			fin: !!(spec.fin ?? true),
			rsv1: !!spec.rsv1,
			rsv2: !!spec.rsv2,
			rsv3: !!spec.rsv3,
			mask,
			lengthForm: spec.lengthForm ?? minimalLengthForm(payload.length)
		};
		const parts = encodeFrameParts(full);
		const header: FrameHeader = {
			fin: full.fin!,
			rsv1: full.rsv1!,
			rsv2: full.rsv2!,
			rsv3: full.rsv3!,
			opcode: full.opcode,
			masked: mask != null,
			payloadLength: payload.length,
			lengthForm: full.lengthForm!,
			maskKey: mask ?? null,
			headerLength: headerLength(full.lengthForm!, mask != null)
		};
		this.out.push({ kind: 'frame', why, parts, header, payload, rfc, ...extra });
	}

	// ---- receiving ------------------------------------------------------------------------------

	private handle(r: ReadEvent, events: EventSink): void {
		switch (r.type) {
			case 'head':
				if (this.role === 'server') this.answer(r.head, r.bytes, events);
				else this.judge(r.head, r.bytes, events);
				return;
			case 'head-error':
				if (this.role === 'server') this.answer(r.problem, r.bytes, events);
				else
					this.handshakeFailed(
						null,
						{ of: 'response', code: 'HEAD_UNREADABLE', params: { problem: r.problem } },
						'RFC 6455 §4.1',
						events
					);
				return;
			case 'error':
				this.failWith(r.error, r.error.closeCode, shortReason(r.error.code), events);
				return;
			case 'frame':
				if (this.opts.frameEvents) events.push({ type: 'frame', frame: r.frame, rfc: 'RFC 6455 §5.2' });
				return;
			case 'fragment':
				events.push({
					type: 'fragment',
					frame: r.frame,
					index: r.index,
					bufferedBytes: r.bufferedBytes,
					rfc: 'RFC 6455 §5.4'
				});
				return;
			case 'message': {
				const kind = r.opcode === Opcode.Text ? 'text' : 'binary';
				const ev: { -readonly [K in keyof MessageConnectionEvent]: MessageConnectionEvent[K] } = {
					type: 'message',
					kind,
					data: r.data,
					frameCount: r.frameCount,
					compressed: r.compressed,
					rfc: 'RFC 6455 §5.6'
				};
				if (kind === 'text' && this.opts.decodeText !== false) ev.text = decodeUtf8(r.data);
				if (r.compressedSize !== undefined) ev.compressedSize = r.compressedSize;
				events.push(ev);
				return;
			}
			case 'ping': {
				// The engine's own answer is queued before the event is handed on, so a handler sees the
				// state after it (the same rule holds for closes and failures below).
				const answered = PHASES[this.phase].answersPings && this.opts.autoPong !== false;
				if (answered)
					this.queueFrame(
						{ opcode: Opcode.Pong, payload: new Uint8Array(r.frame.payload) },
						'auto-pong',
						'RFC 6455 §5.5.3'
					);
				events.push({ type: 'ping', payload: r.frame.payload, answered, rfc: 'RFC 6455 §5.5.2' });
				return;
			}
			case 'pong':
				events.push({ type: 'pong', payload: r.frame.payload, rfc: 'RFC 6455 §5.5.3' });
				return;
			case 'close':
				this.receiveClose(r.code, r.reason, events);
				return;
			case 'abandoned':
				return; // only readers that go on past faults report these
		}
	}

	/** The server's answer to the request it read (handshake/server.ts decides). */
	private answer(head: HttpHead | HeadProblem, bytes: Uint8Array, events: EventSink): void {
		const v = answerRequest(head, this.opts);
		if (v.request) {
			this.request = v.request;
			events.push({
				type: 'handshake-request',
				request: v.request,
				bytes: new Uint8Array(bytes),
				rfc: 'RFC 6455 §4.2.1'
			});
		}
		if (!v.ok) {
			this.out.push({
				kind: 'handshake',
				why: 'refuse',
				bytes: v.response,
				status: v.status,
				problem: v.problem,
				rfc: v.rfc
			});
			this.handshakeFailed(v.status, { of: 'request', ...v.problem }, v.rfc, events);
			return;
		}
		this.protocol = v.protocol;
		this.extensions = v.extensions;
		this.out.push({ kind: 'handshake', why: 'accept', bytes: v.response, rfc: 'RFC 6455 §4.2.2' });
		this.open(v.codec, 'RFC 6455 §4.2.2', events);
	}

	/** The client's reading of the answer (handshake/client.ts decides). */
	private judge(head: HttpHead, bytes: Uint8Array, events: EventSink): void {
		const v = judgeResponse(head, this.offer!, this.opts.extensions ?? []);
		const status = /^HTTP\/\d\.\d (\d{3})/.exec(head.startLine);
		events.push({
			type: 'handshake-response',
			status: status ? Number(status[1]) : null,
			accepted: v.ok,
			bytes: new Uint8Array(bytes),
			rfc: 'RFC 6455 §4.1'
		});
		if (!v.ok) {
			this.handshakeFailed(v.status, { of: 'response', ...v.problem }, v.rfc, events);
			return;
		}
		this.protocol = v.protocol;
		this.extensions = v.extensions;
		this.open(v.codec, 'RFC 6455 §4.1', events);
	}

	private open(codec: MessageCodec | null, rfc: RfcSection, events: EventSink): void {
		this.codec = codec;
		this.move('accept', events, rfc);
		events.push({ type: 'open', protocol: this.protocol, extensions: this.extensions, rfc });
		// Frames that came in the same read as the head are read now, with what was agreed.
		this.handleAll(this.reader.beginFrames({ codec }), events);
	}

	private handshakeFailed(status: number | null, problem: HandshakeProblem, rfc: RfcSection, events: EventSink): void {
		this.reader.stop();
		this.ending = 'refused';
		this.move('refuse', events, rfc);
		events.push({ type: 'handshake-failed', status, problem, rfc });
	}

	private receiveClose(code: number | null, reason: string, events: EventSink): void {
		const first = this.sentCode === undefined;
		this.move('receive-close', events, 'RFC 6455 §5.5.1');
		events.push({ type: 'close-received', code, reason, first, rfc: 'RFC 6455 §5.5.1' });
		if (first) {
			// Echo the code (RFC 6455 §5.5.1); an empty close is answered with an empty one.
			this.queueFrame(
				{ opcode: Opcode.Close, payload: encodeClosePayload(code ?? undefined) },
				'close-reply',
				'RFC 6455 §5.5.1',
				{
					close: { code, reason: '' }
				}
			);
			this.sentCode = code;
			this.move('send-close', events, 'RFC 6455 §7.1.1');
		}
		this.reader.stop();
		this.ending = 'clean';
		events.push(this.closedEvent(code ?? 1005, reason, true, 'RFC 6455 §7.1.1'));
	}

	/** Fail the connection (RFC 6455 §7.1.7): for a peer's protocol error, or at the application's request. */
	private failWith(error: ProtocolError | null, code: number, reason: string, events: EventSink): void {
		if (this.sentCode === undefined && (this.phase === 'OPEN' || this.phase === 'CLOSE_RECEIVED')) {
			// fail() checked the application's code and reason; the engine's own are short and valid.
			this.queueFrame({ opcode: Opcode.Close, payload: encodeClosePayload(code, reason) }, 'fail', 'RFC 6455 §7.1.7', {
				close: { code, reason },
				...(error ? { cause: error.code } : {})
			});
			this.sentCode = code;
		}
		this.reader.stop();
		this.ending = 'failed';
		if (error) events.push({ type: 'protocol-error', error, rfc: error.rfc });
		if (nextPhase(this.phase, 'fail') !== null) this.move('fail', events, 'RFC 6455 §7.1.7');
		events.push(this.closedEvent(1006, '', false, 'RFC 6455 §7.1.7'));
	}

	private closedEvent(code: number, reason: string, wasClean: boolean, rfc: RfcSection): ConnectionEvent {
		return {
			type: 'closed',
			code,
			reason,
			wasClean,
			sentCode: this.sentCode ?? null,
			ending: this.ending ?? 'transport',
			rfc
		};
	}
}

/** Every option checked up front: a bad one is the caller's mistake, reported here rather than mid-handshake. */
function checkOptions(opts: ConnectionOptions): void {
	if (opts === null || typeof opts !== 'object' || (opts.role !== 'client' && opts.role !== 'server'))
		throw new WebSocketUsageError('BAD_ROLE', { got: describeValue(opts?.role) });
	if (opts.maxMessageSize !== undefined && !(typeof opts.maxMessageSize === 'number' && opts.maxMessageSize > 0))
		throw new WebSocketUsageError('BAD_LIMIT', { option: 'maxMessageSize', got: describeValue(opts.maxMessageSize) });
	if (opts.random !== undefined && typeof opts.random !== 'function')
		throw new WebSocketUsageError('BAD_RANDOM', { got: describeValue(opts.random) });
	if (
		opts.extensions !== undefined &&
		(!Array.isArray(opts.extensions) ||
			!opts.extensions.every(
				(e) =>
					e !== null &&
					typeof e === 'object' &&
					typeof e.name === 'string' &&
					typeof e.offer === 'function' &&
					typeof e.accept === 'function' &&
					typeof e.negotiate === 'function'
			))
	)
		throw new WebSocketUsageError('BAD_EXTENSIONS', { got: describeValue(opts.extensions) }, 'RFC 6455 §9');
	checkHeaderFields(opts.headers);
	for (const fn of ['checkRequest', 'refusalBody'] as const)
		if (opts[fn] !== undefined && typeof opts[fn] !== 'function')
			throw new WebSocketUsageError('BAD_OPTIONS', { option: fn, got: describeValue(opts[fn]) });
	checkSubprotocols(opts.subprotocols, 'subprotocols');
	if (opts.role === 'client' && !opts.skipHandshake && !opts.agreed) {
		checkSubprotocols(opts.protocols);
		if (opts.uri !== undefined) checkUri(opts.uri);
		if (opts.origin !== undefined && (typeof opts.origin !== 'string' || /[\r\n\0]/.test(opts.origin)))
			throw new WebSocketUsageError('BAD_ORIGIN', { got: describeValue(opts.origin) }, 'RFC 6454 §7');
	}
}

/**
 * The reason a failing close frame carries: the error's code, in lower case with spaces ("invalid
 * utf8"). A token for whoever reads the bytes, in no language; the reader's own page words it.
 */
function shortReason(code: ErrorCode): string {
	return code.toLowerCase().replace(/_/g, ' ');
}
