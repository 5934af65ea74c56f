/**
 * HPACK (RFC 7541), the header compression of HTTP/2, sans-I/O: header blocks in, header fields and
 * what each representation was out, as data (the byte range, the kind, the table index), so a view
 * can annotate every byte. For WebSocket over HTTP/2 (RFC 8441): integers (§5.1), string literals
 * plain or Huffman-coded (§5.2, huffman.ts), the static table (Appendix A), the dynamic table with
 * its size and eviction (§4), and every representation of §6.
 */
import { huffmanDecode, huffmanEncode, huffmanLength, type HuffmanProblem } from './huffman';

/** RFC 7541 Appendix A: index 1 to 61. */
export const STATIC_TABLE: readonly (readonly [name: string, value: string])[] = [
	[':authority', ''],
	[':method', 'GET'],
	[':method', 'POST'],
	[':path', '/'],
	[':path', '/index.html'],
	[':scheme', 'http'],
	[':scheme', 'https'],
	[':status', '200'],
	[':status', '204'],
	[':status', '206'],
	[':status', '304'],
	[':status', '400'],
	[':status', '404'],
	[':status', '500'],
	['accept-charset', ''],
	['accept-encoding', 'gzip, deflate'],
	['accept-language', ''],
	['accept-ranges', ''],
	['accept', ''],
	['access-control-allow-origin', ''],
	['age', ''],
	['allow', ''],
	['authorization', ''],
	['cache-control', ''],
	['content-disposition', ''],
	['content-encoding', ''],
	['content-language', ''],
	['content-length', ''],
	['content-location', ''],
	['content-range', ''],
	['content-type', ''],
	['cookie', ''],
	['date', ''],
	['etag', ''],
	['expect', ''],
	['expires', ''],
	['from', ''],
	['host', ''],
	['if-match', ''],
	['if-modified-since', ''],
	['if-none-match', ''],
	['if-range', ''],
	['if-unmodified-since', ''],
	['last-modified', ''],
	['link', ''],
	['location', ''],
	['max-forwards', ''],
	['proxy-authenticate', ''],
	['proxy-authorization', ''],
	['range', ''],
	['referer', ''],
	['refresh', ''],
	['retry-after', ''],
	['server', ''],
	['set-cookie', ''],
	['strict-transport-security', ''],
	['transfer-encoding', ''],
	['user-agent', ''],
	['vary', ''],
	['via', ''],
	['www-authenticate', '']
];

/** What is wrong with a header block: every one is a connection error COMPRESSION_ERROR (RFC 7540 §4.3). */
export type HpackProblem =
	| { readonly code: 'TRUNCATED'; readonly at: number }
	| { readonly code: 'INTEGER_TOO_LARGE'; readonly at: number }
	| { readonly code: 'INDEX_ZERO'; readonly at: number }
	| { readonly code: 'INDEX_OUT_OF_RANGE'; readonly at: number; readonly index: number; readonly entries: number }
	| { readonly code: 'TABLE_SIZE_OVER_LIMIT'; readonly at: number; readonly size: number; readonly limit: number }
	| { readonly code: 'TABLE_SIZE_UPDATE_LATE'; readonly at: number }
	| { readonly code: HuffmanProblem; readonly at: number };

/** One representation of a header block (RFC 7541 §6), where it is, and what it did to the table. */
export interface HpackRepresentation {
	readonly kind: 'indexed' | 'literal-indexed' | 'literal' | 'literal-never-indexed' | 'table-size';
	readonly start: number;
	readonly end: number;
	/** The index used (for the field, or for the name of a literal); null for a new name. */
	readonly index: number | null;
	/** The header field it gives (null for a table size update). */
	readonly field: readonly [name: string, value: string] | null;
	/** The new table size, for a table size update. */
	readonly size?: number;
}

export type HpackResult =
	| {
			readonly ok: true;
			readonly headers: readonly (readonly [string, string])[];
			readonly parts: readonly HpackRepresentation[];
	  }
	| { readonly ok: false; readonly problem: HpackProblem; readonly parts: readonly HpackRepresentation[] };

