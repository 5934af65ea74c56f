// HTTP/2 framing (RFC 7540 §3.5, §4, §6): the preface, the frame header, and each type's rules,
// every failure the right HTTP/2 error code, connection or stream, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	encodeFrame,
	encodeSettings,
	FLAGS,
	FRAME_TYPES,
	PREFACE,
	readFrames,
	readSettings,
	SETTINGS
} from '$lib/protocol/http2/frames';

const join = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
	return out;
};

describe('frames', () => {
	it('the preface is the 24 octets of §3.5', () => {
		expect(new TextDecoder().decode(PREFACE)).toBe('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
		expect(PREFACE).toHaveLength(24);
	});

	it('a server reads the preface, then SETTINGS with ENABLE_CONNECT_PROTOCOL (RFC 8441 §3)', () => {
		const settings = encodeFrame({
			type: FRAME_TYPES.SETTINGS,
			payload: encodeSettings([
				[SETTINGS.ENABLE_CONNECT_PROTOCOL, 1],
				[SETTINGS.INITIAL_WINDOW_SIZE, 65535]
			])
		});
		// The 9-octet header: length 12, type 4, flags 0, stream 0.
		expect([...settings.subarray(0, 9)]).toEqual([0, 0, 12, 4, 0, 0, 0, 0, 0]);
		const r = readFrames(join(PREFACE, settings), { preface: true });
		expect(r.problem).toBeNull();
		expect(r.consumed).toBe(24 + 21);
		expect(r.frames).toHaveLength(1);
		expect(readSettings(r.frames[0].payload)).toEqual([
			[8, 1],
			[4, 65535]
		]);
	});

	it('waits for a frame not yet whole, and reads it once it is', () => {
		const data = encodeFrame({
			type: FRAME_TYPES.DATA,
			flags: FLAGS.END_STREAM,
			stream: 1,
			payload: Uint8Array.of(0x81, 0x00)
		});
		for (let cut = 0; cut < data.length; cut++) {
			const r = readFrames(data.subarray(0, cut));
			expect(r).toEqual({ frames: [], consumed: 0, problem: null });
		}
		expect(readFrames(data).frames[0]).toMatchObject({ type: 0, flags: 1, stream: 1, start: 0 });
	});

	it('round-trips any frame of a known shape', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 2 ** 31 - 1 }),
				fc.uint8Array({ maxLength: 300 }),
				fc.integer({ min: 0, max: 255 }),
				(stream, payload, flags) => {
					const r = readFrames(encodeFrame({ type: FRAME_TYPES.DATA, flags: flags & ~FLAGS.PADDED, stream, payload }));
					expect(r.problem).toBeNull();
					expect(r.frames[0]).toMatchObject({ stream, payload });
				}
			)
		);
	});
});

