/**
 * Close status codes (RFC 6455 §7.4, and the IANA "WebSocket Close Code Number Registry"): which
 * range a code falls in and whether an endpoint may put it in a close frame. Their registered names
 * and meanings, in English and Korean, are in src/lib/i18n/protocol/close-codes.ts.
 */

import { describeValue, protocolError, WebSocketUsageError, type ProtocolError } from '../errors';
import type { RfcSection } from '../types';
import { decodeUtf8, encodeUtf8, validateUtf8 } from './utf8';

/**
 * 'registered': 1000-1015 as RFC 6455 §7.4.1 and the registry define them; 'library': 3000-3999,
 * registered with IANA by libraries and applications; 'private': 4000-4999; 'unassigned': other codes
 * below 3000 reserved for the protocol; 'out-of-range': below 1000 or above 4999; 'not-integer'.
 */
export type CloseCodeKind = 'registered' | 'library' | 'private' | 'unassigned' | 'out-of-range' | 'not-integer';

export interface CloseCodeInfo {
	readonly code: number;
	readonly kind: CloseCodeKind;
	/** May this code appear in a close frame on the wire? */
	readonly onWire: boolean;
	readonly rfc: RfcSection;
}

/** RFC 6455 §7.4.1 and the IANA registry: 1000-1015 (1004 reserved, 1005, 1006 and 1015 never sent). */
const FIRST_REGISTERED = 1000;
const LAST_REGISTERED = 1015;

/** The largest close reason: a control frame carries 125 bytes, two of them the code (RFC 6455 §5.5). */
export const MAX_CLOSE_REASON_BYTES = 123;

/** RFC 6455 §7.4.1 and §7.4.2: which codes an endpoint may send in a close frame. */
export function isValidOnWire(code: number): boolean {
	if (!Number.isInteger(code)) return false;
	if (code >= 1000 && code <= 1003) return true;
	if (code >= 1007 && code <= 1014) return true;
	return code >= 3000 && code <= 4999;
}

export function closeCodeInfo(code: number): CloseCodeInfo {
	if (typeof code !== 'number')
		throw new WebSocketUsageError('BAD_CLOSE_CODE', { got: describeValue(code) }, 'RFC 6455 §7.4');
	// A page may look up whatever number a reader typed: that is an answer, not an error.
	if (!Number.isInteger(code)) return { code, kind: 'not-integer', onWire: false, rfc: 'RFC 6455 §5.5.1' };
	const onWire = isValidOnWire(code);
	if (code >= FIRST_REGISTERED && code <= LAST_REGISTERED)
		return { code, kind: 'registered', onWire, rfc: 'RFC 6455 §7.4.1' };
	const kind: CloseCodeKind =
		code >= 3000 && code <= 3999
			? 'library'
			: code >= 4000 && code <= 4999
				? 'private'
				: code >= 1000 && code <= 2999
					? 'unassigned'
					: 'out-of-range';
	return { code, kind, onWire, rfc: 'RFC 6455 §7.4.2' };
}

/** A close frame's payload: empty, or a 2-byte big-endian code then UTF-8 reason (RFC 6455 §5.5.1). */
export function encodeClosePayload(code?: number, reason = ''): Uint8Array {
	if (typeof reason !== 'string')
		throw new WebSocketUsageError('BAD_REASON', { got: describeValue(reason) }, 'RFC 6455 §5.5.1');
	if (code === undefined) {
		if (reason !== '') throw new WebSocketUsageError('REASON_WITHOUT_CODE', {}, 'RFC 6455 §5.5.1');
		return new Uint8Array(0);
	}
	if (!isValidOnWire(code))
		throw new WebSocketUsageError('INVALID_CLOSE_CODE', { code: describeValue(code) }, 'RFC 6455 §7.4');
	const r = encodeUtf8(reason);
	if (r.length > MAX_CLOSE_REASON_BYTES)
		throw new WebSocketUsageError('REASON_TOO_LONG', { bytes: r.length, max: MAX_CLOSE_REASON_BYTES }, 'RFC 6455 §5.5');
	const out = new Uint8Array(2 + r.length);
	out[0] = code >>> 8;
	out[1] = code & 0xff;
	out.set(r, 2);
	return out;
}

export type ClosePayload =
	| { readonly ok: true; readonly code: number | null; readonly reason: string }
	| { readonly ok: false; readonly error: ProtocolError; readonly code: number | null };

/** Read and check a received close payload; offsets in errors are relative to the payload. */
export function parseClosePayload(payload: Uint8Array): ClosePayload {
	if (!(payload instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'parseClosePayload', got: describeValue(payload) });
	if (payload.length === 0) return { ok: true, code: null, reason: '' };
	if (payload.length === 1) return { ok: false, code: null, error: protocolError('CLOSE_PAYLOAD_ONE_BYTE', {}, 0) };
	const code = (payload[0] << 8) | payload[1];
	if (!isValidOnWire(code)) return { ok: false, code, error: protocolError('INVALID_CLOSE_CODE', { code }, 0) };
	const reasonBytes = payload.subarray(2);
	const v = validateUtf8(reasonBytes);
	if (!v.ok) return { ok: false, code, error: protocolError('INVALID_CLOSE_REASON', { at: v.offset }, 2 + v.offset) };
	return { ok: true, code, reason: decodeUtf8(reasonBytes) };
}
