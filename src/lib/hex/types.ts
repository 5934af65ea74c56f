/**
 * Shared types for reading pasted bytes. They live here (not in parse.ts) so the per-format scanners
 * can use them without importing the module that imports them; parse.ts re-exports them as the API.
 */

export type InputFormat = 'hex' | 'hex-0x' | 'c-array' | 'escape-x' | 'xxd' | 'wireshark' | 'base64';
export type FormatChoice = 'auto' | InputFormat;

/** One located problem. `start`/`end` are UTF-16 offsets (what a textarea selection uses). */
export interface ParseIssue {
	/** Stable, for tests and for translating: 'empty', 'odd-digits', 'bad-char', ... (see parse.ts). */
	code: string;
	/** One clear English sentence for the page, naming the character and where it is. */
	message: string;
	start: number;
	end: number;
	/** 1-based; the column counts characters (code points), so an emoji before the spot counts once. */
	line: number;
	column: number;
}

export type ParseResult =
	| {
			ok: true;
			/** A fresh buffer of its own (ArrayBuffer-backed, so it can go straight to Blob or send). */
			bytes: Uint8Array<ArrayBuffer>;
			format: InputFormat;
			formatLabel: string;
			warnings: ParseIssue[];
	  }
	| {
			ok: false;
			format: InputFormat | null;
			formatLabel: string;
			/** The first problem, located. */
			error: ParseIssue;
			/** What was read before the problem, when anything was (lets the page show partial work). */
			bytesBeforeError?: Uint8Array<ArrayBuffer>;
	  };
