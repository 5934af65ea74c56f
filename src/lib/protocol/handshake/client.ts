/**
 * The client's side of the opening handshake (RFC 6455 §4.1): the request it writes, and its checks
 * of the server's answer, every one of which fails the connection when it does not hold. Each
 * failure is a problem as data (a code and the values involved); its words are in
 * src/lib/i18n/protocol/handshake.ts.
 */

import { WebSocketUsageError, describeValue } from '../errors';
import {
	formatExtension,
	parseExtensions,
	type ExtensionAnswerProblem,
	type ExtensionNegotiator,
	type ExtensionOffer,
	type ExtensionsProblem
} from '../extensions/extensions';
import type { RandomSource } from '../random';
import type { MessageCodec } from '../reader/assembler';
import { coded, type Coded, type RfcSection } from '../types';
import { computeAccept, generateKey } from './accept';
import {
	assertHead,
	checkHeaderFields,
	hasToken,
	header,
	serializeHead,
	tokenList,
	isToken,
	type HeadProblem,
	type HttpHead
} from './http';
import { parseWebSocketUri, type WebSocketUri } from './uri';

export interface ClientRequestOptions {
	readonly uri: string | WebSocketUri;
	readonly key: string;
	readonly origin?: string;
	readonly protocols?: readonly string[];
	readonly extensions?: readonly ExtensionOffer[];
	readonly headers?: ReadonlyArray<readonly [string, string]>;
}

/** A URI given as a string is parsed; one given as an object must look like what parseWebSocketUri() returns. */
export function checkUri(input: unknown): WebSocketUri {
	if (typeof input === 'string') {
		const r = parseWebSocketUri(input);
		if (!r.ok) throw new WebSocketUsageError('BAD_URI', { problem: r.code }, r.rfc);
		return r.uri;
	}
	const u = input as WebSocketUri | null;
	if (
		u === null ||
		typeof u !== 'object' ||
		typeof u.hostHeader !== 'string' ||
		typeof u.resourceName !== 'string' ||
		typeof u.host !== 'string' ||
		typeof u.port !== 'number' ||
		(u.scheme !== 'ws' && u.scheme !== 'wss') ||
		!u.resourceName.startsWith('/') ||
		/[\s\0]/.test(u.hostHeader + u.resourceName)
	)
		throw new WebSocketUsageError('BAD_URI', { got: describeValue(input) }, 'RFC 6455 §3');
	return u;
}

/** Subprotocol names as a client offers them or a server accepts them: a list of distinct tokens. */
export function checkSubprotocols(list: unknown, option = 'protocols'): readonly string[] {
	if (list === undefined) return [];
	if (!Array.isArray(list))
		throw new WebSocketUsageError('BAD_SUBPROTOCOL', { option, got: describeValue(list) }, 'RFC 6455 §4.1');
	for (const p of list)
		if (!isToken(p))
			throw new WebSocketUsageError('BAD_SUBPROTOCOL', { option, name: describeValue(p) }, 'RFC 6455 §4.1');
	const seen = new Set<string>();
	for (const p of list as string[]) {
		if (seen.has(p)) throw new WebSocketUsageError('DUPLICATE_SUBPROTOCOL', { option, name: p }, 'RFC 6455 §4.1');
		seen.add(p);
	}
	return list as string[];
}

export function buildClientRequest(opts: ClientRequestOptions): { bytes: Uint8Array; uri: WebSocketUri } {
	if (opts === null || typeof opts !== 'object')
		throw new WebSocketUsageError('BAD_OPTIONS', { fn: 'buildClientRequest', got: describeValue(opts) });
	const uri = checkUri(opts.uri);
	if (typeof opts.key !== 'string' || !/^[A-Za-z0-9+/=]+$/.test(opts.key))
		throw new WebSocketUsageError('BAD_KEY', { got: describeValue(opts.key) }, 'RFC 6455 §4.1');
	if (opts.origin !== undefined && typeof opts.origin !== 'string')
		throw new WebSocketUsageError('BAD_ORIGIN', { got: describeValue(opts.origin) }, 'RFC 6454 §7');
	const protocols = checkSubprotocols(opts.protocols);
	if (opts.extensions !== undefined && !Array.isArray(opts.extensions))
		throw new WebSocketUsageError('BAD_EXTENSIONS', { got: describeValue(opts.extensions) }, 'RFC 6455 §9.1');
	const fields: [string, string][] = [
		['Host', uri.hostHeader],
		['Upgrade', 'websocket'],
		['Connection', 'Upgrade'],
		['Sec-WebSocket-Key', opts.key]
	];
	if (opts.origin) fields.push(['Origin', opts.origin]);
	if (protocols.length) fields.push(['Sec-WebSocket-Protocol', protocols.join(', ')]);
	if (opts.extensions?.length)
		fields.push(['Sec-WebSocket-Extensions', opts.extensions.map(formatExtension).join(', ')]);
	fields.push(['Sec-WebSocket-Version', '13']);
	for (const f of checkHeaderFields(opts.headers)) fields.push([f[0], f[1]]);
	return { bytes: serializeHead(`GET ${uri.resourceName} HTTP/1.1`, fields), uri };
}

