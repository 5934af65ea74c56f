/**
 * A reader of DEFLATE block structure (RFC 1951 §3.2): where each block starts and ends (to the bit),
 * its type, whether BFINAL is set, how many literals and back-references it holds and how far back
 * they reach. It decodes Huffman symbols but builds no output, so it is cheap.
 *
 * Its users are the lessons, the simulator and the decoder, which show what a permessage-deflate
 * payload is made of (RFC 7692 §7.2.3). Compressing and inflating are the codec's job
 * (deflate-codec.ts, on pako and, in the server, Node's zlib); this file never produces message bytes.
 */

export type DeflateBlockType = 'stored' | 'fixed' | 'dynamic';

export interface DeflateBlock {
	readonly final: boolean;
	readonly type: DeflateBlockType;
	/** Bit offset of the block's BFINAL bit (bit 0 is the least significant bit of byte 0). */
	readonly startBit: number;
	/** Bit offset just after the block: after its end-of-block code, or after a stored block's data. */
	readonly endBit: number;
	/** Bytes the block produces when inflated. */
	readonly outputBytes: number;
	readonly literals: number;
	readonly matches: number;
	/** The farthest back-reference in the block (0 when it has none). */
	readonly maxDistance: number;
}

export interface DeflateWalk {
	readonly blocks: readonly DeflateBlock[];
	/** Bit offset after the last complete block. */
	readonly endBit: number;
	readonly outputBytes: number;
	/** A block with BFINAL set was read: the DEFLATE stream ends there. */
	readonly ended: boolean;
	/**
	 * How far before the start of this data the farthest reference reaches (0: none does). More than 0
	 * means the data relies on an LZ77 window taken over from earlier messages (RFC 7692 §7.2.3.2).
	 */
	readonly reachesBack: number;
	/** Why reading stopped early: corrupt data, or data that ends inside a block. */
	readonly error?: DeflateDataProblem;
}

/** What is wrong with DEFLATE data (RFC 1951 §3.2), as the walk finds it. */
export type DeflateDataProblem =
	| 'ends-inside-block'
	| 'oversubscribed-code'
	| 'no-matching-code'
	| 'stored-length-mismatch'
	| 'reserved-block-type'
	| 'repeat-without-previous'
	| 'repeat-overrun'
	| 'no-end-of-block'
	| 'undefined-length-code'
	| 'undefined-distance-code';

// RFC 1951 §3.2.5: base lengths and extra bits for length codes 257-285, distances for codes 0-29.
const LEN_BASE = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
// RFC 1951 §3.2.7: the order code-length code lengths are sent in.
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A lookup table indexed by the next `bits` input bits; entries are symbol << 4 | code length (0: no code). */
interface Huffman {
	readonly table: Uint16Array;
	readonly bits: number;
}

class DeflateError extends Error {
	constructor(readonly problem: DeflateDataProblem) {
		super(problem);
	}
}

/** Canonical Huffman codes from code lengths (RFC 1951 §3.2.2), reversed because DEFLATE packs them MSB first. */
function huffman(lengths: ArrayLike<number>): Huffman {
	let max = 0;
	const count = new Uint16Array(16);
	for (let i = 0; i < lengths.length; i++) {
		count[lengths[i]]++;
		if (lengths[i] > max) max = lengths[i];
	}
	count[0] = 0;
	const next = new Uint16Array(16);
	let code = 0;
	let left = 1;
	for (let len = 1; len <= 15; len++) {
		code = (code + count[len - 1]) << 1;
		next[len] = code;
		left = (left << 1) - count[len];
		if (left < 0) throw new DeflateError('oversubscribed-code');
	}
	const bits = Math.max(max, 1);
	const table = new Uint16Array(1 << bits);
	for (let sym = 0; sym < lengths.length; sym++) {
		const len = lengths[sym];
		if (!len) continue;
		let c = next[len]++;
		let rev = 0;
		for (let k = 0; k < len; k++, c >>= 1) rev = (rev << 1) | (c & 1);
		for (let i = rev; i < table.length; i += 1 << len) table[i] = (sym << 4) | len;
	}
	return { table, bits };
}

const FIXED_LIT = huffman(Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)));
const FIXED_DIST = huffman(new Array<number>(30).fill(5));

/** Thrown (internally) when a block needs bits past the end of the data. */
const OUT_OF_DATA = new DeflateError('ends-inside-block');

