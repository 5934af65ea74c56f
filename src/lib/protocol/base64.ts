/**
 * Base64 (RFC 4648 §4), by hand: the opening handshake shows it step by step, and the key check needs
 * a strict decoder that says why a value is not 16 bytes (RFC 6455 §4.2.1).
 */

import { WebSocketUsageError, describeValue } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function base64Encode(bytes: Uint8Array): string {
	if (!(bytes instanceof Uint8Array)) throw new WebSocketUsageError('BAD_INPUT', `base64Encode() takes bytes (a Uint8Array), not ${describeValue(bytes)}.`);
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

export type Base64Result =
	| { readonly ok: true; readonly bytes: Uint8Array }
	| { readonly ok: false; readonly reason: string; readonly index: number };

/**
 * Strict decoding of padded standard base64 (the form RFC 6455 uses). `urlSafe` also takes - and _,
 * and `loose` allows missing padding and whitespace (for pasted input).
 */
export function base64Decode(text: string, opts: { urlSafe?: boolean; loose?: boolean } = {}): Base64Result {
	if (typeof text !== 'string') throw new WebSocketUsageError('BAD_INPUT', `base64Decode() takes text, not ${describeValue(text)}.`);
	if (opts === null || typeof opts !== 'object') throw new WebSocketUsageError('BAD_OPTIONS', 'base64Decode() options are an object such as { loose: true }.');
	const vals: number[] = [];
	let pad = 0;
	for (let i = 0; i < text.length; i++) {
		let c = text.charCodeAt(i);
		if (opts.loose && (c === 32 || c === 9 || c === 10 || c === 13)) continue;
		if (c === 61 /* = */) {
			pad++;
			if (pad > 2) return { ok: false, reason: 'too much "=" padding', index: i };
			continue;
		}
		if (pad > 0) return { ok: false, reason: 'data after "=" padding', index: i };
		if (opts.urlSafe) c = c === 45 ? 43 : c === 95 ? 47 : c;
		const v = c < 128 ? LOOKUP[c] : -1;
		if (v < 0) return { ok: false, reason: `"${text[i]}" is not a base64 character`, index: i };
		vals.push(v);
	}
	const total = vals.length + pad;
	if (!opts.loose && total % 4 !== 0)
		return { ok: false, reason: 'base64 text must come in groups of 4 characters', index: text.length };
	if (vals.length % 4 === 1) return { ok: false, reason: 'a lone base64 character cannot encode a byte', index: text.length };
	if (pad > 0 && (vals.length + pad) % 4 !== 0)
		return { ok: false, reason: 'wrong amount of "=" padding', index: text.length };
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
