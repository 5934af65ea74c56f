/**
 * permessage-deflate's payload transformation (RFC 7692 §7.2): the RFC's own examples (§7.2.3), round
 * trips under every window size and takeover rule, Node's zlib as an independent decoder and encoder,
 * the decompression-bomb limit and corrupt data.
 */
import fc from 'fast-check';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toHex, hexToBytes } from '$lib/hex';
import {
	DEFLATE_TAIL,
	MessageDeflater,
	MessageInflater,
	deflateSteps,
	inflateRaw,
	walkDeflate,
	type DeflateLevel,
	type WindowBits
} from '$lib/protocol';
import { concat } from '$lib/protocol';
import { seededRandom } from '$lib/protocol';

const enc = new TextEncoder();
const dec = new TextDecoder();
const HELLO = enc.encode('Hello');
const MB = 1024 * 1024;

function text(r: { ok: true; data: Uint8Array } | { ok: false }): string {
	if (!r.ok) throw new Error('inflate failed');
	return dec.decode(r.data);
}

describe('RFC 7692 §7.2.3 payloads', () => {
	it('§7.2.3.1: "Hello" in one compressed block is f2 48 cd c9 c9 07 00, exactly what we send', () => {
		expect(toHex(new MessageDeflater().compress(HELLO))).toBe('f2 48 cd c9 c9 07 00');
		expect(text(new MessageInflater().decompress(hexToBytes('f2 48 cd c9 c9 07 00'), 100))).toBe('Hello');
	});

	it('§7.2.3.1: the steps: DEFLATE, end with an empty stored block (00 00 ff ff), then remove those 4 bytes', () => {
		const [s] = deflateSteps([HELLO]);
		expect(toHex(s.flushed)).toBe('f2 48 cd c9 c9 07 00 00 00 ff ff');
		expect(toHex(s.payload)).toBe('f2 48 cd c9 c9 07 00');
		expect(s.tailRemoved).toBe(true);
		expect(s).toMatchObject({ inputSize: 5, payloadSize: 7, reachesBack: 0 });
		expect(s.blocks.map((b) => [b.type, b.final, b.literals, b.matches])).toEqual([
			['fixed', false, 5, 0],
			['stored', false, 0, 0]
		]);
	});

	it('§7.2.3.2: with the window taken over, the second "Hello" is a back-reference and gets shorter', () => {
		const d = new MessageDeflater();
		const first = d.compress(HELLO);
		const second = d.compress(HELLO);
		expect(second.length).toBeLessThan(first.length);
		// zlib's choice, byte for byte the RFC's: a literal H, then "ello" from 5 bytes back, which reaches
		// 4 bytes before this message.
		expect(toHex(second)).toBe('f2 00 11 00 00');
		expect(walkDeflate(concat([second, DEFLATE_TAIL])).reachesBack).toBe(4);
		expect(deflateSteps([HELLO, HELLO]).map((s) => s.reachesBack)).toEqual([0, 4]);
		// The RFC's own second payload (zlib's: a literal H, then "ello" from 5 bytes back) decodes too.
		const rfc = inflateRaw([hexToBytes('f2 48 cd c9 c9 07 00'), hexToBytes('f2 00 11 00 00')]);
		expect(rfc.map(text)).toEqual(['Hello', 'Hello']);
		expect(inflateRaw([first, second]).map(text)).toEqual(['Hello', 'Hello']);
	});

	it('§7.2.3.2: without takeover the second "Hello" compresses to the same bytes as the first', () => {
		const d = new MessageDeflater(6, 15, true);
		expect(toHex(d.compress(HELLO))).toBe('f2 48 cd c9 c9 07 00');
		expect(toHex(d.compress(HELLO))).toBe('f2 48 cd c9 c9 07 00');
	});

	it('§7.2.3.2: a receiver that starts each message with an empty window rejects a reference into the last one', () => {
		const r = inflateRaw([hexToBytes('f2 48 cd c9 c9 07 00'), hexToBytes('f2 00 11 00 00')], {
			noContextTakeover: true
		});
		expect(r[0].ok).toBe(true);
		expect(r[1]).toMatchObject({ ok: false, error: { code: 'INVALID_COMPRESSED_DATA', closeCode: 1007 } });
	});

	it('§7.2.3.3: a stored block (no compression); level 0 sends exactly these bytes', () => {
		expect(text(new MessageInflater().decompress(hexToBytes('00 05 00 fa ff 48 65 6c 6c 6f 00'), 100))).toBe('Hello');
		expect(toHex(new MessageDeflater(0).compress(HELLO))).toBe('00 05 00 fa ff 48 65 6c 6c 6f 00');
	});

	it('§7.2.3.4: a block with BFINAL set, then 0x00; the next message starts a new stream over the same window', () => {
		const r = inflateRaw([
			hexToBytes('f3 48 cd c9 c9 07 00 00'),
			hexToBytes('f2 00 11 00 00'),
			hexToBytes('f3 48 cd c9 c9 07 00 00')
		]);
		expect(r.map(text)).toEqual(['Hello', 'Hello', 'Hello']);
	});

	it('§7.2.3.5: two DEFLATE blocks in one message', () => {
		const payload = hexToBytes('f2 48 05 00 00 00 ff ff ca c9 c9 07 00');
		expect(text(new MessageInflater().decompress(payload, 100))).toBe('Hello');
		const blocks = walkDeflate(concat([payload, DEFLATE_TAIL])).blocks;
		expect(blocks.map((b) => [b.type, b.outputBytes])).toEqual([
			['fixed', 2],
			['stored', 0],
			['fixed', 3],
			['stored', 0]
		]);
	});

	it('§7.2.3.6: an empty message is the single byte 00, both ways', () => {
		expect(toHex(new MessageDeflater().compress(new Uint8Array(0)))).toBe('00');
		expect(new MessageInflater().decompress(hexToBytes('00'), 100)).toEqual({ ok: true, data: new Uint8Array(0) });
	});
});

