/**
 * Bytes written as string literals with \x escapes: C's "\x81\x85...", Python's b'\x81\x05Hello',
 * JS strings, possibly concatenated over several lines, or bare \x81\x05 escapes.
 */
import { findOx, skipComment } from './code';
import { type Ctx, foundChar, hexVal, isLineBreak, isSpace } from './scan';

/** First "\x" + hex digit. */
export function findEscX(t: string, from: number, to: number): number {
	for (let i = t.indexOf('\\x', from); i >= 0 && i + 2 < to; i = t.indexOf('\\x', i + 1))
		if (hexVal(t.charCodeAt(i + 2)) >= 0) return i;
	return -1;
}

const SIMPLE_ESCAPES = new Map<string, number>(
	Object.entries({ n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '`': 96, '?': 63 })
);

/** Reads the escape at t[i] === "\\" into ctx.out; returns the index after it. */
function escape(ctx: Ctx, i: number, to: number): number {
	const t = ctx.text;
	const n = t.charCodeAt(i + 1);
	if (i + 1 >= to) ctx.fail('bad-escape', i, i + 1, { kind: 'at-end' });
	if (n === 120) {
		// Exactly two digits at most, as in Python and JS; C's greedy \x would swallow following letters.
		let k = i + 2;
		let v = 0;
		while (k < to && k < i + 4 && hexVal(t.charCodeAt(k)) >= 0) v = v * 16 + hexVal(t.charCodeAt(k++));
		if (k === i + 2) ctx.fail('bad-escape', i, i + 2, { kind: 'x-without-digit' });
		ctx.out.push(v);
		return k;
	}
	if (n >= 48 && n <= 55) {
		let k = i + 1;
		let v = 0;
		while (k < to && k < i + 4 && t.charCodeAt(k) >= 48 && t.charCodeAt(k) <= 55) v = v * 8 + t.charCodeAt(k++) - 48;
		if (v > 255) ctx.fail('bad-escape', i, k, { kind: 'octal-too-big', token: t.slice(i, k) });
		ctx.out.push(v);
		return k;
	}
	if (n === 10) return i + 2; // backslash-newline continues the line
	if (n === 13) return t.charCodeAt(i + 2) === 10 ? i + 3 : i + 2;
	const simple = SIMPLE_ESCAPES.get(t[i + 1]);
	if (simple !== undefined) {
		ctx.out.push(simple);
		return i + 2;
	}
	const char = foundChar(t, i + 1);
	return ctx.fail('bad-escape', i, i + 1 + char.text.length, { kind: 'unknown', char });
}

/** Non-ASCII characters inside a literal become their UTF-8 bytes, as a C compiler would emit them. */
function pushUtf8(ctx: Ctx, i: number): number {
	const t = ctx.text;
	let cp = t.charCodeAt(i);
	let len = 1;
	const d = t.charCodeAt(i + 1);
	if (cp >= 0xd800 && cp <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
		cp = (cp - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
		len = 2;
	}
	if (cp >= 0xd800 && cp <= 0xdfff) ctx.failChar(i, 'half-character');
	const out = ctx.out;
	if (cp < 0x800) out.push(0xc0 | (cp >> 6));
	else if (cp < 0x10000) out.push(0xe0 | (cp >> 12));
	else {
		out.push(0xf0 | (cp >> 18));
		out.push(0x80 | ((cp >> 12) & 63));
	}
	if (cp >= 0x800) out.push(0x80 | ((cp >> 6) & 63));
	out.push(0x80 | (cp & 63));
	ctx.warn('utf8-literal', i, i + len, () => ({ char: foundChar(t, i) }));
	return i + len;
}

const isQuote = (c: number) => c === 34 || c === 39 || c === 96;
// String prefixes: Python b/r/u, C++ u8/L/U
const isPrefix = (c: number) =>
	c === 98 || c === 66 || c === 114 || c === 82 || c === 117 || c === 85 || c === 76 || c === 56;

/**
 * Reads \x-escaped text. If a quote comes before the first escape, only string literals are read
 * (text before the first one, like `char f[] = ` or `send(b`, is ignored; literals may be joined by
 * spaces, +, commas and comments; plain characters inside them are bytes too). Otherwise the text must
 * be escapes only, because outside quotes there is no telling a stray word from intended bytes.
 */
export function scanEscapes(ctx: Ctx, from: number, to: number): void {
	const t = ctx.text;
	const firstEsc = findEscX(t, from, to);
	let i = from;
	while (i < to && !isQuote(t.charCodeAt(i))) i++;
	if (i === to || (firstEsc >= 0 && firstEsc < i)) return unquoted(ctx, from, to);
	for (;;) {
		const q = t.charCodeAt(i);
		const open = i++;
		for (;;) {
			const c = t.charCodeAt(i);
			if (i >= to || (isLineBreak(c) && q !== 96))
				ctx.fail('unterminated-string', open, open + 1, { quote: t[open], until: q === 96 ? 'text' : 'line' });
			if (c === q) break;
			if (c === 92) i = escape(ctx, i, to);
			else if (c >= 128) i = pushUtf8(ctx, i);
			else ctx.out.push(t.charCodeAt(i++));
		}
		i++;
		let j: number;
		for (; i < to; i = j) {
			const c = t.charCodeAt(i);
			if (isSpace(c) || c === 43 || c === 44) j = i + 1;
			else if (c === 92 && isLineBreak(t.charCodeAt(i + 1))) j = i + 2;
			else if ((j = skipComment(t, i, to)) === i) break;
		}
		let k = i;
		while (k < to && k - i < 2 && isPrefix(t.charCodeAt(k))) k++;
		if (k < to && isQuote(t.charCodeAt(k))) {
			i = k;
			continue;
		}
		// What is left closes the statement ("};", ")"). If it still holds bytes, they would be lost.
		if (i < to && (findEscX(t, i, to) >= 0 || findOx(t, i, to) >= 0)) ctx.failChar(i, 'between-literals');
		return;
	}
}

function unquoted(ctx: Ctx, from: number, to: number): void {
	const t = ctx.text;
	for (let i = from; i < to;) {
		const c = t.charCodeAt(i);
		if (isSpace(c) || c === 44) i++;
		else if (c === 92) i = escape(ctx, i, to);
		else if (skipComment(t, i, to) !== i) i = skipComment(t, i, to);
		else ctx.failChar(i, 'outside-quotes');
	}
}
