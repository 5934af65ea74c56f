/**
 * WebSocket URIs (RFC 6455 §3): ws-URI = "ws:" "//" host [ ":" port ] path [ "?" query ], and the
 * same with wss. Fragments are not allowed; the default ports are 80 and 443; the resource name is
 * the path (or "/") with the query.
 */

export interface WebSocketUri {
	readonly secure: boolean;
	readonly scheme: 'ws' | 'wss';
	/** The host as written, IPv6 literals with their brackets. */
	readonly host: string;
	readonly port: number;
	readonly defaultPort: boolean;
	/** Path and query: what goes on the GET line. */
	readonly resourceName: string;
	/** The Host header value: the port only when it is not the default (RFC 6455 §4.1). */
	readonly hostHeader: string;
	/** Normalized, e.g. ws://example.com/chat */
	readonly href: string;
}

export type UriResult =
	| { readonly ok: true; readonly uri: WebSocketUri }
	| { readonly ok: false; readonly code: string; readonly message: string; readonly rfc: string };

function fail(code: string, message: string): UriResult {
	return { ok: false, code, message, rfc: 'RFC 6455 §3' };
}

export function parseWebSocketUri(input: unknown): UriResult {
	if (typeof input !== 'string') return fail('NOT_A_STRING', 'The address must be text such as ws://localhost:6455/.');
	const text = input.trim();
	if (text === '') return fail('EMPTY', 'Enter an address such as ws://localhost:6455/.');
	const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text);
	if (!schemeMatch) return fail('NO_SCHEME', `"${text}" has no scheme; a WebSocket address starts with ws:// or wss://.`);
	const scheme = schemeMatch[1].toLowerCase();
	if (scheme === 'http' || scheme === 'https')
		return fail('HTTP_SCHEME', `"${scheme}:" is an HTTP address; use ${scheme === 'https' ? 'wss' : 'ws'}:// for WebSocket.`);
	if (scheme !== 'ws' && scheme !== 'wss')
		return fail('BAD_SCHEME', `"${scheme}:" is not a WebSocket scheme; only ws:// and wss:// are.`);
	const afterScheme = text.slice(schemeMatch[0].length);
	if (!afterScheme.startsWith('//'))
		return fail('NO_AUTHORITY', 'A WebSocket address needs a host after the scheme, as in ws://host/.');
	// "ws:///chat" has an empty host and the path /chat (RFC 3986 §3.2); a WHATWG URL parser would
	// skip the extra slash and connect to a host named "chat".
	if (/^\/\/(?:[/?#:]|$)/.test(afterScheme)) return fail('NO_HOST', 'The address has no host: write one after //, as in ws://localhost:6455/.');
	if (text.includes('#'))
		return fail('FRAGMENT', 'Fragment identifiers (#...) are not allowed in WebSocket URIs.');
	if (/\s/.test(text)) return fail('WHITESPACE', 'The address must not contain spaces.');
	let url: URL;
	try {
		url = new URL(text.replace(/^wss?:/i, (m) => (m.toLowerCase() === 'wss:' ? 'https:' : 'http:')));
	} catch {
		return fail('MALFORMED', `"${text}" is not a well-formed address.`);
	}
	if (!url.hostname) return fail('NO_HOST', 'The address has no host.');
	if (url.username || url.password) return fail('USERINFO', 'User names and passwords are not part of a WebSocket URI.');
	const secure = scheme === 'wss';
	const defaultPortNumber = secure ? 443 : 80;
	const port = url.port ? Number(url.port) : defaultPortNumber;
	const defaultPort = port === defaultPortNumber;
	const host = url.hostname;
	const resourceName = (url.pathname || '/') + url.search;
	const hostHeader = defaultPort ? host : `${host}:${port}`;
	return {
		ok: true,
		uri: { secure, scheme, host, port, defaultPort, resourceName, hostHeader, href: `${scheme}://${hostHeader}${resourceName}` }
	};
}
