/**
 * The toolkit every format scanner shares: character classes, a growable byte buffer, and a context
 * that turns offsets into located issues. Scanners walk the text with charCodeAt and never run a regex
 * per byte, so a few megabytes of pasted hex stay in the millisecond range.
 */
import type {
	CharPlace,
	Excerpt,
	FoundChar,
	ParseErrorCode,
	ParseIssueCode,
	ParseIssueOf,
	ParseIssueParams,
	ParseWarningCode
} from './types';

/** Value of a hex digit, or -1. A table beats branching in the hot loops. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[65 + i] = HEX[97 + i] = 10 + i;

export function hexVal(c: number): number {
	return c < 128 ? HEX[c] : -1;
}

export function isLineBreak(c: number): boolean {
	return c === 10 || c === 13;
}

/**
 * Whitespace as people paste it: ASCII spaces plus the Unicode spaces that web pages, chat apps and
 * word processors slip in (no-break space, thin spaces, zero-width space, byte-order mark). Treating
 * them as separators beats reporting an invisible character.
 */
export function isSpace(c: number): boolean {
	// Small enough to inline into the scanners' loops; the rare non-ASCII case is a call.
	return c < 128 ? ASCII_SPACE[c] === 1 : c >= 0xa0 && isWideSpace(c);
}

const ASCII_SPACE = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32]) ASCII_SPACE[c] = 1;

function isWideSpace(c: number): boolean {
	return (
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200d) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x2060 ||
		c === 0x3000 ||
		c === 0xfeff
	);
}

export function isAlnum(c: number): boolean {
	return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
}

const EMPTY = new Uint8Array(0);

/**
 * Growable byte buffer: pasted input can be megabytes, so no number[] and no per-byte allocation.
 * Hot loops may `reserve` room, write `buf` directly and set `length` (before anything can throw).
 */
export class ByteSink {
	// Starts empty and grows to 64 bytes first: V8 keeps typed arrays that small on its heap, which is
	// much cheaper than a separate backing store for the many short pastes (and fuzz cases).
	buf: Uint8Array<ArrayBuffer> = EMPTY;
	length = 0;
	reserve(extra: number): Uint8Array<ArrayBuffer> {
		if (this.length + extra > this.buf.length) {
			const bigger = new Uint8Array(Math.max(64, this.buf.length * 2, this.length + extra));
			bigger.set(this.buf.subarray(0, this.length));
			this.buf = bigger;
		}
		return this.buf;
	}
	push(b: number): void {
		if (this.length === this.buf.length) this.reserve(1);
		this.buf[this.length++] = b;
	}
	bytes(): Uint8Array<ArrayBuffer> {
		return this.buf.slice(0, this.length);
	}
}

/** Thrown by scanners and caught only by parseInput, which turns it into `{ ok: false }`. */
export class Fail {
	constructor(readonly issue: ParseIssueOf<ParseErrorCode>) {}
}

/** The character at i as data: a whole surrogate pair when one starts there. */
export function foundChar(text: string, i: number): FoundChar {
	const c = text.charCodeAt(i);
	if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
		const d = text.charCodeAt(i + 1);
		if (d >= 0xdc00 && d <= 0xdfff)
			return { text: text.slice(i, i + 2), codePoint: (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000 };
	}
	return { text: text[i], codePoint: c };
}

/** text[start, end) for an issue's parameters, cut to `max` characters and then marked with "…". */
export function excerpt(text: string, start: number, end: number, max: number): Excerpt {
	return end - start > max ? text.slice(start, start + max) + '…' : text.slice(start, end);
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Parsing state shared by the scanners of one parseInput call. */
export class Ctx {
	readonly out = new ByteSink();
	readonly warnings: ParseIssueOf<ParseWarningCode>[] = [];
	// where() resumes from its previous answer, so the usual forward-moving calls cost one pass in all.
	private seen = 0;
	private line = 1;
	private lineStart = 0;

	constructor(readonly text: string) {}

	/** Line and column of an offset, found by counting (no table: most parses never need one). */
	where(offset: number): { line: number; column: number } {
		const t = this.text;
		const back = offset < this.seen;
		let line = back ? 1 : this.line;
		let start = back ? 0 : this.lineStart;
		for (let i = back ? 0 : this.seen; i < offset; i++) {
			const c = t.charCodeAt(i);
			// "\r\n" is one break (counted at the "\n"); a lone "\r" is an old-Mac break.
			if (c === 10 || (c === 13 && t.charCodeAt(i + 1) !== 10)) {
				line++;
				start = i + 1;
			}
		}
		this.seen = offset;
		this.line = line;
		this.lineStart = start;
		// Columns count code points: an emoji is one character to the reader, two UTF-16 units to JS.
		const pairs = t.slice(start, offset).match(SURROGATE_PAIR);
		return { line, column: offset - start + 1 - (pairs ? pairs.length : 0) };
	}

	issue<C extends ParseIssueCode>(code: C, start: number, end: number, params: ParseIssueParams[C]): ParseIssueOf<C> {
		const len = this.text.length;
		start = Math.max(0, Math.min(start, len));
		end = Math.max(start, Math.min(end, len));
		return { code, params, start, end, ...this.where(start) } as ParseIssueOf<C>;
	}

	fail<C extends ParseErrorCode>(code: C, start: number, end: number, params: ParseIssueParams[C]): never {
		throw new Fail(this.issue(code, start, end, params));
	}

	/**
	 * At most one warning per code: the first one is located, repeats would only crowd the page. A
	 * params function is only called for that first one (dumps may mismatch on every line).
	 */
	warn<C extends ParseWarningCode>(
		code: C,
		start: number,
		end: number,
		params: ParseIssueParams[C] | (() => ParseIssueParams[C])
	): void {
		if (this.warnings.some((w) => w.code === code)) return;
		const p = typeof params === 'function' ? (params as () => ParseIssueParams[C])() : params;
		this.warnings.push(this.issue(code, start, end, p));
	}

	/** The usual "this character does not belong here" failure, spanning a whole surrogate pair. */
	failChar(i: number, kind: CharPlace): never {
		const char = foundChar(this.text, i);
		return this.fail('bad-char', i, i + char.text.length, { kind, char });
	}
}
