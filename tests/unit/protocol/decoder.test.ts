/**
 * decoder.ts: round trips for any frame, chunking invariance (random splits and one byte at a time),
 * and each frame-level rule of RFC 6455 §5 with its close code, section and byte offset.
 */
import { errorText } from '$lib/i18n/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder, encodeFrame, minimalLengthForm, type DecoderOptions, type FrameSpec } from '$lib/protocol';
import {
	concatBytes,
	decodeChunks,
	decodeOne,
	expectSameBytes,
	frameSpecArb,
	fromHex,
	oneByteAtATime,
	pseudoBytes,
	splitAt
} from './helpers';

const RESERVED = new Set([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]);

/** The frame-level rules a frame breaks, with no extension and no masking requirement. */
function expectedErrors(spec: FrameSpec & { payload: Uint8Array }): string[] {
	const errors: string[] = [];
	const control = spec.opcode >= 8;
	if (RESERVED.has(spec.opcode)) errors.push('RESERVED_OPCODE');
	if (spec.rsv1 || spec.rsv2 || spec.rsv3) errors.push('RSV_WITHOUT_EXTENSION');
	if (control && spec.fin === false) errors.push('CONTROL_FRAGMENTED');
	if (control && spec.payload.length > 125) errors.push('CONTROL_TOO_LONG');
	return errors.sort();
}

