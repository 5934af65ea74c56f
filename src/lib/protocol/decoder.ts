/**
 * A streaming frame decoder: push bytes in pieces of any size, get whole frames out. Chunking never
 * changes the result (a property the tests check, one byte at a time included). The states are named
 * as a student would say them, as in `ws`'s Receiver: reading the first two bytes, the extended
 * length, the masking key, the payload.
 *
 * Frame-level rules (RFC 6455 §5.2, §5.5, §5.1) are checked as soon as the header is complete, so a
 * receiver can fail before a bad frame's payload arrives. Message-level rules (fragment order, UTF-8,
 * close payloads) belong to message.ts.
 */

import { protocolError, type ProtocolError } from './errors';
import { minimalLengthForm, type Frame, type FrameHeader, type LengthForm } from './frame';
import { applyMask } from './mask';
import { isControl, isReservedOpcode } from './opcode';

export type DecoderState = 'header' | 'extended-length' | 'masking-key' | 'payload';

export interface DecoderOptions {
	/** Servers require masked frames, clients unmasked ones (RFC 6455 §5.1); 'any' checks neither. */
	readonly expectMasked?: 'masked' | 'unmasked' | 'any';
	/** RSV bits a negotiated extension gives meaning to, as in the first byte: RSV1 = 0x40. */
	readonly allowedRsv?: number;
	/** Largest payload accepted for one frame; beyond it, MESSAGE_TOO_BIG (1009). */
	readonly maxPayload?: number;
	/** 'stop' (a real receiver) or 'continue' past rule violations (the decoder page). */
	readonly onError?: 'stop' | 'continue';
	/** Extra checks when a header is complete (message rules that can fail before the payload). */
	readonly inspectHeader?: (header: FrameHeader, offset: number) => ProtocolError | null;
}

export interface FrameWarning {
	readonly code: 'NON_MINIMAL_LENGTH';
	readonly message: string;
	readonly rfc: string;
}

export interface DecodedFrame extends Frame {
	/** Offset of the frame's first byte in the stream. */
	readonly offset: number;
	/** Rule violations found in this frame (only with onError: 'continue'). */
	readonly errors: readonly ProtocolError[];
	readonly warnings: readonly FrameWarning[];
}

export type DecodeResult =
	| { readonly type: 'frame'; readonly frame: DecodedFrame }
	| { readonly type: 'error'; readonly error: ProtocolError; readonly header?: FrameHeader; readonly offset: number };

const EMPTY = new Uint8Array(0);

export class FrameDecoder {
	private readonly opts: DecoderOptions;
	private chunks: Uint8Array[] = [];
	private buffered = 0;
	/** Stream offset of the first buffered byte. */
	private position = 0;
	private frameStart = 0;
	private stopped = false;

	private st: DecoderState = 'header';
	private b0 = 0;
	private b1 = 0;
	private lengthForm: LengthForm = 7;
	private length = 0;
	private maskKey: Uint8Array | null = null;
	private header: FrameHeader | null = null;
	private headerErrors: ProtocolError[] = [];
	private payload: Uint8Array | null = null;
	private filled = 0;

	constructor(opts: DecoderOptions = {}) {
		this.opts = opts;
	}

	get state(): DecoderState {
		return this.st;
	}

	/** Bytes received but not yet part of a whole frame. */
	get pendingBytes(): number {
		return this.buffered + this.filled;
	}

	/** Stream offset of the next byte pushed. */
	get offset(): number {
		return this.position + this.buffered;
	}

	/** The frame being received, with the payload bytes so far (unmasked), for fail-fast checks. */
	partial(): { header: FrameHeader; offset: number; received: Uint8Array } | null {
		if (this.st !== 'payload' || !this.header) return null;
		return { header: this.header, offset: this.frameStart, received: this.payload ? this.payload.subarray(0, this.filled) : EMPTY };
	}

	/**
	 * Feed bytes. The decoder may unmask payloads in place inside `chunk`: pass a copy if you need
	 * the original bytes afterwards.
	 */
	push(chunk: Uint8Array): DecodeResult[] {
		const out: DecodeResult[] = [];
		if (this.stopped || chunk.length === 0) return out;
		this.chunks.push(chunk);
		this.buffered += chunk.length;
		while (!this.stopped && this.step(out)) { /* keep going while progress is made */ }
		return out;
	}

