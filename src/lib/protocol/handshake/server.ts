/**
 * The server's side of the opening handshake (RFC 6455 §4.2): its checks of the client's request,
 * its choice of subprotocol and extensions, and its answer: 101 Switching Protocols, or a refusal
 * (400, or 426 naming the version it speaks). Each refusal is a problem as data; its words are in
 * src/lib/i18n/protocol/handshake.ts.
 */

import { WebSocketUsageError, describeValue } from '../errors';
import {
	formatExtension,
	parseExtensions,
	type ExtensionNegotiator,
	type ExtensionOffer,
	type ExtensionsProblem
} from '../extensions/extensions';
import type { MessageCodec } from '../reader/assembler';
import { coded, type Coded, type RfcSection } from '../types';
import { computeAccept } from './accept';
import { base64Decode, type Base64Problem } from './base64';
import {
	assertHead,
	checkHeaderFields,
	hasToken,
	header,
	isToken,
	serializeHead,
	tokenList,
	type HeadProblem,
	type HttpHead
} from './http';

export interface ClientRequest {
	readonly resource: string;
	readonly host: string;
	readonly key: string;
	readonly origin?: string;
	readonly protocols: string[];
	readonly extensions: ExtensionOffer[];
	readonly head: HttpHead;
}

/** Why a server refuses a request (RFC 6455 §4.2.1, §4.2.2, §4.4). */
export interface RequestProblemParams {
	/** The bytes are not an HTTP head at all. */
	readonly HEAD_UNREADABLE: { readonly problem: HeadProblem };
	readonly REQUEST_LINE: { readonly line: string };
	readonly METHOD: { readonly method: string };
	readonly HTTP_VERSION: { readonly version: string };
	readonly HOST_REPEATED: { readonly count: number };
	readonly HOST_MISSING: Record<string, never>;
	readonly UPGRADE_NOT_WEBSOCKET: { readonly value: string | null };
	readonly CONNECTION_NOT_UPGRADE: { readonly value: string | null };
	/** Answered 426 with the version the server speaks (§4.4). */
	readonly VERSION_MISSING: Record<string, never>;
	readonly VERSION_UNSUPPORTED: { readonly version: string };
	readonly KEY_MISSING: Record<string, never>;
	readonly KEY_NOT_BASE64: { readonly key: string; readonly problem: Base64Problem };
	readonly KEY_LENGTH: { readonly key: string; readonly bytes: number };
	readonly SUBPROTOCOL_INVALID: { readonly name: string };
	readonly EXTENSIONS_MALFORMED: { readonly problem: ExtensionsProblem };
	/** The application's own check refused it, in its own words (ConnectionOptions.checkRequest). */
	readonly APP_REFUSED: { readonly reason: string };
}
export type RequestProblem = Coded<RequestProblemParams>;

export type RequestCheck =
	| { readonly ok: true; readonly request: ClientRequest }
	| { readonly ok: false; readonly status: 400 | 426; readonly problem: RequestProblem; readonly rfc: RfcSection };

const bad = <C extends keyof RequestProblemParams>(
	code: C,
	params: RequestProblemParams[C],
	rfc: RfcSection = 'RFC 6455 §4.2.1'
): RequestCheck => ({
	ok: false,
	status: 400,
	problem: coded(code, params),
	rfc
});

