// The engine's usage errors (WebSocketUsageError: a caller's mistake, not the peer's), in English and
// Korean. Most only a programmer meets; the pages that let a reader build frames or close a
// connection (the decoder's "Build a frame", live mode) show these words, and the table is complete
// for every code by type.
import type { UsageErrorCode, UsageParams, WebSocketUsageError } from '$lib/protocol';
import { defineMessages, type Lang } from '$lib/i18n/lang';

type UsageWords = { readonly [C in UsageErrorCode]: (p: UsageParams) => string };

const v = (x: unknown) => (x === undefined || x === null ? '' : String(x));

const en: UsageWords = {
	ALREADY_CLOSING: () => 'A close frame was already sent on this connection.',
	BAD_BYTES: () => 'The bytes to replay must be a non-empty Uint8Array.',
	BAD_CLOSE_CODE: (p) => `A close code is a number, such as 1000 (got ${v(p.got)}).`,
	BAD_CODEC: () => 'A codec has compress() and decompress() (see MessageCodec).',
	BAD_COUNT: (p) => `A random source is asked for a whole number of bytes, up to ${v(p.max)} (got ${v(p.got)}).`,
	BAD_DATA: (p) => `${v(p.fn)}() takes a string (text) or a Uint8Array (binary), not ${v(p.got)}.`,
	BAD_DEFLATE_OPTION: (p) => `The permessage-deflate option ${v(p.option)} is out of range (got ${v(p.got)}).`,
	BAD_EXTENSION: () => 'An extension is { name, params }, with tokens for the name, the parameters and their values.',
	BAD_EXTENSIONS: () => 'Extensions are a list of extension negotiators or offers.',
	BAD_FRAGMENT_SIZE: () => 'The fragment size must be a positive whole number of bytes.',
	BAD_FRAME: () => 'This takes a frame as the FrameDecoder returns it.',
	BAD_FRAME_SPEC: () => 'A frame is described by an object with at least an opcode.',
	BAD_HANDLER: () => 'receiveEach() takes the bytes and a function to call with each event.',
	BAD_HEAD: (p) => `${v(p.fn)}() takes a head as readHead() returns it: { startLine, fields, length }.`,
	BAD_HEADER: (p) => `${v(p.fn)}() takes a frame header, such as one the decoder returned.`,
	BAD_HEADERS: () => 'Header fields are a list of [name, value] pairs of strings.',
	BAD_HEADER_NAME: (p) => `${v(p.got)} is not a valid header name (a token).`,
	BAD_HEADER_VALUE: (p) => `The value of ${v(p.name)} contains a line break, a NUL or a character beyond U+00FF.`,
	BAD_INPUT: (p) => `${v(p.fn)}() was given ${v(p.got) || 'something'} it cannot read.`,
	BAD_KEY: () => 'The key is a base64 string.',
	BAD_LENGTH: (p) => `A payload length is a whole number of bytes, 0 or more (got ${v(p.got)}).`,
	BAD_LENGTH_FORM: () => 'The length form is 7, 16 or 64 bits.',
	BAD_LIMIT: (p) => `${v(p.option) || 'The limit'} must be a number of bytes, 0 or more.`,
	BAD_MASK: () => 'A masking key is exactly 4 bytes: write 8 hex digits.',
	BAD_OFFSET: () => 'An offset is a whole number, 0 or more.',
	BAD_OPCODE: (p) => `An opcode is 4 bits, a whole number from 0 to 15 (got ${v(p.got)}).`,
	BAD_OPTIONS: (p) =>
		`The options${p.option ? ` (${v(p.option)})` : ''} are not what ${v(p.fn) || 'this function'} takes.`,
	BAD_ORIGIN: () => 'The origin is one line of text, such as https://example.com.',
	BAD_PAYLOAD: () => 'The payload must be a Uint8Array.',
	BAD_PHASE: () => 'The phase is the key index of the first byte, a whole number from 0 to 3.',
	BAD_RANDOM: () => 'The random source is a function (n) => n random bytes.',
	BAD_REASON: () => 'A close reason is a string.',
	BAD_ROLE: () => 'A connection is either a "client" or a "server".',
	BAD_SEED: () => 'A seed is a number.',
	BAD_SIZE: (p) => `The parts hold ${v(p.got)} bytes, not ${v(p.expected)}.`,
	BAD_START_LINE: () => 'The start line is one line of text, with no CR, LF or NUL.',
	BAD_STATUS: () => 'A refused handshake is answered 400 or 426.',
	BAD_SUBPROTOCOL: (p) => `${v(p.name) || 'This'} is not a valid subprotocol name (a token).`,
	BAD_TARGET: () => 'The target array has no room for the masked bytes at that offset.',
	BAD_URI: () => 'The address is not a ws:// or wss:// URI.',
	CONTROL_TOO_LONG: (p) => `A ${v(p.fn)} payload may be at most 125 bytes, not ${v(p.bytes)} (RFC 6455 §5.5).`,
	DUPLICATE_SUBPROTOCOL: (p) => `The subprotocol ${v(p.name)} is offered twice.`,
	INVALID_CLOSE_CODE: (p) =>
		`The close code ${v(p.code)} may not be sent (valid: 1000-1003, 1007-1014, 3000-4999). To send it anyway, write the payload in hex.`,
	LENGTH_DOES_NOT_FIT: (p) => `A ${v(p.length)}-byte payload does not fit the ${v(p.form)}-bit length form.`,
	NOT_OPEN: (p) =>
		p.send
			? `A ${v(p.send)} cannot be sent while the connection is ${v(p.state)}.`
			: `The connection is ${v(p.state) || 'not open'}: this cannot be done now.`,
	NO_URI: () => 'A client needs the ws:// or wss:// URI to connect to.',
	REASON_TOO_LONG: (p) => `The close reason is ${v(p.bytes)} bytes of UTF-8; at most 123 fit in a control frame.`,
	REASON_WITHOUT_CODE: () => 'A close reason needs a status code before it.',
	REENTRANT: (p) =>
		`${v(p.fn)}() was called from an event handler of the same connection; feed the next bytes after the handler returns.`,
	UNKNOWN_ERROR_CODE: (p) => `${v(p.got)} is not one of the protocol error codes.`
};

