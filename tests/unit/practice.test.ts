// Practice exercises: made from a seed (the same seed, the same exercise), checked by the engine.
// Over many seeds, each kind's own solution is accepted in any common spelling, and near misses are
// rejected with what is wrong (and, for a typed frame, which field and where).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeClosePayload, encodeFrame, encodeUtf8 } from '$lib/protocol';
import { check, KINDS, makeExercise, solution, type Exercise } from '$lib/practice/exercises';
import { hintText, questionText, problemText } from '$lib/i18n/practice';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
/** The same hex, spelled as people type it. */
const spellings = (spaced: string) => [
	spaced,
	spaced.toUpperCase(),
	spaced.replace(/ /g, ''),
	spaced
		.split(' ')
		.map((b) => `0x${b}`)
		.join(', '),
	spaced
		.split(' ')
		.map((b) => `\\x${b}`)
		.join('')
];

describe('every kind', () => {
	it.each(KINDS)('%s: the same seed makes the same exercise; its solution is accepted', (kind) => {
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise(kind, seed);
				expect(makeExercise(kind, seed)).toEqual(e);
				const answer = solution(e);
				expect(answer).not.toBe('');
				expect(check(e, answer)).toEqual({ ok: true });
				expect(check(e, `  ${answer}  `)).toEqual({ ok: true });
				expect(check(e, '')).toEqual({ ok: false, problem: { code: 'empty' } });
			}),
			{ numRuns: 300 }
		);
	});

	it('another seed gives other numbers', () => {
		for (const kind of KINDS) {
			const made = new Set(
				Array.from({ length: 20 }, (_, seed) =>
					JSON.stringify(makeExercise(kind, seed), (_k, v) => (v instanceof Uint8Array ? hex(v) : v))
				)
			);
			expect(made.size).toBeGreaterThan(kind === 'close-code' ? 4 : 10);
		}
	});
});

describe('reading a field', () => {
	it('checks against the header as the decoder reads it, in every spelling', () => {
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('read-field', seed) as Extract<Exercise, { kind: 'read-field' }>;
				const answer = solution(e);
				if (e.field === 'masking-key') {
					for (const s of spellings(answer)) expect(check(e, s)).toEqual({ ok: true });
					const off = answer.replace(/^../, (b) => ((parseInt(b, 16) + 1) % 256).toString(16).padStart(2, '0'));
					expect(check(e, off)).toMatchObject({ ok: false, problem: { code: 'wrong-value' } });
					expect(check(e, answer.slice(0, 8))).toMatchObject({ ok: false, problem: { code: 'wrong-count' } });
				} else if (e.field === 'fin' || e.field === 'mask') {
					const yes = answer === '1';
					expect(check(e, yes ? 'yes' : 'no')).toEqual({ ok: true });
					expect(check(e, yes ? '예' : '아니요')).toEqual({ ok: true });
					expect(check(e, yes ? '0' : '1')).toMatchObject({ ok: false, problem: { code: 'wrong-value' } });
				} else {
					expect(check(e, `0x${Number(answer).toString(16)}`)).toEqual({ ok: true });
					expect(check(e, String(Number(answer) + 1))).toMatchObject({ ok: false, problem: { code: 'wrong-value' } });
					expect(check(e, 'lots')).toMatchObject({ ok: false, problem: { code: 'not-a-number' } });
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('the 16- and 64-bit lengths come up, and the length read is the extended one', () => {
		const lengths = Array.from({ length: 400 }, (_, seed) => makeExercise('read-field', seed))
			.filter(
				(e): e is Extract<Exercise, { kind: 'read-field' }> => e.kind === 'read-field' && e.field === 'payload-length'
			)
			.map((e) => ({ len7: e.bytes[1] & 0x7f, answer: Number(solution(e)) }));
		expect(lengths.some((l) => l.len7 === 126 && l.answer >= 126)).toBe(true);
		expect(lengths.some((l) => l.len7 === 127 && l.answer > 65535)).toBe(true);
		expect(lengths.some((l) => l.len7 < 126 && l.answer === l.len7)).toBe(true);
	});
});

describe('unmasking a byte', () => {
	it('accepts the XOR with key[i mod 4]; says when the byte was not XORed or the wrong key byte was used', () => {
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('unmask-byte', seed) as Extract<Exercise, { kind: 'unmask-byte' }>;
				const want = e.masked[e.index] ^ e.key[e.index % 4];
				expect(check(e, want.toString(16))).toEqual({ ok: true });
				expect(check(e, `0x${want.toString(16).toUpperCase()}`)).toEqual({ ok: true });
				for (let k = 0; k < 4; k++) {
					const got = e.masked[e.index] ^ e.key[k];
					if (got === want) continue;
					const v = check(e, got.toString(16).padStart(2, '0'));
					// Two key bytes may be equal, and XOR with 00 leaves the byte as it was.
					expect(v.ok).toBe(false);
				}
				expect(check(e, '01 02')).toMatchObject({ ok: false, problem: { code: 'wrong-count', expected: 1, got: 2 } });
				expect(check(e, 'zz')).toMatchObject({ ok: false, problem: { code: 'not-hex' } });
			}),
			{ numRuns: 300 }
		);
	});

	it('names the key byte used when it was the wrong one', () => {
		const e = {
			kind: 'unmask-byte',
			seed: 0,
			key: Uint8Array.of(1, 2, 3, 4),
			masked: Uint8Array.of(0x49, 0x6b, 0x20),
			index: 1
		} as const;
		expect(check(e, '6a')).toEqual({ ok: false, problem: { code: 'wrong-key-byte', used: 0, right: 1 } });
		expect(check(e, '6b')).toEqual({ ok: false, problem: { code: 'not-xored' } });
		expect(check(e, '69')).toEqual({ ok: true });
	});
});

