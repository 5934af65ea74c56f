/**
 * Reading a real connection as it streams past, one direction at a time: the HTTP head of the
 * opening handshake (RFC 6455 §4), then frames (§5.2), each with the exact bytes it took on the
 * wire (masked, as sent), then each whole message, inflated when permessage-deflate was agreed
 * (RFC 7692: one inflater per direction, since each message may use the window of the ones before).
 * The engine does the reading (readHead, FrameDecoder, MessageAssembler, PermessageDeflateCodec);
 * this file only keeps the raw bytes next to it and says which message each data frame belongs to.
 *
 * Used by the tap (server/tap.ts, to log frames in the terminal) and by the live page (to show the
 * side channel's bytes), so it imports the engine by relative path and touches no DOM or socket.
 */
import {
	FrameDecoder,
	MessageAssembler,
	PERMESSAGE_DEFLATE,
	PermessageDeflateCodec,
	header,
	parseDeflateParams,
	parseExtensions,
	readHead,
	type DecodedFrame,
	type HttpHead,
	type MessageCodec,
	type ProtocolError
} from '../protocol';
import type { Direction } from './side-channel-protocol';

/** Frames larger than this are not decoded (their payload would be held in memory whole). */
export const DEFAULT_MAX_FRAME = 128 * 1024 * 1024;
/** Messages are inflated up to this size (a guard against deflate bombs, RFC 7692 §8.2). */
export const DEFAULT_MAX_MESSAGE = 64 * 1024 * 1024;

export type WireItem =
	/** The request ('in') or the answer ('out'), with its bytes. */
	| { readonly kind: 'head'; readonly dir: Direction; readonly head: HttpHead; readonly bytes: Uint8Array; readonly offset: number }
	| {
			readonly kind: 'frame';
			readonly dir: Direction;
			/** As the engine decoded it: the payload unmasked, errors found with the direction's rules. */
			readonly frame: DecodedFrame;
			/** The frame's bytes exactly as they crossed the wire. */
			readonly wire: Uint8Array;
			/** Offset of its first byte in this direction's stream (the handshake counts). */
			readonly offset: number;
			/** Which data message (0, 1, ...) it is part of; null for control frames and strays. */
			readonly message: number | null;
	  }
	/**
	 * A whole data message, after its final frame: its data (inflated if it was compressed), and
	 * what the message rules found (invalid UTF-8, a failed inflate).
	 */
	| {
			readonly kind: 'message';
			readonly dir: Direction;
			readonly index: number;
			readonly opcode: 1 | 2;
			readonly data: Uint8Array;
			readonly compressed: boolean;
			/** Bytes on the wire, for a compressed message. */
			readonly compressedSize?: number;
			readonly problems: readonly ProtocolError[];
	  }
	/** Bytes that are not WebSocket frames: a refused handshake's body, or what follows a gap. */
	| { readonly kind: 'other'; readonly dir: Direction; readonly bytes: Uint8Array; readonly offset: number; readonly reason: OtherReason }
	/** The decoder cannot go on (a 64-bit length with its top bit set, a frame too large to hold). */
	| { readonly kind: 'stopped'; readonly dir: Direction; readonly offset: number; readonly reason: OtherReason; readonly error?: ProtocolError };

export type OtherReason = 'not-http' | 'not-upgraded' | 'gap' | 'undecodable' | 'too-big';

class FrameTooBig extends Error {}

class DirectionReader {
	phase: 'head' | 'frames' | 'other' = 'head';
	reason: OtherReason = 'not-http';
	/** Bytes seen so far in this direction. */
	total = 0;
	messages = 0;
	private inMessage = false;
	private headBuf: Uint8Array | null = null;
	private decoder: FrameDecoder | null = null;
	private framesBase = 0;
	/** Raw copies of what the decoder was given, from decoder offset rawStart on. */
	private raw: Uint8Array[] = [];
	private rawStart = 0;
	private assembler: MessageAssembler | null = null;
	private problems: ProtocolError[] = [];

	constructor(
		readonly dir: Direction,
		private readonly decoderFor: () => FrameDecoder,
		private readonly assemblerFor: () => MessageAssembler,
		private readonly onHead: (head: HttpHead) => void
	) {}

