/**
 * Bytes written as source code: 0x lists and array literals (C, Go, Java, JS, Python, Rust). Code gets
 * pasted with its declaration and comments attached, so the scanner skips those instead of demanding
 * a clean list. String literals with \x escapes are in escapes.ts.
 */
import { type Ctx, excerpt, hexVal, isAlnum, isLineBreak, isSpace } from './scan';
import { scanHex } from './plain';

/**
 * First "0x"/"0X" + hex digit that starts a token (so the "0x" inside "10x5" does not count).
 * Native indexOf scans megabytes far faster than a charCodeAt loop, and detection runs on every paste.
 */
export function findOx(t: string, from: number, to: number): number {
	let lo = t.indexOf('0x', from);
	let up = t.indexOf('0X', from);
	while (lo >= 0 || up >= 0) {
		const i = lo < 0 ? up : up < 0 ? lo : Math.min(lo, up);
		if (i + 2 >= to) return -1;
		if (isOxAt(t, i)) return i;
		if (i === lo) lo = t.indexOf('0x', i + 1);
		else up = t.indexOf('0X', i + 1);
	}
	return -1;
}

function isOxAt(t: string, i: number): boolean {
	return (
		t.charCodeAt(i) === 48 &&
		(t.charCodeAt(i + 1) | 32) === 120 &&
		hexVal(t.charCodeAt(i + 2)) >= 0 &&
		(i === 0 || !isAlnum(t.charCodeAt(i - 1)))
	);
}

/** Index after a comment starting at i ("//" or "#" to end of line, or a block comment), else i. */
export function skipComment(t: string, i: number, to: number): number {
	const c = t.charCodeAt(i);
	const n = t.charCodeAt(i + 1);
	if (c === 35 || (c === 47 && n === 47)) {
		while (i < to && !isLineBreak(t.charCodeAt(i))) i++;
		return i;
	}
	if (c === 47 && n === 42) {
		const e = t.indexOf('*/', i + 2);
		return e < 0 || e + 2 > to ? to : e + 2;
	}
	return i;
}

/**
 * Where the list is: inside the outermost { } (then it is a C-style array) or [ ] around the first
 * 0x item, so `unsigned char buf[] = { ... };` or `bytes([0x81, ...])` read only the items. Brackets
 * that close before the first item, like the "[]" in "buf[]", do not count.
 */
export function findList(t: string, firstOx: number): { from: number; to: number; braces: boolean; closed: boolean } {
	// '{' is tried first, as it wins when both enclose the item: Go's "[]byte{...}", C's "buf[] = {...}".
	for (const [open, close] of [
		[123, 125],
		[91, 93]
	]) {
		const opens: number[] = [];
		for (let i = 0; i < firstOx; i++) {
			const c = t.charCodeAt(i);
			if (c === open) opens.push(i);
			else if (c === close) opens.pop();
		}
		if (opens.length === 0) continue;
		const braces = open === 123;
		let depth = opens.length;
		for (let i = firstOx; i < t.length; i++) {
			const c = t.charCodeAt(i);
			if (c === open) depth++;
			else if (c === close && --depth === 0) return { from: opens[0] + 1, to: i, braces, closed: true };
		}
		return { from: opens[0] + 1, to: t.length, braces, closed: false };
	}
	return { from: 0, to: t.length, braces: false, closed: true };
}

/**
 * The list in a paste: around the first 0x item, or else in the first { } that holds one (a comment
 * above the array may mention "0x01"), or else what the first brace holds, or else the whole text.
 */
export function locateList(t: string): ReturnType<typeof findList> {
	const ox = findOx(t, 0, t.length);
	if (ox < 0) {
		const brace = t.indexOf('{') >= 0 ? t.indexOf('{') : t.indexOf('[');
		return findList(t, brace + 1);
	}
	const list = findList(t, ox);
	const later = list.from === 0 ? t.indexOf('{', ox) : -1;
	const ox2 = later >= 0 && !hasOxOutsideComments(t, 0, later) ? findOx(t, later, t.length) : -1;
	return ox2 >= 0 && findList(t, ox2).braces ? findList(t, ox2) : list;
}