/** The server's reading of a request (RFC 6455 §4.2.1): every rule, with the problem it found. */
export function checkClientRequest(head: HttpHead): RequestCheck {
	assertHead(head, 'checkClientRequest');
	const m = /^([A-Z]+) (\S+) HTTP\/(\d)\.(\d)$/.exec(head.startLine);
	if (!m) return bad('REQUEST_LINE', { line: head.startLine });
	const [, method, resource, major, minor] = m;
	if (method !== 'GET') return bad('METHOD', { method });
	if (Number(major) < 1 || (Number(major) === 1 && Number(minor) < 1))
		return bad('HTTP_VERSION', { version: `${major}.${minor}` });
	const f = head.fields;
	const hosts = f.filter(([n]) => n.toLowerCase() === 'host').length;
	if (hosts > 1) return bad('HOST_REPEATED', { count: hosts }, 'RFC 9112 §3.2');
	const host = header(f, 'Host');
	if (!host) return bad('HOST_MISSING', {});
	const upgrade = header(f, 'Upgrade');
	if (!hasToken(upgrade, 'websocket')) return bad('UPGRADE_NOT_WEBSOCKET', { value: upgrade ?? null });
	const connection = header(f, 'Connection');
	if (!hasToken(connection, 'upgrade')) return bad('CONNECTION_NOT_UPGRADE', { value: connection ?? null });
	const version = header(f, 'Sec-WebSocket-Version');
	if (version === undefined)
		return { ok: false, status: 426, problem: coded('VERSION_MISSING', {}), rfc: 'RFC 6455 §4.2.2' };
	if (version.trim() !== '13')
		return {
			ok: false,
			status: 426,
			problem: coded('VERSION_UNSUPPORTED', { version: version.trim() }),
			rfc: 'RFC 6455 §4.4'
		};
	const rawKey = header(f, 'Sec-WebSocket-Key');
	if (rawKey === undefined) return bad('KEY_MISSING', {});
	const key = rawKey.trim();
	const decoded = base64Decode(key);
	if (!decoded.ok) return bad('KEY_NOT_BASE64', { key, problem: decoded.problem });
	if (decoded.bytes.length !== 16) return bad('KEY_LENGTH', { key, bytes: decoded.bytes.length });
	const protocols = tokenList(header(f, 'Sec-WebSocket-Protocol'));
	for (const p of protocols) if (!isToken(p)) return bad('SUBPROTOCOL_INVALID', { name: p });
	const ext = parseExtensions(header(f, 'Sec-WebSocket-Extensions'));
	if (!ext.ok) return bad('EXTENSIONS_MALFORMED', { problem: ext.problem }, 'RFC 6455 §9.1');
	const origin = header(f, 'Origin');
	return {
		ok: true,
		request: {
			resource,
			host,
			key,
			protocols,
			extensions: ext.offers,
			head,
			...(origin !== undefined ? { origin } : {})
		}
	};
}

export function buildServerResponse(opts: {
	key: string;
	protocol?: string | null;
	extensions?: readonly ExtensionOffer[];
	headers?: ReadonlyArray<readonly [string, string]>;
}): Uint8Array {
	if (opts === null || typeof opts !== 'object')
		throw new WebSocketUsageError('BAD_OPTIONS', { fn: 'buildServerResponse', got: describeValue(opts) });
	if (opts.protocol != null && !isToken(opts.protocol))
		throw new WebSocketUsageError('BAD_SUBPROTOCOL', { name: describeValue(opts.protocol) }, 'RFC 6455 §4.2.2');
	if (opts.extensions !== undefined && !Array.isArray(opts.extensions))
		throw new WebSocketUsageError('BAD_EXTENSIONS', { got: describeValue(opts.extensions) }, 'RFC 6455 §9.1');
	const fields: [string, string][] = [
		['Upgrade', 'websocket'],
		['Connection', 'Upgrade'],
		['Sec-WebSocket-Accept', computeAccept(opts.key)]
	];
	if (opts.protocol) fields.push(['Sec-WebSocket-Protocol', opts.protocol]);
	if (opts.extensions?.length)
		fields.push(['Sec-WebSocket-Extensions', opts.extensions.map(formatExtension).join(', ')]);
	for (const h of checkHeaderFields(opts.headers)) fields.push([h[0], h[1]]);
	return serializeHead('HTTP/1.1 101 Switching Protocols', fields);
}

/** HTTP's reason phrases for the statuses a WebSocket server refuses with (RFC 9110 §15). */
const STATUS_TEXT: Record<400 | 426, string> = { 400: 'Bad Request', 426: 'Upgrade Required' };

