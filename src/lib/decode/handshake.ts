/**
 * The opening handshake at the start of a pasted stream. A "Follow TCP Stream" dump of a WebSocket
 * connection begins with the client's HTTP request and the server's 101 response (RFC 6455 §4.1,
 * §4.2.2); frames follow on the same bytes. The engine's reader reads the heads; here each is judged
 * by the engine as the other side would judge it, and what the response agreed (permessage-deflate
 * or not) is what the frames are read with.
 */
import {
	acceptSteps,
	checkClientRequest,
	checkServerResponse,
	header,
	parseExtensions,
	PERMESSAGE_DEFLATE,
	type ClientRequest,
	type HttpHead,
	type Role
} from '$lib/protocol';
import type { HeadVerdict, HttpHeadInfo } from './types';

/** Reads the heads in order, each judged against the ones before it. */
export class HeadJudge {
	readonly heads: HttpHeadInfo[] = [];
	/** The request as the server read it, when it passed: what the response is checked against. */
	private request: ClientRequest | null = null;

	add(sender: Role, head: HttpHead, start: number): HttpHeadInfo {
		let verdict: HeadVerdict | null;
		if (sender === 'client') {
			const c = checkClientRequest(head);
			if (c.ok) this.request = c.request;
			verdict = c.ok
				? { ok: true, rfc: 'RFC 6455 §4.2.2', accept: acceptSteps(c.request.key).accept }
				: { ok: false, rfc: c.rfc, problem: { of: 'request', ...c.problem }, status: c.status };
		} else verdict = this.request ? checkResponse(head, this.request) : null;
		const info: HttpHeadInfo = {
			start,
			end: start + head.length,
			role: sender,
			startLine: head.startLine,
			fields: head.fields.map(([n, v]): readonly [string, string] => [n, v]),
			deflate: sender === 'server' ? agreesDeflate(head.fields) : false,
			verdict
		};
		this.heads.push(info);
		return info;
	}
}

/** The client's checks of the answer (RFC 6455 §4.1), against the request pasted before it. */
function checkResponse(head: HttpHead, request: ClientRequest): HeadVerdict {
	const c = checkServerResponse(head, {
		key: request.key,
		protocols: request.protocols,
		extensions: request.extensions
	});
	return c.ok
		? { ok: true, rfc: 'RFC 6455 §4.1', accept: acceptSteps(request.key).accept }
		: {
				ok: false,
				rfc: c.rfc,
				problem: { of: 'response', ...c.problem },
				...(c.status !== null ? { status: c.status } : {})
			};
}

/** Does a 101 response agree to permessage-deflate (RFC 7692 §5)? */
function agreesDeflate(fields: ReadonlyArray<readonly [string, string]>): boolean {
	const value = header(fields, 'Sec-WebSocket-Extensions');
	if (value === undefined) return false;
	const parsed = parseExtensions(value);
	return parsed.ok && parsed.offers.some((o) => o.name.toLowerCase() === PERMESSAGE_DEFLATE);
}
