/**
 * Message-level rules (RFC 6455 §5.4, §5.5, §8.1): the order of fragments, reassembly, UTF-8 that
 * fails fast, close payloads and the maximum message size, and inflating what permessage-deflate
 * compressed (RFC 7692 §6). The message layer of the engine's one reader (reader.ts).
 *
 * Header rules run when a header is complete, which in a chunk of many frames is before the frames
 * ahead of it have been handed over: the fragment-order rules therefore keep their own state,
 * advanced by headers, beside the reassembly state advanced by whole frames. A reader that goes on
 * past errors ('continue') recovers the same way in both: a new text or binary frame during a
 * fragmented message abandons that message and starts its own (reported); a continuation with no
 * message to continue belongs to none.
 */

import { concat } from '../bytes';
import { WebSocketUsageError, describeValue, movedError, protocolError, type ProtocolError } from '../errors';
import { parseClosePayload } from '../framing/close-codes';
import type { DecodedFrame } from '../framing/decoder';
import type { FrameHeader } from '../framing/frame';
import { Opcode } from '../framing/opcode';
import { Utf8Validator } from '../framing/utf8';

/** What an extension (permessage-deflate) does to whole messages. */
export interface MessageCodec {
	readonly name: string;
	/** RSV bits the extension uses, as in the first header byte (RSV1 = 0x40). */
	readonly rsvBits: number;
	/** Inflate a message whose first frame had RSV1 set; maxSize guards against bombs. */
	decompress(
		payload: Uint8Array,
		maxSize: number
	): { ok: true; data: Uint8Array } | { ok: false; error: ProtocolError };
	/** Compress an outgoing message, or return null to send it uncompressed. */
	compress(data: Uint8Array): Uint8Array | null;
}

export type AssembledEvent =
	| { readonly kind: 'fragment'; readonly frame: DecodedFrame; readonly index: number; readonly bufferedBytes: number }
	| AssembledMessage
	| AbandonedMessage
	| { readonly kind: 'ping' | 'pong'; readonly frame: DecodedFrame }
	| { readonly kind: 'close'; readonly frame: DecodedFrame; readonly code: number | null; readonly reason: string }
	| { readonly kind: 'error'; readonly error: ProtocolError; readonly frame?: DecodedFrame };

/** A complete message, reassembled from its frames (RFC 6455 §5.4) and inflated if it was compressed. */
export interface AssembledMessage {
	readonly kind: 'message';
	readonly opcode: 1 | 2;
	readonly data: Uint8Array;
	/** The message's frames, when the assembler keeps them (keepFrames). */
	readonly frames: readonly DecodedFrame[];
	/** How many frames the message came in. */
	readonly frameCount: number;
	readonly compressed: boolean;
	/** Size on the wire, when the message was compressed. */
	readonly compressedSize?: number;
	/** Set when an error was reported for this message (a reader that goes on past errors). */
	readonly invalid?: boolean;
}

/** A fragmented message a new message cut short (only when reading goes on past errors). */
export interface AbandonedMessage {
	readonly kind: 'abandoned';
	readonly opcode: 1 | 2;
	/** The payloads that arrived, joined (DEFLATE data, for a compressed message: it cannot be inflated). */
	readonly data: Uint8Array;
	readonly frames: readonly DecodedFrame[];
	readonly frameCount: number;
	readonly compressed: boolean;
}

export interface AssemblerOptions {
	readonly maxMessageSize?: number;
	readonly codec?: MessageCodec | null;
	/** Keep each message's frames (the decoder page lists them; a busy server need not). */
	readonly keepFrames?: boolean;
}

const NO_FRAMES: readonly DecodedFrame[] = Object.freeze([]);

export class MessageAssembler {
	private readonly max: number;
	private readonly codec: MessageCodec | null;
	private readonly keepFrames: boolean;
	// Header-time state: advanced by inspectHeader, in stream order.
	private headerInMessage = false;
	private headerBytes = 0;
	private headerCompressed = false;
	// Payload-time state: advanced by frame().
	private open = false;
	private opcode: 1 | 2 = 1;
	private compressed = false;
	private parts: Uint8Array[] = [];
	private frames: DecodedFrame[] | readonly DecodedFrame[] = NO_FRAMES;
	private size = 0;
	private failed = false;
	private readonly utf8 = new Utf8Validator();
	/** The partially received frame whose text was validated so far, and how far. */
	private partialOffset = -1;
	private validatedInFrame = 0;

