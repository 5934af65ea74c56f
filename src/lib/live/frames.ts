/**
 * The frame a logged message travelled as (RFC 6455 §5.2), analysed like the decoder page does it
 * (src/lib/decode/analyze.ts), so the page can draw it with the decoder's own components.
 *
 * Without the side channel these are the engine's encoding of the message: a server frame is
 * unmasked with FIN set and the message's opcode; a client frame is masked, with a key this page
 * drew (the browser picks its own and never reveals it: RFC 6455 §5.3). A browser may also have
 * split or compressed the message (§5.4, RFC 7692); the page says so.
 */
import { encodeFrame, encodeUtf8, PERMESSAGE_DEFLATE, type MessageCodec } from '$lib/protocol';
import { analyzeStream } from '$lib/decode/analyze';
import type { FrameAnalysis } from '$lib/decode/types';

export function messageBytes(data: string | Uint8Array): Uint8Array {
	return typeof data === 'string' ? encodeUtf8(data) : data;
}

/** One frame, as the receiver would read it. */
export function frameOf(opcode: 1 | 2, data: string | Uint8Array, mask: Uint8Array | null): FrameAnalysis {
	const bytes = encodeFrame({ opcode, payload: messageBytes(data), mask });
	return analyzeStream(bytes, { role: mask ? 'client' : 'server', maxFrames: 1 }).frames[0];
}

/** Frames of one message drawn at most: a browser splits a 10 MiB message into some 80 frames. */
export const MAX_SHOWN_FRAMES = 8;

/**
 * Frames exactly as they crossed the wire (from the side channel), analysed for their direction.
 * Fragments of one message are analysed together, so continuation frames make sense (§5.4); only
 * the first `max` are returned. `inflated` is a compressed message's data, inflated where the
 * stream could be followed from its start (RFC 7692: a message may use the window of the ones
 * before it, so it cannot be inflated alone): the analysis then knows RSV1 has a meaning.
 */
export function framesOf(
	wires: readonly Uint8Array[],
	role: 'client' | 'server',
	opts: { max?: number; inflated?: Uint8Array | null } = {}
): FrameAnalysis[] {
	const max = opts.max ?? MAX_SHOWN_FRAMES;
	const codec = opts.inflated !== undefined ? alreadyInflated(opts.inflated) : null;
	let all: Uint8Array;
	if (wires.length === 1) all = wires[0];
	else {
		all = new Uint8Array(wires.reduce((n, w) => n + w.length, 0));
		let o = 0;
		for (const w of wires) {
			all.set(w, o);
			o += w.length;
		}
	}
	return [...analyzeStream(all, { role, codec, maxFrames: Math.min(max, wires.length) }).frames];
}

/** A codec that hands back what the stream reader already inflated (null: leave the payload as it is). */
function alreadyInflated(data: Uint8Array | null): MessageCodec {
	return {
		name: PERMESSAGE_DEFLATE,
		rsvBits: 0x40,
		decompress: (payload) => ({ ok: true, data: data ?? payload }),
		compress: () => null
	};
}
