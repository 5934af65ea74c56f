/**
 * How a conformance case is written down: what the client sends, in which chops and with which
 * pauses, and what the server must answer. Modelled on the Autobahn|Testsuite fuzzing cases
 * (autobahntestsuite/case/case*.py), whose ids and descriptions the cases keep.
 */

import { Opcode, concat, encodeFrame, encodeUtf8 } from '$lib/protocol';
import { CLIENT_MASK } from './raw-client';

export type Step =
	/** Write bytes: in one chop, or in chops of `chop` bytes (each a separate TCP write). */
	| { readonly kind: 'send'; readonly bytes: Uint8Array; readonly chop?: number; readonly hasClose?: boolean }
	/** Autobahn's "timeout A": wait, and the server must not have closed meanwhile. */
	| { readonly kind: 'expect-open'; readonly ms: number }
	/** Fail fast: the server's close must arrive within `ms`; later sends are then skipped, as Autobahn does. */
	| { readonly kind: 'expect-close'; readonly ms: number }
	/** Wait until this many events have arrived (e.g. a pong before the rest of a message is sent). */
	| { readonly kind: 'expect-events'; readonly count: number; readonly ms: number }
	/** Send the same frame `count` times, each after the previous echo arrived (Autobahn 9.7/9.8). */
	| { readonly kind: 'round-trips'; readonly frame: Uint8Array; readonly count: number };

export type ExpectedEvent =
	| { readonly kind: 'message'; readonly opcode: 1 | 2; readonly data: Uint8Array }
	| { readonly kind: 'pong'; readonly data: Uint8Array };

export interface Expectation {
	/** Exactly these, in this order, before the close. */
	readonly events: readonly ExpectedEvent[];
	/**
	 * 'client': the client closes (after the events, unless a step already sent a close) and the server
	 * answers; 'server': the server fails the connection and sends its close frame first.
	 */
	readonly closedBy: 'client' | 'server';
	/** Close codes the server may send; null stands for an empty close payload. */
	readonly codes: readonly (number | null)[];
}

export interface CaseBody {
	readonly steps: readonly Step[];
	readonly expect: Expectation;
}

export type ConformanceCase = {
	readonly id: string;
	readonly description: string;
	/** How long the case may take before the runner gives up (default 5 s). */
	readonly timeoutMs?: number;
} & (
	| CaseBody
	| {
			readonly steps?: undefined;
			/** Large cases build their megabytes only when they run. */ readonly build: () => CaseBody;
	  }
);

export const bodyOf = (c: ConformanceCase): CaseBody => (c.steps !== undefined ? c : c.build());

// ---- building blocks ----------------------------------------------------------------------------

export const utf8 = (s: string): Uint8Array => encodeUtf8(s);
export const hex = (h: string): Uint8Array =>
	Uint8Array.from((h.replace(/\s+/g, '').match(/../g) ?? []).map((b) => parseInt(b, 16)));
/** Autobahn's payload_len: the pattern repeated, cut to the length. */
export const repeat = (pattern: Uint8Array | string, length: number): Uint8Array => {
	const p = typeof pattern === 'string' ? utf8(pattern) : pattern;
	const out = new Uint8Array(length);
	out.set(p.subarray(0, Math.min(p.length, length)));
	// Double what is filled until the whole buffer is (16 MiB in 22 copies, not 3 million).
	for (let filled = p.length; filled < length; filled *= 2)
		out.copyWithin(filled, 0, Math.min(filled, length - filled));
	return out;
};

export interface FrameOptions {
	readonly fin?: boolean;
	/** Autobahn's 3-bit rsv number: 4 = RSV1, 2 = RSV2, 1 = RSV3. */
	readonly rsv?: number;
}

/** One masked client frame, built by the engine's encoder (malformed ones too: the encoder allows them). */
export function frame(
	opcode: number,
	payload: Uint8Array | string = new Uint8Array(0),
	o: FrameOptions = {}
): Uint8Array {
	const rsv = o.rsv ?? 0;
	return encodeFrame({
		opcode,
		fin: o.fin ?? true,
		rsv1: (rsv & 4) !== 0,
		rsv2: (rsv & 2) !== 0,
		rsv3: (rsv & 1) !== 0,
		payload: typeof payload === 'string' ? utf8(payload) : payload,
		mask: CLIENT_MASK
	});
}

/** Frames written together in one chop (Autobahn's sendFrame without sync). */
export function send(...frames: Uint8Array[]): Step {
	return { kind: 'send', bytes: frames.length === 1 ? frames[0] : concat(frames), hasClose: frames.some(isClose) };
}

/** Frames each written on its own (Autobahn's sync = True, "frame-wise chops"). */
export function sendEach(...frames: Uint8Array[]): Step[] {
	return frames.map((f) => send(f));
}

/** Each frame written in chops of `chop` bytes (Autobahn's chopsize). */
export function sendChopped(chop: number, ...frames: Uint8Array[]): Step[] {
	return frames.map((f) => ({ kind: 'send', bytes: f, chop, hasClose: isClose(f) }));
}

/** A message split into frames of `size` payload bytes (Autobahn's fragmentSize / payload_frag_size). */
export function fragmented(opcode: 1 | 2, data: Uint8Array, size: number): Uint8Array[] {
	const frames: Uint8Array[] = [];
	let i = 0;
	do {
		const piece = data.subarray(i, i + size);
		i += size;
		frames.push(frame(frames.length === 0 ? opcode : Opcode.Continuation, piece, { fin: i >= data.length }));
	} while (i < data.length);
	return frames;
}

/**
 * The client's own close frames (Autobahn's sendClose / sendCloseFrame), as opposed to a malformed frame
 * that merely has the close opcode (3.7): only these count as "the client closed first".
 */
const clientCloses = new WeakSet<Uint8Array>();

export function closeWithPayload(payload: Uint8Array): Uint8Array {
	const f = frame(Opcode.Close, payload);
	clientCloses.add(f);
	return f;
}

export function closeFrame(code?: number, reason: Uint8Array = new Uint8Array(0)): Uint8Array {
	if (code === undefined) return closeWithPayload(new Uint8Array(0));
	const p = new Uint8Array(2 + reason.length);
	p[0] = code >>> 8;
	p[1] = code & 0xff;
	p.set(reason, 2);
	return closeWithPayload(p);
}

export const echoOf = (opcode: 1 | 2, data: Uint8Array | string): ExpectedEvent => ({
	kind: 'message',
	opcode,
	data: typeof data === 'string' ? utf8(data) : data
});
export const pongOf = (data: Uint8Array | string = new Uint8Array(0)): ExpectedEvent => ({
	kind: 'pong',
	data: typeof data === 'string' ? utf8(data) : data
});

/** The usual ending: the client closes with 1000 and the server answers 1000. */
export const normalClose = (events: ExpectedEvent[] = []): Expectation => ({
	events,
	closedBy: 'client',
	codes: [1000]
});
/** The server must fail the connection with `code` (1002 protocol error, 1007 bad data...). */
export const failsWith = (code: number, events: ExpectedEvent[] = []): Expectation => ({
	events,
	closedBy: 'server',
	codes: [code]
});

function isClose(f: Uint8Array): boolean {
	return clientCloses.has(f);
}
