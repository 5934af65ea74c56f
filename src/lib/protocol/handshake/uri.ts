/**
 * WebSocket URIs (RFC 6455 §3): ws-URI = "ws:" "//" host [ ":" port ] path [ "?" query ], and the
 * same with wss. Fragments are not allowed; the default ports are 80 and 443; the resource name is
 * the path (or "/") with the query.
 */

import type { NoParams } from '../errors';
import { coded, type Coded, type RfcSection } from '../types';

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

/** Why text is not a WebSocket URI (RFC 6455 §3). */
export interface UriProblemParams {
	readonly NOT_A_STRING: NoParams;
	readonly EMPTY: NoParams;
	readonly NO_SCHEME: { readonly text: string };
	/** http: or https:, with the WebSocket scheme that goes with it. */
	readonly HTTP_SCHEME: { readonly scheme: string; readonly instead: 'ws' | 'wss' };
	readonly BAD_SCHEME: { readonly scheme: string };
	readonly NO_AUTHORITY: NoParams;
	readonly NO_HOST: NoParams;
	readonly FRAGMENT: NoParams;
	readonly WHITESPACE: NoParams;
	readonly MALFORMED: { readonly text: string };
	readonly USERINFO: NoParams;
}
export type UriProblem = Coded<UriProblemParams> & { readonly rfc: RfcSection };

export type UriResult = { readonly ok: true; readonly uri: WebSocketUri } | ({ readonly ok: false } & UriProblem);

function fail<C extends keyof UriProblemParams>(code: C, params: UriProblemParams[C]): UriResult {
	return { ok: false, ...coded(code, params), rfc: 'RFC 6455 §3' } as UriResult;
}

export function parseWebSocketUri(input: unknown): UriResult {
	if (typeof input !== 'string') return fail('NOT_A_STRING', {});
	const text = input.trim();
	if (text === '') return fail('EMPTY', {});
	const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text);
	if (!schemeMatch) return fail('NO_SCHEME', { text });
	const scheme = schemeMatch[1].toLowerCase();
	if (scheme === 'http' || scheme === 'https')
		return fail('HTTP_SCHEME', { scheme, instead: scheme === 'https' ? 'wss' : 'ws' });
	if (scheme !== 'ws' && scheme !== 'wss') return fail('BAD_SCHEME', { scheme });
	const afterScheme = text.slice(schemeMatch[0].length);
	if (!afterScheme.startsWith('//')) return fail('NO_AUTHORITY', {});
	// "ws:///chat" has an empty host and the path /chat (RFC 3986 §3.2); a WHATWG URL parser would
	// skip the extra slash and connect to a host named "chat".
	if (/^\/\/(?:[/?#:]|$)/.test(afterScheme)) return fail('NO_HOST', {});
	if (text.includes('#')) return fail('FRAGMENT', {});
	if (/\s/.test(text)) return fail('WHITESPACE', {});
	let url: URL;
	try {
		url = new URL(text.replace(/^wss?:/i, (m) => (m.toLowerCase() === 'wss:' ? 'https:' : 'http:')));
	} catch {
		return fail('MALFORMED', { text });
	}
	if (!url.hostname) return fail('NO_HOST', {});
	if (url.username || url.password) return fail('USERINFO', {});
	const secure = scheme === 'wss';
	const defaultPortNumber = secure ? 443 : 80;
	const port = url.port ? Number(url.port) : defaultPortNumber;
	const defaultPort = port === defaultPortNumber;
	const host = url.hostname;
	const resourceName = (url.pathname || '/') + url.search;
	const hostHeader = defaultPort ? host : `${host}:${port}`;
	return {
		ok: true,
		uri: {
			secure,
			scheme,
			host,
			port,
			defaultPort,
			resourceName,
			hostHeader,
			href: `${scheme}://${hostHeader}${resourceName}`
		}
	};
}
