/**
 * Plain hex digits ("818537fa", "81 85 37 fa", "81:85:37:fa", "81-85-37-fa"), plus the two helpers code
 * uses directly: toHex for display and hexToBytes for literals in lessons and tests.
 */
import { type Ctx, hexVal, isLineBreak, isSpace } from './scan';

/** Separators people put between bytes: whitespace, colons (MAC style), dashes, commas (CSV). */
export function isHexSep(c: number): boolean {
	return isSpace(c) || c === 58 || c === 45 || c === 44;
}

// One table lookup per character in the hot loop: 0-15 digit value, or one of these kinds.
const SEP = 16;
const BREAK = 17;
const BAD = 18;
const KIND = new Int8Array(128).fill(BAD);
for (let c = 0; c < 128; c++) {
	if (hexVal(c) >= 0) KIND[c] = hexVal(c);
	else if (isLineBreak(c)) KIND[c] = BREAK;
	else if (isHexSep(c)) KIND[c] = SEP;
}

/**
 * Reads text[from, to) as hex digits. Digits pair up from the start of each group; a separator may not
 * split a pair, so "81 5 37" fails at the "5" rather than silently shifting every later byte by a
 * nibble. The one exception is a line break inside a long unbroken run (8+ digits), because terminals
 * and editors wrap long hex strings wherever the window ends, including mid-byte.
 */
export function scanHex(ctx: Ctx, from: number, to: number): void {
	const t = ctx.text;
	const out = ctx.out;
	const buf = out.reserve((to - from + 1) >> 1);
	let n = out.length;
	let pending = -1; // offset of the first digit of an unfinished byte
	let hi = 0;
	let run = 0; // digits since the last separator, to tell wrapping from a lone digit
	for (let i = from; i < to; i++) {
		const c = t.charCodeAt(i);
		const k = c < 128 ? KIND[c] : isSpace(c) ? SEP : BAD;
		if (k < 16) {
			if (pending < 0) {
				// The usual case, a whole byte at once, skips the pending state.
				const d = i + 1 < to ? t.charCodeAt(i + 1) : BAD;
				const k2 = d < 128 ? KIND[d] : BAD;
				if (k2 < 16) {
					buf[n++] = (k << 4) | k2;
					i++;
					run += 2;
					continue;
				}
				pending = i;
				hi = k;
			} else {
				buf[n++] = (hi << 4) | k;
				pending = -1;
			}
			run++;
		} else if (k !== BAD) {
			if (pending >= 0) {
				if (k === BREAK && run >= 8) continue;
				out.length = n;
				loneDigit(ctx, pending, run);
			}
			run = 0;
		} else {
			out.length = n;
			ctx.failChar(i, 'not-hex');
		}
	}
	out.length = n;
	if (pending >= 0) loneDigit(ctx, pending, run);
}

/** Every odd-count failure names the digit left without a partner, since that is where to look. */
export function loneDigit(ctx: Ctx, i: number, groupLength: number): never {
	return ctx.fail('odd-digits', i, i + 1, { digit: ctx.text[i], group: groupLength });
}

const DIGITS = new Uint16Array([...'0123456789abcdef'].map((ch) => ch.charCodeAt(0)));

/** Lower-case hex, two digits per byte, joined by `sep` (a space unless told otherwise). */
export function toHex(bytes: Uint8Array, sep = ' '): string {
	// Char codes built in chunks and turned into strings natively: joining a million two-character
	// strings is several times slower, and a whole dump may be shown.
	const sepCodes = Array.from(String(sep), (_, i) => String(sep).charCodeAt(i));
	const CHUNK = 4096;
	const codes = new Uint16Array(CHUNK * (2 + sepCodes.length));
	let s = '';
	for (let i = 0; i < bytes.length; i += CHUNK) {
		const end = Math.min(bytes.length, i + CHUNK);
		let k = 0;
		for (let j = i; j < end; j++) {
			if (j > 0) for (const c of sepCodes) codes[k++] = c;
			codes[k++] = DIGITS[bytes[j] >> 4];
			codes[k++] = DIGITS[bytes[j] & 15];
		}
		s += String.fromCharCode.apply(null, codes.subarray(0, k) as unknown as number[]);
	}
	return s;
}

/**
 * Strict hex for code: digits in pairs, optionally with whitespace between bytes
 * (`hexToBytes('81 05 48 65 6c 6c 6f')`). Anything else is a programming error, so it throws a
 * TypeError whose message is facts, as the engine's usage errors are: what went wrong (`odd-digits`,
 * `split-byte`, `not-hex`, `not-a-string`), where, and the start of the text.
 */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
	if (typeof hex !== 'string') throw new TypeError(`hexToBytes: not-a-string (got=${typeof hex})`);
	const facts = (code: string, index: number, char = '') =>
		`hexToBytes: ${code} (index=${index}${char && `, char=${JSON.stringify(char)}`}, text=${JSON.stringify(hex.length > 40 ? hex.slice(0, 40) + '…' : hex)})`;
	const out = new Uint8Array(hex.length >> 1);
	let n = 0;
	let pending = -1;
	let hi = 0;
	for (let i = 0; i < hex.length; i++) {
		const c = hex.charCodeAt(i);
		const v = hexVal(c);
		if (v >= 0) {
			if (pending < 0) {
				pending = i;
				hi = v;
			} else {
				out[n++] = (hi << 4) | v;
				pending = -1;
			}
		} else if (c === 32 || c === 9 || c === 10 || c === 13) {
			if (pending >= 0) throw new TypeError(facts('split-byte', i));
		} else {
			throw new TypeError(facts('not-hex', i, hex[i]));
		}
	}
	if (pending >= 0) throw new TypeError(facts('odd-digits', pending));
	return out.slice(0, n);
}
