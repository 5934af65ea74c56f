// Practice exercises (src/lib/practice): each kind's question and hint, and what is wrong with an
// answer, from the checker's codes and numbers. English decides the shape; Korean has the same keys.
import type { Exercise, Problem } from '$lib/practice/exercises';
import { defineMessages, type Lang } from './lang';
import { issueWords } from '$lib/decode/present';
import { decodeText } from './decode';
import { fieldWords } from './protocol/fields';

const enNumber = new Intl.NumberFormat('en-US');
const koNumber = new Intl.NumberFormat('ko-KR');
const n = (v: number) => enNumber.format(v);
const k = (v: number) => koNumber.format(v);
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

type ProblemWords = { readonly [C in Problem['code']]: (p: Extract<Problem, { code: C }>, lang: Lang) => string };
type Field = Extract<Exercise, { kind: 'read-field' }>['field'];

export const practiceText = defineMessages({
	en: {
		questions: {
			'read-field': (field: Field) =>
				({
					fin: 'Is FIN set in this frame (1) or not (0)?',
					opcode: 'What is this frame’s opcode?',
					'payload-length': 'How many bytes of payload does this frame carry?',
					mask: 'Is this frame masked (1) or not (0)?',
					'masking-key': 'Which four bytes are this frame’s masking key?'
				})[field],
			'unmask-byte': (index: number) => `What is payload byte ${n(index)} once unmasked? (in hex)`,
			'build-frame': (text: string, key: Uint8Array) =>
				`Type the bytes of the text frame “${text}” as a client sends it, whole, with the masking key ${hex(key)}.`,
			accept: (key: string, accept: string) =>
				`A client sent Sec-WebSocket-Key: ${key}. Is Sec-WebSocket-Accept: ${accept} the right answer?`,
			'close-code': (from: 'client' | 'server') =>
				`The ${from} sent these bytes. Which close code does the ${from === 'client' ? 'server' : 'client'} fail the connection with?`
		},
		hints: {
			'read-field': (field: Field) =>
				({
					fin: 'FIN is the first bit of the first byte.',
					opcode: 'The opcode is the low four bits of the first byte.',
					'payload-length':
						'The low seven bits of the second byte: 0-125 is the length; 126 means the next 2 bytes hold it; 127, the next 8.',
					mask: 'MASK is the first bit of the second byte.',
					'masking-key': 'The key is the four bytes right after the length (and any extended length).'
				})[field],
			'unmask-byte': (index: number) =>
				`Byte i is XORed with key byte i mod 4: here ${n(index)} mod 4 = ${n(index % 4)}. XOR bit by bit: 1 where the bits differ.`,
			'build-frame':
				'First byte: FIN and the opcode (0x81 for a whole text message). Second: MASK and the length. Then the key, then each text byte XORed with key byte i mod 4.',
			accept:
				'Append 258EAFA5-E914-47DA-95CA-C5AB0DC85B11 to the key as it is, take the SHA-1 of that text, and base64 the 20 bytes.',
			'close-code':
				'1002 is for breaking the framing rules (masking, control frames, opcodes); 1007 for data that does not match its type, such as invalid UTF-8 in a text message.'
		},
		problems: {
			empty: () => 'Type an answer first.',
			'not-a-number': () => 'A number is needed here (decimal, or hex with 0x).',
			'not-yes-no': () => 'Answer yes or no (or 1 or 0).',
			'not-hex': (p) => `That is not hex from character ${n(p.at + 1)} on. Two hex digits per byte; spaces are fine.`,
			'wrong-count': (p) => `${n(p.got)} ${p.got === 1 ? 'byte' : 'bytes'} given; ${n(p.expected)} expected.`,
			'wrong-value': () => 'Not quite. Look at the hint, or at the bytes again.',
			'wrong-key-byte': (p) =>
				`That is the byte XORed with key byte ${n(p.used)}; byte i takes key byte i mod 4, which is ${n(p.right)} here.`,
			'not-xored': () => 'That is the masked byte itself: it still has to be XORed with the key.',
			'not-one-frame': (p) => `These bytes read as ${n(p.frames)} frames; one was asked for.`,
			'frame-problem': (p, lang) => `At byte ${n(p.start)}: ${issueWords(p.issue, decodeText(lang), lang).title}.`,
			incomplete: (p) => `The frame is ${n(p.missing)} ${p.missing === 1 ? 'byte' : 'bytes'} short.`,
			'extra-bytes': (p) => `${n(p.count)} ${p.count === 1 ? 'byte' : 'bytes'} left over after the frame.`,
			'wrong-field': (p, lang) =>
				`${fieldWords(lang).long[p.field]} is ${p.got} here; it should be ${p.expected} (from byte ${n(p.start)}).`,
			'payload-not-masked': (p) =>
				`From byte ${n(p.start)} the text is typed as it is: a client masks it, each byte XORed with the key.`,
			'wrong-payload': (p) =>
				`From byte ${n(p.start)} the payload unmasks to ${p.got}, not “${p.expected}”. Check the XOR of each byte.`
		} satisfies ProblemWords as ProblemWords,
		right: 'Right.',
		check: 'Check',
		hint: 'Hint',
		reveal: 'Show the answer',
		another: 'Another one'
	},
	ko: {
		questions: {
			'read-field': (field: Field) =>
				({
					fin: '이 프레임에 FIN이 켜져 있나요(1), 꺼져 있나요(0)?',
					opcode: '이 프레임의 opcode는 무엇인가요?',
					'payload-length': '이 프레임은 페이로드를 몇 바이트 담고 있나요?',
					mask: '이 프레임은 마스킹되어 있나요(1), 아닌가요(0)?',
					'masking-key': '이 프레임의 마스킹 키는 어느 네 바이트인가요?'
				})[field],
			'unmask-byte': (index: number) => `페이로드 ${k(index)}번 바이트를 언마스킹하면 무엇인가요? (16진수로)`,
			'build-frame': (text: string, key: Uint8Array) =>
				`클라이언트가 보내는 텍스트 프레임 “${text}”의 바이트를 통째로 입력하세요. 마스킹 키는 ${hex(key)}입니다.`,
			accept: (key: string, accept: string) =>
				`클라이언트가 Sec-WebSocket-Key: ${key}를 보냈습니다. Sec-WebSocket-Accept: ${accept}는 올바른 응답인가요?`,
			'close-code': (from: 'client' | 'server') =>
				`${from === 'client' ? '클라이언트' : '서버'}가 이 바이트를 보냈습니다. ${from === 'client' ? '서버' : '클라이언트'}는 어떤 닫기 코드로 연결을 실패 처리하나요?`
		},
		hints: {
			'read-field': (field: Field) =>
				({
					fin: 'FIN은 첫 바이트의 첫 비트입니다.',
					opcode: 'opcode는 첫 바이트의 아래쪽 네 비트입니다.',
					'payload-length':
						'둘째 바이트의 아래쪽 일곱 비트를 보세요. 0~125면 그 값이 길이이고, 126이면 다음 2바이트에, 127이면 다음 8바이트에 길이가 있습니다.',
					mask: 'MASK는 둘째 바이트의 첫 비트입니다.',
					'masking-key': '키는 길이(확장 길이가 있으면 그 뒤) 바로 다음의 네 바이트입니다.'
				})[field],
			'unmask-byte': (index: number) =>
				`i번 바이트는 키의 (i mod 4)번 바이트와 XOR합니다. 여기서는 ${k(index)} mod 4 = ${k(index % 4)}입니다. 비트마다 XOR하면 두 비트가 다를 때 1입니다.`,
			'build-frame':
				'첫 바이트는 FIN과 opcode입니다(통째인 텍스트 메시지는 0x81). 둘째 바이트는 MASK와 길이입니다. 그다음 키가 오고, 텍스트의 각 바이트를 키의 (i mod 4)번 바이트와 XOR한 값이 옵니다.',
			accept:
				'키 문자열 그대로 뒤에 258EAFA5-E914-47DA-95CA-C5AB0DC85B11을 붙이고, 그 문자열의 SHA-1을 구한 다음, 20바이트를 base64로 바꿉니다.',
			'close-code':
				'1002는 프레임 규칙(마스킹, 제어 프레임, opcode)을 어겼을 때, 1007은 텍스트 메시지에 잘못된 UTF-8이 있는 것처럼 데이터가 형식에 맞지 않을 때 씁니다.'
		},
		problems: {
			empty: () => '먼저 답을 입력하세요.',
			'not-a-number': () => '숫자를 입력해야 합니다(10진수, 또는 0x를 붙인 16진수).',
			'not-yes-no': () => '예나 아니요(또는 1이나 0)로 답하세요.',
			'not-hex': (p) =>
				`${k(p.at + 1)}번째 글자부터 16진수가 아닙니다. 바이트마다 16진수 두 자리이고, 띄어 써도 됩니다.`,
			'wrong-count': (p) => `${k(p.got)}바이트를 입력했습니다. ${k(p.expected)}바이트여야 합니다.`,
			'wrong-value': () => '아쉽지만 아닙니다. 힌트를 보거나 바이트를 다시 살펴보세요.',
			'wrong-key-byte': (p) =>
				`키의 ${k(p.used)}번 바이트와 XOR한 값입니다. i번 바이트는 키의 (i mod 4)번 바이트, 여기서는 ${k(p.right)}번 바이트와 XOR해야 합니다.`,
			'not-xored': () => '마스킹된 바이트 그대로입니다. 키와 XOR해야 합니다.',
			'not-one-frame': (p) => `이 바이트는 프레임 ${k(p.frames)}개로 읽힙니다. 프레임 하나를 만들어야 합니다.`,
			'frame-problem': (p, lang) => `${k(p.start)}번째 바이트: ${issueWords(p.issue, decodeText(lang), lang).title}.`,
			incomplete: (p) => `프레임이 ${k(p.missing)}바이트 모자랍니다.`,
			'extra-bytes': (p) => `프레임 뒤에 ${k(p.count)}바이트가 남습니다.`,
			'wrong-field': (p, lang) =>
				`${fieldWords(lang).long[p.field]}이(가) ${p.got}입니다. ${p.expected}여야 합니다(${k(p.start)}번째 바이트부터).`,
			'payload-not-masked': (p) =>
				`${k(p.start)}번째 바이트부터 텍스트를 그대로 입력했습니다. 클라이언트는 각 바이트를 키와 XOR해 마스킹합니다.`,
			'wrong-payload': (p) =>
				`${k(p.start)}번째 바이트부터의 페이로드를 언마스킹하면 “${p.expected}”가 아니라 ${p.got}입니다. 바이트마다 XOR을 확인하세요.`
		} satisfies ProblemWords as ProblemWords,
		right: '맞았습니다.',
		check: '확인',
		hint: '힌트',
		reveal: '답 보기',
		another: '다른 문제'
	}
});

/** What is wrong with an answer, in `lang`. */
export function problemText(problem: Problem, lang: Lang): string {
	return (practiceText(lang).problems[problem.code] as (p: Problem, lang: Lang) => string)(problem, lang);
}
