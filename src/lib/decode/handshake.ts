/**
 * The opening handshake at the start of a pasted stream. A "Follow TCP Stream" dump of a WebSocket
 * connection begins with the client's HTTP request and the server's 101 response (RFC 6455 §4.1,
 * §4.2.2); frames follow on the same bytes. The heads are read with the engine's readHead, shown as
 * text, and what the response agreed (permessage-deflate or not) is what the frames are read with.
 */
import {
	acceptSteps,
	checkClientRequest,
	checkServerResponse,
	header,
	parseExtensions,
	PERMESSAGE_DEFLATE,
	readHead,
	type ClientRequest,
	type HttpHead
} from '$lib/protocol';
import type { HeadVerdict, HttpHeadInfo } from './types';

const GET = [0x47, 0x45, 0x54, 0x20]; // "GET "
const HTTP = [0x48, 0x54, 0x54, 0x50, 0x2f]; // "HTTP/"

const startsWith = (bytes: Uint8Array, at: number, prefix: readonly number[]) =>
	bytes.length - at >= prefix.length && prefix.every((b, i) => bytes[at + i] === b);

export interface LeadingHeads {
	readonly heads: HttpHeadInfo[];
	/** Where the frames begin: after the last whole head. */
	readonly end: number;
	/** A head the input ends inside (or that cannot be read), from its first byte; null if none. */
	readonly cut: { readonly start: number; readonly reason: string | null } | null;
}

/** The request and/or response heads the bytes start with (at most one of each, in either order). */
export function leadingHeads(bytes: Uint8Array): LeadingHeads {
	const heads: HttpHeadInfo[] = [];
	let at = 0;
	/** The request as the server read it, when it passed: what the response is checked against. */
	let request: ClientRequest | null = null;
	while (heads.length < 2) {
		const role = startsWith(bytes, at, GET) ? 'client' : startsWith(bytes, at, HTTP) ? 'server' : null;
		if (!role || heads.some((h) => h.role === role)) break;
		const r = readHead(bytes.subarray(at));
		if (r.kind !== 'head') return { heads, end: at, cut: { start: at, reason: r.kind === 'error' ? r.reason : null } };
		const fields = r.head.fields.map(([n, v]): readonly [string, string] => [n, v]);
		let verdict: HeadVerdict | null;
		if (role === 'client') {
			const c = checkClientRequest(r.head);
			if (c.ok) request = c.request;
			verdict = c.ok ? { ok: true, rfc: 'RFC 6455 §4.2.2', accept: acceptSteps(c.request.key).accept } : { ok: false, rfc: c.rfc, reason: c.reason, status: c.status };
		} else verdict = request ? checkResponse(r.head, request) : null;
		heads.push({ start: at, end: at + r.head.length, role, startLine: r.head.startLine, fields, deflate: role === 'server' ? agreesDeflate(r.head.fields) : false, verdict });
		at += r.head.length;
	}
	return { heads, end: at, cut: null };
}

/** The client's checks of the answer (RFC 6455 §4.1), against the request pasted before it. */
function checkResponse(head: HttpHead, request: ClientRequest): HeadVerdict {
	const c = checkServerResponse(head, { key: request.key, protocols: request.protocols, extensions: request.extensions });
	return c.ok ? { ok: true, rfc: 'RFC 6455 §4.1', accept: acceptSteps(request.key).accept }
		: { ok: false, rfc: c.rfc, reason: c.reason, ...(c.status !== null ? { status: c.status } : {}) };
}

/** Does a 101 response agree to permessage-deflate (RFC 7692 §5)? */
function agreesDeflate(fields: ReadonlyArray<readonly [string, string]>): boolean {
	const value = header(fields, 'Sec-WebSocket-Extensions');
	if (value === undefined) return false;
	const parsed = parseExtensions(value);
	return parsed.ok && parsed.offers.some((o) => o.name.toLowerCase() === PERMESSAGE_DEFLATE);
}
