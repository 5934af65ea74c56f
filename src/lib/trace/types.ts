/**
 * A trace: what happened, step by step, when a client engine and a server engine (both
 * src/lib/protocol) talked over a simulated wire. It is plain data (numbers, strings, arrays,
 * objects), so it can be stored, compared in tests, serialized to JSON and rendered by any view.
 * Views never compute protocol: every byte and every meaning here came from the engine.
 */

import type { Http2FrameView } from '$lib/protocol/http2/annotate';
import type {
	ConnectionState,
	FieldAnnotation,
	HandshakeProblem,
	MaskStep,
	ProtocolError,
	RfcSection
} from '$lib/protocol';

export type Side = 'client' | 'server';
export type Actor = Side | 'wire';

export type StepKind =
	| 'http-request' // the client writes its upgrade request (RFC 6455 §4.1)
	| 'http-response' // the server writes its answer: 101, or a refusal (§4.2.2)
	| 'request-read' // the server read and accepted the request (§4.2.1)
	| 'response-read' // the client read the answer (§4.1)
	| 'accept' // one stage of the Sec-WebSocket-Accept computation (§1.3, §4.2.2)
	| 'state' // a connection state change (open, closed)
	| 'frame-sent' // a frame written to the wire
	| 'frame-received' // a whole frame decoded by the receiver (§5.2)
	| 'mask' // the masking XOR, byte by byte (§5.3)
	| 'fragment-buffered' // a non-final fragment waits in the reassembly buffer (§5.4)
	| 'message' // a complete message delivered to the application (§6.2)
	| 'ping'
	| 'pong'
	| 'close' // a close frame was read (§5.5.1)
	| 'error' // a protocol error, or a failed handshake
	| 'tcp-close' // one side closes the TCP connection (§7.1.1)
	| 'dropped' // bytes written after the peer closed TCP: nobody reads them
	| 'h2-sent' // an HTTP/2 frame (or the preface) written (RFC 7540 §4, RFC 8441)
	| 'h2-received'; // an HTTP/2 frame read, and what the receiving engine made of it

/** Parameters of a step's explanation, for the words in src/lib/i18n/simulate.ts: plain data only. */
export type ParamValue = string | number | boolean | null | HandshakeProblem | ProtocolError;
export type ExplainParams = Readonly<Record<string, ParamValue>>;

/**
 * Every explanation a step can have, as a key into src/lib/i18n/simulate.ts (which must word each
 * one in English and Korean, by type). `out.*`: a side writes something, keyed by the engine's own
 * reason for it (Outgoing.why); `ev.*`: an engine event; `accept.*`, `mask.*`: stages the runner
 * shows of a computation; `tcp.*`, `wire.*`: the transport; `note.*`: a scenario's hand-made bytes.
 */
