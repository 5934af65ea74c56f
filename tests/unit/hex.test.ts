import { describe, expect, it } from 'vitest';
import {
	hexToBytes,
	INPUT_FORMATS,
	parseInput,
	toHex,
	type InputFormat,
	type ParseIssue,
	type ParseResult
} from '$lib/hex';
import { charName, formatName, parseIssueText } from '$lib/i18n/parse';

// RFC 6455 §5.7: a single-frame unmasked text "Hello", and the same frame masked by a client.
const HELLO = '81 05 48 65 6c 6c 6f';
const MASKED = '81 85 37 fa 21 3d 7f 9f 4d 51 58';

/** Parses and returns the bytes as spaced hex, failing the test with the error if there is one. */
function read(text: string, format: InputFormat, choice: Parameters<typeof parseInput>[1] = 'auto') {
	const r = parseInput(text, choice);
	if (!r.ok) throw new Error(`expected bytes, got ${r.error.code}: ${parseIssueText(r.error, 'en')}`);
	expect(r.format).toBe(format);
	return { hex: toHex(r.bytes), warnings: r.warnings.map((w) => w.code) };
}

/** The warnings of a text that reads, with their parameters. */
function warnings(text: string, choice: Parameters<typeof parseInput>[1] = 'auto') {
	const r = parseInput(text, choice);
	if (!r.ok) throw new Error(`expected bytes, got ${r.error.code}: ${parseIssueText(r.error, 'en')}`);
	return r.warnings;
}

/** An issue's sentence in both languages. */
const say = (issue: ParseIssue) => ({ en: parseIssueText(issue, 'en'), ko: parseIssueText(issue, 'ko') });

function fail(text: string, choice: Parameters<typeof parseInput>[1] = 'auto') {
	const r: ParseResult = parseInput(text, choice);
	if (r.ok) throw new Error(`expected an error, got ${r.format} ${toHex(r.bytes)}`);
	return r;
}

// A real xxd dump of a 53-byte file whose ASCII column holds hex-looking text ("cafe", "0x12", "\x41").
const XXD = `00000000: 81fe 0028 37fa 213d 7f9f 4d51 589f 4d51  ...(7.!=..MQX.MQ
00000010: 6361 6665 2062 6162 6520 3078 3132 205c  cafe babe 0x12 \\
00000020: 7834 3120 6465 6164 6265 6566 2070 6179  x41 deadbeef pay
00000030: 6c6f 6164 21                             load!
`;
const XXD_BYTES =
	'81 fe 00 28 37 fa 21 3d 7f 9f 4d 51 58 9f 4d 51 63 61 66 65 20 62 61 62 65 20 30 78 31 32 20 5c ' +
	'78 34 31 20 64 65 61 64 62 65 65 66 20 70 61 79 6c 6f 61 64 21';

// tshark -x of a masked client frame, with the titles tshark prints and its second data source.
const TSHARK = `Frame (77 bytes):
0000  02 42 ac 11 00 02 02 42 ac 11 00 03 08 00 45 00   .B.....B......E.
0010  00 3f 5c 2e 40 00 40 06 86 69 ac 11 00 03 ac 11   .?\\.@.@..i......
0020  00 02 c2 a4 19 37 1d 2a 4f 0e 6b 3c 0e 1b 80 18   .....7.*O.k<....
0030  01 f6 58 56 00 00 01 01 08 0a 00 0b 6e 2a 00 0b   ..XV........n*..
0040  6e 2a 81 85 37 fa 21 3d 7f 9f 4d 51 58            n*..7.!=..MQX

Unmasked data (5 bytes):
0000  48 65 6c 6c 6f                                    Hello
`;