/** An integer with an N-bit prefix (§5.1): its value and where it ends, or null when cut short. */
export function decodeInteger(
	bytes: Uint8Array,
	at: number,
	prefixBits: number
): { value: number; next: number } | { problem: 'TRUNCATED' | 'INTEGER_TOO_LARGE' } {
	if (at >= bytes.length) return { problem: 'TRUNCATED' };
	const max = (1 << prefixBits) - 1;
	let value = bytes[at] & max;
	let i = at + 1;
	if (value < max) return { value, next: i };
	let shift = 0;
	for (;;) {
		if (i >= bytes.length) return { problem: 'TRUNCATED' };
		const b = bytes[i++];
		value += (b & 0x7f) * 2 ** shift;
		shift += 7;
		// No header needs more than 2^31: anything larger is an attack on the decoder.
		if (value > 0x7fffffff) return { problem: 'INTEGER_TOO_LARGE' };
		if ((b & 0x80) === 0) return { value, next: i };
	}
}

/** An integer with an N-bit prefix (§5.1), the first byte's high bits set to `flags`. */
export function encodeInteger(value: number, prefixBits: number, flags = 0): Uint8Array {
	const max = (1 << prefixBits) - 1;
	if (value < max) return Uint8Array.of(flags | value);
	const out = [flags | max];
	let rest = value - max;
	while (rest >= 128) {
		out.push((rest % 128) + 128);
		rest = Math.floor(rest / 128);
	}
	out.push(rest);
	return Uint8Array.from(out);
}

/**
 * A string literal (§5.2): Huffman-coded when `huffman` is true, or by default when that is shorter
 * (what encoders in browsers do); else its octets as they are.
 */
export function encodeString(text: string, huffman?: boolean): Uint8Array {
	const bytes = new TextEncoder().encode(text);
	const coded = huffman ?? huffmanLength(bytes) < bytes.length;
	const body = coded ? huffmanEncode(bytes) : bytes;
	const length = encodeInteger(body.length, 7, coded ? 0x80 : 0);
	const out = new Uint8Array(length.length + body.length);
	out.set(length);
	out.set(body, length.length);
	return out;
}

/** An entry's size in the dynamic table: its name and value in octets, plus 32 (§4.1). */
export function entrySize(name: string, value: string): number {
	const enc = new TextEncoder();
	return enc.encode(name).length + enc.encode(value).length + 32;
}

/**
 * One side's decoding context: the dynamic table lives across the header blocks of a connection.
 * `limit` is SETTINGS_HEADER_TABLE_SIZE as this side announced it (default 4096, RFC 7540 §6.5.2).
 */
export class HpackDecoder {
	/** Newest first, as indexed: static 1-61, then 62 for the newest entry (§2.3.3). */
	readonly table: [string, string][] = [];
	size = 0;
	maxSize: number;

	constructor(readonly limit = 4096) {
		this.maxSize = limit;
	}

	/** The field at `index` (static, then dynamic, §2.3.3), or the problem of an index past both. */
	private lookup(index: number, at: number): readonly [string, string] | HpackProblem {
		const f = index <= STATIC_TABLE.length ? STATIC_TABLE[index - 1] : this.table[index - STATIC_TABLE.length - 1];
		return f ?? { code: 'INDEX_OUT_OF_RANGE', at, index, entries: STATIC_TABLE.length + this.table.length };
	}

	private insert(name: string, value: string): void {
		const size = entrySize(name, value);
		// §4.4: added, then the oldest evicted until the table fits; an entry larger than the whole
		// table so empties it, itself included.
		this.table.unshift([name, value]);
		this.size += size;
		this.evict();
	}

	private evict(): void {
		while (this.size > this.maxSize && this.table.length) {
			const [n, v] = this.table.pop()!;
			this.size -= entrySize(n, v);
		}
	}

