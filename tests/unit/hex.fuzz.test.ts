import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInput, toHex, type FormatChoice, type InputFormat } from '$lib/hex';
import { parseIssueText } from '$lib/i18n/parse';

const FORMATS: InputFormat[] = ['hex', 'hex-0x', 'c-array', 'escape-x', 'xxd', 'wireshark', 'base64'];
const CHOICES: FormatChoice[] = ['auto', ...FORMATS];

// Pieces of every format and of the ways they go wrong, so random strings reach deep into each
// scanner instead of failing on the first character.
const PIECES = [
	...'0123456789abcdefABCDEFgGxXzZ=+/_-:,;.|<>{}[]()*#\'"`\\',
	' ',
	'  ',
	'   ',
	'\t',
	'\n',
	'\r\n',
	'\r',
	'0x',
	'0X',
	'\\x',
	'\\x8',
	'\\0',
	'//',
	'/*',
	'*/',
	'81 ',
	'8185 ',
	'00000000: ',
	'00000010: ',
	'0000   ',
	'0010   ',
	'0000  ',
	'Frame (5 bytes):\n',
	'<Buffer ',
	'... 3 more bytes',
	'(byte)',
	'u8',
	'b"',
	'==',
	'\u00a0',
	'\u200b',
	'é',
	'😀',
	'\ud83d',
	'\udc00'
];
const hexish = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 30 });

/** xxd's layout: 16 bytes a line in 2-byte groups, then the ASCII column, which may look like hex. */
function xxd(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 16) {
		const line = bytes.subarray(i, i + 16);
		const groups = (toHex(line, '').match(/.{1,4}/g) ?? []).join(' ');
		const ascii = String.fromCharCode(...Array.from(line, (b) => (b >= 0x20 && b < 0x7f ? b : 0x2e)));
		out += `${i.toString(16).padStart(8, '0')}: ${groups.padEnd(39)}  ${ascii}\n`;
	}
	return out;
}

/** Wireshark's "Copy as Hex Dump": 4-digit offset, 16 spaced bytes padded to width, ASCII column. */
function wireshark(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 16) {
		const line = bytes.subarray(i, i + 16);
		const ascii = String.fromCharCode(...Array.from(line, (b) => (b >= 0x20 && b < 0x7f ? b : 0x2e)));
		out += `${i.toString(16).padStart(4, '0')}   ${toHex(line).padEnd(47)}   ${ascii}\n`;
	}
	return out;
}

const base64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

// Each writer, and the format auto-detection must name for what it writes.
const WRITERS: [string, (b: Uint8Array) => string, InputFormat][] = [
	['spaced hex', (b) => toHex(b), 'hex'],
	['tight hex', (b) => toHex(b, ''), 'hex'],
	['colon hex', (b) => toHex(b, ':'), 'hex'],
	['dash hex', (b) => toHex(b, '-').toUpperCase(), 'hex'],
	['hex on lines', (b) => toHex(b, '\n'), 'hex'],
	['0x list', (b) => '0x' + toHex(b, ', 0x'), 'hex-0x'],
	['C array', (b) => `static const uint8_t frame[] = {\n\t0x${toHex(b, ', 0x')},\n};`, 'c-array'],
	['\\x string', (b) => `"\\x${toHex(b, '\\x')}"`, 'escape-x'],
	['bare \\x', (b) => `\\x${toHex(b, '\\x')}`, 'escape-x'],
	['xxd', xxd, 'xxd'],
	['wireshark', wireshark, 'wireshark']
];

/** A valid paste of some format with a few random edits: near-misses are what people really paste. */
const mutated = fc
	.tuple(
		fc.uint8Array({ minLength: 1, maxLength: 24 }),
		fc.constantFrom(...WRITERS.map((w) => w[1]), base64),
		fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom(...PIECES)), { maxLength: 3 })
	)
	.map(([bytes, write, edits]) => {
		let text = write(bytes);
		for (const [at, op, piece] of edits) {
			const i = at % (text.length + 1);
			text = text.slice(0, i) + (op === 2 ? '' : piece) + text.slice(op === 0 ? i : i + 1);
		}
		return text;
	});

/** Any string at all: ASCII, full Unicode (lone surrogates included), graphemes, format fragments. */
const anyText = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 30 }), // every code point, as fc.fullUnicodeString was in v3
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	{ arbitrary: hexish, weight: 3 },
	{ arbitrary: mutated, weight: 3 }
);

/** The independent reading of a location: lines split at \r\n, \r or \n; columns count code points. */
function expectedPlace(text: string, start: number) {
	const lines = text.slice(0, start).split(/\r\n|\r|\n/);
	return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
}

/** Plain checks in the hot property: vitest's expect costs more than parseInput on short strings. */
function check(ok: boolean, what: string, data: unknown): void {
	if (!ok) throw new Error(`${what}: ${JSON.stringify(data)}`);
}

describe('parseInput on any string', () => {
	it('never throws, and returns bytes or a well-located error (100,000 strings)', () => {
		fc.assert(
			fc.property(anyText, fc.constantFrom(...CHOICES), (text, choice) => {
				const r = parseInput(text, choice);
				if (r.ok) {
					check(r.bytes instanceof Uint8Array && r.bytes.length > 0, 'bytes', r);
					check(FORMATS.includes(r.format) && (choice === 'auto' || r.format === choice), 'format', r.format);
				} else check(!r.bytesBeforeError || r.bytesBeforeError.length > 0, 'bytesBeforeError', r);
				for (const issue of r.ok ? r.warnings : [r.error]) {
					// Whatever the paste, each language has a whole sentence for the issue, built from its facts.
					const en = parseIssueText(issue, 'en');
					const ko = parseIssueText(issue, 'ko');
					check(/^[a-z0-9-]+$/.test(issue.code) && en.length > 10 && ko.length > 10, 'code and sentences', issue);
					check(!/undefined|NaN|\[object/.test(en + ko), 'sentences built from the parameters', { issue, en, ko });
					check(0 <= issue.start && issue.start <= issue.end && issue.end <= text.length, 'range', issue);
					// A "\r\n" split by the offset is the one place the two readings may differ.
					if (text[issue.start - 1] === '\r' && text[issue.start] === '\n') continue;
					const place = expectedPlace(text, issue.start);
					check(
						issue.line === place.line && issue.column === place.column,
						`place, expected ${JSON.stringify(place)}`,
						issue
					);
				}
			}),
			{ numRuns: 100_000 }
		);
	});
});

describe('round trips', () => {
	const frames = fc.uint8Array({ minLength: 1, maxLength: 300 });

	it.each(WRITERS)('%s: detected and read back exactly', (_name, write, format) => {
		fc.assert(
			fc.property(frames, (bytes) => {
				const r = parseInput(write(bytes));
				expect(r.ok && r.format).toBe(format);
				expect(r.ok && toHex(r.bytes)).toBe(toHex(bytes));
				expect(r.ok && r.warnings).toEqual([]);
			}),
			{ numRuns: 1000 }
		);
	});

	it('base64 (standard, URL-safe, unpadded): read back exactly when chosen, and when detected', () => {
		fc.assert(
			fc.property(frames, fc.boolean(), (bytes, urlSafe) => {
				let text = base64(bytes);
				if (urlSafe) text = text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
				const chosen = parseInput(text, 'base64');
				expect(chosen.ok && toHex(chosen.bytes)).toBe(toHex(bytes));
				const auto = parseInput(text);
				if (auto.ok && auto.format === 'base64') expect(toHex(auto.bytes)).toBe(toHex(bytes));
			}),
			{ numRuns: 2000 }
		);
	});
});