describe('plain hex', () => {
	it.each([
		[HELLO, HELLO],
		['810548656c6c6f', HELLO],
		['81:85:37:FA:21:3d:7f:9f:4d:51:58', MASKED],
		['81-85-37-fa-21-3D-7F-9F-4D-51-58', MASKED],
		['  81 85 37 fa\n21 3d 7f 9f\r\n4d 51 58\n', MASKED],
		['"8185 37fa 213d 7f9f 4d51 58"', MASKED], // a JSON string
		['81,05,48,65,6c,6c,6f', HELLO],
		['<Buffer 81 05 48 65 6c 6c 6f>', HELLO] // console.log of a Node Buffer
	])('%j', (text, hex) => expect(read(text, 'hex').hex).toBe(hex));

	it('joins a long unbroken run that a terminal wrapped mid-byte', () => {
		expect(read('8185 37fa 213d 7f9f 4d51 58', 'hex').hex).toBe(MASKED);
		expect(read('818537fa213d7\nf9f4d5158', 'hex').hex).toBe(MASKED);
	});

	it('warns when Node cut a Buffer short', () => {
		expect(read('<Buffer 81 05 48 ... 4 more bytes>', 'hex')).toEqual({ hex: '81 05 48', warnings: ['truncated'] });
	});
});

describe('0x lists and arrays', () => {
	it('reads 0x lists, one byte per item even with one digit', () => {
		expect(read('0x81, 0x05, 0x48, 0x65, 0x6C, 0x6c, 0x6f', 'hex-0x').hex).toBe(HELLO);
		expect(read('{0x1,0x2}', 'c-array').hex).toBe('01 02');
		expect(read('bytes([0x81, 0x5])', 'hex-0x').hex).toBe('81 05');
		expect(read('0x818537fa213d7f9f4d5158', 'hex-0x').hex).toBe(MASKED); // one long item is a hex string
	});

	it('reads C, Go and Java arrays with their declarations, comments and casts', () => {
		const c = `unsigned char frame[11] = {
	0x81, 0x85,             // FIN + text, masked, length 5
	0x37, 0xfa, 0x21, 0x3d, /* masking key */
	0x7f, 0x9f, 0x4d, 0x51, 0x58,
};`;
		expect(read(c, 'c-array')).toEqual({ hex: MASKED, warnings: [] });
		expect(read('frame := []byte{0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}', 'c-array').hex).toBe(HELLO);
		expect(read('byte[] f = { (byte) 0x81, (0x05) };', 'c-array').hex).toBe('81 05');
		expect(read('// opcode 0x1 is text\nuint8_t f[] = {0x81, 0x05};', 'c-array').hex).toBe('81 05');
		expect(read('let f: [u8; 2] = [0x81u8, 0x05];', 'hex-0x').hex).toBe('81 05');
	});

	it('warns about an unclosed list and a second array', () => {
		expect(read('char a[] = { 0x81, 0x05', 'c-array').warnings).toEqual(['unclosed-list']);
		expect(read('char a[] = { 0x81 };\nchar b[] = { 0x05 };', 'c-array')).toEqual({
			hex: '81',
			warnings: ['ignored-text']
		});
	});
});

describe('\\x escapes', () => {
	it('reads C strings, concatenated over lines', () => {
		const c = 'const char frame[] = "\\x81\\x85\\x37\\xfa"\n\t"\\x21\\x3d\\x7f\\x9f" /* key */\n\t"\\x4d\\x51\\x58";';
		expect(read(c, 'escape-x').hex).toBe(MASKED);
	});

	it('reads Python bytes with plain characters and other escapes as bytes too', () => {
		expect(read("b'\\x81\\x05Hello'", 'escape-x').hex).toBe(HELLO);
		expect(read("send(b'\\x88\\x02\\x03' + b'\\xe8')", 'escape-x').hex).toBe('88 02 03 e8');
		expect(read('"\\x81\\x03\\r\\n\\0\\101\\\\"', 'escape-x').hex).toBe('81 03 0d 0a 00 41 5c');
	});

	it('reads bare escapes, and UTF-8 for non-ASCII text with a warning', () => {
		expect(read('\\x81\\x05\\x48\\x65\\x6c\\x6c\\x6f', 'escape-x').hex).toBe(HELLO);
		expect(read('"\\x81\\x02é"', 'escape-x')).toEqual({ hex: '81 02 c3 a9', warnings: ['utf8-literal'] });
	});
});

