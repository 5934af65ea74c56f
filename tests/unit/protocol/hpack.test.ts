// HPACK (RFC 7541) against the RFC's own examples, Appendix C, byte for byte (C.1 integers, C.2 and
// C.3 plain literals, C.4 the same requests Huffman-coded, C.6's Huffman-coded strings); the Huffman
// code against Appendix B's own codes; then what a decoder must refuse, each as COMPRESSION_ERROR
// data with where it happened.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	decodeInteger,
	encodeHeaders,
	encodeInteger,
	encodeString,
	HpackDecoder,
	STATIC_TABLE
} from '$lib/protocol/http2/hpack';
import { EOS, HUFFMAN_CODES, huffmanDecode, huffmanEncode } from '$lib/protocol/http2/huffman';

const bytes = (hex: string) =>
	Uint8Array.from(
		hex
			.replace(/\s+/g, '')
			.match(/../g)!
			.map((b) => parseInt(b, 16))
	);

describe('integers (RFC 7541 §5.1, Appendix C.1)', () => {
	it('C.1.1: 10 with a 5-bit prefix is one byte', () => {
		expect(encodeInteger(10, 5)).toEqual(bytes('0a'));
		expect(decodeInteger(bytes('0a'), 0, 5)).toEqual({ value: 10, next: 1 });
	});
	it('C.1.2: 1337 with a 5-bit prefix is 1f 9a 0a', () => {
		expect(encodeInteger(1337, 5)).toEqual(bytes('1f9a0a'));
		expect(decodeInteger(bytes('1f9a0a'), 0, 5)).toEqual({ value: 1337, next: 3 });
	});
	it('C.1.3: 42 starting at an octet boundary', () => {
		expect(encodeInteger(42, 8)).toEqual(bytes('2a'));
	});
	it('round-trips every prefix, and refuses a cut or an oversized one', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 8 }), (v, n) => {
				const enc = encodeInteger(v, n);
				expect(decodeInteger(enc, 0, n)).toEqual({ value: v, next: enc.length });
				if (enc.length > 1) expect(decodeInteger(enc.subarray(0, -1), 0, n)).toEqual({ problem: 'TRUNCATED' });
			})
		);
		expect(decodeInteger(bytes('1fffffffff0f'), 0, 5)).toEqual({ problem: 'INTEGER_TOO_LARGE' });
	});
});

describe('header blocks (Appendix C.2 and C.3, without Huffman coding)', () => {
	it('the static table has the 61 entries of Appendix A', () => {
		expect(STATIC_TABLE).toHaveLength(61);
		expect(STATIC_TABLE[1]).toEqual([':method', 'GET']);
		expect(STATIC_TABLE[23]).toEqual(['cache-control', '']);
		expect(STATIC_TABLE[60]).toEqual(['www-authenticate', '']);
	});

	it('C.2.1: a literal with indexing adds to the dynamic table (size 55)', () => {
		const d = new HpackDecoder();
		const block = bytes('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572');
		expect(d.decode(block)).toMatchObject({ ok: true, headers: [['custom-key', 'custom-header']] });
		expect(d.table).toEqual([['custom-key', 'custom-header']]);
		expect(d.size).toBe(55);
	});

	it('C.2.2 and C.2.3: literals without indexing and never indexed leave the table alone', () => {
		const d = new HpackDecoder();
		expect(d.decode(bytes('040c 2f73 616d 706c 652f 7061 7468'))).toMatchObject({
			ok: true,
			headers: [[':path', '/sample/path']],
			parts: [{ kind: 'literal', index: 4, start: 0, end: 14 }]
		});
		expect(d.decode(bytes('1008 7061 7373 776f 7264 0673 6563 7265 74'))).toMatchObject({
			ok: true,
			headers: [['password', 'secret']],
			parts: [{ kind: 'literal-never-indexed', index: null }]
		});
		expect(d.table).toEqual([]);
	});

	it('C.2.4: an indexed field', () => {
		expect(new HpackDecoder().decode(bytes('82'))).toMatchObject({ ok: true, headers: [[':method', 'GET']] });
	});

	it('C.3: three requests on one connection, the dynamic table carried between them', () => {
		const d = new HpackDecoder();
		expect(d.decode(bytes('8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d'))).toMatchObject({
			ok: true,
			headers: [
				[':method', 'GET'],
				[':scheme', 'http'],
				[':path', '/'],
				[':authority', 'www.example.com']
			]
		});
		expect(d.size).toBe(57);
		expect(d.decode(bytes('8286 84be 5808 6e6f 2d63 6163 6865'))).toMatchObject({
			ok: true,
			headers: [
				[':method', 'GET'],
				[':scheme', 'http'],
				[':path', '/'],
				[':authority', 'www.example.com'],
				['cache-control', 'no-cache']
			]
		});
		expect(d.size).toBe(110);
		expect(d.decode(bytes('8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65'))).toMatchObject({
			ok: true,
			headers: [
				[':method', 'GET'],
				[':scheme', 'https'],
				[':path', '/index.html'],
				[':authority', 'www.example.com'],
				['custom-key', 'custom-value']
			]
		});
		expect(d.table).toEqual([
			['custom-key', 'custom-value'],
			['cache-control', 'no-cache'],
			[':authority', 'www.example.com']
		]);
		expect(d.size).toBe(164);
	});

	it('evicts the oldest entries to fit, and a size update shrinks the table (§4.3, §6.3)', () => {
		const d = new HpackDecoder(4096);
		d.decode(bytes('8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d'));
		d.decode(bytes('8286 84be 5808 6e6f 2d63 6163 6865'));
		// A table of 60 octets holds the newest entry (cache-control: no-cache, 53) only.
		expect(d.decode(Uint8Array.of(...encodeInteger(60, 5, 0x20), 0x82))).toMatchObject({
			ok: true,
			parts: [{ kind: 'table-size', size: 60 }, { kind: 'indexed' }]
		});
		expect(d.table).toEqual([['cache-control', 'no-cache']]);
		expect(d.size).toBe(53);
	});
});

