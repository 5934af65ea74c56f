/**
 * frame.ts: the encoder against the examples of RFC 6455 §5.7, the header layout of §5.2, and
 * annotateFrame's promise that every header bit and every payload byte has exactly one annotation.
 */
import { fieldMeaning, fieldValue } from '$lib/i18n/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	FrameDecoder,
	MessageAssembler,
	WebSocketUsageError,
	annotateFrame,
	encodeFrame,
	encodeHeader,
	headerLength,
	minimalLengthForm,
	type FieldAnnotation,
	type FrameHeader
} from '$lib/protocol';
import { ascii, decodeOne, expectSameBytes, frameSpecArb, fromHex, pseudoBytes, toHex } from './helpers';

const KEY = fromHex('37 fa 21 3d');

describe('RFC 6455 §5.7 examples, encoded and decoded', () => {
	const big256 = pseudoBytes(256, 7);
	const big64k = pseudoBytes(65536, 8);
	const examples = [
		{
			name: 'single-frame unmasked text "Hello"',
			spec: { opcode: 1, payload: ascii('Hello') },
			hex: '81 05 48 65 6c 6c 6f',
			masked: false
		},
		{
			name: 'single-frame masked text "Hello"',
			spec: { opcode: 1, payload: ascii('Hello'), mask: KEY },
			hex: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
			masked: true
		},
		{
			name: 'first fragment "Hel"',
			spec: { opcode: 1, fin: false, payload: ascii('Hel') },
			hex: '01 03 48 65 6c',
			masked: false
		},
		{ name: 'last fragment "lo"', spec: { opcode: 0, payload: ascii('lo') }, hex: '80 02 6c 6f', masked: false },
		{
			name: 'unmasked ping "Hello"',
			spec: { opcode: 9, payload: ascii('Hello') },
			hex: '89 05 48 65 6c 6c 6f',
			masked: false
		},
		{
			name: 'masked pong "Hello"',
			spec: { opcode: 0xa, payload: ascii('Hello'), mask: KEY },
			hex: '8a 85 37 fa 21 3d 7f 9f 4d 51 58',
			masked: true
		}
	];

	for (const ex of examples) {
		it(`encodes the ${ex.name}`, () => {
			expect(toHex(encodeFrame(ex.spec))).toBe(ex.hex);
		});
		it(`decodes the ${ex.name}`, () => {
			const [r, ...rest] = decodeOne(fromHex(ex.hex), { expectMasked: ex.masked ? 'masked' : 'unmasked' });
			expect(rest).toEqual([]);
			expect(r.type).toBe('frame');
			if (r.type !== 'frame') return;
			expect(r.frame.opcode).toBe(ex.spec.opcode);
			expect(r.frame.fin).toBe(ex.spec.fin ?? true);
			expect(r.frame.masked).toBe(ex.masked);
			expect([...r.frame.payload]).toEqual([...ex.spec.payload]);
			expect(r.frame.errors).toEqual([]);
			expect(r.frame.warnings).toEqual([]);
		});
	}

	it('reassembles the fragmented "Hel" + "lo" into one text message "Hello" (§5.4)', () => {
		const assembler = new MessageAssembler();
		const d = new FrameDecoder({ expectMasked: 'unmasked', inspectHeader: (h, at) => assembler.inspectHeader(h, at) });
		const results = d.push(fromHex('01 03 48 65 6c 80 02 6c 6f'));
		const events = results.flatMap((r) => (r.type === 'frame' ? assembler.frame(r.frame) : []));
		expect(events.map((e) => e.kind)).toEqual(['fragment', 'message']);
		const msg = events[1];
		expect(msg.kind === 'message' && new TextDecoder().decode(msg.data)).toBe('Hello');
		expect(msg.kind === 'message' && msg.opcode).toBe(1);
	});

	it('writes 256 bytes of binary as 0x82 0x7E 0x0100 and reads it back', () => {
		const bytes = encodeFrame({ opcode: 2, payload: big256 });
		expect(toHex(bytes.subarray(0, 4))).toBe('82 7e 01 00');
		expect(bytes.length).toBe(4 + 256);
		const [r] = decodeOne(bytes, { expectMasked: 'unmasked' });
		expect(r.type === 'frame' && r.frame.lengthForm).toBe(16);
		expectSameBytes(r.type === 'frame' ? r.frame.payload : new Uint8Array(0), big256);
	});

	it('writes 64 KiB of binary as 0x82 0x7F 0x0000000000010000 and reads it back', () => {
		const bytes = encodeFrame({ opcode: 2, payload: big64k });
		expect(toHex(bytes.subarray(0, 10))).toBe('82 7f 00 00 00 00 00 01 00 00');
		expect(bytes.length).toBe(10 + 65536);
		const [r] = decodeOne(bytes, { expectMasked: 'unmasked' });
		expect(r.type === 'frame' && r.frame.lengthForm).toBe(64);
		expectSameBytes(r.type === 'frame' ? r.frame.payload : new Uint8Array(0), big64k);
	});
});

