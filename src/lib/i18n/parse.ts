// Reading pasted bytes (src/lib/hex), in English and Korean: the long name of each input format, and
// a sentence for every issue the reader reports, built from its parameters (the character found,
// the token, the counts) and its place. Typed by the reader's own parameter map, so a code (or, for
// a code that covers several situations, a `kind`) without a sentence in either language is a type
// error.
import type { FoundChar, InputFormat, ParseIssue, ParseIssueCode, ParseIssueParams } from '$lib/hex';
import { formatNumber } from './format';
import { defineMessages, type Lang } from './lang';

/** Where an issue is, as the language writes it ("line 2, column 5"), and its line alone. */
interface Place {
	readonly at: string;
	readonly line: number;
}

type Sentence<P> = (p: P, w: Place) => string;

/** The members of a union of parameters whose `kind` can be K. */
type OfKind<P, K> = P extends { readonly kind: infer X } ? (K extends X ? P : never) : never;

/** The codes that cover several situations, told apart by `kind`; each kind has its own sentence. */
type KindCode = {
	[C in ParseIssueCode]: ParseIssueParams[C] extends { readonly kind: string }
		? string extends keyof ParseIssueParams[C]
			? never // NoParams: an index signature, no `kind`
			: C
		: never;
}[ParseIssueCode];

type IssueWords = {
	readonly [C in ParseIssueCode]: C extends KindCode
		? { readonly [K in ParseIssueParams[C]['kind']]: Sentence<OfKind<ParseIssueParams[C], K>> }
		: Sentence<ParseIssueParams[C]>;
};

export interface ParseWords {
	/** The place of an issue. */
	readonly at: (line: number, column: number) => string;
	/** A character of the paste, named so that an invisible or look-alike one can be found too. */
	readonly char: (c: FoundChar) => string;
	/** Each input format's long name, for "Read as: …". */
	readonly formats: { readonly [F in InputFormat]: string };
	readonly issues: IssueWords;
}

const U = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
/** Controls and other code points that print as nothing (or nearly): only their code can show them. */
const isInvisible = (cp: number) => cp < 0xa0 || (cp >= 0x2000 && cp <= 0x206f) || cp === 0xfeff || cp === 0xad;
const q = (s: string) => `"${s}"`;
const dumpName = (dump: 'xxd' | 'wireshark') => (dump === 'xxd' ? 'xxd' : 'Wireshark');
const padding = (n: number) => '='.repeat(n);

/** "g" for visible ASCII, words for the usual blanks, otherwise a U+ code so the character can be found. */
function enChar(c: FoundChar): string {
	const cp = c.codePoint;
	if (cp > 0xffff) return `"${c.text}" (${U(cp)})`;
	if (cp === 34) return `'"'`;
	if (cp > 32 && cp < 127) return q(c.text);
	if (cp === 32) return 'a space';
	if (cp === 9) return 'a tab';
	if (cp === 10 || cp === 13) return 'a line break';
	if (isSurrogate(cp)) return `${U(cp)} (half of a broken character)`;
	if (isInvisible(cp)) return U(cp);
	return `"${c.text}" (${U(cp)})`;
}

function koChar(c: FoundChar): string {
	const cp = c.codePoint;
	if (cp > 0xffff) return `"${c.text}"(${U(cp)})`;
	if (cp === 34) return `'"'`;
	if (cp > 32 && cp < 127) return q(c.text);
	if (cp === 32) return '공백';
	if (cp === 9) return '탭';
	if (cp === 10 || cp === 13) return '줄바꿈';
	if (isSurrogate(cp)) return `${U(cp)}(깨진 문자의 반쪽)`;
	if (isInvisible(cp)) return U(cp);
	return `"${c.text}"(${U(cp)})`;
}

/** The English character label at the start of a sentence: "A space at line 1, column 3 …". */
const Char = (c: FoundChar) => {
	const s = enChar(c);
	return s[0].toUpperCase() + s.slice(1);
};
const n = (v: number) => formatNumber('en', v);
const k = (v: number) => formatNumber('ko', v);

