/**
 * The frame (RFC 6455 §5.2): its header, its encoding (malformed frames included, so the simulator
 * can show errors), and the byte and bit position of every field, for annotation.
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

import { WebSocketUsageError, describeValue } from './errors';
import { maskInto } from './mask';
import { isControl, opcodeName } from './opcode';

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
		throw new WebSocketUsageError('BAD_LENGTH', `A payload length is a whole number of bytes, 0 or more; got ${describeValue(length)}.`, 'RFC 6455 §5.2');
	return length <= 125 ? 7 : length <= 0xffff ? 16 : 64;
}

export function headerLength(lengthForm: LengthForm, masked: boolean): number {
	if (lengthForm !== 7 && lengthForm !== 16 && lengthForm !== 64)
		throw new WebSocketUsageError('BAD_LENGTH_FORM', 'The length form is 7, 16 or 64 bits.', 'RFC 6455 §5.2');
	return 2 + (lengthForm === 16 ? 2 : lengthForm === 64 ? 8 : 0) + (masked ? 4 : 0);
}

function checkSpec(spec: FrameSpec, length: number): LengthForm {
	if (spec === null || typeof spec !== 'object')
		throw new WebSocketUsageError('BAD_FRAME_SPEC', 'A frame is described by an object with at least an opcode.');
	const op = spec.opcode;
	if (typeof op !== 'number' || !(op >= 0 && op <= 15) || (op | 0) !== op)
		throw new WebSocketUsageError('BAD_OPCODE', `The opcode is 4 bits, so 0-15; got ${describeValue(op)}.`, 'RFC 6455 §5.2');
	if (spec.payload !== undefined && !(spec.payload instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_PAYLOAD', 'The payload must be a Uint8Array.');
	if (spec.mask != null && (!(spec.mask instanceof Uint8Array) || spec.mask.length !== 4))
		throw new WebSocketUsageError('BAD_MASK', 'A masking key is exactly 4 bytes.', 'RFC 6455 §5.3');
	if (!Number.isSafeInteger(length) || length < 0)
		throw new WebSocketUsageError('BAD_LENGTH', `A payload length is a whole number of bytes, 0 or more; got ${describeValue(length)}.`, 'RFC 6455 §5.2');
	const form = spec.lengthForm ?? (length <= 125 ? 7 : length <= 0xffff ? 16 : 64);
	if (form !== 7 && form !== 16 && form !== 64)
		throw new WebSocketUsageError('BAD_LENGTH_FORM', 'The length form is 7, 16 or 64 bits.', 'RFC 6455 §5.2');
	if ((form === 7 && length > 125) || (form === 16 && length > 0xffff))
		throw new WebSocketUsageError('LENGTH_DOES_NOT_FIT', `A ${length}-byte payload does not fit a ${form}-bit length.`, 'RFC 6455 §5.2');
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
		out[2] = hi >>> 24; out[3] = (hi >>> 16) & 0xff; out[4] = (hi >>> 8) & 0xff; out[5] = hi & 0xff;
		out[6] = lo >>> 24; out[7] = (lo >>> 16) & 0xff; out[8] = (lo >>> 8) & 0xff; out[9] = lo & 0xff;
		p = 10;
	}
	const mask = spec.mask;
	if (mask != null) {
		out[1] |= 0x80;
		out[p] = mask[0]; out[p + 1] = mask[1]; out[p + 2] = mask[2]; out[p + 3] = mask[3];
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
	const out = allocBytes(headerLength(form, spec.mask != null));
	writeHeader(out, spec, form, length);
	return out;
}

const EMPTY = new Uint8Array(0);

/** A whole frame: header followed by the (masked, when a key is given) payload, in one new byte array. */
export function encodeFrame(spec: FrameSpec): Uint8Array {
	const payload = spec?.payload ?? EMPTY;
	const form = checkSpec(spec, payload.length);
	const masked = spec.mask != null;
	const out = allocBytes((form === 7 ? 2 : form === 16 ? 4 : 10) + (masked ? 4 : 0) + payload.length);
	const at = writeHeader(out, spec, form, payload.length);
	if (masked) maskInto(payload, spec.mask!, out, at);
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
	const payload = spec?.payload ?? EMPTY;
	if (spec?.mask != null || payload.length < SEPARATE_PAYLOAD) return [encodeFrame(spec)];
	return [encodeHeader(spec, payload.length), payload];
}

/** The header fields of a frame, in the order they appear (RFC 6455 §5.2). */
export type FieldName =
	| 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'mask' | 'length' | 'extended-length' | 'masking-key' | 'payload';

export interface FieldAnnotation {
	readonly field: FieldName;
	readonly label: string;
	/** Byte range in the stream, end exclusive. */
	readonly start: number;
	readonly end: number;
	/** For fields smaller than a byte: bit range within byte `start`, 0 = most significant, end exclusive. */
	readonly bits?: readonly [number, number];
	readonly value: string;
	readonly meaning: string;
	readonly rfc: string;
}

