/**
 * Autobahn|Testsuite family 6: UTF-8 in text messages (RFC 6455 §8.1, RFC 3629), after
 * case6_1_1.py ... case6_4_4.py and case6_x_x.py (which takes its sequences from Markus Kuhn's
 * UTF-8-test.txt). Invalid text fails the connection with 1007, and 6.4.x checks it fails fast: as
 * soon as the bad bytes arrive, before the rest of the frame or message is sent.
 */

import {
	type ConformanceCase,
	type Step,
	echoOf,
	failsWith,
	fragmented,
	frame,
	hex,
	normalClose,
	send,
	utf8
} from './case-types';

const KAPPA = hex('ce ba e1 bd b9 cf 83 ce bc ce b5'); // "κόσμε"
const HELLO_UTF8 = 'Hello-µ@ßöäüàá-UTF-8!!';

function basics(): ConformanceCase[] {
	const bad = hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64');
	return [
		{
			id: '6.1.1',
			description: 'Send text message of length 0.',
			steps: [send(frame(1))],
			expect: normalClose([echoOf(1, '')])
		},
		{
			id: '6.1.2',
			description: 'Send fragmented text message, 3 fragments each of length 0.',
			steps: [send(frame(1, '', { fin: false }), frame(0, '', { fin: false }), frame(0))],
			expect: normalClose([echoOf(1, '')])
		},
		{
			id: '6.1.3',
			description: 'Send fragmented text message, 3 fragments, first and last of length 0, middle non-empty.',
			steps: [send(frame(1, '', { fin: false }), frame(0, 'middle frame payload', { fin: false }), frame(0))],
			expect: normalClose([echoOf(1, 'middle frame payload')])
		},
		{
			id: '6.2.1',
			description: 'Send a valid UTF-8 text message in one fragment.',
			steps: [send(frame(1, HELLO_UTF8))],
			expect: normalClose([echoOf(1, HELLO_UTF8)])
		},
		{
			id: '6.2.2',
			description: 'Send a valid UTF-8 text message in two fragments, split on a code point boundary.',
			steps: [send(frame(1, 'Hello-µ@ßöä', { fin: false }), frame(0, 'üàá-UTF-8!!'))],
			expect: normalClose([echoOf(1, HELLO_UTF8)])
		},
		{
			id: '6.2.3',
			description: 'Send a valid UTF-8 text message in fragments of 1 octet, ending inside code points.',
			steps: [send(...fragmented(1, utf8(HELLO_UTF8), 1))],
			expect: normalClose([echoOf(1, HELLO_UTF8)])
		},
		{
			id: '6.2.4',
			description: 'Send a valid UTF-8 text message (κόσμε) in fragments of 1 octet.',
			steps: [send(...fragmented(1, KAPPA, 1))],
			expect: normalClose([echoOf(1, KAPPA)])
		},
		{
			id: '6.3.1',
			description: 'Send invalid UTF-8 text message unfragmented (a UTF-16 surrogate, ED A0 80).',
			steps: [send(frame(1, bad))],
			expect: failsWith(1007)
		},
		{
			id: '6.3.2',
			description: 'Send the same invalid UTF-8 text message in fragments of 1 octet.',
			steps: [send(...fragmented(1, bad, 1))],
			expect: failsWith(1007)
		}
	];
}