function hasOxOutsideComments(t: string, from: number, to: number): boolean {
	for (let i = from; i < to;) {
		const j = skipComment(t, i, to);
		if (j !== i) i = j;
		else if (isOxAt(t, i)) return true;
		else i++;
	}
	return false;
}

/** Skips "(byte)" or "(uint8_t)": Java needs casts for bytes over 0x7f. A lone "(" is punctuation. */
function skipCast(t: string, i: number, to: number): number {
	let k = i + 1;
	while (k < to && t.charCodeAt(k) === 32) k++;
	const c = t.charCodeAt(k);
	if (!isAlnum(c) || c <= 57) return i + 1; // "(0x81)" is a value in parentheses, not a cast
	while (k < to && (isAlnum(t.charCodeAt(k)) || t.charCodeAt(k) === 32 || t.charCodeAt(k) === 42)) k++;
	return t.charCodeAt(k) === 41 ? k + 1 : i + 1;
}

/** Skips an integer suffix after a 0x item: C's u, l, ul, ull; Rust's u8 or i8. */
function skipSuffix(t: string, k: number, to: number): number {
	const c = t.charCodeAt(k);
	if ((c === 117 || c === 105) && t.charCodeAt(k + 1) === 56 && !isAlnum(t.charCodeAt(k + 2))) return k + 2;
	while (k < to && ((t.charCodeAt(k) | 32) === 117 || (t.charCodeAt(k) | 32) === 108)) k++;
	return k;
}

function isListPunct(c: number): boolean {
	// , ; { } [ ] ) : brackets left inside the list region are nesting, not data
	return isSpace(c) || c === 44 || c === 59 || c === 123 || c === 125 || c === 91 || c === 93 || c === 41;
}

/** Reads text[from, to) as 0x items, one byte each ("0x5" is 05). A lone long item is a hex string. */
export function scanOxList(ctx: Ctx, from: number, to: number): void {
	const t = ctx.text;
	let items = 0;
	for (let i = from; i < to;) {
		const c = t.charCodeAt(i);
		if (c === 48 && (t.charCodeAt(i + 1) | 32) === 120) {
			let k = i + 2;
			while (k < to && hexVal(t.charCodeAt(k)) >= 0) k++;
			const digits = k - i - 2;
			if (digits === 0 || digits > 2) {
				// "0x818537fa" on its own is one hex string (Ethereum tools, Python's hex()), not a list.
				if (digits > 2 && items === 0 && restIsBlank(t, k, to)) return scanHex(ctx, i + 2, k);
				if (digits === 0) ctx.fail('bad-char', i, i + 2, { kind: '0x-without-digit', token: t.slice(i, i + 2) });
				ctx.fail('item-too-long', i, k, { token: excerpt(t, i, k, 12), digits });
			}
			const lo = hexVal(t.charCodeAt(k - 1));
			ctx.out.push(digits === 1 ? lo : hexVal(t.charCodeAt(i + 2)) * 16 + lo);
			items++;
			i = skipSuffix(t, k, to);
			if (i < to && !isListPunct(t.charCodeAt(i)) && skipComment(t, i, to) === i) ctx.failChar(i, 'after-0x-item');
		} else if (isListPunct(c)) i++;
		else if (c === 40) i = skipCast(t, i, to);
		else if (skipComment(t, i, to) !== i) i = skipComment(t, i, to);
		else if (isAlnum(c)) {
			let k = i;
			while (k < to && isAlnum(t.charCodeAt(k))) k++;
			const token = excerpt(t, i, k, 20);
			if (c <= 57 || (k - i <= 2 && hexVal(c) >= 0 && hexVal(t.charCodeAt(k - 1)) >= 0))
				ctx.fail('missing-0x', i, k, { token, example: `0x${k - i <= 2 ? token : '81'}` });
			ctx.fail('bad-char', i, k, { kind: 'word-in-0x-list', token });
		} else ctx.failChar(i, 'in-0x-list');
	}
}

function restIsBlank(t: string, i: number, to: number): boolean {
	for (; i < to; i++) if (!isListPunct(t.charCodeAt(i))) return false;
	return true;
}
