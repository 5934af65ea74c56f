/**
 * From pasted text to an analysis: the input parser ($lib/hex) then the stream analysis. A text
 * that cannot be read to the end still shows the bytes read before the problem, so a typo in the
 * middle of a long paste never blanks the page.
 */
import { parseInput, type FormatChoice, type ParseResult } from '$lib/hex';
import { analyzeStream } from './analyze';
import type { AnalyzeOptions, RoleChoice, StreamAnalysis } from './types';

export interface DecodeRequest {
	readonly text: string;
	readonly format: FormatChoice;
	readonly role: RoleChoice;
	/** Everything else analyzeStream takes (maxFrames...). Must be structured-cloneable for the worker. */
	readonly options?: Omit<AnalyzeOptions, 'role' | 'codec'>;
}

export interface DecodeOutcome {
	/** What was asked, without the text (which can be megabytes: the caller has it). */
	readonly request: Omit<DecodeRequest, 'text'> & { readonly textLength: number };
	readonly parse: ParseResult;
	/** null when not a single byte could be read. */
	readonly analysis: StreamAnalysis | null;
	/** The analysis covers only the bytes read before a parse error. */
	readonly partial: boolean;
	/** Time spent parsing and analysing, in milliseconds. */
	readonly ms: number;
}

export function decodeInput(request: DecodeRequest): DecodeOutcome {
	const started = now();
	const parse = parseInput(request.text, request.format);
	const bytes = parse.ok ? parse.bytes : parse.bytesBeforeError;
	const analysis = bytes && bytes.length > 0 ? analyzeStream(bytes, { ...request.options, role: request.role }) : null;
	const { text, ...rest } = request;
	return { request: { ...rest, textLength: text.length }, parse, analysis, partial: !parse.ok && analysis !== null, ms: now() - started };
}

function now(): number {
	return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
