/**
 * The frame (RFC 6455 §5.2): its header, its encoding (malformed frames included, so the simulator
 * can show errors), and the reading of a header's first bytes as far as they go.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 */

import { EMPTY_BYTES } from '../bytes';
import { WebSocketUsageError, describeValue } from '../errors';
import { maskInto } from './mask';

export type LengthForm = 7 | 16 | 64;

export interface FrameHeader {
	readonly fin: boolean;
	readonly rsv1: boolean;
	readonly rsv2: boolean;
	readonly rsv3: boolean;
	readonly opcode: number;
	readonly masked: boolean;
	readonly payloadLength: number;
	/** Which length encoding the sender used: 7-bit, 7+16-bit or 7+64-bit. */
	readonly lengthForm: LengthForm;
	readonly maskKey: Uint8Array | null;
	readonly headerLength: number;
}

export interface Frame extends FrameHeader {
	/** The payload as sent by the application: already unmasked. */
	readonly payload: Uint8Array;
}

/** The header fields alone, without a decoded frame's payload and findings (plain data to keep or send). */
export function headerOf(f: FrameHeader): FrameHeader {
	return {
		fin: f.fin,
		rsv1: f.rsv1,
		rsv2: f.rsv2,
		rsv3: f.rsv3,
		opcode: f.opcode,
		masked: f.masked,
		payloadLength: f.payloadLength,
		lengthForm: f.lengthForm,
		maskKey: f.maskKey,
		headerLength: f.headerLength
	};
}

/** What a caller asks the encoder for. Everything but the opcode has a well-formed default. */
export interface FrameSpec {
	readonly opcode: number;
	readonly payload?: Uint8Array;
	readonly fin?: boolean;
	readonly rsv1?: boolean;
	readonly rsv2?: boolean;
	readonly rsv3?: boolean;
	/** 4 bytes to mask with, or null/absent for an unmasked frame. */
	readonly mask?: Uint8Array | null;
	/** Force a length encoding, e.g. 64 for a small payload (non-minimal, but decodable). */
	readonly lengthForm?: LengthForm;
}

/** The smallest length encoding for a payload size, as RFC 6455 §5.2 requires. */
export function minimalLengthForm(length: number): LengthForm {
	if (!Number.isSafeInteger(length) || length < 0)
		throw new WebSocketUsageError('BAD_LENGTH', { got: describeValue(length) }, 'RFC 6455 §5.2');
	return formFor(length);
}

/** minimalLengthForm for a length already checked: encoding runs it for every frame sent. */
function formFor(length: number): LengthForm {
	return length <= 125 ? 7 : length <= 0xffff ? 16 : 64;
}

/** Bytes of a header: 2, the extended length (2 or 8), the masking key (4). The one place this is added up. */
export function headerLength(lengthForm: LengthForm, masked: boolean): number {
	if (lengthForm !== 7 && lengthForm !== 16 && lengthForm !== 64)
		throw new WebSocketUsageError('BAD_LENGTH_FORM', { got: describeValue(lengthForm) }, 'RFC 6455 §5.2');
	return headerSize(lengthForm, masked);
}

/** headerLength for a length form already checked (the encoder's, the decoder's own). */
export function headerSize(lengthForm: LengthForm, masked: boolean): number {
	return 2 + extendedLengthBytes(lengthForm) + (masked ? 4 : 0);
}

/** Bytes of the extended payload length after the 7-bit field: 0, 2 or 8 (RFC 6455 §5.2). */
export function extendedLengthBytes(lengthForm: LengthForm): 0 | 2 | 8 {
	return lengthForm === 16 ? 2 : lengthForm === 64 ? 8 : 0;
}

/** The length form the 7-bit field announces: 126 means 16 bits follow, 127 means 64. */
export function lengthFormOf(len7: number): LengthForm {
	return len7 === 126 ? 16 : len7 === 127 ? 64 : 7;
}

