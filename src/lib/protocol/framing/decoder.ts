/**
 * The byte layer of the engine's reader (reader/reader.ts): push bytes in pieces of any size, get
 * whole frames out. Chunking never
 * changes the result (a property the tests check, one byte at a time included). The states are named
 * as a student would say them, as in `ws`'s Receiver: reading the first two bytes, the extended
 * length, the masking key, the payload.
 *
 * Frame-level rules (RFC 6455 §5.2, §5.5, §5.1) are checked as soon as the header is complete, so a
 * receiver can fail before a bad frame's payload arrives. Message-level rules (fragment order, UTF-8,
 * close payloads) belong to reader/assembler.ts; the rules themselves are in header-rules.ts.
 */

import { EMPTY_BYTES } from '../bytes';
import { WebSocketUsageError, describeValue, protocolError, type ProtocolError } from '../errors';
import type { RfcSection } from '../types';
import {
	extendedLengthBytes,
	headerLength,
	headerSize,
	headerOf,
	lengthFormOf,
	minimalLengthForm,
	type Frame,
	type FrameHeader,
	type LengthForm
} from './frame';
import { headerErrors, type HeaderRules } from './header-rules';
import { applyMask } from './mask';

export type DecoderState = 'header' | 'extended-length' | 'masking-key' | 'payload';

export interface DecoderOptions {
	/** Servers require masked frames, clients unmasked ones (RFC 6455 §5.1); 'any' checks neither. */
	readonly expectMasked?: 'masked' | 'unmasked' | 'any';
	/** RSV bits a negotiated extension gives meaning to, as in the first byte: RSV1 = 0x40. */
	readonly allowedRsv?: number;
	/** Largest payload accepted for one frame; beyond it, MESSAGE_TOO_BIG (1009). */
	readonly maxPayload?: number;
	/**
	 * A frame declaring a payload larger than this stops the decoder (MESSAGE_TOO_BIG) even when it
	 * goes on past errors: the payload would be held in memory whole (an observer's guard).
	 */
	readonly refuseOver?: number;
	/** 'stop' (a real receiver) or 'continue' past rule violations (the decoder page). */
	readonly onError?: 'stop' | 'continue';
	/** Extra checks when a header is complete (message rules that can fail before the payload). */
	readonly inspectHeader?: (header: FrameHeader, offset: number) => ProtocolError | null;
	/**
	 * Stream offset of the first byte pushed (default 0): frames follow the HTTP handshake on the same
	 * connection (RFC 6455 §4), and offsets count from the start of that stream.
	 */
	readonly startOffset?: number;
	/**
	 * Makes the buffer a payload that arrives in pieces is gathered in (default: a new Uint8Array).
	 * Every byte of it is written before anything reads it, so a host may skip the zero-filling
	 * (Node's Buffer.allocUnsafe): for large messages that is a pass over the memory saved.
	 */
	readonly allocate?: (size: number) => Uint8Array;
}

/** A frame a receiver may accept but the sender should not have written so. */
export interface FrameWarning {
	readonly code: 'NON_MINIMAL_LENGTH';
	/** The length, the form it was written in, and the shortest form for it (RFC 6455 §5.2). */
	readonly params: { readonly length: number; readonly form: LengthForm; readonly minimal: LengthForm };
	readonly rfc: RfcSection;
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
	| {
			readonly type: 'error';
			readonly error: ProtocolError;
			/** The header, when it was read whole. */
			readonly header?: FrameHeader;
			/** Stream offset of the first byte of the frame the decoder stopped at. */
			readonly frameOffset: number;
	  };

const NO_ERRORS: readonly ProtocolError[] = Object.freeze([]);
const NO_WARNINGS: readonly FrameWarning[] = Object.freeze([]);
/**
 * A payload split across chunks gets a buffer GROW_AHEAD times what has arrived (at least GROW_FROM,
 * at most the declared length), doubling after: a 1 MiB frame read 64 KiB at a time is copied once,
 * while 40 pasted bytes that declare 2^40 cost 4 KiB, not a terabyte.
 */
const GROW_AHEAD = 16;
const newBytes = (size: number): Uint8Array => new Uint8Array(size);
const GROW_FROM = 4096;

type MutableFrame = { -readonly [K in keyof DecodedFrame]: DecodedFrame[K] };

/*
 * Speed matters here (the echo server decodes every byte through this class), so the buffered chunks
 * are read in place: `first` is the read position inside chunks[0], header bytes are read one by one
 * without making views, and a payload that lies inside one chunk is handed out as a view of it (and
 * unmasked in place) rather than copied. One object per frame is made, when its header is complete.
 */
export class FrameDecoder {
	private readonly rules: HeaderRules;
	private readonly stopOnError: boolean;
	private readonly refuseOver: number;
	private readonly inspectHeader: DecoderOptions['inspectHeader'];
	private readonly allocate: (size: number) => Uint8Array;
	private chunks: Uint8Array[] = [];
	/** Read position inside chunks[0]. */
	private first = 0;
	private buffered = 0;
	/** Stream offset of the first unread byte. */
	private position = 0;
	private frameStart = 0;
	private stopped = false;