/** Why a client refuses the server's answer (RFC 6455 §4.1, §9.1; RFC 7692 §5, §7.1). */
export interface ResponseProblemParams {
	/** The bytes are not an HTTP head at all. */
	readonly HEAD_UNREADABLE: { readonly problem: HeadProblem };
	readonly STATUS_LINE: { readonly line: string };
	/** Any status but 101; `version` is the Sec-WebSocket-Version a 426 names, if any. */
	readonly NOT_101: { readonly status: number; readonly text: string | null; readonly version: string | null };
	readonly UPGRADE_NOT_WEBSOCKET: { readonly value: string | null };
	readonly CONNECTION_NOT_UPGRADE: { readonly value: string | null };
	readonly ACCEPT_MISSING: { readonly expected: string };
	readonly ACCEPT_MISMATCH: { readonly got: string; readonly expected: string };
	/** Sec-WebSocket-Protocol must name exactly one subprotocol. */
	readonly SUBPROTOCOL_NOT_ONE: { readonly value: string };
	readonly SUBPROTOCOL_NOT_OFFERED: { readonly name: string };
	readonly EXTENSIONS_MALFORMED: { readonly problem: ExtensionsProblem };
	readonly EXTENSION_NOT_OFFERED: { readonly name: string };
	/** The extension's own rules refuse the answer (RFC 7692 §7.1 for permessage-deflate). */
	readonly EXTENSION_REFUSED: { readonly name: string; readonly problem: ExtensionAnswerProblem };
	/** Two extensions that both use RSV1 (RFC 7692 §5). */
	readonly EXTENSIONS_CONFLICT: { readonly names: readonly string[] };
}
export type ResponseProblem = Coded<ResponseProblemParams>;

export type ResponseCheck =
	| { readonly ok: true; readonly protocol: string | null; readonly extensions: ExtensionOffer[]; readonly status: 101 }
	| { readonly ok: false; readonly problem: ResponseProblem; readonly rfc: RfcSection; readonly status: number | null };

const refuse = <C extends keyof ResponseProblemParams>(
	code: C,
	params: ResponseProblemParams[C],
	status: number | null,
	rfc: RfcSection = 'RFC 6455 §4.1'
): ResponseCheck => ({ ok: false, problem: coded(code, params), rfc, status });

/** The client's checks of the answer (RFC 6455 §4.1): anything else and it must fail the connection. */
export function checkServerResponse(
	head: HttpHead,
	sent: { key: string; protocols?: readonly string[]; extensions?: readonly ExtensionOffer[] }
): ResponseCheck {
	assertHead(head, 'checkServerResponse');
	if (sent === null || typeof sent !== 'object' || typeof sent.key !== 'string')
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'checkServerResponse', got: describeValue(sent) });
	const m = /^HTTP\/\d\.\d (\d{3})(?: (.*))?$/.exec(head.startLine);
	if (!m) return refuse('STATUS_LINE', { line: head.startLine }, null);
	const status = Number(m[1]);
	const f = head.fields;
	if (status !== 101)
		return refuse(
			'NOT_101',
			{ status, text: m[2] || null, version: header(f, 'Sec-WebSocket-Version') ?? null },
			status
		);
	const upgrade = header(f, 'Upgrade');
	if (!hasToken(upgrade, 'websocket')) return refuse('UPGRADE_NOT_WEBSOCKET', { value: upgrade ?? null }, status);
	const connection = header(f, 'Connection');
	if (!hasToken(connection, 'upgrade')) return refuse('CONNECTION_NOT_UPGRADE', { value: connection ?? null }, status);
	const accept = header(f, 'Sec-WebSocket-Accept');
	const expected = computeAccept(sent.key);
	if (accept === undefined) return refuse('ACCEPT_MISSING', { expected }, status);
	if (accept.trim() !== expected) return refuse('ACCEPT_MISMATCH', { got: accept.trim(), expected }, status);
	const protocolHeader = header(f, 'Sec-WebSocket-Protocol');
	let protocol: string | null = null;
	if (protocolHeader !== undefined) {
		const list = tokenList(protocolHeader);
		if (list.length !== 1) return refuse('SUBPROTOCOL_NOT_ONE', { value: protocolHeader }, status);
		if (!(sent.protocols ?? []).includes(list[0])) return refuse('SUBPROTOCOL_NOT_OFFERED', { name: list[0] }, status);
		protocol = list[0];
	}
	const ext = parseExtensions(header(f, 'Sec-WebSocket-Extensions'));
	if (!ext.ok) return refuse('EXTENSIONS_MALFORMED', { problem: ext.problem }, status, 'RFC 6455 §9.1');
	const offered = new Set((sent.extensions ?? []).map((e) => e.name.toLowerCase()));
	for (const e of ext.offers)
		if (!offered.has(e.name.toLowerCase()))
			return refuse('EXTENSION_NOT_OFFERED', { name: e.name }, status, 'RFC 6455 §9.1');
	return { ok: true, status: 101, protocol, extensions: ext.offers };
}