// Text-like data (compressible, with repeats far apart) and raw random bytes (not compressible).
const textish = fc
	.array(fc.constantFrom('frame ', 'mask ', 'opcode ', 'FIN ', 'RSV1 ', '\n', 'Hello, world! ', 'é✓ '), {
		maxLength: 3000
	})
	.map((w) => enc.encode(w.join('')));
// A random run repeated after random filler: the only match is far back, beyond small windows.
const farRepeat = fc
	.tuple(fc.uint8Array({ minLength: 16, maxLength: 60 }), fc.uint8Array({ maxLength: 3000 }))
	.map(([run, filler]) => concat([run, filler, run]));
const message = fc.oneof(textish, farRepeat, fc.uint8Array({ maxLength: 3000 }), fc.constant(new Uint8Array(0)));
const config = fc.record({
	level: fc.constantFrom<DeflateLevel>(0, 1, 6, 9),
	bits: fc.constantFrom<WindowBits>(8, 9, 11, 15),
	noContext: fc.boolean()
});

describe('round trips (property-based)', () => {
	it('inflating what we compressed gives the messages back, for any window, level and takeover rule', () => {
		fc.assert(
			fc.property(config, fc.array(message, { minLength: 1, maxLength: 6 }), ({ level, bits, noContext }, msgs) => {
				const d = new MessageDeflater(level, bits, noContext);
				const inf = new MessageInflater(noContext);
				for (const m of msgs) {
					const r = inf.decompress(d.compress(m), 10 * MB);
					expect(r.ok && toHex(r.data)).toBe(toHex(m));
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('never refers further back than the agreed window, nor before the message without takeover (RFC 7692 §7.1.2, §7.2.1)', () => {
		// A run of random bytes, a gap about one window long, the run again: its only match is far back.
		const far = (w: number) =>
			fc
				.tuple(
					fc.uint8Array({ maxLength: 2 * w }),
					fc.uint8Array({ minLength: 16, maxLength: 60 }),
					fc.uint8Array({ minLength: w >> 1, maxLength: 2 * w })
				)
				.map(([lead, run, gap]) => concat([lead, run, gap, run]));
		const setup = fc
			.record({
				level: fc.constantFrom<DeflateLevel>(1, 6, 9),
				bits: fc.constantFrom<WindowBits>(8, 9, 10, 12),
				noContext: fc.boolean()
			})
			.chain((c) =>
				fc.tuple(fc.constant(c), fc.array(fc.oneof(far(1 << c.bits), textish), { minLength: 1, maxLength: 4 }))
			);
		fc.assert(
			fc.property(setup, ([{ level, bits, noContext }, msgs]) => {
				const d = new MessageDeflater(level, bits, noContext);
				for (const m of msgs) {
					const walk = walkDeflate(concat([d.compress(m), DEFLATE_TAIL]));
					expect(walk.error).toBeUndefined();
					for (const b of walk.blocks) expect(b.maxDistance).toBeLessThanOrEqual(1 << bits);
					if (noContext) expect(walk.reachesBack).toBe(0);
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('never refers further back than the window, for runs repeated at every offset around one window', () => {
		const random = seededRandom(7692);
		for (const bits of [8, 9, 11, 13] as const) {
			const w = 1 << bits;
			const run = random(24);
			for (let lead = 0; lead < 2 * w; lead += w >> 2)
				for (const gap of [w >> 1, (3 * w) >> 2, w - 24, w - 1, w + 8]) {
					const m = concat([random(lead), run, random(gap), run]);
					const d = new MessageDeflater(6, bits);
					d.compress(random(w));
					const walk = walkDeflate(concat([d.compress(m), DEFLATE_TAIL]));
					expect(
						Math.max(...walk.blocks.map((b) => b.maxDistance)),
						`bits ${bits}, lead ${lead}, gap ${gap}`
					).toBeLessThanOrEqual(w);
				}
		}
	});

	it('zlib, set to the same window, inflates our messages (an independent decoder)', () => {
		fc.assert(
			fc.property(config, fc.array(message, { minLength: 1, maxLength: 5 }), ({ level, bits, noContext }, msgs) => {
				const d = new MessageDeflater(level, bits, noContext);
				// One zlib stream for the whole direction, as a peer with context takeover keeps it.
				const stream = concat(msgs.map((m) => concat([d.compress(m), DEFLATE_TAIL])));
				const out = zlib.inflateRawSync(stream, {
					windowBits: bits,
					chunkSize: 64,
					finishFlush: zlib.constants.Z_SYNC_FLUSH
				});
				expect(toHex(out)).toBe(toHex(concat(msgs)));
			}),
			{ numRuns: 100 }
		);
	});

	it('we inflate what zlib compresses with a sync flush, messages sharing its window (an independent encoder)', () => {
		fc.assert(
			fc.property(fc.array(message, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (msgs, level) => {
				const inf = new MessageInflater();
				let history: Uint8Array = new Uint8Array(0);
				for (const m of msgs) {
					// A peer with context takeover: zlib primed with the last 32 KiB it sent.
					const dictionary = history.length ? history.subarray(-32768) : undefined;
					const flushed = zlib.deflateRawSync(m, {
						level,
						finishFlush: zlib.constants.Z_SYNC_FLUSH,
						...(dictionary ? { dictionary } : {})
					});
					expect(toHex(flushed.subarray(-4))).toBe('00 00 ff ff');
					const r = inf.decompress(flushed.subarray(0, -4), MB);
					expect(r.ok && toHex(r.data)).toBe(toHex(m));
					history = concat([history, m]);
				}
			}),
			{ numRuns: 80 }
		);
	});
});

describe('large messages', () => {
	it('inflates large payloads zlib compressed, under a 1 MiB limit', () => {
		const big = fc
			.array(fc.oneof(textish, fc.uint8Array({ minLength: 500, maxLength: 3000 })), { minLength: 4, maxLength: 12 })
			.map((a) => concat(a));
		fc.assert(
			fc.property(big, fc.integer({ min: 1, max: 9 }), (m, level) => {
				const flushed = zlib.deflateRawSync(m, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH });
				const r = new MessageInflater().decompress(flushed.subarray(0, -4), MB);
				expect(r.ok && toHex(r.data)).toBe(toHex(m));
			}),
			{ numRuns: 30 }
		);
	});

	it('compresses a message of several 64 KiB pieces, each continuing the window of the one before', () => {
		const m = enc.encode(Array.from({ length: 20000 }, (_, i) => `frame ${i % 101} of ${i % 13}`).join(' '));
		expect(m.length).toBeGreaterThan(3 * 65536);
		const d = new MessageDeflater();
		const payload = d.compress(m);
		expect(payload.length).toBeLessThan(m.length / 4);
		const r = new MessageInflater().decompress(payload, 10 * MB);
		expect(r.ok && r.data.length).toBe(m.length);
		expect(
			zlib.inflateRawSync(concat([payload, DEFLATE_TAIL]), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).equals(m)
		).toBe(true);
	});
});

describe('limits and corrupt data', () => {
	// 1 MiB of zeros, sync-flushed by zlib: about a kilobyte that inflates a thousandfold.
	const zeros = zlib.deflateRawSync(Buffer.alloc(MB), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
	const tinyBomb = zeros.subarray(0, -4);

	it('a tiny payload that inflates past maxSize fails with MESSAGE_TOO_BIG (1009)', () => {
		expect(tinyBomb.length).toBeLessThan(2048);
		const r = new MessageInflater().decompress(tinyBomb, 64 * 1024);
		expect(r).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_BIG', closeCode: 1009 } });
		expect(new MessageInflater().decompress(tinyBomb, MB)).toMatchObject({ ok: true, data: { length: MB } });
	});

	it('a 1 GiB bomb stops early, without inflating it all', () => {
		// The same sync-flushed block 1024 times: each copy adds 1 MiB of zeros (its references reach zeros).
		const bomb = concat(Array.from({ length: 1024 }, () => zeros)).subarray(0, -4);
		const before = process.memoryUsage().arrayBuffers;
		const t = performance.now();
		const r = new MessageInflater().decompress(bomb, 8 * MB);
		const elapsed = performance.now() - t;
		expect(r).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_BIG' } });
		expect(elapsed).toBeLessThan(5000);
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(256 * MB);
	});

	it('corrupt DEFLATE data fails with INVALID_COMPRESSED_DATA (1007)', () => {
		for (const bad of ['ff ff', '07 00', 'f2 48 cd c9 c9 07 00 00 00 00', 'fc ff ff ff 00']) {
			const r = new MessageInflater().decompress(hexToBytes(bad), MB);
			expect(r, bad).toMatchObject({
				ok: false,
				error: { code: 'INVALID_COMPRESSED_DATA', closeCode: 1007, rfc: 'RFC 7692 §6.2' }
			});
		}
	});

	it('a payload cut short (not ending at a block boundary) fails instead of corrupting the next message', () => {
		const payload = new MessageDeflater().compress(enc.encode('permessage-deflate '.repeat(40)));
		const r = new MessageInflater().decompress(payload.subarray(0, payload.length - 3), MB);
		expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_COMPRESSED_DATA' } });
	});

	it('any bytes at all give a result, never an exception (the decoder page inflates what users paste)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
				const r = new MessageInflater().decompress(bytes, 64 * 1024);
				if (!r.ok) expect(['INVALID_COMPRESSED_DATA', 'MESSAGE_TOO_BIG']).toContain(r.error.code);
				const walk = walkDeflate(bytes);
				expect(walk.endBit).toBeLessThanOrEqual(bytes.length * 8);
			}),
			{ numRuns: 500 }
		);
	});

	it('inflateRaw stops at the first failure: later messages depend on the window', () => {
		const r = inflateRaw([hexToBytes('f2 48 cd c9 c9 07 00'), hexToBytes('ff ff'), hexToBytes('f2 00 11 00 00')]);
		expect(r.map((x) => x.ok)).toEqual([true, false]);
	});
});

describe('walkDeflate', () => {
	it('reads block types, BFINAL and bit positions', () => {
		expect(walkDeflate(hexToBytes('f3 48 cd c9 c9 07 00'))).toMatchObject({
			ended: true,
			endBit: 50,
			outputBytes: 5,
			blocks: [{ final: true, type: 'fixed', startBit: 0, endBit: 50, literals: 5 }]
		});
		const stored = walkDeflate(hexToBytes('00 05 00 fa ff 48 65 6c 6c 6f 00 00 00 ff ff'));
		expect(stored.blocks.map((b) => [b.type, b.startBit, b.endBit])).toEqual([
			['stored', 0, 80],
			['stored', 80, 120]
		]);
	});

	it('counts exactly the bytes zlib produces, for any level', () => {
		fc.assert(
			fc.property(message, fc.integer({ min: 0, max: 9 }), (m, level) => {
				const w = walkDeflate(zlib.deflateRawSync(m, { level }));
				expect(w).toMatchObject({ ended: true, outputBytes: m.length, reachesBack: 0 });
				expect(w.error).toBeUndefined();
			})
		);
	});

	it('names what is wrong with bad data', () => {
		expect(walkDeflate(hexToBytes('07')).error).toBe('reserved-block-type');
		expect(walkDeflate(hexToBytes('00 05 00 00 00')).error).toBe('stored-length-mismatch');
		expect(walkDeflate(hexToBytes('f2 48')).error).toBe('ends-inside-block');
	});
});