	private step(out: DecodeResult[]): boolean {
		switch (this.st) {
			case 'header': {
				if (this.buffered < 2) return false;
				this.frameStart = this.position;
				this.b0 = this.byteAt(0);
				this.b1 = this.byteAt(1);
				this.consume(2);
				const len7 = this.b1 & 0x7f;
				this.lengthForm = len7 === 126 ? 16 : len7 === 127 ? 64 : 7;
				this.length = len7;
				this.maskKey = null;
				this.st = this.lengthForm !== 7 ? 'extended-length' : this.b1 & 0x80 ? 'masking-key' : 'payload';
				if (this.st === 'payload') return this.headerDone(out);
				return true;
			}
			case 'extended-length': {
				const n = this.lengthForm === 16 ? 2 : 8;
				if (this.buffered < n) return false;
				if (n === 2) this.length = (this.byteAt(0) << 8) | this.byteAt(1);
				else {
					const hi = ((this.byteAt(0) << 24) | (this.byteAt(1) << 16) | (this.byteAt(2) << 8) | this.byteAt(3)) >>> 0;
					const lo = ((this.byteAt(4) << 24) | (this.byteAt(5) << 16) | (this.byteAt(6) << 8) | this.byteAt(7)) >>> 0;
					if (hi & 0x80000000) {
						// A length we could never read to the end: no later byte can be framed.
						this.consume(8);
						return this.fatal(out, protocolError('LENGTH_TOP_BIT', `64-bit length 0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`, this.frameStart + 2));
					}
					// Above 2^53 the length is not an exact JS number; no receiver could accept it anyway.
					this.length = hi >= 0x200000 ? Infinity : hi * 2 ** 32 + lo;
				}
				this.consume(n);
				this.st = this.b1 & 0x80 ? 'masking-key' : 'payload';
				if (this.st === 'payload') return this.headerDone(out);
				return true;
			}
			case 'masking-key': {
				if (this.buffered < 4) return false;
				this.maskKey = this.take(4).slice();
				this.st = 'payload';
				return this.headerDone(out);
			}
			case 'payload': {
				const need = this.length - this.filled;
				if (need === 0) return this.emit(out, this.payload ?? EMPTY);
				if (this.buffered === 0) return false;
				const first = this.chunks[0];
				if (this.filled === 0 && first.length >= need) {
					// The whole payload is inside one chunk: unmask in place, no copy.
					const data = this.take(need);
					if (this.maskKey) applyMask(data, this.maskKey);
					return this.emit(out, data);
				}
				if (!this.payload) this.payload = new Uint8Array(this.length);
				while (this.filled < this.length && this.buffered > 0) {
					const piece = this.take(Math.min(this.length - this.filled, this.chunks[0].length));
					const dst = this.payload.subarray(this.filled, this.filled + piece.length);
					dst.set(piece);
					if (this.maskKey) applyMask(dst, this.maskKey, this.filled & 3);
					this.filled += piece.length;
				}
				if (this.filled === this.length) return this.emit(out, this.payload);
				return false;
			}
		}
	}