const en: ParseWords = {
	at: (line, column) => `line ${line}, column ${column}`,
	char: enChar,
	formats: {
		hex: 'Hex digits (spaces, colons and dashes between bytes ignored)',
		'hex-0x': '0x-prefixed bytes (0x81, 0x85, …)',
		'c-array': 'Array literal of 0x bytes ({ 0x81, 0x85, … }; declaration and comments ignored)',
		'escape-x': 'String with \\x escapes ("\\x81\\x85…")',
		xxd: 'xxd dump (offsets and ASCII column ignored)',
		wireshark: 'Wireshark hex dump (offsets and ASCII column ignored)',
		base64: 'Base64 (standard or URL-safe alphabet)'
	},
	issues: {
		empty: () =>
			'There is nothing to read yet: paste the bytes as hex, a 0x list or C array, \\x escapes, an xxd or Wireshark dump, or base64.',
		'no-bytes': (p) =>
			p.format === 'base64' ? 'There are no base64 characters to read.' : 'No bytes were found in the text.',
		'bad-char': {
			'not-hex': (p, w) => `${Char(p.char)} at ${w.at} is not a hex digit (0-9, a-f).`,
			'after-0x-item': (p, w) =>
				`${Char(p.char)} at ${w.at} cannot follow a 0x item; separate items with commas or spaces.`,
			'in-0x-list': (p, w) =>
				`${Char(p.char)} at ${w.at} does not belong in a 0x list, whose items look like 0x81, separated by commas.`,
			'half-character': (p, w) => `${Char(p.char)} at ${w.at} cannot be written in UTF-8, so it has no bytes to read.`,
			'between-literals': (p, w) =>
				`${Char(p.char)} at ${w.at} stands between string literals; only spaces, + and comments may join them.`,
			'outside-quotes': (p, w) =>
				`${Char(p.char)} at ${w.at} is outside quotes, where only escapes like \\x81 are read; put the string in quotes to mix escapes and characters.`,
			'in-dump-line': (p, w) =>
				`${Char(p.char)} at ${w.at} is not a hex digit, yet it sits among the bytes of this ${dumpName(p.dump)} dump line.`,
			'0x-without-digit': (p, w) => `${q(p.token)} at ${w.at} is not followed by a hex digit.`,
			'word-in-0x-list': (p, w) =>
				`${q(p.token)} at ${w.at} is not a byte; a 0x list holds items like 0x81 separated by commas.`,
			'dump-token-not-byte': (p, w) =>
				`${q(p.token)} at ${w.at} is not one byte: this dump writes each byte as two digits, separated by spaces.`
		},
		'odd-digits': (p, w) =>
			p.group <= 1
				? `${q(p.digit)} at ${w.at} is a single hex digit, but each byte needs two (write 0${p.digit} for a small value).`
				: `The hex digit ${q(p.digit)} at ${w.at} has no partner: its group has ${n(p.group)} digits, an odd number, and each byte needs two.`,
		'missing-0x': (p, w) =>
			`${q(p.token)} at ${w.at} has no 0x prefix; in a 0x list every byte needs one, like ${p.example}.`,
		'item-too-long': (p, w) =>
			`${q(p.token)} at ${w.at} has ${n(p.digits)} hex digits, but each item of a 0x list is one byte (at most 2 digits).`,
		'bad-escape': {
			'at-end': (_, w) => `The "\\" at ${w.at} ends the text with no escape after it.`,
			'x-without-digit': (_, w) => `"\\x" at ${w.at} is not followed by a hex digit.`,
			'octal-too-big': (p, w) => `${q(p.token)} at ${w.at} is more than one byte; octal escapes stop at \\377.`,
			unknown: (p, w) =>
				`The escape "\\" + ${enChar(p.char)} at ${w.at} is not one this reader knows; write bytes as \\xHH.`
		},
		'unterminated-string': (p, w) =>
			`The string opened at ${w.at} is not closed before the end of ${p.until === 'line' ? 'its line' : 'the text'}.`,
		'not-dump-line': (p, w) =>
			`Line ${w.line} does not start with an offset like ${q(p.example)}, as every line of ${p.dump === 'xxd' ? 'an xxd' : 'a Wireshark'} dump does.`,
		'bad-base64': {
			'after-padding': (p, w) =>
				`${Char(p.char)} at ${w.at} comes after the "=" padding, which may only end base64 text.`,
			'not-base64': (p, w) =>
				`${Char(p.char)} at ${w.at} is not a base64 character (A-Z, a-z, 0-9, + and /, or the URL-safe - and _).`,
			'too-much-padding': (_, w) => `The "=" at ${w.at} is one too many: base64 padding is at most "==".`,
			'padding-without-data': (_, w) => `The "=" padding at ${w.at} has no base64 data before it.`,
			'left-over': (p, w) =>
				`The base64 character ${q(p.char)} at ${w.at} is left over: base64 comes in groups of 4 characters and there are ${n(p.count)}, so one is missing or extra.`,
			'padding-misfit': (p, w) =>
				`The "=" padding at ${w.at} does not fit: after ${n(p.count)} base64 characters, ${p.expected === 0 ? 'no padding' : q(padding(p.expected))} belongs there.`
		},
		'ignored-line': (p, w) => `Line ${w.line}, ${JSON.stringify(p.text)}, was skipped: it is a title, not dump data.`,
		'second-dump': {
			title: (p, w) =>
				`Reading stopped at line ${w.line}, ${JSON.stringify(p.text)}: another dump starts there, and only the first is read.`,
			'offsets-restart': (_, w) =>
				`Offsets start again at line ${w.line}, so a second dump begins there; only the first is read.`
		},
		'offset-mismatch': (p, w) =>
			`Line ${w.line} holds ${n(p.bytes)} byte${p.bytes === 1 ? '' : 's'}, but the next line's offset says ${n(p.expected)}; the bytes were read as shown.`,
		'unclosed-list': (p, w) =>
			`The ${q(p.bracket)} at ${w.at} is never closed, so the list was read to the end of the text.`,
		'ignored-text': (_, w) =>
			`The 0x values from ${w.at} on were not read: they come after the list closes, and only the first list is read.`,
		'utf8-literal': (p, w) =>
			`Non-ASCII characters in the string, starting with ${enChar(p.char)} at ${w.at}, were read as their UTF-8 bytes.`,
		'base64-stray-bits': (p, w) =>
			`The last base64 character ${q(p.char)} at ${w.at} carries bits that belong to no byte, so the text may have been cut or edited.`,
		truncated: (p) =>
			`The paste ends with ${q(p.text)}: Node printed only the start of this Buffer, so the last ${n(p.missing)} byte${p.missing === 1 ? ' is' : 's are'} missing.`
	}
};

