/**
 * Turning the engine's findings into ByteIssues: a byte range to point at, the close code a
 * receiver would send, and the numbers the page's sentences need. The rules themselves are the
 * engine's (src/lib/protocol/errors.ts); this only says where on the bytes each one is.
 */
import {
	isControl,
	isReservedOpcode,
	PROTOCOL_ERRORS,
	protocolError,
	type FrameHeader,
	type ProtocolError
} from '$lib/protocol';
import type { ByteIssue, IssueCode, Severity } from './types';

/** Byte range of the payload-length bytes (the 7-bit field and any extended length). */
export function lengthRange(h: FrameHeader, offset: number): [number, number] {
	return [offset + 1, offset + 2 + (h.lengthForm === 16 ? 2 : h.lengthForm === 64 ? 8 : 0)];
}

/** Where an engine error points, widened from its single offset to the field it is about. */
function rangeOf(e: ProtocolError, h: FrameHeader | null, frameOffset: number): [number, number] {
	const at = e.offset ?? frameOffset;
	const payloadStart = h ? frameOffset + h.headerLength : at;
	switch (e.code) {
		case 'CONTROL_TOO_LONG':
		case 'MESSAGE_TOO_BIG':
			return h ? lengthRange(h, frameOffset) : [at, at + 1];
		case 'LENGTH_TOP_BIT':
			return [frameOffset + 2, frameOffset + 10];
		case 'INVALID_CLOSE_CODE':
			return [payloadStart, payloadStart + 2];
		case 'INVALID_UTF8':
			// Errors found after inflating have no wire offset: point at the payload.
			return e.offset === undefined ? [payloadStart, payloadStart + 1] : [at, at + 1];
		case 'UNMASKED_CLIENT_FRAME':
		case 'MASKED_SERVER_FRAME':
			return [frameOffset + 1, frameOffset + 2];
		default:
			return [at, at + 1];
	}
}

/** A ByteIssue from an engine ProtocolError: an error, with the engine's close code and RFC section. */
export function fromProtocolError(
	e: ProtocolError,
	frame: number | null,
	h: FrameHeader | null,
	frameOffset: number,
	severity: Severity = 'error',
	extra: Record<string, number | string> = {}
): ByteIssue {
	const [start, end] = rangeOf(e, h, frameOffset);
	const params: Record<string, number | string> = { ...extra };
	if (h) {
		params.opcode = h.opcode;
		params.length = h.payloadLength;
	}
	if (e.offset !== undefined) params.at = e.offset;
	// Which RSV bits: the same names in every language ("RSV1, RSV3").
	if (e.code === 'RSV_WITHOUT_EXTENSION' && e.detail) params.bits = e.detail.replace(/ set$/, '');
	return {
		severity,
		code: e.code,
		start,
		end,
		frame,
		closeCode: e.closeCode,
		rfc: e.rfc,
		message: e.message,
		...(e.detail !== undefined ? { detail: e.detail } : {}),
		params
	};
}

/** The English sentence and RFC section of the issues only this page reports. */
const PAGE_ISSUES: Record<Exclude<IssueCode, keyof typeof PROTOCOL_ERRORS>, { rfc: string; message: string }> = {
	NON_MINIMAL_LENGTH: {
		rfc: 'RFC 6455 §5.2',
		message: 'The payload length does not use the shortest encoding, which RFC 6455 requires ("the minimal number of bytes MUST be used").'
	},
	INCOMPLETE_FRAME: {
		rfc: 'RFC 6455 §5.2',
		message: 'The input ends inside this frame; a receiver would keep waiting for the missing bytes.'
	},
	UNFINISHED_MESSAGE: {
		rfc: 'RFC 6455 §5.4',
		message: 'This fragmented message has no final frame (FIN = 1) in the input; a receiver would keep waiting for it.'
	},
	ABANDONED_MESSAGE: {
		rfc: 'RFC 6455 §5.4',
		message: 'This fragmented message was cut short by a new message before its final frame.'
	},
	UNFRAMED_BYTES: {
		rfc: 'RFC 6455 §5.2',
		message: 'These bytes follow a frame whose length cannot be read, so they cannot be split into frames.'
	},
	NOT_ANALYSED: {
		rfc: 'RFC 6455 §5.2',
		message: 'The page stops after this many frames; the remaining bytes were not analysed.'
	},
	HANDSHAKE_REFUSED: {
		rfc: 'RFC 6455 §4',
		message: 'The other side would refuse this part of the opening handshake, so no WebSocket connection would open.'
	},
	INCOMPLETE_HTTP_HEAD: {
		rfc: 'RFC 6455 §4.1',
		message: 'The bytes start an HTTP head of the opening handshake that cannot be read to its end (the input stops before the empty line after the header fields, or a line is malformed), so no frames can be read after it.'
	}
};

export function pageIssue(
	code: keyof typeof PAGE_ISSUES,
	severity: Severity,
	start: number,
	end: number,
	frame: number | null,
	params: Record<string, number | string> = {},
	closeCode: number | null = null
): ByteIssue {
	const spec = PAGE_ISSUES[code];
	return { severity, code, start, end, frame, closeCode, rfc: spec.rfc, message: spec.message, params };
}

/**
 * The decoder's header rules, for the frames it never finished (cut off by the end of the input, or
 * stopped at an unreadable 64-bit length). For complete frames the decoder reports these itself;
 * FrameDecoder.partial() does not hand over the errors it found (engine gap, reported), so they are
 * asked again here of the engine's own predicates. `lengthKnown` is false when the length bytes are
 * missing, so no length rule can be judged.
 */
export function pendingHeaderErrors(
	h: FrameHeader,
	offset: number,
	allowedRsv: number,
	secondByte: boolean,
	lengthKnown: boolean
): ProtocolError[] {
	const errors: ProtocolError[] = [];
	const op = h.opcode;
	if (isReservedOpcode(op)) errors.push(protocolError('RESERVED_OPCODE', `opcode 0x${op.toString(16)}`, offset));
	const b0 = (h.rsv1 ? 0x40 : 0) | (h.rsv2 ? 0x20 : 0) | (h.rsv3 ? 0x10 : 0);
	const rsv = b0 & ~allowedRsv;
	if (rsv)
		errors.push(protocolError('RSV_WITHOUT_EXTENSION', [rsv & 0x40 && 'RSV1', rsv & 0x20 && 'RSV2', rsv & 0x10 && 'RSV3'].filter(Boolean).join(', ') + ' set', offset));
	if (isControl(op) && !h.fin) errors.push(protocolError('CONTROL_FRAGMENTED', undefined, offset));
	// A 16- or 64-bit length form alone means at least 126 bytes, even before its bytes arrive.
	if (secondByte && isControl(op) && (lengthKnown ? h.payloadLength > 125 : h.lengthForm !== 7))
		errors.push(protocolError('CONTROL_TOO_LONG', lengthKnown ? `${h.payloadLength} bytes` : 'more than 125 bytes', offset + 1));
	return errors;
}
