/**
 * The permessage-deflate payload transformation (RFC 7692 §7.2), synchronous, on fflate.
 *
 * Compressing (§7.2.1): DEFLATE the message, end it with an empty stored block (BFINAL 0, BTYPE 00,
 * LEN 0000, NLEN FFFF: the bytes 00 00 FF FF once aligned), then remove those 4 bytes.
 * Decompressing (§7.2.2): append 00 00 FF FF and inflate.
 *
 * Why not fflate's streaming `Deflate` with `flush(true)`: in fflate 0.8.3 it is broken in two ways
 * (github.com/101arrowz/fflate issues #267 and #260): the sync-flush marker comes out malformed
 * whenever the last partial byte holds a 1 bit or exactly 6 bits of it are used, and the streaming
 * compressor can emit distances into the zero-filled buffer that precedes the real data. `deflateSync` is correct, so each piece of a
 * message is compressed with `deflateSync`, the earlier bytes passed as its `dictionary` (that is the
 * LZ77 window taken over, §7.2.3.2). Its output is a complete stream whose last block has BFINAL set;
 * walkDeflate finds that block, BFINAL is cleared, and the empty stored block is put after it.
 *
 * Window bits (§7.1.2): fflate always searches up to 32,767 bytes back and has no option to search
 * less, so a smaller window is kept by construction: the message is cut into pieces of W/2 bytes
 * (W = 2^bits), each compressed alone with at most the W/2 bytes before it as dictionary. No reference
 * can then reach further back than W - 1 bytes, which any decompressor with a W-byte window accepts.
 * For 15 bits fflate's own 32,767-byte limit is the window: the dictionary is the last 32 KiB and
 * pieces are 64 KiB (big pieces keep the cost of re-reading the dictionary small).
 *
 * Cost: small windows mean many small fflate calls (about 1 MB/s at 8 bits, where pieces are 128
 * bytes); 15 bits runs at about the speed of a single deflateSync.
 */

import { Inflate, deflateSync } from 'fflate';
import { walkDeflate, type DeflateBlock } from './deflate-blocks';
import { protocolError, type ProtocolError } from '../errors';
import { concat } from '../bytes';

/** The empty stored block's LEN and NLEN, removed by the sender and restored by the receiver (RFC 7692 §7.2). */
export const DEFLATE_TAIL: Uint8Array = Uint8Array.of(0x00, 0x00, 0xff, 0xff);

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export type WindowBits = 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;

export type InflateResult =
	{ readonly ok: true; readonly data: Uint8Array } | { readonly ok: false; readonly error: ProtocolError };

const WINDOW = 32768;
const EMPTY = new Uint8Array(0);
const IGNORE = (): void => {};

/** The sending side of one direction: the LZ77 window it may take over between messages. */
export class MessageDeflater {
	private history: Uint8Array = EMPTY;
	private readonly piece: number;
	private readonly keep: number;

	constructor(
		private readonly level: DeflateLevel = 6,
		windowBits: WindowBits = 15,
		private readonly noContextTakeover = false
	) {
		this.piece = windowBits === 15 ? 65536 : 1 << (windowBits - 1);
		this.keep = windowBits === 15 ? WINDOW : 1 << (windowBits - 1);
	}

	/** The payload for one message: DEFLATE data without the trailing 00 00 FF FF. */
	compress(data: Uint8Array, steps?: Uint8Array[]): Uint8Array {
		// RFC 7692 §7.2.3.6: a single 0x00 (an empty stored block's header, its LEN and NLEN removed).
		if (data.length === 0) return Uint8Array.of(0x00);
		// §7.2.1: each message starts from an empty window when context takeover is off for this direction.
		if (this.noContextTakeover) this.history = EMPTY;
		if (this.level === 0) return storedBlocks(data);
		const out: Uint8Array[] = [];
		for (let at = 0; at < data.length; at += this.piece) {
			const piece = data.subarray(at, Math.min(data.length, at + this.piece));
			const lastPiece = at + this.piece >= data.length;
			const raw = deflateSync(
				piece,
				this.history.length ? { level: this.level, dictionary: this.history } : { level: this.level }
			);
			const walk = walkDeflate(raw);
			const last = walk.blocks[walk.blocks.length - 1];
			if (walk.error || !last?.final || walk.outputBytes !== piece.length) {
				// Never expected; stored blocks are always valid, so the message still goes out intact.
				out.push(storedBlocks(piece));
				if (!lastPiece) out.push(DEFLATE_TAIL);
			} else {
				steps?.push(raw);
				const bytes = raw.slice(0, (last.endBit + 7) >>> 3);
				// Clear BFINAL: the stream goes on, with the next piece or the next message.
				bytes[last.startBit >>> 3] &= ~(1 << (last.startBit & 7));
				out.push(bytes);
				// The empty stored block: 3 header bits (zero) right after the block, then byte alignment. If
				// fewer than 3 padding bits are left in the last byte, the header needs one more (zero) byte.
				const spare = bytes.length * 8 - last.endBit;
				if (spare < 3) out.push(lastPiece ? Uint8Array.of(0x00) : Uint8Array.of(0x00, 0x00, 0x00, 0xff, 0xff));
				else if (!lastPiece) out.push(DEFLATE_TAIL);
			}
			this.remember(piece);
		}
		return out.length === 1 ? out[0] : concat(out);
	}