const ko: ParseWords = {
	at: (line, column) => `${line}행 ${column}열`,
	char: koChar,
	formats: {
		hex: '16진수 숫자 (바이트 사이의 공백, 콜론, 대시는 무시)',
		'hex-0x': '0x 접두사가 붙은 바이트 (0x81, 0x85, …)',
		'c-array': '0x 바이트 배열 리터럴 ({ 0x81, 0x85, … }, 선언과 주석은 무시)',
		'escape-x': '\\x 이스케이프 문자열 ("\\x81\\x85…")',
		xxd: 'xxd 덤프 (오프셋과 ASCII 열은 무시)',
		wireshark: 'Wireshark 헥스 덤프 (오프셋과 ASCII 열은 무시)',
		base64: 'Base64 (표준 또는 URL 안전 문자)'
	},
	issues: {
		empty: () =>
			'아직 읽을 내용이 없습니다. 바이트를 16진수, 0x 목록이나 C 배열, \\x 이스케이프, xxd나 Wireshark 덤프, base64로 붙여 넣으세요.',
		'no-bytes': (p) =>
			p.format === 'base64' ? '읽을 base64 문자가 없습니다.' : '텍스트에서 바이트를 찾지 못했습니다.',
		'bad-char': {
			'not-hex': (p, w) => `${w.at}의 ${koChar(p.char)} 문자는 16진수 숫자(0~9, a~f)가 아닙니다.`,
			'after-0x-item': (p, w) =>
				`${w.at}의 ${koChar(p.char)} 문자는 0x 항목 바로 뒤에 올 수 없습니다. 항목 사이는 쉼표나 공백으로 구분하세요.`,
			'in-0x-list': (p, w) =>
				`${w.at}의 ${koChar(p.char)} 문자는 0x 목록에 들어갈 수 없습니다. 0x 목록의 항목은 0x81처럼 쓰고 쉼표로 구분합니다.`,
			'half-character': (p, w) =>
				`${w.at}의 ${koChar(p.char)} 문자는 UTF-8로 나타낼 수 없어 바이트로 읽을 수 없습니다.`,
			'between-literals': (p, w) =>
				`${w.at}의 ${koChar(p.char)} 문자가 문자열 리터럴 사이에 있습니다. 리터럴 사이에는 공백, +, 주석만 올 수 있습니다.`,
			'outside-quotes': (p, w) =>
				`${w.at}의 ${koChar(p.char)} 문자는 따옴표 밖에 있습니다. 따옴표 밖에서는 \\x81 같은 이스케이프만 읽습니다. 이스케이프와 일반 문자를 섞어 쓰려면 문자열을 따옴표로 감싸세요.`,
			'in-dump-line': (p, w) =>
				`${w.at}의 ${koChar(p.char)} 문자는 16진수 숫자가 아닌데, ${dumpName(p.dump)} 덤프 줄의 바이트 사이에 있습니다.`,
			'0x-without-digit': (p, w) => `${w.at}의 ${q(p.token)} 뒤에 16진수 숫자가 없습니다.`,
			'word-in-0x-list': (p, w) =>
				`${w.at}의 ${q(p.token)} 부분은 바이트가 아닙니다. 0x 목록에는 0x81처럼 쓴 항목을 쉼표로 구분해 넣습니다.`,
			'dump-token-not-byte': (p, w) =>
				`${w.at}의 ${q(p.token)} 부분은 바이트 하나가 아닙니다. 이 덤프는 바이트마다 16진수 두 자리로 쓰고 공백으로 구분합니다.`
		},
		'odd-digits': (p, w) =>
			p.group <= 1
				? `${w.at}에 16진수 숫자 ${q(p.digit)} 하나만 있습니다. 바이트 하나는 두 자리로 써야 합니다(작은 값이면 0${p.digit}처럼 쓰세요).`
				: `${w.at}의 16진수 숫자 ${q(p.digit)}에 짝이 없습니다. 이 묶음은 ${k(p.group)}자리로 홀수인데, 바이트 하나는 두 자리입니다.`,
		'missing-0x': (p, w) =>
			`${w.at}의 ${q(p.token)}에 0x 접두사가 없습니다. 0x 목록에서는 ${p.example}처럼 바이트마다 0x를 붙여야 합니다.`,
		'item-too-long': (p, w) =>
			`${w.at}의 ${q(p.token)} 항목은 16진수 ${k(p.digits)}자리입니다. 0x 목록의 항목은 바이트 하나이므로 두 자리까지만 쓸 수 있습니다.`,
		'bad-escape': {
			'at-end': (_, w) => `${w.at}의 "\\" 뒤에 이스케이프 문자가 없이 텍스트가 끝납니다.`,
			'x-without-digit': (_, w) => `${w.at}의 "\\x" 뒤에 16진수 숫자가 없습니다.`,
			'octal-too-big': (p, w) =>
				`${w.at}의 ${q(p.token)} 이스케이프는 한 바이트를 넘습니다. 8진수 이스케이프는 \\377까지입니다.`,
			unknown: (p, w) =>
				`${w.at}의 "\\" 뒤에 온 ${koChar(p.char)} 문자는 이 페이지가 읽을 수 있는 이스케이프가 아닙니다. 바이트는 \\xHH 형태로 적어 주세요.`
		},
		'unterminated-string': (p, w) =>
			`${w.at}에서 시작한 문자열이 ${p.until === 'line' ? '그 줄이 끝날' : '텍스트가 끝날'} 때까지 닫히지 않습니다.`,
		'not-dump-line': (p, w) =>
			`${w.line}행이 오프셋으로 시작하지 않습니다. ${dumpName(p.dump)} 덤프는 모든 줄이 ${q(p.example)} 같은 오프셋으로 시작합니다.`,
		'bad-base64': {
			'after-padding': (p, w) =>
				`${w.at}의 ${koChar(p.char)} 문자가 "=" 채움 문자 뒤에 있습니다. "=" 채움 문자는 base64 텍스트의 맨 끝에만 올 수 있습니다.`,
			'not-base64': (p, w) =>
				`${w.at}의 ${koChar(p.char)} 문자는 base64 문자(A~Z, a~z, 0~9, +와 /, 또는 URL 안전 문자 -와 _)가 아닙니다.`,
			'too-much-padding': (_, w) => `${w.at}의 "=" 채움 문자가 하나 더 많습니다. base64 채움 문자는 많아야 "=="입니다.`,
			'padding-without-data': (_, w) => `${w.at}의 "=" 채움 문자 앞에 base64 데이터가 없습니다.`,
			'left-over': (p, w) =>
				`${w.at}의 base64 문자 ${q(p.char)} 하나가 남습니다. base64는 4글자씩 묶이는데 글자가 ${k(p.count)}개이므로, 한 글자가 빠졌거나 더 들어갔습니다.`,
			'padding-misfit': (p, w) =>
				`${w.at}의 "=" 채움 문자가 맞지 않습니다. ${p.expected === 0 ? `base64 문자 ${k(p.count)}개 뒤에는 채움 문자가 없어야 합니다.` : `base64 문자 ${k(p.count)}개 뒤에 올 채움 문자는 ${q(padding(p.expected))}입니다.`}`
		},
		'ignored-line': (p, w) =>
			`${w.line}행의 ${JSON.stringify(p.text)} 줄은 덤프 데이터가 아니라 제목이어서 건너뛰었습니다.`,
		'second-dump': {
			title: (p, w) =>
				`${w.line}행 ${JSON.stringify(p.text)}에서 다른 덤프가 시작되어 거기서 읽기를 멈췄습니다. 첫 번째 덤프만 읽습니다.`,
			'offsets-restart': (_, w) =>
				`${w.line}행에서 오프셋이 처음부터 다시 시작되므로 거기서 두 번째 덤프가 시작됩니다. 첫 번째 덤프만 읽습니다.`
		},
		'offset-mismatch': (p, w) =>
			`${w.line}행에는 바이트가 ${k(p.bytes)}개 있지만, 다음 줄의 오프셋으로는 ${k(p.expected)}개여야 합니다. 보이는 대로 읽었습니다.`,
		'unclosed-list': (p, w) => `${w.at}에서 연 괄호 ${q(p.bracket)}가 닫히지 않아 텍스트 끝까지 목록으로 읽었습니다.`,
		'ignored-text': (_, w) =>
			`${w.at}부터 나오는 0x 값은 목록이 닫힌 뒤에 있어 읽지 않았습니다. 첫 번째 목록만 읽습니다.`,
		'utf8-literal': (p, w) =>
			`${w.at}의 ${koChar(p.char)}부터, 문자열 안의 ASCII가 아닌 문자는 UTF-8 바이트로 읽었습니다.`,
		'base64-stray-bits': (p, w) =>
			`${w.at}의 마지막 base64 문자 ${q(p.char)}에 어느 바이트에도 속하지 않는 비트가 있습니다. 텍스트가 잘렸거나 고쳐졌을 수 있습니다.`,
		truncated: (p) =>
			`붙여 넣은 텍스트가 ${q(p.text)}로 끝납니다. Node가 이 Buffer의 앞부분만 출력했기 때문에 뒤의 ${k(p.missing)}바이트가 빠져 있습니다.`
	}
};

export const parseWords = defineMessages({ en, ko });

/** The sentence for a reader's issue: what was found, where, and what belongs there instead. */
export function parseIssueText(issue: ParseIssue, lang: Lang): string {
	const w = parseWords(lang);
	const place: Place = { at: w.at(issue.line, issue.column), line: issue.line };
	const entry = w.issues[issue.code] as Sentence<unknown> | Readonly<Record<string, Sentence<unknown>>>;
	const say = typeof entry === 'function' ? entry : entry[(issue.params as { kind: string }).kind];
	return say(issue.params, place);
}

/** An input format's long name: "Hex digits (spaces, colons and dashes between bytes ignored)". */
export function formatName(format: InputFormat, lang: Lang): string {
	return parseWords(lang).formats[format];
}

/** A character of the paste as the sentences name it: "g" in quotes, "a tab", "U+200B". */
export function charName(c: FoundChar, lang: Lang): string {
	return parseWords(lang).char(c);
}