const ko: UsageWords = {
	ALREADY_CLOSING: () => '이 연결에서는 이미 닫기 프레임을 보냈습니다.',
	BAD_BYTES: () => '되풀이할 바이트는 비어 있지 않은 Uint8Array여야 합니다.',
	BAD_CLOSE_CODE: (p) => `닫기 코드는 1000 같은 숫자여야 합니다(받은 값: ${v(p.got)}).`,
	BAD_CODEC: () => '코덱에는 compress()와 decompress()가 있어야 합니다(MessageCodec 참고).',
	BAD_COUNT: (p) => `무작위 바이트는 ${v(p.max)}개까지의 정수만큼만 요청할 수 있습니다(받은 값: ${v(p.got)}).`,
	BAD_DATA: (p) => `${v(p.fn)}()에는 문자열(텍스트)이나 Uint8Array(바이너리)를 넘겨야 합니다. 받은 값: ${v(p.got)}.`,
	BAD_DEFLATE_OPTION: (p) => `permessage-deflate 옵션 ${v(p.option)}의 값이 범위를 벗어났습니다(받은 값: ${v(p.got)}).`,
	BAD_EXTENSION: () => '확장은 { name, params } 형태이며, 이름과 파라미터, 값은 모두 토큰이어야 합니다.',
	BAD_EXTENSIONS: () => '확장은 협상 객체나 제안의 목록이어야 합니다.',
	BAD_FRAGMENT_SIZE: () => '조각 크기는 1 이상의 정수(바이트)여야 합니다.',
	BAD_FRAME: () => 'FrameDecoder가 돌려준 프레임을 넘겨야 합니다.',
	BAD_FRAME_SPEC: () => '프레임은 적어도 opcode가 있는 객체로 지정해야 합니다.',
	BAD_HANDLER: () => 'receiveEach()에는 바이트와, 이벤트마다 부를 함수를 넘겨야 합니다.',
	BAD_HEAD: (p) => `${v(p.fn)}()에는 readHead()가 돌려준 헤더({ startLine, fields, length })를 넘겨야 합니다.`,
	BAD_HEADER: (p) => `${v(p.fn)}()에는 디코더가 돌려준 것 같은 프레임 헤더를 넘겨야 합니다.`,
	BAD_HEADERS: () => '헤더 필드는 [이름, 값] 문자열 쌍의 목록이어야 합니다.',
	BAD_HEADER_NAME: (p) => `${v(p.got)}은(는) 올바른 헤더 이름(토큰)이 아닙니다.`,
	BAD_HEADER_VALUE: (p) => `${v(p.name)}의 값에 줄바꿈, NUL, 또는 U+00FF를 넘는 문자가 있습니다.`,
	BAD_INPUT: (p) => `${v(p.fn)}()가 읽을 수 없는 값(${v(p.got) || '알 수 없음'})을 받았습니다.`,
	BAD_KEY: () => '키는 base64 문자열이어야 합니다.',
	BAD_LENGTH: (p) => `페이로드 길이는 0 이상의 정수(바이트)여야 합니다(받은 값: ${v(p.got)}).`,
	BAD_LENGTH_FORM: () => '길이 형식은 7, 16, 64비트 가운데 하나입니다.',
	BAD_LIMIT: (p) => `${v(p.option) || '한도'}는 0 이상의 바이트 수여야 합니다.`,
	BAD_MASK: () => '마스킹 키는 정확히 4바이트입니다. 16진수를 8자리 적어 주세요.',
	BAD_OFFSET: () => '오프셋은 0 이상의 정수여야 합니다.',
	BAD_OPCODE: (p) => `opcode는 4비트, 곧 0부터 15까지의 정수입니다(받은 값: ${v(p.got)}).`,
	BAD_OPTIONS: (p) => `옵션${p.option ? `(${v(p.option)})` : ''}이 ${v(p.fn) || '이 함수'}가 받는 형태가 아닙니다.`,
	BAD_ORIGIN: () => 'Origin은 https://example.com 같은 한 줄의 텍스트여야 합니다.',
	BAD_PAYLOAD: () => '페이로드는 Uint8Array여야 합니다.',
	BAD_PHASE: () => '위상은 첫 바이트에 쓰일 키 바이트의 번호로, 0부터 3까지의 정수입니다.',
	BAD_RANDOM: () => '무작위 바이트 공급원은 (n) => 무작위 바이트 n개를 돌려주는 함수여야 합니다.',
	BAD_REASON: () => '닫기 이유는 문자열이어야 합니다.',
	BAD_ROLE: () => '연결은 "client" 아니면 "server"입니다.',
	BAD_SEED: () => '시드는 숫자여야 합니다.',
	BAD_SIZE: (p) => `조각들을 합치면 ${v(p.expected)}바이트가 아니라 ${v(p.got)}바이트입니다.`,
	BAD_START_LINE: () => '시작 줄은 CR, LF, NUL이 없는 한 줄의 텍스트여야 합니다.',
	BAD_STATUS: () => '핸드셰이크를 거절할 때는 400이나 426으로 답합니다.',
	BAD_SUBPROTOCOL: (p) => `${v(p.name) || '이 값'}은(는) 올바른 서브프로토콜 이름(토큰)이 아닙니다.`,
	BAD_TARGET: () => '대상 배열의 그 위치에 마스킹한 바이트를 담을 자리가 없습니다.',
	BAD_URI: () => '주소가 ws:// 또는 wss:// URI가 아닙니다.',
	CONTROL_TOO_LONG: (p) =>
		`${v(p.fn)} 페이로드는 ${v(p.bytes)}바이트가 아니라 최대 125바이트여야 합니다(RFC 6455 §5.5).`,
	DUPLICATE_SUBPROTOCOL: (p) => `서브프로토콜 ${v(p.name)}을(를) 두 번 제안했습니다.`,
	INVALID_CLOSE_CODE: (p) =>
		`닫기 코드 ${v(p.code)}은(는) close 프레임으로 보낼 수 없습니다(허용: 1000~1003, 1007~1014, 3000~4999). 잘못된 코드를 보내 보려면 페이로드를 16진수로 적으세요.`,
	LENGTH_DOES_NOT_FIT: (p) => `${v(p.length)}바이트 페이로드는 ${v(p.form)}비트 길이 형식에 들어가지 않습니다.`,
	NOT_OPEN: (p) =>
		p.send
			? `연결이 ${v(p.state)} 상태라서 ${v(p.send)}을(를) 보낼 수 없습니다.`
			: `연결이 ${v(p.state) || '열려 있지 않은'} 상태라서 지금은 할 수 없습니다.`,
	NO_URI: () => '클라이언트에는 접속할 ws:// 또는 wss:// URI가 필요합니다.',
	REASON_TOO_LONG: (p) => `닫기 이유가 UTF-8로 ${v(p.bytes)}바이트입니다. 제어 프레임에는 123바이트까지만 들어갑니다.`,
	REASON_WITHOUT_CODE: () => '닫기 이유를 적으려면 상태 코드가 필요합니다.',
	REENTRANT: (p) =>
		`같은 연결의 이벤트 처리 함수 안에서 ${v(p.fn)}()를 불렀습니다. 처리 함수가 끝난 뒤에 다음 바이트를 넘겨 주세요.`,
	UNKNOWN_ERROR_CODE: (p) => `${v(p.got)}은(는) 프로토콜 오류 코드가 아닙니다.`
};

export const usageWords = defineMessages({ en, ko });

/** A usage error, said to a reader. */
export function usageText(e: Pick<WebSocketUsageError, 'code' | 'params'>, lang: Lang): string {
	return usageWords(lang)[e.code](e.params);
}
