/**
 * The engine's one reader: bytes in, what they are out. A stream may start with HTTP heads (the
 * opening handshake, RFC 6455 §4), then carries frames (§5.2), which make messages (§5.4). The
 * connection, the decoder page, live mode's true bytes and the tap all read through this class, so
 * a rule is checked, and a byte is counted, one way everywhere.
 *
 *   const r = new Reader({ from: 'client', heads: 'request' });
 *   r.push(bytes)      -> [{ type: 'head', head, ... }]      the reader now waits: the caller judges
 *   r.beginFrames({ codec })   -> events for what followed    the head, then says how to read frames
 *   r.push(more)       -> [{ type: 'frame' }, { type: 'message' }, ...]
 *
 * A reader stops at the first fault ('stop', a real receiver: the caller fails the connection) or
 * goes on past faults ('continue': the decoder page, the tap), recording each on its frame. It can
 * keep every frame's bytes as they came (`keepRaw`: masked, for display), and says what it knows of
 * a frame the input ends inside (`partial()`), header or payload, with what is already wrong.
 * Bytes that will be read again elsewhere are copied first unless `mutableInput` says they may be
 * unmasked in place.
 */

import { concat, EMPTY_BYTES } from '../bytes';
import { WebSocketUsageError, describeValue, type ProtocolError } from '../errors';
import { FrameDecoder, type DecodedFrame } from '../framing/decoder';
import { readHeaderPrefix, type FrameHeader, type HeaderPrefix } from '../framing/frame';
import { headerErrors, type HeaderRules } from '../framing/header-rules';
import { readHead, type HeadProblem, type HttpHead } from '../handshake/http';
import type { Role } from '../types';
import { MessageAssembler, type AssembledEvent, type MessageCodec } from './assembler';

export interface ReaderOptions {
	/**
	 * Whose bytes these are: 'client' (every frame masked, RFC 6455 §5.1), 'server' (none masked), or
	 * 'either': a whole conversation, each frame's MASK bit telling who sent it; each side then has
	 * its own message state and codec, as each has its own LZ77 window (RFC 7692 §7.2.1).
	 */
	readonly from: Role | 'either';
	/**
	 * The HTTP heads the stream starts with, read before any frame: the client's 'request', the
	 * server's 'response', or 'leading': whichever of the two the input starts with, at most one of
	 * each (a whole TCP stream, pasted). 'none' (the default) reads frames from the first byte.
	 */
	readonly heads?: 'request' | 'response' | 'leading' | 'none';
	/** 'stop' at the first fault (a receiver, which then fails the connection) or 'continue' (default 'stop'). */
	readonly onError?: 'stop' | 'continue';
	/** Largest message accepted (default: no limit); larger ones are MESSAGE_TOO_BIG (1009). */
	readonly maxMessageSize?: number;
	/** Frames declaring more payload than this stop the reader, even when it goes on past faults. */
	readonly refuseFramesOver?: number;
	/** Hand each frame's bytes, as they came, with its event (`raw`). */
	readonly keepRaw?: boolean;
	/** Messages list their frames (default false). */
	readonly keepFrames?: boolean;
	/** push() may unmask in place inside the chunks it is given (a server reading its own sockets). */
	readonly mutableInput?: boolean;
	/** Makes the buffers payloads are gathered in (see DecoderOptions.allocate). */
	readonly allocate?: (size: number) => Uint8Array;
	/** With heads 'none': the codec frames are read with from the start (permessage-deflate agreed). */
	readonly codec?: MessageCodec | null;
	/** With from 'either' and heads 'none': each sender's codec. */
	readonly codecs?: Partial<Record<Role, MessageCodec | null>>;
}