	constructor(opts: AssemblerOptions = {}) {
		if (opts === null || typeof opts !== 'object')
			throw new WebSocketUsageError('BAD_OPTIONS', { fn: 'MessageAssembler', got: describeValue(opts) });
		if (opts.maxMessageSize !== undefined && !(typeof opts.maxMessageSize === 'number' && opts.maxMessageSize > 0))
			throw new WebSocketUsageError('BAD_LIMIT', { option: 'maxMessageSize', got: describeValue(opts.maxMessageSize) });
		if (
			opts.codec != null &&
			(typeof opts.codec !== 'object' ||
				typeof opts.codec.decompress !== 'function' ||
				typeof opts.codec.compress !== 'function')
		)
			throw new WebSocketUsageError('BAD_CODEC', { got: describeValue(opts.codec) }, 'RFC 7692 §5');
		this.max = opts.maxMessageSize ?? Infinity;
		this.codec = opts.codec ?? null;
		this.keepFrames = opts.keepFrames ?? true;
	}

	/** Is a fragmented message still waiting for its final frame (as far as headers go)? */
	get inMessage(): boolean {
		return this.headerInMessage;
	}

	/**
	 * Rules that can be checked from the header alone, so a bad frame fails before its payload.
	 * `commit` false asks without moving the state (a header the input ends inside).
	 */
	inspectHeader(h: FrameHeader, offset: number, commit = true): ProtocolError | null {
		checkHeader(h, offset, 'inspectHeader');
		const op = h.opcode;
		if (op >= 0x8) return h.rsv1 && this.codec ? protocolError('RSV1_ON_CONTROL', {}, offset) : null;
		let error: ProtocolError | null = null;
		let inMessage = this.headerInMessage;
		let bytes = this.headerBytes;
		let compressed = this.headerCompressed;
		if (op === Opcode.Continuation) {
			if (!inMessage) return protocolError('UNEXPECTED_CONTINUATION', {}, offset);
			if (h.rsv1 && this.codec) error = protocolError('RSV1_ON_CONTINUATION', {}, offset);
		} else if (op === Opcode.Text || op === Opcode.Binary) {
			// A receiver that goes on reads the new frame as a new message (see the file's comment).
			if (inMessage) error = protocolError('EXPECTED_CONTINUATION', {}, offset);
			bytes = 0;
			compressed = h.rsv1 && this.codec !== null;
		} else return null; // a reserved opcode: the frame rules report it
		inMessage = !h.fin;
		bytes += h.payloadLength;
		// Compressed messages are measured again after inflating (RFC 7692 §8.2 leaves limits to us).
		if (!error && bytes > this.max)
			error = protocolError(
				'MESSAGE_TOO_BIG',
				{ size: bytes, limit: this.max, stage: compressed ? 'compressed' : 'message' },
				offset + 1
			);
		if (commit) {
			this.headerInMessage = inMessage;
			this.headerBytes = bytes;
			this.headerCompressed = compressed;
		}
		return error;
	}

