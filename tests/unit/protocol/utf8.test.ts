/**
 * utf8.ts: the fail-fast validator of RFC 6455 §8.1 (UTF-8 as RFC 3629 defines it), checked against
 * the WHATWG decoder Node ships (`TextDecoder` with fatal: true), which also reports an error at the
 * first byte that cannot continue a valid sequence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Validator, decodeUtf8, encodeUtf8, validateUtf8, type Utf8Result } from '$lib/protocol';
import { fromHex, splitAt, unicodeArb } from './helpers';

function isValidReference(bytes: Uint8Array): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** Index of the first byte after which no valid UTF-8 can follow; the length if only the end is cut off. */
function firstBadReference(bytes: Uint8Array): number | null {
	const d = new TextDecoder('utf-8', { fatal: true });
	for (let i = 0; i < bytes.length; i++) {
		try {
			d.decode(bytes.subarray(i, i + 1), { stream: true });
		} catch {
			return i;
		}
	}
	try {
		d.decode();
	} catch {
		return bytes.length;
	}
	return null;
}

/** Mostly-valid UTF-8 with edits, so both outcomes and every kind of error are common. */
const utf8ishArb = fc.oneof(
	fc.uint8Array({ maxLength: 40 }),
	unicodeArb(30).map((s) => new TextEncoder().encode(s)),
	fc
		.tuple(
			unicodeArb(20),
			fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 3 }),
			fc.nat()
		)
		.map(([s, edits, cut]) => {
			const b = [...new TextEncoder().encode(s)];
			for (const [at, v] of edits) b.splice(at % (b.length + 1), 0, v);
			return new Uint8Array(b.slice(0, b.length - (cut % 3)));
		})
);

function pushAll(pieces: readonly Uint8Array[]): Utf8Result {
	const v = new Utf8Validator();
	for (const p of pieces) {
		const r = v.push(p);
		if (!r.ok) return r;
	}
	return v.finish();
}

describe('validateUtf8', () => {
	it('agrees with TextDecoder({ fatal: true }) on any bytes (property)', () => {
		fc.assert(
			fc.property(utf8ishArb, (bytes) => {
				expect(validateUtf8(bytes).ok).toBe(isValidReference(bytes));
			}),
			{ numRuns: 1000 }
		);
	});

	it('points at the first byte that cannot be valid, as the WHATWG decoder does (property)', () => {
		fc.assert(
			fc.property(utf8ishArb, (bytes) => {
				const r = validateUtf8(bytes);
				const bad = firstBadReference(bytes);
				expect(r.ok ? null : r.offset).toBe(bad);
			}),
			{ numRuns: 1000 }
		);
	});

	const invalid: [string, string, number][] = [
		['overlong 2-byte NUL', 'c0 80', 0],
		['overlong 2-byte C1', 'c1 bf', 0],
		['overlong 3-byte', 'e0 80 80', 1],
		['overlong 3-byte U+07FF', 'e0 9f bf', 1],
		['overlong 4-byte', 'f0 80 80 80', 1],
		['overlong 4-byte U+FFFF', 'f0 8f bf bf', 1],
		['surrogate U+D800 (ED A0 80)', 'ed a0 80', 1],
		['surrogate U+DFFF', 'ed bf bf', 1],
		['above U+10FFFF (F4 90 80 80)', 'f4 90 80 80', 1],
		['F5 lead byte', 'f5 80 80 80', 0],
		['FF', 'ff', 0],
		['stray continuation', '80', 0],
		['stray continuation after ASCII', '48 65 80', 2],
		['lead byte followed by ASCII', 'e2 82 41', 2],
		['two-byte lead followed by a lead', 'c3 c3 a9', 1],
		['κόσμε then a stray continuation', 'ce ba e1 bd b9 cf 83 ce bc ce b5 80', 11]
	];
	for (const [name, hex, offset] of invalid) {
		it(`rejects ${name} at byte ${offset}`, () => {
			expect(validateUtf8(fromHex(hex))).toEqual({ ok: false, offset });
		});
	}

	it('rejects a character cut off at the end only when the input is finished', () => {
		for (const hex of ['e2 82', 'f0 9f 98', 'c3']) {
			const v = new Utf8Validator();
			expect(v.push(fromHex(hex))).toEqual({ ok: true, incomplete: true });
			expect(v.finish()).toEqual({ ok: false, offset: fromHex(hex).length });
		}
	});

	const valid: [string, string][] = [
		['empty', ''],
		['ASCII', '48 65 6c 6c 6f'],
		['U+0080', 'c2 80'],
		['U+07FF', 'df bf'],
		['U+0800', 'e0 a0 80'],
		['U+D7FF (last before surrogates)', 'ed 9f bf'],
		['U+E000 (first after surrogates)', 'ee 80 80'],
		['U+FFFF', 'ef bf bf'],
		['U+10000', 'f0 90 80 80'],
		['U+10FFFF (the last code point)', 'f4 8f bf bf'],
		['κόσμε', 'ce ba e1 bd b9 cf 83 ce bc ce b5'],
		['BOM', 'ef bb bf']
	];
	for (const [name, hex] of valid) {
		it(`accepts ${name}`, () => {
			expect(validateUtf8(fromHex(hex))).toEqual({ ok: true, incomplete: false });
		});
	}
});

describe('Utf8Validator streaming', () => {
	it('gives the same answer however the input is split (property)', () => {
		fc.assert(
			fc.property(utf8ishArb, fc.array(fc.nat(), { maxLength: 10 }), (bytes, cuts) => {
				const whole = validateUtf8(bytes);
				expect(pushAll(splitAt(bytes, cuts))).toEqual(whole);
				expect(pushAll([...bytes].map((b) => new Uint8Array([b])))).toEqual(whole);
			}),
			{ numRuns: 500 }
		);
	});

	it('fails on the piece that holds the bad byte, not later (fail fast, §8.1)', () => {
		const v = new Utf8Validator();
		expect(v.push(fromHex('48 65 ed')).ok).toBe(true);
		expect(v.push(fromHex('a0 80 41'))).toEqual({ ok: false, offset: 3 });
	});

	it('can be reset between messages', () => {
		const v = new Utf8Validator();
		expect(v.push(fromHex('ff')).ok).toBe(false);
		v.reset();
		expect(v.push(fromHex('41')).ok).toBe(true);
		expect(v.finish()).toEqual({ ok: true, incomplete: false });
	});
});

describe('encodeUtf8 / decodeUtf8', () => {
	it('round-trip any well-formed string (property)', () => {
		// A leading U+FEFF is dropped, as WHATWG "UTF-8 decode" (and so the browser WebSocket API) does.
		const noLeadingBom = unicodeArb(50).filter((s) => !s.startsWith('\uFEFF'));
		fc.assert(
			fc.property(noLeadingBom, (s) => {
				const b = encodeUtf8(s);
				expect(validateUtf8(b).ok).toBe(true);
				expect(decodeUtf8(b)).toBe(s);
			})
		);
	});
});
