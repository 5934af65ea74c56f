/**
 * What a Connection reports, as data (like the events of Python's `websockets` and `h11`): each
 * event's `type` is its stable key, its fields are typed parameters, `rfc` is the section the
 * behaviour comes from. What it sends is data too: each outgoing piece says why it was sent. No
 * sentence is built here; src/lib/i18n words every event and every reason in English and Korean.
 */

import type { ErrorCode, ProtocolError } from '../errors';
import type { DecodedFrame } from '../framing/decoder';
import type { FrameHeader } from '../framing/frame';
import type { ResponseProblem } from '../handshake/client';
import type { ClientRequest, RequestProblem } from '../handshake/server';
import type { RfcSection } from '../types';
import type { ConnectionState } from './states';

/** Why an opening handshake failed: the server refused the request, or the client the answer. */
export type HandshakeProblem =
	({ readonly of: 'request' } & RequestProblem) | ({ readonly of: 'response' } & ResponseProblem);

/**
 * How a connection ended: both close frames exchanged ('clean'), failed by one side ('failed',
 * RFC 6455 §7.1.7), the handshake refused ('refused'), or the transport gone first ('transport',
 * §7.1.5: 1006).
 */
export type Ending = 'clean' | 'failed' | 'refused' | 'transport';

export type ConnectionEvent =
	/**
	 * The state changed (states.ts): before the event that moved it when an arrival did (an accepted
	 * handshake, a close frame), after the error when a failure did.
	 */
	| { readonly type: 'state'; readonly from: ConnectionState; readonly to: ConnectionState; readonly rfc: RfcSection }
	/** The server read a well-formed upgrade request. */
	| {
			readonly type: 'handshake-request';
			readonly request: ClientRequest;
			readonly bytes: Uint8Array;
			readonly rfc: RfcSection;
	  }
	/** The client read the answer; `accepted` when every check of §4.1 passed. */
	| {
			readonly type: 'handshake-response';
			readonly status: number | null;
			readonly accepted: boolean;
			readonly bytes: Uint8Array;
			readonly rfc: RfcSection;
	  }
	| {
			readonly type: 'open';
			readonly protocol: string | null;
			readonly extensions: readonly string[];
			readonly rfc: RfcSection;
	  }
	| {
			readonly type: 'handshake-failed';
			readonly status: number | null;
			readonly problem: HandshakeProblem;
			readonly rfc: RfcSection;
	  }
	/** Every frame received (with the frameEvents option). */
	| { readonly type: 'frame'; readonly frame: DecodedFrame; readonly rfc: RfcSection }
	| {
			readonly type: 'fragment';
			readonly frame: DecodedFrame;
			readonly index: number;
			readonly bufferedBytes: number;
			readonly rfc: RfcSection;
	  }
	| {
			readonly type: 'message';
			readonly kind: 'text' | 'binary';
			readonly data: Uint8Array;
			readonly text?: string;
			readonly frameCount: number;
			readonly compressed: boolean;
			readonly compressedSize?: number;
			readonly rfc: RfcSection;
	  }
	/** `answered`: the engine queued the pong (autoPong, and no close frame received). */
	| { readonly type: 'ping'; readonly payload: Uint8Array; readonly answered: boolean; readonly rfc: RfcSection }
	| { readonly type: 'pong'; readonly payload: Uint8Array; readonly rfc: RfcSection }
	/** `first`: this close starts the closing handshake and the engine answers it; otherwise it answers ours. */
	| {
			readonly type: 'close-received';
			readonly code: number | null;
			readonly reason: string;
			readonly first: boolean;
			readonly rfc: RfcSection;
	  }
	| { readonly type: 'protocol-error'; readonly error: ProtocolError; readonly rfc: RfcSection }
	| {
			readonly type: 'closed';
			/** As the WebSocket API reports it: the code received, 1005 if none, 1006 if no close frame came. */
			readonly code: number;
			readonly reason: string;
			readonly wasClean: boolean;
			/** The code this end sent in its own close frame, if it sent one. */
			readonly sentCode: number | null;
			readonly ending: Ending;
			readonly rfc: RfcSection;
	  };

export type ConnectionEventType = ConnectionEvent['type'];

/** The event for a complete message. */
export type MessageConnectionEvent = Extract<ConnectionEvent, { type: 'message' }>;

/**
 * Why a frame was sent: the application's message, ping, pong or close; the engine's own answers
 * (a pong to a ping, a close to a close); a close that fails the connection; a frame written by
 * hand (sendFrame), malformed ones included.
 */
export type FrameReason = 'message' | 'ping' | 'pong' | 'auto-pong' | 'close' | 'close-reply' | 'fail' | 'custom';

/** Bytes to write, with what they are and why, so a trace can show each piece on the wire. */
export type Outgoing =
	| {
			readonly kind: 'handshake';
			/** The client's request, the server's 101, or its refusal. */
			readonly why: 'request' | 'accept' | 'refuse';
			readonly bytes: Uint8Array;
			readonly rfc: RfcSection;
			/** For a refusal: its status and the problem found. */
			readonly status?: 400 | 426;
			readonly problem?: RequestProblem;
	  }
	| {
			readonly kind: 'frame';
			readonly why: FrameReason;
			/** Header, then payload (masked for clients): written in order, never copied together. */
			readonly parts: readonly Uint8Array[];
			readonly header: FrameHeader;
			/** The payload before masking. */
			readonly payload: Uint8Array;
			readonly rfc: RfcSection;
			/** For a message's frames: which of how many, and the message's size before and after compressing. */
			readonly message?: {
				readonly kind: 'text' | 'binary';
				readonly size: number;
				readonly compressedSize?: number;
				readonly fragment: number;
				readonly fragments: number;
			};
			/** For close frames: the code sent (null: an empty payload) and the reason. */
			readonly close?: { readonly code: number | null; readonly reason: string };
			/** For a failing close: the peer's fault that caused it (none when the application failed it). */
			readonly cause?: ErrorCode;
	  };
