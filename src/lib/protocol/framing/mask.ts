/**
 * Masking (RFC 6455 §5.3): payload byte i is XORed with key byte i mod 4. The same operation masks
 * and unmasks. Large buffers are XORed 4 bytes at a time through a Uint32Array view, which is what
 * lets a pure-JS receiver outrun a byte loop by several times.
 */

import { WebSocketUsageError, describeValue } from '../errors';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Below this many bytes, creating a Uint32Array view costs more than it saves. */
const WORD_THRESHOLD = 32;

/**
 * XOR `data` with `key` in place. `phase` is the index (mod 4) of the key byte for data[0], so a
 * payload that arrives in pieces can be unmasked piece by piece.
 */
export function applyMask(data: Uint8Array, key: Uint8Array, phase = 0): void {
	checkMaskArgs(data, key, phase);
	xorInPlace(data, key, phase);
}

function xorInPlace(data: Uint8Array, key: Uint8Array, phase: number): void {
	const n = data.length;
	let i = 0;
	if (n >= WORD_THRESHOLD) {
		// Walk byte by byte until the view is 4-byte aligned, then XOR whole words.
		while (((data.byteOffset + i) & 3) !== 0) {
			data[i] ^= key[(i + phase) & 3];
			i++;
		}
		const words = (n - i) >>> 2;
		const b0 = key[(i + phase) & 3];
		const b1 = key[(i + phase + 1) & 3];
		const b2 = key[(i + phase + 2) & 3];
		const b3 = key[(i + phase + 3) & 3];
		const word = LITTLE_ENDIAN
			? (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0
			: ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
		const view = new Uint32Array(data.buffer, data.byteOffset + i, words);
		for (let w = 0; w < words; w++) view[w] ^= word;
		i += words << 2;
	}
	for (; i < n; i++) data[i] ^= key[(i + phase) & 3];
}

/**
 * Write `source` masked with `key` into `target` at `offset` (the source is left as it was): one
 * pass for small payloads, a copy then a word-wide XOR for large ones.
 */
export function maskInto(source: Uint8Array, key: Uint8Array, target: Uint8Array, offset = 0): void {
	checkMaskArgs(source, key, 0);
	if (
		!(target instanceof Uint8Array) ||
		!Number.isInteger(offset) ||
		offset < 0 ||
		offset + source.length > target.length
	)
		throw new WebSocketUsageError('BAD_TARGET', { need: source.length, offset: describeValue(offset) });
	const n = source.length;
	if (n < WORD_THRESHOLD * 2) {
		const k0 = key[0],
			k1 = key[1],
			k2 = key[2],
			k3 = key[3];
		let i = 0;
		for (; i + 4 <= n; i += 4) {
			target[offset + i] = source[i] ^ k0;
			target[offset + i + 1] = source[i + 1] ^ k1;
			target[offset + i + 2] = source[i + 2] ^ k2;
			target[offset + i + 3] = source[i + 3] ^ k3;
		}
		for (; i < n; i++) target[offset + i] = source[i] ^ key[i & 3];
		return;
	}
	target.set(source, offset);
	xorInPlace(target.subarray(offset, offset + n), key, 0);
}

function checkMaskArgs(data: Uint8Array, key: Uint8Array, phase: number): void {
	if (!(data instanceof Uint8Array)) throw new WebSocketUsageError('BAD_DATA', {}, 'RFC 6455 §5.3');
	if (!(key instanceof Uint8Array) || key.length !== 4) throw new WebSocketUsageError('BAD_MASK', {}, 'RFC 6455 §5.3');
	if (!Number.isInteger(phase) || phase < 0)
		throw new WebSocketUsageError('BAD_PHASE', { got: describeValue(phase) }, 'RFC 6455 §5.3');
}

/** Masked copy of `data` (the source is left as it was). */
export function masked(data: Uint8Array, key: Uint8Array, phase = 0): Uint8Array {
	checkMaskArgs(data, key, phase);
	const out = new Uint8Array(data.length);
	out.set(data);
	xorInPlace(out, key, phase);
	return out;
}

/** One step of the XOR for the lesson: which key byte, and the result. */
export interface MaskStep {
	readonly index: number;
	readonly keyIndex: number;
	readonly input: number;
	readonly key: number;
	readonly output: number;
}

/** The byte-by-byte working of the mask, for the first `limit` bytes (the visualizer animates it). */
export function maskSteps(data: Uint8Array, key: Uint8Array, limit = data?.length): MaskStep[] {
	checkMaskArgs(data, key, 0);
	if (typeof limit !== 'number' || !(limit >= 0))
		throw new WebSocketUsageError('BAD_LIMIT', { got: describeValue(limit) });
	const steps: MaskStep[] = [];
	const n = Math.min(limit, data.length);
	for (let i = 0; i < n; i++) {
		const k = key[i & 3];
		steps.push({ index: i, keyIndex: i & 3, input: data[i], key: k, output: data[i] ^ k });
	}
	return steps;
}
