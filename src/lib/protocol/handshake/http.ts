/**
 * Just enough HTTP/1.1 (RFC 9112) to carry the opening handshake: find the end of the head, split the
 * start line and the header fields. Field names are case-insensitive; repeated fields are combined
 * with commas (RFC 9110 §5.3), which is how a token list such as Connection is meant to be read.
 */

import { WebSocketUsageError, describeValue } from '../errors';
import { coded, type Coded } from '../types';

/** A handshake head larger than this is refused rather than buffered forever. */
export const MAX_HEAD_BYTES = 16 * 1024;

export interface HttpHead {
	readonly startLine: string;
	/** Header fields in the order received, names as sent. */
	readonly fields: ReadonlyArray<readonly [name: string, value: string]>;
	/** Bytes the head took, the CRLFCRLF included. */
	readonly length: number;
}

/** Why bytes that should start with an HTTP head cannot be read as one (RFC 9112 §2, §5). */
export interface HeadProblemParams {
	/** No empty line within the first `limit` bytes. */
	readonly HEAD_TOO_LONG: { readonly limit: number };
	readonly HEAD_NOT_ASCII: { readonly at: number };
	/** A header line without a colon. */
	readonly HEAD_BAD_LINE: { readonly line: string };
	readonly HEAD_BAD_NAME: { readonly name: string };
}
export type HeadProblem = Coded<HeadProblemParams>;

export type HeadResult =
	| { readonly kind: 'incomplete' }
	| { readonly kind: 'error'; readonly problem: HeadProblem }
	| { readonly kind: 'head'; readonly head: HttpHead };

/** A token (RFC 9110 §5.6.2): header names, subprotocols, extension names and parameters. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(value: unknown): value is string {
	return typeof value === 'string' && TOKEN.test(value);
}
/**
 * A field value may hold visible characters, spaces, tabs and obs-text, never CR, LF or NUL (RFC 9110
 * §5.5); the head is written one byte per character, so nothing above U+00FF either.
 */
const FIELD_VALUE = /^[^\r\n\0\u0100-\uffff]*$/;

/**
 * Check header fields an application asks to send: a name that is a token and a value with no line
 * break, or they could inject lines into the head (RFC 9110 §5.1, §5.5).
 */
export function checkHeaderFields(fields: unknown, what = 'headers'): ReadonlyArray<readonly [string, string]> {
	if (typeof what !== 'string') what = 'headers';
	if (fields === undefined) return [];
	if (!Array.isArray(fields))
		throw new WebSocketUsageError('BAD_HEADERS', { option: what, got: describeValue(fields) });
	for (const f of fields) {
		if (!Array.isArray(f) || f.length !== 2 || typeof f[0] !== 'string' || typeof f[1] !== 'string')
			throw new WebSocketUsageError('BAD_HEADERS', { option: what, entry: describeValue(f) });
		if (!TOKEN.test(f[0]))
			throw new WebSocketUsageError('BAD_HEADER_NAME', { got: describeValue(f[0]) }, 'RFC 9110 §5.1');
		if (!FIELD_VALUE.test(f[1])) throw new WebSocketUsageError('BAD_HEADER_VALUE', { name: f[0] }, 'RFC 9110 §5.5');
	}
	return fields as ReadonlyArray<readonly [string, string]>;
}

function checkHead(head: unknown, fn: string): asserts head is HttpHead {
	if (typeof fn !== 'string') fn = 'this function';
	const h = head as HttpHead | null;
	if (
		h === null ||
		typeof h !== 'object' ||
		typeof h.startLine !== 'string' ||
		!Array.isArray(h.fields) ||
		!h.fields.every((f) => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string')
	)
		throw new WebSocketUsageError('BAD_HEAD', { fn, got: describeValue(head) });
}
export { checkHead as assertHead };

/** Look for a complete head at the start of `buf`. */
export function readHead(buf: Uint8Array): HeadResult {
	if (!(buf instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'readHead', got: describeValue(buf) });
	const limit = Math.min(buf.length, MAX_HEAD_BYTES);
	let end = -1;
	for (let i = 3; i < limit; i++) {
		if (buf[i] === 10 && buf[i - 1] === 13 && buf[i - 2] === 10 && buf[i - 3] === 13) {
			end = i + 1;
			break;
		}
	}
	if (end < 0) {
		if (buf.length >= MAX_HEAD_BYTES)
			return { kind: 'error', problem: coded('HEAD_TOO_LONG', { limit: MAX_HEAD_BYTES }) };
		return { kind: 'incomplete' };
	}
	let text = '';
	for (let i = 0; i < end - 4; i++) {
		const b = buf[i];
		// Header fields are ASCII (obs-text aside); anything else is not a handshake we can read.
		if (b > 0x7e && b < 0xa0) return { kind: 'error', problem: coded('HEAD_NOT_ASCII', { at: i }) };
		text += String.fromCharCode(b);
	}
	const lines = text.split('\r\n');
	const startLine = lines[0];
	const fields: [string, string][] = [];
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i];
		const colon = line.indexOf(':');
		if (colon <= 0) return { kind: 'error', problem: coded('HEAD_BAD_LINE', { line }) };
		const name = line.slice(0, colon);
		if (!TOKEN.test(name)) return { kind: 'error', problem: coded('HEAD_BAD_NAME', { name }) };
		fields.push([name, line.slice(colon + 1).trim()]);
	}
	return { kind: 'head', head: { startLine, fields, length: end } };
}

/** Case-insensitive header lookup; repeated fields are joined with ", ". */
export function header(fields: HttpHead['fields'], name: string): string | undefined {
	if (!Array.isArray(fields) || typeof name !== 'string')
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'header', got: describeValue(fields) });
	const lower = name.toLowerCase();
	let value: string | undefined;
	for (const f of fields) {
		if (!Array.isArray(f) || typeof f[0] !== 'string' || typeof f[1] !== 'string')
			throw new WebSocketUsageError('BAD_INPUT', { fn: 'header', entry: describeValue(f) });
		if (f[0].toLowerCase() === lower) value = value === undefined ? f[1] : `${value}, ${f[1]}`;
	}
	return value;
}

/** Split a comma-separated list such as `keep-alive, Upgrade` into trimmed, non-empty items. */
export function tokenList(value: string | undefined): string[] {
	if (value !== undefined && typeof value !== 'string')
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'tokenList', got: describeValue(value) });
	if (!value) return [];
	return value
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

export function hasToken(value: string | undefined, token: string): boolean {
	if (typeof token !== 'string')
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'hasToken', got: describeValue(token) });
	const t = token.toLowerCase();
	return tokenList(value).some((v) => v.toLowerCase() === t);
}

export function serializeHead(startLine: string, fields: ReadonlyArray<readonly [string, string]>): Uint8Array {
	if (typeof startLine !== 'string' || !FIELD_VALUE.test(startLine))
		throw new WebSocketUsageError('BAD_START_LINE', { got: describeValue(startLine) }, 'RFC 9112 §3');
	let text = startLine + '\r\n';
	for (const [n, v] of checkHeaderFields(fields, 'fields')) text += `${n}: ${v}\r\n`;
	text += '\r\n';
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
	return out;
}

export function headToText(bytes: Uint8Array): string {
	if (!(bytes instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'headToText', got: describeValue(bytes) });
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
	return s;
}
