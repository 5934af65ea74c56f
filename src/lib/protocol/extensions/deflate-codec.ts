/**
 * The permessage-deflate payload transformation (RFC 7692 §7.2), synchronous.
 *
 * Compressing (§7.2.1): DEFLATE the message, end it with an empty stored block (BFINAL 0, BTYPE 00,
 * LEN 0000, NLEN FFFF: the bytes 00 00 FF FF once aligned), then remove those 4 bytes.
 * Decompressing (§7.2.2): append 00 00 FF FF and inflate.
 *
 * Both are streams that live as long as the connection, as RFC 7692 means context takeover: one pako
 * (zlib ported to JavaScript) compressor and one decompressor per direction, each message pushed with
 * a sync flush, which is exactly §7.2.1's "empty stored block". A message then costs work in
 * proportion to its own size, not to the 32 KiB window. Without takeover (§7.2.1 "*_no_context_takeover")
 * the compressor ends each message with a full flush instead, which also forgets the window, and the
 * decompressor starts afresh for every message.
 *
 * A host may lend the codec a faster synchronous DEFLATE for large messages (`DeflateBackend`: the
 * server passes Node's zlib). Each backend call is a stream of its own, primed with the direction's
 * recent data as its dictionary (PRIME_MIN says how much); that priming costs more than a small message, so the
 * backend only takes messages from a size on, and the pako stream is rebuilt from the
 * same history the next time a small message comes. The engine stays sans-I/O: a backend is plain
 * computation, bytes in and bytes out.
 *
 * Window bits (§7.1.2): zlib refuses a raw window of 8 bits, so an 8-bit window is compressed with 9.
 * That is still safe: zlib never looks further back than the window minus 262 bytes (MAX_DIST in its
 * deflate.c, the lookahead it keeps), 250 bytes for 9 bits, which a receiver with a 256-byte window
 * accepts. The decompressor always keeps a 32 KiB window: it accepts anything a peer may send.
 */

import type { Deflate, Inflate } from 'pako';
import { requireZlib } from './zlib';
import { walkDeflate, type DeflateBlock } from './deflate-blocks';
import { protocolError, type ProtocolError } from '../errors';
import { concat } from '../bytes';

/** The empty stored block's LEN and NLEN, removed by the sender and restored by the receiver (RFC 7692 §7.2). */
export const DEFLATE_TAIL: Uint8Array = Uint8Array.of(0x00, 0x00, 0xff, 0xff);
/** The tail, then an empty fixed-Huffman block with BFINAL set: it ends the stream cleanly. */
const CLOSED_TAIL: Uint8Array = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x03, 0x00);

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export type WindowBits = 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;

export type InflateResult =
	{ readonly ok: true; readonly data: Uint8Array } | { readonly ok: false; readonly error: ProtocolError };

/**
 * A synchronous raw-DEFLATE implementation the host lends the codec for large messages (RFC 1951
 * data without zlib or gzip headers). Each call is a stream of its own.
 */
export interface DeflateBackend {
	/**
	 * The smallest message (uncompressed bytes) and the smallest payload (compressed bytes) worth a
	 * call: below them, priming a new stream with the window costs more than the backend saves.
	 */
	readonly deflateFrom: number;
	readonly inflateFrom: number;
	/**
	 * `data` compressed as if it followed `dictionary` in the stream, ended by a sync flush, so the
	 * result ends with 00 00 FF FF. Never reaches further back than 2^windowBits - 262 bytes.
	 */
	deflate(data: Uint8Array, o: { level: DeflateLevel; windowBits: number; dictionary: Uint8Array | null }): Uint8Array;
	/**
	 * A complete stream (one that ends with a BFINAL block) inflated with a 32 KiB window preset to
	 * `dictionary`. Returns null when the output would exceed `maxOutput`; throws on corrupt or
	 * unfinished data.
	 */
	inflate(data: Uint8Array, o: { dictionary: Uint8Array | null; maxOutput: number }): Uint8Array | null;
}

const WINDOW = 32768;
const EMPTY = new Uint8Array(0);
/**
 * A backend's compressor is primed with the last max(PRIME_MIN, message size) bytes of the history,
 * not always the whole window: priming hashes every dictionary byte, which for a 16 KiB message cost
 * as much as compressing it (Node's zlib here: 204 µs with 32 KiB, 138 µs with 16 KiB, for the
 * same output within 0.5% on JSON text). The message's own size of history holds the previous
 * message, where most repetition is; matches further back are given up. The receiver is not
 * affected: any distance within its window stays valid, and the stream's own window is untouched.
 */
const PRIME_MIN = 8192;