/**
 * Annotate every field of a frame whose first byte is at `offset`. Every bit of the header and every
 * byte of the payload is covered by exactly one annotation (a property the tests hold us to).
 */
export function annotateFrame(h: FrameHeader, offset = 0): FieldAnnotation[] {
	if (h === null || typeof h !== 'object' || typeof h.opcode !== 'number' || typeof h.payloadLength !== 'number' || ![7, 16, 64].includes(h.lengthForm))
		throw new WebSocketUsageError('BAD_HEADER', 'annotateFrame() takes a frame header, such as a frame the decoder returned.');
	if (!Number.isInteger(offset) || offset < 0)
		throw new WebSocketUsageError('BAD_OFFSET', `The offset of a frame in its stream is a whole number, 0 or more; got ${describeValue(offset)}.`);
	const out: FieldAnnotation[] = [];
	const s = offset;
	const rfc = 'RFC 6455 §5.2';
	const bit = (v: boolean) => (v ? '1' : '0');
	out.push({ field: 'fin', label: 'FIN', start: s, end: s + 1, bits: [0, 1], value: bit(h.fin), rfc,
		meaning: h.fin ? 'This is the final frame of its message.' : 'More frames of this message follow.' });
	for (const [i, name] of (['rsv1', 'rsv2', 'rsv3'] as const).entries()) {
		const v = h[name];
		out.push({ field: name, label: name.toUpperCase(), start: s, end: s + 1, bits: [i + 1, i + 2], value: bit(v), rfc,
			meaning: v
				? name === 'rsv1' ? 'Set: only an extension may use it (permessage-deflate marks a compressed message).' : 'Set, though no extension defines it.'
				: 'Reserved for extensions; 0 unless one is negotiated.' });
	}
	out.push({ field: 'opcode', label: 'Opcode', start: s, end: s + 1, bits: [4, 8], value: `0x${h.opcode.toString(16)}`, rfc,
		meaning: opcodeMeaning(h.opcode) });
	out.push({ field: 'mask', label: 'MASK', start: s + 1, end: s + 2, bits: [0, 1], value: bit(h.masked), rfc,
				// Says what each side must do rather than who sent it: the bit is what is being checked (§5.1).
		meaning: h.masked ? 'The payload is masked with the 4-byte key that follows, as every client-to-server frame must be.'
			: 'The payload is not masked, as a server sends it; a client must always mask (RFC 6455 §5.1).' });
	const len7 = h.lengthForm === 7 ? h.payloadLength : h.lengthForm === 16 ? 126 : 127;
	out.push({ field: 'length', label: 'Payload len', start: s + 1, end: s + 2, bits: [1, 8], value: String(len7), rfc,
		meaning: h.lengthForm === 7 ? `The payload is ${h.payloadLength} bytes (0-125 fit in these 7 bits).`
			: h.lengthForm === 16 ? '126: the real length is in the next 2 bytes.' : '127: the real length is in the next 8 bytes.' });
	let p = s + 2;
	if (h.lengthForm !== 7) {
		const n = h.lengthForm === 16 ? 2 : 8;
		out.push({ field: 'extended-length', label: `Extended payload length (${h.lengthForm}-bit)`, start: p, end: p + n,
			value: String(h.payloadLength), rfc,
			meaning: `The payload is ${h.payloadLength} bytes, as a ${h.lengthForm}-bit unsigned big-endian integer.` });
		p += n;
	}
	if (h.maskKey) {
		out.push({ field: 'masking-key', label: 'Masking key', start: p, end: p + 4,
			value: [...h.maskKey].map((b) => b.toString(16).padStart(2, '0')).join(' '), rfc: 'RFC 6455 §5.3',
			meaning: 'Payload byte i is XORed with key byte i mod 4.' });
		p += 4;
	}
	if (h.payloadLength > 0)
		out.push({ field: 'payload', label: 'Payload', start: p, end: p + h.payloadLength, value: `${h.payloadLength} bytes`,
			rfc, meaning: h.masked ? 'The masked payload: unmask it to read the data.' : 'The payload data.' });
	return out;
}

function opcodeMeaning(op: number): string {
	switch (op) {
		case 0x0: return 'Continuation: the next piece of a fragmented message.';
		case 0x1: return 'Text: the message is UTF-8 text.';
		case 0x2: return 'Binary: the message is arbitrary bytes.';
		case 0x8: return 'Close: starts or answers the closing handshake.';
		case 0x9: return 'Ping: the peer must answer with a pong.';
		case 0xa: return 'Pong: the answer to a ping (or a heartbeat).';
		default: return `${opcodeName(op)}: ${isControl(op) ? 'reserved for future control frames' : 'reserved for future data frames'}.`;
	}
}