/** How frames are read once the heads are judged: the extension each sender's messages use. */
export interface FramingSetup {
	readonly codec?: MessageCodec | null;
	readonly codecs?: Partial<Record<Role, MessageCodec | null>>;
	/** Whose frames follow, when the heads have told (default: the reader's `from`). */
	readonly from?: Role | 'either';
	/** The largest message, when what the heads agreed decides it (default: the reader's option). */
	readonly maxMessageSize?: number;
}

export type ReadEvent =
	/** A whole HTTP head: the request (the client's) or the response (the server's). */
	| {
			readonly type: 'head';
			readonly sender: Role;
			readonly head: HttpHead;
			readonly bytes: Uint8Array;
			readonly offset: number;
	  }
	/** Bytes where a head should be that are not one (`bytes`: all that arrived from there); the reader stops. */
	| { readonly type: 'head-error'; readonly problem: HeadProblem; readonly offset: number; readonly bytes: Uint8Array }
	| {
			readonly type: 'frame';
			readonly sender: Role;
			readonly frame: DecodedFrame;
			/** The frame's bytes exactly as they came (masked), with keepRaw. */
			readonly raw?: Uint8Array;
			/** Which of the sender's data messages (0, 1, ...) the frame belongs to; null for control frames and strays. */
			readonly message: number | null;
			/** For a control frame: the sender's data message it arrived in the middle of (RFC 6455 §5.4 allows it). */
			readonly during: number | null;
	  }
	| {
			readonly type: 'fragment';
			readonly sender: Role;
			readonly message: number;
			readonly frame: DecodedFrame;
			readonly index: number;
			readonly bufferedBytes: number;
	  }
	| {
			readonly type: 'message';
			readonly sender: Role;
			readonly message: number;
			readonly opcode: 1 | 2;
			readonly data: Uint8Array;
			readonly frames: readonly DecodedFrame[];
			readonly frameCount: number;
			readonly compressed: boolean;
			readonly compressedSize?: number;
			readonly invalid: boolean;
	  }
	/** A fragmented message a new one cut short (only when going on past faults). */
	| {
			readonly type: 'abandoned';
			readonly sender: Role;
			readonly message: number;
			readonly opcode: 1 | 2;
			readonly data: Uint8Array;
			readonly frames: readonly DecodedFrame[];
			readonly frameCount: number;
			readonly compressed: boolean;
	  }
	| { readonly type: 'ping' | 'pong'; readonly sender: Role; readonly frame: DecodedFrame }
	| {
			readonly type: 'close';
			readonly sender: Role;
			readonly frame: DecodedFrame;
			readonly code: number | null;
			readonly reason: string;
	  }
	/**
	 * A fault. `fatal`: no frame can be read after it (the reader stopped); otherwise it belongs to
	 * `frame` (a message rule: bad UTF-8, a bad close payload, a failed inflate).
	 */
	| {
			readonly type: 'error';
			readonly sender: Role | null;
			readonly error: ProtocolError;
			readonly fatal: boolean;
			readonly frame?: DecodedFrame;
			/** For a fault in a header: the first byte of its frame, and the header when it was read whole. */
			readonly frameOffset?: number;
			readonly header?: FrameHeader;
	  };

/** A frame the input ends inside, or that stopped the reader, as far as it goes. */
export interface PartialFrame {
	readonly offset: number;
	readonly sender: Role | null;
	/** The header as far as it arrived, read by readHeaderPrefix. */
	readonly prefix: HeaderPrefix;
	/** Its payload so far, unmasked (empty until the header is whole). */
	readonly payload: Uint8Array;
	/** Its bytes as they came (with keepRaw). */
	readonly raw?: Uint8Array;
	/** What is already wrong: frame rules, message rules, text that cannot be UTF-8. */
	readonly errors: readonly ProtocolError[];
}

export type ReaderState = 'head' | 'awaiting-frames' | 'frames' | 'stopped';

const GET = [0x47, 0x45, 0x54, 0x20]; // "GET "
const HTTP = [0x48, 0x54, 0x54, 0x50, 0x2f]; // "HTTP/"