describe('round trip: encodeFrame then decode (onError: continue)', () => {
	it('gives back every field of any frame, malformed ones included (property)', () => {
		fc.assert(
			fc.property(frameSpecArb(), (spec) => {
				const bytes = encodeFrame(spec);
				const results = decodeOne(bytes);
				expect(results).toHaveLength(1);
				const r = results[0];
				if (r.type !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(r)}`);
				const f = r.frame;
				const form = spec.lengthForm ?? minimalLengthForm(spec.payload.length);
				expect(f.offset).toBe(0);
				expect(f.opcode).toBe(spec.opcode);
				expect(f.fin).toBe(spec.fin ?? true);
				expect([f.rsv1, f.rsv2, f.rsv3]).toEqual([!!spec.rsv1, !!spec.rsv2, !!spec.rsv3]);
				expect(f.masked).toBe(spec.mask != null);
				expect(f.maskKey ? [...f.maskKey] : null).toEqual(spec.mask ? [...spec.mask] : null);
				expect(f.payloadLength).toBe(spec.payload.length);
				expect(f.lengthForm).toBe(form);
				expect(f.headerLength + f.payloadLength).toBe(bytes.length);
				expectSameBytes(f.payload, spec.payload, 'payload');
				expect(f.errors.map((e) => e.code).sort()).toEqual(expectedErrors(spec));
				// §5.2: "the minimal number of bytes MUST be used to encode the length".
				expect(f.warnings.map((w) => w.code)).toEqual(
					form === minimalLengthForm(spec.payload.length) ? [] : ['NON_MINIMAL_LENGTH']
				);
			}),
			{ numRuns: 300 }
		);
	});

	it('reads a zero-length masked frame and a frame in a forced 64-bit form', () => {
		const [a] = decodeOne(encodeFrame({ opcode: 2, mask: fromHex('01 02 03 04') }));
		expect(a.type === 'frame' && [a.frame.payloadLength, a.frame.headerLength]).toEqual([0, 6]);
		const [b] = decodeOne(fromHex('82 7f 00 00 00 00 00 00 00 02 aa bb'));
		expect(b.type === 'frame' && [...b.frame.payload]).toEqual([0xaa, 0xbb]);
		expect(b.type === 'frame' && b.frame.warnings[0]?.rfc).toBe('RFC 6455 §5.2');
	});
});

/** A stream of well-formed and malformed frames, for the chunking properties. */
const streamArb = fc
	.array(frameSpecArb(fc.integer({ min: 0, max: 200 })), { minLength: 1, maxLength: 6 })
	.map((specs) => concatBytes(...specs.map((s) => encodeFrame(s))));

const cutsArb = fc.array(fc.nat(), { maxLength: 20 });

describe('chunking never changes the result (§5.2 is a byte stream)', () => {
	it('random splits and one byte at a time give the frames one push gives (continue mode)', () => {
		fc.assert(
			fc.property(streamArb, cutsArb, (stream, cuts) => {
				const whole = decodeChunks([stream]);
				expect(decodeChunks(splitAt(stream, cuts))).toEqual(whole);
				expect(decodeChunks(oneByteAtATime(stream))).toEqual(whole);
			}),
			{ numRuns: 150 }
		);
	});

	it('gives the same frames and the same first error as a server would see (stop mode, any tail)', () => {
		const opts: DecoderOptions = { expectMasked: 'masked', maxPayload: 150 };
		fc.assert(
			fc.property(streamArb, fc.uint8Array({ maxLength: 16 }), cutsArb, (stream, tail, cuts) => {
				const bytes = concatBytes(stream, tail);
				const whole = decodeChunks([bytes], opts);
				expect(decodeChunks(splitAt(bytes, cuts), opts)).toEqual(whole);
				expect(decodeChunks(oneByteAtATime(bytes), opts)).toEqual(whole);
			}),
			{ numRuns: 150 }
		);
	});

	it('reads 64 KiB masked frames split at random points', () => {
		fc.assert(
			fc.property(fc.constantFrom(65535, 65536, 70000), fc.nat(), cutsArb, (n, seed, cuts) => {
				const payload = pseudoBytes(n, seed);
				const stream = concatBytes(
					encodeFrame({ opcode: 2, payload, mask: fromHex('de ad be ef') }),
					encodeFrame({ opcode: 9 })
				);
				const whole = decodeChunks([stream]);
				expect(whole).toHaveLength(2);
				expect(decodeChunks(splitAt(stream, cuts))).toEqual(whole);
			}),
			{ numRuns: 15 }
		);
	});

	it('keeps pendingBytes, offset and state consistent while a frame arrives', () => {
		const bytes = encodeFrame({ opcode: 1, payload: pseudoBytes(300, 1), mask: fromHex('01 02 03 04') });
		const d = new FrameDecoder();
		const states: string[] = [];
		for (const [i, b] of oneByteAtATime(bytes.slice()).entries()) {
			const out = d.push(b);
			states.push(d.state);
			if (i < bytes.length - 1) {
				expect(out).toEqual([]);
				expect(d.offset).toBe(i + 1);
			} else expect(out).toHaveLength(1);
		}
		expect(new Set(states)).toEqual(new Set(['header', 'extended-length', 'masking-key', 'payload']));
		expect(d.pendingBytes).toBe(0);
	});
});

describe('frame-level errors: close code, RFC section, byte offset', () => {
	const key = fromHex('11 22 33 44');
	// A good frame first, so each offset is counted in the stream, not from 0.
	const prefix = (masked: boolean) =>
		encodeFrame({ opcode: 2, payload: fromHex('01 02 03'), mask: masked ? key : null });
	const cases: {
		name: string;
		bytes: string;
		opts?: DecoderOptions;
		masked?: boolean;
		code: string;
		close: number;
		rfc: string;
		at: number;
	}[] = [
		{
			name: 'reserved non-control opcode 0x3',
			bytes: '83 00',
			code: 'RESERVED_OPCODE',
			close: 1002,
			rfc: 'RFC 6455 §5.2',
			at: 0
		},
		{
			name: 'reserved control opcode 0xB',
			bytes: '8b 00',
			code: 'RESERVED_OPCODE',
			close: 1002,
			rfc: 'RFC 6455 §5.2',
			at: 0
		},
		{
			name: 'RSV1 without an extension',
			bytes: 'c1 00',
			code: 'RSV_WITHOUT_EXTENSION',
			close: 1002,
			rfc: 'RFC 6455 §5.2',
			at: 0
		},
		{
			name: 'RSV2 without an extension',
			bytes: 'a2 00',
			code: 'RSV_WITHOUT_EXTENSION',
			close: 1002,
			rfc: 'RFC 6455 §5.2',
			at: 0
		},
		{
			name: 'RSV3 without an extension',
			bytes: '91 00',
			code: 'RSV_WITHOUT_EXTENSION',
			close: 1002,
			rfc: 'RFC 6455 §5.2',
			at: 0
		},
		{
			name: 'a ping of 126 bytes (control > 125)',
			bytes: '89 7e 00 7e',
			code: 'CONTROL_TOO_LONG',
			close: 1002,
			rfc: 'RFC 6455 §5.5',
			at: 1
		},
		{
			name: 'a fragmented close (FIN 0)',
			bytes: '08 00',
			code: 'CONTROL_FRAGMENTED',
			close: 1002,
			rfc: 'RFC 6455 §5.5',
			at: 0
		},
		{
			name: 'a 64-bit length with its top bit set',
			bytes: '82 7f 80 00 00 00 00 00 00 00',
			code: 'LENGTH_TOP_BIT',
			close: 1002,
			rfc: 'RFC 6455 §5.2',
			at: 2
		},
		{
			name: 'an unmasked frame sent to a server',
			bytes: '81 00',
			opts: { expectMasked: 'masked' },
			masked: true,
			code: 'UNMASKED_CLIENT_FRAME',
			close: 1002,
			rfc: 'RFC 6455 §5.1',
			at: 1
		},
		{
			name: 'a masked frame sent to a client',
			bytes: '81 80 01 02 03 04',
			opts: { expectMasked: 'unmasked' },
			code: 'MASKED_SERVER_FRAME',
			close: 1002,
			rfc: 'RFC 6455 §5.1',
			at: 1
		},
		{
			name: 'a frame over maxPayload',
			bytes: '82 0b',
			opts: { maxPayload: 10 },
			code: 'MESSAGE_TOO_BIG',
			close: 1009,
			rfc: 'RFC 6455 §7.4.1',
			at: 1
		}
	];

	for (const c of cases) {
		it(`fails on ${c.name} with ${c.close} at the offending byte, before any payload`, () => {
			const pre = prefix(!!c.masked);
			const d = new FrameDecoder(c.opts ?? {});
			// Only the header is pushed: the rule must be checked before the payload arrives.
			const out = d.push(concatBytes(pre, fromHex(c.bytes)));
			expect(out.map((r) => r.type)).toEqual(['frame', 'error']);
			const r = out[1];
			if (r.type !== 'error') return;
			expect(r.error).toMatchObject({ code: c.code, closeCode: c.close, rfc: c.rfc, offset: pre.length + c.at });
			expect(r.frameOffset).toBe(pre.length);
			// Facts, not words: the words are i18n's, in both languages.
			expect(r.error).not.toHaveProperty('message');
			expect(errorText(r.error, 'en').length).toBeGreaterThan(0);
			expect(errorText(r.error, 'ko')).toMatch(/[가-힣]/);
			// A real receiver stops: nothing after the error is read.
			expect(d.push(encodeFrame({ opcode: 2, mask: c.masked ? key : null }))).toEqual([]);
		});
	}

	it('accepts RSV1 when an extension gives it a meaning (allowedRsv)', () => {
		const [r] = new FrameDecoder({ allowedRsv: 0x40 }).push(fromHex('c1 00'));
		expect(r.type === 'frame' && r.frame.errors).toEqual([]);
	});

	it('reports the same rules on the frame in continue mode and reads on', () => {
		const out = new FrameDecoder({ onError: 'continue' }).push(
			fromHex('83 00 c1 00 89 7e 00 7e' + ' 00'.repeat(126) + ' 08 00 81 00')
		);
		expect(out.map((r) => (r.type === 'frame' ? r.frame.errors.map((e) => [e.code, e.offset]) : r.type))).toEqual([
			[['RESERVED_OPCODE', 0]],
			[['RSV_WITHOUT_EXTENSION', 2]],
			[['CONTROL_TOO_LONG', 5]],
			[['CONTROL_FRAGMENTED', 134]],
			[]
		]);
	});

	it('treats a length beyond 2^53 as too big instead of mis-reading it', () => {
		const [r] = new FrameDecoder().push(fromHex('82 7f 00 20 00 00 00 00 00 00'));
		expect(r.type === 'error' && r.error.code).toBe('MESSAGE_TOO_BIG');
	});

	it('never throws on a huge declared length in continue mode (the decoder page reads pasted bytes)', () => {
		// 2^40 bytes declared, two payload bytes present: the decoder must wait or report, not crash.
		const d = new FrameDecoder({ onError: 'continue' });
		expect(() => d.push(fromHex('82 7f 00 00 01 00 00 00 00 00 41 41'))).not.toThrow();
	});

	it('never throws on arbitrary bytes, in any mode (property)', () => {
		const modes: DecoderOptions[] = [
			{ maxPayload: 4096 },
			{ expectMasked: 'masked', maxPayload: 4096 },
			{ expectMasked: 'unmasked', maxPayload: 4096, allowedRsv: 0x40 }
		];
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), cutsArb, (bytes, cuts) => {
				for (const opts of modes) {
					const d = new FrameDecoder(opts);
					for (const c of splitAt(bytes, cuts)) expect(() => d.push(c.slice())).not.toThrow();
				}
			})
		);
	});
});

describe('startOffset: frames that follow other bytes on the same stream', () => {
	it('counts every offset from where the stream began, errors included', () => {
		const d = new FrameDecoder({ startOffset: 129, onError: 'continue' });
		expect(d.offset).toBe(129);
		const out = d.push(Uint8Array.of(0x81, 0x02, 0x68, 0x69, 0xa1, 0x00));
		expect(out.map((r) => (r.type === 'frame' ? r.frame.offset : -1))).toEqual([129, 133]);
		const second = out[1].type === 'frame' ? out[1].frame : null;
		expect(second?.errors.map((e) => [e.code, e.offset])).toEqual([['RSV_WITHOUT_EXTENSION', 133]]);
		expect(d.offset).toBe(135);
	});

	it('is a byte offset or a typed, explained error', () => {
		for (const bad of [-1, 1.5, Number.NaN, '3'])
			expect(() => new FrameDecoder({ startOffset: bad as number })).toThrow(
				expect.objectContaining({ code: 'BAD_OPTIONS' })
			);
	});
});
