/**
 * Randomness is an input of the engine, never hidden inside it: every function that needs keys or
 * masks takes a `random(n)` source, so a simulator run or a test can be replayed exactly. This is the
 * default source: the platform's CSPRNG (RFC 6455 §5.3 asks for unpredictable masks), drawn from a
 * pool so that masking small frames does not cost a system call each.
 */
import { WebSocketUsageError, describeValue } from './errors';

export type RandomSource = (n: number) => Uint8Array;

const POOL_SIZE = 8192;
/** Keys and masks are a few bytes; anything near this is a mistake, not a request. */
const MAX_BYTES = 16 * 1024 * 1024;
let pool: Uint8Array<ArrayBuffer> = new Uint8Array(0);
let used = POOL_SIZE;

export const cryptoRandom: RandomSource = (n) => {
	if (!Number.isInteger(n) || n < 0 || n > MAX_BYTES)
		throw new WebSocketUsageError('BAD_COUNT', { got: describeValue(n), max: MAX_BYTES });
	if (n > POOL_SIZE / 4) return fill(new Uint8Array(n));
	if (pool.length === 0 || used + n > POOL_SIZE) {
		pool = fill(new Uint8Array(POOL_SIZE));
		used = 0;
	}
	// A copy (never a view of the pool, which is refilled): byte by byte is quickest for a 4-byte mask.
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) out[i] = pool[used + i];
	used += n;
	return out;
};

/** getRandomValues fills at most 65,536 bytes per call (Web Crypto). */
function fill(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
	for (let i = 0; i < bytes.length; i += 65536) globalThis.crypto.getRandomValues(bytes.subarray(i, i + 65536));
	return bytes;
}

/** A deterministic source (xorshift32) for tests and reproducible simulations. Not for real traffic. */
export function seededRandom(seed: number): RandomSource {
	if (typeof seed !== 'number') throw new WebSocketUsageError('BAD_SEED', { got: describeValue(seed) });
	let x = seed >>> 0 || 0x9e3779b9;
	return (n) => {
		if (!Number.isInteger(n) || n < 0 || n > MAX_BYTES)
			throw new WebSocketUsageError('BAD_COUNT', { got: describeValue(n), max: MAX_BYTES });
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
			x >>>= 0;
			out[i] = x & 0xff;
		}
		return out;
	};
}

/** A source that replays the given bytes (e.g. a mask key the user chose), then repeats them. */
export function fixedRandom(bytes: Uint8Array): RandomSource {
	if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new WebSocketUsageError('BAD_BYTES', {});
	bytes = Uint8Array.from(bytes); // our own copy: later changes to the caller's array do not leak in
	let i = 0;
	return (n) => {
		if (!Number.isInteger(n) || n < 0 || n > MAX_BYTES)
			throw new WebSocketUsageError('BAD_COUNT', { got: describeValue(n), max: MAX_BYTES });
		const out = new Uint8Array(n);
		for (let k = 0; k < n; k++) out[k] = bytes[i++ % bytes.length];
		return out;
	};
}
