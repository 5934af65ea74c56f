/**
 * Randomness is an input of the engine, never hidden inside it: every function that needs keys or
 * masks takes a `random(n)` source, so a simulator run or a test can be replayed exactly. This is the
 * default source: the platform's CSPRNG (RFC 6455 §5.3 asks for unpredictable masks), drawn from a
 * pool so that masking small frames does not cost a system call each.
 */
export type RandomSource = (n: number) => Uint8Array;

const POOL_SIZE = 8192;
let pool = new Uint8Array(0);
let used = POOL_SIZE;

export const cryptoRandom: RandomSource = (n) => {
	if (n > POOL_SIZE / 4) return globalThis.crypto.getRandomValues(new Uint8Array(n));
	if (pool.length === 0 || used + n > POOL_SIZE) {
		pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_SIZE));
		used = 0;
	}
	const out = pool.slice(used, used + n);
	used += n;
	return out;
};

/** A deterministic source (xorshift32) for tests and reproducible simulations. Not for real traffic. */
export function seededRandom(seed: number): RandomSource {
	let x = seed >>> 0 || 0x9e3779b9;
	return (n) => {
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
	let i = 0;
	return (n) => {
		const out = new Uint8Array(n);
		for (let k = 0; k < n; k++) out[k] = bytes[i++ % bytes.length];
		return out;
	};
}