	push(chunk: Uint8Array, out: WireItem[]): void {
		const at = this.total;
		this.total += chunk.length;
		if (this.phase === 'other') {
			out.push({ kind: 'other', dir: this.dir, bytes: chunk, offset: at, reason: this.reason });
			return;
		}
		if (this.phase === 'head') {
			const buf: Uint8Array = this.headBuf ? concat2(this.headBuf, chunk) : chunk;
			const r = readHead(buf);
			if (r.kind === 'incomplete') {
				this.headBuf = buf;
				return;
			}
			this.headBuf = null;
			const startOk = this.dir === 'in' ? /^[A-Z]+ \S+ HTTP\/\d\.\d$/.test(r.kind === 'head' ? r.head.startLine : '')
				: /^HTTP\/\d\.\d \d{3}/.test(r.kind === 'head' ? r.head.startLine : '');
			if (r.kind === 'error' || !startOk) {
				this.stop('not-http');
				out.push({ kind: 'other', dir: this.dir, bytes: buf, offset: 0, reason: 'not-http' });
				return;
			}
			out.push({ kind: 'head', dir: this.dir, head: r.head, bytes: buf.subarray(0, r.head.length), offset: 0 });
			this.phase = 'frames';
			this.framesBase = r.head.length;
			// Before the rest is read: a refused handshake turns what follows into a body.
			this.onHead(r.head);
			const rest = buf.subarray(r.head.length);
			if (rest.length) this.frames(rest, out);
			return;
		}
		this.frames(chunk, out);
	}

	/** No more frames: what follows is shown as plain bytes. */
	stop(reason: OtherReason): void {
		this.phase = 'other';
		this.reason = reason;
		this.raw = [];
		this.decoder = null;
		this.assembler = null;
	}

	private frames(chunk: Uint8Array, out: WireItem[]): void {
		if (this.phase === 'other') {
			out.push({ kind: 'other', dir: this.dir, bytes: chunk, offset: this.framesBase + this.rawEnd(), reason: this.reason });
			return;
		}
		this.decoder ??= this.decoderFor();
		this.assembler ??= this.assemblerFor();
		this.raw.push(chunk);
		let results;
		try {
			// A copy (not Buffer#slice, which shares memory): the decoder unmasks in place, and the wire
			// bytes are kept as they were.
			results = this.decoder.push(new Uint8Array(chunk));
		} catch (err) {
			const offset = this.framesBase + this.rawStart;
			this.stop(err instanceof FrameTooBig ? 'too-big' : 'undecodable');
			out.push({ kind: 'stopped', dir: this.dir, offset, reason: this.reason });
			return;
		}
		for (const r of results) {
			if (r.type === 'error') {
				const offset = this.framesBase + r.offset;
				this.stop('undecodable');
				out.push({ kind: 'stopped', dir: this.dir, offset, reason: 'undecodable', error: r.error });
				return;
			}
			const f = r.frame;
			const size = f.headerLength + f.payloadLength;
			let message: number | null = null;
			if (f.opcode === 1 || f.opcode === 2) {
				message = this.messages++;
				this.inMessage = !f.fin;
			} else if (f.opcode === 0 && this.inMessage) {
				message = this.messages - 1;
				this.inMessage = !f.fin;
			}
			out.push({ kind: 'frame', dir: this.dir, frame: f, wire: this.take(f.offset, size), offset: this.framesBase + f.offset, message });
			// Every frame goes through the assembler, in order: the inflater's window depends on it.
			for (const ev of this.assembler.frame(f)) {
				if (ev.kind === 'error') this.problems.push(ev.error);
				else if (ev.kind === 'message') {
					out.push({
						kind: 'message', dir: this.dir, index: this.messages - 1, opcode: ev.opcode, data: ev.data, compressed: ev.compressed,
						...(ev.compressedSize !== undefined ? { compressedSize: ev.compressedSize } : {}), problems: this.problems
					});
					this.problems = [];
				}
			}
		}
	}

	private rawEnd(): number {
		return this.rawStart + this.raw.reduce((n, c) => n + c.length, 0);
	}

	/** The raw bytes [offset, offset + size) in decoder offsets, dropping everything before them. */
	private take(offset: number, size: number): Uint8Array {
		this.drop(offset - this.rawStart);
		const first = this.raw[0];
		let wire: Uint8Array;
		if (first && first.length >= size) wire = first.subarray(0, size);
		else {
			wire = new Uint8Array(size);
			let o = 0;
			for (const c of this.raw) {
				if (o >= size) break;
				const n = Math.min(c.length, size - o);
				wire.set(c.subarray(0, n), o);
				o += n;
			}
		}
		this.drop(size);
		return wire;
	}

	private drop(n: number): void {
		this.rawStart += n;
		while (n > 0 && this.raw.length) {
			const c = this.raw[0];
			if (c.length <= n) {
				n -= c.length;
				this.raw.shift();
			} else {
				this.raw[0] = c.subarray(n);
				n = 0;
			}
		}
	}
}

