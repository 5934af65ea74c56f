// Practice exercises: made from a seed (the same seed, the same exercise), checked by the engine.
// Over many seeds, each kind's own solution is accepted in any common spelling, and near misses are
// rejected with what is wrong (and, for a typed frame, which field and where).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeClosePayload, encodeFrame, encodeUtf8 } from '$lib/protocol';
import { check, KINDS, makeExercise, solution, type Exercise } from '$lib/practice/exercises';
import { hintText, questionText, problemText } from '$lib/i18n/practice';
import { exerciseSeed, freshSeed, MAX_SEED, practiceSet, seedFromQuery } from '$lib/practice/sets';
import { markSolved, readProgress, resetProgress, solvedCount } from '$lib/practice/progress';
import { answerShape, answerView, exhibits, solutionView } from '$lib/practice/present';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';

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
					// A wrong key points at where the key starts: after the 7-bit length and any extended length.
					const len7 = e.bytes[1] & 0x7f;
					const keyAt = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0);
					expect(check(e, off)).toEqual({
						ok: false,
						problem: { code: 'misread', field: 'masking-key', start: keyAt }
					});
					expect(check(e, answer.slice(0, 8))).toMatchObject({ ok: false, problem: { code: 'wrong-count' } });
				} else if (e.field === 'fin' || e.field === 'mask') {
					const yes = answer === '1';
					expect(check(e, yes ? 'yes' : 'no')).toEqual({ ok: true });
					expect(check(e, yes ? '예' : '아니요')).toEqual({ ok: true });
					expect(check(e, yes ? '0' : '1')).toEqual({
						ok: false,
						problem: { code: 'misread', field: e.field, start: e.field === 'fin' ? 0 : 1 }
					});
				} else {
					expect(check(e, `0x${Number(answer).toString(16)}`)).toEqual({ ok: true });
					// The opcode is in byte 0; a length of 126 or more is read from the extended length at byte 2.
					const where =
						e.field === 'opcode'
							? { field: 'opcode', start: 0 }
							: Number(answer) >= 126
								? { field: 'extended-length', start: 2 }
								: { field: 'length', start: 1 };
					expect(check(e, String(Number(answer) + 1))).toEqual({ ok: false, problem: { code: 'misread', ...where } });
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
				// A right value taken as wrong is said to match; a wrong one, how it was made (the key sent back).
				expect(check(e, answer === 'yes' ? 'no' : 'yes')).toEqual({
					ok: false,
					problem:
						answer === 'yes'
							? { code: 'accept-matches' }
							: { code: 'accept-wrong', made: e.kind === 'accept' && e.accept === e.key ? 'the-key' : 'other-key' }
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
				// The other code gets the rule these bytes break, from the decoder, and where.
				expect(check(e, answer === '1002' ? '1007' : '1002')).toMatchObject({
					ok: false,
					problem: { code: 'which-rule', issue: { closeCode: Number(answer) } }
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
					// A status code is a name, written as the RFC writes it: 1001, never “1,001”.
					if (e.kind === 'close-frame') expect(q).toContain(` ${e.code}`);
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
		for (const code of ['empty', 'not-hex', 'wrong-count', 'not-a-number', 'not-yes-no', 'wrong-field', 'incomplete'])
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
				expect(check(e, answer === 'host' ? 'Origin' : 'Host')).toEqual({
					ok: false,
					problem: { code: 'header-fine', header: answer === 'host' ? 'origin' : 'host' }
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
				// A wrong "yes" points at the header the client refuses; a wrong "no" says nothing breaks a rule.
				const refused =
					protocol !== undefined && !e.offered.includes(protocol)
						? 'Sec-WebSocket-Protocol'
						: 'Sec-WebSocket-Extensions';
				expect(check(e, fine ? 'no' : 'yes')).toEqual({
					ok: false,
					problem: fine ? { code: 'nothing-wrong' } : { code: 'look-at', line: refused }
				});
			}),
			{ numRuns: 300 }
		);
		expect([...answers].sort()).toEqual(['no', 'yes']);
	});
});

