/**
 * Base64 as pasted from logs, JSON and browser devtools: standard or URL-safe alphabet (both at once,
 * since people paste whatever they have), padding optional, line-wrapped or not. The protocol's own
 * decoder (protocol/base64.ts) is strict for Sec-WebSocket-Key; this one must locate problems in a
 * paste and also answer "is this base64 at all?" for auto-detection, which needs different output.
 */
import { type Ctx, foundChar, hexVal, isLineBreak, isSpace } from './scan';

const B64 = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
	.split('')
	.forEach((ch, i) => (B64[ch.charCodeAt(0)] = i));
B64[45] = 62; // '-' URL-safe
B64[95] = 63; // '_' URL-safe

/**
 * Reads text[from, to) as base64 into ctx.out.
 *
 * With `auto` it never fails: it returns false when the text is not clearly base64, and the caller
 * discards ctx. "Clearly" means valid (right length and padding, no stray bits in the last character,
 * no spaces inside a line, as base64 is wrapped but never spaced) and not just hex with a typo: it needs
 * padding, +, / or _, both letter cases, or mostly non-hex characters. So "8185zz" is reported as a bad
 * hex digit, while "gQU=" and "SGVsbG8" decode. Without `auto` it returns true or throws a located Fail.
 */
export function scanBase64(ctx: Ctx, from: number, to: number, auto: boolean): boolean {
	const t = ctx.text;
	const out = ctx.out;
	const buf = out.reserve((((to - from) * 3) >> 2) + 3); // written directly: this loop is the hot path
	let n = out.length;
	let acc = 0;
	let bits = 0;
	let data = 0;
	let pad = 0;
	let firstPad = -1;
	let last = -1;
	let hexish = 0;
	let lower = false;
	let upper = false;
	let special = false;
	let lineHasData = false;
	let spaced = false; // a space or tab came after data on this line
	for (let i = from; i < to; i++) {
		const c = t.charCodeAt(i);
		const v = c < 128 ? B64[c] : -1;
		if (v >= 0) {
			if (pad > 0) {
				if (auto) return false;
				out.length = n;
				const char = foundChar(t, i);
				ctx.fail('bad-base64', i, i + char.text.length, { kind: 'after-padding', char });
			}
			if (auto && spaced) return false;
			acc = ((acc << 6) | v) & 0xffff;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				buf[n++] = (acc >> bits) & 255;
			}
			data++;
			last = i;
			lineHasData = true;
			if (hexVal(c) >= 0) hexish++;
			if (c >= 97 && c <= 122) lower = true;
			else if (c >= 65 && c <= 90) upper = true;
			else if (c === 43 || c === 47 || c === 95) special = true; // '-' doubles as a hex separator
		} else if (c === 61) {
			if (firstPad < 0) firstPad = i;
			if (++pad > 2) {
				if (auto) return false;
				out.length = n;
				ctx.fail('bad-base64', i, i + 1, { kind: 'too-much-padding' });
			}
		} else if (isSpace(c)) {
			if (isLineBreak(c)) lineHasData = spaced = false;
			else if (lineHasData) spaced = true;
		} else {
			if (auto) return false;
			out.length = n;
			const char = foundChar(t, i);
			ctx.fail('bad-base64', i, i + char.text.length, { kind: 'not-base64', char });
		}
	}
	out.length = n;
	if (data === 0) {
		if (auto) return false;
		if (firstPad < 0) ctx.fail('no-bytes', from, to, { format: 'base64' });
		ctx.fail('bad-base64', firstPad, firstPad + 1, { kind: 'padding-without-data' });
	}
	const rem = data % 4;
	if (rem === 1) {
		if (auto) return false;
		ctx.fail('bad-base64', last, last + 1, { kind: 'left-over', char: t[last], count: data });
	}
	if (pad > 0 && (rem + pad) % 4 !== 0) {
		if (auto) return false;
		// rem is 0, 2 or 3 here: none, "==" or "=" belongs.
		ctx.fail('bad-base64', firstPad, firstPad + pad, { kind: 'padding-misfit', count: data, expected: (4 - rem) % 4 });
	}
	if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
		if (auto) return false;
		ctx.warn('base64-stray-bits', last, last + 1, { char: t[last] });
	}
	return !auto || special || pad > 0 || (lower && upper) || hexish * 2 < data;
}
