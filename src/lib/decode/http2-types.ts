/**
 * What the decoder page knows about a pasted HTTP/2 byte stream (one direction of a connection), as
 * plain data: the preface, every frame as the engine describes it (annotate.ts: every octet in one
 * field), each header block decoded, each stream with the WebSocket inside its DATA (RFC 8441) read
 * by the page's WebSocket analysis, and every problem with its HTTP/2 error code, connection or
 * stream (RFC 7540 §5.4). Plain objects and Uint8Array views only, so it crosses a worker boundary.
 */
import type { RfcSection } from '$lib/protocol';
import type { Http2Field, Http2FrameView } from '$lib/protocol/http2/annotate';
import type { ErrorCodeName, Http2Problem } from '$lib/protocol/http2/frames';
import type { HpackProblem, HpackRepresentation } from '$lib/protocol/http2/hpack';
import type { StreamState } from '$lib/protocol/http2/streams';
import type { ConnectProblem } from '$lib/protocol/http2/websocket';
import type { StreamAnalysis } from './types';

/** Whose bytes: a client's (they start with the preface) or a server's (they start with SETTINGS). */
export type H2Side = 'client' | 'server';

/** One field of a frame (frame-relative octets, as annotate.ts places them) and the section defining it. */
export interface H2FieldInfo extends Http2Field {
	readonly rfc: RfcSection;
	/** An HPACK representation a frame boundary cuts: some of its octets are in the frame before, or after. */
	readonly cut?: { readonly before: boolean; readonly after: boolean };
}

/** One representation of a header block (RFC 7541 §6), with the field it gave and its octets. */
export interface H2HeaderRow {
	readonly kind: HpackRepresentation['kind'];
	/** The table index used (the field's, or its name's), or null for a new name. */
	readonly index: number | null;
	/** Which table that index is in: 1 to 61 the static one, above it the dynamic one (RFC 7541 §2.3.3). */
	readonly table: 'static' | 'dynamic' | null;
	readonly name: string | null;
	readonly value: string | null;
	/** For a dynamic table size update (§6.3). */
	readonly size?: number;
	readonly octets: Uint8Array;
	/** The frames holding its octets (two when a CONTINUATION cuts it). */
	readonly frames: readonly number[];
	readonly rfc: RfcSection;
}

/** A whole header block (END_HEADERS came): HEADERS and any CONTINUATION frames (RFC 7540 §6.10), decoded as one (§4.3). */
export interface H2Block {
	readonly stream: number;
	readonly frames: readonly number[];
	readonly rows: readonly H2HeaderRow[];
	readonly endStream: boolean;
	/** The decoder's dynamic table after the block, newest first (RFC 7541 §2.3.2, §4.1). */
	readonly table: {
		readonly entries: readonly (readonly [string, string])[];
		readonly size: number;
		readonly max: number;
	} | null;
	readonly hpackProblem?: HpackProblem;
}

/** Octets of one WebSocket frame in one DATA frame. */
export interface H2Carried {
	readonly stream: number;
	/** Index of the WebSocket frame in its stream's analysis. */
	readonly wsFrame: number;
	/** Where they are in the stream's tunnel (its DATA joined): [start, end). */
	readonly start: number;
	readonly end: number;
	/** Input offset of the first of these octets. */
	readonly at: number;
	/** The DATA frames before and after that hold the rest of this WebSocket frame (indices), if any. */
	readonly from: number | null;
	readonly next: number | null;
	/** The WebSocket frame's last octet in the input is here: the receiver has it whole at this frame. */
	readonly last: boolean;
}