/** The refusal: 426 carries the version we speak (RFC 6455 §4.4), and the body says why. */
export function buildRejection(status: 400 | 426, body: string): Uint8Array {
	if (status !== 400 && status !== 426)
		throw new WebSocketUsageError('BAD_STATUS', { got: describeValue(status) }, 'RFC 6455 §4.2.2');
	if (typeof body !== 'string') throw new WebSocketUsageError('BAD_REASON', { got: describeValue(body) });
	const b = new TextEncoder().encode(body.endsWith('\n') || body === '' ? body : body + '\n');
	const fields: [string, string][] = [];
	if (status === 426) fields.push(['Sec-WebSocket-Version', '13']);
	fields.push(
		['Content-Type', 'text/plain; charset=utf-8'],
		['Content-Length', String(b.length)],
		['Connection', 'close']
	);
	const head = serializeHead(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}`, fields);
	const out = new Uint8Array(head.length + b.length);
	out.set(head);
	out.set(b, head.length);
	return out;
}

/**
 * The body of a refusal when the application gives no words for it: the problem's code and values,
 * which a reader can look up (src/lib/i18n/protocol/handshake.ts), in no language in particular.
 */
export function refusalFacts(problem: RequestProblem): string {
	return `${problem.code} ${JSON.stringify(problem.params)}`;
}

export interface ServerHandshakeOptions {
	/** Subprotocols the server speaks, preferred first; it picks the first of these the client offered. */
	readonly subprotocols?: readonly string[];
	readonly extensions?: readonly ExtensionNegotiator[];
	/** Extra header fields for the 101 answer. */
	readonly headers?: ReadonlyArray<readonly [string, string]>;
	/** An application check of the request: return a reason (its own words) to refuse it with 400. */
	readonly checkRequest?: (request: ClientRequest) => string | null;
	/** The body of a refusal (default: refusalFacts). The Node server puts a sentence here. */
	readonly refusalBody?: (problem: RequestProblem) => string;
}

export type ServerVerdict =
	| {
			readonly ok: true;
			readonly request: ClientRequest;
			readonly protocol: string | null;
			readonly extensions: readonly string[];
			readonly codec: MessageCodec | null;
			/** The 101 answer to write. */
			readonly response: Uint8Array;
	  }
	| {
			readonly ok: false;
			/** The request, when it was well-formed and only the application refused it. */
			readonly request: ClientRequest | null;
			readonly status: 400 | 426;
			readonly problem: RequestProblem;
			readonly rfc: RfcSection;
			/** The refusal to write. */
			readonly response: Uint8Array;
	  };

/** The server engine's answer to a request: the checks of §4.2.1, the application's, then its choices. */
export function answerRequest(head: HttpHead | HeadProblem, opts: ServerHandshakeOptions = {}): ServerVerdict {
	const body = opts.refusalBody ?? refusalFacts;
	const refuse = (
		status: 400 | 426,
		problem: RequestProblem,
		rfc: RfcSection,
		request: ClientRequest | null = null
	): ServerVerdict => ({
		ok: false,
		request,
		status,
		problem,
		rfc,
		response: buildRejection(status, body(problem))
	});
	if ('code' in head) return refuse(400, coded('HEAD_UNREADABLE', { problem: head }), 'RFC 6455 §4.2.1');
	const check = checkClientRequest(head);
	if (!check.ok) return refuse(check.status, check.problem, check.rfc);
	const request = check.request;
	const refusal = opts.checkRequest?.(request);
	if (refusal) return refuse(400, coded('APP_REFUSED', { reason: refusal }), 'RFC 6455 §4.2.2', request);
	const { protocol, accepted, codec } = agree(request.protocols, request.extensions, opts);
	return {
		ok: true,
		request,
		protocol,
		extensions: accepted.map(formatExtension),
		codec,
		response: buildServerResponse({ key: request.key, protocol, extensions: accepted, headers: opts.headers })
	};
}

/**
 * The server's choices from a client's offers: the first of its subprotocols the client offered
 * (RFC 6455 §4.2.2), and the extensions it agrees to, with their codec. The same over HTTP/1.1 and
 * over HTTP/2 (RFC 8441 §5 keeps these header fields as they are).
 */
export function agree(
	protocols: readonly string[],
	offers: readonly ExtensionOffer[],
	opts: Pick<ServerHandshakeOptions, 'subprotocols' | 'extensions'>
): { protocol: string | null; accepted: ExtensionOffer[]; codec: MessageCodec | null } {
	const protocol = (opts.subprotocols ?? []).find((p) => protocols.includes(p)) ?? null;
	let codec: MessageCodec | null = null;
	const accepted: ExtensionOffer[] = [];
	for (const n of opts.extensions ?? []) {
		const mine = offers.filter((e) => e.name.toLowerCase() === n.name.toLowerCase());
		// One extension using RSV1 at most (RFC 7692 §5): the first one agreed wins.
		if (mine.length === 0 || codec) continue;
		const chosen = n.negotiate(mine);
		if (chosen) {
			codec = chosen.codec;
			accepted.push(chosen.response);
		}
	}
	return { protocol, accepted, codec };
}