/** What a client engine sent: what it checks the answer against. */
export interface ClientOffer {
	readonly key: string;
	readonly uri: WebSocketUri;
	readonly protocols: readonly string[];
	readonly offers: readonly ExtensionOffer[];
	readonly request: Uint8Array;
}

export interface OpeningRequestOptions {
	readonly uri: string | WebSocketUri;
	readonly random: RandomSource;
	readonly origin?: string;
	readonly protocols?: readonly string[];
	readonly extensions?: readonly ExtensionNegotiator[];
	readonly headers?: ReadonlyArray<readonly [string, string]>;
}

/** The request a client engine opens with: a fresh key, its subprotocols and extension offers. */
export function openingRequest(opts: OpeningRequestOptions): ClientOffer {
	const key = generateKey(opts.random);
	const offers = (opts.extensions ?? []).flatMap((e) => e.offer());
	for (const o of offers) formatExtension(o); // a malformed offer throws here, not inside the request
	const { bytes, uri } = buildClientRequest({
		uri: opts.uri,
		key,
		origin: opts.origin,
		protocols: opts.protocols,
		extensions: offers,
		headers: opts.headers
	});
	return { key, uri, protocols: opts.protocols ?? [], offers, request: bytes };
}

export type ClientVerdict =
	| {
			readonly ok: true;
			readonly protocol: string | null;
			readonly extensions: readonly string[];
			readonly codec: MessageCodec | null;
	  }
	| { readonly ok: false; readonly status: number | null; readonly problem: ResponseProblem; readonly rfc: RfcSection };

/** The client engine's reading of the answer: the checks of §4.1, then each extension's own (§9.1). */
export function judgeResponse(
	head: HttpHead,
	offer: ClientOffer,
	negotiators: readonly ExtensionNegotiator[]
): ClientVerdict {
	const check = checkServerResponse(head, { key: offer.key, protocols: offer.protocols, extensions: offer.offers });
	if (!check.ok) return check;
	return acceptExtensions(check.protocol, check.extensions, negotiators, 101);
}

/**
 * The client's own checks of the extensions a server agreed (RFC 6455 §9.1, RFC 7692 §7.1), each
 * with the codec it gives. Shared by the HTTP/1.1 answer and RFC 8441's `:status 200` over HTTP/2.
 */
export function acceptExtensions(
	protocol: string | null,
	answered: readonly ExtensionOffer[],
	negotiators: readonly ExtensionNegotiator[],
	status: number
): ClientVerdict {
	let codec: MessageCodec | null = null;
	let codecName = '';
	for (const e of answered) {
		const n = negotiators.find((x) => x.name.toLowerCase() === e.name.toLowerCase());
		if (!n)
			return {
				ok: false,
				status,
				problem: coded('EXTENSION_NOT_OFFERED', { name: e.name }),
				rfc: 'RFC 6455 §9.1'
			};
		const r = n.accept(e);
		if (!r.ok)
			return {
				ok: false,
				status,
				problem: coded('EXTENSION_REFUSED', { name: e.name, problem: r.problem }),
				rfc: 'RFC 7692 §7.1'
			};
		// Two compression extensions would both claim RSV1 (RFC 7692 §5).
		if (codec)
			return {
				ok: false,
				status,
				problem: coded('EXTENSIONS_CONFLICT', { names: [codecName, e.name] }),
				rfc: 'RFC 7692 §5'
			};
		codec = r.codec;
		codecName = e.name;
	}
	return { ok: true, protocol, extensions: answered.map(formatExtension), codec };
}