/** 6.4.x: the second part makes the text invalid; the server must close before the third is sent. */
function failFast(): ConformanceCase[] {
	const part1 = KAPPA,
		part2 = hex('f4 90 80 80'),
		part3 = hex('65 64 69 74 65 64');
	const whole = new Uint8Array([...part1, ...part2, ...part3]);
	const wait = (steps: [Step, Step, Step]): Step[] => [
		steps[0],
		{ kind: 'expect-open', ms: 150 },
		steps[1],
		{ kind: 'expect-close', ms: 3000 },
		steps[2]
	];
	const inFrames = (a: Uint8Array, b: Uint8Array, c: Uint8Array) =>
		wait([send(frame(1, a, { fin: false })), send(frame(0, b, { fin: false })), send(frame(0, c))]);
	// One frame, written in three chops: header + first bytes, the bad bytes, the rest.
	const inChops = (cut1: number, cut2: number) => {
		const f = frame(1, whole);
		const h = f.length - whole.length;
		return wait([send(f.subarray(0, h + cut1)), send(f.subarray(h + cut1, h + cut2)), send(f.subarray(h + cut2))]);
	};
	const desc = 'the server must fail with 1007 right after the invalid part arrives, before the rest is sent';
	return [
		{
			id: '6.4.1',
			description: `Invalid text in 3 frames: κόσμε, then F4 90 80 80 (U+110000, out of range), then "edited"; ${desc}.`,
			steps: inFrames(part1, part2, part3),
			expect: failsWith(1007)
		},
		{
			id: '6.4.2',
			description: `Invalid text in 3 frames: 12 bytes, the single byte 0x90 that breaks it, the rest; ${desc}.`,
			steps: inFrames(whole.subarray(0, 12), whole.subarray(12, 13), whole.subarray(13)),
			expect: failsWith(1007)
		},
		{
			id: '6.4.3',
			description: `As 6.4.1, but one frame sent in 3 chops; ${desc}.`,
			steps: inChops(11, 15),
			expect: failsWith(1007)
		},
		{
			id: '6.4.4',
			description: `As 6.4.2, but one frame sent in 3 chops; ${desc}.`,
			steps: inChops(12, 13),
			expect: failsWith(1007)
		}
	];
}

