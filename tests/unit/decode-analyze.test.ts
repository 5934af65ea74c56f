// Stream analysis for /decode (src/lib/decode/analyze.ts): the RFC 6455 §5.7 examples exactly,
// every problem the page promises to find, placed at its byte, and byte coverage of the annotations.
import { fieldValue } from '$lib/i18n/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '$lib/hex';
import { decodeUtf8, encodeClosePayload, encodeFrame, encodeUtf8 } from '$lib/protocol';
import { analyzeStream, frameFields } from '$lib/decode/analyze';
import type { ByteIssue, StreamAnalysis } from '$lib/decode/types';

const run = (hex: string, opts = {}) => analyzeStream(hexToBytes(hex), opts);
const text = (b: Uint8Array) => decodeUtf8(b);
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
const codes = (a: StreamAnalysis) => a.issues.map((i) => i.code);
const only = (a: StreamAnalysis, code: string): ByteIssue => {
	const found = a.issues.filter((i) => i.code === code);
	expect(found, `one ${code} in ${JSON.stringify(codes(a))}`).toHaveLength(1);
	return found[0];
};

describe('RFC 6455 §5.7 examples decode exactly', () => {
	it('a single-frame unmasked text message', () => {
		const a = run('81 05 48 65 6c 6c 6f');
		expect(a.issues).toEqual([]);
		expect(a.frames).toHaveLength(1);
		const f = a.frames[0];
		expect(f).toMatchObject({ kind: 'text', offset: 0, size: 7, complete: true, missing: 0, message: 0 });
		expect(f.header).toMatchObject({
			fin: true,
			opcode: 1,
			masked: false,
			payloadLength: 5,
			lengthForm: 7,
			headerLength: 2
		});
		expect(text(f.payload)).toBe('Hello');
		expect(a.messages).toHaveLength(1);
		expect(a.messages[0]).toMatchObject({ kind: 'text', frames: [0], complete: true, invalid: false });
		expect(text(a.messages[0].data)).toBe('Hello');
		expect(a.role).toMatchObject({ inferred: 'server', effective: 'server', maskedFrames: 0, unmaskedFrames: 1 });
	});

	it('a single-frame masked text message', () => {
		const a = run('81 85 37 fa 21 3d 7f 9f 4d 51 58');
		expect(a.issues).toEqual([]);
		const f = a.frames[0];
		expect(f.header.masked).toBe(true);
		expect([...f.header.maskKey!]).toEqual([0x37, 0xfa, 0x21, 0x3d]);
		expect(text(f.payload)).toBe('Hello');
		// The wire bytes stay masked: the page shows both.
		expect([...f.wire.subarray(6)]).toEqual([0x7f, 0x9f, 0x4d, 0x51, 0x58]);
		expect(a.role.inferred).toBe('client');
	});

	it('a fragmented unmasked text message', () => {
		const a = run('01 03 48 65 6c 80 02 6c 6f');
		expect(a.issues).toEqual([]);
		expect(a.frames.map((f) => [f.kind, f.header.fin, text(f.payload)])).toEqual([
			['text', false, 'Hel'],
			['continuation', true, 'lo']
		]);
		expect(a.messages).toHaveLength(1);
		expect(a.messages[0].frames).toEqual([0, 1]);
		expect(text(a.messages[0].data)).toBe('Hello');
		expect(a.frames.map((f) => f.message)).toEqual([0, 0]);
	});

	it('an unmasked ping and a masked pong (two directions: the pong is a warning, not an error)', () => {
		const a = run('89 05 48 65 6c 6c 6f 8a 85 37 fa 21 3d 7f 9f 4d 51 58');
		expect(a.frames.map((f) => [f.kind, text(f.payload)])).toEqual([
			['ping', 'Hello'],
			['pong', 'Hello']
		]);
		expect(a.messages.map((m) => m.kind)).toEqual(['ping', 'pong']);
		expect(a.errorCount).toBe(0);
		const w = only(a, 'MASKED_SERVER_FRAME');
		expect(w).toMatchObject({ severity: 'warning', frame: 1, start: 8, end: 9, closeCode: 1002, rfc: 'RFC 6455 §5.1' });
		// Said to be sent by the client, the ping is the odd one out instead.
		const b = run('89 05 48 65 6c 6c 6f 8a 85 37 fa 21 3d 7f 9f 4d 51 58', { role: 'client' });
		expect(only(b, 'UNMASKED_CLIENT_FRAME')).toMatchObject({ frame: 0, start: 1, severity: 'warning' });
	});

	it('256 bytes of binary data in a single unmasked frame (16-bit length)', () => {
		const data = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
		const a = run(`82 7e 01 00 ${data}`);
		expect(a.issues).toEqual([]);
		const f = a.frames[0];
		expect(f.header).toMatchObject({ opcode: 2, lengthForm: 16, payloadLength: 256, headerLength: 4 });
		expect(f.payload[255]).toBe(255);
		expect(frameFields(f).find((x) => x.field === 'extended-length')).toMatchObject({
			start: 2,
			end: 4,
			value: 256,
			meaning: { key: 'extended-length', length: 256, form: 16 }
		});
	});

	it('64 KiB of binary data in a single unmasked frame (64-bit length)', () => {
		const bytes = new Uint8Array(10 + 65536);
		bytes.set([0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0]);
		const a = analyzeStream(bytes);
		expect(a.issues).toEqual([]);
		expect(a.frames[0].header).toMatchObject({ lengthForm: 64, payloadLength: 65536, headerLength: 10 });
		expect(a.messages[0].data.length).toBe(65536);
	});
});

