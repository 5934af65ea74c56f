/**
 * Node's zlib as the engine's DEFLATE backend (protocol/extensions/deflate-codec.ts): native code,
 * two to three times faster than JavaScript on large messages, but every call is a stream of its own
 * that zlib must first prime with the 32 KiB window, which costs more than a small message does.
 * The thresholds below are where zlib starts to win on this kind of machine (`npm run bench`).
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import * as pako from 'pako';
import { provideZlib, type DeflateBackend } from '$lib/protocol';

// The engine's own DEFLATE, for the small messages (protocol/extensions/zlib.ts): a Node program has
// no page weight to save, so it is there from the start.
provideZlib(pako);

export function zlibBackend(thresholds: { deflateFrom?: number; inflateFrom?: number } = {}): DeflateBackend {
	return {
		deflateFrom: thresholds.deflateFrom ?? 4096,
		inflateFrom: thresholds.inflateFrom ?? 384,
		deflate(data, { level, windowBits, dictionary }) {
			return deflateRawSync(data, {
				level,
				windowBits,
				// RFC 7692 §7.2.1: the sync flush ends the data with the empty stored block, 00 00 FF FF.
				finishFlush: constants.Z_SYNC_FLUSH,
				// One output buffer for most messages instead of a list of 16 KiB chunks joined at the end.
				chunkSize: Math.max(16384, Math.min(1 << 22, data.length + 64)),
				...(dictionary ? { dictionary } : {})
			});
		},
		inflate(data, { dictionary, maxOutput }) {
			try {
				return inflateRawSync(data, {
					windowBits: 15,
					maxOutputLength: Math.max(1, maxOutput),
					chunkSize: Math.max(16384, Math.min(1 << 22, data.length * 4)),
					...(dictionary ? { dictionary } : {})
				});
			} catch (e) {
				// zlib stops as soon as the output passes maxOutputLength: a bomb never inflates whole.
				if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return null;
				throw e;
			}
		}
	};
}
