/**
 * Offset dumps: xxd ("00000000: 8185 37fa  ..7.") and Wireshark's "Copy as Hex Dump" / tshark -x
 * ("0000   81 85 37 fa   ..7."), which also covers hexdump -C and od -A x -t x1z.
 *
 * The ASCII column can hold text that looks like hex ("cafe", "ab 12"), so the bytes are found by
 * structure, never by trying to parse the whole line: bytes are tokens separated by single spaces (plus
 * the two-space gap after 8 bytes in Wireshark-style dumps), the ASCII column starts after a wider gap,
 * a line holds at most as many bytes as the offsets step by, and each line's count is checked against
 * the next line's offset.
 */
import { type Ctx, excerpt, foundChar, hexVal } from './scan';
import { loneDigit } from './plain';
import type { DumpKind } from './types';

export type { DumpKind } from './types';

/** Spaces as columns; a tab is as wide as the column gap, so it always ends the byte area. */
function gapAt(t: string, i: number, end: number): number {
	let g = 0;
	for (; i < end; i++) {
		const c = t.charCodeAt(i);
		if (c === 32 || c === 0xa0) g++;
		else if (c === 9) g += 4;
		else break;
	}
	return g;
}

function skipGap(t: string, i: number, end: number): number {
	while (i < end && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 0xa0 || t.charCodeAt(i) === 9)) i++;
	return i;
}

/** The offset that starts a dump line: xxd's "0000a0b0:", Wireshark's "00a0" followed by a space. */
function readOffset(t: string, first: number, e: number, kind: DumpKind, minDigits: number) {
	let i = first;
	let value = 0;
	// At most 13 digits are read: an unbroken hex string must not be scanned to its end here.
	while (i < e && i - first < 13 && hexVal(t.charCodeAt(i)) >= 0) value = value * 16 + hexVal(t.charCodeAt(i++));
	if (i - first < minDigits || i - first > 12) return null;
	if (kind === 'xxd' && t.charCodeAt(i++) !== 58) return null;
	const c = t.charCodeAt(i);
	if (i < e && c !== 32 && c !== 9 && c !== 0xa0) return null;
	return { value, after: i };
}

/**
 * A function giving the end of the line that starts at s (a line ends at "\n" or "\r"). Short lines are
 * scanned by hand; long ones by native indexOf, which is far faster per character but costly per call.
 * Caching the next "\r" keeps text without any "\r" linear. Calls must move forward.
 */
function lineEnds(t: string): (s: number) => number {
	let cr = -2;
	return (s) => {
		const stop = Math.min(t.length, s + 200);
		for (let i = s; i < stop; i++) if (t.charCodeAt(i) === 10 || t.charCodeAt(i) === 13) return i;
		if (stop === t.length) return stop;
		if (cr !== -1 && cr < stop) cr = t.indexOf('\r', stop);
		const lf = t.indexOf('\n', stop);
		const e = lf < 0 ? t.length : lf;
		return cr >= 0 && cr < e ? cr : e;
	};
}

/** Lines like "Frame (74 bytes):" that tshark -x prints above each dump. */
function isTitle(t: string, s: number, e: number): boolean {
	while (e > s && (t.charCodeAt(e - 1) === 32 || t.charCodeAt(e - 1) === 9)) e--;
	return e > s && t.charCodeAt(e - 1) === 58;
}

/** The first dump-looking line (after up to 3 titles) decides; Wireshark needs offsets to agree too. */
export function detectDump(t: string, firstChar: number): DumpKind | null {
	const lineEnd = lineEnds(t);
	let titles = 0;
	// Start at the line of the first non-space character: leading blank lines need no walk.
	for (let s = Math.max(t.lastIndexOf('\n', firstChar), t.lastIndexOf('\r', firstChar)) + 1; s < t.length;) {
		const e = lineEnd(s);
		const first = skipGap(t, s, e);
		if (first < e) {
			const x = readOffset(t, first, e, 'xxd', 4);
			if (x && hexVal(t.charCodeAt(skipGap(t, x.after, e))) >= 0) return 'xxd';
			const w = readOffset(t, first, e, 'wireshark', 4);
			if (w && w.after - first <= 8 && isByte(t, skipGap(t, w.after, e), e)) {
				// "8180 05 48" could be hex someone grouped, so one line alone must start at offset 0 or
				// have an ASCII column; with more lines, the next offset must follow on.
				if (w.value === 0 || (w.value % 16 === 0 && t.slice(w.after, e).trim().includes('   '))) return 'wireshark';
				let n = e + 1;
				while (n < t.length && skipGap(t, n, lineEnd(n)) === lineEnd(n)) n = lineEnd(n) + 1;
				const w2 = n < t.length ? readOffset(t, skipGap(t, n, lineEnd(n)), lineEnd(n), 'wireshark', 4) : null;
				return w2 && w2.value > w.value && w2.value - w.value <= 256 ? 'wireshark' : null;
			}
			if (!isTitle(t, s, e) || ++titles > 3) return null;
		}
		s = e + 1;
	}
	return null;
}