describe('problems, each placed at its byte with what a receiver does', () => {
	it('reserved opcode and RSV bits without an extension', () => {
		const a = run('83 00 c1 02 68 69');
		expect(only(a, 'RESERVED_OPCODE')).toMatchObject({
			frame: 0,
			start: 0,
			end: 1,
			closeCode: 1002,
			rfc: 'RFC 6455 §5.2',
			params: { opcode: 3 }
		});
		expect(only(a, 'RSV_WITHOUT_EXTENSION')).toMatchObject({
			frame: 1,
			start: 2,
			closeCode: 1002,
			params: { bits: ['rsv1'] }
		});
		expect(a.frames[0].kind).toBe('reserved');
		expect(a.frames[0].message).toBeNull();
		// The RSV1 frame is still a message: analysis goes on past errors.
		expect(text(a.messages[0].data)).toBe('hi');
	});

	it('control frames: over 125 bytes, fragmented', () => {
		const long = run(`89 7e 00 7e ${'00'.repeat(126)}`);
		expect(only(long, 'CONTROL_TOO_LONG')).toMatchObject({
			start: 1,
			end: 4,
			closeCode: 1002,
			rfc: 'RFC 6455 §5.5',
			params: { length: 126 }
		});
		const frag = run('09 00');
		expect(only(frag, 'CONTROL_FRAGMENTED')).toMatchObject({ start: 0, closeCode: 1002, rfc: 'RFC 6455 §5.5' });
	});

	it('a 64-bit length with the top bit set stops framing; later bytes are unframed', () => {
		const a = run('82 7f 80 00 00 00 00 00 00 01 aa bb');
		expect(only(a, 'LENGTH_TOP_BIT')).toMatchObject({ start: 2, end: 10, closeCode: 1002 });
		expect(only(a, 'UNFRAMED_BYTES')).toMatchObject({ start: 10, end: 12, params: { count: 2 } });
		expect(a.frames).toHaveLength(1);
		expect(a.frames[0]).toMatchObject({ fatal: true, complete: false });
		const ext = frameFields(a.frames[0]).find((f) => f.field === 'extended-length')!;
		expect(ext).toMatchObject({ value: null, meaning: { key: 'extended-length.top-bit' } });
		expect(fieldValue(ext, 'en')).toBe('0x8000000000000001');
	});

	it('non-minimal length encoding is a warning at the length bytes', () => {
		const a = run('81 7e 00 05 48 65 6c 6c 6f');
		expect(only(a, 'NON_MINIMAL_LENGTH')).toMatchObject({
			severity: 'warning',
			start: 1,
			end: 4,
			params: { length: 5, form: 16, minimal: 7 }
		});
		expect(a.errorCount).toBe(0);
		expect(text(a.messages[0].data)).toBe('Hello');
	});

	it('invalid UTF-8: in a text frame, across fragments, in a close reason', () => {
		expect(only(run('81 02 c3 28'), 'INVALID_UTF8')).toMatchObject({ start: 3, closeCode: 1007, rfc: 'RFC 6455 §8.1' });
		// The bad byte is in the second fragment: offset 8 of the stream.
		const frag = run('01 02 68 69 80 02 21 ff');
		expect(only(frag, 'INVALID_UTF8')).toMatchObject({ frame: 1, start: 7 });
		expect(frag.messages[0].invalid).toBe(true);
		// A character split between fragments is fine.
		expect(run('01 01 c3 80 01 a9').issues).toEqual([]);
		const close = run('88 03 03 e8 ff');
		expect(only(close, 'INVALID_CLOSE_REASON')).toMatchObject({ start: 4, closeCode: 1007, rfc: 'RFC 6455 §5.5.1' });
		expect(close.frames[0].close).toMatchObject({ code: 1000, reasonValid: false });
	});

	it('close codes that may not appear on the wire, and a one-byte close payload', () => {
		const a = run('88 02 03 ed');
		expect(only(a, 'INVALID_CLOSE_CODE')).toMatchObject({
			start: 2,
			end: 4,
			closeCode: 1002,
			rfc: 'RFC 6455 §7.4',
			params: { code: 1005 }
		});
		expect(a.messages[0]).toMatchObject({ kind: 'close', invalid: true });
		expect(only(run('88 01 03'), 'CLOSE_PAYLOAD_ONE_BYTE')).toMatchObject({ start: 2 });
		const ok = analyzeStream(encodeFrame({ opcode: 8, payload: encodeClosePayload(1000, 'bye') }));
		expect(ok.issues).toEqual([]);
		expect(ok.frames[0].close).toEqual({ code: 1000, reason: 'bye', reasonValid: true });
	});

	it('an unexpected continuation is reported and left out of the messages', () => {
		const a = run('80 01 21 81 01 61');
		expect(only(a, 'UNEXPECTED_CONTINUATION')).toMatchObject({
			frame: 0,
			start: 0,
			closeCode: 1002,
			rfc: 'RFC 6455 §5.4'
		});
		expect(a.frames[0].message).toBeNull();
		expect(a.messages.map((m) => text(m.data))).toEqual(['a']);
	});

	it('a new message before the previous one ended: one error, no cascade', () => {
		const a = run('01 01 61 81 01 62 81 01 63');
		expect(only(a, 'EXPECTED_CONTINUATION')).toMatchObject({ frame: 1, start: 3, closeCode: 1002 });
		expect(only(a, 'ABANDONED_MESSAGE')).toMatchObject({ frame: 0, severity: 'warning' });
		expect(a.messages.map((m) => [text(m.data), m.complete])).toEqual([
			['a', false],
			['b', true],
			['c', true]
		]);
	});

	it('control frames between fragments are shown where they arrived', () => {
		const a = run('01 03 48 65 6c 89 00 80 02 6c 6f');
		expect(a.issues).toEqual([]);
		expect(a.messages[0]).toMatchObject({ kind: 'text', frames: [0, 2], interleaved: [1] });
		expect(a.messages[1]).toMatchObject({ kind: 'ping', frames: [1] });
	});

	it('incomplete frames say exactly how many bytes are missing', () => {
		const cases: [string, number, boolean][] = [
			['81', 1, false], // the second header byte decides the rest
			['81 05 48', 4, true],
			['81 7e 01', 1, false], // half a 16-bit length: at least one more byte
			['81 7e 01 00', 256, true],
			['81 85 37 fa', 7, true], // half a masking key, then 5 payload bytes
			['82 7f 00 00 00 00 00 01 00 00 ff', 65535, true]
		];
		for (const [hex, missing, exact] of cases) {
			const a = run(hex);
			const issue = only(a, 'INCOMPLETE_FRAME');
			expect(issue.params, hex).toMatchObject({ missing, exact });
			expect(issue.end, hex).toBe(hexToBytes(hex).length);
			expect(a.frames.at(-1)).toMatchObject({ complete: false, missing });
		}
		// Rules that the header already breaks are reported even though the frame is cut short.
		expect(codes(run('8b'))).toContain('RESERVED_OPCODE');
		expect(codes(run('89 7e'))).toContain('CONTROL_TOO_LONG');
		// Text that is already invalid fails fast, before the frame ends (RFC 6455 §8.1).
		expect(only(run('81 05 61 ff'), 'INVALID_UTF8').start).toBe(3);
	});

	it('a fragmented message without its final frame', () => {
		const a = run('01 01 61');
		expect(only(a, 'UNFINISHED_MESSAGE')).toMatchObject({ severity: 'warning', frame: 0 });
		expect(a.messages[0]).toMatchObject({ complete: false });
		expect(text(a.messages[0].data)).toBe('a');
	});

	it('stops at maxFrames and says how many bytes were not analysed', () => {
		const a = run('81 00'.repeat(10), { maxFrames: 3 });
		expect(a.frames).toHaveLength(3);
		expect(only(a, 'NOT_ANALYSED')).toMatchObject({ start: 6, end: 20, params: { count: 14, frames: 3 } });
		expect(a.analysedBytes).toBe(6);
	});

	it('issues are sorted by byte, and every issue of a frame is inside the input', () => {
		const a = run('c1 02 68 69 80 01 21 09 00 81 02 c3 28 88 02 03 ed 82 7e 00 05 01 02 03 04 05 81 05 48 65');
		const starts = a.issues.map((i) => i.start);
		expect(starts).toEqual([...starts].sort((x, y) => x - y));
		for (const i of a.issues) expect(i.end).toBeLessThanOrEqual(a.bytes.length);
		expect(a.errorCount).toBe(6);
		expect(a.warningCount).toBe(1);
	});
});