function checkSpec(spec: FrameSpec, length: number): LengthForm {
	if (spec === null || typeof spec !== 'object')
		throw new WebSocketUsageError('BAD_FRAME_SPEC', { got: describeValue(spec) });
	const op = spec.opcode;
	if (typeof op !== 'number' || !(op >= 0 && op <= 15) || (op | 0) !== op)
		throw new WebSocketUsageError('BAD_OPCODE', { got: describeValue(op) }, 'RFC 6455 §5.2');
	if (spec.payload !== undefined && !(spec.payload instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_PAYLOAD', { got: describeValue(spec.payload) });
	if (spec.mask != null && (!(spec.mask instanceof Uint8Array) || spec.mask.length !== 4))
		throw new WebSocketUsageError('BAD_MASK', {}, 'RFC 6455 §5.3');
	if (!Number.isSafeInteger(length) || length < 0)
		throw new WebSocketUsageError('BAD_LENGTH', { got: describeValue(length) }, 'RFC 6455 §5.2');
	const form = spec.lengthForm ?? formFor(length);
	if (form !== 7 && form !== 16 && form !== 64)
		throw new WebSocketUsageError('BAD_LENGTH_FORM', { got: describeValue(form) }, 'RFC 6455 §5.2');
	if ((form === 7 && length > 125) || (form === 16 && length > 0xffff))
		throw new WebSocketUsageError('LENGTH_DOES_NOT_FIT', { length, form }, 'RFC 6455 §5.2');
	return form;
}

/** Write a checked header into `out` at 0; returns where the payload starts. */
function writeHeader(out: Uint8Array, spec: FrameSpec, form: LengthForm, length: number): number {
	out[0] =
		((spec.fin ?? true) ? 0x80 : 0) |
		(spec.rsv1 ? 0x40 : 0) |
		(spec.rsv2 ? 0x20 : 0) |
		(spec.rsv3 ? 0x10 : 0) |
		spec.opcode;
	let p = 2;
	if (form === 7) out[1] = length;
	else if (form === 16) {
		out[1] = 126;
		out[2] = length >>> 8;
		out[3] = length & 0xff;
		p = 4;
	} else {
		out[1] = 127;
		const hi = Math.floor(length / 2 ** 32);
		const lo = length >>> 0;
		out[2] = hi >>> 24;
		out[3] = (hi >>> 16) & 0xff;
		out[4] = (hi >>> 8) & 0xff;
		out[5] = hi & 0xff;
		out[6] = lo >>> 24;
		out[7] = (lo >>> 16) & 0xff;
		out[8] = (lo >>> 8) & 0xff;
		out[9] = lo & 0xff;
		p = 10;
	}
	const mask = spec.mask;
	if (mask != null) {
		out[1] |= 0x80;
		out[p] = mask[0];
		out[p + 1] = mask[1];
		out[p + 2] = mask[2];
		out[p + 3] = mask[3];
		p += 4;
	}
	return p;
}

/*
 * Small frames are cut from shared slabs, as Node's Buffer.allocUnsafe does: a fresh ArrayBuffer for
 * every 100-byte frame costs more than building the frame (each is its own allocation that the garbage
 * collector tracks; in V8 only arrays of 64 bytes or less avoid it). A slab is never written twice, so returned bytes never change; but such a frame's
 * `.buffer` is the whole slab, so read it through byteOffset and length as with any view.
 */
const SLAB_SIZE = 16 * 1024;
const SLAB_MAX = 1024;
/** Up to this size V8 keeps a typed array's bytes inside the object itself, which is quicker still. */
const ON_HEAP_MAX = 64;
let slab = new ArrayBuffer(0);
let slabUsed = 0;

function allocBytes(n: number): Uint8Array {
	if (n <= ON_HEAP_MAX || n > SLAB_MAX) return new Uint8Array(n);
	if (slabUsed + n > slab.byteLength) {
		slab = new ArrayBuffer(SLAB_SIZE);
		slabUsed = 0;
	}
	const out = new Uint8Array(slab, slabUsed, n);
	slabUsed = (slabUsed + n + 7) & ~7; // keep views 8-byte aligned, so word-wide masking applies
	return out;
}

/** The header bytes alone (the payload is written separately, so large payloads are not copied). */
export function encodeHeader(spec: FrameSpec, length = spec?.payload?.length ?? 0): Uint8Array {
	const form = checkSpec(spec, length);
	const out = allocBytes(headerSize(form, spec.mask != null));
	writeHeader(out, spec, form, length);
	return out;
}

/** A whole frame: header followed by the (masked, when a key is given) payload, in one new byte array. */
export function encodeFrame(spec: FrameSpec): Uint8Array {
	const payload = spec?.payload ?? EMPTY_BYTES;
	const form = checkSpec(spec, payload.length);
	const out = allocBytes(headerSize(form, spec.mask != null) + payload.length);
	const at = writeHeader(out, spec, form, payload.length);
	if (spec.mask != null) maskInto(payload, spec.mask, out, at);
	else out.set(payload, at);
	return out;
}

/**
 * Payloads at least this long are written as their own buffer after the header instead of being
 * copied next to it: a copy costs more than a second write from here on.
 */
const SEPARATE_PAYLOAD = 1024;

/**
 * A frame as the buffers to write, in order: header and payload in one buffer when the payload is
 * small or masked (masking copies it anyway), or the header then the caller's own payload, uncopied.
 */
export function encodeFrameParts(spec: FrameSpec): Uint8Array[] {
	const payload = spec?.payload ?? EMPTY_BYTES;
	if (spec?.mask != null || payload.length < SEPARATE_PAYLOAD) return [encodeFrame(spec)];
	return [encodeHeader(spec, payload.length), payload];
}

/**
 * A header read from the first bytes of a frame, as far as they go: the decoder page shows frames the
 * input ends inside, and frames whose 64-bit length has its top bit set (no receiver can read past
 * them). Fixed positions of RFC 6455 §5.2 only; the rules are checked in header-rules.ts.
 */
export interface HeaderPrefix {
	/** Header bytes present (at most headerLength). */
	readonly have: number;
	/** The first two bytes as they are (b1 is -1 when the input ends before it). */
	readonly b0: number;
	readonly b1: number;
	/** What the header says, with 0 and false for the parts not present yet. */
	readonly header: FrameHeader;
	/** Is the second byte there (MASK bit and length form known)? */
	readonly secondByte: boolean;
	/** Are all the length bytes there, and do they make a length (top bit clear)? */
	readonly lengthKnown: boolean;
	/** A 64-bit length with its most significant bit set (RFC 6455 §5.2): no length at all. */
	readonly topBit: boolean;
	/** The extended length bytes present (2 or 8 when complete). */
	readonly lengthBytes: readonly number[];
	/** The masking key bytes present (fewer than 4 when the input ends inside it). */
	readonly maskBytes: readonly number[];
}

/** Read a frame header from `bytes` (starting at the frame's first byte), whole or cut short. */
export function readHeaderPrefix(bytes: Uint8Array): HeaderPrefix {
	if (!(bytes instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'readHeaderPrefix', got: describeValue(bytes) });
	const n = bytes.length;
	const b0 = n > 0 ? bytes[0] : 0;
	const secondByte = n > 1;
	const b1 = secondByte ? bytes[1] : 0;
	const lengthForm: LengthForm = secondByte ? lengthFormOf(b1 & 0x7f) : 7;
	const masked = (b1 & 0x80) !== 0;
	const ext = extendedLengthBytes(lengthForm);
	let length = 0;
	let lengthKnown = false;
	let topBit = false;
	if (secondByte && ext === 0) {
		length = b1 & 0x7f;
		lengthKnown = true;
	} else if (secondByte && n >= 2 + ext) {
		topBit = ext === 8 && (bytes[2] & 0x80) !== 0;
		if (!topBit) {
			for (let i = 2; i < 2 + ext; i++) length = length * 256 + bytes[i];
			lengthKnown = true;
		}
	}
	const keyAt = 2 + ext;
	const maskBytes = masked ? Array.from(bytes.subarray(keyAt, keyAt + 4)) : [];
	let maskKey: Uint8Array | null = null;
	if (masked) {
		maskKey = new Uint8Array(4);
		maskKey.set(maskBytes);
	}
	const hl = headerLength(lengthForm, masked);
	const header: FrameHeader = {
		fin: (b0 & 0x80) !== 0,
		rsv1: (b0 & 0x40) !== 0,
		rsv2: (b0 & 0x20) !== 0,
		rsv3: (b0 & 0x10) !== 0,
		opcode: b0 & 0x0f,
		masked,
		payloadLength: length,
		lengthForm,
		maskKey,
		headerLength: hl
	};
	const lengthBytes = secondByte ? Array.from(bytes.subarray(2, 2 + ext)) : [];
	return {
		have: Math.min(n, hl),
		b0,
		b1: secondByte ? b1 : -1,
		header,
		secondByte,
		lengthKnown,
		topBit,
		lengthBytes,
		maskBytes
	};
}
