/**
 * The streams of a pasted HTTP/2 stream, once every frame is read (./http2): what each one's first
 * header block asks for (RFC 7540 §8.1.2.3, RFC 8441 §4), what a server engine answers it, and the
 * WebSocket inside a stream's DATA (RFC 8441 §5), read by the page's WebSocket analysis (the engine's
 * one Reader) with each WebSocket frame mapped to the DATA frames that carry it.
 */
import { concat } from '$lib/protocol';
import { WebSocketOverHttp2 } from '$lib/protocol/http2/websocket';
import { analyzeStream } from './analyze';
import type { H2Carried, H2FrameInfo, H2Request, H2Side, H2Stream, H2Verdict } from './http2-types';
import type { DeflateChoice } from './types';

/** A stream as the reading left it. */
export interface StreamDraft {
	readonly id: number;
	readonly frames: number[];
	request: H2Request | null;
	status: string | null;
	/** Its DATA in order: which frame, where in the tunnel and in the input, the octets (padding aside). */
	readonly chunks: {
		readonly frame: number;
		readonly tunnelStart: number;
		readonly inputStart: number;
		readonly data: Uint8Array;
	}[];
	dataLength: number;
	endStream: boolean;
	reset: H2Stream['reset'];
}

/** A stream once everything is read: its WebSocket, if its DATA carries one, mapped to the DATA frames. */
export function finishStream(
	s: StreamDraft,
	state: H2Stream['state'],
	verdict: H2Verdict | null,
	side: H2Side,
	options: { readonly deflate?: DeflateChoice; readonly maxFrames?: number },
	frames: { -readonly [K in keyof H2FrameInfo]: H2FrameInfo[K] }[]
): H2Stream {
	// RFC 8441 §5: after the extended CONNECT and its 200, the stream's DATA is the WebSocket's bytes.
	const tunnel = side === 'client' ? s.request?.kind === 'websocket' : s.status === '200';
	let websocket: H2Stream['websocket'] = null;
	const carriedBy: number[][] = [];
	if (tunnel && s.dataLength > 0) {
		websocket = analyzeStream(concat(s.chunks.map((c) => c.data)), {
			role: side,
			heads: 'none',
			senderKnown: true,
			deflate: options.deflate ?? 'auto',
			...(options.maxFrames !== undefined ? { maxFrames: options.maxFrames } : {})
		});
		const carries = new Map<number, H2Carried[]>();
		for (const w of websocket.frames) {
			const start = w.offset;
			const end = w.offset + w.wire.length;
			const pieces = s.chunks.filter((c) => c.tunnelStart < end && start < c.tunnelStart + c.data.length);
			carriedBy.push(pieces.map((c) => c.frame));
			pieces.forEach((c, i) => {
				const list = carries.get(c.frame) ?? [];
				const from = Math.max(start, c.tunnelStart);
				list.push({
					stream: s.id,
					wsFrame: w.index,
					start: from,
					end: Math.min(end, c.tunnelStart + c.data.length),
					at: c.inputStart + from - c.tunnelStart,
					from: i > 0 ? pieces[i - 1].frame : null,
					next: i + 1 < pieces.length ? pieces[i + 1].frame : null,
					last: i === pieces.length - 1
				});
				carries.set(c.frame, list);
			});
		}
		for (const c of s.chunks) frames[c.frame].carries = carries.get(c.frame) ?? [];
	}
	return {
		id: s.id,
		frames: s.frames,
		state,
		request: s.request,
		verdict,
		status: s.status,
		tunnel,
		dataLength: s.dataLength,
		endStream: s.endStream,
		reset: s.reset,
		websocket,
		carriedBy
	};
}

/** What a request's pseudo-header fields ask for (RFC 7540 §8.1.2.3, §8.3; RFC 8441 §4). */
export function requestOf(headers: readonly (readonly [string, string])[]): H2Request | null {
	const get = (name: string) => headers.find(([n]) => n === name)?.[1] ?? null;
	const method = get(':method');
	if (method === null && get(':status') !== null) return null;
	const protocol = get(':protocol');
	const kind =
		method !== 'CONNECT'
			? 'request'
			: protocol === null
				? 'connect'
				: protocol === 'websocket'
					? 'websocket'
					: 'extended';
	return { kind, method, protocol, scheme: get(':scheme'), authority: get(':authority'), path: get(':path') };
}

/**
 * What a server engine answers each stream's request: our WebSocket-over-HTTP/2 server (websocket.ts)
 * is handed the same bytes and its verdicts are kept (200 and a WebSocket, or the refusal and why).
 * Its HTTP/2 verdicts are not: it would judge flow control against windows the paste cannot show.
 */
export function connectVerdicts(bytes: Uint8Array): Map<number, H2Verdict> {
	const out = new Map<number, H2Verdict>();
	try {
		const server = new WebSocketOverHttp2({ role: 'server' });
		for (const e of server.receive(bytes))
			if (e.type === 'connect-request') out.set(e.request.stream, { ok: true, status: 200, rfc: e.rfc });
			else if (e.type === 'connect-refused')
				out.set(e.stream, { ok: false, status: e.status, problem: e.problem, rfc: e.rfc });
	} catch {
		// The verdict adds to the reading; a failure there must not take the reading with it.
	}
	return out;
}
