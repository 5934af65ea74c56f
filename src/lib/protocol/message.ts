/**
 * Message-level rules (RFC 6455 §5.4, §5.5, §8.1): the order of fragments, reassembly, UTF-8 that
 * fails fast, close payloads and the maximum message size. The connection and the decoder page's
 * stream analysis both use it, so both apply the same rules.
 */

import { parseClosePayload } from './close-codes';
import type { DecodedFrame } from './decoder';
import { WebSocketUsageError, describeValue, protocolError, type ProtocolError } from './errors';
import type { FrameHeader } from './frame';
import { Opcode } from './opcode';
import { Utf8Validator } from './utf8';

/** What an extension (permessage-deflate) does to whole messages. */
export interface MessageCodec {
	readonly name: string;
	/** RSV bits the extension uses, as in the first header byte (RSV1 = 0x40). */
	readonly rsvBits: number;
	/** Inflate a message whose first frame had RSV1 set; maxSize guards against bombs. */
	decompress(payload: Uint8Array, maxSize: number): { ok: true; data: Uint8Array } | { ok: false; error: ProtocolError };
	/** Compress an outgoing message, or return null to send it uncompressed. */
	compress(data: Uint8Array): Uint8Array | null;
}

export type AssembledEvent =
	| { readonly kind: 'fragment'; readonly frame: DecodedFrame; readonly index: number; readonly bufferedBytes: number }
	| AssembledMessage
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
	/** Set when an error was reported for this message (stream analysis goes on past errors). */
	readonly invalid?: boolean;
}

export interface AssemblerOptions {
	readonly maxMessageSize?: number;
	readonly codec?: MessageCodec | null;
	/** Keep each message's frames (the decoder page lists them; a busy server need not). */
	readonly keepFrames?: boolean;
}

export class MessageAssembler {
	private readonly max: number;
	private readonly codec: MessageCodec | null;
	private readonly keepFrames: boolean;
	// Header-time state. Headers are inspected in stream order, possibly before earlier payloads are
	// handed over, so the fragment-order rules keep their own state.
	private headerInMessage = false;
	private headerBytes = 0;
	private headerCompressed = false;
	// Payload-time state.
	private opcode: 1 | 2 = 1;
	private compressed = false;
	private parts: Uint8Array[] = [];
	private frames: readonly DecodedFrame[] = [];
	private size = 0;
	private failed = false;
	private readonly utf8 = new Utf8Validator();
	/** The partially received frame whose text was validated so far, and how far. */
	private partialOffset = -1;
	private validatedInFrame = 0;

	constructor(opts: AssemblerOptions = {}) {
		if (opts === null || typeof opts !== 'object') throw new WebSocketUsageError('BAD_OPTIONS', 'MessageAssembler options are an object such as { maxMessageSize: 1048576 }.');
		if (opts.maxMessageSize !== undefined && !(typeof opts.maxMessageSize === 'number' && opts.maxMessageSize > 0)) throw new WebSocketUsageError('BAD_LIMIT', 'maxMessageSize must be a positive number of bytes.');
		if (opts.codec != null && (typeof opts.codec !== 'object' || typeof opts.codec.decompress !== 'function' || typeof opts.codec.compress !== 'function'))
			throw new WebSocketUsageError('BAD_CODEC', 'A codec has compress() and decompress() (see MessageCodec).', 'RFC 7692');
		this.max = opts.maxMessageSize ?? Infinity;
		this.codec = opts.codec ?? null;
		this.keepFrames = opts.keepFrames ?? true;
	}

	/** Is a fragmented message still waiting for its final frame? */
	get inMessage(): boolean {
		return this.headerInMessage;
	}

	/** Rules that can be checked from the header alone, so a bad frame fails before its payload. */
	inspectHeader(h: FrameHeader, offset: number): ProtocolError | null {
		checkHeader(h, offset, 'inspectHeader');
		const op = h.opcode;
		if (op >= 0x8) return h.rsv1 && this.codec ? protocolError('RSV1_ON_CONTROL', undefined, offset) : null;
		if (op === Opcode.Continuation) {
			if (!this.headerInMessage) return protocolError('UNEXPECTED_CONTINUATION', undefined, offset);
			if (h.rsv1 && this.codec) return protocolError('RSV1_ON_CONTINUATION', undefined, offset);
		} else if (op === Opcode.Text || op === Opcode.Binary) {
			if (this.headerInMessage) return protocolError('EXPECTED_CONTINUATION', undefined, offset);
			this.headerBytes = 0;
			this.headerCompressed = h.rsv1 && this.codec !== null;
		} else return null; // a reserved opcode: the decoder reports it
		this.headerInMessage = !h.fin;
		this.headerBytes += h.payloadLength;
		// Compressed messages are measured again after inflating (RFC 7692 §8.2 leaves limits to us).
		if (this.headerBytes > this.max)
			return protocolError('MESSAGE_TOO_BIG', `${this.headerBytes} bytes${this.headerCompressed ? ' compressed' : ''} > limit of ${this.max}`, offset + 1);
		return null;
	}

