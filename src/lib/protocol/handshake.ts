/**
 * The opening handshake (RFC 6455 §4): the client's request, the server's checks and answer, the
 * client's checks of that answer, and the Sec-WebSocket-Accept computation shown step by step.
 */

import { base64Decode, base64Encode } from './base64';
import { WebSocketUsageError, describeValue } from './errors';
import { formatExtension, parseExtensions, type ExtensionOffer } from './extensions';
import { assertHead, checkHeaderFields, hasToken, header, serializeHead, tokenList, type HttpHead } from './http';
import { sha1 } from './sha1';
import { parseWebSocketUri, type WebSocketUri } from './uri';

/** The GUID every server appends to the key (RFC 6455 §1.3). */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface AcceptSteps {
	readonly key: string;
	readonly concatenated: string;
	readonly digest: Uint8Array;
	readonly accept: string;
}

/** Sec-WebSocket-Accept = base64(SHA-1(key + GUID)), each step kept for the visualizer. */
export function acceptSteps(key: string): AcceptSteps {
	if (typeof key !== 'string') throw new WebSocketUsageError('BAD_KEY', 'The key is a base64 string.', 'RFC 6455 §4.2.2');
	const concatenated = key + WEBSOCKET_GUID;
	const bytes = new Uint8Array(concatenated.length);
	for (let i = 0; i < concatenated.length; i++) bytes[i] = concatenated.charCodeAt(i) & 0xff;
	const digest = sha1(bytes);
	return { key, concatenated, digest, accept: base64Encode(digest) };
}

export function computeAccept(key: string): string {
	return acceptSteps(key).accept;
}

/** A random 16-byte nonce, base64-encoded (RFC 6455 §4.1); randomness comes from the caller. */
export function generateKey(random: (n: number) => Uint8Array): string {
	if (typeof random !== 'function') throw new WebSocketUsageError('BAD_RANDOM', `The random source is a function (n) => n random bytes, not ${describeValue(random)}.`);
	const bytes = random(16);
	if (!(bytes instanceof Uint8Array) || bytes.length !== 16)
		throw new WebSocketUsageError('BAD_RANDOM', 'The random source must return the 16 bytes asked for.');
	return base64Encode(bytes);
}