	private st: DecoderState = 'header';
	private b0 = 0;
	private b1 = 0;
	private lengthForm: LengthForm = 7;
	private length = 0;
	private maskKey: Uint8Array | null = null;
	/** The frame whose header is complete and whose payload is arriving. */
	private frame: MutableFrame | null = null;
	private payload: Uint8Array | null = null;
	private filled = 0;

	constructor(opts: DecoderOptions = {}) {
		if (opts === null || typeof opts !== 'object')
			throw new WebSocketUsageError('BAD_OPTIONS', { fn: 'FrameDecoder', got: describeValue(opts) });
		const expect = opts.expectMasked ?? 'any';
		if (expect !== 'masked' && expect !== 'unmasked' && expect !== 'any')
			throw new WebSocketUsageError(
				'BAD_OPTIONS',
				{ option: 'expectMasked', got: describeValue(expect) },
				'RFC 6455 §5.1'
			);
		if (opts.maxPayload !== undefined && !(typeof opts.maxPayload === 'number' && opts.maxPayload >= 0))
			throw new WebSocketUsageError('BAD_LIMIT', { option: 'maxPayload', got: describeValue(opts.maxPayload) });
		if (opts.inspectHeader !== undefined && typeof opts.inspectHeader !== 'function')
			throw new WebSocketUsageError('BAD_OPTIONS', { option: 'inspectHeader', got: describeValue(opts.inspectHeader) });
		if (opts.refuseOver !== undefined && !(typeof opts.refuseOver === 'number' && opts.refuseOver >= 0))
			throw new WebSocketUsageError('BAD_LIMIT', { option: 'refuseOver', got: describeValue(opts.refuseOver) });
		if (opts.startOffset !== undefined && !(Number.isSafeInteger(opts.startOffset) && opts.startOffset >= 0))
			throw new WebSocketUsageError('BAD_OPTIONS', { option: 'startOffset', got: describeValue(opts.startOffset) });
		if (opts.allocate !== undefined && typeof opts.allocate !== 'function')
			throw new WebSocketUsageError('BAD_OPTIONS', { option: 'allocate', got: describeValue(opts.allocate) });
		this.allocate = opts.allocate ?? newBytes;
		this.position = this.frameStart = opts.startOffset ?? 0;
		this.rules = {
			expectMasked: expect,
			allowedRsv: (opts.allowedRsv ?? 0) & 0x70,
			...(opts.maxPayload !== undefined ? { maxPayload: opts.maxPayload } : {})
		};
		this.stopOnError = (opts.onError ?? 'stop') === 'stop';
		this.refuseOver = opts.refuseOver ?? Infinity;
		this.inspectHeader = opts.inspectHeader;
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
	partial(): { header: FrameHeader; offset: number; received: Uint8Array; errors: readonly ProtocolError[] } | null {
		if (this.st !== 'payload' || !this.frame || this.stopped) return null;
		const f = this.frame;
		return {
			header: headerOf(f),
			offset: this.frameStart,
			received: this.payload ? this.payload.subarray(0, this.filled) : EMPTY_BYTES,
			errors: f.errors
		};
	}

	/** Stream offset of the frame being read (its first byte), or of the next one. */
	get frameOffset(): number {
		return this.st === 'header' ? this.position : this.frameStart;
	}

	/**
	 * The header bytes of the frame being read, as far as they have arrived (empty between frames):
	 * rebuilt from what was read plus what waits in the buffer, so nothing is kept on the hot path.
	 */
	pendingHeaderBytes(): Uint8Array {
		if (this.stopped) return EMPTY_BYTES;
		if (this.st === 'header') return this.buffered > 0 ? Uint8Array.of(this.byteAt(0)) : EMPTY_BYTES;
		const ext = extendedLengthBytes(this.lengthForm);
		const read =
			this.st === 'extended-length'
				? 2
				: this.st === 'masking-key'
					? 2 + ext
					: headerLength(this.lengthForm, this.maskKey !== null);
		const waiting = this.st === 'payload' ? 0 : Math.min(this.buffered, this.st === 'extended-length' ? ext : 4);
		const out = new Uint8Array(read + waiting);
		out[0] = this.b0;
		out[1] = this.b1;
		if (read > 2) {
			// The length bytes, big-endian, from the length they made (exact below 2^53, the only ones read).
			let v = this.length;
			for (let i = 1 + ext; i >= 2; i--) {
				out[i] = v % 256;
				v = Math.floor(v / 256);
			}
		}
		if (this.st === 'payload' && this.maskKey) out.set(this.maskKey, 2 + ext);
		for (let i = 0; i < waiting; i++) out[read + i] = this.byteAt(i);
		return out;
	}

	/**
	 * Feed bytes. The decoder may unmask payloads in place inside `chunk`, and the frames it returns
	 * may be views of `chunk`: pass a copy if you need the original bytes afterwards.
	 */
	push(chunk: Uint8Array): DecodeResult[] {
		if (!(chunk instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_INPUT', { fn: 'FrameDecoder.push', got: describeValue(chunk) });
		const out: DecodeResult[] = [];
		if (this.stopped || chunk.length === 0) return out;
		this.chunks.push(chunk);
		this.buffered += chunk.length;
		while (!this.stopped && this.step(out)) {
			/* keep going while progress is made */
		}
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
				this.lengthForm = lengthFormOf(len7);
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
						return this.fatal(out, protocolError('LENGTH_TOP_BIT', {}, this.frameStart + 2));
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
				const key = new Uint8Array(4);
				key[0] = this.byteAt(0);
				key[1] = this.byteAt(1);
				key[2] = this.byteAt(2);
				key[3] = this.byteAt(3);
				this.consume(4);
				this.maskKey = key;
				this.st = 'payload';
				return this.headerDone(out);
			}
			case 'payload': {
				const need = this.length - this.filled;
				if (need === 0) return this.emit(out, this.payload ?? EMPTY_BYTES);
				if (this.buffered === 0) return false;
				if (this.filled === 0 && this.chunks[0].length - this.first >= need) {
					// The whole payload is inside one chunk: unmask in place, no copy.
					const data = this.take(need);
					if (this.maskKey) applyMask(data, this.maskKey);
					return this.emit(out, data);
				}
				this.reserve(Math.min(this.length, this.filled + this.buffered));
				while (this.filled < this.length && this.buffered > 0) {
					const piece = this.take(Math.min(this.length - this.filled, this.chunks[0].length - this.first));
					const dst = this.payload!.subarray(this.filled, this.filled + piece.length);
					dst.set(piece);
					if (this.maskKey) applyMask(dst, this.maskKey, this.filled & 3);
					this.filled += piece.length;
				}
				if (this.filled === this.length) return this.emit(out, this.payload!);
				return false;
			}
		}
	}

	/** The header is complete: check the frame-level rules before any payload arrives. */
	private headerDone(out: DecodeResult[]): boolean {
		const b0 = this.b0;
		const masked = (this.b1 & 0x80) !== 0;
		const op = b0 & 0x0f;
		const fin = (b0 & 0x80) !== 0;
		const at = this.frameStart;
		const f: MutableFrame = {
			fin,
			rsv1: (b0 & 0x40) !== 0,
			rsv2: (b0 & 0x20) !== 0,
			rsv3: (b0 & 0x10) !== 0,
			opcode: op,
			masked,
			payloadLength: this.length,
			lengthForm: this.lengthForm,
			maskKey: this.maskKey,
			headerLength: headerSize(this.lengthForm, masked),
			payload: EMPTY_BYTES,
			offset: at,
			errors: NO_ERRORS,
			warnings: NO_WARNINGS
		};
		this.frame = f;
		this.payload = null;
		this.filled = 0;
		// Frame rules, then message rules (which run on every header, in stream order, so the message
		// state stays right).
		let errors = headerErrors(b0, this.b1, Number.isFinite(this.length) ? this.length : null, at, this.rules);
		if (this.inspectHeader) {
			const e = this.inspectHeader(f, at);
			if (e) (errors ??= []).push(e);
		}
		if (errors) {
			if (this.stopOnError) return this.fatal(out, errors[0], headerOf(f));
			f.errors = errors;
		}
		if (!Number.isFinite(this.length))
			return this.fatal(
				out,
				protocolError('MESSAGE_TOO_BIG', { size: null, limit: Number.MAX_SAFE_INTEGER, stage: 'frame' }, at + 2),
				headerOf(f)
			);
		if (this.length > this.refuseOver)
			return this.fatal(
				out,
				protocolError('MESSAGE_TOO_BIG', { size: this.length, limit: this.refuseOver, stage: 'frame' }, at + 1),
				headerOf(f)
			);
		return true;
	}

	private emit(out: DecodeResult[], payload: Uint8Array): boolean {
		const f = this.frame!;
		f.payload = payload;
		const minimal = minimalLengthForm(f.payloadLength);
		if (f.lengthForm !== minimal)
			f.warnings = [
				{
					code: 'NON_MINIMAL_LENGTH',
					params: { length: f.payloadLength, form: f.lengthForm, minimal },
					rfc: 'RFC 6455 §5.2'
				}
			];
		out.push({ type: 'frame', frame: f });
		this.st = 'header';
		this.frame = null;
		this.payload = null;
		this.filled = 0;
		return true;
	}

	private fatal(out: DecodeResult[], error: ProtocolError, header?: FrameHeader): boolean {
		out.push({ type: 'error', error, frameOffset: this.frameStart, ...(header ? { header } : {}) });
		this.stopped = true;
		this.chunks = [];
		this.first = 0;
		this.buffered = 0;
		return false;
	}

	/**
	 * Make room for `needed` payload bytes. The declared length is a promise the peer may never keep
	 * (2^40 bytes pasted on the decoder page, or a slow sender), so the buffer grows with what has
	 * arrived and reaches exactly the declared length when the last byte comes.
	 */
	private reserve(needed: number): void {
		const have = this.payload ? this.payload.length : 0;
		if (needed <= have) return;
		const size = Math.min(this.length, Math.max(needed * GROW_AHEAD, have * 2, GROW_FROM));
		const bigger = this.allocate(size);
		if (this.payload && this.filled > 0) bigger.set(this.payload.subarray(0, this.filled));
		this.payload = bigger;
	}

	/** Byte i of the unread bytes (i < buffered). */
	private byteAt(i: number): number {
		i += this.first;
		let k = 0;
		let c = this.chunks[0];
		while (i >= c.length) {
			i -= c.length;
			c = this.chunks[++k];
		}
		return c[i];
	}

	/** Remove n unread bytes (n <= buffered) and return them: a view when they lie in one chunk, else a copy. */
	private take(n: number): Uint8Array {
		const c = this.chunks[0];
		let out: Uint8Array;
		if (c.length - this.first >= n) out = new Uint8Array(c.buffer, c.byteOffset + this.first, n);
		else {
			out = new Uint8Array(n);
			let o = 0;
			let k = 0;
			let from = this.first;
			while (o < n) {
				const src = this.chunks[k++];
				const m = Math.min(src.length - from, n - o);
				out.set(src.subarray(from, from + m), o);
				o += m;
				from = 0;
			}
		}
		this.consume(n);
		return out;
	}

	private consume(n: number): void {
		this.buffered -= n;
		this.position += n;
		let first = this.first + n;
		while (this.chunks.length > 0 && first >= this.chunks[0].length) {
			first -= this.chunks[0].length;
			this.chunks.shift();
		}
		this.first = first;
	}
}