describe('xxd', () => {
	it('reads a real dump, ignoring an ASCII column that looks like hex', () => {
		expect(read(XXD, 'xxd')).toEqual({ hex: XXD_BYTES, warnings: [] });
	});

	it('still reads it when a chat app collapsed the spaces', () => {
		expect(read(XXD.replace(/ +/g, ' '), 'xxd').hex).toBe(XXD_BYTES);
	});

	it('reads -g1 grouping and warns when a line disagrees with the offsets', () => {
		const g1 = '00000000: 81 85 37 fa 21 3d 7f 9f  ..7.!=..\n00000008: 4d 51 58                 MQX';
		expect(read(g1, 'xxd').hex).toBe(MASKED);
		const short = '00000000: 8185 37fa  ..7.\n00000010: 213d  !=';
		expect(read(short, 'xxd')).toEqual({ hex: '81 85 37 fa 21 3d', warnings: ['offset-mismatch'] });
	});
});

describe('Wireshark and friends', () => {
	it('reads tshark -x, skipping the title and stopping at the second data source', () => {
		const r = read(TSHARK, 'wireshark');
		expect(r.hex.endsWith(`6e 2a ${MASKED}`)).toBe(true);
		expect(r.hex.split(' ')).toHaveLength(77);
		expect(r.warnings).toEqual(['ignored-line', 'second-dump']);
	});

	it('reads Copy as Hex Dump of one line, whose ASCII column holds hex-looking text', () => {
		expect(read('0000   81 05 48 65 6c 6c 6f                              ..Hello', 'wireshark').hex).toBe(HELLO);
		expect(read('0000   81 04 63 61 66 65                                 ..cafe', 'wireshark').hex).toBe(
			'81 04 63 61 66 65'
		);
		expect(read('0000   81 02 61 62   ..ab', 'wireshark').hex).toBe('81 02 61 62');
		// Dumps are detected first, so "\x" or "0x" in the ASCII column does not make it code.
		expect(read('0000   5c 78 38 31 20 30 78 31 32   \\x81 0x12', 'wireshark').hex).toBe('5c 78 38 31 20 30 78 31 32');
	});

	it('reads hexdump -C, with its middle gap and length line', () => {
		const dump = `00000000  81 fe 00 28 37 fa 21 3d  7f 9f 4d 51 58 9f 4d 51  |...(7.!=..MQX.MQ|
00000010  63 61 66 65 20 62 61 62  65 20 30 78 31 32 20 5c  |cafe babe 0x12 \\|
00000020  78 34 31 20 64 65 61 64  62 65 65 66 20 70 61 79  |x41 deadbeef pay|
00000030  6c 6f 61 64 21                                    |load!|
00000035
`;
		expect(read(dump, 'wireshark')).toEqual({ hex: XXD_BYTES, warnings: [] });
	});
});

describe('base64', () => {
	it.each([
		['gQVIZWxsbw==', HELLO],
		['gQVIZWxsbw', HELLO],
		['gYU3+iE9f59NUVg=', MASKED],
		['gYU3-iE9f59NUVg', MASKED], // URL-safe, unpadded
		['gYU3+iE9\nf59NUVg=\n', MASKED],
		['"gQVIZWxsbw=="', HELLO]
	])('%j', (text, hex) => expect(read(text, 'base64').hex).toBe(hex));

	it('prefers hex for text that is both, unless base64 is chosen', () => {
		expect(read('deadbeef', 'hex').hex).toBe('de ad be ef');
		expect(read('deadbeef', 'base64', 'base64').hex).toBe('75 e6 9d 6d e7 9f');
	});

	it('warns about stray bits only when chosen explicitly; auto reads such text as hex', () => {
		expect(read('gQV=', 'base64', 'base64')).toEqual({ hex: '81 05', warnings: ['base64-stray-bits'] });
		expect(fail('gQV=').format).toBe('hex');
	});
});

