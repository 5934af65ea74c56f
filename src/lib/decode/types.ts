/**
 * What the decoder page knows about a stream of bytes, as plain data: frames, messages and issues,
 * every issue placed at a byte range. Plain objects and Uint8Array views only, so an analysis can
 * cross a worker boundary (structured clone) and be rendered by any component, here or in an embed.
 */
import type {
	DeflateWalk,
	ErrorCode,
	FieldAnnotation,
	FrameHeader,
	HandshakeProblem,
	HeadProblem,
	LengthForm,
	MessageCodec,
	ProtocolErrorParams,
	RfcSection,
	Role
} from '$lib/protocol';

export type { Role };
/** Who sent the frames: chosen, or 'auto' from the MASK bit (client-to-server frames are masked, RFC 6455 §5.1). */
export type RoleChoice = 'auto' | Role;
/**
 * permessage-deflate (RFC 7692): 'auto' inflates messages whose first frame has RSV1 set, as if the
 * extension had been negotiated; 'off' treats RSV1 as a bit no extension was agreed for (1002).
 * 'on' is 'auto' said out loud: the page reports it as chosen rather than inferred.
 */
export type DeflateChoice = 'auto' | 'on' | 'off';

export interface AnalyzeOptions {
	/** Who sent the bytes; 'auto' (the default) infers it from the first frame's MASK bit. */
	readonly role?: RoleChoice;
	/**
	 * A negotiated extension's message codec (permessage-deflate, RFC 7692). Its RSV bits are then
	 * allowed and compressed messages are inflated by the engine's MessageAssembler.
	 */
	readonly codec?: MessageCodec | null;
	/** Without a `codec`: whether to inflate RSV1 messages with permessage-deflate. Default 'off' (the page asks for 'auto'). */
	readonly deflate?: DeflateChoice;
	/**
	 * 'leading' (the default): the bytes may start with the opening handshake's HTTP heads (a pasted
	 * TCP stream). 'none': frames from the first byte, as in a WebSocket over HTTP/2's DATA (RFC 8441 §5).
	 */
	readonly heads?: 'leading' | 'none';
	/**
	 * The `role` is a fact, not a reading of the paste (the client's side of an HTTP/2 stream): a MASK
	 * bit against it is an error with its close code, not a warning that the direction may be wrong.
	 */
	readonly senderKnown?: boolean;
	/** Largest message accepted before MESSAGE_TOO_BIG (1009); unlimited by default. */
	readonly maxMessageSize?: number;
	/** Bytes all compressed messages may inflate to together (default 64 MiB); past it, 1009. */
	readonly inflateBudget?: number;
	/**
	 * Stop after this many frames (the page stays usable when 1 MiB of zeros means 500,000 empty
	 * frames); the rest of the bytes are reported as not analysed. Default 20,000.
	 */
	readonly maxFrames?: number;
}

export type Severity = 'error' | 'warning';

/** What only a page reading a finite paste can say, with its parameters. */
export interface PageIssueParams {
	/** The payload length does not use the shortest form (RFC 6455 §5.2). */
	readonly NON_MINIMAL_LENGTH: { readonly length: number; readonly form: LengthForm; readonly minimal: LengthForm };
	/** The input ends inside this frame; `exact` false when only a minimum of missing bytes is known. */
	readonly INCOMPLETE_FRAME: { readonly missing: number; readonly have: number; readonly exact: boolean };
	/** A fragmented message whose final frame never comes. */
	readonly UNFINISHED_MESSAGE: { readonly frames: number };
	/** A fragmented message cut short by a new text or binary frame (RFC 6455 §5.4). */
	readonly ABANDONED_MESSAGE: { readonly frames: number };
	/** Bytes after a frame the reader cannot get past (a 64-bit length with its top bit set). */
	readonly UNFRAMED_BYTES: { readonly count: number };
	/** More frames than maxFrames: the rest is not analysed. */
	readonly NOT_ANALYSED: { readonly count: number; readonly frames: number };
	/** The input ends inside the HTTP head it starts with (problem null), or the head cannot be read. */
	readonly INCOMPLETE_HTTP_HEAD: { readonly problem: HeadProblem | null };
	/** The pasted handshake would be refused: the request by a server, the response by the client. */
	readonly HANDSHAKE_REFUSED: { readonly problem: HandshakeProblem; readonly status: number | null };
}