export type StepKey =
	| 'out.request'
	| 'out.request.deflate'
	| 'out.response'
	| 'out.response.deflate'
	| 'out.reject'
	| 'out.message'
	| 'out.fragmentFirst'
	| 'out.fragmentMiddle'
	| 'out.fragmentLast'
	| 'out.deflate'
	| 'out.deflate.takeover'
	| 'out.ping'
	| 'out.pong'
	| 'out.autopong'
	| 'out.close'
	| 'out.closeAnswer'
	| 'out.fail'
	| 'out.custom'
	| 'note.requestBadKey'
	| 'note.requestVersion'
	| 'note.unmasked'
	| 'note.badUtf8'
	| 'note.longPing'
	| 'ev.request'
	| 'ev.request.deflate'
	| 'ev.response.ok'
	| 'ev.response.deflate'
	| 'ev.response.fail'
	| 'ev.open'
	| 'ev.handshakeFailed'
	| 'ev.frame'
	| 'ev.frame.deflate'
	| 'ev.fragment'
	| 'ev.message'
	| 'ev.message.inflated'
	| 'ev.ping'
	| 'ev.pong'
	| 'ev.closeReceived'
	| 'ev.protocolError'
	| 'ev.closed.clean'
	| 'ev.closed.failed'
	| 'ev.closed.eof'
	| 'accept.concat'
	| 'accept.sha1'
	| 'accept.base64'
	| 'accept.check.ok'
	| 'accept.check.bad'
	| 'mask.byte'
	| 'mask.rest'
	| 'mask.unmask'
	| 'tcp.close.server'
	| 'tcp.close.fail'
	| 'tcp.close.rejected'
	| 'tcp.close.other'
	| 'wire.dropped'
	| 'wire.ignored'
	| 'h2.out.preface'
	| 'h2.out.settings'
	| 'h2.out.settingsAck'
	| 'h2.out.connect'
	| 'h2.out.status'
	| 'h2.out.data'
	| 'h2.out.dataHeld'
	| 'h2.out.endStream'
	| 'h2.out.windowUpdate'
	| 'h2.out.other'
	| 'h2.ev.preface'
	| 'h2.ev.settings'
	| 'h2.ev.settingsConnect'
	| 'h2.ev.settingsAck'
	| 'h2.ev.connect'
	| 'h2.ev.status'
	| 'h2.ev.data'
	| 'h2.ev.dataPartial'
	| 'h2.ev.endStream'
	| 'h2.ev.windowUpdate'
	| 'h2.ev.wsClosed'
	| 'h2.ev.other';

export interface HttpView {
	readonly startLine: string;
	readonly fields: ReadonlyArray<readonly [name: string, value: string]>;
	/** A refusal's body, if any. */
	readonly body: string;
}

export interface FrameView {
	readonly fin: boolean;
	readonly rsv1: boolean;
	readonly rsv2: boolean;
	readonly rsv3: boolean;
	readonly opcode: number;
	readonly masked: boolean;
	readonly payloadLength: number;
	readonly lengthForm: 7 | 16 | 64;
	readonly maskKey: number[] | null;
	readonly headerLength: number;
	/** The first bytes of the payload before masking (what the application sent or receives). */
	readonly payloadPreview: number[];
	/** The same bytes as text, for text frames and close reasons (may end mid-character). */
	readonly text?: string;
	/** For close frames: the status code and reason, as the engine reads them. */
	readonly close?: { readonly code: number | null; readonly reason: string };
	/** Set on every frame of a connection that agreed permessage-deflate: what RSV1 means there. */
	readonly deflate?: DeflateView;
}

/**
 * RSV1 once permessage-deflate is agreed: the "Per-Message Compressed" bit (RFC 7692 §6). For a
 * compressed message in one frame, what its DEFLATE data holds, as the engine's walkDeflate reads it
 * (with the 00 00 FF FF the sender removed put back, as the receiver does, §7.2.2).
 */
export interface DeflateView {
	/**
	 * 'compressed': RSV1 = 1, the payload is DEFLATE data; 'uncompressed': a data message sent as it
	 * is; 'control' and 'continuation': frames whose RSV1 is always 0 under permessage-deflate.
	 */
	readonly rsv1: 'compressed' | 'uncompressed' | 'control' | 'continuation';
	/** Bytes on the wire: the DEFLATE data without its final 00 00 FF FF (§7.2.1). */
	readonly compressedSize?: number;
	/** Bytes of the message once inflated. */
	readonly size?: number;
	/** Bytes written as themselves, and copies of earlier bytes (LZ77 back-references). */
	readonly literals?: number;
	readonly matches?: number;
	/** How far before the message's first byte its farthest back-reference reaches (0: it stands alone). */
	readonly reachesBack?: number;
}

export type AcceptPhase = 'concat' | 'sha1' | 'base64' | 'check';

export interface AcceptView {
	readonly phase: AcceptPhase;
	readonly key: string;
	readonly guid: string;
	readonly concatenated: string;
	readonly digest: number[];
	readonly accept: string;
	/** For the client's check: what the server sent, and whether it matches. */
	readonly received?: string;
	readonly match?: boolean;
}