	private remember(piece: Uint8Array): void {
		if (piece.length >= this.keep) this.history = piece.slice(piece.length - this.keep);
		else {
			const h = new Uint8Array(Math.min(this.keep, this.history.length + piece.length));
			const fromOld = h.length - piece.length;
			h.set(this.history.subarray(this.history.length - fromOld));
			h.set(piece, fromOld);
			this.history = h;
		}
	}
}

/** Level 0: stored blocks of at most 65,535 bytes (RFC 1951 §3.2.4), the last header left for the tail. */
function storedBlocks(data: Uint8Array): Uint8Array {
	const count = Math.ceil(data.length / 65535);
	const out = new Uint8Array(data.length + count * 5 + 1);
	let o = 0;
	for (let i = 0; i < data.length; i += 65535) {
		const len = Math.min(65535, data.length - i);
		out.set([0x00, len & 0xff, len >>> 8, ~len & 0xff, (~len >>> 8) & 0xff], o);
		out.set(data.subarray(i, i + len), o + 5);
		o += 5 + len;
	}
	out[o] = 0x00; // BFINAL 0, BTYPE 00 and padding: the empty block whose LEN and NLEN were removed
	return out;
}

/** fflate's inflater state, read to tell a clean end of message from a stream that stopped early. */
interface InflateInternals {
	readonly s?: { readonly f?: number; readonly l?: unknown };
	readonly p?: Uint8Array;
}

/**
 * The receiving side of one direction. fflate's `Inflate` keeps the last 32 KiB of output, so the
 * window is taken over between messages simply by keeping the same instance.
 */
export class MessageInflater {
	private inflate: Inflate | null = null;
	/** Output of recent messages (at least the last 32 KiB), to restart after a BFINAL block. */
	private recent: Uint8Array[] = [];
	private recentSize = 0;
	private restart = false;

	constructor(private readonly noContextTakeover = false) {}

	decompress(payload: Uint8Array, maxSize: number): InflateResult {
		// An empty payload is not DEFLATE data (§7.2.3.6 says to send 0x00); like most receivers we read
		// it as an empty message and leave the window alone.
		if (payload.length === 0) return { ok: true, data: EMPTY };
		if (!this.inflate || this.noContextTakeover) this.inflate = this.fresh();
		const inflate = this.inflate;
		const parts: Uint8Array[] = [];
		let size = 0;
		inflate.ondata = (chunk) => {
			size += chunk.length;
			if (size <= maxSize) parts.push(chunk);
		};
		try {
			// Feed the compressed bytes in slices so that no single step can inflate far beyond maxSize:
			// DEFLATE expands at most ~1032:1, so a slice of n bytes yields at most ~1032n bytes (4 MiB
			// past the limit at worst). Slices are as large as that allows: each costs fflate a copy of
			// its 32 KiB window.
			for (let at = 0; at < payload.length;) {
				const room = maxSize - size;
				const step = Math.max(4096, Math.min(1 << 20, Math.floor(room / 1032)));
				const end = Math.min(payload.length, at + step);
				inflate.push(end === payload.length ? concat([payload.subarray(at), DEFLATE_TAIL]) : payload.subarray(at, end));
				at = end;
				if (size > maxSize)
					return this.fail(protocolError('MESSAGE_TOO_BIG', { size: null, limit: maxSize, stage: 'inflated' }));
			}
		} catch {
			return this.fail(protocolError('INVALID_COMPRESSED_DATA', { problem: 'corrupt' }));
		} finally {
			inflate.ondata = IGNORE; // let go of this message's output
		}
		const state = inflate as unknown as InflateInternals;
		if (state.s && state.s.f && !state.s.l) {
			// A block with BFINAL set ended the DEFLATE stream (allowed, §7.2.3.4); what follows it in this
			// payload is padding. The next message starts a new stream over the same window.
			this.inflate = null;
			this.restart = true;
		} else if (state.s && (state.s.l || (state.p && state.p.length > 0)))
			return this.fail(protocolError('INVALID_COMPRESSED_DATA', { problem: 'unfinished' }));
		const data = parts.length === 1 ? parts[0] : concat(parts, size);
		if (!this.noContextTakeover) this.remember(data);
		return { ok: true, data };
	}

