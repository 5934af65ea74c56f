import { WebSocketUsageError, describeValue } from '../errors';

/**
 * SHA-1 (FIPS 180-4), written out because the opening handshake needs it synchronously and the
 * lesson shows its 20 bytes; Web Crypto's digest is asynchronous, and the engine stays synchronous.
 * SHA-1 is broken for signatures, but RFC 6455 only uses it to prove the server read the key.
 */
export function sha1(message: Uint8Array): Uint8Array {
	if (!(message instanceof Uint8Array)) throw new WebSocketUsageError('BAD_INPUT', { got: describeValue(message) });
	const ml = message.length;
	const blocks = ((ml + 8) >>> 6) + 1;
	const padded = new Uint8Array(blocks * 64);
	padded.set(message);
	padded[ml] = 0x80;
	const view = new DataView(padded.buffer);
	// Bit length as a 64-bit big-endian integer.
	view.setUint32(padded.length - 8, Math.floor((ml * 8) / 2 ** 32));
	view.setUint32(padded.length - 4, (ml * 8) >>> 0);

	let h0 = 0x67452301,
		h1 = 0xefcdab89,
		h2 = 0x98badcfe,
		h3 = 0x10325476,
		h4 = 0xc3d2e1f0;
	const w = new Uint32Array(80);
	for (let b = 0; b < blocks; b++) {
		for (let t = 0; t < 16; t++) w[t] = view.getUint32(b * 64 + t * 4);
		for (let t = 16; t < 80; t++) {
			const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
			w[t] = (x << 1) | (x >>> 31);
		}
		let a = h0,
			bb = h1,
			c = h2,
			d = h3,
			e = h4;
		for (let t = 0; t < 80; t++) {
			let f: number, k: number;
			if (t < 20) {
				f = (bb & c) | (~bb & d);
				k = 0x5a827999;
			} else if (t < 40) {
				f = bb ^ c ^ d;
				k = 0x6ed9eba1;
			} else if (t < 60) {
				f = (bb & c) | (bb & d) | (c & d);
				k = 0x8f1bbcdc;
			} else {
				f = bb ^ c ^ d;
				k = 0xca62c1d6;
			}
			const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) >>> 0;
			e = d;
			d = c;
			c = (bb << 30) | (bb >>> 2);
			bb = a;
			a = temp;
		}
		h0 = (h0 + a) >>> 0;
		h1 = (h1 + bb) >>> 0;
		h2 = (h2 + c) >>> 0;
		h3 = (h3 + d) >>> 0;
		h4 = (h4 + e) >>> 0;
	}
	const out = new Uint8Array(20);
	const ov = new DataView(out.buffer);
	[h0, h1, h2, h3, h4].forEach((h, i) => ov.setUint32(i * 4, h));
	return out;
}