describe('what a decoder refuses (a connection error COMPRESSION_ERROR, RFC 7540 §4.3)', () => {
	it('an index past both tables, index 0, a cut block, a late or oversized table size', () => {
		expect(new HpackDecoder().decode(bytes('be'))).toMatchObject({
			ok: false,
			problem: { code: 'INDEX_OUT_OF_RANGE', index: 62, entries: 61, at: 0 }
		});
		expect(new HpackDecoder().decode(bytes('82 80'))).toMatchObject({
			ok: false,
			problem: { code: 'INDEX_ZERO', at: 1 }
		});
		expect(new HpackDecoder().decode(bytes('400a 6375 7374'))).toMatchObject({
			ok: false,
			problem: { code: 'TRUNCATED' }
		});
		expect(new HpackDecoder().decode(bytes('82 3f e1 1f'))).toMatchObject({
			ok: false,
			problem: { code: 'TABLE_SIZE_UPDATE_LATE', at: 1 }
		});
		expect(new HpackDecoder(4096).decode(encodeInteger(8192, 5, 0x20))).toMatchObject({
			ok: false,
			problem: { code: 'TABLE_SIZE_OVER_LIMIT', size: 8192, limit: 4096 }
		});
		// Huffman: EOS inside a string, and padding that is not the high bits of EOS or is 8 bits or more.
		expect(new HpackDecoder().decode(bytes('4184 ffff ffff'))).toMatchObject({
			ok: false,
			problem: { code: 'HUFFMAN_EOS', at: 1 }
		});
		expect(new HpackDecoder().decode(bytes('4181 00'))).toMatchObject({
			ok: false,
			problem: { code: 'HUFFMAN_PADDING' }
		});
		expect(new HpackDecoder().decode(bytes('4182 0fff'))).toMatchObject({
			ok: false,
			problem: { code: 'HUFFMAN_PADDING' }
		});
	});

	it('never throws on any bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (block) => {
				const r = new HpackDecoder(256).decode(block);
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 2000 }
		);
	});

	it('encodes a string literal as its length then its octets, or Huffman-coded', () => {
		expect(encodeString('custom-key', false)).toEqual(bytes('0a 6375 7374 6f6d 2d6b 6579'));
		expect(encodeString('custom-key')).toEqual(bytes('88 25a8 49e9 5ba9 7d7f'));
	});
});