describe('what a receiver refuses, with the error code of RFC 7540 §7', () => {
	const problem = (bytes: Uint8Array, opts = {}) => readFrames(bytes, opts).problem;

	it('a bad preface is a PROTOCOL_ERROR', () => {
		expect(problem(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), { preface: true })).toMatchObject({
			rule: 'BAD_PREFACE',
			error: 'PROTOCOL_ERROR',
			scope: 'connection'
		});
	});

	it('a frame larger than SETTINGS_MAX_FRAME_SIZE is a FRAME_SIZE_ERROR, found from its header alone', () => {
		const big = encodeFrame({ type: FRAME_TYPES.DATA, stream: 1, payload: new Uint8Array(16385) });
		expect(problem(big.subarray(0, 9))).toMatchObject({ rule: 'FRAME_TOO_LARGE', error: 'FRAME_SIZE_ERROR', at: 0 });
		expect(problem(big, { maxFrameSize: 20000 })).toBeNull();
	});

	it('each type’s own rules', () => {
		const cases: [Uint8Array, string, string, 'connection' | 'stream'][] = [
			[encodeFrame({ type: FRAME_TYPES.SETTINGS, stream: 1 }), 'STREAM_ZERO_REQUIRED', 'PROTOCOL_ERROR', 'connection'],
			[
				encodeFrame({ type: FRAME_TYPES.SETTINGS, payload: new Uint8Array(5) }),
				'SETTINGS_LENGTH',
				'FRAME_SIZE_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.SETTINGS, flags: FLAGS.ACK, payload: new Uint8Array(6) }),
				'SETTINGS_ACK_LENGTH',
				'FRAME_SIZE_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.SETTINGS, payload: encodeSettings([[SETTINGS.ENABLE_CONNECT_PROTOCOL, 2]]) }),
				'SETTINGS_VALUE',
				'PROTOCOL_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.SETTINGS, payload: encodeSettings([[SETTINGS.INITIAL_WINDOW_SIZE, 2 ** 31]]) }),
				'SETTINGS_VALUE',
				'FLOW_CONTROL_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.DATA, stream: 0, payload: Uint8Array.of(1) }),
				'STREAM_ZERO_FORBIDDEN',
				'PROTOCOL_ERROR',
				'connection'
			],
			[encodeFrame({ type: FRAME_TYPES.HEADERS, stream: 0 }), 'STREAM_ZERO_FORBIDDEN', 'PROTOCOL_ERROR', 'connection'],
			[
				encodeFrame({ type: FRAME_TYPES.PING, payload: new Uint8Array(7) }),
				'PING_LENGTH',
				'FRAME_SIZE_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.PING, stream: 3, payload: new Uint8Array(8) }),
				'STREAM_ZERO_REQUIRED',
				'PROTOCOL_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.RST_STREAM, stream: 0, payload: new Uint8Array(4) }),
				'STREAM_ZERO_FORBIDDEN',
				'PROTOCOL_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.RST_STREAM, stream: 1, payload: new Uint8Array(3) }),
				'RST_STREAM_LENGTH',
				'FRAME_SIZE_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.GOAWAY, payload: new Uint8Array(4) }),
				'GOAWAY_LENGTH',
				'FRAME_SIZE_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.WINDOW_UPDATE, payload: new Uint8Array(3) }),
				'WINDOW_UPDATE_LENGTH',
				'FRAME_SIZE_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.WINDOW_UPDATE, payload: new Uint8Array(4) }),
				'WINDOW_UPDATE_ZERO',
				'PROTOCOL_ERROR',
				'connection'
			],
			[
				encodeFrame({ type: FRAME_TYPES.WINDOW_UPDATE, stream: 5, payload: new Uint8Array(4) }),
				'WINDOW_UPDATE_ZERO',
				'PROTOCOL_ERROR',
				'stream'
			],
			[
				encodeFrame({ type: FRAME_TYPES.DATA, stream: 1, flags: FLAGS.PADDED, payload: Uint8Array.of(4, 1, 2, 3) }),
				'PADDING_TOO_LONG',
				'PROTOCOL_ERROR',
				'connection'
			]
		];
		for (const [bytes, rule, error, scope] of cases) {
			// After a good frame: the problem is placed at the bad one, and the good one is read.
			const ok = encodeFrame({ type: FRAME_TYPES.PING, payload: new Uint8Array(8) });
			const r = readFrames(join(ok, bytes));
			expect(r.problem, rule).toMatchObject({ rule, error, scope, at: ok.length });
			expect(r.frames).toHaveLength(1);
			expect(r.consumed).toBe(ok.length);
		}
	});

	it('an unknown frame type is ignored (§4.1), and no input ever throws', () => {
		expect(readFrames(encodeFrame({ type: 0xfa, stream: 9, payload: Uint8Array.of(1, 2) })).problem).toBeNull();
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, preface) => {
				const r = readFrames(preface ? join(PREFACE, bytes) : bytes, { preface });
				expect(r.consumed).toBeLessThanOrEqual(bytes.length + 24);
			}),
			{ numRuns: 2000 }
		);
	});
});