	/** Validate the text of a frame still arriving: fail fast, before the frame ends (RFC 6455 §8.1). */
	checkPartial(h: FrameHeader, offset: number, received: Uint8Array): ProtocolError | null {
		checkHeader(h, offset, 'checkPartial');
		if (!(received instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_INPUT', { fn: 'checkPartial', got: describeValue(received) });
		const text =
			h.opcode === Opcode.Text
				? !(h.rsv1 && this.codec)
				: h.opcode === Opcode.Continuation && this.open && this.opcode === Opcode.Text && !this.compressed;
		if (!text || (this.failed && h.opcode === Opcode.Continuation)) return null;
		if (offset !== this.partialOffset) {
			this.partialOffset = offset;
			this.validatedInFrame = 0;
			if (h.opcode === Opcode.Text) {
				this.utf8.reset();
				this.size = 0;
			}
		}
		if (received.length <= this.validatedInFrame) return null;
		const r = this.utf8.push(received.subarray(this.validatedInFrame));
		this.validatedInFrame = received.length;
		return r.ok
			? null
			: protocolError(
					'INVALID_UTF8',
					{ at: r.offset, stage: 'message' },
					offset + h.headerLength + (r.offset - this.size)
				);
	}

	/**
	 * checkPartial's verdict without moving any state: the message's text so far checked afresh
	 * (a frame the input ends inside, when more bytes may still be read after it).
	 */
	previewPartial(h: FrameHeader, offset: number, received: Uint8Array): ProtocolError | null {
		checkHeader(h, offset, 'previewPartial');
		const continuing = h.opcode === Opcode.Continuation;
		const text =
			h.opcode === Opcode.Text
				? !(h.rsv1 && this.codec)
				: continuing && this.open && this.opcode === Opcode.Text && !this.compressed;
		if (!text || (continuing && this.failed)) return null;
		const v = new Utf8Validator();
		const before = continuing ? this.size : 0;
		if (continuing) for (const p of this.parts) if (!v.push(p).ok) return null; // already reported
		const r = v.push(received);
		return r.ok
			? null
			: protocolError(
					'INVALID_UTF8',
					{ at: r.offset, stage: 'message' },
					offset + h.headerLength + (r.offset - before)
				);
	}

	/** A whole frame arrived: returns what it means (usually one event). */
	frame(f: DecodedFrame): AssembledEvent[] {
		if (f === null || typeof f !== 'object' || !(f.payload instanceof Uint8Array) || typeof f.opcode !== 'number')
			throw new WebSocketUsageError('BAD_FRAME', { got: describeValue(f) });
		const op = f.opcode;
		if (op === Opcode.Ping || op === Opcode.Pong) return [{ kind: op === Opcode.Ping ? 'ping' : 'pong', frame: f }];
		if (op === Opcode.Close) {
			const c = parseClosePayload(f.payload);
			if (!c.ok)
				return [
					{ kind: 'error', frame: f, error: movedError(c.error, f.offset + f.headerLength + (c.error.offset ?? 0)) }
				];
			return [{ kind: 'close', frame: f, code: c.code, reason: c.reason }];
		}
		if (op !== Opcode.Text && op !== Opcode.Binary && op !== Opcode.Continuation) return [];
		// A continuation with no message to continue (reported by inspectHeader) belongs to none.
		if (op === Opcode.Continuation && !this.open) return [];

		const out: AssembledEvent[] = [];
		const already = f.offset === this.partialOffset ? this.validatedInFrame : 0;
		this.partialOffset = -1;
		this.validatedInFrame = 0;
		if (op !== Opcode.Continuation) {
			if (this.open) out.push(this.abandon());
			this.open = true;
			this.opcode = op;
			this.compressed = f.rsv1 && this.codec !== null;
			this.parts = [];
			this.frames = this.keepFrames ? [] : NO_FRAMES;
			this.size = 0;
			this.failed = false;
			if (already === 0) this.utf8.reset();
		}
		if (this.opcode === Opcode.Text && !this.compressed && !this.failed) {
			const r = this.utf8.push(already === 0 ? f.payload : f.payload.subarray(already));
			if (!r.ok) {
				this.failed = true;
				out.push({
					kind: 'error',
					frame: f,
					error: protocolError(
						'INVALID_UTF8',
						{ at: r.offset, stage: 'message' },
						f.offset + f.headerLength + (r.offset - this.size)
					)
				});
			}
		}
		this.parts.push(f.payload);
		if (this.keepFrames) (this.frames as DecodedFrame[]).push(f);
		this.size += f.payload.length;
		if (!f.fin) out.push({ kind: 'fragment', frame: f, index: this.parts.length - 1, bufferedBytes: this.size });
		else this.finish(f, out);
		return out;
	}

	/** The message still open when a new one starts: handed back as it is, and forgotten. */
	private abandon(): AbandonedMessage {
		const parts = this.parts;
		const m: AbandonedMessage = {
			kind: 'abandoned',
			opcode: this.opcode,
			data: parts.length === 1 ? parts[0] : concat(parts),
			frames: this.frames,
			frameCount: parts.length,
			compressed: this.compressed
		};
		this.open = false;
		this.parts = [];
		this.frames = NO_FRAMES;
		this.size = 0;
		return m;
	}

	private finish(last: DecodedFrame, out: AssembledEvent[]): void {
		const parts = this.parts;
		const frameCount = parts.length;
		let data = frameCount === 1 ? parts[0] : concat(parts, this.size);
		const frames = this.frames;
		this.open = false;
		this.parts = [];
		this.frames = NO_FRAMES;
		this.size = 0;
		let compressedSize: number | undefined;
		if (this.compressed && this.codec && !this.failed) {
			compressedSize = data.length;
			const r = this.codec.decompress(data, this.max);
			if (!r.ok) {
				this.failed = true;
				out.push({ kind: 'error', frame: last, error: r.error });
			} else {
				data = r.data;
				if (this.opcode === Opcode.Text) {
					const v = this.utf8.push(data);
					if (!v.ok) {
						this.failed = true;
						out.push({
							kind: 'error',
							frame: last,
							error: protocolError('INVALID_UTF8', { at: v.offset, stage: 'inflated' })
						});
					}
				}
			}
		}
		if (this.opcode === Opcode.Text && !this.failed && !this.utf8.finish().ok) {
			this.failed = true;
			const end = last.offset + last.headerLength + last.payload.length;
			out.push({
				kind: 'error',
				frame: last,
				error: protocolError('INVALID_UTF8', { at: data.length, stage: 'end' }, end)
			});
		}
		const message: { -readonly [K in keyof AssembledMessage]: AssembledMessage[K] } = {
			kind: 'message',
			opcode: this.opcode,
			data,
			frames,
			frameCount,
			compressed: this.compressed
		};
		if (compressedSize !== undefined) message.compressedSize = compressedSize;
		if (this.failed) message.invalid = true;
		out.push(message);
	}
}

function checkHeader(h: FrameHeader, offset: number, fn: string): void {
	if (
		h === null ||
		typeof h !== 'object' ||
		typeof h.opcode !== 'number' ||
		typeof h.payloadLength !== 'number' ||
		typeof offset !== 'number'
	)
		throw new WebSocketUsageError('BAD_HEADER', { fn, got: describeValue(h) });
}
