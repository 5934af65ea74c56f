/**
 * Just enough HTTP/1.1 (RFC 9112) to carry the opening handshake: find the end of the head, split the
 * start line and the header fields. Field names are case-insensitive; repeated fields are combined
 * with commas (RFC 9110 §5.3), which is how a token list such as Connection is meant to be read.
 */

/** A handshake head larger than this is refused rather than buffered forever. */
export const MAX_HEAD_BYTES = 16 * 1024;

export interface HttpHead {
	readonly startLine: string;
	/** Header fields in the order received, names as sent. */
	readonly fields: ReadonlyArray<readonly [name: string, value: string]>;
	/** Bytes the head took, the CRLFCRLF included. */
	readonly length: number;
}

export type HeadResult =
	| { readonly kind: 'incomplete' }
	| { readonly kind: 'error'; readonly reason: string }
	| { readonly kind: 'head'; readonly head: HttpHead };

/** Look for a complete head at the start of `buf`. */
export function readHead(buf: Uint8Array): HeadResult {
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
			return { kind: 'error', reason: `the HTTP head is longer than ${MAX_HEAD_BYTES} bytes` };
		return { kind: 'incomplete' };
	}
	let text = '';
	for (let i = 0; i < end - 4; i++) {
		const b = buf[i];
		// Header fields are ASCII (obs-text aside); anything else is not a handshake we can read.
		if (b > 0x7e && b < 0xa0) return { kind: 'error', reason: 'the HTTP head contains non-ASCII bytes' };
		text += String.fromCharCode(b);
	}
	const lines = text.split('\r\n');
	const startLine = lines[0];
	const fields: [string, string][] = [];
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i];
		const colon = line.indexOf(':');
		if (colon <= 0) return { kind: 'error', reason: `malformed header line "${line}"` };
		const name = line.slice(0, colon);
		if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name))
			return { kind: 'error', reason: `"${name}" is not a valid header name` };
		fields.push([name, line.slice(colon + 1).trim()]);
	}
	return { kind: 'head', head: { startLine, fields, length: end } };
}

/** Case-insensitive header lookup; repeated fields are joined with ", ". */
export function header(fields: HttpHead['fields'], name: string): string | undefined {
	const lower = name.toLowerCase();
	let value: string | undefined;
	for (const [n, v] of fields) {
		if (n.toLowerCase() === lower) value = value === undefined ? v : `${value}, ${v}`;
	}
	return value;
}

/** Split a comma-separated list such as `keep-alive, Upgrade` into trimmed, non-empty items. */
export function tokenList(value: string | undefined): string[] {
	if (!value) return [];
	return value
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

export function hasToken(value: string | undefined, token: string): boolean {
	const t = token.toLowerCase();
	return tokenList(value).some((v) => v.toLowerCase() === t);
}

export function serializeHead(startLine: string, fields: ReadonlyArray<readonly [string, string]>): Uint8Array {
	let text = startLine + '\r\n';
	for (const [n, v] of fields) text += `${n}: ${v}\r\n`;
	text += '\r\n';
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
	return out;
}

export function headToText(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
	return s;
}