describe('building a frame', () => {
	it('accepts the frame in any spelling and points at the first field that is wrong', () => {
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('build-frame', seed) as Extract<Exercise, { kind: 'build-frame' }>;
				for (const s of spellings(solution(e))) expect(check(e, s)).toEqual({ ok: true });
				const payload = encodeUtf8(e.text);
				const frame = (spec: Parameters<typeof encodeFrame>[0]) => hex(encodeFrame(spec));
				expect(check(e, frame({ opcode: 1, payload, mask: e.key, fin: false }))).toMatchObject({
					ok: false,
					problem: { code: 'wrong-field', field: 'fin', start: 0 }
				});
				expect(check(e, frame({ opcode: 2, payload, mask: e.key }))).toMatchObject({
					ok: false,
					problem: { code: 'wrong-field', field: 'opcode', expected: '1', got: '2' }
				});
				expect(check(e, frame({ opcode: 1, payload }))).toMatchObject({
					ok: false,
					problem: { code: 'wrong-field', field: 'mask', start: 1 }
				});
				const otherKey = e.key.map((b) => b ^ 0xff);
				expect(check(e, frame({ opcode: 1, payload, mask: otherKey }))).toMatchObject({
					ok: false,
					problem: { code: 'wrong-field', field: 'masking-key', start: 2 }
				});
				// The text not masked at all: the right header, a payload that reads as something else.
				const unmaskedPayload =
					hex(encodeFrame({ opcode: 1, payload, mask: e.key }).subarray(0, 6)) + ' ' + hex(payload);
				expect(check(e, unmaskedPayload)).toMatchObject({
					ok: false,
					problem: { code: 'payload-not-masked', start: 6 }
				});
				// A payload masked with another key than the header's: what it unmasks to is wrong.
				const crossed =
					hex(encodeFrame({ opcode: 1, payload, mask: e.key }).subarray(0, 6)) +
					' ' +
					hex(encodeFrame({ opcode: 1, payload, mask: otherKey }).subarray(6));
				expect(check(e, crossed)).toMatchObject({
					ok: false,
					problem: { code: 'wrong-payload', expected: e.text, start: 6 }
				});
				const whole = solution(e);
				expect(check(e, whole.slice(0, whole.length - 3))).toMatchObject({
					ok: false,
					problem: { code: 'incomplete', missing: 1 }
				});
				expect(check(e, `${whole} 00`)).toMatchObject({ ok: false, problem: { code: 'not-one-frame' } });
			}),
			{ numRuns: 200 }
		);
	});
});

describe('the accept value', () => {
	it('is checked with the engine’s SHA-1 and base64, right ones and wrong ones alike', () => {
		const answers = new Set<string>();
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('accept', seed);
				const answer = solution(e);
				answers.add(answer);
				expect(check(e, answer === 'yes' ? 'no' : 'yes')).toMatchObject({
					ok: false,
					problem: { code: 'wrong-value' }
				});
				expect(check(e, 'maybe')).toMatchObject({ ok: false, problem: { code: 'not-yes-no' } });
			}),
			{ numRuns: 200 }
		);
		expect([...answers].sort()).toEqual(['no', 'yes']);
	});
});

