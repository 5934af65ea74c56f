/**
 * Reading bytes that people paste into /decode: from Wireshark, proxies, logs, test failures, C code.
 *
 * Auto-detection is a fixed order of checks, first match wins, so a given text always reads the same
 * way and the page can say why:
 *   1. nothing but whitespace                        -> error 'empty'
 *   2. first line "0000abcd: 8185 ..."               -> xxd
 *   3. first line "0000   81 85 ..." with offset 0,
 *      an ASCII column, or a next line whose offset
 *      follows on (titles like "Frame (74 bytes):"
 *      above it are allowed)                         -> wireshark (also hexdump -C, od -A x -t x1z)
 *   4. a "\x" followed by a hex digit anywhere       -> escape-x
 *   5. a "0x" followed by a hex digit                -> c-array if a { } holds the 0x items, else hex-0x
 *   6. only hex digits and separators (whitespace,
 *      ":", "-", ","), optionally in one pair of
 *      quotes or Node's "<Buffer 81 85 ...>"         -> hex
 *   7. valid base64 that does not look like mistyped
 *      hex (see scanBase64)                          -> base64
 *   8. anything else                                 -> hex, which reports the first non-hex character
 * Dumps come first because their ASCII column may contain "\x" or "0x" as text; step 6 comes before 7
 * because "deadbeef" is both, and hex is what people paste here.
 *
 * Issue codes: empty, no-bytes, bad-char, odd-digits, missing-0x, item-too-long, bad-escape,
 * unterminated-string, not-dump-line, bad-base64 (errors); ignored-line, second-dump, offset-mismatch,
 * unclosed-list, ignored-text, utf8-literal, base64-stray-bits, truncated (warnings, at most one of each).
 * Each carries typed parameters (types.ts); the sentences, in English and Korean, and the formats'
 * names are in src/lib/i18n/parse.ts.
 *
 * Never throws for any string. Time is linear: a fixed number of charCodeAt or indexOf passes, never a
 * regex per byte (1 MiB pasted as 3 MB of spaced hex reads in tens of milliseconds).
 */
import { scanBase64 } from './base64';
import { findOx, locateList, scanOxList } from './code';
import { findEscX, scanEscapes } from './escapes';
import { detectDump, scanDump } from './dumps';
import { isHexSep, scanHex } from './plain';
import { Ctx, Fail, hexVal, isSpace } from './scan';
import { INPUT_FORMATS, type FormatChoice, type InputFormat, type ParseResult } from './types';

/** Offsets of the first and past the last non-space character: [n, n] when there is nothing. */
function trim(t: string): [number, number] {
	let a = 0;
	let b = t.length;
	while (a < b && isSpace(t.charCodeAt(a))) a++;
	while (b > a && isSpace(t.charCodeAt(b - 1))) b--;
	return [a, b];
}

/**
 * Where hex or base64 sits in the trimmed paste: inside one pair of matching quotes around all of it
 * (copied from JSON or a log), or inside Node's "<Buffer 81 85 ...>" (a Buffer in console.log output
 * and test failures). Node cuts long Buffers off with "... 950 more bytes", which deserves a warning.
 */
function region(ctx: Ctx, [a, b]: [number, number]): [number, number] {
	const t = ctx.text;
	const q = t.charCodeAt(a);
	if (b - a >= 2 && (q === 34 || q === 39 || q === 96) && t.charCodeAt(b - 1) === q) return [a + 1, b - 1];
	if (!t.startsWith('<Buffer', a) || t.charCodeAt(b - 1) !== 62) return [a, b];
	const tail = /\s*\.\.\. (\d+) more bytes?$/.exec(t.slice(Math.max(a + 7, b - 40), b - 1));
	if (!tail) return [a + 7, b - 1];
	const cut = b - 1 - tail[0].length;
	ctx.warn('truncated', cut, b - 1, { missing: Number(tail[1]), text: tail[0].trim() });
	return [a + 7, cut];
}

function onlyHex(t: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) {
		const c = t.charCodeAt(i);
		if (hexVal(c) < 0 && !isHexSep(c)) return false;
	}
	return true;
}

/** Steps 2-5 of the order above; 'hex' stands for steps 6-8, which parseInput settles by reading. */
function detect(t: string, first: number): InputFormat {
	const dump = detectDump(t, first);
	if (dump) return dump;
	if (findEscX(t, 0, t.length) >= 0) return 'escape-x';
	if (findOx(t, 0, t.length) >= 0) return locateList(t).braces ? 'c-array' : 'hex-0x';
	return 'hex';
}

function run(ctx: Ctx, format: InputFormat, trimmed: [number, number]): void {
	const t = ctx.text;
	switch (format) {
		case 'hex':
		case 'base64': {
			const [a, b] = region(ctx, trimmed);
			if (format === 'hex') scanHex(ctx, a, b);
			else scanBase64(ctx, a, b, false);
			return;
		}
		case 'hex-0x':
		case 'c-array': {
			const list = locateList(t);
			if (!list.closed) {
				const open = list.from - 1;
				ctx.warn('unclosed-list', open, list.from, { bracket: t[open] });
			}
			scanOxList(ctx, list.from, list.to);
			const more = list.to < t.length ? findOx(t, list.to, t.length) : -1;
			if (more >= 0) ctx.warn('ignored-text', more, more + 2, {});
			return;
		}
		case 'escape-x':
			return scanEscapes(ctx, 0, t.length);
		case 'xxd':
		case 'wireshark':
			return scanDump(ctx, format);
	}
}

/**
 * Reads pasted bytes. `choice` skips detection (an unknown value counts as 'auto'); a wrong choice
 * gives that format's located error, which is what someone who picked the format wants to see.
 */
export function parseInput(text: string, choice: FormatChoice = 'auto'): ParseResult {
	const t = typeof text === 'string' ? text : '';
	let ctx = new Ctx(t);
	let format: InputFormat | null = (INPUT_FORMATS as readonly string[]).includes(choice)
		? (choice as InputFormat)
		: null;
	try {
		const trimmed = trim(t);
		if (trimmed[0] === trimmed[1]) ctx.fail('empty', 0, t.length, {});
		if (format) run(ctx, format, trimmed);
		else if ((format = detect(t, trimmed[0])) !== 'hex') run(ctx, format, trimmed);
		else {
			// Steps 6-8 with one pass on the common path: reading hex succeeds only on hex-only text, so
			// the base64 check runs only after it fails, and not when the text was all hex after all.
			const [a, b] = region(ctx, trimmed);
			try {
				scanHex(ctx, a, b);
			} catch (e) {
				if (!(e instanceof Fail) || onlyHex(t, e.issue.start, b) || !scanBase64(new Ctx(t), a, b, true)) throw e;
				format = 'base64';
				ctx = new Ctx(t);
				scanBase64(ctx, a, b, false);
			}
		}
		if (ctx.out.length === 0) ctx.fail('no-bytes', 0, t.length, { format });
		return { ok: true, bytes: ctx.out.bytes(), format, warnings: ctx.warnings };
	} catch (e) {
		if (!(e instanceof Fail)) throw e;
		return {
			ok: false,
			format,
			error: e.issue,
			...(ctx.out.length > 0 ? { bytesBeforeError: ctx.out.bytes() } : {})
		};
	}
}