/** Issue codes: the engine's error codes plus what only a page reading a finite paste can say. */
export type IssueCode = ErrorCode | keyof PageIssueParams;
export type IssueParams<C extends IssueCode> = C extends ErrorCode
	? ProtocolErrorParams[C]
	: C extends keyof PageIssueParams
		? PageIssueParams[C]
		: never;

/** One problem, placed at bytes [start, end) of the stream. */
export type ByteIssue = {
	readonly [C in IssueCode]: {
		readonly severity: Severity;
		readonly code: C;
		readonly params: IssueParams<C>;
		readonly start: number;
		readonly end: number;
		/** Index of the frame it belongs to, if any. */
		readonly frame: number | null;
		/** The close code a receiver fails the connection with, or null when it would not fail. */
		readonly closeCode: number | null;
		readonly rfc: RfcSection;
		/** For a MASK bit that does not fit the direction: the sender the frames were checked as. */
		readonly role?: Role;
	};
}[IssueCode];

export type FrameKind = 'continuation' | 'text' | 'binary' | 'close' | 'ping' | 'pong' | 'reserved';

export interface CloseInfo {
	/** null when the payload is empty or a single byte. */
	readonly code: number | null;
	/** The reason, decoded; invalid UTF-8 shows as U+FFFD. */
	readonly reason: string;
	readonly reasonValid: boolean;
}

export interface FrameAnalysis {
	readonly index: number;
	/** Stream offset of the frame's first byte. */
	readonly offset: number;
	/** Bytes the frame takes when complete (header + payload); a lower bound if the header is cut short. */
	readonly size: number;
	/** Its bytes as they came (masked), as many as the input holds. */
	readonly wire: Uint8Array;
	/** The header, as far as it is known (see `headerKnown`). */
	readonly header: FrameHeader;
	/** false when the input ends inside the header: fields past the end are unknown. */
	readonly headerKnown: boolean;
	/** The payload bytes received so far, unmasked. */
	readonly payload: Uint8Array;
	readonly complete: boolean;
	/** Bytes missing to complete the frame; with an incomplete header, the minimum. */
	readonly missing: number;
	/** The decoder could not get past this frame (RSV of a 64-bit length set): later bytes are unframed. */
	readonly fatal: boolean;
	readonly kind: FrameKind;
	/** Index into `messages` of the message (or control message) it is part of. */
	readonly message: number | null;
	readonly close?: CloseInfo;
	/** Its issues (also in StreamAnalysis.issues). */
	readonly issues: readonly ByteIssue[];
	/** Field annotations (RFC 6455 §5.2) with stream offsets; only when the header is incomplete or fatal. */
	readonly fields?: readonly FieldAnnotation[];
	/** permessage-deflate is in force for its sender: RSV1 means "compressed" (RFC 7692 §6). */
	readonly deflate?: boolean;
	/** Part of a message compressed with permessage-deflate: its payload is DEFLATE data, not text. */
	readonly compressed?: boolean;
	/** On the frame that completes a compressed message: the message inflated (RFC 7692 §7.2.2). */
	readonly inflated?: {
		readonly message: number;
		readonly kind: 'text' | 'binary';
		readonly data: Uint8Array;
		/** Compressed bytes of the whole message (all its frames' payloads). */
		readonly deflatedLength: number;
	};
}

export type MessageKind = 'text' | 'binary' | 'close' | 'ping' | 'pong';

