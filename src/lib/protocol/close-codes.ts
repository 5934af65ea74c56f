import { describeValue, protocolError, WebSocketUsageError, type ProtocolError } from './errors';
import { decodeUtf8, encodeUtf8, validateUtf8 } from './utf8';

/**
 * Close status codes (RFC 6455 §7.4, and the IANA "WebSocket Close Code Number Registry").
 * A code knows its registered name and whether an endpoint may put it in a close frame.
 */

export interface CloseCodeInfo {
	readonly code: number;
	readonly name: string;
	readonly meaning: string;
	/** May this code appear in a close frame on the wire? */
	readonly onWire: boolean;
	readonly rfc: string;
}

const REGISTERED: Record<number, [name: string, meaning: string]> = {
	1000: ['Normal Closure', 'The purpose for which the connection was established has been fulfilled.'],
	1001: ['Going Away', 'The endpoint is going away: a server shutting down or a browser leaving the page.'],
	1002: ['Protocol Error', 'The endpoint is closing because the peer broke the protocol.'],
	1003: ['Unsupported Data', 'The endpoint received a type of data it cannot accept (say, binary when it only takes text).'],
	1004: ['Reserved', 'Reserved; its meaning might be defined in the future. Never sent.'],
	1005: ['No Status Received', 'Used by APIs when the close frame carried no status code. Never sent on the wire.'],
	1006: ['Abnormal Closure', 'Used by APIs when the connection dropped without a close frame. Never sent on the wire.'],
	1007: ['Invalid Frame Payload Data', 'The message data was not consistent with its type, such as invalid UTF-8 in a text message.'],
	1008: ['Policy Violation', 'The message violates the endpoint\'s policy; a generic code when nothing more specific fits.'],
	1009: ['Message Too Big', 'The message is too big for the endpoint to process.'],
	1010: ['Mandatory Extension', 'The client expected the server to negotiate an extension it did not.'],
	1011: ['Internal Error', 'The server met an unexpected condition that kept it from fulfilling the request.'],
	1012: ['Service Restart', 'The service is restarting; the client may reconnect.'],
	1013: ['Try Again Later', 'The service is overloaded; the client should try again later.'],
	1014: ['Bad Gateway', 'A gateway or proxy received an invalid response from the upstream server.'],
	1015: ['TLS Handshake', 'Used by APIs when the TLS handshake failed. Never sent on the wire.']
};

/** RFC 6455 §7.4.1 and §7.4.2: which codes an endpoint may send in a close frame. */
export function isValidOnWire(code: number): boolean {
	if (!Number.isInteger(code)) return false;
	if (code >= 1000 && code <= 1003) return true;
	if (code >= 1007 && code <= 1014) return true;
	return code >= 3000 && code <= 4999;
}

export function closeCodeInfo(code: number): CloseCodeInfo {
	if (typeof code !== 'number')
		throw new WebSocketUsageError('BAD_CLOSE_CODE', `A close code is a number, such as 1000; got ${describeValue(code)}.`, 'RFC 6455 §7.4');
	// A page may look up whatever number a reader typed: that is an answer, not an error.
	if (!Number.isInteger(code))
		return { code, name: 'Not a close code', meaning: 'Close codes are whole numbers from 0 to 65535, sent as 2 bytes.', onWire: false, rfc: 'RFC 6455 §5.5.1' };
	const onWire = isValidOnWire(code);
	const reg = REGISTERED[code];
	if (reg) return { code, name: reg[0], meaning: reg[1], onWire, rfc: 'RFC 6455 §7.4.1' };
	if (code >= 3000 && code <= 3999)
		return { code, name: 'Registered (3000-3999)', meaning: 'For libraries, frameworks and applications, registered with IANA.', onWire, rfc: 'RFC 6455 §7.4.2' };
	if (code >= 4000 && code <= 4999)
		return { code, name: 'Private use (4000-4999)', meaning: 'For private agreement between the two endpoints.', onWire, rfc: 'RFC 6455 §7.4.2' };
	if (code >= 1000 && code <= 2999)
		return { code, name: 'Unassigned (1000-2999)', meaning: 'Reserved for this protocol and its extensions; not assigned, so never valid on the wire.', onWire, rfc: 'RFC 6455 §7.4.2' };
	return { code, name: 'Out of range', meaning: 'Codes below 1000 and above 4999 are never used.', onWire, rfc: 'RFC 6455 §7.4.2' };
}

/** A close frame's payload: empty, or a 2-byte big-endian code then UTF-8 reason (RFC 6455 §5.5.1). */
export function encodeClosePayload(code?: number, reason = ''): Uint8Array {
	if (code === undefined) {
		if (typeof reason !== 'string') throw new WebSocketUsageError('BAD_REASON', `A close reason is a string, not ${describeValue(reason)}.`, 'RFC 6455 §5.5.1');
		if (reason !== '') throw new WebSocketUsageError('REASON_WITHOUT_CODE', 'A close reason needs a status code before it.', 'RFC 6455 §5.5.1');
		return new Uint8Array(0);
	}
	if (!isValidOnWire(code))
		throw new WebSocketUsageError('INVALID_CLOSE_CODE', `Close code ${describeValue(code)} may not be sent (valid: 1000-1003, 1007-1014, 3000-4999).`, 'RFC 6455 §7.4');
	if (typeof reason !== 'string') throw new WebSocketUsageError('BAD_REASON', `A close reason is a string, not ${describeValue(reason)}.`, 'RFC 6455 §5.5.1');
	const r = encodeUtf8(reason);
	if (r.length > 123)
		throw new WebSocketUsageError('REASON_TOO_LONG', `The close reason is ${r.length} bytes of UTF-8; at most 123 fit in a control frame.`, 'RFC 6455 §5.5');
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
	if (!(payload instanceof Uint8Array)) throw new WebSocketUsageError('BAD_INPUT', `parseClosePayload() takes the payload bytes (a Uint8Array), not ${describeValue(payload)}.`);
	if (payload.length === 0) return { ok: true, code: null, reason: '' };
	if (payload.length === 1) return { ok: false, code: null, error: protocolError('CLOSE_PAYLOAD_ONE_BYTE', undefined, 0) };
	const code = (payload[0] << 8) | payload[1];
	if (!isValidOnWire(code))
		return { ok: false, code, error: protocolError('INVALID_CLOSE_CODE', `code ${code} (${closeCodeInfo(code).name})`, 0) };
	const reasonBytes = payload.subarray(2);
	const v = validateUtf8(reasonBytes);
	if (!v.ok) return { ok: false, code, error: protocolError('INVALID_CLOSE_REASON', `invalid byte at reason offset ${v.offset}`, 2 + v.offset) };
	return { ok: true, code, reason: decodeUtf8(reasonBytes) };
}
