/**
 * The Sec-WebSocket-Extensions grammar (RFC 6455 §9.1):
 *   extension-list = 1#extension
 *   extension      = extension-token *( ";" extension-param )
 *   extension-param = token [ "=" (token | quoted-string) ]
 */

import { WebSocketUsageError, describeValue } from '../errors';
import { TOKEN } from '../handshake/http';
import type { MessageCodec } from '../reader/assembler';
import { coded, type Coded } from '../types';

export interface ExtensionOffer {
	readonly name: string;
	/** Parameter values; `true` for a parameter given without a value. */
	readonly params: Readonly<Record<string, string | true>>;
	/**
	 * Parameters given more than once (the first value is kept). RFC 7692 §7.1 has the server decline
	 * such an offer, not refuse the whole handshake, so the grammar reports them instead of failing.
	 */
	readonly duplicates?: readonly string[];
}

/** Why a Sec-WebSocket-Extensions value does not follow the grammar of RFC 6455 §9.1. */
export interface ExtensionsProblemParams {
	readonly EXT_BAD_NAME: { readonly name: string };
	readonly EXT_BAD_PARAM: { readonly extension: string; readonly param: string };
	readonly EXT_UNTERMINATED: { readonly param: string };
	/** A value that is not a token, even once unquoted. */
	readonly EXT_BAD_VALUE: { readonly param: string; readonly value: string };
}
export type ExtensionsProblem = Coded<ExtensionsProblemParams>;

export type ExtensionsResult =
	| { readonly ok: true; readonly offers: ExtensionOffer[] }
	| { readonly ok: false; readonly problem: ExtensionsProblem };

/** Split on a separator outside quoted strings. */
function splitOutsideQuotes(s: string, sep: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (quoted && c === '\\' && i + 1 < s.length) {
			cur += c + s[++i];
			continue;
		}
		if (c === '"') quoted = !quoted;
		if (c === sep && !quoted) {
			out.push(cur);
			cur = '';
		} else cur += c;
	}
	out.push(cur);
	return out;
}

export function parseExtensions(value: string | undefined): ExtensionsResult {
	if (value !== undefined && typeof value !== 'string')
		throw new WebSocketUsageError('BAD_INPUT', { got: describeValue(value) });
	if (value === undefined || value.trim() === '') return { ok: true, offers: [] };
	const offers: ExtensionOffer[] = [];
	for (const item of splitOutsideQuotes(value, ',')) {
		if (item.trim() === '') continue;
		const [rawName, ...rawParams] = splitOutsideQuotes(item, ';').map((p) => p.trim());
		if (!TOKEN.test(rawName)) return { ok: false, problem: coded('EXT_BAD_NAME', { name: rawName }) };
		const params: Record<string, string | true> = {};
		const duplicates: string[] = [];
		for (const p of rawParams) {
			const eq = p.indexOf('=');
			const key = (eq < 0 ? p : p.slice(0, eq)).trim();
			if (!TOKEN.test(key)) return { ok: false, problem: coded('EXT_BAD_PARAM', { extension: rawName, param: key }) };
			if (Object.prototype.hasOwnProperty.call(params, key)) {
				duplicates.push(key);
				continue;
			}
			if (eq < 0) params[key] = true;
			else {
				let v = p.slice(eq + 1).trim();
				if (v.startsWith('"')) {
					if (v.length < 2 || !v.endsWith('"'))
						return { ok: false, problem: coded('EXT_UNTERMINATED', { param: key }) };
					v = v.slice(1, -1).replace(/\\(.)/g, '$1');
				}
				// RFC 6455 §9.1: a quoted value must still be a valid token once unquoted.
				if (!TOKEN.test(v)) return { ok: false, problem: coded('EXT_BAD_VALUE', { param: key, value: v }) };
				params[key] = v;
			}
		}
		offers.push(duplicates.length ? { name: rawName, params, duplicates } : { name: rawName, params });
	}
	return { ok: true, offers };
}

export function formatExtension(e: ExtensionOffer): string {
	if (
		e === null ||
		typeof e !== 'object' ||
		typeof e.name !== 'string' ||
		!TOKEN.test(e.name) ||
		e.params === null ||
		typeof e.params !== 'object'
	)
		throw new WebSocketUsageError('BAD_EXTENSION', { got: describeValue(e) }, 'RFC 6455 §9.1');
	for (const [k, v] of Object.entries(e.params))
		if (!TOKEN.test(k) || (v !== true && (typeof v !== 'string' || !TOKEN.test(v))))
			throw new WebSocketUsageError('BAD_EXTENSION', { name: e.name, param: describeValue(k) }, 'RFC 6455 §9.1');
	return [e.name, ...Object.entries(e.params).map(([k, v]) => (v === true ? k : `${k}=${v}`))].join('; ');
}

/**
 * How an extension takes part in the handshake (RFC 6455 §9). permessage-deflate (RFC 7692) is the
 * one that matters; the interface keeps the connection free of its details.
 */
export interface ExtensionNegotiator {
	readonly name: string;
	/** Client: the offers to put in the request, most preferred first. */
	offer(): ExtensionOffer[];
	/** Client: the server's answer for this extension; a codec, or why the client fails the connection. */
	accept(
		response: ExtensionOffer
	):
		| { readonly ok: true; readonly codec: MessageCodec }
		| { readonly ok: false; readonly problem: ExtensionAnswerProblem };
	/** Server: pick one of the client's offers for this extension, or decline with null. */
	negotiate(offers: ExtensionOffer[]): { response: ExtensionOffer; codec: MessageCodec } | null;
}

/**
 * Why a client refuses the server's answer for an extension. Only permessage-deflate is built in;
 * its problems (RFC 7692 §7.1) are the members of this family.
 */
export type ExtensionAnswerProblem = import('./deflate').DeflateProblem;
