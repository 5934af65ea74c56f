/**
 * From pasted text to an analysis: the input parser ($lib/hex) then the stream analysis. A text
 * that cannot be read to the end still shows the bytes read before the problem, so a typo in the
 * middle of a long paste never blanks the page.
 */
import { parseInput, type FormatChoice, type ParseResult } from '$lib/hex';
import { ZlibNotLoaded } from '$lib/protocol';
import { analyzeStream } from './analyze';
import type { AnalyzeOptions, DeflateChoice, RoleChoice, StreamAnalysis } from './types';

export interface DecodeRequest {
	readonly text: string;
	readonly format: FormatChoice;
	readonly role: RoleChoice;
	/** permessage-deflate: as data, because the request crosses to the worker (a codec cannot). */
	readonly deflate?: DeflateChoice;
	/** Everything else analyzeStream takes (maxFrames...); structured-cloneable for the same reason. */
	readonly options?: Omit<AnalyzeOptions, 'role' | 'codec' | 'deflate'>;
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
	/** Set when the analysis threw: a bug, shown as such, with the input kept (never a blank page). */
	readonly failure?: string;
}

export function decodeInput(request: DecodeRequest): DecodeOutcome {
	const started = now();
	const parse = parseInput(request.text, request.format);
	const bytes = parse.ok ? parse.bytes : parse.bytesBeforeError;
	let analysis: StreamAnalysis | null = null;
	let failure: string | undefined;
	try {
		if (bytes && bytes.length > 0)
			analysis = analyzeStream(bytes, { ...request.options, role: request.role, deflate: request.deflate ?? 'auto' });
	} catch (error) {
		// Not a failure: the page loads the DEFLATE code and asks again (src/lib/zlib-loader).
		if (error instanceof ZlibNotLoaded) throw error;
		failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	}
	const { text, ...rest } = request;
	return {
		request: { ...rest, textLength: text.length },
		parse,
		analysis,
		partial: !parse.ok && analysis !== null,
		ms: now() - started,
		...(failure !== undefined ? { failure } : {})
	};
}

function now(): number {
	return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** What decodeInput throws when a message needs the DEFLATE code first (the caller loads it). */
export { ZlibNotLoaded };