describe('properties over well-formed streams', () => {
	const frameSpec = fc.record({
		opcode: fc.constantFrom(1, 2, 8, 9, 10),
		masked: fc.boolean(),
		size: fc.oneof(fc.integer({ min: 0, max: 125 }), fc.integer({ min: 126, max: 70000 })),
		form: fc.constantFrom<'min' | 16 | 64>('min', 'min', 16, 64),
		key: fc.uint8Array({ minLength: 4, maxLength: 4 })
	});

	it('every frame decodes back to what was encoded, and every byte is covered by exactly one field', () => {
		fc.assert(
			fc.property(fc.array(frameSpec, { minLength: 1, maxLength: 5 }), (specs) => {
				const frames = specs.map((s) => {
					const control = s.opcode >= 8;
					const size = control ? s.size % 126 : s.size;
					const payload =
						s.opcode === 8
							? size < 2
								? new Uint8Array(0)
								: encodeClosePayload(1000, 'x'.repeat(Math.min(size - 2, 123)))
							: s.opcode === 1
								? encodeUtf8('é'.repeat(size >> 1))
								: new Uint8Array(size).map((_, i) => i * 7);
					const form = control || s.form === 'min' || (s.form === 16 && payload.length > 0xffff) ? undefined : s.form;
					return {
						payload,
						bytes: encodeFrame({ opcode: s.opcode, payload, mask: s.masked ? s.key : null, lengthForm: form })
					};
				});
				const all = new Uint8Array(frames.reduce((n, f) => n + f.bytes.length, 0));
				let o = 0;
				for (const f of frames) {
					all.set(f.bytes, o);
					o += f.bytes.length;
				}
				const a = analyzeStream(all);
				expect(a.frames).toHaveLength(frames.length);
				expect(a.errorCount).toBe(0);
				for (const [i, f] of a.frames.entries()) {
					expect(f.complete).toBe(true);
					expect(same(f.payload, frames[i].payload)).toBe(true);
					expect(same(f.wire, frames[i].bytes)).toBe(true);
					// Coverage: each header bit once, each payload byte once.
					const bits = new Uint8Array(f.size * 8);
					for (const x of frameFields(f)) {
						for (let b = x.start; b < x.end; b++) {
							const [from, to] = x.bits ?? [0, 8];
							for (let k = from; k < to; k++) bits[(b - f.offset) * 8 + k]++;
						}
					}
					expect(bits.every((n) => n === 1)).toBe(true);
				}
			}),
			{ numRuns: 150 }
		);
	});
});
