/**
 * Shared types for reading pasted bytes. They live here (not in parse.ts) so the per-format scanners
 * can use them without importing the module that imports them; parse.ts re-exports them as the API.
 *
 * An issue is facts only: a stable code, the span, and typed parameters (the character found, the
 * token, the counts). Its sentences, in English and Korean, are in src/lib/i18n/parse.ts, keyed by
 * the code (and, where one code covers several situations, by `kind`).
 */

export const INPUT_FORMATS = ['hex', 'hex-0x', 'c-array', 'escape-x', 'xxd', 'wireshark', 'base64'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export type FormatChoice = 'auto' | InputFormat;

/** The two offset dumps: xxd, and Wireshark's hex dump (which also covers hexdump -C and od). */
export type DumpKind = 'xxd' | 'wireshark';

/**
 * A character of the paste, as data: its text (a whole surrogate pair when it is one, a lone
 * surrogate otherwise) and its code point, so a page can name invisible or look-alike characters.
 */
export interface FoundChar {
	readonly text: string;
	readonly codePoint: number;
}

export type NoParams = Readonly<Record<string, never>>;

/**
 * A token copied from the paste (a word, an item, a line), cut to a few dozen characters; a cut
 * one ends in "…".
 */
export type Excerpt = string;

/**
 * Where a lone character was found that does not belong there, which says what was expected instead:
 * 'not-hex' in plain hex; 'after-0x-item' right after an item of a 0x list; 'in-0x-list' elsewhere in
 * a 0x list; 'half-character' a lone surrogate in a string literal; 'between-literals' between string
 * literals; 'outside-quotes' outside quotes, where only escapes are read.
 */
export type CharPlace =
	'not-hex' | 'after-0x-item' | 'in-0x-list' | 'half-character' | 'between-literals' | 'outside-quotes';

/** 'bad-char': a character, or a token, that the format being read has no place for. */
export type BadCharParams =
	| { readonly kind: CharPlace; readonly char: FoundChar }
	/** Not a hex digit, among the bytes of a dump line. */
	| { readonly kind: 'in-dump-line'; readonly char: FoundChar; readonly dump: DumpKind }
	/** "0x" with no hex digit after it. */
	| { readonly kind: '0x-without-digit'; readonly token: Excerpt }
	/** A word in a 0x list that is no item ("abc", "zz"). */
	| { readonly kind: 'word-in-0x-list'; readonly token: Excerpt }
	/** All hex digits, but not two of them: a dump token that is not one byte ("8185" in Wireshark). */
	| { readonly kind: 'dump-token-not-byte'; readonly token: Excerpt; readonly dump: DumpKind };

/** 'bad-escape': a backslash that starts no escape this reader knows. */
export type BadEscapeParams =
	/** The text ends right after the backslash. */
	| { readonly kind: 'at-end' }
	/** "\x" with no hex digit after it. */
	| { readonly kind: 'x-without-digit' }
	/** An octal escape over \377, such as "\400". */
	| { readonly kind: 'octal-too-big'; readonly token: Excerpt }
	/** The character after the backslash makes no escape ("\q"). */
	| { readonly kind: 'unknown'; readonly char: FoundChar };

/** 'bad-base64': text chosen (or detected) as base64 that is not. */
export type BadBase64Params =
	/** A base64 character after the "=" padding. */
	| { readonly kind: 'after-padding'; readonly char: FoundChar }
	/** A character outside both base64 alphabets. */
	| { readonly kind: 'not-base64'; readonly char: FoundChar }
	/** A third "=". */
	| { readonly kind: 'too-much-padding' }
	/** "=" padding and no base64 character before it. */
	| { readonly kind: 'padding-without-data' }
	/** `count` base64 characters, one more than a multiple of 4: the last, `char`, makes no byte. */
	| { readonly kind: 'left-over'; readonly char: string; readonly count: number }
	/** After `count` base64 characters, `expected` "=" belong at the end (0, 1 or 2), not these. */
	| { readonly kind: 'padding-misfit'; readonly count: number; readonly expected: number };

/** The errors: reading stops at the first one. */
export interface ParseErrorParams {
	/** Nothing but whitespace. */
	readonly empty: NoParams;
	/** Read without a problem, but no byte came of it (`""`, `{ }`), read as `format`. */
	readonly 'no-bytes': { readonly format: InputFormat };
	readonly 'bad-char': BadCharParams;
	/** A hex digit without a partner; `group` is the length of its run of digits (1: a lone digit). */
	readonly 'odd-digits': { readonly digit: string; readonly group: number };
	/** Hex digits in a 0x list without their "0x"; `example` is how the item should look. */
	readonly 'missing-0x': { readonly token: Excerpt; readonly example: string };
	/** A 0x item with more than two hex digits (`digits` of them). */
	readonly 'item-too-long': { readonly token: Excerpt; readonly digits: number };
	readonly 'bad-escape': BadEscapeParams;
	/**
	 * A string literal opened with `quote` and not closed: before the end of its line, or (a
	 * backtick, whose strings may span lines) before the end of the text.
	 */
	readonly 'unterminated-string': { readonly quote: string; readonly until: 'line' | 'text' };
	/** A dump line without an offset; `example` is an offset as the dump writes it ("00000010:"). */
	readonly 'not-dump-line': { readonly dump: DumpKind; readonly example: string };
	readonly 'bad-base64': BadBase64Params;
}

/** The warnings: the bytes were read, with something worth knowing. At most one of each code. */
export interface ParseWarningParams {
	/** A title line above a dump ("Frame (74 bytes):"), skipped. */
	readonly 'ignored-line': { readonly text: Excerpt };
	/** Reading stopped where a second dump starts: at a title line, or where the offsets start again. */
	readonly 'second-dump': { readonly kind: 'title'; readonly text: Excerpt } | { readonly kind: 'offsets-restart' };
	/** A dump line holds `bytes` bytes, but the next line's offset says `expected`. */
	readonly 'offset-mismatch': { readonly bytes: number; readonly expected: number };
	/** The `bracket` that opens a 0x list is never closed. */
	readonly 'unclosed-list': { readonly bracket: string };
	/** 0x values after the list closes, not read. */
	readonly 'ignored-text': NoParams;
	/** Non-ASCII characters in a string literal, read as UTF-8; `char` is the first. */
	readonly 'utf8-literal': { readonly char: FoundChar };
	/** The last base64 character, `char`, carries bits that make no byte. */
	readonly 'base64-stray-bits': { readonly char: string };
	/** Node cut a Buffer short: `text` is what it printed ("... 950 more bytes"), `missing` the count. */
	readonly truncated: { readonly missing: number; readonly text: string };
}

export type ParseIssueParams = ParseErrorParams & ParseWarningParams;
export type ParseErrorCode = keyof ParseErrorParams;
export type ParseWarningCode = keyof ParseWarningParams;
export type ParseIssueCode = ParseErrorCode | ParseWarningCode;

/**
 * One located problem, its parameters typed by its code. `start`/`end` are UTF-16 offsets (what a
 * textarea selection uses).
 */
export type ParseIssue = {
	readonly [C in ParseIssueCode]: {
		readonly code: C;
		readonly params: ParseIssueParams[C];
		readonly start: number;
		readonly end: number;
		/** 1-based; the column counts characters (code points), so an emoji before the spot counts once. */
		readonly line: number;
		readonly column: number;
	};
}[ParseIssueCode];

/** The issue of one code, with its parameters narrowed. */
export type ParseIssueOf<C extends ParseIssueCode> = Extract<ParseIssue, { code: C }>;

export type ParseResult =
	| {
			ok: true;
			/** A fresh buffer of its own (ArrayBuffer-backed, so it can go straight to Blob or send). */
			bytes: Uint8Array<ArrayBuffer>;
			format: InputFormat;
			warnings: ParseIssueOf<ParseWarningCode>[];
	  }
	| {
			ok: false;
			format: InputFormat | null;
			/** The first problem, located. */
			error: ParseIssueOf<ParseErrorCode>;
			/** What was read before the problem, when anything was (lets the page show partial work). */
			bytesBeforeError?: Uint8Array<ArrayBuffer>;
	  };
