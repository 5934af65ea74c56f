/**
 * Incremental UTF-8 validation that fails fast (RFC 6455 §8.1, RFC 3629). A text message may arrive
 * in many frames and a frame in many TCP reads; the receiver must fail the connection with 1007 as
 * soon as the bytes so far cannot be the start of valid UTF-8, not only at the end of the message.
 *
 * The state machine is Björn Höhrmann's DFA for UTF-8 (MIT licence), which rejects overlong forms,
 * surrogates (U+D800-U+DFFF) and code points above U+10FFFF at the first byte that proves them wrong.
 */

import { WebSocketUsageError } from '../errors';

// Byte -> character class.
const CLASS = new Uint8Array(256);
(() => {
	const ranges: [number, number, number][] = [
		[0x00, 0x7f, 0],
		[0x80, 0x8f, 1],
		[0x90, 0x9f, 9],
		[0xa0, 0xbf, 7],
		[0xc0, 0xc1, 8],
		[0xc2, 0xdf, 2],
		[0xe0, 0xe0, 10],
		[0xe1, 0xec, 3],
		[0xed, 0xed, 4],
		[0xee, 0xef, 3],
		[0xf0, 0xf0, 11],
		[0xf1, 0xf3, 6],
		[0xf4, 0xf4, 5],
		[0xf5, 0xff, 8]
	];
	for (const [lo, hi, c] of ranges) CLASS.fill(c, lo, hi + 1);
})();

const ACCEPT = 0;
const REJECT = 12;
// (state + class) -> next state; states are multiples of 12.
// prettier-ignore
const TRANSITION = new Uint8Array([
	0,12,24,36,60,96,84,12,12,12,48,72, 12,12,12,12,12,12,12,12,12,12,12,12,
	12, 0,12,12,12,12,12, 0,12, 0,12,12, 12,24,12,12,12,12,12,24,12,24,12,12,
	12,12,12,12,12,12,12,24,12,12,12,12, 12,24,12,12,12,12,12,12,12,24,12,12,
	12,12,12,12,12,12,12,36,12,36,12,12, 12,36,12,12,12,12,12,36,12,36,12,12,
	12,36,12,12,12,12,12,12,12,12,12,12
]);

export type Utf8Result =
	| { readonly ok: true; /** the input ends in the middle of a character */ readonly incomplete: boolean }
	| { readonly ok: false; /** index of the first byte that cannot be valid */ readonly offset: number };

const OK_COMPLETE: Utf8Result = Object.freeze({ ok: true, incomplete: false });
const OK_INCOMPLETE: Utf8Result = Object.freeze({ ok: true, incomplete: true });

/** Streaming validator: feed the bytes of one message in any pieces, then call finish(). */
export class Utf8Validator {
	private state = ACCEPT;
	/** Bytes seen so far, so errors point into the whole message. */
	private seen = 0;

	/** Validate the next piece; the result says where the first invalid byte is, counted from the start. */
	push(bytes: Uint8Array): Utf8Result {
		if (!(bytes instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_INPUT', { fn: 'Utf8Validator.push', expected: 'Uint8Array' });
		let state = this.state;
		const n = bytes.length;
		let i = 0;
		for (;;) {
			if (state === ACCEPT) i = skipAscii(bytes, i, n);
			if (i >= n) break;
			const b = bytes[i];
			if (state === ACCEPT && b < 0x80) {
				i++;
				continue;
			}
			state = TRANSITION[state + CLASS[b]];
			if (state === REJECT) {
				this.state = REJECT;
				const offset = this.seen + i;
				this.seen += n;
				return { ok: false, offset };
			}
			i++;
		}
		this.state = state;
		this.seen += n;
		return state === ACCEPT ? OK_COMPLETE : OK_INCOMPLETE;
	}

	/** Call at the end of the message: a character cut off at the end is invalid too. */
	finish(): Utf8Result {
		if (this.state === ACCEPT) return OK_COMPLETE;
		const offset = this.seen;
		this.state = REJECT;
		return { ok: false, offset };
	}

	reset(): void {
		this.state = ACCEPT;
		this.seen = 0;
	}
}

/**
 * Index of the first non-ASCII byte at or after `i` (or n). Most text is ASCII, which never changes
 * the state, so long runs of it are checked four bytes at a time.
 */
function skipAscii(bytes: Uint8Array, i: number, n: number): number {
	if (n - i >= 64) {
		while (i < n && ((bytes.byteOffset + i) & 3) !== 0) {
			if (bytes[i] >= 0x80) return i;
			i++;
		}
		const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (n - i) >>> 2);
		let w = 0;
		const count = words.length;
		while (w + 4 <= count && ((words[w] | words[w + 1] | words[w + 2] | words[w + 3]) & 0x80808080) === 0) w += 4;
		while (w < count && (words[w] & 0x80808080) === 0) w++;
		i += w << 2;
	}
	while (i < n && bytes[i] < 0x80) i++;
	return i;
}

/** Validate a whole buffer. On failure, `offset` is the first byte that cannot be valid. */
export function validateUtf8(bytes: Uint8Array): Utf8Result {
	const v = new Utf8Validator();
	const r = v.push(bytes);
	return r.ok ? v.finish() : r;
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** Decode bytes already validated (invalid sequences would become U+FFFD, never throw). */
export function decodeUtf8(bytes: Uint8Array): string {
	if (!(bytes instanceof Uint8Array))
		throw new WebSocketUsageError('BAD_INPUT', { fn: 'decodeUtf8', expected: 'Uint8Array' });
	return decoder.decode(bytes);
}

export function encodeUtf8(text: string): Uint8Array {
	if (typeof text !== 'string') throw new WebSocketUsageError('BAD_INPUT', { fn: 'encodeUtf8', expected: 'string' });
	return encoder.encode(text);
}