export interface MessageAnalysis {
	readonly index: number;
	readonly kind: MessageKind;
	/** Frame indices, in order. A control message has exactly one. */
	readonly frames: readonly number[];
	/** Reassembled data (text and binary), or the control frame's payload. */
	readonly data: Uint8Array;
	/** false when the final frame never came. */
	readonly complete: boolean;
	/** An error was reported for it (invalid UTF-8, a bad close payload...). */
	readonly invalid: boolean;
	readonly compressed: boolean;
	/** For a compressed message: its frames' payloads joined, the DEFLATE data as sent (without 00 00 FF FF). */
	readonly deflated?: Uint8Array;
	/**
	 * For a complete compressed message: its DEFLATE blocks (RFC 1951 §3.2) as the engine's
	 * walkDeflate reads them, over the data with the 00 00 ff ff tail put back (its last block).
	 */
	readonly deflateWalk?: DeflateWalk;
	readonly close?: CloseInfo;
	/** Control frames that arrived between this message's fragments (RFC 6455 §5.4 allows them). */
	readonly interleaved: readonly number[];
}

export interface RoleInfo {
	readonly chosen: RoleChoice;
	/** From the first frame's MASK bit; null with no frames. */
	readonly inferred: Role | null;
	/** The role the frames were checked against; null when there is none (no frames, or both ways). */
	readonly effective: Role | null;
	/**
	 * The paste holds a whole conversation (its handshake has the request and the response), so frames
	 * go both ways: masked ones are the client's, unmasked ones the server's (RFC 6455 §5.1).
	 */
	readonly bothWays: boolean;
	readonly maskedFrames: number;
	readonly unmaskedFrames: number;
}

export interface StreamAnalysis {
	/** The input, as given. */
	readonly bytes: Uint8Array;
	readonly frames: readonly FrameAnalysis[];
	readonly messages: readonly MessageAnalysis[];
	/** Every issue, in byte order. */
	readonly issues: readonly ByteIssue[];
	readonly role: RoleInfo;
	readonly errorCount: number;
	readonly warningCount: number;
	/** Bytes framed (the rest is unframed after a fatal frame, or past maxFrames). */
	readonly analysedBytes: number;
	readonly deflate: DeflateInfo;
	/** The opening handshake the bytes start with, if they do (a whole TCP stream was pasted). */
	readonly handshake: readonly HttpHeadInfo[];
}

/** An HTTP head at the start of the stream, bytes [start, end), read by the engine's readHead. */
export interface HttpHeadInfo {
	readonly start: number;
	readonly end: number;
	/** Who sent it: the client's GET request or the server's response. */
	readonly role: Role;
	readonly startLine: string;
	readonly fields: ReadonlyArray<readonly [string, string]>;
	/** A response that agrees to permessage-deflate (Sec-WebSocket-Extensions, RFC 7692 §5). */
	readonly deflate: boolean;
	/**
	 * What the other side's engine makes of it: the server's checks of a request (RFC 6455 §4.2.1),
	 * the client's of a response (§4.1, against the pasted request; null without one).
	 */
	readonly verdict: HeadVerdict | null;
}

export interface HeadVerdict {
	readonly ok: boolean;
	readonly rfc: RfcSection;
	/** Why it is refused, as the engine found it. */
	readonly problem?: HandshakeProblem;
	/** The HTTP status a server refuses a request with (400, 426), or the response's status. */
	readonly status?: number;
	/** When it passes: the Sec-WebSocket-Accept the key calls for (base64 of SHA-1 of key + GUID). */
	readonly accept?: string;
}

export interface DeflateInfo {
	readonly choice: DeflateChoice;
	/** Were messages read with permessage-deflate (a codec was used and RSV1 allowed)? */
	readonly enabled: boolean;
	/**
	 * What the pasted handshake's response agreed: true or false, or null when no response is in the
	 * input. When it is known, 'auto' follows it rather than guessing from RSV1.
	 */
	readonly agreed: boolean | null;
	/** How many messages were compressed (RSV1 on their first frame). */
	readonly compressedMessages: number;
	/**
	 * The side whose inflater read the first frame's message: its receiver, by its MASK bit (RFC 7692
	 * §7.2.2). Each direction has its own inflater and window.
	 */
	readonly receiver: Role | null;
}