function isByte(t: string, i: number, e: number): boolean {
	const c = t.charCodeAt(i + 2);
	return (
		hexVal(t.charCodeAt(i)) >= 0 &&
		hexVal(t.charCodeAt(i + 1)) >= 0 &&
		(i + 2 >= e || c === 32 || c === 9 || c === 0xa0)
	);
}

interface Row {
	start: number;
	end: number;
	offset: number;
	after: number;
}

export function scanDump(ctx: Ctx, kind: DumpKind): void {
	const t = ctx.text;
	const rows: Row[] = [];
	const lineEnd = lineEnds(t);
	for (let s = 0; s < t.length;) {
		const e = lineEnd(s);
		const next = e + (t.charCodeAt(e) === 13 && t.charCodeAt(e + 1) === 10 ? 2 : 1);
		const first = skipGap(t, s, e);
		if (first === e) {
			s = next;
			continue;
		}
		const off = readOffset(t, first, e, kind, kind === 'xxd' ? 1 : 4);
		if (!off && isTitle(t, s, e)) {
			if (rows.length === 0) {
				ctx.warn('ignored-line', first, e, () => ({ text: excerpt(t, first, e, 40) }));
				s = next;
				continue;
			}
			ctx.warn('second-dump', first, e, () => ({ kind: 'title', text: excerpt(t, first, e, 40) }));
			break;
		}
		if (!off) ctx.fail('not-dump-line', first, e, { dump: kind, example: kind === 'xxd' ? '00000010:' : '0010' });
		if (rows.length > 0 && off.value <= rows[rows.length - 1].offset) {
			ctx.warn('second-dump', first, e, { kind: 'offsets-restart' });
			break;
		}
		rows.push({ start: first, end: e, offset: off.value, after: off.after });
		s = next;
	}
	const step = rows.length > 1 ? rows[1].offset - rows[0].offset : 0;
	const limit = step > 0 && step <= 256 ? step : kind === 'xxd' ? 256 : 16;
	for (let r = 0; r < rows.length; r++) {
		const expected = r + 1 < rows.length ? rows[r + 1].offset - rows[r].offset : undefined;
		const n = readRow(ctx, kind, rows[r], limit, expected);
		if (expected !== undefined && n !== expected)
			ctx.warn('offset-mismatch', rows[r].start, rows[r].end, { bytes: n, expected });
	}
}

/** Reads one line's bytes into ctx.out and returns how many there were. */
function readRow(ctx: Ctx, kind: DumpKind, row: Row, limit: number, expected: number | undefined): number {
	const t = ctx.text;
	const e = row.end;
	let gap = gapAt(t, row.after, e);
	let p = skipGap(t, row.after, e);
	let n = 0;
	for (let first = true; p < e && n < limit; first = false) {
		// xxd separates groups with one space; Wireshark-style dumps bytes with one, or two after every
		// 8th byte (hexdump -C, the Wireshark byte pane). Anything wider is the gap before the ASCII.
		if (!first && !(gap === 1 || (kind === 'wireshark' && gap === 2 && n % 8 === 0))) break;
		let q = p;
		let hex = 0;
		while (q < e && t.charCodeAt(q) !== 32 && t.charCodeAt(q) !== 9 && t.charCodeAt(q) !== 0xa0) {
			if (hexVal(t.charCodeAt(q)) >= 0 && hex === q - p) hex++;
			q++;
		}
		const len = q - p;
		const good = hex === len && (kind === 'xxd' ? len % 2 === 0 : len === 2);
		if (good && n + len / 2 > limit) break; // more than a line holds: the ASCII column looks like hex
		if (!good) {
			// A token that is not bytes is either a typo among the bytes or the start of the ASCII
			// column (when the wide gap was lost, e.g. spaces collapsed by a chat app). It is a typo if
			// this line should hold more bytes, if it is the first token, or if the wide gap comes later.
			const wide = kind === 'xxd' ? '  ' : '   ';
			if (first || (expected !== undefined && n < expected) || t.slice(q, e).includes(wide)) {
				if (hex < len) {
					const char = foundChar(t, p + hex);
					ctx.fail('bad-char', p + hex, p + hex + char.text.length, { kind: 'in-dump-line', char, dump: kind });
				}
				if (len % 2 === 1) loneDigit(ctx, q - 1, len);
				ctx.fail('bad-char', p, q, { kind: 'dump-token-not-byte', token: excerpt(t, p, q, 20), dump: kind });
			}
			break;
		}
		for (let i = p; i < q; i += 2) ctx.out.push(hexVal(t.charCodeAt(i)) * 16 + hexVal(t.charCodeAt(i + 1)));
		n += len / 2;
		gap = gapAt(t, q, e);
		p = skipGap(t, q, e);
	}
	return n;
}