export interface H2FrameInfo {
	readonly index: number;
	/** Offset of its first octet in the input. */
	readonly offset: number;
	/** Octets it takes whole (9 + length), and how many the input holds. */
	readonly size: number;
	readonly have: number;
	/** The engine's description (for a frame cut short, of what there is). */
	readonly view: Http2FrameView;
	readonly fields: readonly H2FieldInfo[];
	/** Where its type is defined (RFC 7540 §6.x; §4.1 for a type the receiver ignores). */
	readonly rfc: RfcSection;
	/** Index into Http2Analysis.problems of what is wrong with it. */
	readonly problem: number | null;
	/** For a frame on a stream: the stream's state before and after it (RFC 7540 §5.1). */
	readonly state?: { readonly before: StreamState; readonly after: StreamState };
	readonly block?: H2Block;
	/** For DATA on a WebSocket stream: the WebSocket frames (or parts of them) it carries. */
	readonly carries?: readonly H2Carried[];
}

/** A problem, placed: the engine's Http2Problem, its frame and the octets it is about. */
export interface H2Problem {
	readonly problem: Http2Problem;
	/** null: in the preface. */
	readonly frame: number | null;
	readonly start: number;
	readonly end: number;
	/** A connection error: the octets after it that the receiver never reads (it sends GOAWAY). */
	readonly unread?: number;
}

/** What a stream's first header block asks for (RFC 7540 §8.1.2.3, RFC 8441 §4). */
export interface H2Request {
	/** websocket: an extended CONNECT for a WebSocket; extended: for another protocol; connect: a plain CONNECT (§8.3). */
	readonly kind: 'websocket' | 'extended' | 'connect' | 'request';
	readonly method: string | null;
	readonly protocol: string | null;
	readonly scheme: string | null;
	readonly authority: string | null;
	readonly path: string | null;
}

/** What a server engine (websocket.ts) answers the request: 200 and a WebSocket, or a refusal and why. */
export type H2Verdict =
	| { readonly ok: true; readonly status: 200; readonly rfc: RfcSection }
	| {
			readonly ok: false;
			/** The status it answers, or null when it resets the stream instead (a malformed request). */
			readonly status: number | null;
			readonly problem: ConnectProblem;
			readonly rfc: RfcSection;
	  };

export interface H2Stream {
	readonly id: number;
	readonly frames: readonly number[];
	/** Its state once every frame is read (RFC 7540 §5.1), from the receiver's side. */
	readonly state: StreamState;
	/** Client side: the request its first header block makes. */
	readonly request: H2Request | null;
	readonly verdict: H2Verdict | null;
	/** Server side: the :status its first header block answers. */
	readonly status: string | null;
	/** Its DATA is read as WebSocket frames (an extended CONNECT for websocket, or its 200). */
	readonly tunnel: boolean;
	/** DATA octets (padding aside) on it. */
	readonly dataLength: number;
	/** The sender ended its half (END_STREAM: for a tunnel, TCP's FIN, RFC 8441 §5.1). */
	readonly endStream: boolean;
	/** The sender reset it (RST_STREAM: for a tunnel, TCP's RST), with the code. */
	readonly reset: ErrorCodeName | number | null;
	readonly websocket: StreamAnalysis | null;
	/** For each WebSocket frame, the DATA frames holding its octets. */
	readonly carriedBy: readonly (readonly number[])[];
}

export interface Http2Analysis {
	readonly kind: 'http2';
	readonly bytes: Uint8Array;
	readonly side: H2Side;
	/** Client side: the octets where the preface is (or should be); null on the server side. */
	readonly preface: { readonly have: number; readonly ok: boolean; readonly badAt: number | null } | null;
	readonly frames: readonly H2FrameInfo[];
	readonly streams: readonly H2Stream[];
	readonly problems: readonly H2Problem[];
	/** The connection error that ended reading (index into problems), if one did. */
	readonly stopped: number | null;
	/** The input ends inside the preface (frame null) or a frame: how many octets are missing. */
	readonly incomplete: { readonly frame: number | null; readonly missing: number; readonly exact: boolean } | null;
	/** A header block still waiting for CONTINUATION frames at the end of the input (§6.10). */
	readonly pendingBlock: { readonly stream: number; readonly frames: readonly number[] } | null;
	/** More frames than the page reads: the rest is not analysed. */
	readonly capped: { readonly frames: number; readonly unread: number } | null;
	readonly errorCount: number;
	readonly warningCount: number;
	readonly webSocketFrames: number;
	readonly messages: number;
}