	/** Decode one complete header block (after HEADERS and any CONTINUATION frames are joined). */
	decode(block: Uint8Array): HpackResult {
		const parts: HpackRepresentation[] = [];
		const headers: [string, string][] = [];
		let at = 0;
		const fail = (problem: HpackProblem): HpackResult => ({ ok: false, problem, parts });
		while (at < block.length) {
			const start = at;
			const b = block[at];
			if (b & 0x80) {
				// §6.1 Indexed Header Field.
				const n = decodeInteger(block, at, 7);
				if ('problem' in n) return fail({ code: n.problem, at: start });
				if (n.value === 0) return fail({ code: 'INDEX_ZERO', at: start });
				const f = this.lookup(n.value, start);
				if ('code' in f) return fail(f);
				headers.push([f[0], f[1]]);
				parts.push({ kind: 'indexed', start, end: n.next, index: n.value, field: f });
				at = n.next;
				continue;
			}
			if ((b & 0xe0) === 0x20) {
				// §6.3 Dynamic Table Size Update: only at the start of a block (§4.2).
				const n = decodeInteger(block, at, 5);
				if ('problem' in n) return fail({ code: n.problem, at: start });
				if (headers.length > 0) return fail({ code: 'TABLE_SIZE_UPDATE_LATE', at: start });
				if (n.value > this.limit)
					return fail({ code: 'TABLE_SIZE_OVER_LIMIT', at: start, size: n.value, limit: this.limit });
				this.maxSize = n.value;
				this.evict();
				parts.push({ kind: 'table-size', start, end: n.next, index: null, field: null, size: n.value });
				at = n.next;
				continue;
			}
			// §6.2 Literal Header Field: with incremental indexing (01), without (0000), never indexed (0001).
			const kind = (b & 0xc0) === 0x40 ? 'literal-indexed' : (b & 0xf0) === 0x10 ? 'literal-never-indexed' : 'literal';
			const n = decodeInteger(block, at, kind === 'literal-indexed' ? 6 : 4);
			if ('problem' in n) return fail({ code: n.problem, at: start });
			at = n.next;
			let name: string;
			if (n.value > 0) {
				const f = this.lookup(n.value, start);
				if ('code' in f) return fail(f);
				name = f[0];
			} else {
				const s = this.string(block, at);
				if ('code' in s) return fail(s);
				name = s.text;
				at = s.next;
			}
			const v = this.string(block, at);
			if ('code' in v) return fail(v);
			at = v.next;
			headers.push([name, v.text]);
			parts.push({ kind, start, end: at, index: n.value || null, field: [name, v.text] });
			if (kind === 'literal-indexed') this.insert(name, v.text);
		}
		return { ok: true, headers, parts };
	}

	private string(block: Uint8Array, at: number): { text: string; next: number } | HpackProblem {
		const n = decodeInteger(block, at, 7);
		if ('problem' in n) return { code: n.problem, at };
		if (n.next + n.value > block.length) return { code: 'TRUNCATED', at };
		let octets = block.subarray(n.next, n.next + n.value);
		if (block[at] & 0x80) {
			const h = huffmanDecode(octets);
			if (!h.ok) return { code: h.problem, at };
			octets = h.value;
		}
		return { text: new TextDecoder().decode(octets), next: n.next + n.value };
	}
}

/**
 * Encode a header list as a header block, simply and predictably (what the lessons show): a field
 * in the static table exactly is indexed (§6.1); else a literal whose name is indexed when the
 * static table has it, without indexing (§6.2.2), so the block depends on nothing said before.
 * `never` names fields that must never be indexed by an intermediary (§6.2.3), such as cookies.
 */
export function encodeHeaders(
	headers: readonly (readonly [string, string])[],
	opts: { huffman?: boolean; never?: readonly string[] } = {}
): Uint8Array {
	const parts: Uint8Array[] = [];
	for (const [name, value] of headers) {
		const exact = STATIC_TABLE.findIndex(([n, v]) => n === name && v === value);
		if (exact >= 0 && !opts.never?.includes(name)) {
			parts.push(encodeInteger(exact + 1, 7, 0x80));
			continue;
		}
		const named = STATIC_TABLE.findIndex(([n]) => n === name) + 1;
		const flags = opts.never?.includes(name) ? 0x10 : 0x00;
		parts.push(encodeInteger(named, 4, flags));
		if (named === 0) parts.push(encodeString(name, opts.huffman));
		parts.push(encodeString(value, opts.huffman));
	}
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
	return out;
}