/**
 * Read the blocks of raw DEFLATE data. Stops after a block with BFINAL set (anything after it is not
 * part of the stream), at the end of the data between blocks, or at the first error.
 */
export function walkDeflate(data: Uint8Array): DeflateWalk {
	const total = data.length * 8;
	let pos = 0;
	const need = (n: number): void => {
		if (pos + n > total) throw OUT_OF_DATA;
	};
	// Up to 24 bits from the current position, least significant bit first (bytes past the end read 0).
	const peek = (): number => {
		const o = pos >>> 3;
		return ((data[o] | (data[o + 1] << 8) | (data[o + 2] << 16) | (data[o + 3] << 24)) >>> (pos & 7)) & 0xffffff;
	};
	const take = (n: number): number => {
		need(n);
		const v = n ? peek() & ((1 << n) - 1) : 0;
		pos += n;
		return v;
	};
	const symbol = (h: Huffman): number => {
		const e = h.table[peek() & ((1 << h.bits) - 1)];
		if (!e) {
			// Only an incomplete code has holes; past the end of the data the hole may be padding.
			need(h.bits);
			throw new DeflateError('no-matching-code');
		}
		need(e & 15);
		pos += e & 15;
		return e >>> 4;
	};

	const blocks: DeflateBlock[] = [];
	let output = 0;
	let reachesBack = 0;
	let ended = false;
	let error: DeflateDataProblem | undefined;
	let lastEnd = 0;
	try {
		while (!ended && pos < total) {
			const start = pos;
			const final = take(1) === 1;
			const btype = take(2);
			let literals = 0;
			let matches = 0;
			let maxDistance = 0;
			const before = output;
			let type: DeflateBlockType;
			if (btype === 0) {
				type = 'stored';
				pos = (pos + 7) & ~7;
				const len = take(16);
				const nlen = take(16);
				if ((len ^ 0xffff) !== nlen) throw new DeflateError('stored-length-mismatch');
				need(len * 8);
				pos += len * 8;
				output += len;
			} else if (btype === 3) {
				throw new DeflateError('reserved-block-type');
			} else {
				let lit = FIXED_LIT;
				let dist = FIXED_DIST;
				type = 'fixed';
				if (btype === 2) {
					type = 'dynamic';
					const hlit = take(5) + 257;
					const hdist = take(5) + 1;
					const hclen = take(4) + 4;
					const clLengths = new Uint8Array(19);
					for (let i = 0; i < hclen; i++) clLengths[CL_ORDER[i]] = take(3);
					const cl = huffman(clLengths);
					const lengths = new Uint8Array(hlit + hdist);
					for (let i = 0; i < lengths.length;) {
						const s = symbol(cl);
						if (s < 16) lengths[i++] = s;
						else {
							if (s === 16 && i === 0) throw new DeflateError('repeat-without-previous');
							const prev = s === 16 ? lengths[i - 1] : 0;
							const n = s === 16 ? 3 + take(2) : s === 17 ? 3 + take(3) : 11 + take(7);
							if (i + n > lengths.length) throw new DeflateError('repeat-overrun');
							lengths.fill(prev, i, i + n);
							i += n;
						}
					}
					if (!lengths[256]) throw new DeflateError('no-end-of-block');
					lit = huffman(lengths.subarray(0, hlit));
					dist = huffman(lengths.subarray(hlit));
				}
				for (;;) {
					const s = symbol(lit);
					if (s < 256) {
						literals++;
						output++;
					} else if (s === 256) break;
					else {
						if (s > 285) throw new DeflateError('undefined-length-code');
						const length = LEN_BASE[s - 257] + take(LEN_EXTRA[s - 257]);
						const d = symbol(dist);
						if (d > 29) throw new DeflateError('undefined-distance-code');
						const distance = DIST_BASE[d] + take(DIST_EXTRA[d]);
						if (distance > maxDistance) maxDistance = distance;
						if (distance - output > reachesBack) reachesBack = distance - output;
						matches++;
						output += length;
					}
				}
			}
			blocks.push({
				final,
				type,
				startBit: start,
				endBit: pos,
				outputBytes: output - before,
				literals,
				matches,
				maxDistance
			});
			lastEnd = pos;
			ended = final;
		}
	} catch (e) {
		if (!(e instanceof DeflateError)) throw e;
		error = e.problem;
	}
	return {
		blocks,
		endBit: lastEnd,
		outputBytes: output,
		ended,
		reachesBack,
		...(error !== undefined ? { error } : {})
	};
}