describe('errors say what and where', () => {
	it('names the lone digit of an odd count', () => {
		const single = fail('81 05 4 65').error;
		expect(single).toMatchObject({
			code: 'odd-digits',
			start: 6,
			end: 7,
			line: 1,
			column: 7,
			params: { digit: '4', group: 1 }
		});
		expect(say(single).en).toBe(
			'"4" at line 1, column 7 is a single hex digit, but each byte needs two (write 04 for a small value).'
		);
		expect(say(single).ko).toBe(
			'1행 7열에 16진수 숫자 "4" 하나만 있습니다. 바이트 하나는 두 자리로 써야 합니다(작은 값이면 04처럼 쓰세요).'
		);
		const run = fail('81\n0548656c6c6').error;
		expect(run).toMatchObject({
			code: 'odd-digits',
			start: 13,
			end: 14,
			line: 2,
			column: 11,
			params: { digit: '6', group: 11 }
		});
		expect(say(run).en).toContain('"6" at line 2, column 11 has no partner: its group has 11 digits');
		expect(say(run).ko).toContain('2행 11열의 16진수 숫자 "6"에 짝이 없습니다. 이 묶음은 11자리');
	});

	it('names a non-hex character with line and column, counting an emoji as one column', () => {
		const e = fail('81 05\n48 6g 6c').error;
		expect(e).toMatchObject({ code: 'bad-char', start: 10, end: 11, line: 2, column: 5 });
		expect(e.params).toEqual({ kind: 'not-hex', char: { text: 'g', codePoint: 0x67 } });
		expect(say(e)).toEqual({
			en: '"g" at line 2, column 5 is not a hex digit (0-9, a-f).',
			ko: '2행 5열의 "g" 문자는 16진수 숫자(0~9, a~f)가 아닙니다.'
		});
		const emoji = fail('😀 81 😀x').error;
		expect(emoji).toMatchObject({
			start: 0,
			end: 2,
			line: 1,
			column: 1,
			params: { kind: 'not-hex', char: { text: '😀', codePoint: 0x1f600 } }
		});
		expect(say(emoji).en).toMatch(/^"😀" \(U\+1F600\) at line 1, column 1 /);
		const bell = fail('81 05 \u0007').error;
		expect(bell.params).toMatchObject({ char: { codePoint: 7 } });
		expect(say(bell).en).toMatch(/^U\+0007 at line 1, column 7 /);
		expect(say(bell).ko).toMatch(/^1행 7열의 U\+0007 문자는 /);
	});

	it('names invisible and look-alike characters so they can be found', () => {
		const c = (text: string) => ({ text, codePoint: text.codePointAt(0)! });
		expect([' ', '\t', '\n', '\u200b', '\ud800', 'é', '"'].map((t) => charName(c(t), 'en'))).toEqual([
			'a space',
			'a tab',
			'a line break',
			'U+200B',
			'U+D800 (half of a broken character)',
			'"é" (U+00E9)',
			`'"'`
		]);
		expect([' ', '\t', '\n', '\u200b', 'é'].map((t) => charName(c(t), 'ko'))).toEqual([
			'공백',
			'탭',
			'줄바꿈',
			'U+200B',
			'"é"(U+00E9)'
		]);
		const escapedSpace = say(fail('"\\x81\\ "').error);
		expect(escapedSpace.en).toBe(
			'The escape "\\" + a space at line 1, column 6 is not one this reader knows; write bytes as \\xHH.'
		);
		expect(escapedSpace.ko).toContain('1행 6열의 "\\" 뒤에 온 공백 문자는');
	});

	it('treats pasted no-break and zero-width spaces as spaces', () => {
		expect(read('81\u00a005\u200b48 65 6c 6c 6f', 'hex').hex).toBe(HELLO);
	});

	it('gives a friendly message for empty input', () => {
		for (const text of ['', '  \n\t ']) {
			const r = fail(text);
			expect(r.format).toBeNull();
			expect(r.error).toMatchObject({ code: 'empty', start: 0, end: text.length, line: 1, column: 1, params: {} });
			expect(say(r.error).en).toMatch(/^There is nothing to read yet/);
			expect(say(r.error).ko).toMatch(/^아직 읽을 내용이 없습니다/);
		}
	});

	it('locates invalid base64', () => {
		expect(fail('gQVIZ', 'base64').error).toMatchObject({
			code: 'bad-base64',
			start: 4,
			end: 5,
			column: 5,
			params: { kind: 'left-over', char: 'Z', count: 5 }
		});
		expect(fail('gQ*I', 'base64').error).toMatchObject({
			code: 'bad-base64',
			start: 2,
			column: 3,
			params: { kind: 'not-base64', char: { text: '*' } }
		});
		const misfit = fail('gQVI=', 'base64').error;
		expect(misfit).toMatchObject({
			code: 'bad-base64',
			start: 4,
			params: { kind: 'padding-misfit', count: 4, expected: 0 }
		});
		expect(say(misfit).en).toContain('after 4 base64 characters, no padding belongs there');
		expect(fail('gQVIZw=', 'base64').error.params).toEqual({ kind: 'padding-misfit', count: 6, expected: 2 });
		const after = fail('gQ==gQ==', 'base64').error;
		expect(after).toMatchObject({ start: 4, params: { kind: 'after-padding', char: { text: 'g' } } });
		expect(say(after).en).toContain('after the "=" padding');
		expect(say(after).ko).toContain('"=" 채움 문자 뒤에');
	});

	it('explains 0x, escape and dump mistakes', () => {
		expect(fail('0x81, 85, 0x05').error).toMatchObject({
			code: 'missing-0x',
			start: 6,
			end: 8,
			params: { token: '85', example: '0x85' }
		});
		expect(fail('0x81, 0x8105').error).toMatchObject({
			code: 'item-too-long',
			start: 6,
			end: 12,
			params: { token: '0x8105', digits: 4 }
		});
		expect(fail('0x81, 0x05g').error).toMatchObject({
			code: 'bad-char',
			start: 10,
			params: { kind: 'after-0x-item', char: { text: 'g' } }
		});
		expect(fail('"\\x81\\q"').error).toMatchObject({
			code: 'bad-escape',
			start: 5,
			end: 7,
			params: { kind: 'unknown', char: { text: 'q' } }
		});
		expect(fail('"\\x81\\x05\n"').error).toMatchObject({
			code: 'unterminated-string',
			start: 0,
			params: { quote: '"', until: 'line' }
		});
		const outside = fail('\\x81 Hello').error;
		expect(outside).toMatchObject({
			code: 'bad-char',
			start: 5,
			params: { kind: 'outside-quotes', char: { text: 'H' } }
		});
		expect(say(outside).en).toContain('outside quotes');
		expect(say(outside).ko).toContain('따옴표 밖');
		expect(fail(XXD.replace('213d', '2l3d')).error).toMatchObject({
			code: 'bad-char',
			line: 1,
			column: 27,
			params: { kind: 'in-dump-line', dump: 'xxd', char: { text: 'l' } }
		});
		const notDump = fail(XXD + 'Wrote 53 bytes').error;
		expect(notDump).toMatchObject({ code: 'not-dump-line', line: 5, params: { dump: 'xxd', example: '00000010:' } });
		expect(say(notDump)).toEqual({
			en: 'Line 5 does not start with an offset like "00000010:", as every line of an xxd dump does.',
			ko: '5행이 오프셋으로 시작하지 않습니다. xxd 덤프는 모든 줄이 "00000010:" 같은 오프셋으로 시작합니다.'
		});
	});

	it('keeps the bytes read before the error', () => {
		const r = fail('81 85 37 fa zz');
		expect(r.bytesBeforeError && toHex(r.bytesBeforeError)).toBe('81 85 37 fa');
	});

	it('reports a wrong explicit choice in that format', () => {
		expect(fail(HELLO, 'hex-0x').error.code).toBe('missing-0x');
		expect(fail(HELLO, 'xxd').error.code).toBe('not-dump-line');
		expect(fail('char a[] = { };', 'c-array').error).toMatchObject({ code: 'no-bytes', params: { format: 'c-array' } });
	});
});

