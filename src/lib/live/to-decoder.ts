/**
 * The true bytes of a connection as one stream for the decoder page: the handshake heads, then every
 * frame kept, in the order they crossed the wire (both directions). The decoder reads the heads as
 * HTTP and tells the directions apart by the MASK bit (RFC 6455 §5.1), so this is all it needs.
 */
import { toHex } from '$lib/hex';
import { concat } from '$lib/protocol';
import type { TrueFrame, TrueHead } from './true-bytes.svelte';

/** A link carries at most this many bytes: an address is no place for a megabyte. */
export const DECODER_LINK_BYTES = 16 * 1024;

export interface DecoderStream {
	/** Compact hex of the stream, or of its first DECODER_LINK_BYTES bytes. */
	readonly hex: string;
	readonly bytes: number;
	/** Frames left out: too large to keep in the page, or past the limit. */
	readonly leftOut: number;
}

export function decoderStream(
	heads: readonly TrueHead[],
	frames: readonly TrueFrame[],
	limit = DECODER_LINK_BYTES
): DecoderStream | null {
	const parts: Uint8Array[] = [];
	let size = 0;
	let leftOut = 0;
	for (const h of heads) {
		if (size + h.bytes.length > limit) break;
		parts.push(h.bytes);
		size += h.bytes.length;
	}
	for (const [i, f] of frames.entries()) {
		// Whole frames only: a frame cut in two would read as an error that is not in the traffic.
		if (!f.wire || f.wire.length < f.size) {
			leftOut++;
			continue;
		}
		if (size + f.wire.length > limit) {
			leftOut += frames.length - i; // the link holds the start of the connection, in order
			break;
		}
		parts.push(f.wire);
		size += f.wire.length;
	}
	if (size === 0) return null;
	return { hex: toHex(concat(parts), ''), bytes: size, leftOut };
}
