/** Byte helpers the whole engine shares: one of each, so no module keeps its own copy. */

import { WebSocketUsageError } from './errors';

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** The parts joined into one new array (`size`, when given, must be their total length). */
export function concat(parts: readonly Uint8Array[], size?: number): Uint8Array {
	if (!Array.isArray(parts) || !parts.every((p) => p instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'concat', expected: 'Uint8Array[]' });
	let total = 0;
	for (const p of parts) total += p.length;
	if (size !== undefined && size !== total) throw new WebSocketUsageError('BAD_SIZE', { expected: size, got: total });
	const out = new Uint8Array(total);
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}