export interface ConnectionReaderOptions {
	readonly maxFrame?: number;
	readonly maxMessage?: number;
}

/**
 * Both directions of one connection. The answer decides how the rest is read: a 101 with
 * permessage-deflate (RFC 7692) gives RSV1 a meaning; any other status means no frames follow.
 */
export class ConnectionReader {
	request: HttpHead | null = null;
	response: HttpHead | null = null;
	/** Extensions the server agreed to, by name. */
	extensions: string[] = [];
	private allowedRsv = 0;
	/** Per direction, the codec that inflates its messages, once permessage-deflate is agreed. */
	private codecs: Record<Direction, MessageCodec | null> = { in: null, out: null };
	private readonly readers: Record<Direction, DirectionReader>;

	constructor(opts: ConnectionReaderOptions = {}) {
		const maxFrame = opts.maxFrame ?? DEFAULT_MAX_FRAME;
		const maxMessage = opts.maxMessage ?? DEFAULT_MAX_MESSAGE;
		const make = (dir: Direction) =>
			new DirectionReader(dir, () => new FrameDecoder({
				onError: 'continue',
				// Client frames are masked, server frames are not (RFC 6455 §5.1).
				expectMasked: dir === 'in' ? 'masked' : 'unmasked',
				allowedRsv: this.allowedRsv,
				inspectHeader: (h) => {
					// Thrown so the decoder never allocates a payload this large (see DirectionReader.frames).
					if (h.payloadLength > maxFrame) throw new FrameTooBig();
					return null;
				}
			}), () => new MessageAssembler({ codec: this.codecs[dir], keepFrames: false, maxMessageSize: maxMessage }),
			(head) => this.onHead(dir, head));
		this.readers = { in: make('in'), out: make('out') };
	}

	/** Bytes seen in a direction. */
	bytes(dir: Direction): number {
		return this.readers[dir].total;
	}

	/** Data messages begun in a direction. */
	messages(dir: Direction): number {
		return this.readers[dir].messages;
	}

	push(dir: Direction, chunk: Uint8Array): WireItem[] {
		const out: WireItem[] = [];
		this.readers[dir].push(chunk, out);
		return out;
	}

	/** Bytes of this direction were lost: nothing after them can be framed. */
	gap(dir: Direction, bytes: number): WireItem[] {
		const r = this.readers[dir];
		const offset = r.total;
		r.total += bytes;
		if (r.phase === 'other' && r.reason === 'gap') return [];
		r.stop('gap');
		return [{ kind: 'stopped', dir, offset, reason: 'gap' }];
	}

	private onHead(dir: Direction, head: HttpHead): void {
		if (dir === 'in') {
			this.request = head;
			return;
		}
		this.response = head;
		const status = /^HTTP\/\d\.\d (\d{3})/.exec(head.startLine)?.[1];
		if (status !== '101') {
			// A refused handshake: a body may follow, never frames (RFC 6455 §4.1).
			for (const d of ['in', 'out'] as const) if (this.readers[d].phase === 'frames') this.readers[d].stop('not-upgraded');
			return;
		}
		const ext = parseExtensions(header(head.fields, 'Sec-WebSocket-Extensions'));
		this.extensions = ext.ok ? ext.offers.map((e) => e.name) : [];
		const deflate = ext.ok ? ext.offers.find((e) => e.name.toLowerCase() === PERMESSAGE_DEFLATE) : undefined;
		if (!deflate) return;
		// permessage-deflate marks compressed messages with RSV1 (RFC 7692 §6). The server's answer
		// holds the agreed parameters; each direction inflates with the sender's takeover rule: the
		// client-role codec reads the server's messages, the server-role codec the client's.
		this.allowedRsv = 0x40;
		const p = parseDeflateParams(deflate, 'response');
		if (!p.ok) return;
		const params = {
			serverNoContextTakeover: p.params.serverNoContextTakeover,
			clientNoContextTakeover: p.params.clientNoContextTakeover,
			serverMaxWindowBits: p.params.serverMaxWindowBits ?? 15,
			clientMaxWindowBits: typeof p.params.clientMaxWindowBits === 'number' ? p.params.clientMaxWindowBits : 15
		} as const;
		this.codecs = { in: new PermessageDeflateCodec(params, 'server'), out: new PermessageDeflateCodec(params, 'client') };
	}

	/** Was permessage-deflate agreed? */
	get compressed(): boolean {
		return this.allowedRsv !== 0;
	}
}

function concat2(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}
