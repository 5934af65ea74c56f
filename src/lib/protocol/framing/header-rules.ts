/**
 * The frame-level rules a receiver checks as soon as a header is read, before any payload (RFC 6455
 * §5.1, §5.2, §5.5, and RFC 7692 §6 for RSV1): in one place, for whole headers (the FrameDecoder)
 * and for headers the input ends inside (the reader's partial frame, the decoder page). Message-level
 * rules (the order of fragments) are the assembler's.
 */

import { protocolError, type ProtocolError, type RsvBit } from '../errors';
import { isReservedOpcode } from './opcode';

export interface HeaderRules {
	/** Servers require masked frames, clients unmasked ones (RFC 6455 §5.1); 'any' checks neither. */
	readonly expectMasked: 'masked' | 'unmasked' | 'any';
	/** RSV bits a negotiated extension gives meaning to, as in the first byte: RSV1 = 0x40. */
	readonly allowedRsv: number;
	/** Largest payload accepted for one frame; beyond it, MESSAGE_TOO_BIG (1009). */
	readonly maxPayload?: number;
}

const RSV: readonly [number, RsvBit][] = [
	[0x40, 'rsv1'],
	[0x20, 'rsv2'],
	[0x10, 'rsv3']
];

/**
 * The rules broken by a header whose first byte is at stream offset `at`, in the order a reader meets
 * them; null when there are none (the usual case, which allocates nothing). What is known of the
 * header: the first byte always; the second byte, or -1 when the input ends before it; the payload
 * length, or null while its bytes are missing (or it is no length: top bit set). Scalars rather than
 * an object, so the check of every frame the decoder reads allocates nothing.
 */
export function headerErrors(
	b0: number,
	b1: number,
	length: number | null,
	at: number,
	rules: HeaderRules
): ProtocolError[] | null {
	// No closures: this runs for every frame the echo server reads, and tsx wraps each one it creates.
	let errors: ProtocolError[] | null = null;
	const op = b0 & 0x0f;
	if (isReservedOpcode(op)) errors = push(errors, protocolError('RESERVED_OPCODE', { opcode: op }, at));
	const rsv = b0 & 0x70 & ~rules.allowedRsv;
	if (rsv) errors = push(errors, protocolError('RSV_WITHOUT_EXTENSION', { bits: rsvBits(rsv) }, at));
	const control = (op & 0x8) !== 0;
	if (control && !(b0 & 0x80)) errors = push(errors, protocolError('CONTROL_FRAGMENTED', {}, at));
	if (b1 < 0) return errors;
	// A 16- or 64-bit length form alone means at least 126 bytes, even before its bytes arrive.
	if (control && (length !== null ? length > 125 : (b1 & 0x7f) > 125))
		errors = push(errors, protocolError('CONTROL_TOO_LONG', { length }, at + 1));
	const masked = (b1 & 0x80) !== 0;
	if (rules.expectMasked === 'masked' && !masked)
		errors = push(errors, protocolError('UNMASKED_CLIENT_FRAME', {}, at + 1));
	else if (rules.expectMasked === 'unmasked' && masked)
		errors = push(errors, protocolError('MASKED_SERVER_FRAME', {}, at + 1));
	if (rules.maxPayload !== undefined && length !== null && length > rules.maxPayload)
		errors = push(
			errors,
			protocolError('MESSAGE_TOO_BIG', { size: length, limit: rules.maxPayload, stage: 'frame' }, at + 1)
		);
	return errors;
}

function push(list: ProtocolError[] | null, e: ProtocolError): ProtocolError[] {
	if (list) list.push(e);
	else list = [e];
	return list;
}

/** The names of the RSV bits set in `bits` (as in the first byte). */
export function rsvBits(bits: number): RsvBit[] {
	const out: RsvBit[] = [];
	for (const [mask, name] of RSV) if (bits & mask) out.push(name);
	return out;
}
