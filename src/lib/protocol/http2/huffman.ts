/**
 * The Huffman code of HPACK string literals (RFC 7541 §5.2, Appendix B). The appendix's code is
 * canonical: ordered by length, then by symbol, each code the previous one plus one (shifted when
 * the length grows). So the table below is the appendix's bit lengths alone, symbol 0 to 255 and
 * EOS (256), and the codes are worked out from them; the tests check the result against the
 * appendix's own codes and the Huffman-coded examples of Appendix C.4 and C.6.
 */

/** Code length in bits of each symbol, Appendix B, in symbol order (row comments: the symbols). */
const LENGTHS: readonly number[] = [
	13,
	23,
	28,
	28,
	28,
	28,
	28,
	28,
	28,
	24,
	30,
	28,
	28,
	30,
	28,
	28, // 0-15
	28,
	28,
	28,
	28,
	28,
	28,
	30,
	28,
	28,
	28,
	28,
	28,
	28,
	28,
	28,
	28, // 16-31
	6,
	10,
	10,
	12,
	13,
	6,
	8,
	11,
	10,
	10,
	8,
	11,
	8,
	6,
	6,
	6, // 32-47
	5,
	5,
	5,
	6,
	6,
	6,
	6,
	6,
	6,
	6,
	7,
	8,
	15,
	6,
	12,
	10, // 48-63
	13,
	6,
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	7, // 64-79
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	7,
	8,
	7,
	8,
	13,
	19,
	13,
	14,
	6, // 80-95
	15,
	5,
	6,
	5,
	6,
	5,
	6,
	6,
	6,
	5,
	7,
	7,
	6,
	6,
	6,
	5, // 96-111
	6,
	7,
	6,
	5,
	5,
	6,
	7,
	7,
	7,
	7,
	7,
	15,
	11,
	14,
	13,
	28, // 112-127
	20,
	22,
	20,
	20,
	22,
	22,
	22,
	23,
	22,
	23,
	23,
	23,
	23,
	23,
	24,
	23, // 128-143
	24,
	24,
	22,
	23,
	24,
	23,
	23,
	23,
	23,
	21,
	22,
	23,
	22,
	23,
	23,
	24, // 144-159
	22,
	21,
	20,
	22,
	22,
	23,
	23,
	21,
	23,
	22,
	22,
	24,
	21,
	22,
	23,
	23, // 160-175
	21,
	21,
	22,
	21,
	23,
	22,
	23,
	23,
	20,
	22,
	22,
	22,
	23,
	22,
	22,
	23, // 176-191
	26,
	26,
	20,
	19,
	22,
	23,
	22,
	25,
	26,
	26,
	26,
	27,
	27,
	26,
	24,
	25, // 192-207
	19,
	21,
	26,
	27,
	27,
	26,
	27,
	24,
	21,
	21,
	26,
	26,
	28,
	27,
	27,
	27, // 208-223
	20,
	24,
	20,
	21,
	22,
	21,
	21,
	23,
	22,
	22,
	25,
	25,
	24,
	24,
	26,
	23, // 224-239
	26,
	27,
	26,
	26,
	27,
	27,
	27,
	27,
	27,
	28,
	27,
	27,
	27,
	27,
	27,
	26, // 240-255
	30 // 256-256
];

export const EOS = 256;

/** Each symbol's code (right-aligned) and its length: canonical, from LENGTHS. */
export const HUFFMAN_CODES: readonly { readonly code: number; readonly bits: number }[] = (() => {
	const order = LENGTHS.map((bits, symbol) => ({ bits, symbol })).sort(
		(a, b) => a.bits - b.bits || a.symbol - b.symbol
	);
	const out: { code: number; bits: number }[] = new Array(LENGTHS.length);
	let code = 0;
	let prev = order[0].bits;
	order.forEach(({ bits, symbol }, i) => {
		if (i > 0) code = (code + 1) * 2 ** (bits - prev);
		out[symbol] = { code, bits };
		prev = bits;
	});
	return out;
})();

/** A binary tree of the codes for decoding: node children by bit; a leaf holds its symbol. */
type Node = { zero?: Node; one?: Node; symbol?: number };
const ROOT: Node = (() => {
	const root: Node = {};
	HUFFMAN_CODES.forEach(({ code, bits }, symbol) => {
		let node = root;
		for (let i = bits - 1; i >= 0; i--) {
			const one = Math.floor(code / 2 ** i) % 2 === 1;
			const next = (one ? node.one : node.zero) ?? {};
			if (one) node.one = next;
			else node.zero = next;
			node = next;
		}
		node.symbol = symbol;
	});
	return root;
})();

export type HuffmanProblem = 'HUFFMAN_EOS' | 'HUFFMAN_PADDING';

/**
 * Decode Huffman-coded octets. §5.2: padding is the most significant bits of EOS (all ones),
 * shorter than 8 bits; EOS itself in the string is an error.
 */
export function huffmanDecode(
	bytes: Uint8Array
): { ok: true; value: Uint8Array } | { ok: false; problem: HuffmanProblem } {
	const out: number[] = [];
	let node = ROOT;
	let depth = 0;
	let allOnes = true;
	for (const byte of bytes) {
		for (let i = 7; i >= 0; i--) {
			const one = ((byte >> i) & 1) === 1;
			node = (one ? node.one : node.zero)!;
			depth++;
			allOnes &&= one;
			if (node.symbol !== undefined) {
				if (node.symbol === EOS) return { ok: false, problem: 'HUFFMAN_EOS' };
				out.push(node.symbol);
				node = ROOT;
				depth = 0;
				allOnes = true;
			}
		}
	}
	if (depth > 7 || !allOnes) return { ok: false, problem: 'HUFFMAN_PADDING' };
	return { ok: true, value: Uint8Array.from(out) };
}

/** Huffman-code octets, padded with the high bits of EOS (all ones) to a whole octet (§5.2). */
export function huffmanEncode(bytes: Uint8Array): Uint8Array {
	const out: number[] = [];
	let acc = 0;
	let count = 0;
	for (const b of bytes) {
		const { code, bits } = HUFFMAN_CODES[b];
		for (let i = bits - 1; i >= 0; i--) {
			acc = (acc << 1) | (Math.floor(code / 2 ** i) % 2);
			if (++count === 8) {
				out.push(acc);
				acc = 0;
				count = 0;
			}
		}
	}
	if (count > 0) out.push(((acc << (8 - count)) | ((1 << (8 - count)) - 1)) & 0xff);
	return Uint8Array.from(out);
}

/** The length a Huffman coding of `bytes` would take, in octets. */
export function huffmanLength(bytes: Uint8Array): number {
	let bits = 0;
	for (const b of bytes) bits += HUFFMAN_CODES[b].bits;
	return Math.ceil(bits / 8);
}