describe('encodeHeader', () => {
	it('uses the minimal length form at each boundary (§5.2)', () => {
		expect([0, 125, 126, 65535, 65536].map(minimalLengthForm)).toEqual([7, 7, 16, 16, 64]);
		expect(toHex(encodeHeader({ opcode: 2 }, 125))).toBe('82 7d');
		expect(toHex(encodeHeader({ opcode: 2 }, 126))).toBe('82 7e 00 7e');
		expect(toHex(encodeHeader({ opcode: 2 }, 65535))).toBe('82 7e ff ff');
		expect(toHex(encodeHeader({ opcode: 2 }, 65536))).toBe('82 7f 00 00 00 00 00 01 00 00');
		expect(toHex(encodeHeader({ opcode: 2 }, 2 ** 40 + 5))).toBe('82 7f 00 00 01 00 00 00 00 05');
	});

	it('writes forced non-minimal forms as asked', () => {
		expect(toHex(encodeHeader({ opcode: 1, lengthForm: 16 }, 5))).toBe('81 7e 00 05');
		expect(toHex(encodeHeader({ opcode: 1, lengthForm: 64 }, 5))).toBe('81 7f 00 00 00 00 00 00 00 05');
	});

	it('puts FIN, RSV1-3, the opcode and MASK where §5.2 says', () => {
		fc.assert(
			fc.property(frameSpecArb(fc.integer({ min: 0, max: 130 })), (spec) => {
				const h = encodeHeader(spec);
				expect(h[0] >> 7).toBe(spec.fin === false ? 0 : 1);
				expect((h[0] >> 6) & 1).toBe(spec.rsv1 ? 1 : 0);
				expect((h[0] >> 5) & 1).toBe(spec.rsv2 ? 1 : 0);
				expect((h[0] >> 4) & 1).toBe(spec.rsv3 ? 1 : 0);
				expect(h[0] & 0x0f).toBe(spec.opcode);
				expect(h[1] >> 7).toBe(spec.mask ? 1 : 0);
				const form = spec.lengthForm ?? minimalLengthForm(spec.payload.length);
				expect(h.length).toBe(headerLength(form, !!spec.mask));
				if (spec.mask) expect([...h.subarray(h.length - 4)]).toEqual([...spec.mask]);
			})
		);
	});

	it('refuses impossible specs with WebSocketUsageError', () => {
		const bad = [
			() => encodeHeader({ opcode: 16 }),
			() => encodeHeader({ opcode: -1 }),
			() => encodeHeader({ opcode: 1.5 }),
			() => encodeHeader({ opcode: 1, mask: new Uint8Array(3) }),
			() => encodeHeader({ opcode: 1, lengthForm: 7 }, 126),
			() => encodeHeader({ opcode: 1, lengthForm: 16 }, 65536),
			() => encodeHeader({ opcode: 1, lengthForm: 32 as never }, 1),
			() => encodeFrame({ opcode: 1, payload: 'abc' as never })
		];
		for (const f of bad) expect(f).toThrow(WebSocketUsageError);
	});

	it('refuses a missing spec with WebSocketUsageError, not a TypeError', () => {
		// checkSpec has a BAD_FRAME_SPEC branch for this, but both functions read spec.payload first.
		expect.soft(() => encodeFrame(null as never)).toThrow(WebSocketUsageError);
		expect.soft(() => encodeHeader(null as never)).toThrow(WebSocketUsageError);
	});
});

