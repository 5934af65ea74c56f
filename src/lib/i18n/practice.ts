// Practice exercises (src/lib/practice): each kind's question and hint, and what is wrong with an
// answer, from the checker's codes and numbers. English decides the shape; Korean has the same keys.
import type { Exercise, Problem } from '$lib/practice/exercises';
import { hex2 } from './format';
import { defineMessages, type Lang } from './lang';
import { issueWords } from '$lib/decode/present';
import { decodeText } from './decode';
import { fieldWords } from './protocol/fields';

const enNumber = new Intl.NumberFormat('en-US');
const koNumber = new Intl.NumberFormat('ko-KR');
const n = (v: number) => enNumber.format(v);
const k = (v: number) => koNumber.format(v);
const hex = (bytes: Uint8Array) => [...bytes].map(hex2).join(' ');

type ProblemWords = { readonly [C in Problem['code']]: (p: Extract<Problem, { code: C }>, lang: Lang) => string };
type Field = Extract<Exercise, { kind: 'read-field' }>['field'];
type H2Field = Extract<Exercise, { kind: 'h2-field' }>['field'];

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
				`A client sent \`Sec-WebSocket-Key: ${key}\`. Is \`Sec-WebSocket-Accept: ${accept}\` the right answer?`,
			'close-code': (from: 'client' | 'server') =>
				`The ${from} sent these bytes. Which close code does the ${from === 'client' ? 'server' : 'client'} fail the connection with?`,
			'wire-size': (from: 'client' | 'server', size: number) =>
				`The ${from} sends a binary message of ${n(size)} ${size === 1 ? 'byte' : 'bytes'} in one frame. How many bytes does the frame take on the wire, header included?`,
			'uri-part': (uri: string, part: 'port' | 'secure' | 'resource') =>
				({
					port: `Which port does a client connect to for \`${uri}\`?`,
					secure: `Does \`${uri}\` run over TLS?`,
					resource: `Which resource name goes in the request line (\`GET … HTTP/1.1\`) for \`${uri}\`?`
				})[part],
			negotiation: (offered: readonly string[], extensions: string | null) =>
				`The client offered the subprotocols \`${offered.join(', ')}\`${extensions ? ` and the extension \`${extensions}\`` : ' and no extension'}. Does it go on with this answer, or fail the connection?`,
			'request-problem': (): string =>
				'A server refuses this opening request. Which header is missing or wrong (or is it the method)?',
			'close-frame': (from: 'client' | 'server', code: number, reason: string, key: Uint8Array | null) =>
				`Type the bytes of the close frame ${from === 'client' ? 'a client' : 'a server'} sends with status code ${code} and the reason “${reason}”${key ? `, masked with the key ${hex(key)}` : ''}.`,
			'fragment-order': (count: number) =>
				`These ${n(count)} frames are the fragments of one text message, shown out of order. In which order were they sent? (e.g. 2 3 1)`,
			'text-frame-size': (from: 'client' | 'server') =>
				`The ${from} sends the text message below in one frame. How many bytes does the frame take on the wire, header included?`,
			'message-count': (): string => 'These bytes came from a server. How many whole messages do they carry?',
			'response-ok': (): string =>
				'A client sent the key below and got this answer. Does it open the WebSocket (yes), or fail the connection (no)?',
			'h2-field': (field: H2Field) =>
				({
					length: 'How many octets of payload does this HTTP/2 frame carry?',
					type: 'What type of HTTP/2 frame is this? (its name, or its number)',
					stream: 'Which stream is this HTTP/2 frame on? (0 is the connection itself)'
				})[field],
			'h2-connect': (): string =>
				'A client sends this extended CONNECT on a fresh stream. What does a server that speaks RFC 8441 answer: a status (200, 400, 405, 501), or RST_STREAM for a malformed request?'
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
				'First byte: FIN and the opcode (`0x81` for a whole text message). Second: MASK and the length. Then the key, then each text byte XORed with key byte i mod 4.',
			accept:
				'Append `258EAFA5-E914-47DA-95CA-C5AB0DC85B11` to the key as it is, take the SHA-1 of that text, and base64 the 20 bytes.',
			'close-code':
				'1002 is for breaking the framing rules (masking, control frames, opcodes); 1007 for data that does not match its type, such as invalid UTF-8 in a text message.',
			'wire-size':
				'Two bytes always; 2 more for a length of 126 to 65,535, 8 more above that; 4 more for the masking key if a client sends it; then the payload.',
			'uri-part':
				'Without a port, `ws://` uses 80 and `wss://` 443. The resource name is the path (/ if there is none) with the query after it.',
			negotiation:
				'The server may choose one subprotocol the client offered, or none; and only extensions the client offered. Anything else, and the client fails the connection.',
			'request-problem':
				'A server checks, in order: the method GET, Host, `Upgrade: websocket`, `Connection: Upgrade`, `Sec-WebSocket-Version: 13`, and a Sec-WebSocket-Key of 16 bytes in base64.',
			'close-frame':
				'`0x88` (FIN and opcode 8), then MASK and the length, then the key if a client sends it; the payload is the code in 2 bytes then the reason in UTF-8, masked like any payload.',
			'fragment-order':
				'The first fragment has the message’s opcode (here 1, text) and FIN 0; the ones after it have opcode 0 (continuation); only the last has FIN 1.',
			'text-frame-size':
				'Count the text’s UTF-8 bytes, not its characters: ASCII takes 1 byte, é 2, a Korean syllable 3. Then the header: 2 bytes, 2 more for a length of 126 or more, 4 more for a client’s masking key.',
			'message-count':
				'A message ends at a frame with FIN 1. Frames with opcode 0 continue the message before them; pings (9) and pongs (10) are control frames, not messages.',
			'response-ok':
				'The client needs status 101, `Upgrade: websocket`, `Connection: Upgrade`, and a Sec-WebSocket-Accept made from its own key. Header names, and these values, are case-insensitive.',
			'h2-field':
				'Every HTTP/2 frame starts with 9 octets: the payload’s length in 3, the type in 1 (0 DATA, 1 HEADERS, 3 RST_STREAM, 4 SETTINGS, 6 PING, 8 WINDOW_UPDATE), the flags in 1, then a reserved bit and the 31-bit stream number in 4.',
			'h2-connect':
				'An extended CONNECT needs `:method CONNECT`, `:protocol`, `:scheme`, `:path` and `:authority`; without one it is malformed and the stream is reset. Then the server checks the protocol is one it speaks (else 501) and `sec-websocket-version: 13` (else 400).'
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
				`From byte ${n(p.start)} the payload unmasks to ${p.got}, not “${p.expected}”. Check the XOR of each byte.`,
			'size-without': (p) =>
				({
					'extended-length': 'The extended length is missing: a length of 126 or more takes 2 or 8 more bytes.',
					'masking-key': 'The masking key is missing: a client’s frame carries 4 bytes of key.',
					payload: 'That is the header alone: add the payload.'
				})[p.part],
			'size-with-mask-key': () => 'A server does not mask its frames: there is no masking key to count.',
			'not-an-order': (p) => `Give each number from 1 to ${n(p.count)} once, in order: for example 2 3 1.`,
			'wrong-order': (p) =>
				({
					'first-not-start':
						'That order starts with a continuation frame (opcode 0): a message starts with its own opcode.',
					'fin-not-last': 'That order ends with a frame whose FIN is 0: the message would not be finished.',
					middle: 'The first and the last are right; look at the frames in between.'
				})[p.problem],
			'not-a-header': () => 'Name one header, such as Upgrade, or “method” for the request line.',
			'wrong-close-code': (p) =>
				p.got === null
					? `The payload has no status code: from byte ${n(p.start)} it starts with the code, 2 bytes, ${p.expected} = 0x${p.expected.toString(16).padStart(4, '0')}.`
					: `From byte ${n(p.start)} the status code reads ${p.got}, not ${p.expected}: 2 bytes, most significant first.`,
			'wrong-reason': (p) =>
				`From byte ${n(p.start)} the reason reads “${p.got}”, not “${p.expected}”: its UTF-8 bytes after the code.`,
			'not-close': (p) => `The opcode is ${n(p.opcode)}: a close frame’s is 8.`,
			misread: (p, lang) =>
				`Not quite. ${fieldWords(lang).long[p.field]} starts at byte ${n(p.start)}: read it again there.`,
			'counted-characters': (p) =>
				`That counts ${n(p.characters)} characters, but a frame carries bytes: this text is ${n(p.bytes)} bytes of UTF-8.`,
			'counted-frames': (p) =>
				p.what === 'frames'
					? 'That is the number of frames: a message in fragments takes several frames but is one message.'
					: 'Pings and pongs are control frames, not messages: leave them out.',
			'look-at': (p) =>
				`The client refuses this answer: look at ${p.line === 'status' ? 'the status line' : `the \`${p.line}\` header`}.`,
			'nothing-wrong': () =>
				'Check each line again: is there one the client would refuse? Header names are case-insensitive.',
			'xor-again': (p) =>
				`Not quite: XOR the masked byte 0x${hex2(p.masked)} with key byte ${n(p.keyIndex)}, 0x${hex2(p.key)}, bit by bit (1 where the bits differ).`,
			'size-parts': (p) =>
				`Add the parts again: 2 header bytes, an extended length of 0, 2 or 8 bytes, ${p.from === 'client' ? '4 bytes of masking key (a client masks)' : 'no masking key (a server does not mask)'}, and ${n(p.payload)} ${p.payload === 1 ? 'byte' : 'bytes'} of payload.`,
			'count-fin': () => 'Count the data frames (opcode 0, 1 or 2) whose FIN is 1: each one ends a message.',
			'which-rule': (p, lang) =>
				`Not that code. At byte ${n(p.issue.start)} the receiver finds: ${issueWords(p.issue, decodeText(lang), lang).title}. Which close code is for that kind of fault?`,
			'accept-matches': () =>
				'It does match: the SHA-1 of the key with the GUID appended, in base64, is exactly this value.',
			'accept-wrong': (p) =>
				p.made === 'the-key'
					? 'That is the client’s key sent back as it is: the server must hash it with the GUID first.'
					: 'It does not match this key: the SHA-1 of the key with the GUID appended, in base64, is another value.',
			'port-from': (p) =>
				p.source === 'uri'
					? 'The URI gives its port after the host, after the colon: that one is used.'
					: `The URI gives no port, so ${p.scheme}:// uses its default.`,
			'secure-from': (p) =>
				`Look at the scheme, \`${p.scheme}://\`: \`ws://\` is plain TCP, \`wss://\` is WebSocket over TLS.`,
			resource: (p) =>
				({
					'with-host': 'The resource name leaves out the scheme and the host: it starts at the path.',
					'without-query': 'The query (from ?) is part of the resource name too.',
					'without-slash': 'The resource name starts with a slash.',
					other: 'The resource name is the path (/ if there is none), followed by the query if there is one.'
				})[p.problem],
			'header-fine': (p) =>
				p.header === 'method'
					? 'The method is fine here (GET): look at the headers.'
					: `The \`${p.header}\` header is fine here: look at the others.`,
			'h2-misread': (p) =>
				`Not quite: the ${p.field === 'length' ? 'length' : p.field === 'type' ? 'type' : 'stream identifier'} is octet${p.end - p.start > 1 ? `s ${n(p.start + 1)} to ${n(p.end)}` : ` ${n(p.start + 1)}`} of the frame${p.field === 'stream' ? ', without its first bit' : ''}.`,
			'h2-look-at': (p) =>
				p.name === null
					? 'Nothing is wrong with this request: every pseudo-header is there, the protocol is websocket and the version 13.'
					: `Look at \`${p.name}\`.`,
			'h2-not-an-answer': () => 'Answer with a status code (such as 200) or RST_STREAM.'
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
				`클라이언트가 \`Sec-WebSocket-Key: ${key}\`를 보냈습니다. \`Sec-WebSocket-Accept: ${accept}\`는 올바른 응답인가요?`,
			'close-code': (from: 'client' | 'server') =>
				`${from === 'client' ? '클라이언트' : '서버'}가 이 바이트를 보냈습니다. ${from === 'client' ? '서버' : '클라이언트'}는 어떤 닫기 코드로 연결을 실패 처리하나요?`,
			'wire-size': (from: 'client' | 'server', size: number) =>
				`${from === 'client' ? '클라이언트' : '서버'}가 ${k(size)}바이트짜리 바이너리 메시지를 프레임 하나로 보냅니다. 헤더를 포함해 이 프레임은 몇 바이트인가요?`,
			'uri-part': (uri: string, part: 'port' | 'secure' | 'resource') =>
				({
					port: `\`${uri}\`에 연결할 때 클라이언트는 어느 포트로 접속하나요?`,
					secure: `\`${uri}\`는 TLS 위에서 동작하나요?`,
					resource: `\`${uri}\`의 요청 줄(\`GET … HTTP/1.1\`)에 들어가는 리소스 이름은 무엇인가요?`
				})[part],
			negotiation: (offered: readonly string[], extensions: string | null) =>
				`클라이언트가 제안한 서브프로토콜: \`${offered.join(', ')}\`. 제안한 확장: ${extensions ? `\`${extensions}\`` : '없음'}. 이 응답을 받아들이나요, 아니면 연결을 실패 처리하나요?`,
			'request-problem': () =>
				'서버가 이 여는 요청을 거절합니다. 어느 헤더가 빠졌거나 잘못되었나요(아니면 메서드가 문제인가요)?',
			'close-frame': (from: 'client' | 'server', code: number, reason: string, key: Uint8Array | null) =>
				`${from === 'client' ? '클라이언트' : '서버'}가 상태 코드 ${code}, 이유 “${reason}”로 보내는 닫기 프레임의 바이트를 입력하세요${key ? `. 마스킹 키는 ${hex(key)}입니다` : ''}.`,
			'fragment-order': (count: number) =>
				`이 프레임 ${k(count)}개는 텍스트 메시지 하나의 조각인데, 순서가 뒤섞여 있습니다. 보낸 순서대로 번호를 적으세요. (예: 2 3 1)`,
			'text-frame-size': (from: 'client' | 'server') =>
				`${from === 'client' ? '클라이언트' : '서버'}가 아래 텍스트 메시지를 프레임 하나로 보냅니다. 헤더를 포함해 이 프레임은 몇 바이트인가요?`,
			'message-count': () => '서버가 보낸 바이트입니다. 온전한 메시지가 몇 개 들어 있나요?',
			'response-ok': () =>
				'클라이언트가 아래 키를 보내고 이 응답을 받았습니다. 웹소켓을 여나요(예), 아니면 연결을 실패 처리하나요(아니요)?',
			'h2-field': (field: H2Field) =>
				({
					length: '이 HTTP/2 프레임의 페이로드는 몇 옥텟인가요?',
					type: '이 HTTP/2 프레임의 종류는 무엇인가요? (이름이나 번호)',
					stream: '이 HTTP/2 프레임은 몇 번 스트림에 속하나요? (0은 연결 자체입니다)'
				})[field],
			'h2-connect': () =>
				'클라이언트가 새 스트림에 이 확장 CONNECT를 보냅니다. RFC 8441을 지원하는 서버는 무엇으로 답하나요? 상태 코드(200, 400, 405, 501), 아니면 형식이 잘못된 요청이라 RST_STREAM인가요?'
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
				'첫 바이트는 FIN과 opcode입니다(통째인 텍스트 메시지는 `0x81`). 둘째 바이트는 MASK와 길이입니다. 그다음 키가 오고, 텍스트의 각 바이트를 키의 (i mod 4)번 바이트와 XOR한 값이 옵니다.',
			accept:
				'키 문자열 그대로 뒤에 `258EAFA5-E914-47DA-95CA-C5AB0DC85B11`을 붙이고, 그 문자열의 SHA-1을 구한 다음, 20바이트를 base64로 바꿉니다.',
			'close-code':
				'1002는 프레임 규칙(마스킹, 제어 프레임, opcode)을 어겼을 때, 1007은 텍스트 메시지에 잘못된 UTF-8이 있는 것처럼 데이터가 형식에 맞지 않을 때 씁니다.',
			'wire-size':
				'기본 2바이트에, 길이가 126~65,535면 2바이트, 그보다 크면 8바이트가 더 붙습니다. 클라이언트가 보내면 마스킹 키 4바이트가 더 붙고, 그다음이 페이로드입니다.',
			'uri-part':
				'포트가 없으면 `ws://`는 80, `wss://`는 443을 씁니다. 리소스 이름은 경로(없으면 /)와 그 뒤의 쿼리입니다.',
			negotiation:
				'서버는 클라이언트가 제안한 서브프로토콜 가운데 하나를 고르거나 고르지 않을 수 있고, 확장도 클라이언트가 제안한 것만 답할 수 있습니다. 그 밖의 답이면 클라이언트는 연결을 실패 처리합니다.',
			'request-problem':
				'서버는 차례대로 확인합니다. 메서드 GET, Host, `Upgrade: websocket`, `Connection: Upgrade`, `Sec-WebSocket-Version: 13`, 그리고 base64로 16바이트인 Sec-WebSocket-Key.',
			'close-frame':
				'`0x88`(FIN과 opcode 8), 그다음 MASK와 길이, 클라이언트라면 키가 옵니다. 페이로드는 2바이트 코드와 UTF-8 이유이고, 다른 페이로드처럼 마스킹합니다.',
			'fragment-order':
				'첫 조각에는 메시지의 opcode(여기서는 1, 텍스트)와 FIN 0이 있고, 그 뒤 조각들은 opcode 0(이어지는 조각)입니다. 마지막 조각만 FIN이 1입니다.',
			'text-frame-size':
				'글자 수가 아니라 UTF-8 바이트 수를 세세요. ASCII는 1바이트, é는 2바이트, 한글 한 글자는 3바이트입니다. 그다음 헤더를 더합니다. 기본 2바이트에, 길이가 126 이상이면 2바이트 더, 클라이언트가 보내면 마스킹 키 4바이트가 더 붙습니다.',
			'message-count':
				'메시지는 FIN이 1인 프레임에서 끝납니다. opcode 0인 프레임은 앞 메시지에 이어지는 조각이고, 핑(9)과 퐁(10)은 제어 프레임이라 메시지가 아닙니다.',
			'response-ok':
				'클라이언트에게 필요한 것은 상태 코드 101, `Upgrade: websocket`, `Connection: Upgrade`, 그리고 자기 키로 만든 Sec-WebSocket-Accept입니다. 헤더 이름과 이 값들은 대소문자를 가리지 않습니다.',
			'h2-field':
				'모든 HTTP/2 프레임은 9옥텟으로 시작합니다. 페이로드 길이 3옥텟, 종류 1옥텟(0 DATA, 1 HEADERS, 3 RST_STREAM, 4 SETTINGS, 6 PING, 8 WINDOW_UPDATE), 플래그 1옥텟, 그리고 예약 비트 하나와 31비트 스트림 번호가 4옥텟입니다.',
			'h2-connect':
				'확장 CONNECT에는 `:method CONNECT`, `:protocol`, `:scheme`, `:path`, `:authority`가 모두 있어야 합니다. 하나라도 없으면 형식이 잘못된 요청이라 스트림을 리셋합니다. 그다음 서버는 지원하는 프로토콜인지(아니면 501), `sec-websocket-version: 13`인지(아니면 400) 확인합니다.'
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
				`${k(p.start)}번째 바이트부터의 페이로드를 언마스킹하면 “${p.expected}”가 아니라 ${p.got}입니다. 바이트마다 XOR을 확인하세요.`,
			'size-without': (p) =>
				({
					'extended-length': '확장 길이가 빠졌습니다. 길이가 126 이상이면 2바이트나 8바이트가 더 필요합니다.',
					'masking-key': '마스킹 키가 빠졌습니다. 클라이언트 프레임에는 키 4바이트가 들어갑니다.',
					payload: '헤더만 셌습니다. 페이로드도 더하세요.'
				})[p.part],
			'size-with-mask-key': () => '서버는 프레임을 마스킹하지 않으므로 셀 마스킹 키가 없습니다.',
			'not-an-order': (p) => `1부터 ${k(p.count)}까지의 번호를 한 번씩, 순서대로 적으세요. 예: 2 3 1`,
			'wrong-order': (p) =>
				({
					'first-not-start':
						'이 순서는 이어지는 조각(opcode 0)으로 시작합니다. 메시지는 자기 opcode를 단 조각으로 시작해야 합니다.',
					'fin-not-last': '이 순서는 FIN이 0인 프레임으로 끝납니다. 그러면 메시지가 끝나지 않습니다.',
					middle: '처음과 마지막은 맞습니다. 그 사이의 프레임을 살펴보세요.'
				})[p.problem],
			'not-a-header': () => 'Upgrade처럼 헤더 이름 하나를 적거나, 요청 줄이 문제라면 “메서드”라고 적으세요.',
			'wrong-close-code': (p) =>
				p.got === null
					? `페이로드에 상태 코드가 없습니다. ${k(p.start)}번째 바이트부터 코드 2바이트, ${p.expected} = 0x${p.expected.toString(16).padStart(4, '0')}가 와야 합니다.`
					: `${k(p.start)}번째 바이트부터의 상태 코드가 ${p.expected}가 아니라 ${p.got}로 읽힙니다. 2바이트이고, 큰 자리부터 적습니다.`,
			'wrong-reason': (p) =>
				`${k(p.start)}번째 바이트부터의 이유가 “${p.expected}”가 아니라 “${p.got}”로 읽힙니다. 코드 뒤에 이유의 UTF-8 바이트가 옵니다.`,
			'not-close': (p) => `opcode가 ${k(p.opcode)}입니다. 닫기 프레임의 opcode는 8입니다.`,
			misread: (p, lang) =>
				`아닙니다. ${fieldWords(lang).long[p.field]}은(는) ${k(p.start)}번째 바이트에서 시작합니다. 그 자리를 다시 읽어 보세요.`,
			'counted-characters': (p) =>
				`글자 ${k(p.characters)}개를 셌는데, 프레임에 들어가는 것은 바이트입니다. 이 텍스트는 UTF-8로 ${k(p.bytes)}바이트입니다.`,
			'counted-frames': (p) =>
				p.what === 'frames'
					? '프레임 수를 셌습니다. 조각난 메시지는 프레임 여러 개를 차지해도 메시지는 하나입니다.'
					: '핑과 퐁은 제어 프레임이지 메시지가 아닙니다. 빼고 세세요.',
			'look-at': (p) =>
				`클라이언트는 이 응답을 거절합니다. ${p.line === 'status' ? '상태 줄' : `\`${p.line}\` 헤더`}를 보세요.`,
			'nothing-wrong': () =>
				'각 줄을 다시 확인해 보세요. 클라이언트가 거절할 줄이 있나요? 헤더 이름은 대소문자를 가리지 않습니다.',
			'xor-again': (p) =>
				`아닙니다. 마스킹된 바이트 0x${hex2(p.masked)}와 키의 ${k(p.keyIndex)}번 바이트 0x${hex2(p.key)}를 비트마다 XOR하세요(두 비트가 다르면 1).`,
			'size-parts': (p) =>
				`부분을 다시 더해 보세요. 헤더 2바이트, 확장 길이 0·2·8바이트 가운데 하나, ${p.from === 'client' ? '마스킹 키 4바이트(클라이언트는 마스킹함)' : '마스킹 키 없음(서버는 마스킹하지 않음)'}, 그리고 페이로드 ${k(p.payload)}바이트입니다.`,
			'count-fin': () => 'FIN이 1인 데이터 프레임(opcode 0, 1, 2)을 세세요. 그런 프레임마다 메시지 하나가 끝납니다.',
			'which-rule': (p, lang) =>
				`그 코드가 아닙니다. ${k(p.issue.start)}번째 바이트에서 수신 측이 찾는 문제: ${issueWords(p.issue, decodeText(lang), lang).title}. 이런 잘못에는 어떤 닫기 코드를 쓰나요?`,
			'accept-matches': () =>
				'맞는 값입니다. 키 뒤에 GUID를 붙여 SHA-1을 구하고 base64로 바꾸면 정확히 이 값이 나옵니다.',
			'accept-wrong': (p) =>
				p.made === 'the-key'
					? '클라이언트의 키를 그대로 돌려보낸 것입니다. 서버는 먼저 GUID와 함께 해시해야 합니다.'
					: '이 키에 맞지 않습니다. 키 뒤에 GUID를 붙여 SHA-1을 구하고 base64로 바꾸면 다른 값이 나옵니다.',
			'port-from': (p) =>
				p.source === 'uri'
					? 'URI의 호스트 뒤, 콜론 다음에 포트가 있습니다. 그 포트를 씁니다.'
					: `URI에 포트가 없으므로 ${p.scheme}://의 기본 포트를 씁니다.`,
			'secure-from': (p) =>
				`스킴 \`${p.scheme}://\`를 보세요. \`ws://\`는 평범한 TCP이고, \`wss://\`는 TLS 위의 웹소켓입니다.`,
			resource: (p) =>
				({
					'with-host': '리소스 이름에는 스킴과 호스트가 들어가지 않습니다. 경로부터 시작합니다.',
					'without-query': '쿼리(? 부터)도 리소스 이름에 들어갑니다.',
					'without-slash': '리소스 이름은 슬래시로 시작합니다.',
					other: '리소스 이름은 경로(없으면 /)이고, 쿼리가 있으면 그 뒤에 붙습니다.'
				})[p.problem],
			'header-fine': (p) =>
				p.header === 'method'
					? '메서드(GET)는 문제없습니다. 헤더를 살펴보세요.'
					: `\`${p.header}\` 헤더는 문제없습니다. 다른 헤더를 살펴보세요.`,
			'h2-misread': (p) =>
				`조금 다릅니다. ${p.field === 'length' ? '길이' : p.field === 'type' ? '종류' : '스트림 식별자'}는 프레임의 ${p.end - p.start > 1 ? `${k(p.start + 1)}~${k(p.end)}번째 옥텟` : `${k(p.start + 1)}번째 옥텟`}입니다${p.field === 'stream' ? '(첫 비트는 빼고)' : ''}.`,
			'h2-look-at': (p) =>
				p.name === null
					? '이 요청에는 잘못된 곳이 없습니다. 의사 헤더가 모두 있고, 프로토콜은 websocket, 버전은 13입니다.'
					: `\`${p.name}\`를 살펴보세요.`,
			'h2-not-an-answer': () => '상태 코드(예: 200)나 RST_STREAM으로 답하세요.'
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