describe('warnings carry what they found', () => {
	it('names the titles, the second dump and the offsets that disagree', () => {
		const tshark = warnings(TSHARK);
		expect(tshark.map((w) => [w.code, w.line, w.params])).toEqual([
			['ignored-line', 1, { text: 'Frame (77 bytes):' }],
			['second-dump', 8, { kind: 'title', text: 'Unmasked data (5 bytes):' }]
		]);
		expect(say(tshark[0]).en).toBe('Line 1, "Frame (77 bytes):", was skipped: it is a title, not dump data.');
		expect(say(tshark[1]).ko).toContain('8행 "Unmasked data (5 bytes):"에서 다른 덤프가 시작되어');
		expect(warnings('0000   81 05\n0000   48 65')[0]).toMatchObject({
			code: 'second-dump',
			line: 2,
			params: { kind: 'offsets-restart' }
		});
		const short = warnings('00000000: 8185 37fa  ..7.\n00000010: 213d  !=')[0];
		expect(short).toMatchObject({ code: 'offset-mismatch', line: 1, params: { bytes: 4, expected: 16 } });
		expect(say(short).en).toBe(
			"Line 1 holds 4 bytes, but the next line's offset says 16; the bytes were read as shown."
		);
		expect(say(short).ko).toBe(
			'1행에는 바이트가 4개 있지만, 다음 줄의 오프셋으로는 16개여야 합니다. 보이는 대로 읽었습니다.'
		);
	});

	it('names what code and Node left out', () => {
		expect(warnings('<Buffer 81 05 48 ... 4 more bytes>')[0]).toMatchObject({
			code: 'truncated',
			params: { missing: 4, text: '... 4 more bytes' }
		});
		expect(warnings('char a[] = { 0x81, 0x05')[0]).toMatchObject({
			code: 'unclosed-list',
			start: 11,
			params: { bracket: '{' }
		});
		expect(warnings('"\\x81\\x02é"')[0]).toMatchObject({
			code: 'utf8-literal',
			params: { char: { text: 'é', codePoint: 0xe9 } }
		});
		expect(warnings('gQV=', 'base64')[0]).toMatchObject({ code: 'base64-stray-bits', params: { char: 'V' } });
	});
});