/** Which bits each annotation covers: 8 per byte, or its `bits` range within one byte. */
function coverage(annotations: readonly FieldAnnotation[], offset: number, total: number): number[] {
	const counts = new Array<number>(total * 8).fill(0);
	for (const a of annotations) {
		if (a.bits) {
			expect(a.end - a.start, `${a.field} with a bit range spans one byte`).toBe(1);
			for (let b = a.bits[0]; b < a.bits[1]; b++) counts[(a.start - offset) * 8 + b]++;
		} else {
			for (let i = a.start; i < a.end; i++) for (let b = 0; b < 8; b++) counts[(i - offset) * 8 + b]++;
		}
	}
	return counts;
}

describe('annotateFrame', () => {
	it('covers every header bit and payload byte of any frame exactly once (property)', () => {
		fc.assert(
			fc.property(frameSpecArb(), fc.nat({ max: 1000 }), (spec, offset) => {
				const bytes = encodeFrame(spec);
				const [r] = decodeOne(bytes);
				expect(r.type).toBe('frame');
				const frame = r.type === 'frame' ? r.frame : (null as never);
				const ann = annotateFrame(frame, offset);
				for (const a of ann) {
					expect(a.start).toBeGreaterThanOrEqual(offset);
					expect(a.end).toBeLessThanOrEqual(offset + bytes.length);
					expect(a.rfc).toMatch(/^RFC 6455 §5\.\d$/);
					// A key and parameters, worded in both languages by i18n.
					expect(fieldMeaning(a, 'en').length).toBeGreaterThan(0);
					expect(fieldMeaning(a, 'ko')).toMatch(/[가-힣]|^FIN$/);
				}
				const counts = coverage(ann, offset, bytes.length);
				expect(counts.every((c) => c === 1)).toBe(true);
			}),
			{ numRuns: 150 }
		);
	});

	it('labels the RFC masked "Hello" field by field', () => {
		const [r] = decodeOne(fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
		const h = (r.type === 'frame' ? r.frame : null) as FrameHeader;
		const ann = annotateFrame(h);
		const byField = Object.fromEntries(ann.map((a) => [a.field, a]));
		expect(ann.map((a) => a.field)).toEqual([
			'fin',
			'rsv1',
			'rsv2',
			'rsv3',
			'opcode',
			'mask',
			'length',
			'masking-key',
			'payload'
		]);
		expect(byField.fin).toMatchObject({ value: 1, meaning: { key: 'fin.final' } });
		expect(byField.opcode).toMatchObject({ value: 1, meaning: { key: 'opcode', opcode: 1 } });
		expect(byField.mask).toMatchObject({ value: 1, meaning: { key: 'mask.set' } });
		expect(byField.length).toMatchObject({ value: 5, meaning: { key: 'length.7', length: 5 } });
		expect(byField['masking-key']).toMatchObject({ start: 2, end: 6, bytes: [0x37, 0xfa, 0x21, 0x3d] });
		expect(byField.payload).toMatchObject({ start: 6, end: 11, value: 5, meaning: { key: 'payload.masked' } });
		// As the pages show them.
		expect(fieldValue(byField.opcode, 'en')).toBe('0x1');
		expect(fieldValue(byField['masking-key'], 'en')).toBe('37 fa 21 3d');
		expect(fieldValue(byField.payload, 'ko')).toBe('5바이트');
		expect(fieldMeaning(byField.length, 'en')).toBe('The payload is 5 bytes (0-125 fit in these 7 bits).');
	});
});