export interface MaskView {
	readonly direction: 'mask' | 'unmask';
	readonly key: number[];
	/** The engine's maskSteps for the bytes shown. */
	readonly steps: MaskStep[];
	/** Rows 0..upTo are done in this step (the rest are still to come). */
	readonly upTo: number;
	readonly total: number;
}

export interface ReassemblyView {
	/** The receiver whose buffer this is. */
	readonly side: Side;
	readonly kind: 'text' | 'binary';
	readonly fragments: ReadonlyArray<{ readonly size: number; readonly preview: number[]; readonly text?: string }>;
	readonly bytes: number;
	readonly complete: boolean;
	/** The whole message once complete (text, truncated for show). */
	readonly text?: string;
}

export interface MessageView {
	readonly kind: 'text' | 'binary';
	readonly size: number;
	readonly preview: number[];
	readonly text?: string;
	readonly frameCount: number;
	readonly compressed: boolean;
	readonly compressedSize?: number;
}

/** What went wrong: a protocol error the receiver failed the connection for, or a refused handshake. */
export type ErrorView = (
	| { readonly kind: 'protocol'; readonly error: ProtocolError; readonly closeCode: number }
	| { readonly kind: 'handshake'; readonly problem: HandshakeProblem; readonly status: number | null }
) & {
	readonly rfc: RfcSection;
	/** Where in this receiver's byte stream the offending byte was. */
	readonly offset?: number;
	/** The same byte as an index into the bytes of the step that sent the frame (`wire`). */
	readonly byte?: number;
};

/**
 * An HTTP/2 step: the frame as the engine's annotateHttp2Frame describes it (null for the preface),
 * and for DATA, the WebSocket frames its octets belong to (RFC 8441 §5: the stream is a byte stream,
 * so a DATA frame may hold a WebSocket frame's start, its end, or several frames).
 */
export interface Http2View {
	readonly frame: Http2FrameView | null;
	readonly inner?: readonly TunnelPiece[];
	/** For HEADERS: the same request or answer as HTTP/1.1 would have it, to set side by side. */
	readonly http1?: HttpView;
}

export interface TunnelPiece {
	/** Octets of the frame (from its first header octet) that belong to this WebSocket frame. */
	readonly start: number;
	readonly end: number;
	/** 'whole': all of it here; 'start', 'middle', 'end': a WebSocket frame cut by DATA frame boundaries. */
	readonly part: 'whole' | 'start' | 'middle' | 'end';
	readonly frame: FrameView;
}

export interface Step {
	readonly index: number;
	readonly actor: Actor;
	readonly kind: StepKind;
	/** What the step explains, as a key into src/lib/i18n/simulate.ts, with its parameters. */
	readonly explainKey: StepKey;
	readonly params: ExplainParams;
	readonly rfc: RfcSection;
	/** Both connection states after this step. */
	readonly states: { readonly client: ConnectionState; readonly server: ConnectionState };
	/** The exact bytes this step put on the wire (sent steps only). */
	readonly bytes?: number[];
	/** The engine's annotateFrame() for `bytes`, offsets from 0. */
	readonly fields?: FieldAnnotation[];
	/** For a received or dropped step, the index of the step that sent the bytes. */
	readonly wire?: number;
	/** For a sent step, the index of the step where the peer took the bytes in (or dropped them). */
	readonly deliveredAt?: number;
	readonly http?: HttpView;
	readonly frame?: FrameView;
	readonly accept?: AcceptView;
	readonly mask?: MaskView;
	/** The receiver's reassembly buffer, on every step while a fragmented message is open. */
	readonly reassembly?: ReassemblyView;
	readonly message?: MessageView;
	readonly error?: ErrorView;
	readonly h2?: Http2View;
	/** For 'state' steps: the close code and cleanliness reported by a 'closed' event. */
	readonly closed?: { readonly code: number; readonly wasClean: boolean; readonly sentCode: number | null };
}

export interface Trace {
	readonly scenario: string;
	/** The parameters the trace was run with, normalized (defaults filled in). */
	readonly params: Record<string, string | number | string[] | null>;
	readonly steps: Step[];
}