/** The sequences of case6_x_x.py, grouped as 6.5 ... 6.23: [valid?, bytes]. */
function kuhnSequences(): [string, [boolean, Uint8Array][]][] {
	const v = (h: string): [boolean, Uint8Array] => [true, hex(h)];
	const x = (h: string): [boolean, Uint8Array] => [false, hex(h)];
	const withAscii = (s: string) => [...utf8('hello'), ...hex(s), ...utf8('world')];
	const range = (lo: number, hi: number) => Array.from({ length: hi - lo }, (_, i) => lo + i); // Python's xrange: hi excluded
	const missing = [
		'c0',
		'e0 80',
		'f0 80 80',
		'f8 80 80 80',
		'fc 80 80 80 80',
		'df',
		'ef bf',
		'f7 bf bf',
		'fb bf bf bf',
		'fd bf bf bf bf'
	];
	const nonChars: [boolean, Uint8Array][] = [v('ef bf be'), v('ef bf bf')];
	for (const z1 of [0xf0, 0xf1, 0xf2, 0xf3, 0xf4])
		for (const z2 of [0x8f, 0x9f, 0xaf, 0xbf]) {
			if (z1 === 0xf4 && z2 !== 0x8f) continue; // beyond U+10FFFF
			for (const z3 of [0xbe, 0xbf])
				if (!(z1 === 0xf0 && z2 === 0x8f)) nonChars.push([true, new Uint8Array([z1, z2, 0xbf, z3])]);
		}
	return [
		[
			'Some valid UTF-8 sequences',
			[
				[true, new Uint8Array(withAscii('24'))],
				[true, new Uint8Array(withAscii('c2 a2'))],
				[true, new Uint8Array(withAscii('e2 82 ac'))],
				[true, new Uint8Array(withAscii('f0 a4 ad a2'))],
				[true, KAPPA]
			]
		],
		[
			'All prefixes of a valid UTF-8 string that contains multi-byte code points',
			// κόσμε is ce ba|e1 bd b9|cf 83|ce bc|ce b5: only prefixes ending on a character end are valid.
			range(1, KAPPA.length + 1).map((i) => [[2, 5, 7, 9, 11].includes(i), KAPPA.slice(0, i)])
		],
		['First possible sequence of a certain length', [v('00'), v('c2 80'), v('e0 a0 80'), v('f0 90 80 80')]],
		['First possible sequence length 5/6 (invalid codepoints)', [x('f8 88 80 80 80'), x('fc 84 80 80 80 80')]],
		['Last possible sequence of a certain length', [v('7f'), v('df bf'), v('ef bf bf'), v('f4 8f bf bf')]],
		[
			'Last possible sequence length 4/5/6 (invalid codepoints)',
			[x('f7 bf bf bf'), x('fb bf bf bf bf'), x('fd bf bf bf bf bf')]
		],
		['Other boundary conditions', [v('ed 9f bf'), v('ee 80 80'), v('ef bf bd'), v('f4 8f bf bf'), x('f4 90 80 80')]],
		[
			'Unexpected continuation bytes',
			[
				x('80'),
				x('bf'),
				x('80 bf'),
				x('80 bf 80'),
				x('80 bf 80 bf'),
				x('80 bf 80 bf 80'),
				x('80 bf 80 bf 80 bf'),
				[false, new Uint8Array(range(0x80, 0xbf))]
			]
		],
		[
			'Lonely start characters',
			[
				[0xc0, 0xdf],
				[0xe0, 0xef],
				[0xf0, 0xf7],
				[0xf8, 0xfb],
				[0xfc, 0xfd]
			].map(([lo, hi]) => [false, new Uint8Array(range(lo, hi).flatMap((b) => [b, 0x20]))])
		],
		['Sequences with last continuation byte missing', missing.map(x)],
		['Concatenation of incomplete sequences', [x(missing.join(' '))]],
		['Impossible bytes', [x('fe'), x('ff'), x('fe fe ff ff')]],
		[
			'Examples of an overlong ASCII character',
			[x('c0 af'), x('e0 80 af'), x('f0 80 80 af'), x('f8 80 80 80 af'), x('fc 80 80 80 80 af')]
		],
		[
			'Maximum overlong sequences',
			[x('c1 bf'), x('e0 9f bf'), x('f0 8f bf bf'), x('f8 87 bf bf bf'), x('fc 83 bf bf bf bf')]
		],
		[
			'Overlong representation of the NUL character',
			[x('c0 80'), x('e0 80 80'), x('f0 80 80 80'), x('f8 80 80 80 80'), x('fc 80 80 80 80 80')]
		],
		[
			'Single UTF-16 surrogates',
			['ed a0 80', 'ed ad bf', 'ed ae 80', 'ed af bf', 'ed b0 80', 'ed be 80', 'ed bf bf'].map(x)
		],
		[
			'Paired UTF-16 surrogates',
			[
				'ed a0 80 ed b0 80',
				'ed a0 80 ed bf bf',
				'ed ad bf ed b0 80',
				'ed ad bf ed bf bf',
				'ed ae 80 ed b0 80',
				'ed ae 80 ed bf bf',
				'ed af bf ed b0 80',
				'ed af bf ed bf bf'
			].map(x)
		],
		['Non-character code points (valid UTF-8)', nonChars],
		[
			'Unicode specials (i.e. replacement char)',
			['ef bf b9', 'ef bf ba', 'ef bf bb', 'ef bf bc', 'ef bf bd', 'ef bf be', 'ef bf bf'].map(v)
		]
	];
}

function sequences(): ConformanceCase[] {
	const out: ConformanceCase[] = [];
	kuhnSequences().forEach(([group, items], g) => {
		items.forEach(([valid, bytes], j) => {
			const hexText = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
			out.push({
				id: `6.${g + 5}.${j + 1}`,
				description: `${group}: a text message, one frame, payload 0x${hexText} (${valid ? 'valid: echoed' : 'invalid: fail with 1007'}).`,
				steps: [send(frame(1, bytes))],
				expect: valid ? normalClose([echoOf(1, bytes)]) : failsWith(1007)
			});
		});
	});
	return out;
}

export const utf8Cases: readonly ConformanceCase[] = [...basics(), ...failFast(), ...sequences()];