describe('the close code', () => {
	it('is the one the engine fails the connection with: 1002 or 1007', () => {
		const codes = new Set<string>();
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('close-code', seed);
				const answer = solution(e);
				codes.add(answer);
				expect(['1002', '1007']).toContain(answer);
				expect(check(e, answer === '1002' ? '1007' : '1002')).toMatchObject({
					ok: false,
					problem: { code: 'wrong-value' }
				});
				expect(check(e, '1000')).toMatchObject({ ok: false });
			}),
			{ numRuns: 200 }
		);
		expect([...codes].sort()).toEqual(['1002', '1007']);
	});
});

describe('the words', () => {
	it('every problem the checker finds is worded in English and Korean, and every question and hint', () => {
		const seen = new Set<string>();
		const wrongs = [
			'',
			'zz',
			'1',
			'0',
			'yes',
			'00',
			'81 85 00 00 00 00 00',
			'81 05 48 65 6c 6c 6f',
			'81',
			'12 34 56 78 9a'
		];
		for (let seed = 0; seed < 200; seed++)
			for (const kind of KINDS) {
				const e = makeExercise(kind, seed);
				for (const lang of ['en', 'ko'] as const) {
					const q = questionText(e, lang);
					expect(hintText(e, lang)).toMatch(/\S/);
					expect(q).toMatch(/\S/);
					expect(q).not.toMatch(/undefined|NaN/);
				}
				for (const answer of [...wrongs, solution(e)]) {
					const v = check(e, answer);
					if (v.ok) continue;
					seen.add(v.problem.code);
					for (const lang of ['en', 'ko'] as const) {
						const words = problemText(v.problem, lang);
						expect(words).toMatch(/\S/);
						expect(words).not.toMatch(/undefined|NaN|\[object/);
					}
				}
			}
		// The checker's main verdicts all came up.
		for (const code of [
			'empty',
			'not-hex',
			'wrong-count',
			'wrong-value',
			'not-a-number',
			'not-yes-no',
			'wrong-field',
			'incomplete'
		])
			expect(seen).toContain(code);
	});
});

describe('the size of a frame on the wire', () => {
	it('is the engine’s own encoding; leaving out the extended length or the key, or counting a server’s key, is said', () => {
		const seen = new Set<string>();
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('wire-size', seed) as Extract<Exercise, { kind: 'wire-size' }>;
				const want = Number(solution(e));
				const extended = e.size >= 65536 ? 8 : e.size >= 126 ? 2 : 0;
				expect(want).toBe(2 + extended + (e.from === 'client' ? 4 : 0) + e.size);
				seen.add(`${e.from}-${extended}`);
				if (extended)
					expect(check(e, String(want - extended))).toMatchObject({
						ok: false,
						problem: { code: 'size-without', part: 'extended-length' }
					});
				if (e.from === 'client')
					expect(check(e, String(want - 4))).toMatchObject({
						ok: false,
						problem: { code: 'size-without', part: 'masking-key' }
					});
				else expect(check(e, String(want + 4))).toEqual({ ok: false, problem: { code: 'size-with-mask-key' } });
			}),
			{ numRuns: 300 }
		);
		// Every length form comes up, from both sides.
		expect(seen.size).toBe(6);
	});
});