describe('a wrong answer', () => {
	/** Near misses of each shape of answer: off by one or by a few, the other yes/no, a byte changed, a word. */
	const nearMisses = (e: Exercise): string[] => {
		const answer = solution(e);
		const shape = answerShape(e);
		if (shape === 'yes-no') return [answer === 'yes' ? 'no' : 'yes'];
		if (shape === 'bit') return [answer === '1' ? '0' : '1'];
		if (shape === 'number') return [1, 3, 7, 100].map((d) => String(Number(answer) + d));
		if (shape === 'order') return ['1 2 3', '3 2 1', '2 1 3'].filter((o) => o !== answer);
		if (shape === 'hex')
			return [answer.replace(/..$/, (b) => ((parseInt(b, 16) + 1) % 256).toString(16).padStart(2, '0'))];
		return ['x', `${answer}x`, 'host', 'upgrade'].filter((a) => a !== answer);
	};

	it('always says what is wrong, never just “not quite”', () => {
		fc.assert(
			fc.property(seeds, (seed) => {
				for (const kind of KINDS) {
					const e = makeExercise(kind, seed);
					for (const miss of nearMisses(e)) {
						const v = check(e, miss);
						if (v.ok) continue;
						expect(v.problem.code, `${kind} answered ${miss}`).not.toBe('wrong-value');
					}
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('names a port’s source and a resource name’s missing part', () => {
		const seen = new Set<string>();
		for (let seed = 0; seed < 400; seed++) {
			const e = makeExercise('uri-part', seed) as Extract<Exercise, { kind: 'uri-part' }>;
			const answer = solution(e);
			if (e.part === 'port') {
				const v = check(e, String(Number(answer) + 1));
				const given = /:\d+$/.test(e.uri.split('//')[1].split(/[/?]/)[0]);
				expect(v).toEqual({
					ok: false,
					problem: { code: 'port-from', source: given ? 'uri' : 'default', scheme: e.uri.split(':')[0] }
				});
				seen.add(`port-${given}`);
			}
			if (e.part === 'resource') {
				expect(check(e, e.uri)).toMatchObject({ ok: false, problem: { code: 'resource', problem: 'with-host' } });
				if (answer.includes('?')) {
					expect(check(e, answer.slice(0, answer.indexOf('?')))).toMatchObject({
						problem: { code: 'resource', problem: 'without-query' }
					});
					seen.add('query');
				}
				if (answer.length > 1)
					expect(check(e, answer.slice(1))).toMatchObject({ problem: { code: 'resource', problem: 'without-slash' } });
			}
		}
		expect([...seen].sort()).toEqual(['port-false', 'port-true', 'query']);
	});
});

describe('a text message’s size on the wire', () => {
	it('counts UTF-8 bytes, not characters, and says so when characters were counted', () => {
		let nonAscii = 0;
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('text-frame-size', seed) as Extract<Exercise, { kind: 'text-frame-size' }>;
				const bytes = new TextEncoder().encode(e.text).length;
				// Stated independently: 2 bytes, +2 from 126, +8 from 65,536, +4 for a client's key (§5.2).
				const header = 2 + (bytes >= 65536 ? 8 : bytes >= 126 ? 2 : 0) + (e.from === 'client' ? 4 : 0);
				expect(solution(e)).toBe(String(header + bytes));
				const characters = [...e.text].length;
				if (characters !== bytes) {
					nonAscii++;
					expect(check(e, String(header + characters))).toEqual({
						ok: false,
						problem: { code: 'counted-characters', characters, bytes }
					});
				}
				// (Unless leaving out the key gives the same number as counting characters: that is said first.)
				if (e.from === 'client' && bytes - characters !== 4)
					expect(check(e, String(header + bytes - 4))).toEqual({
						ok: false,
						problem: { code: 'size-without', part: 'masking-key' }
					});
			}),
			{ numRuns: 300 }
		);
		expect(nonAscii).toBeGreaterThan(30);
	});
});

describe('counting messages', () => {
	it('counts whole data messages, not frames or pings, as the decoder reads them', () => {
		const seen = new Set<string>();
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('message-count', seed) as Extract<Exercise, { kind: 'message-count' }>;
				// Stated independently: walk the frames (server frames, lengths under 126) and count FIN
				// on data frames (opcode 0, 1, 2); control frames (8 and up) are not messages.
				let messages = 0;
				let frames = 0;
				let controls = 0;
				for (let at = 0; at < e.bytes.length; at += 2 + (e.bytes[at + 1] & 0x7f)) {
					frames++;
					const opcode = e.bytes[at] & 0x0f;
					if (opcode >= 8) controls++;
					else if (e.bytes[at] & 0x80) messages++;
				}
				expect(solution(e)).toBe(String(messages));
				if (frames !== messages) {
					const v = check(e, String(frames));
					expect(v).toEqual({ ok: false, problem: { code: 'counted-frames', what: 'frames' } });
					seen.add('frames');
				}
				if (controls > 0 && messages + controls !== frames) {
					expect(check(e, String(messages + controls))).toEqual({
						ok: false,
						problem: { code: 'counted-frames', what: 'control' }
					});
					seen.add('control');
				}
			}),
			{ numRuns: 300 }
		);
		expect([...seen].sort()).toEqual(['control', 'frames']);
	});
});