/**
 * The last 32 KiB one direction carried: the window a fresh stream is primed with. Kept as a list of
 * copies and joined only when a stream needs it, so a small message costs a small copy, not 32 KiB.
 */
class History {
	private chunks: Uint8Array[] = [];
	private size = 0;
	private joined: Uint8Array | null = null;

	get window(): Uint8Array | null {
		if (this.size === 0) return null;
		if (!this.joined) {
			const all = concat(this.chunks, this.size);
			this.joined = all.length > WINDOW ? all.subarray(all.length - WINDOW) : all;
			this.chunks = [this.joined];
			this.size = this.joined.length;
		}
		return this.joined;
	}

	/** The last `n` bytes of the window (all of it when shorter), or null when nothing was carried. */
	recent(n: number): Uint8Array | null {
		const all = this.window;
		return all && all.length > n ? all.subarray(all.length - n) : all;
	}

	add(data: Uint8Array): void {
		if (data.length === 0) return;
		// A copy: the caller owns `data` (a received message goes to the application, which may change it).
		const piece = data.slice(Math.max(0, data.length - WINDOW));
		this.chunks.push(piece);
		this.size += piece.length;
		this.joined = null;
		while (this.size - this.chunks[0].length >= WINDOW) this.size -= this.chunks.shift()!.length;
	}

	clear(): void {
		this.chunks = [];
		this.size = 0;
		this.joined = null;
	}
}

/** The sending side of one direction: the LZ77 window it may take over between messages. */
export class MessageDeflater {
	private stream: Deflate | null = null;
	/** Kept only when a backend may take some messages: the window to rebuild a stream from. */
	private readonly history: History | null;
	private readonly windowBits: number;
	private parts: Uint8Array[] = [];

	constructor(
		private readonly level: DeflateLevel = 6,
		windowBits: WindowBits = 15,
		private readonly noContextTakeover = false,
		private readonly backend: DeflateBackend | null | undefined = null
	) {
		this.windowBits = Math.max(9, windowBits);
		this.history = backend && !noContextTakeover ? new History() : null;
	}

	/** The payload for one message: DEFLATE data without the trailing 00 00 FF FF. */
	compress(data: Uint8Array): Uint8Array {
		// RFC 7692 §7.2.3.6: a single 0x00 (an empty stored block's header, its LEN and NLEN removed).
		if (data.length === 0) return Uint8Array.of(0x00);
		if (this.level === 0) return storedBlocks(data);
		let flushed: Uint8Array;
		if (this.backend && data.length >= this.backend.deflateFrom) {
			flushed = this.backend.deflate(data, {
				level: this.level,
				windowBits: this.windowBits,
				dictionary: this.history?.recent(Math.max(PRIME_MIN, data.length)) ?? null
			});
			// The stream's window misses this message: rebuilt from the history when next needed.
			if (this.history) this.stream = null;
		} else flushed = this.push(data);
		this.history?.add(data);
		return flushed.subarray(0, flushed.length - 4);
	}

	private push(data: Uint8Array): Uint8Array {
		const { constants } = requireZlib();
		const stream = (this.stream ??= this.open());
		// Without takeover a full flush ends the message and empties the window (§7.2.1).
		// (@types/pako leaves Z_FULL_FLUSH out of push's flush modes; pako takes it like zlib.)
		stream.push(
			data,
			(this.noContextTakeover ? constants.Z_FULL_FLUSH : constants.Z_SYNC_FLUSH) as typeof constants.Z_SYNC_FLUSH
		);
		if (stream.err) throw new Error(`pako deflate: ${stream.msg}`); // only on misuse: never for data
		const parts = this.parts;
		this.parts = [];
		return parts.length === 1 ? parts[0] : concat(parts);
	}

