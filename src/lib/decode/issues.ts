/**
 * Turning the engine's findings into ByteIssues: a byte range to point at, the close code a receiver
 * would send, and the parameters the page's sentences need. The rules and their parameters are the
 * engine's (src/lib/protocol/errors.ts); this only says where on the bytes each one is.
 */
import { extendedLengthBytes, type FrameHeader, type ProtocolError, type RfcSection } from '$lib/protocol';
import type { ByteIssue, PageIssueParams, Role, Severity } from './types';

/** Byte range of the payload-length bytes (the 7-bit field and any extended length). */
export function lengthRange(h: Pick<FrameHeader, 'lengthForm'>, offset: number): [number, number] {
	return [offset + 1, offset + 2 + extendedLengthBytes(h.lengthForm)];
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

/** A ByteIssue from an engine ProtocolError, with the engine's close code and RFC section. */
export function fromProtocolError(
	e: ProtocolError,
	frame: number | null,
	h: FrameHeader | null,
	frameOffset: number,
	severity: Severity = 'error',
	role?: Role
): ByteIssue {
	const [start, end] = rangeOf(e, h, frameOffset);
	return {
		severity,
		code: e.code,
		params: e.params,
		start,
		end,
		frame,
		closeCode: e.closeCode,
		rfc: e.rfc,
		...(role ? { role } : {})
	} as ByteIssue;
}

/** The RFC section of each issue only this page reports. */
const PAGE_RFC: Record<keyof PageIssueParams, RfcSection> = {
	NON_MINIMAL_LENGTH: 'RFC 6455 §5.2',
	INCOMPLETE_FRAME: 'RFC 6455 §5.2',
	UNFINISHED_MESSAGE: 'RFC 6455 §5.4',
	ABANDONED_MESSAGE: 'RFC 6455 §5.4',
	UNFRAMED_BYTES: 'RFC 6455 §5.2',
	NOT_ANALYSED: 'RFC 6455 §5.2',
	HANDSHAKE_REFUSED: 'RFC 6455 §4',
	INCOMPLETE_HTTP_HEAD: 'RFC 6455 §4.1'
};

export function pageIssue<C extends keyof PageIssueParams>(
	code: C,
	params: PageIssueParams[C],
	severity: Severity,
	start: number,
	end: number,
	frame: number | null,
	rfc: RfcSection = PAGE_RFC[code]
): ByteIssue {
	return { severity, code, params, start, end, frame, closeCode: null, rfc } as ByteIssue;
}
