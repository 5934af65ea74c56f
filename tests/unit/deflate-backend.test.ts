/**
 * The codec with Node's zlib lent as its backend (what the server runs): large messages go through
 * zlib, each call primed with the window, small ones through the engine's own pako stream, and the
 * window must carry over whichever way each message went (RFC 7692 §7.1.1, §7.2).
 */
import fc from 'fast-check';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toHex, hexToBytes } from '$lib/hex';
import {
	DEFLATE_TAIL,
	MessageDeflater,
	MessageInflater,
	concat,
	walkDeflate,
	type DeflateLevel,
	type WindowBits
} from '$lib/protocol';
import { zlibBackend } from '../../server/zlib-backend';

const enc = new TextEncoder();
const MB = 1024 * 1024;
// Every message through zlib, or a mix: zlib from 200 bytes on, pako below.
const backends = {
	'zlib always': zlibBackend({ deflateFrom: 0, inflateFrom: 0 }),
	mixed: zlibBackend({ deflateFrom: 200, inflateFrom: 60 })
};

const words = (maxLength: number) =>
	fc
		.array(fc.constantFrom('frame ', 'mask ', 'opcode ', 'FIN ', 'RSV1 ', '\n', 'Hello, world! ', 'é✓ '), { maxLength })
		.map((w) => enc.encode(w.join('')));
// Small and large text, so that consecutive messages often take different paths and share words.
const message = fc.oneof(words(25), words(800), fc.uint8Array({ maxLength: 1200 }), fc.constant(new Uint8Array(0)));

describe.each(Object.entries(backends))('with zlib as the backend (%s)', (_, backend) => {
	it('round trips any messages, for any window, level and takeover rule, and zlib reads the stream', () => {
		fc.assert(
			fc.property(
				fc.constantFrom<DeflateLevel>(1, 6, 9),
				fc.constantFrom<WindowBits>(8, 9, 12, 15),
				fc.boolean(),
				fc.array(message, { minLength: 1, maxLength: 8 }),
				(level, bits, noContext, msgs) => {
					const d = new MessageDeflater(level, bits, noContext, backend);
					const inf = new MessageInflater(noContext, backend);
					const payloads = msgs.map((m) => d.compress(m));
					payloads.forEach((p, i) => {
						const r = inf.decompress(p, MB);
						expect(r.ok && toHex(r.data)).toBe(toHex(msgs[i]));
						const walk = walkDeflate(concat([p, DEFLATE_TAIL]));
						for (const b of walk.blocks) expect(b.maxDistance).toBeLessThanOrEqual(1 << bits);
						if (noContext) expect(walk.reachesBack).toBe(0);
					});
					// An independent reader: one zlib stream for the whole direction, as a peer keeps it.
					const stream = concat(payloads.map((p) => concat([p, DEFLATE_TAIL])));
					const out = zlib.inflateRawSync(stream, { windowBits: bits, finishFlush: zlib.constants.Z_SYNC_FLUSH });
					expect(toHex(out)).toBe(toHex(concat(msgs)));
				}
			),
			{ numRuns: 120 }
		);
	});

	it('takes the window over across messages, so a repeat is short whichever path sent the first', () => {
		const big = enc.encode('{"type":"quote","symbol":"ACME","bid":101.25,"ask":101.5} '.repeat(20));
		const d = new MessageDeflater(6, 15, false, backend);
		const first = d.compress(big);
		const again = d.compress(big);
		expect(again.length).toBeLessThan(first.length / 2);
		const inf = new MessageInflater(false, backend);
		expect(inf.decompress(first, MB).ok).toBe(true);
		const r = inf.decompress(again, MB);
		expect(r.ok && toHex(r.data)).toBe(toHex(big));
	});

	it('small, large, small: the stream that sends the third message knows the second is in the window', () => {
		const small = enc.encode('{"op":"ping","seq":1}');
		const rows = Array.from({ length: 100 }, (_, i) => `[${i},${(i * 7919) % 1009},"${(i * 104729).toString(36)}"]`);
		const large = enc.encode(`{"op":"data","rows":[${rows.join(',')}]}`);
		const d = new MessageDeflater(6, 15, false, backend);
		const inf = new MessageInflater(false, backend);
		for (const [i, m] of [small, large, small, large, small].entries()) {
			const payload = d.compress(m);
			// Both paths, both ways: the first large message is over 200 bytes compressed, so zlib takes it
			// in both directions (the repeat is a few back-references, and goes through pako).
			if (i === 1) expect(payload.length).toBeGreaterThan(200);
			const r = inf.decompress(payload, MB);
			expect(r.ok && toHex(r.data)).toBe(toHex(m));
		}
	});

	it('§7.2.3.4: a message ending in a BFINAL block, then messages that refer back into it', () => {
		const inf = new MessageInflater(false, backend);
		const texts = ['f3 48 cd c9 c9 07 00 00', 'f2 00 11 00 00', 'f3 48 cd c9 c9 07 00 00'].map((h) =>
			inf.decompress(hexToBytes(h), 100)
		);
		expect(texts.map((r) => r.ok && new TextDecoder().decode(r.data))).toEqual(['Hello', 'Hello', 'Hello']);
	});

	it('refuses a bomb with 1009 and corrupt or cut-short data with 1007', () => {
		const zeros = zlib.deflateRawSync(Buffer.alloc(4 * MB), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
		expect(new MessageInflater(false, backend).decompress(zeros.subarray(0, -4), MB)).toMatchObject({
			ok: false,
			error: { code: 'MESSAGE_TOO_BIG', closeCode: 1009 }
		});
		const payload = new MessageDeflater(6, 15, false, backend).compress(enc.encode('permessage-deflate '.repeat(40)));
		for (const bad of [payload.subarray(0, payload.length - 3), hexToBytes('ff ff'), hexToBytes('fc ff ff ff 00')])
			expect(new MessageInflater(false, backend).decompress(bad, MB)).toMatchObject({
				ok: false,
				error: { code: 'INVALID_COMPRESSED_DATA', closeCode: 1007 }
			});
	});

	it('a receiver without takeover rejects a reference into the last message', () => {
		const inf = new MessageInflater(true, backend);
		expect(inf.decompress(hexToBytes('f2 48 cd c9 c9 07 00'), 100).ok).toBe(true);
		expect(inf.decompress(hexToBytes('f2 00 11 00 00'), 100)).toMatchObject({ ok: false });
	});
});
