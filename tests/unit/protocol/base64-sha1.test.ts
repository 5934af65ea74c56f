/** base64.ts (RFC 4648 §4) and sha1.ts (FIPS 180-4), against Node's Buffer and crypto on random input. */
import { base64ProblemText } from '$lib/i18n/protocol';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, sha1 } from '$lib/protocol';
import { ascii, toHex } from './helpers';

const nodeSha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
const hexNoSpace = (b: Uint8Array) => toHex(b).replace(/ /g, '');

describe('base64Encode', () => {
	it('matches Buffer for any bytes (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
				expect(base64Encode(b)).toBe(Buffer.from(b).toString('base64'));
			}),
			{ numRuns: 500 }
		);
	});

	it('encodes the RFC 4648 §10 test vectors', () => {
		const vectors = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy'];
		['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].forEach((s, i) =>
			expect(base64Encode(ascii(s))).toBe(vectors[i])
		);
	});
});

describe('base64Decode', () => {
	it('decodes what Buffer encodes, strictly (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
				const r = base64Decode(Buffer.from(b).toString('base64'));
				expect(r.ok && hexNoSpace(r.bytes)).toBe(hexNoSpace(b));
			}),
			{ numRuns: 500 }
		);
	});

	it('decodes unpadded base64url with { urlSafe, loose } (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 60 }), (b) => {
				const r = base64Decode(Buffer.from(b).toString('base64url'), { urlSafe: true, loose: true });
				expect(r.ok && hexNoSpace(r.bytes)).toBe(hexNoSpace(b));
			})
		);
	});

	it('never throws, and whatever it accepts Buffer reads the same way (property)', () => {
		const chars = fc.constantFrom(
			...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ !é\n'.split('')
		);
		fc.assert(
			fc.property(
				fc.array(chars, { maxLength: 24 }).map((a) => a.join('')),
				fc.boolean(),
				(s, loose) => {
					const r = base64Decode(s, { loose });
					if (r.ok) expect(hexNoSpace(r.bytes)).toBe(Buffer.from(s, 'base64').toString('hex'));
					else {
						// A problem as data, which both languages can word.
						expect(base64ProblemText(r.problem, 'en').length).toBeGreaterThan(0);
						expect(base64ProblemText(r.problem, 'ko')).toMatch(/[가-힣]/);
						expect(r.problem.params.index).toBeGreaterThanOrEqual(0);
						expect(r.problem.params.index).toBeLessThanOrEqual(s.length);
					}
				}
			),
			{ numRuns: 500 }
		);
	});

	it('refuses malformed strict input with the rule it breaks and where', () => {
		const bad: [string, number, string][] = [
			['AAA', 3, 'BASE64_GROUPS'], // not a multiple of 4
			['AA=A', 3, 'BASE64_AFTER_PADDING'],
			['A===', 3, 'BASE64_PADDING'], // too much padding
			['AB!D', 2, 'BASE64_CHAR'],
			['AAAA AAAA', 4, 'BASE64_CHAR'], // whitespace is only for loose input
			['A', 1, 'BASE64_GROUPS']
		];
		for (const [s, index, code] of bad) {
			const r = base64Decode(s);
			expect(r.ok, s).toBe(false);
			if (!r.ok) expect([r.problem.code, r.problem.params.index], s).toEqual([code, index]);
		}
	});

	it('lets loose input have whitespace and no padding', () => {
		const r = base64Decode(' dGhl\nIHNhbXBsZSBub25jZQ ', { loose: true });
		expect(r.ok && new TextDecoder().decode(r.bytes)).toBe('the sample nonce');
	});
});

describe('sha1', () => {
	it('matches the FIPS 180 examples', () => {
		expect(hexNoSpace(sha1(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
		expect(hexNoSpace(sha1(ascii('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
		expect(hexNoSpace(sha1(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
			'84983e441c3bd26ebaae4aa1f95129e5e54670f1'
		);
	});

	it('matches node:crypto at every padding boundary', () => {
		for (let n = 0; n <= 200; n++) {
			const b = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
			expect(hexNoSpace(sha1(b)), `${n} bytes`).toBe(nodeSha1(b));
		}
	});

	it('matches node:crypto on random input (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 1000 }), (b) => {
				expect(hexNoSpace(sha1(b))).toBe(nodeSha1(b));
			}),
			{ numRuns: 200 }
		);
	});
});