describe('the Huffman code (Appendix B)', () => {
	it('is canonical: the lengths give back the appendix’s own codes', () => {
		const appendix: [number, number, number][] = [
			[0, 0x1ff8, 13],
			[1, 0x7fffd8, 23],
			[10, 0x3ffffffc, 30],
			[32, 0x14, 6],
			[48, 0x0, 5],
			[92, 0x7fff0, 19],
			[97, 0x3, 5],
			[142, 0xffffeb, 24],
			[199, 0x1ffffec, 25],
			[203, 0x7ffffde, 27],
			[255, 0x3ffffee, 26],
			[EOS, 0x3fffffff, 30]
		];
		for (const [symbol, code, bits] of appendix) expect(HUFFMAN_CODES[symbol]).toEqual({ code, bits });
		// A complete prefix code: the Kraft sum is exactly 1.
		expect(HUFFMAN_CODES.reduce((sum, c) => sum + 2 ** -c.bits, 0)).toBe(1);
	});

	it('C.4 and C.6: the RFC’s Huffman-coded strings, both ways', () => {
		const text = (s: string) => new TextEncoder().encode(s);
		for (const [plain, coded] of [
			['www.example.com', 'f1e3 c2e5 f23a 6ba0 ab90 f4ff'],
			['no-cache', 'a8eb 1064 9cbf'],
			['custom-key', '25a8 49e9 5ba9 7d7f'],
			['custom-value', '25a8 49e9 5bb8 e8b4 bf'],
			['302', '6402'],
			['private', 'aec3 771a 4b'],
			['Mon, 21 Oct 2013 20:13:21 GMT', 'd07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff'],
			['https://www.example.com', '9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3'],
			['307', '640e ff'],
			['gzip', '9bd9 ab'],
			[
				'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1',
				'94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07'
			]
		]) {
			expect(huffmanEncode(text(plain))).toEqual(bytes(coded));
			expect(huffmanDecode(bytes(coded))).toEqual({ ok: true, value: text(plain) });
		}
	});

	it('round-trips any octets', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), (octets) => {
				expect(huffmanDecode(huffmanEncode(octets))).toEqual({ ok: true, value: octets });
			}),
			{ numRuns: 500 }
		);
	});

	it('C.4: the requests of C.3, Huffman-coded, give the same headers and table', () => {
		const d = new HpackDecoder();
		expect(d.decode(bytes('8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'))).toMatchObject({
			ok: true,
			headers: [
				[':method', 'GET'],
				[':scheme', 'http'],
				[':path', '/'],
				[':authority', 'www.example.com']
			]
		});
		expect(d.decode(bytes('8286 84be 5886 a8eb 1064 9cbf'))).toMatchObject({
			ok: true,
			headers: [
				[':method', 'GET'],
				[':scheme', 'http'],
				[':path', '/'],
				[':authority', 'www.example.com'],
				['cache-control', 'no-cache']
			]
		});
		expect(d.decode(bytes('8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf'))).toMatchObject({
			ok: true,
			headers: [
				[':method', 'GET'],
				[':scheme', 'https'],
				[':path', '/index.html'],
				[':authority', 'www.example.com'],
				['custom-key', 'custom-value']
			]
		});
		expect(d.size).toBe(164);
	});
});

describe('encoding a header list', () => {
	it('an extended CONNECT (RFC 8441 §4) encodes and decodes back, with and without Huffman', () => {
		const connect: [string, string][] = [
			[':method', 'CONNECT'],
			[':protocol', 'websocket'],
			[':scheme', 'https'],
			[':path', '/chat'],
			[':authority', 'server.example.com'],
			['sec-websocket-protocol', 'chat, superchat'],
			['sec-websocket-version', '13'],
			['origin', 'http://www.example.com']
		];
		for (const huffman of [true, false]) {
			const block = encodeHeaders(connect, { huffman });
			expect(new HpackDecoder().decode(block)).toMatchObject({ ok: true, headers: connect });
		}
		// :scheme https is in the static table (7): one byte; :method CONNECT only by name (2).
		const block = encodeHeaders(connect, { huffman: false });
		expect(block[0]).toBe(0x02);
		const r = new HpackDecoder().decode(block);
		expect(r.parts.slice(0, 3)).toMatchObject([
			{ kind: 'literal', index: 2 },
			{ kind: 'literal', index: null },
			{ kind: 'indexed', index: 7 }
		]);
	});

	it('round-trips any header list, leaves the dynamic table empty, and marks never-indexed fields', () => {
		const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(name, fc.string({ maxLength: 40 })), { maxLength: 12 }),
				fc.boolean(),
				(list, huffman) => {
					const d = new HpackDecoder();
					expect(d.decode(encodeHeaders(list, { huffman }))).toMatchObject({ ok: true, headers: list });
					expect(d.table).toEqual([]);
				}
			)
		);
		const r = new HpackDecoder().decode(encodeHeaders([['cookie', 'id=1']], { never: ['cookie'] }));
		expect(r).toMatchObject({ ok: true, parts: [{ kind: 'literal-never-indexed', index: 32 }] });
	});
});