describe('a server’s answer to the opening request', () => {
	it('is taken or refused as the engine’s client check says, and a wrong “yes” points at the line', () => {
		const lines = new Set<string>();
		let taken = 0;
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('response-ok', seed) as Extract<Exercise, { kind: 'response-ok' }>;
				const status = /^HTTP\/1\.1 (\d+)/.exec(e.response)?.[1];
				const field = (name: string) => new RegExp(`^${name}: (.*)\\r$`, 'im').exec(e.response)?.[1];
				// Stated independently (RFC 6455 §4.1): 101, Upgrade websocket, Connection Upgrade, the right accept.
				const accept = createHash('sha1')
					.update(e.key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
					.digest('base64');
				const refused =
					status !== '101'
						? 'status'
						: field('Upgrade')?.toLowerCase() !== 'websocket'
							? 'Upgrade'
							: field('Connection')?.toLowerCase() !== 'upgrade'
								? 'Connection'
								: field('Sec-WebSocket-Accept') !== accept
									? 'Sec-WebSocket-Accept'
									: null;
				expect(solution(e)).toBe(refused === null ? 'yes' : 'no');
				if (refused === null) {
					taken++;
					expect(check(e, '아니요')).toEqual({ ok: false, problem: { code: 'nothing-wrong' } });
				} else {
					lines.add(refused);
					expect(check(e, 'yes')).toEqual({ ok: false, problem: { code: 'look-at', line: refused } });
				}
			}),
			{ numRuns: 300 }
		);
		expect(taken).toBeGreaterThan(30);
		expect([...lines].sort()).toEqual(['Connection', 'Sec-WebSocket-Accept', 'Upgrade', 'status']);
	});
});

describe('the practice sets', () => {
	it('every lesson, in both languages, has three or more exercises of known kinds', () => {
		for (const lang of ['en', 'ko']) {
			const slugs = readdirSync(`content/lessons/${lang}`).map((f) => f.replace(/^\d+-|\.md$/g, ''));
			expect(slugs).toHaveLength(11);
			for (const slug of slugs) {
				expect(practiceSet(slug).length, slug).toBeGreaterThanOrEqual(3);
				for (const kind of practiceSet(slug)) expect(KINDS).toContain(kind);
			}
		}
		expect(practiceSet('no-such-lesson')).toEqual([]);
		expect(practiceSet('constructor')).toEqual([]);
	});

	it('the same seed gives the same set; another round or another seed gives other numbers', () => {
		const set = (seed: number, rounds: number[]) =>
			practiceSet('frame-format').map((kind, i) =>
				JSON.stringify(makeExercise(kind, exerciseSeed(seed, i, rounds[i])), (_k, v) =>
					v instanceof Uint8Array ? hex(v) : v
				)
			);
		expect(set(42, [0, 0, 0, 0])).toEqual(set(42, [0, 0, 0, 0]));
		const moved = set(42, [0, 1, 0, 0]);
		expect(moved[0]).toBe(set(42, [0, 0, 0, 0])[0]);
		expect(moved[1]).not.toBe(set(42, [0, 0, 0, 0])[1]);
		expect(set(43, [0, 0, 0, 0])).not.toEqual(set(42, [0, 0, 0, 0]));
	});

	it('reads a seed from a link only when it is one', () => {
		expect(seedFromQuery('1234')).toBe(1234);
		expect(seedFromQuery(' 7 ')).toBe(7);
		for (const bad of [null, '', 'abc', '-1', '1.5', '99999999', '1e3']) expect(seedFromQuery(bad)).toBeNull();
		const fresh = freshSeed(() => Uint8Array.of(255, 255, 255));
		expect(fresh).toBeGreaterThanOrEqual(0);
		expect(fresh).toBeLessThanOrEqual(MAX_SEED);
	});
});

describe('practice progress', () => {
	const memory = () => {
		const kept = new Map<string, string>();
		return {
			getItem: (k: string) => kept.get(k) ?? null,
			setItem: (k: string, v: string) => void kept.set(k, v),
			removeItem: (k: string) => void kept.delete(k)
		};
	};

	it('keeps solved positions per lesson, once each, until reset', () => {
		const s = memory();
		expect(readProgress(s)).toEqual({});
		markSolved('masking', 2, s);
		markSolved('masking', 0, s);
		markSolved('masking', 2, s);
		markSolved('closing', 1, s);
		expect(readProgress(s)).toEqual({ masking: [0, 2], closing: [1] });
		expect(solvedCount(readProgress(s), 'masking', 3)).toBe(2);
		expect(solvedCount(readProgress(s), 'uris', 3)).toBe(0);
		resetProgress(s);
		expect(readProgress(s)).toEqual({});
	});

	it('reads what it cannot understand as nothing solved, and never throws on refused storage', () => {
		const s = memory();
		for (const junk of ['{', '[1,2]', 'null', '"x"', '{"a":"b","c":[1,-1,1.5,"2",3]}']) {
			s.setItem('fbf:practice', junk);
			expect(() => readProgress(s)).not.toThrow();
		}
		expect(readProgress(s)).toEqual({ c: [1, 3] });
		const refusing = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('full');
			},
			removeItem: () => {
				throw new Error('denied');
			}
		};
		expect(readProgress(refusing)).toEqual({});
		expect(markSolved('masking', 1, refusing)).toEqual({ masking: [1] });
		expect(() => resetProgress(refusing)).not.toThrow();
	});
});