	/** Validate the text of a frame still arriving: fail fast, before the frame ends (RFC 6455 §8.1). */
	checkPartial(h: FrameHeader, offset: number, received: Uint8Array): ProtocolError | null {
		checkHeader(h, offset, 'checkPartial');
		if (!(received instanceof Uint8Array)) throw new WebSocketUsageError('BAD_INPUT', 'checkPartial() takes the payload bytes received so far, as a Uint8Array.');
		const text = h.opcode === Opcode.Text ? !(h.rsv1 && this.codec)
			: h.opcode === Opcode.Continuation && this.opcode === Opcode.Text && !this.compressed;
		if (!text) return null;
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
		return r.ok ? null : utf8Error(offset + h.headerLength + (r.offset - this.size), r.offset);
	}

	/** A whole frame arrived: returns what it means (usually one event). */
	frame(f: DecodedFrame): AssembledEvent[] {
		if (f === null || typeof f !== 'object' || !(f.payload instanceof Uint8Array) || typeof f.opcode !== 'number')
			throw new WebSocketUsageError('BAD_FRAME', 'MessageAssembler.frame() takes a frame the FrameDecoder returned.');
		const op = f.opcode;
		if (op === Opcode.Ping || op === Opcode.Pong) return [{ kind: op === Opcode.Ping ? 'ping' : 'pong', frame: f }];
		if (op === Opcode.Close) {
			const c = parseClosePayload(f.payload);
			if (!c.ok) return [{ kind: 'error', frame: f, error: { ...c.error, offset: f.offset + f.headerLength + (c.error.offset ?? 0) } }];
			return [{ kind: 'close', frame: f, code: c.code, reason: c.reason }];
		}
		if (op !== Opcode.Text && op !== Opcode.Binary && op !== Opcode.Continuation) return [];

		const already = f.offset === this.partialOffset ? this.validatedInFrame : 0;
		this.partialOffset = -1;
		this.validatedInFrame = 0;
		if (op !== Opcode.Continuation) {
			this.opcode = op;
			this.compressed = f.rsv1 && this.codec !== null;
			this.parts.length = 0;
			this.frames = this.keepFrames ? [] : NO_FRAMES;
			this.size = 0;
			this.failed = false;
			if (already === 0) this.utf8.reset();
		}
		const out: AssembledEvent[] = [];
		if (this.opcode === Opcode.Text && !this.compressed && !this.failed) {
			const r = this.utf8.push(already === 0 ? f.payload : f.payload.subarray(already));
			if (!r.ok) {
				this.failed = true;
				out.push({ kind: 'error', frame: f, error: utf8Error(f.offset + f.headerLength + (r.offset - this.size), r.offset) });
			}
		}
		this.parts.push(f.payload);
		if (this.keepFrames) (this.frames as DecodedFrame[]).push(f);
		this.size += f.payload.length;
		if (!f.fin) out.push({ kind: 'fragment', frame: f, index: this.parts.length - 1, bufferedBytes: this.size });
		else this.finish(f, out);
		return out;
	}

	private finish(last: DecodedFrame, out: AssembledEvent[]): void {
		const parts = this.parts;
		const frameCount = parts.length;
		let data = frameCount === 1 ? parts[0] : concat(parts, this.size);
		const frames = this.frames;
		parts.length = 0;
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
						out.push({ kind: 'error', frame: last, error: protocolError('INVALID_UTF8', `invalid byte at offset ${v.offset} of the inflated message`) });
					}
				}
			}
		}
		if (this.opcode === Opcode.Text && !this.failed && !this.utf8.finish().ok) {
			this.failed = true;
			out.push({ kind: 'error', frame: last, error: protocolError('INVALID_UTF8', 'the message ends in the middle of a character', last.offset + last.headerLength + last.payload.length) });
		}
		const message: { -readonly [K in keyof AssembledMessage]: AssembledMessage[K] } = { kind: 'message', opcode: this.opcode, data, frames, frameCount, compressed: this.compressed };
		if (compressedSize !== undefined) message.compressedSize = compressedSize;
		if (this.failed) message.invalid = true;
		out.push(message);
	}
}

const NO_FRAMES: readonly DecodedFrame[] = Object.freeze([]);

function checkHeader(h: FrameHeader, offset: number, fn: string): void {
	if (h === null || typeof h !== 'object' || typeof h.opcode !== 'number' || typeof h.payloadLength !== 'number' || typeof offset !== 'number')
		throw new WebSocketUsageError('BAD_HEADER', `${fn}() takes a frame header (as the FrameDecoder makes it) and its stream offset.`);
}

function utf8Error(streamOffset: number, messageOffset: number): ProtocolError {
	return protocolError('INVALID_UTF8', `invalid byte at offset ${messageOffset} of the message`, streamOffset);
}

export function concat(parts: readonly Uint8Array[], size?: number): Uint8Array {
	if (!Array.isArray(parts) || !parts.every((p) => p instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_INPUT', 'concat() takes a list of Uint8Arrays.');
	let total = 0;
	for (const p of parts) total += p.length;
	if (size !== undefined && size !== total) throw new WebSocketUsageError('BAD_SIZE', `The parts hold ${total} bytes, not ${describeValue(size)}.`);
	const out = new Uint8Array(total);
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}