describe('the parts of a URI', () => {
	it('are what the engine’s URI parser says: default ports, TLS, the resource name with its query', () => {
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('uri-part', seed) as Extract<Exercise, { kind: 'uri-part' }>;
				const answer = solution(e);
				if (e.part === 'port' && !/:\d+\//.test(e.uri)) expect(answer).toBe(e.uri.startsWith('wss:') ? '443' : '80');
				if (e.part === 'secure') expect(check(e, e.uri.startsWith('wss:') ? '예' : '아니요')).toEqual({ ok: true });
				if (e.part === 'resource') {
					expect(answer.startsWith('/')).toBe(true);
					expect(check(e, answer.split('?')[0] === answer ? `${answer}x` : answer.split('?')[0])).toMatchObject({
						ok: false
					});
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('putting fragments in order', () => {
	it('one order reads as a whole message; the others are told what breaks', () => {
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('fragment-order', seed) as Extract<Exercise, { kind: 'fragment-order' }>;
				const answer = solution(e);
				expect(answer.split(' ').map(Number).sort()).toEqual([1, 2, 3]);
				expect(answer).not.toBe('1 2 3'); // shown out of order
				expect(check(e, answer.replace(/ /g, ', '))).toEqual({ ok: true });
				expect(check(e, '1 1 2')).toMatchObject({ ok: false, problem: { code: 'not-an-order', count: 3 } });
				const [a, b, c] = answer.split(' ');
				expect(check(e, `${b} ${a} ${c}`)).toMatchObject({
					ok: false,
					problem: { code: 'wrong-order', problem: 'first-not-start' }
				});
				expect(check(e, `${a} ${c} ${b}`)).toMatchObject({
					ok: false,
					problem: { code: 'wrong-order', problem: 'fin-not-last' }
				});
			}),
			{ numRuns: 200 }
		);
	});
});

describe('what is wrong with a request', () => {
	it('is what the engine’s server refuses it for, named as the header (or the method)', () => {
		const answers = new Set<string>();
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('request-problem', seed) as Extract<Exercise, { kind: 'request-problem' }>;
				const answer = solution(e);
				answers.add(answer);
				expect(answer).toMatch(/^(host|upgrade|connection|sec-websocket-version|sec-websocket-key|method)$/);
				const spelled = answer === 'method' ? 'GET' : answer.replace(/(^|-)\w/g, (c) => c.toUpperCase());
				expect(check(e, spelled)).toEqual({ ok: true });
				expect(check(e, `the ${spelled} header`)).toEqual({ ok: true });
				expect(check(e, answer === 'host' ? 'Origin' : 'Host')).toMatchObject({
					ok: false,
					problem: { code: 'wrong-value' }
				});
				expect(check(e, '42!')).toMatchObject({ ok: false, problem: { code: 'not-a-header' } });
			}),
			{ numRuns: 200 }
		);
		expect(answers.size).toBe(6);
	});
});

describe('building a close frame', () => {
	it('checks the frame, then the code, then the reason, each where it is', () => {
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('close-frame', seed) as Extract<Exercise, { kind: 'close-frame' }>;
				for (const s of spellings(solution(e))) expect(check(e, s)).toEqual({ ok: true });
				const start = e.key ? 6 : 2;
				const frame = (code: number, reason: string) =>
					hex(encodeFrame({ opcode: 8, payload: encodeClosePayload(code, reason), mask: e.key }));
				expect(check(e, frame(e.code === 1000 ? 1001 : 1000, e.reason))).toMatchObject({
					ok: false,
					problem: { code: 'wrong-close-code', expected: e.code, start }
				});
				expect(check(e, frame(e.code, `${e.reason}!`))).toMatchObject({
					ok: false,
					problem: { code: 'wrong-reason', expected: e.reason, start: start + 2 }
				});
				expect(
					check(e, hex(encodeFrame({ opcode: 9, payload: encodeClosePayload(e.code, e.reason), mask: e.key })))
				).toMatchObject({
					ok: false,
					problem: { code: 'not-close', opcode: 9 }
				});
				const other = hex(
					encodeFrame({
						opcode: 8,
						payload: encodeClosePayload(e.code, e.reason),
						mask: e.key ? null : Uint8Array.of(1, 2, 3, 4)
					})
				);
				expect(check(e, other)).toMatchObject({ ok: false, problem: { code: 'wrong-field', field: 'mask' } });
			}),
			{ numRuns: 200 }
		);
	});
});

describe('a subprotocol and extension answer', () => {
	it('is accepted or refused as the engine’s client checks it (RFC 6455 §4.1)', () => {
		const answers = new Set<string>();
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('negotiation', seed) as Extract<Exercise, { kind: 'negotiation' }>;
				const answer = solution(e);
				answers.add(answer);
				const protocol = /Sec-WebSocket-Protocol: (.*)\r/.exec(e.response)?.[1];
				const extension = /Sec-WebSocket-Extensions: (.*)\r/.exec(e.response)?.[1];
				// The rules, stated here independently of the engine: one offered subprotocol (or none), offered extensions only.
				const fine =
					(protocol === undefined || e.offered.includes(protocol)) &&
					(extension === undefined || extension === e.extensions);
				expect(answer).toBe(fine ? 'yes' : 'no');
				expect(check(e, fine ? 'no' : 'yes')).toMatchObject({ ok: false, problem: { code: 'wrong-value' } });
			}),
			{ numRuns: 300 }
		);
		expect([...answers].sort()).toEqual(['no', 'yes']);
	});
});