/** Per sender: its message state and the number of its data messages so far. */
interface Side {
	readonly assembler: MessageAssembler;
	/** Data messages begun (the next one's index). */
	messages: number;
	/** The index of the message still waiting for its final frame, if any. */
	open: number | null;
}

export class Reader {
	private readonly opts: ReaderOptions;
	private readonly stopOnError: boolean;
	/** Whose frames these are (the option, or what beginFrames said). */
	private from: Role | 'either';
	private st: ReaderState;
	private headKinds: Role[] = [];
	/** Bytes held while reading a head, or waiting for beginFrames(). */
	private held: Uint8Array[] = [];
	private heldBytes = 0;
	/** Stream offset of the first held byte. */
	private heldAt = 0;
	private decoder: FrameDecoder | null = null;
	/** RSV bits the agreed extensions use (RSV1 = 0x40 with permessage-deflate). */
	private allowedRsv = 0;
	private sides: Partial<Record<Role, Side>> = {};
	/** Raw copies of what the decoder was given, from stream offset rawStart on (keepRaw). */
	private raw: Uint8Array[] = [];
	private rawStart = 0;
	private total = 0;

	constructor(opts: ReaderOptions) {
		if (
			opts === null ||
			typeof opts !== 'object' ||
			(opts.from !== 'client' && opts.from !== 'server' && opts.from !== 'either')
		)
			throw new WebSocketUsageError('BAD_OPTIONS', { fn: 'Reader', option: 'from', got: describeValue(opts?.from) });
		const heads = opts.heads ?? 'none';
		if (!['request', 'response', 'leading', 'none'].includes(heads))
			throw new WebSocketUsageError('BAD_OPTIONS', { fn: 'Reader', option: 'heads', got: describeValue(heads) });
		if (opts.maxMessageSize !== undefined && !(typeof opts.maxMessageSize === 'number' && opts.maxMessageSize > 0))
			throw new WebSocketUsageError('BAD_LIMIT', { option: 'maxMessageSize', got: describeValue(opts.maxMessageSize) });
		this.opts = opts;
		this.from = opts.from;
		this.stopOnError = (opts.onError ?? 'stop') === 'stop';
		this.st = heads === 'none' ? 'frames' : 'head';
		if (this.st === 'frames') this.startFrames({ codec: opts.codec, codecs: opts.codecs }, 0);
	}

	get state(): ReaderState {
		return this.st;
	}

	/** Bytes pushed so far: the stream offset of the next byte. */
	get offset(): number {
		return this.total;
	}

	/** Where the head being read starts, while the input ends inside it. */
	get headOffset(): number | null {
		return this.st === 'head' && this.heldBytes > 0 ? this.heldAt : null;
	}

	/** Data messages each sender has begun. */
	messagesOf(sender: Role): number {
		return this.sides[sender]?.messages ?? 0;
	}

	/** The sender's data message still waiting for its final frame, if any. */
	openMessage(sender: Role): number | null {
		return this.sides[sender]?.open ?? null;
	}

