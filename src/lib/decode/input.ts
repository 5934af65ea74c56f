/**
 * From pasted text to an analysis: the input parser ($lib/hex) then the stream analysis. A text
 * that cannot be read to the end still shows the bytes read before the problem, so a typo in the
 * middle of a long paste never blanks the page. Bytes that start as HTTP/2 does (its preface) are
 * read as HTTP/2 by ./http2, which the caller loads and hands in only when such bytes come.
 */
import { parseInput, type FormatChoice, type ParseResult } from '$lib/hex';
import { ZlibNotLoaded } from '$lib/protocol';
import { analyzeStream } from './analyze';
import type { Http2Analysis } from './http2-types';
import { http2Side } from './http2-sniff';
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
	/** null when not a single byte could be read, or when the bytes are HTTP/2. */
	readonly analysis: StreamAnalysis | null;
	/** The bytes start as HTTP/2 does: read as HTTP/2 frames, with the WebSocket frames inside. */
	readonly http2?: Http2Analysis;
	/** The analysis covers only the bytes read before a parse error. */
	readonly partial: boolean;
	/** Time spent parsing and analysing, in milliseconds. */
	readonly ms: number;
	/** Set when the analysis threw: a bug, shown as such, with the input kept (never a blank page). */
	readonly failure?: string;
}

/** The HTTP/2 reading (./http2's analyzeHttp2), loaded by the caller when it is needed. */
export type Http2Reader = typeof import('./http2').analyzeHttp2;

/** What decodeInput throws when the bytes are HTTP/2 and no HTTP/2 reader was given: load it, ask again. */
export class Http2NotLoaded extends Error {
	constructor() {
		super('The HTTP/2 reader is needed for these bytes.');
		this.name = 'Http2NotLoaded';
	}
}

export function decodeInput(request: DecodeRequest, readHttp2?: Http2Reader): DecodeOutcome {
	const started = now();
	const parse = parseInput(request.text, request.format);
	const bytes = parse.ok ? parse.bytes : parse.bytesBeforeError;
	let analysis: StreamAnalysis | null = null;
	let http2: Http2Analysis | undefined;
	let failure: string | undefined;
	const side = bytes ? http2Side(bytes, request.role) : null;
	if (side && !readHttp2) throw new Http2NotLoaded();
	try {
		if (bytes && side && readHttp2)
			http2 = readHttp2(bytes, {
				side,
				deflate: request.deflate ?? 'auto',
				...(request.options?.maxFrames !== undefined ? { maxFrames: request.options.maxFrames } : {})
			});
		else if (bytes && bytes.length > 0)
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
		...(http2 ? { http2 } : {}),
		partial: !parse.ok && (analysis !== null || http2 !== undefined),
		ms: now() - started,
		...(failure !== undefined ? { failure } : {})
	};
}

function now(): number {
	return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** What decodeInput throws when a message needs the DEFLATE code first (the caller loads it). */
export { ZlibNotLoaded };
