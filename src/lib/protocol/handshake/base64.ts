/**
 * Base64 (RFC 4648 §4), by hand: the opening handshake shows it step by step, and the key check needs
 * a strict decoder that says why a value is not 16 bytes (RFC 6455 §4.2.1).
 */

import { WebSocketUsageError, describeValue } from '../errors';
import { coded, type Coded } from '../types';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function base64Encode(bytes: Uint8Array): string {
	if (!(bytes instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'base64Encode', got: describeValue(bytes) });
	let out = '';
	let i = 0;
	for (; i + 2 < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
	}
	const rest = bytes.length - i;
	if (rest === 1) {
		const n = bytes[i] << 16;
		out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + '==';
	} else if (rest === 2) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
		out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '=';
	}
	return out;
}

/** Why a text is not the base64 asked for (RFC 4648 §4), with where it goes wrong (`index`). */
export interface Base64ProblemParams {
	/** A character outside the alphabet. */
	readonly BASE64_CHAR: { readonly char: string; readonly index: number };
	/** Padded base64 comes in groups of 4 characters. */
	readonly BASE64_GROUPS: { readonly index: number };
	/** More than two "=", or not as many as the last group needs. */
	readonly BASE64_PADDING: { readonly index: number };
	readonly BASE64_AFTER_PADDING: { readonly index: number };
	/** One character alone in the last group encodes no whole byte. */
	readonly BASE64_LONE_CHAR: { readonly index: number };
}
export type Base64Problem = Coded<Base64ProblemParams>;

export type Base64Result =
	{ readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: Base64Problem };

const bad = <C extends keyof Base64ProblemParams>(code: C, params: Base64ProblemParams[C]): Base64Result => ({
	ok: false,
	problem: coded(code, params)
});

/**
 * Strict decoding of padded standard base64 (the form RFC 6455 uses). `urlSafe` also takes - and _,
 * and `loose` allows missing padding and whitespace (for pasted input).
 */
export function base64Decode(text: string, opts: { urlSafe?: boolean; loose?: boolean } = {}): Base64Result {
	if (typeof text !== 'string')
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'base64Decode', got: describeValue(text) });
	if (opts === null || typeof opts !== 'object')
		throw new WebSocketUsageError('BAD_OPTIONS', { fn: 'base64Decode', got: describeValue(opts) });
	const vals: number[] = [];
	let pad = 0;
	for (let i = 0; i < text.length; i++) {
		let c = text.charCodeAt(i);
		if (opts.loose && (c === 32 || c === 9 || c === 10 || c === 13)) continue;
		if (c === 61 /* = */) {
			pad++;
			if (pad > 2) return bad('BASE64_PADDING', { index: i });
			continue;
		}
		if (pad > 0) return bad('BASE64_AFTER_PADDING', { index: i });
		if (opts.urlSafe) c = c === 45 ? 43 : c === 95 ? 47 : c;
		const v = c < 128 ? LOOKUP[c] : -1;
		if (v < 0) return bad('BASE64_CHAR', { char: String.fromCodePoint(text.codePointAt(i) ?? 0), index: i });
		vals.push(v);
	}
	const total = vals.length + pad;
	if (!opts.loose && total % 4 !== 0) return bad('BASE64_GROUPS', { index: text.length });
	if (vals.length % 4 === 1) return bad('BASE64_LONE_CHAR', { index: text.length });
	if (pad > 0 && (vals.length + pad) % 4 !== 0) return bad('BASE64_PADDING', { index: text.length });
	const out = new Uint8Array(Math.floor((vals.length * 6) / 8));
	let o = 0;
	for (let i = 0; i < vals.length; i += 4) {
		const n = (vals[i] << 18) | (vals[i + 1] << 12) | ((vals[i + 2] ?? 0) << 6) | (vals[i + 3] ?? 0);
		out[o++] = n >> 16;
		if (o < out.length) out[o++] = (n >> 8) & 255;
		if (o < out.length) out[o++] = n & 255;
	}
	return { ok: true, bytes: out };
}