export interface ClientRequestOptions {
	readonly uri: string | WebSocketUri;
	readonly key: string;
	readonly origin?: string;
	readonly protocols?: readonly string[];
	readonly extensions?: readonly ExtensionOffer[];
	readonly headers?: ReadonlyArray<readonly [string, string]>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A URI given as a string is parsed; one given as an object must look like what parseWebSocketUri() returns. */
export function checkUri(input: unknown): WebSocketUri {
	if (typeof input === 'string') {
		const r = parseWebSocketUri(input);
		if (!r.ok) throw new WebSocketUsageError(r.code, r.message, r.rfc);
		return r.uri;
	}
	const u = input as WebSocketUri | null;
	if (u === null || typeof u !== 'object' || typeof u.hostHeader !== 'string' || typeof u.resourceName !== 'string' || typeof u.host !== 'string'
		|| typeof u.port !== 'number' || (u.scheme !== 'ws' && u.scheme !== 'wss') || !u.resourceName.startsWith('/') || /[\s\0]/.test(u.hostHeader + u.resourceName))
		throw new WebSocketUsageError('BAD_URI', `The URI is a string such as ws://localhost:6455/ or what parseWebSocketUri() returns, not ${describeValue(input)}.`, 'RFC 6455 §3');
	return u;
}

/** Subprotocol names as a client offers them or a server accepts them: a list of distinct tokens. */
export function checkSubprotocols(list: unknown, what = 'protocols'): readonly string[] {
	if (typeof what !== 'string') what = 'protocols';
	if (list === undefined) return [];
	if (!Array.isArray(list)) throw new WebSocketUsageError('BAD_SUBPROTOCOL', `${what} is a list of subprotocol names, such as ["chat"], not ${describeValue(list)}.`, 'RFC 6455 §4.1');
	for (const p of list)
		if (typeof p !== 'string' || !TOKEN.test(p)) throw new WebSocketUsageError('BAD_SUBPROTOCOL', `${describeValue(p)} is not a valid subprotocol name (a token).`, 'RFC 6455 §4.1');
	if (new Set(list).size !== list.length)
		throw new WebSocketUsageError('DUPLICATE_SUBPROTOCOL', 'Each subprotocol may be offered once.', 'RFC 6455 §4.1');
	return list as string[];
}

export function buildClientRequest(opts: ClientRequestOptions): { bytes: Uint8Array; uri: WebSocketUri } {
	if (opts === null || typeof opts !== 'object') throw new WebSocketUsageError('BAD_OPTIONS', 'buildClientRequest() takes { uri, key, ... }.');
	const uri = checkUri(opts.uri);
	if (typeof opts.key !== 'string' || !/^[A-Za-z0-9+/=]+$/.test(opts.key))
		throw new WebSocketUsageError('BAD_KEY', 'Sec-WebSocket-Key is a base64 string (generateKey() makes one).', 'RFC 6455 §4.1');
	if (opts.origin !== undefined && typeof opts.origin !== 'string') throw new WebSocketUsageError('BAD_ORIGIN', 'The origin is a string such as https://example.com.', 'RFC 6454');
	const protocols = checkSubprotocols(opts.protocols);
	if (opts.extensions !== undefined && !Array.isArray(opts.extensions)) throw new WebSocketUsageError('BAD_EXTENSIONS', 'Extensions are a list.', 'RFC 6455 §9.1');
	const fields: [string, string][] = [
		['Host', uri.hostHeader],
		['Upgrade', 'websocket'],
		['Connection', 'Upgrade'],
		['Sec-WebSocket-Key', opts.key]
	];
	if (opts.origin) fields.push(['Origin', opts.origin]);
	if (protocols.length) fields.push(['Sec-WebSocket-Protocol', protocols.join(', ')]);
	if (opts.extensions?.length) fields.push(['Sec-WebSocket-Extensions', opts.extensions.map(formatExtension).join(', ')]);
	fields.push(['Sec-WebSocket-Version', '13']);
	for (const f of checkHeaderFields(opts.headers)) fields.push([f[0], f[1]]);
	return { bytes: serializeHead(`GET ${uri.resourceName} HTTP/1.1`, fields), uri };
}

export interface ClientRequest {
	readonly resource: string;
	readonly host: string;
	readonly key: string;
	readonly origin?: string;
	readonly protocols: string[];
	readonly extensions: ExtensionOffer[];
	readonly head: HttpHead;
}

export type RequestCheck =
	| { readonly ok: true; readonly request: ClientRequest }
	| { readonly ok: false; readonly status: 400 | 426; readonly reason: string; readonly rfc: string };

/** The server's reading of a request (RFC 6455 §4.2.1): every rule, with the reason it failed. */
export function checkClientRequest(head: HttpHead): RequestCheck {
	assertHead(head, 'checkClientRequest');
	const bad = (reason: string, rfc = 'RFC 6455 §4.2.1'): RequestCheck => ({ ok: false, status: 400, reason, rfc });
	const m = /^([A-Z]+) (\S+) HTTP\/(\d)\.(\d)$/.exec(head.startLine);
	if (!m) return bad(`"${head.startLine}" is not an HTTP request line`);
	const [, method, resource, major, minor] = m;
	if (method !== 'GET') return bad(`the method must be GET, not ${method}`);
	if (Number(major) < 1 || (Number(major) === 1 && Number(minor) < 1)) return bad(`HTTP/1.1 or later is required, not HTTP/${major}.${minor}`);
	const f = head.fields;
	const hosts = f.filter(([n]) => n.toLowerCase() === 'host').length;
	if (hosts > 1) return bad(`the request has ${hosts} Host header fields; exactly one is allowed`, 'RFC 9112 §3.2');
	const host = header(f, 'Host');
	if (!host) return bad('the Host header is missing');
	if (!hasToken(header(f, 'Upgrade'), 'websocket')) return bad('the Upgrade header must contain "websocket"');
	if (!hasToken(header(f, 'Connection'), 'upgrade')) return bad('the Connection header must contain the token "Upgrade"');
	const version = header(f, 'Sec-WebSocket-Version');
	if (version === undefined) return { ok: false, status: 426, reason: 'the Sec-WebSocket-Version header is missing; this server speaks version 13', rfc: 'RFC 6455 §4.2.2' };
	if (version.trim() !== '13') return { ok: false, status: 426, reason: `version ${version} is not supported; this server speaks version 13`, rfc: 'RFC 6455 §4.4' };
	const key = header(f, 'Sec-WebSocket-Key');
	if (key === undefined) return bad('the Sec-WebSocket-Key header is missing');
	const decoded = base64Decode(key.trim());
	if (!decoded.ok) return bad(`Sec-WebSocket-Key is not base64 (${decoded.reason})`);
	if (decoded.bytes.length !== 16) return bad(`Sec-WebSocket-Key must decode to 16 bytes, not ${decoded.bytes.length}`);
	const protocols = tokenList(header(f, 'Sec-WebSocket-Protocol'));
	for (const p of protocols) if (!TOKEN.test(p)) return bad(`"${p}" is not a valid subprotocol name`);
	const ext = parseExtensions(header(f, 'Sec-WebSocket-Extensions'));
	if (!ext.ok) return bad(`Sec-WebSocket-Extensions is malformed: ${ext.reason}`, 'RFC 6455 §9.1');
	const origin = header(f, 'Origin');
	return {
		ok: true,
		request: { resource, host, key: key.trim(), protocols, extensions: ext.offers, head, ...(origin !== undefined ? { origin } : {}) }
	};
}

export function buildServerResponse(opts: { key: string; protocol?: string | null; extensions?: readonly ExtensionOffer[]; headers?: ReadonlyArray<readonly [string, string]> }): Uint8Array {
	if (opts === null || typeof opts !== 'object') throw new WebSocketUsageError('BAD_OPTIONS', 'buildServerResponse() takes { key, protocol?, extensions?, headers? }.');
	if (opts.protocol != null && (typeof opts.protocol !== 'string' || !TOKEN.test(opts.protocol)))
		throw new WebSocketUsageError('BAD_SUBPROTOCOL', `${describeValue(opts.protocol)} is not a valid subprotocol name (a token).`, 'RFC 6455 §4.2.2');
	if (opts.extensions !== undefined && !Array.isArray(opts.extensions)) throw new WebSocketUsageError('BAD_EXTENSIONS', 'Extensions are a list.', 'RFC 6455 §9.1');
	const fields: [string, string][] = [
		['Upgrade', 'websocket'],
		['Connection', 'Upgrade'],
		['Sec-WebSocket-Accept', computeAccept(opts.key)]
	];
	if (opts.protocol) fields.push(['Sec-WebSocket-Protocol', opts.protocol]);
	if (opts.extensions?.length) fields.push(['Sec-WebSocket-Extensions', opts.extensions.map(formatExtension).join(', ')]);
	for (const h of checkHeaderFields(opts.headers)) fields.push([h[0], h[1]]);
	return serializeHead('HTTP/1.1 101 Switching Protocols', fields);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 426: 'Upgrade Required' };

/** The refusal: 426 carries the version we speak (RFC 6455 §4.4), 400 the reason in its body. */
export function buildRejection(status: 400 | 426, reason: string): Uint8Array {
	if (status !== 400 && status !== 426) throw new WebSocketUsageError('BAD_STATUS', `A refused handshake is answered 400 or 426, not ${describeValue(status)}.`, 'RFC 6455 §4.2.2');
	if (typeof reason !== 'string') throw new WebSocketUsageError('BAD_REASON', 'The reason for refusing is a string.');
	const body = reason + '\n';
	const fields: [string, string][] = [];
	if (status === 426) fields.push(['Sec-WebSocket-Version', '13']);
	fields.push(['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(new TextEncoder().encode(body).length)], ['Connection', 'close']);
	const head = serializeHead(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}`, fields);
	const b = new TextEncoder().encode(body);
	const out = new Uint8Array(head.length + b.length);
	out.set(head);
	out.set(b, head.length);
	return out;
}

export type ResponseCheck =
	| { readonly ok: true; readonly protocol: string | null; readonly extensions: ExtensionOffer[]; readonly status: 101 }
	| { readonly ok: false; readonly reason: string; readonly rfc: string; readonly status: number | null };

/** The client's checks of the answer (RFC 6455 §4.1): anything else and it must fail the connection. */
export function checkServerResponse(
	head: HttpHead,
	sent: { key: string; protocols?: readonly string[]; extensions?: readonly ExtensionOffer[] }
): ResponseCheck {
	assertHead(head, 'checkServerResponse');
	if (sent === null || typeof sent !== 'object' || typeof sent.key !== 'string')
		throw new WebSocketUsageError('BAD_INPUT', 'checkServerResponse() needs what the client sent: at least { key }.');
	const m = /^HTTP\/\d\.\d (\d{3})(?: (.*))?$/.exec(head.startLine);
	const fail = (reason: string, status: number | null, rfc = 'RFC 6455 §4.1'): ResponseCheck => ({ ok: false, reason, rfc, status });
	if (!m) return fail(`"${head.startLine}" is not an HTTP status line`, null);
	const status = Number(m[1]);
	const f = head.fields;
	if (status !== 101) {
		const v = header(f, 'Sec-WebSocket-Version');
		return fail(`the server answered ${status}${m[2] ? ' ' + m[2] : ''} instead of 101${v ? ` (it speaks version ${v})` : ''}`, status);
	}
	if (!hasToken(header(f, 'Upgrade'), 'websocket')) return fail('the Upgrade header of the answer is not "websocket"', status);
	if (!hasToken(header(f, 'Connection'), 'upgrade')) return fail('the Connection header of the answer does not contain "Upgrade"', status);
	const accept = header(f, 'Sec-WebSocket-Accept');
	const expected = computeAccept(sent.key);
	if (accept === undefined) return fail('Sec-WebSocket-Accept is missing', status);
	if (accept.trim() !== expected) return fail(`Sec-WebSocket-Accept is ${accept.trim()}, but the key gives ${expected}`, status);
	const protocolHeader = header(f, 'Sec-WebSocket-Protocol');
	let protocol: string | null = null;
	if (protocolHeader !== undefined) {
		const list = tokenList(protocolHeader);
		if (list.length !== 1) return fail('the server must select exactly one subprotocol', status);
		if (!(sent.protocols ?? []).includes(list[0])) return fail(`the server chose subprotocol "${list[0]}", which was not offered`, status);
		protocol = list[0];
	}
	const ext = parseExtensions(header(f, 'Sec-WebSocket-Extensions'));
	if (!ext.ok) return fail(`Sec-WebSocket-Extensions is malformed: ${ext.reason}`, status, 'RFC 6455 §9.1');
	const offered = new Set((sent.extensions ?? []).map((e) => e.name.toLowerCase()));
	for (const e of ext.offers)
		if (!offered.has(e.name.toLowerCase())) return fail(`the server accepted extension "${e.name}", which was not offered`, status);
	return { ok: true, status: 101, protocol, extensions: ext.offers };
}