describe('every issue has its sentence in English and in Korean', () => {
	// One text for each code and each kind: the table in src/lib/i18n/parse.ts must word them all.
	const cases: [string, Parameters<typeof parseInput>[1]][] = [
		['', 'auto'],
		['""', 'auto'],
		['""', 'base64'],
		['zz', 'auto'],
		['0x81, 0x05g', 'auto'],
		['0x81, @', 'auto'],
		['"\\x81\ud800"', 'auto'],
		['"\\x81" ; "\\x82"', 'auto'],
		['\\x81 Hello', 'auto'],
		[XXD.replace('213d', '2l3d'), 'auto'],
		['0x81, 0x', 'auto'],
		['0x81, zz', 'auto'],
		['0000   81 8537 fa   ..7.', 'auto'],
		['81 05 4', 'auto'],
		['81\n0548656c6c6', 'auto'],
		['0x81, 85', 'auto'],
		['0x81, 0x8105', 'auto'],
		['\\x81\\', 'auto'],
		['"\\x81\\xg"', 'auto'],
		['"\\x81\\400"', 'auto'],
		['"\\x81\\q"', 'auto'],
		['"\\x81', 'auto'],
		['`\\x81', 'auto'],
		[XXD + 'Wrote 53 bytes', 'auto'],
		['gQ==gQ==', 'base64'],
		['gQ*I', 'base64'],
		['gQ===', 'base64'],
		['==', 'base64'],
		['gQVIZ', 'base64'],
		['gQVI=', 'base64'],
		[TSHARK, 'auto'],
		['0000   81 05\n0000   48 65', 'auto'],
		['00000000: 8185 37fa  ..7.\n00000010: 213d  !=', 'auto'],
		['char a[] = { 0x81, 0x05', 'auto'],
		['char a[] = { 0x81 };\nchar b[] = { 0x05 };', 'auto'],
		['"\\x81\\x02é"', 'auto'],
		['gQV=', 'base64'],
		['<Buffer 81 05 48 ... 4 more bytes>', 'auto']
	];
	const issues = cases.flatMap(([text, choice]): ParseIssue[] => {
		const r = parseInput(text, choice);
		return r.ok ? r.warnings : [r.error];
	});

	it('covers every code and kind', () => {
		const seen = new Set(issues.map((i) => ('kind' in i.params ? `${i.code}/${i.params.kind}` : i.code)));
		expect([...seen].sort()).toEqual(
			[
				'empty',
				'no-bytes',
				...[
					'not-hex',
					'after-0x-item',
					'in-0x-list',
					'half-character',
					'between-literals',
					'outside-quotes',
					'in-dump-line'
				].map((k) => `bad-char/${k}`),
				...['0x-without-digit', 'word-in-0x-list', 'dump-token-not-byte'].map((k) => `bad-char/${k}`),
				'odd-digits',
				'missing-0x',
				'item-too-long',
				...['at-end', 'x-without-digit', 'octal-too-big', 'unknown'].map((k) => `bad-escape/${k}`),
				'unterminated-string',
				'not-dump-line',
				...[
					'after-padding',
					'not-base64',
					'too-much-padding',
					'padding-without-data',
					'left-over',
					'padding-misfit'
				].map((k) => `bad-base64/${k}`),
				'ignored-line',
				'second-dump/title',
				'second-dump/offsets-restart',
				'offset-mismatch',
				'unclosed-list',
				'ignored-text',
				'utf8-literal',
				'base64-stray-bits',
				'truncated'
			].sort()
		);
	});

	it('says where, in words of its own language', () => {
		for (const issue of issues) {
			const { en, ko } = say(issue);
			for (const text of [en, ko]) {
				expect(text, issue.code).toMatch(/^\S.{15,}[.)]$/s);
				expect(text, issue.code).not.toMatch(/undefined|NaN|\[object/);
			}
			expect(ko, issue.code).toMatch(/[가-힣]/);
			expect(ko, issue.code).not.toBe(en);
			// Every issue but the empty paste names its place: the column, or the line of a dump.
			if (issue.code === 'empty' || issue.code === 'no-bytes' || issue.code === 'truncated') continue;
			expect(en, issue.code).toMatch(new RegExp(`\\b(line|Line) ${issue.line}\\b`));
			expect(ko, issue.code).toContain(`${issue.line}행`);
		}
	});

	it('names every format, differently in each language', () => {
		for (const f of INPUT_FORMATS) {
			expect(formatName(f, 'en').length).toBeGreaterThan(5);
			expect(formatName(f, 'ko').length).toBeGreaterThan(5);
		}
		expect(formatName('hex', 'en')).toBe('Hex digits (spaces, colons and dashes between bytes ignored)');
		expect(formatName('hex', 'ko')).toBe('16진수 숫자 (바이트 사이의 공백, 콜론, 대시는 무시)');
		expect(new Set(INPUT_FORMATS.map((f) => formatName(f, 'en'))).size).toBe(INPUT_FORMATS.length);
	});
});

describe('toHex and hexToBytes', () => {
	const bytes = new Uint8Array([0x81, 0x05, 0x00, 0xff]);

	it('formats lower-case with any separator', () => {
		expect(toHex(bytes)).toBe('81 05 00 ff');
		expect(toHex(bytes, '')).toBe('810500ff');
		expect(toHex(bytes, ', 0x')).toBe('81, 0x05, 0x00, 0xff');
		expect(toHex(new Uint8Array(0))).toBe('');
	});

	it('parses strictly and throws a TypeError that says why', () => {
		expect(hexToBytes('8105 00FF')).toEqual(bytes);
		expect(hexToBytes('')).toEqual(new Uint8Array(0));
		expect(() => hexToBytes('810')).toThrow(/^hexToBytes: odd-digits \(index=2, text="810"\)$/);
		expect(() => hexToBytes('8 105')).toThrow(/^hexToBytes: split-byte \(index=1,/);
		expect(() => hexToBytes('0x81')).toThrow(TypeError);
		expect(() => hexToBytes('0x81')).toThrow(/^hexToBytes: not-hex \(index=1, char="x",/);
		expect(() => hexToBytes(42 as unknown as string)).toThrow(/not-a-string \(got=number\)/);
	});
});
