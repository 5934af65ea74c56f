/**
 * The byte and bit position of every field of a frame (RFC 6455 §5.2), with its value and what it
 * means there, as data: a key and parameters that src/lib/i18n/protocol/fields.ts words in English
 * and Korean. Every bit of the header and every byte of the payload is covered by exactly one
 * annotation (a property the tests hold us to); views draw any frame, malformed or cut short, from
 * these alone.
 */

import { WebSocketUsageError, describeValue } from '../errors';
import type { RfcSection } from '../types';
import { extendedLengthBytes, type FrameHeader, type HeaderPrefix, type LengthForm } from './frame';

/** The header fields of a frame, in the order they appear (RFC 6455 §5.2), then its payload. */
export type FieldName =
	'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'mask' | 'length' | 'extended-length' | 'masking-key' | 'payload';

/**
 * What a field says about its frame. Keys by field:
 *   fin              'fin.final' | 'fin.more'
 *   rsv1-3           no extension agreed: 'rsv.clear', 'rsv1.set' (only an extension may set it),
 *                    'rsv.set'; permessage-deflate agreed (RFC 7692 §6): RSV1 is 'rsv1.compressed' or
 *                    'rsv1.uncompressed' on a message's first frame, 'rsv1.control' and
 *                    'rsv1.continuation' where it is always 0; RSV2 and RSV3 'rsv.unused' (or 'rsv.set')
 *   opcode           'opcode' with the opcode
 *   mask             'mask.set' | 'mask.clear'
 *   length           'length.7' with the length, or 'length.16' | 'length.64' (the real length follows)
 *   extended-length  'extended-length' with the length and form; 'extended-length.top-bit' (no length)
 *   masking-key      'masking-key'
 *   payload          'payload.masked' | 'payload.plain'
 *   any field        'cut-off': the input ends inside it, its value is not known
 */
export type FieldMeaning =
	| { readonly key: 'fin.final' | 'fin.more' }
	| { readonly key: 'rsv.clear' | 'rsv.set' | 'rsv1.set' | 'rsv.unused' }
	| { readonly key: 'rsv1.compressed' | 'rsv1.uncompressed' | 'rsv1.control' | 'rsv1.continuation' }
	| { readonly key: 'opcode'; readonly opcode: number }
	| { readonly key: 'mask.set' | 'mask.clear' }
	| { readonly key: 'length.7'; readonly length: number }
	| { readonly key: 'length.16' | 'length.64' }
	| { readonly key: 'extended-length'; readonly length: number; readonly form: 16 | 64 }
	| { readonly key: 'extended-length.top-bit' }
	| { readonly key: 'masking-key' }
	| { readonly key: 'payload.masked' | 'payload.plain' }
	| { readonly key: 'cut-off' };

export type FieldMeaningKey = FieldMeaning['key'];

export interface FieldAnnotation {
	readonly field: FieldName;
	/** Byte range in the stream, end exclusive. */
	readonly start: number;
	readonly end: number;
	/** For fields smaller than a byte: bit range within byte `start`, 0 = most significant, end exclusive. */
	readonly bits?: readonly [number, number];
	/**
	 * The value the field holds: a bit (0 or 1), the opcode, the 7-bit length field, the payload
	 * length (extended length and payload). null when the input ends before it, or for the masking key.
	 */
	readonly value: number | null;
	/** The field's bytes, for the masking key and a 64-bit length that is no length (as many as there are). */
	readonly bytes?: readonly number[];
	/** The 16- or 64-bit form, on the extended length. */
	readonly form?: LengthForm;
	readonly meaning: FieldMeaning;
	readonly rfc: RfcSection;
}

export interface AnnotateOptions {
	/** permessage-deflate is agreed, which gives RSV1 a meaning (RFC 7692 §6). */
	readonly deflate?: boolean;
}

const FRAMING: RfcSection = 'RFC 6455 §5.2';

/** Every field of a whole frame whose first byte is at stream offset `offset`. */
export function annotateFrame(h: FrameHeader, offset = 0, opts: AnnotateOptions = {}): FieldAnnotation[] {
	if (
		h === null ||
		typeof h !== 'object' ||
		typeof h.opcode !== 'number' ||
		typeof h.payloadLength !== 'number' ||
		![7, 16, 64].includes(h.lengthForm)
	)
		throw new WebSocketUsageError('BAD_HEADER', { fn: 'annotateFrame', got: describeValue(h) });
	checkOffset(offset);
	const key = h.maskKey ? Array.from(h.maskKey) : [];
	return annotate(
		h,
		offset,
		{ secondByte: true, lengthKnown: true, topBit: false, lengthBytes: [], maskBytes: key, have: h.headerLength },
		opts
	);
}

/**
 * The fields of a header read as far as the input goes (readHeaderPrefix): those whose bytes are
 * missing say so ('cut-off'), a 64-bit length with its top bit set says it is no length, and the
 * payload is annotated only when its length is known.
 */
