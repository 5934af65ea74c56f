/**
 * close-codes.ts: which status codes may be sent (RFC 6455 §7.4.1, §7.4.2 and the IANA registry:
 * 1000-1003, 1007-1014, 3000-4999), their names, and close payloads (§5.5.1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	WebSocketUsageError,
	closeCodeInfo,
	encodeClosePayload,
	isValidOnWire,
	parseClosePayload
} from '$lib/protocol';
import { closeMeaning, closeName } from '$lib/i18n/protocol';
import { concatBytes, fromHex, toHex, unicodeArb } from './helpers';

const validOnWire = (c: number) => (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);

describe('isValidOnWire', () => {
	it('is right for every 16-bit code, 0 to 65535', () => {
		const wrong: number[] = [];
		for (let c = 0; c <= 0xffff; c++) {
			if (isValidOnWire(c) !== validOnWire(c) || closeCodeInfo(c).onWire !== validOnWire(c)) wrong.push(c);
		}
		expect(wrong).toEqual([]);
	});

	it('refuses values that are not whole numbers', () => {
		for (const v of [NaN, Infinity, 1000.5, -1000, '1000', null, undefined])
			expect(isValidOnWire(v as number)).toBe(false);
	});
});

describe('closeCodeInfo', () => {
	const names: [number, RegExp][] = [
		[1000, /normal closure/i],
		[1001, /going away/i],
		[1002, /protocol error/i],
		[1003, /unsupported data/i],
		[1004, /reserved/i],
		[1005, /no status/i],
		[1006, /abnormal/i],
		[1007, /invalid frame payload data/i],
		[1008, /policy violation/i],
		[1009, /message too big/i],
		[1010, /mandatory ext/i],
		[1011, /internal/i],
		[1012, /service restart/i],
		[1013, /try again later/i],
		[1014, /bad gateway/i],
		[1015, /tls handshake/i]
	];
	for (const [code, name] of names) {
		it(`names ${code} as the registry does, in both languages`, () => {
			const info = closeCodeInfo(code);
			expect(info.kind).toBe('registered');
			expect(closeName(code, 'en')).toMatch(name);
			expect(closeName(code, 'ko')).toMatch(/[가-힣]/);
			expect(closeMeaning(code, 'en').length).toBeGreaterThan(0);
			expect(closeMeaning(code, 'ko')).toMatch(/[가-힣]/);
			expect(info.rfc).toMatch(/^RFC 6455 §7\.4/);
		});
	}

	it('names the ranges of §7.4.2', () => {
		expect(closeCodeInfo(3000).kind).toBe('library');
		expect(closeName(3000, 'en')).toMatch(/3000-3999/);
		expect(closeCodeInfo(4999).kind).toBe('private');
		expect(closeName(4999, 'en')).toMatch(/private/i);
		expect(closeCodeInfo(2000).kind).toBe('unassigned');
		expect(closeCodeInfo(999).kind).toBe('out-of-range');
		expect(closeCodeInfo(1000.5).kind).toBe('not-integer');
		expect(closeCodeInfo(2000).onWire).toBe(false);
		expect(closeCodeInfo(999).onWire).toBe(false);
		expect(closeCodeInfo(5000).onWire).toBe(false);
	});
});

describe('encodeClosePayload', () => {
	it('writes the code big-endian, then the UTF-8 reason (§5.5.1)', () => {
		expect(toHex(encodeClosePayload(1000, 'bye'))).toBe('03 e8 62 79 65');
		expect(toHex(encodeClosePayload(4999))).toBe('13 87');
		expect(encodeClosePayload()).toEqual(new Uint8Array(0));
	});

	it('allows 123 bytes of reason, counted in UTF-8 bytes, not characters (§5.5: 125 in all)', () => {
		expect(encodeClosePayload(1000, 'a'.repeat(123))).toHaveLength(125);
		expect(encodeClosePayload(1000, '한'.repeat(41))).toHaveLength(125);
		expect(() => encodeClosePayload(1000, 'a'.repeat(124))).toThrow(WebSocketUsageError);
		expect(() => encodeClosePayload(1000, '한'.repeat(42))).toThrow(WebSocketUsageError);
	});

	it('refuses a reason without a code', () => {
		expect(() => encodeClosePayload(undefined, 'why')).toThrow(WebSocketUsageError);
	});

	it('refuses every code that may not be sent (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -10, max: 70000 }).filter((c) => !validOnWire(c)),
				(code) => {
					expect(() => encodeClosePayload(code)).toThrow(WebSocketUsageError);
				}
			)
		);
		for (const code of [1004, 1005, 1006, 1015, 2999, 5000])
			expect(() => encodeClosePayload(code)).toThrow(WebSocketUsageError);
	});
});

describe('parseClosePayload', () => {
	it('reads an empty payload as "no status code"', () => {
		expect(parseClosePayload(new Uint8Array(0))).toEqual({ ok: true, code: null, reason: '' });
	});

	it('round-trips any valid code and any reason that fits (property)', () => {
		const codeArb = fc.oneof(
			fc.integer({ min: 1000, max: 1003 }),
			fc.integer({ min: 1007, max: 1014 }),
			fc.integer({ min: 3000, max: 4999 })
		);
		const reasonArb = unicodeArb(30).filter(
			(s) => new TextEncoder().encode(s).length <= 123 && !s.startsWith('\uFEFF')
		);
		fc.assert(
			fc.property(codeArb, reasonArb, (code, reason) => {
				expect(parseClosePayload(encodeClosePayload(code, reason))).toEqual({ ok: true, code, reason });
			})
		);
	});

	it('refuses a one-byte payload with 1002 (§5.5.1)', () => {
		const r = parseClosePayload(fromHex('03'));
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.error).toMatchObject({
				code: 'CLOSE_PAYLOAD_ONE_BYTE',
				closeCode: 1002,
				rfc: 'RFC 6455 §5.5.1',
				offset: 0
			});
	});

	it('refuses each code that may not appear on the wire with 1002 (§7.4)', () => {
		for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535]) {
			const r = parseClosePayload(new Uint8Array([code >> 8, code & 0xff]));
			expect(r.ok, String(code)).toBe(false);
			if (!r.ok)
				expect(r.error, String(code)).toMatchObject({
					code: 'INVALID_CLOSE_CODE',
					closeCode: 1002,
					rfc: 'RFC 6455 §7.4'
				});
		}
	});

	it('refuses a reason that is not UTF-8 with 1007, pointing at the bad byte', () => {
		const r = parseClosePayload(concatBytes(fromHex('03 e8'), new TextEncoder().encode('ok'), fromHex('ed a0 80')));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_CLOSE_REASON', closeCode: 1007, offset: 5 });
		const cut = parseClosePayload(fromHex('03 e8 e2 82'));
		expect(!cut.ok && cut.error.closeCode).toBe(1007);
	});
});