	private open(): Deflate {
		const dictionary = this.history?.window;
		const stream = new (requireZlib().Deflate)({
			raw: true,
			level: this.level,
			windowBits: this.windowBits,
			...(dictionary ? { dictionary } : {})
		});
		// pako hands over each output buffer and never writes to it again, so no copy is needed.
		stream.onData = (chunk) => this.parts.push(chunk as Uint8Array);
		return stream;
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

/** What pako 2.1 (pinned) keeps but does not declare: read to tell a message that ends between blocks. */
interface InflateInternals {
	readonly ended: boolean;
	readonly strm: {
		readonly output: Uint8Array;
		next_out: number;
		avail_out: number;
		readonly state: { readonly mode: number; readonly bits: number };
	};
}
// inflate.js: TYPE and TYPEDO are "waiting for the next block header"; anything else is inside a block.
const BETWEEN_BLOCKS = new Set([16191, 16192]);
const TOO_BIG = Symbol('too big');

/**
 * The receiving side of one direction. pako's `Inflate` keeps its 32 KiB window, so the window is
 * taken over between messages by keeping the same instance.
 */
export class MessageInflater {
	private stream: Inflate | null = null;
	private readonly history: History | null;
	private parts: Uint8Array[] = [];
	private size = 0;
	private limit = 0;

	constructor(
		private readonly noContextTakeover = false,
		private readonly backend: DeflateBackend | null | undefined = null
	) {
		this.history = noContextTakeover ? null : new History();
	}

	decompress(payload: Uint8Array, maxSize: number): InflateResult {
		// An empty payload is not DEFLATE data (§7.2.3.6 says to send 0x00); like most receivers we read
		// it as an empty message and leave the window alone.
		if (payload.length === 0) return { ok: true, data: EMPTY };
		const r =
			this.backend && payload.length >= this.backend.inflateFrom
				? this.native(payload, maxSize)
				: this.push(payload, maxSize);
		if (r.ok) this.history?.add(r.data);
		else this.fail();
		return r;
	}

	private native(payload: Uint8Array, maxSize: number): InflateResult {
		this.stream = null; // its window will miss this message
		let data: Uint8Array | null;
		try {
			// The closing block makes the stream complete, so a payload cut inside a block is an error.
			data = this.backend!.inflate(concat([payload, CLOSED_TAIL]), {
				dictionary: this.history?.window ?? null,
				maxOutput: maxSize
			});
		} catch {
			return corrupt('corrupt');
		}
		return data ? { ok: true, data } : tooBig(maxSize);
	}

	private push(payload: Uint8Array, maxSize: number): InflateResult {
		const { constants } = requireZlib();
		if (!this.stream || this.noContextTakeover) this.stream = this.open();
		const stream = this.stream;
		this.parts = [];
		this.size = 0;
		this.limit = maxSize;
		try {
			stream.push(concat([payload, DEFLATE_TAIL]), constants.Z_SYNC_FLUSH);
		} catch (e) {
			if (e === TOO_BIG) return tooBig(maxSize);
			throw e;
		}
		if (stream.err) return corrupt('corrupt');
		// pako hands over a partly filled buffer only at the end of the stream: take it here.
		const { ended, strm } = stream as unknown as InflateInternals;
		if (!ended && strm.next_out > 0) {
			const rest = strm.output.slice(0, strm.next_out);
			this.size += rest.length;
			this.parts.push(rest);
			strm.next_out = 0;
			strm.avail_out = strm.output.length;
		}
		if (this.size > maxSize) return tooBig(maxSize);
		// A block with BFINAL set ended the DEFLATE stream (allowed, §7.2.3.4); what follows it in this
		// payload is padding, and the next message starts a new stream over the same window.
		if (ended) this.stream = null;
		else if (!BETWEEN_BLOCKS.has(strm.state.mode) || strm.state.bits > 0) return corrupt('unfinished');
		const data = this.parts.length === 1 ? this.parts[0] : concat(this.parts, this.size);
		this.parts = [];
		return { ok: true, data };
	}

	private collect(chunk: Uint8Array): void {
		this.size += chunk.length;
		// Thrown out of pako's loop: a bomb stops within one output chunk (64 KiB) of the limit.
		if (this.size > this.limit) throw TOO_BIG;
		this.parts.push(chunk);
	}

	private open(): Inflate {
		const dictionary = this.history?.window;
		const stream = new (requireZlib().Inflate)({ raw: true, windowBits: 15, ...(dictionary ? { dictionary } : {}) });
		stream.onData = (chunk) => this.collect(chunk as Uint8Array);
		return stream;
	}

	private fail(): void {
		// The window is now unknown; the connection fails, and a reused inflater starts over.
		this.stream = null;
		this.parts = [];
		this.history?.clear();
	}
}

const corrupt = (problem: 'corrupt' | 'unfinished'): InflateResult => ({
	ok: false,
	error: protocolError('INVALID_COMPRESSED_DATA', { problem })
});
const tooBig = (limit: number): InflateResult => ({
	ok: false,
	error: protocolError('MESSAGE_TOO_BIG', { size: null, limit, stage: 'inflated' })
});

export interface DeflateStep {
	readonly input: Uint8Array;
	readonly inputSize: number;
	/** Step 2 of RFC 7692 §7.2.1: the DEFLATE data, ending in an empty stored block (00 00 FF FF). */
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
		const payload = d.compress(input);
		const flushed = concat([payload, DEFLATE_TAIL]);
		const walk = walkDeflate(flushed);
		return {
			input,
			inputSize: input.length,
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
