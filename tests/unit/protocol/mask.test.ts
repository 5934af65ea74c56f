/** mask.ts: RFC 6455 §5.3, "octet i of the transformed data is octet i of the original XOR key[i mod 4]". */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMask, maskSteps, masked } from '$lib/protocol';
import { ascii, fromHex, toHex } from './helpers';

function naive(data: Uint8Array, key: Uint8Array, phase: number): Uint8Array {
	const out = data.slice();
	for (let i = 0; i < out.length; i++) out[i] ^= key[(i + phase) % 4];
	return out;
}

const keyArb = fc.uint8Array({ minLength: 4, maxLength: 4 });

describe('applyMask', () => {
	it('masks the RFC example "Hello" with 37 fa 21 3d into 7f 9f 4d 51 58 (§5.7)', () => {
		const data = ascii('Hello');
		applyMask(data, fromHex('37 fa 21 3d'));
		expect(toHex(data)).toBe('7f 9f 4d 51 58');
	});

	it('equals a byte loop for any data, key, phase and unaligned view, touching nothing else (property)', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 300 }),
				keyArb,
				fc.nat({ max: 11 }),
				fc.nat({ max: 7 }),
				fc.nat({ max: 7 }),
				(data, key, phase, before, after) => {
					// Embed the data at an arbitrary byte offset in a larger buffer.
					const buffer = new Uint8Array(before + data.length + after).fill(0xa5);
					const view = buffer.subarray(before, before + data.length);
					view.set(data);
					applyMask(view, key, phase);
					expect(toHex(view)).toBe(toHex(naive(data, key, phase)));
					expect(buffer.subarray(0, before).every((b) => b === 0xa5)).toBe(true);
					expect(buffer.subarray(before + data.length).every((b) => b === 0xa5)).toBe(true);
				}
			),
			{ numRuns: 400 }
		);
	});

	it('is its own inverse: masking twice gives the data back (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), keyArb, fc.nat({ max: 3 }), (data, key, phase) => {
				const copy = data.slice();
				applyMask(copy, key, phase);
				applyMask(copy, key, phase);
				expect(toHex(copy)).toBe(toHex(data));
			})
		);
	});

	it('unmasks a payload piece by piece when each piece starts at its phase (property)', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 200 }),
				keyArb,
				fc.array(fc.nat(), { maxLength: 6 }),
				(data, key, cuts) => {
					const pieces = data.slice();
					const points = [0, ...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
					points.push(data.length);
					for (let i = 0; i + 1 < points.length; i++)
						applyMask(pieces.subarray(points[i], points[i + 1]), key, points[i] & 3);
					expect(toHex(pieces)).toBe(toHex(naive(data, key, 0)));
				}
			)
		);
	});
});

describe('masked', () => {
	it('returns a masked copy and leaves the source alone', () => {
		const src = ascii('Hello');
		const out = masked(src, fromHex('37 fa 21 3d'));
		expect(toHex(out)).toBe('7f 9f 4d 51 58');
		expect(new TextDecoder().decode(src)).toBe('Hello');
	});
});

describe('maskSteps', () => {
	it('shows each XOR of the RFC example', () => {
		const steps = maskSteps(ascii('Hello'), fromHex('37 fa 21 3d'));
		expect(steps.map((s) => [s.index, s.keyIndex, s.input, s.key, s.output])).toEqual([
			[0, 0, 0x48, 0x37, 0x7f],
			[1, 1, 0x65, 0xfa, 0x9f],
			[2, 2, 0x6c, 0x21, 0x4d],
			[3, 3, 0x6c, 0x3d, 0x51],
			[4, 0, 0x6f, 0x37, 0x58]
		]);
	});

	it('agrees with applyMask and stops at the limit (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 100 }), keyArb, fc.nat({ max: 120 }), (data, key, limit) => {
				const steps = maskSteps(data, key, limit);
				const expected = naive(data, key, 0);
				expect(steps).toHaveLength(Math.min(limit, data.length));
				steps.forEach((s, i) => {
					expect(s).toEqual({ index: i, keyIndex: i % 4, input: data[i], key: key[i % 4], output: expected[i] });
				});
			})
		);
	});
});