	/** The header is complete: check the frame-level rules before any payload arrives. */
	private headerDone(out: DecodeResult[]): boolean {
		const b0 = this.b0;
		const masked = (this.b1 & 0x80) !== 0;
		const h: FrameHeader = {
			fin: (b0 & 0x80) !== 0,
			rsv1: (b0 & 0x40) !== 0,
			rsv2: (b0 & 0x20) !== 0,
			rsv3: (b0 & 0x10) !== 0,
			opcode: b0 & 0x0f,
			masked,
			payloadLength: this.length,
			lengthForm: this.lengthForm,
			maskKey: this.maskKey,
			headerLength: 2 + (this.lengthForm === 16 ? 2 : this.lengthForm === 64 ? 8 : 0) + (masked ? 4 : 0)
		};
		this.header = h;
		this.payload = null;
		this.filled = 0;
		const errors: ProtocolError[] = [];
		const at = this.frameStart;
		const op = h.opcode;
		if (isReservedOpcode(op)) errors.push(protocolError('RESERVED_OPCODE', `opcode 0x${op.toString(16)}`, at));
		const rsv = b0 & 0x70 & ~(this.opts.allowedRsv ?? 0);
		if (rsv) errors.push(protocolError('RSV_WITHOUT_EXTENSION', rsvNames(rsv), at));
		if (isControl(op) && !h.fin) errors.push(protocolError('CONTROL_FRAGMENTED', undefined, at));
		if (isControl(op) && h.payloadLength > 125)
			errors.push(protocolError('CONTROL_TOO_LONG', `${h.payloadLength} bytes`, at + 1));
		const expect = this.opts.expectMasked ?? 'any';
		if (expect === 'masked' && !masked) errors.push(protocolError('UNMASKED_CLIENT_FRAME', undefined, at + 1));
		if (expect === 'unmasked' && masked) errors.push(protocolError('MASKED_SERVER_FRAME', undefined, at + 1));
		if (this.opts.maxPayload !== undefined && h.payloadLength > this.opts.maxPayload)
			errors.push(protocolError('MESSAGE_TOO_BIG', `${h.payloadLength} bytes > limit of ${this.opts.maxPayload}`, at + 1));
		// Message rules run on every header, in stream order, so the message state stays right.
		if (this.opts.inspectHeader) {
			const e = this.opts.inspectHeader(h, at);
			if (e) errors.push(e);
		}
		this.headerErrors = errors;
		if (errors.length > 0 && (this.opts.onError ?? 'stop') === 'stop') return this.fatal(out, errors[0], h);
		if (!Number.isFinite(h.payloadLength)) return this.fatal(out, protocolError('MESSAGE_TOO_BIG', 'length beyond 2^53 bytes', at + 2), h);
		return true;
	}

	private emit(out: DecodeResult[], payload: Uint8Array): boolean {
		const h = this.header!;
		const warnings: FrameWarning[] = [];
		if (h.lengthForm !== minimalLengthForm(h.payloadLength))
			warnings.push({
				code: 'NON_MINIMAL_LENGTH',
				message: `A ${h.payloadLength}-byte payload should use the ${minimalLengthForm(h.payloadLength)}-bit length form, not the ${h.lengthForm}-bit one.`,
				rfc: 'RFC 6455 §5.2'
			});
		out.push({ type: 'frame', frame: { ...h, payload, offset: this.frameStart, errors: this.headerErrors, warnings } });
		this.st = 'header';
		this.header = null;
		this.payload = null;
		this.filled = 0;
		return true;
	}

	private fatal(out: DecodeResult[], error: ProtocolError, header?: FrameHeader): boolean {
		out.push({ type: 'error', error, offset: error.offset ?? this.frameStart, ...(header ? { header } : {}) });
		this.stopped = true;
		this.chunks = [];
		this.buffered = 0;
		return false;
	}

	private byteAt(i: number): number {
		for (const c of this.chunks) {
			if (i < c.length) return c[i];
			i -= c.length;
		}
		return 0;
	}

	/** Remove n buffered bytes (n <= buffered) and return them, without copying when they are in one chunk. */
	private take(n: number): Uint8Array {
		const first = this.chunks[0];
		let out: Uint8Array;
		if (first.length >= n) {
			out = first.subarray(0, n);
		} else {
			out = new Uint8Array(n);
			let o = 0;
			let k = 0;
			while (o < n) {
				const c = this.chunks[k++];
				const m = Math.min(c.length, n - o);
				out.set(c.subarray(0, m), o);
				o += m;
			}
		}
		this.consume(n);
		return out;
	}

	private consume(n: number): void {
		this.buffered -= n;
		this.position += n;
		while (n > 0) {
			const c = this.chunks[0];
			if (c.length <= n) {
				n -= c.length;
				this.chunks.shift();
			} else {
				this.chunks[0] = c.subarray(n);
				n = 0;
			}
		}
	}
}

function rsvNames(bits: number): string {
	return [bits & 0x40 && 'RSV1', bits & 0x20 && 'RSV2', bits & 0x10 && 'RSV3'].filter(Boolean).join(', ') + ' set';
}