/** An exercise's question, in `lang`. */
export function questionText(e: Exercise, lang: Lang): string {
	const q = practiceText(lang).questions;
	switch (e.kind) {
		case 'read-field':
			return q['read-field'](e.field);
		case 'unmask-byte':
			return q['unmask-byte'](e.index);
		case 'build-frame':
			return q['build-frame'](e.text, e.key);
		case 'accept':
			return q.accept(e.key, e.accept);
		case 'close-code':
			return q['close-code'](e.from);
		case 'wire-size':
			return q['wire-size'](e.from, e.size);
		case 'uri-part':
			return q['uri-part'](e.uri, e.part);
		case 'fragment-order':
			return q['fragment-order'](e.frames.length);
		case 'request-problem':
			return q['request-problem']();
		case 'close-frame':
			return q['close-frame'](e.from, e.code, e.reason, e.key);
		case 'negotiation':
			return q.negotiation(e.offered, e.extensions);
		case 'text-frame-size':
			return q['text-frame-size'](e.from);
		case 'message-count':
			return q['message-count']();
		case 'response-ok':
			return q['response-ok']();
		case 'h2-field':
			return q['h2-field'](e.field);
		case 'h2-connect':
			return q['h2-connect']();
	}
}

/** An exercise's hint, in `lang`. */
export function hintText(e: Exercise, lang: Lang): string {
	const h = practiceText(lang).hints;
	switch (e.kind) {
		case 'read-field':
			return h['read-field'](e.field);
		case 'unmask-byte':
			return h['unmask-byte'](e.index);
		default:
			return h[e.kind];
	}
}