export function annotatePrefix(p: HeaderPrefix, offset = 0, opts: AnnotateOptions = {}): FieldAnnotation[] {
	if (p === null || typeof p !== 'object' || typeof p.have !== 'number' || typeof p.header !== 'object')
		throw new WebSocketUsageError('BAD_HEADER', { fn: 'annotatePrefix', got: describeValue(p) });
	checkOffset(offset);
	return annotate(p.header, offset, p, opts);
}

function checkOffset(offset: number): void {
	if (!Number.isInteger(offset) || offset < 0)
		throw new WebSocketUsageError('BAD_OFFSET', { got: describeValue(offset) });
}

type Known = Pick<HeaderPrefix, 'secondByte' | 'lengthKnown' | 'topBit' | 'lengthBytes' | 'maskBytes' | 'have'>;

function annotate(h: FrameHeader, s: number, known: Known, opts: AnnotateOptions): FieldAnnotation[] {
	const bit = (v: boolean) => (v ? 1 : 0);
	const out: FieldAnnotation[] = [
		{
			field: 'fin',
			start: s,
			end: s + 1,
			bits: [0, 1],
			value: bit(h.fin),
			meaning: { key: h.fin ? 'fin.final' : 'fin.more' },
			rfc: FRAMING
		}
	];
	for (const [i, name] of (['rsv1', 'rsv2', 'rsv3'] as const).entries())
		out.push({
			field: name,
			start: s,
			end: s + 1,
			bits: [i + 1, i + 2],
			value: bit(h[name]),
			...rsvMeaning(h, name, !!opts.deflate)
		});
	out.push({
		field: 'opcode',
		start: s,
		end: s + 1,
		bits: [4, 8],
		value: h.opcode,
		meaning: { key: 'opcode', opcode: h.opcode },
		rfc: FRAMING
	});
	if (!known.secondByte) return out;
	// Says what each side must do rather than who sent it: the bit is what is being checked (§5.1).
	out.push({
		field: 'mask',
		start: s + 1,
		end: s + 2,
		bits: [0, 1],
		value: bit(h.masked),
		meaning: { key: h.masked ? 'mask.set' : 'mask.clear' },
		rfc: FRAMING
	});
	const form = h.lengthForm;
	const len7 = form === 7 ? h.payloadLength : form === 16 ? 126 : 127;
	out.push({
		field: 'length',
		start: s + 1,
		end: s + 2,
		bits: [1, 8],
		value: len7,
		meaning:
			form === 7 ? { key: 'length.7', length: h.payloadLength } : { key: form === 16 ? 'length.16' : 'length.64' },
		rfc: FRAMING
	});
	let p = s + 2;
	if (form !== 7) {
		const n = extendedLengthBytes(form);
		const cut = known.have < 2 + n;
		const meaning: FieldMeaning = known.topBit
			? { key: 'extended-length.top-bit' }
			: cut
				? { key: 'cut-off' }
				: { key: 'extended-length', length: h.payloadLength, form };
		out.push({
			field: 'extended-length',
			start: p,
			end: p + n,
			value: known.lengthKnown ? h.payloadLength : null,
			form,
			...(known.topBit ? { bytes: known.lengthBytes } : {}),
			meaning,
			rfc: FRAMING
		});
		p += n;
	}
	if (h.masked) {
		const complete = known.maskBytes.length === 4;
		out.push({
			field: 'masking-key',
			start: p,
			end: p + 4,
			value: null,
			bytes: known.maskBytes,
			meaning: { key: complete ? 'masking-key' : 'cut-off' },
			rfc: 'RFC 6455 §5.3'
		});
		p += 4;
	}
	if (known.lengthKnown && h.payloadLength > 0)
		out.push({
			field: 'payload',
			start: p,
			end: p + h.payloadLength,
			value: h.payloadLength,
			meaning: { key: h.masked ? 'payload.masked' : 'payload.plain' },
			rfc: FRAMING
		});
	return out;
}

function rsvMeaning(
	h: FrameHeader,
	name: 'rsv1' | 'rsv2' | 'rsv3',
	deflate: boolean
): Pick<FieldAnnotation, 'meaning' | 'rfc'> {
	const set = h[name];
	if (!deflate)
		return { meaning: { key: !set ? 'rsv.clear' : name === 'rsv1' ? 'rsv1.set' : 'rsv.set' }, rfc: FRAMING };
	// permessage-deflate uses RSV1 only, on the first frame of a data message (RFC 7692 §6).
	if (name !== 'rsv1') return { meaning: { key: set ? 'rsv.set' : 'rsv.unused' }, rfc: 'RFC 7692 §6' };
	const key =
		h.opcode & 0x8
			? 'rsv1.control'
			: h.opcode === 0
				? 'rsv1.continuation'
				: set
					? 'rsv1.compressed'
					: 'rsv1.uncompressed';
	return { meaning: { key }, rfc: 'RFC 7692 §6' };
}
