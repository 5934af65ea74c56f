/**
 * The header of a frame the decoder could not finish: the input ends inside it, or it has a 64-bit
 * length with the top bit set (RFC 6455 §5.2), after which nothing can be framed.
 *
 * Why this exists: FrameDecoder keeps a header private until the header is complete, and its fatal
 * LENGTH_TOP_BIT result carries no header. The page still wants to draw those bytes, so this reads
 * what the bytes so far say, in the layout annotateFrame already knows (engine gap, reported). It
 * reads only the fixed positions of §5.2; every rule is still checked by the engine.
 */
import { toHex } from '$lib/hex';
import { annotateFrame, headerLength, type FieldAnnotation, type FrameHeader, type LengthForm } from '$lib/protocol';

export interface PendingHeader {
	readonly header: FrameHeader;
	/** Bytes the whole header takes; 2 when even the second byte is missing (a lower bound). */
	readonly headerLength: number;
	/** Is the payload length known (all length bytes present, top bit clear)? */
	readonly lengthKnown: boolean;
	/** The field annotations, with '?' for values past the end of the input. */
	readonly fields: FieldAnnotation[];
	/** Bytes still missing for the whole frame (a minimum when the length is not known). */
	readonly missing: number;
}

/** `bytes` starts at the frame's first byte (stream offset `offset`) and ends where the input does. */
export function pendingHeader(bytes: Uint8Array, offset: number): PendingHeader {
	const n = bytes.length;
	const b0 = bytes[0] ?? 0;
	const b1 = n > 1 ? bytes[1] : 0;
	const len7 = b1 & 0x7f;
	const lengthForm: LengthForm = n < 2 ? 7 : len7 === 126 ? 16 : len7 === 127 ? 64 : 7;
	const masked = n > 1 && (b1 & 0x80) !== 0;
	const hl = n < 2 ? 2 : headerLength(lengthForm, masked);
	const extBytes = lengthForm === 16 ? 2 : lengthForm === 64 ? 8 : 0;

	let length = NaN;
	if (n >= 2 && lengthForm === 7) length = len7;
	else if (n >= 2 + extBytes) {
		let v = 0;
		for (let i = 2; i < 2 + extBytes; i++) v = v * 256 + bytes[i];
		// Top bit set: not a length at all (LENGTH_TOP_BIT); keep it unknown.
		if (!(lengthForm === 64 && bytes[2] & 0x80)) length = v;
	}
	const lengthKnown = Number.isFinite(length);
	const keyStart = 2 + extBytes;
	const maskKey = masked ? padKey(bytes.subarray(keyStart, keyStart + 4)) : null;
	const header: FrameHeader = {
		fin: (b0 & 0x80) !== 0,
		rsv1: (b0 & 0x40) !== 0,
		rsv2: (b0 & 0x20) !== 0,
		rsv3: (b0 & 0x10) !== 0,
		opcode: b0 & 0x0f,
		masked,
		payloadLength: lengthKnown ? length : 0,
		lengthForm,
		maskKey,
		headerLength: hl
	};

	const fields = annotateFrame(header, offset)
		.filter((f) => n >= 2 || f.start === offset)
		.map((f): FieldAnnotation => {
			if (f.field === 'extended-length' && !lengthKnown) {
				const have = bytes.subarray(2, 2 + extBytes);
				const value = n >= 2 + extBytes ? `0x${toHex(have, '')}` : '?';
				return { ...f, value, meaning: n >= 2 + extBytes
					? 'The top bit of a 64-bit length must be 0: this is no length a receiver can read, so nothing after it can be framed.'
					: `The ${lengthForm}-bit length is cut off by the end of the input.` };
			}
			if (f.field === 'masking-key' && n < keyStart + 4) {
				const have = bytes.subarray(keyStart, keyStart + 4);
				return { ...f, value: [...Array.from(have, (b) => toHex(Uint8Array.of(b))), ...Array<string>(4 - have.length).fill('??')].join(' '),
					meaning: 'The masking key is cut off by the end of the input.' };
			}
			if (f.field === 'payload' && !lengthKnown) return { ...f, value: '?' };
			return f;
		})
		// Without a known length there is no payload field to draw.
		.filter((f) => f.field !== 'payload' || lengthKnown);

	const missing = Math.max(0, hl + (lengthKnown ? length : 0) - n) || (n < 2 ? 1 : 0);
	return { header, headerLength: hl, lengthKnown, fields, missing };
}

function padKey(have: Uint8Array): Uint8Array {
	const key = new Uint8Array(4);
	key.set(have);
	return key;
}