describe('the byte map of a typed frame', () => {
	it('marks the field the problem is about, as the decoder annotates it', () => {
		fc.assert(
			fc.property(seeds, (seed) => {
				const e = makeExercise('build-frame', seed) as Extract<Exercise, { kind: 'build-frame' }>;
				const unmasked = hex(encodeFrame({ opcode: 1, payload: encodeUtf8(e.text), mask: null }));
				const v = check(e, unmasked);
				expect(v).toMatchObject({ ok: false, problem: { code: 'wrong-field', field: 'mask' } });
				const view = answerView(e, unmasked, v.ok ? null : v.problem)!;
				expect(view.mark).toEqual({ start: 1, end: 2, fields: ['mask'] });
				expect(view.fields.map((f) => f.field)).toContain('payload');
				const plain = solution(e).split(' ');
				const typed = [...plain.slice(0, 6), ...[...encodeUtf8(e.text)].map((b) => b.toString(16).padStart(2, '0'))];
				const v2 = check(e, typed.join(' '));
				expect(v2).toEqual({ ok: false, problem: { code: 'payload-not-masked', start: 6 } });
				expect(answerView(e, typed.join(' '), v2.ok ? null : v2.problem)!.mark).toEqual({
					start: 6,
					end: 6 + encodeUtf8(e.text).length
				});
				expect(solutionView(e)!.bytes).toEqual(Uint8Array.from(plain.map((b) => parseInt(b, 16))));
			}),
			{ numRuns: 100 }
		);
		expect(answerView(makeExercise('wire-size', 1), '81 00', null)).toBeNull();
		expect(answerView(makeExercise('build-frame', 1), 'not hex', null)).toBeNull();
	});

	it('every exercise shows what it asks about, and takes the answer the page offers', () => {
		for (let seed = 0; seed < 50; seed++)
			for (const kind of KINDS) {
				const e = makeExercise(kind, seed);
				const shape = answerShape(e);
				const answer = solution(e);
				// The page's yes/no choices send "yes"/"no", its 1/0 choices "1"/"0": both are understood.
				if (shape === 'yes-no') expect(['yes', 'no']).toContain(answer);
				if (shape === 'bit') expect(['1', '0']).toContain(answer);
				for (const x of exhibits(e)) {
					if (x.kind === 'bytes') expect(x.bytes.length).toBeGreaterThan(0);
					if (x.kind === 'text') expect(x.text).toMatch(/\S/);
				}
			}
	});
});

describe('the HTTP/2 lesson’s exercises', () => {
	it('an extended CONNECT is answered as the engine’s RFC 8441 server answers it: 200, 400, 405, 501 or a reset', () => {
		const answers = new Set<string>();
		for (let seed = 0; seed < 80; seed++) answers.add(solution(makeExercise('h2-connect', seed)));
		expect([...answers].sort()).toEqual(['200', '400', '405', '501', 'RST_STREAM']);
	});

	it('a wrong answer points at the header that decides it', () => {
		for (let seed = 0; seed < 80; seed++) {
			const e = makeExercise('h2-connect', seed);
			if (e.kind !== 'h2-connect' || solution(e) !== 'RST_STREAM') continue;
			const missing = [':path', ':authority'].find((n) => !e.headers.some(([h]) => h === n));
			expect(check(e, '200')).toEqual({ ok: false, problem: { code: 'h2-look-at', name: missing } });
			expect(check(e, 'reset')).toEqual({ ok: true });
			expect(check(e, 'maybe')).toEqual({ ok: false, problem: { code: 'h2-not-an-answer' } });
			return;
		}
		throw new Error('no seed made a malformed CONNECT');
	});

	it('a frame field read wrong says which octets hold it; a type is taken by name or number', () => {
		for (let seed = 0; seed < 40; seed++) {
			const e = makeExercise('h2-field', seed);
			if (e.kind !== 'h2-field') continue;
			expect(check(e, solution(e))).toEqual({ ok: true });
			if (e.field === 'type') expect(check(e, String(e.bytes[3]))).toEqual({ ok: true });
			const wrongAnswer = e.field === 'type' ? 'GOAWAY' : '999999';
			const where = { length: [0, 3], type: [3, 4], stream: [5, 9] }[e.field];
			expect(check(e, wrongAnswer)).toEqual({
				ok: false,
				problem: { code: 'h2-misread', field: e.field, start: where[0], end: where[1] }
			});
		}
	});
});