	/** Read the next bytes; events come back in stream order. */
	push(chunk: Uint8Array): ReadEvent[] {
		if (!(chunk instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_INPUT', { fn: 'Reader.push', got: describeValue(chunk) });
		const out: ReadEvent[] = [];
		if (chunk.length === 0 || this.st === 'stopped') {
			this.total += chunk.length;
			return out;
		}
		const at = this.total;
		this.total += chunk.length;
		if (this.st === 'frames') this.frames(chunk, out);
		else {
			if (this.heldBytes === 0) this.heldAt = at;
			this.held.push(chunk);
			this.heldBytes += chunk.length;
			if (this.st === 'head') this.readHeads(out);
		}
		return out;
	}

	/** After the heads: read frames, with the extensions the handshake agreed. */
	beginFrames(setup: FramingSetup = {}): ReadEvent[] {
		if (this.st !== 'awaiting-frames')
			throw new WebSocketUsageError('NOT_OPEN', { fn: 'Reader.beginFrames', state: this.st });
		const at = this.heldAt;
		const rest = this.takeHeld();
		this.startFrames(setup, at);
		const out: ReadEvent[] = [];
		if (rest.length) this.frames(rest, out);
		return out;
	}

	/**
	 * Stop reading, and hand back the bytes held after the heads (a refused handshake's body, which
	 * is no frames), with the stream offset of their first byte.
	 */
	release(): { readonly bytes: Uint8Array; readonly offset: number } {
		const offset = this.heldAt;
		const bytes = this.st === 'awaiting-frames' ? this.takeHeld() : EMPTY_BYTES;
		this.stop();
		return { bytes, offset };
	}

	/** `n` bytes of the stream were lost (a capture's gap): nothing after them can be framed. */
	lose(n: number): void {
		this.total += n;
		this.stop();
	}

	/** Stop reading: later bytes are only counted (a refused handshake, a connection that failed). */
	stop(): void {
		this.st = 'stopped';
		this.held = [];
		this.heldBytes = 0;
		this.raw = [];
		this.decoder = null;
	}

	/** The frame the input ends inside (or that stopped the reader), as far as it goes; null between frames. */
	partial(): PartialFrame | null {
		const d = this.decoder;
		if (!d) return null;
		const offset = d.frameOffset;
		const headerBytes = d.pendingHeaderBytes();
		if (headerBytes.length === 0) return null;
		const prefix = readHeaderPrefix(headerBytes);
		const sender = this.senderOf(prefix.header, prefix.secondByte);
		const side = sender ? this.sides[sender] : undefined;
		const p = d.partial();
		const errors: ProtocolError[] = [];
		let payload = EMPTY_BYTES;
		if (p) {
			payload = p.received;
			errors.push(...p.errors);
		} else {
			// The decoder never reached the end of this header: the rules are asked of what there is.
			errors.push(...this.inspectPrefix(prefix, offset));
		}
		if (p && side) {
			const e = side.assembler.previewPartial(p.header, offset, payload);
			if (e) errors.push(e);
		}
		const raw = this.opts.keepRaw ? this.rawFrom(offset) : undefined;
		return { offset, sender, prefix, payload, errors, ...(raw ? { raw } : {}) };
	}

	/**
	 * The rules this reader applies, asked of a header read elsewhere as far as it goes (readHeaderPrefix
	 * over a frame it stopped at): frame rules, then message rules, without moving any state.
	 */
	inspectPrefix(prefix: HeaderPrefix, offset: number): ProtocolError[] {
		const h = prefix.header;
		const errors = [
			...(headerErrors(prefix.b0, prefix.b1, prefix.lengthKnown ? h.payloadLength : null, offset, this.rules()) ?? [])
		];
		const sender = this.senderOf(h, prefix.secondByte);
		const e = prefix.secondByte && sender ? this.sides[sender]?.assembler.inspectHeader(h, offset, false) : null;
		if (e) errors.push(e);
		return errors;
	}

	// ---- heads ----------------------------------------------------------------------------------

	private readHeads(out: ReadEvent[]): void {
		const mode = this.opts.heads;
		for (;;) {
			const buf = this.held.length === 1 ? this.held[0] : concat(this.held, this.heldBytes);
			this.held = buf.length ? [buf] : [];
			let kind: Role | null = mode === 'request' ? 'client' : mode === 'response' ? 'server' : null;
			if (mode === 'leading') {
				// Only where the bytes start like a head, at most one of each kind. 'leading' reads input
				// that is all there (a paste), so what does not start so is frames.
				kind = startsWith(buf, GET) ? 'client' : startsWith(buf, HTTP) ? 'server' : null;
				if (!kind || this.headKinds.includes(kind)) {
					this.st = 'awaiting-frames';
					return;
				}
			}
			const r = readHead(buf);
			if (r.kind === 'incomplete') return;
			if (r.kind === 'error') {
				out.push({ type: 'head-error', problem: r.problem, offset: this.heldAt, bytes: buf });
				this.stop();
				return;
			}
			out.push({
				type: 'head',
				sender: kind!,
				head: r.head,
				bytes: buf.subarray(0, r.head.length),
				offset: this.heldAt
			});
			this.headKinds.push(kind!);
			const rest = buf.subarray(r.head.length);
			this.heldAt += r.head.length;
			this.held = rest.length ? [rest] : [];
			this.heldBytes = rest.length;
			if (mode !== 'leading' || this.headKinds.length === 2 || rest.length === 0) {
				this.st = 'awaiting-frames';
				return;
			}
		}
	}

	/** Everything held, as one array (and nothing held any more). */
	private takeHeld(): Uint8Array {
		const all = this.held.length === 1 ? this.held[0] : concat(this.held, this.heldBytes);
		this.held = [];
		this.heldBytes = 0;
		return all;
	}

	// ---- frames ---------------------------------------------------------------------------------

	/** The frame rules this reader applies (the FrameDecoder's, for a header it never finished). */
	private rules(): HeaderRules {
		const from = this.from;
		return {
			expectMasked: from === 'client' ? 'masked' : from === 'server' ? 'unmasked' : 'any',
			allowedRsv: this.allowedRsv
		};
	}

	private startFrames(setup: FramingSetup, at: number): void {
		const from = (this.from = setup.from ?? this.from);
		const max = setup.maxMessageSize ?? this.opts.maxMessageSize;
		const senders: Role[] = from === 'either' ? ['client', 'server'] : [from];
		const codecs: Partial<Record<Role, MessageCodec | null>> = {};
		for (const s of senders) {
			const codec = (from === 'either' ? setup.codecs?.[s] : (setup.codec ?? setup.codecs?.[s])) ?? null;
			codecs[s] = codec;
			this.sides[s] = {
				assembler: new MessageAssembler({
					codec,
					keepFrames: this.opts.keepFrames ?? false,
					...(max !== undefined ? { maxMessageSize: max } : {})
				}),
				messages: 0,
				open: null
			};
		}
		// RSV bits an extension gives meaning to; with both senders, either one's (each frame is then
		// held to its own sender's by the assembler's RSV1 rules).
		this.allowedRsv = senders.reduce((bits, s) => bits | (codecs[s]?.rsvBits ?? 0), 0);
		const rules = this.rules();
		this.decoder = new FrameDecoder({
			onError: this.stopOnError ? 'stop' : 'continue',
			expectMasked: rules.expectMasked,
			allowedRsv: rules.allowedRsv,
			startOffset: at,
			...(max !== undefined ? { maxPayload: max } : {}),
			...(this.opts.refuseFramesOver !== undefined ? { refuseOver: this.opts.refuseFramesOver } : {}),
			...(this.opts.allocate ? { allocate: this.opts.allocate } : {}),
			inspectHeader: (h, offset) => this.sides[this.senderOf(h, true) ?? 'client']!.assembler.inspectHeader(h, offset)
		});
		this.rawStart = at;
		this.raw = [];
		this.st = 'frames';
	}

	/** Who sent a frame: the reader's one sender, or in a conversation the MASK bit (RFC 6455 §5.1). */
	private senderOf(h: FrameHeader, known: boolean): Role | null {
		const from = this.from;
		if (from !== 'either') return from;
		return known ? (h.masked ? 'client' : 'server') : null;
	}

	private frames(chunk: Uint8Array, out: ReadEvent[]): void {
		const decoder = this.decoder!;
		if (this.opts.keepRaw) this.raw.push(chunk);
		// A copy unless the caller allows otherwise: the decoder unmasks in place. Not chunk.slice(),
		// which on a Node Buffer is a view.
		const input = this.opts.mutableInput && !this.opts.keepRaw ? chunk : new Uint8Array(chunk);
		const results = decoder.push(input);
		for (const r of results) {
			if (r.type === 'error') {
				out.push({
					type: 'error',
					sender: r.header ? this.senderOf(r.header, true) : null,
					error: r.error,
					fatal: true,
					frameOffset: r.frameOffset,
					...(r.header ? { header: r.header } : {})
				});
				// The decoder is kept (stopped): partial() still shows the frame it stopped at.
				this.st = 'stopped';
				return;
			}
			this.frame(r.frame, out);
			if (this.stopOnError && this.st === 'stopped') return;
		}
		// Text that is already invalid fails fast, before its frame ends (RFC 6455 §8.1).
		if (this.stopOnError) {
			const p = decoder.partial();
			if (p) {
				const sender = this.senderOf(p.header, true)!;
				const e = this.sides[sender]!.assembler.checkPartial(p.header, p.offset, p.received);
				if (e) {
					out.push({ type: 'error', sender, error: e, fatal: true });
					this.st = 'stopped';
				}
			}
		}
	}

	private frame(f: DecodedFrame, out: ReadEvent[]): void {
		const sender = this.senderOf(f, true)!;
		const side = this.sides[sender]!;
		let message: number | null = null;
		let during: number | null = null;
		const cutShort = f.opcode === 1 || f.opcode === 2 ? side.open : null;
		if (f.opcode === 1 || f.opcode === 2) {
			message = side.messages++;
			side.open = f.fin ? null : message;
		} else if (f.opcode === 0) {
			message = side.open;
			if (f.fin) side.open = null;
		} else if (f.opcode >= 8) during = side.open;
		const raw = this.opts.keepRaw ? this.take(f.offset, f.headerLength + f.payloadLength) : undefined;
		out.push({ type: 'frame', sender, frame: f, message, during, ...(raw ? { raw } : {}) });
		for (const e of side.assembler.frame(f))
			this.assembled(e, sender, e.kind === 'abandoned' ? cutShort : message, out);
	}

	private assembled(e: AssembledEvent, sender: Role, index: number | null, out: ReadEvent[]): void {
		switch (e.kind) {
			case 'error':
				out.push({
					type: 'error',
					sender,
					error: e.error,
					fatal: this.stopOnError,
					...(e.frame ? { frame: e.frame } : {})
				});
				if (this.stopOnError) this.stop();
				return;
			case 'fragment':
				out.push({
					type: 'fragment',
					sender,
					message: index!,
					frame: e.frame,
					index: e.index,
					bufferedBytes: e.bufferedBytes
				});
				return;
			case 'message':
				out.push({
					type: 'message',
					sender,
					message: index!,
					opcode: e.opcode,
					data: e.data,
					frames: e.frames,
					frameCount: e.frameCount,
					compressed: e.compressed,
					invalid: e.invalid === true,
					...(e.compressedSize !== undefined ? { compressedSize: e.compressedSize } : {})
				});
				return;
			case 'abandoned':
				out.push({
					type: 'abandoned',
					sender,
					message: index!,
					opcode: e.opcode,
					data: e.data,
					frames: e.frames,
					frameCount: e.frameCount,
					compressed: e.compressed
				});
				return;
			case 'ping':
			case 'pong':
				out.push({ type: e.kind, sender, frame: e.frame });
				return;
			case 'close':
				out.push({ type: 'close', sender, frame: e.frame, code: e.code, reason: e.reason });
				return;
		}
	}

	// ---- raw bytes ------------------------------------------------------------------------------

	/** The raw bytes [offset, offset + size), dropping everything before them. */
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

	/** The raw bytes from `offset` to the end of what arrived (a partial frame's). */
	private rawFrom(offset: number): Uint8Array {
		const skip = offset - this.rawStart;
		const all = concat(this.raw);
		return all.subarray(Math.max(0, skip));
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

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