	private fresh(): Inflate {
		if (!this.restart || this.noContextTakeover || this.recentSize === 0) return new Inflate();
		this.restart = false;
		const all = concat(this.recent, this.recentSize);
		return new Inflate({ dictionary: all.subarray(Math.max(0, all.length - WINDOW)) });
	}

	private remember(data: Uint8Array): void {
		if (data.length === 0) return;
		this.recent.push(data);
		this.recentSize += data.length;
		while (this.recentSize - this.recent[0].length >= WINDOW) this.recentSize -= this.recent.shift()!.length;
	}

	private fail(error: ProtocolError): InflateResult {
		// The window is now unknown; the connection fails, and a reused inflater starts over.
		this.inflate = null;
		this.restart = false;
		this.recent = [];
		this.recentSize = 0;
		return { ok: false, error };
	}
}

export interface DeflateStep {
	readonly input: Uint8Array;
	readonly inputSize: number;
	/**
	 * What fflate produced, one complete DEFLATE stream per piece of the message (one piece unless the
	 * message is longer than 64 KiB, or than half a smaller window): its last block has BFINAL set.
	 */
	readonly deflated: readonly Uint8Array[];
	/** Step 2 of RFC 7692 §7.2.1: BFINAL cleared, ending in an empty stored block (00 00 FF FF). */
	readonly flushed: Uint8Array;
	/** The blocks of `flushed` as a receiver reads them, bit positions counted from its first byte. */
	readonly blocks: readonly DeflateBlock[];
	/** How far before this message its farthest reference reaches (0: it needs no earlier window). */
	readonly reachesBack: number;
	/** Step 3: the message payload, `flushed` without its last 4 bytes. */
	readonly payload: Uint8Array;
	readonly payloadSize: number;
	/** The 4 bytes were removed (always, for what this codec sends; 0x00 alone for an empty message). */
	readonly tailRemoved: boolean;
}

export interface DeflateStepsOptions {
	readonly level?: DeflateLevel;
	readonly windowBits?: WindowBits;
	readonly noContextTakeover?: boolean;
}

/** Compress successive messages of one direction, keeping every intermediate form (for lessons). */
export function deflateSteps(messages: readonly Uint8Array[], opts: DeflateStepsOptions = {}): DeflateStep[] {
	const d = new MessageDeflater(opts.level ?? 6, opts.windowBits ?? 15, opts.noContextTakeover ?? false);
	return messages.map((input) => {
		const pieces: Uint8Array[] = [];
		const payload = d.compress(input, pieces);
		const flushed = concat([payload, DEFLATE_TAIL]);
		const walk = walkDeflate(flushed);
		return {
			input,
			inputSize: input.length,
			deflated: pieces,
			flushed,
			blocks: walk.blocks,
			reachesBack: walk.reachesBack,
			payload,
			payloadSize: payload.length,
			tailRemoved: true
		};
	});
}

export interface InflateRawOptions {
	/** The sender started each message with an empty window (its *_no_context_takeover applied). */
	readonly noContextTakeover?: boolean;
	/** Largest inflated message; beyond it, MESSAGE_TOO_BIG (1009). Default 64 MiB. */
	readonly maxSize?: number;
}

/**
 * Inflate the payloads of successive compressed messages of one direction (a capture), with the
 * LZ77 window carried from one to the next. Stops at the first failure: later messages depend on it.
 */
export function inflateRaw(payloads: readonly Uint8Array[], opts: InflateRawOptions = {}): InflateResult[] {
	const inflater = new MessageInflater(opts.noContextTakeover ?? false);
	const out: InflateResult[] = [];
	for (const p of payloads) {
		const r = inflater.decompress(p, opts.maxSize ?? 64 * 1024 * 1024);
		out.push(r);
		if (!r.ok) break;
	}
	return out;
}
