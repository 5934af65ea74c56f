// The opening handshake's problems (src/lib/protocol/handshake/), in English and Korean: why a
// server refuses a request, why a client refuses an answer, why a head, a key, an extension offer or
// an address cannot be read. Each is a clause ("the Host header is missing") that the simulator, the
// decoder and the live page put in their own sentences; an address problem is a whole sentence.
// Typed by the engine's parameter maps, so a problem without words in either language is an error.
import type {
	Base64Problem,
	Base64ProblemParams,
	DeflateProblem,
	DeflateProblemParams,
	ExtensionsProblem,
	ExtensionsProblemParams,
	HandshakeProblem,
	HeadProblem,
	HeadProblemParams,
	RequestProblem,
	RequestProblemParams,
	ResponseProblem,
	ResponseProblemParams,
	UriProblem,
	UriProblemParams
} from '$lib/protocol';
import { formatNumber } from '$lib/i18n/format';
import { defineMessages, type Lang } from '$lib/i18n/lang';

type Words<M> = { readonly [C in keyof M]: (p: M[C], lang: Lang) => string };

interface HandshakeWords {
	readonly head: Words<HeadProblemParams>;
	readonly base64: Words<Base64ProblemParams>;
	readonly extensions: Words<ExtensionsProblemParams>;
	readonly deflate: Words<DeflateProblemParams>;
	readonly request: Words<RequestProblemParams>;
	readonly response: Words<ResponseProblemParams>;
	readonly uri: Words<UriProblemParams>;
}

const en: HandshakeWords = {
	head: {
		HEAD_TOO_LONG: (p) => `the HTTP head is longer than ${formatNumber('en', p.limit)} bytes`,
		HEAD_NOT_ASCII: () => 'the HTTP head contains bytes that are not ASCII',
		HEAD_BAD_LINE: (p) => `the header line “${p.line}” has no colon`,
		HEAD_BAD_NAME: (p) => `“${p.name}” is not a valid header name`
	},
	base64: {
		BASE64_CHAR: (p) => `“${p.char}” is not a base64 character`,
		BASE64_GROUPS: () => 'base64 text must come in groups of 4 characters',
		BASE64_PADDING: () => 'the “=” padding is not right',
		BASE64_AFTER_PADDING: () => 'there is data after the “=” padding',
		BASE64_LONE_CHAR: () => 'a lone base64 character cannot encode a byte'
	},
	extensions: {
		EXT_BAD_NAME: (p) => `“${p.name}” is not a valid extension name`,
		EXT_BAD_PARAM: (p) => `“${p.param}” is not a valid parameter name in ${p.extension}`,
		EXT_UNTERMINATED: (p) => `the quoted value of “${p.param}” is not closed`,
		EXT_BAD_VALUE: (p) => `“${p.value}” is not a valid value for “${p.param}”`
	},
	deflate: {
		DEFLATE_NOT_DEFLATE: (p) => `“${p.name}” is not permessage-deflate`,
		DEFLATE_REPEATED: (p) => `the parameter ${p.param} appears more than once (RFC 7692 §7.1)`,
		DEFLATE_NO_VALUE: (p) => `${p.param} takes no value, but has “${p.value}” (RFC 7692 §7.1.1)`,
		DEFLATE_VALUE_NEEDED: (p) =>
			`${p.param} needs a value from 8 to 15 in ${p.in === 'offer' ? 'an offer' : 'an answer'} (RFC 7692 §7.1.2)`,
		DEFLATE_BAD_BITS: (p) =>
			`${p.param}=${p.value} is not a whole number from 8 to 15 without leading zeros (RFC 7692 §7.1.2)`,
		DEFLATE_UNKNOWN_PARAM: (p) => `${p.param} is not a parameter of permessage-deflate (RFC 7692 §7.1 defines four)`,
		DEFLATE_NOT_GRANTED: (p) =>
			`the client asked for ${p.param}${p.asked === null ? '' : `=${p.asked}`} and the answer does not grant it (RFC 7692 ${p.param === 'server_no_context_takeover' ? '§7.1.1.1' : '§7.1.2.1'})`,
		DEFLATE_WINDOW_LARGER: (p) =>
			`${p.param}=${p.got} is larger than the ${p.asked} the client ${p.param === 'server_max_window_bits' ? 'asked for (RFC 7692 §7.1.2.1)' : 'offered (RFC 7692 §7.1.2.2)'}`,
		DEFLATE_NOT_OFFERED: (p) => `${p.param} is in the answer, but the client did not offer it (RFC 7692 §7.1.2.2)`
	},
	request: {
		HEAD_UNREADABLE: (p, lang) => `the request is not valid HTTP: ${headProblemText(p.problem, lang)}`,
		REQUEST_LINE: (p) => `“${p.line}” is not an HTTP request line`,
		METHOD: (p) => `the method must be GET, not ${p.method}`,
		HTTP_VERSION: (p) => `HTTP/1.1 or later is required, not HTTP/${p.version}`,
		HOST_REPEATED: (p) => `the request has ${p.count} Host header fields; exactly one is allowed`,
		HOST_MISSING: () => 'the Host header is missing',
		UPGRADE_NOT_WEBSOCKET: () => 'the Upgrade header must contain “websocket”',
		CONNECTION_NOT_UPGRADE: () => 'the Connection header must contain the token “Upgrade”',
		VERSION_MISSING: () => 'the Sec-WebSocket-Version header is missing; this server speaks version 13',
		VERSION_UNSUPPORTED: (p) => `version ${p.version} is not supported; this server speaks version 13`,
		KEY_MISSING: () => 'the Sec-WebSocket-Key header is missing',
		KEY_NOT_BASE64: (p, lang) => `Sec-WebSocket-Key is not base64 (${base64ProblemText(p.problem, lang)})`,
		KEY_LENGTH: (p) => `Sec-WebSocket-Key must decode to 16 bytes, not ${p.bytes}`,
		SUBPROTOCOL_INVALID: (p) => `“${p.name}” is not a valid subprotocol name`,
		EXTENSIONS_MALFORMED: (p, lang) =>
			`Sec-WebSocket-Extensions is malformed: ${extensionsProblemText(p.problem, lang)}`,
		APP_REFUSED: (p) => `the application refused it: ${p.reason}`
	},
	response: {
		HEAD_UNREADABLE: (p, lang) => `the answer is not valid HTTP: ${headProblemText(p.problem, lang)}`,
		STATUS_LINE: (p) => `“${p.line}” is not an HTTP status line`,
		NOT_101: (p) =>
			`the server answered ${p.status}${p.text ? ` ${p.text}` : ''} instead of 101${p.version ? ` (it speaks version ${p.version})` : ''}`,
		UPGRADE_NOT_WEBSOCKET: () => 'the Upgrade header of the answer is not “websocket”',
		CONNECTION_NOT_UPGRADE: () => 'the Connection header of the answer does not contain “Upgrade”',
		ACCEPT_MISSING: () => 'Sec-WebSocket-Accept is missing',
		ACCEPT_MISMATCH: (p) => `Sec-WebSocket-Accept is ${p.got}, but the key gives ${p.expected}`,
		SUBPROTOCOL_NOT_ONE: () => 'the server must select exactly one subprotocol',
		SUBPROTOCOL_NOT_OFFERED: (p) => `the server chose the subprotocol “${p.name}”, which was not offered`,
		EXTENSIONS_MALFORMED: (p, lang) =>
			`Sec-WebSocket-Extensions is malformed: ${extensionsProblemText(p.problem, lang)}`,
		EXTENSION_NOT_OFFERED: (p) => `the server accepted the extension “${p.name}”, which was not offered`,
		EXTENSION_REFUSED: (p, lang) => deflateProblemText(p.problem, lang),
		EXTENSIONS_CONFLICT: () => 'the server accepted more than one extension using RSV1 (RFC 7692 §5)'
	},
	uri: {
		NOT_A_STRING: () => 'The address must be text such as ws://localhost:6455/.',
		EMPTY: () => 'Enter an address such as ws://localhost:6455/.',
		NO_SCHEME: (p) => `“${p.text}” has no scheme; a WebSocket address starts with ws:// or wss://.`,
		HTTP_SCHEME: (p) => `“${p.scheme}:” is an HTTP address; use ${p.instead}:// for WebSocket.`,
		BAD_SCHEME: (p) => `“${p.scheme}:” is not a WebSocket scheme; only ws:// and wss:// are.`,
		NO_AUTHORITY: () => 'A WebSocket address needs a host after the scheme, as in ws://host/.',
		NO_HOST: () => 'The address has no host: write one after //, as in ws://localhost:6455/.',
		FRAGMENT: () => 'Fragment identifiers (#...) are not allowed in WebSocket URIs.',
		WHITESPACE: () => 'The address must not contain spaces.',
		MALFORMED: (p) => `“${p.text}” is not a well-formed address.`,
		USERINFO: () => 'User names and passwords are not part of a WebSocket URI.'
	}
};

const ko: HandshakeWords = {
	head: {
		HEAD_TOO_LONG: (p) => `HTTP 헤더가 ${formatNumber('ko', p.limit)}바이트보다 깁니다`,
		HEAD_NOT_ASCII: () => 'HTTP 헤더에 ASCII가 아닌 바이트가 있습니다',
		HEAD_BAD_LINE: (p) => `헤더 줄 “${p.line}”에 콜론이 없습니다`,
		HEAD_BAD_NAME: (p) => `“${p.name}”은(는) 올바른 헤더 이름이 아닙니다`
	},
	base64: {
		BASE64_CHAR: (p) => `base64에 쓸 수 없는 문자가 있습니다: “${p.char}”`,
		BASE64_GROUPS: () => 'base64는 4글자씩 묶여야 합니다',
		BASE64_PADDING: () => '“=” 채움 문자의 개수가 맞지 않습니다',
		BASE64_AFTER_PADDING: () => '“=” 채움 문자 뒤에 글자가 더 있습니다',
		BASE64_LONE_CHAR: () => 'base64 글자 하나만으로는 바이트를 만들 수 없습니다'
	},
	extensions: {
		EXT_BAD_NAME: (p) => `“${p.name}”은(는) 올바른 확장 이름이 아닙니다`,
		EXT_BAD_PARAM: (p) => `${p.extension}의 “${p.param}”은(는) 올바른 파라미터 이름이 아닙니다`,
		EXT_UNTERMINATED: (p) => `“${p.param}”의 따옴표 값이 닫히지 않았습니다`,
		EXT_BAD_VALUE: (p) => `“${p.value}”은(는) “${p.param}”에 쓸 수 있는 값이 아닙니다`
	},
	deflate: {
		DEFLATE_NOT_DEFLATE: (p) => `“${p.name}”은(는) permessage-deflate가 아닙니다`,
		DEFLATE_REPEATED: (p) => `파라미터 ${p.param}이(가) 두 번 이상 나옵니다(RFC 7692 §7.1)`,
		DEFLATE_NO_VALUE: (p) => `${p.param}에는 값을 쓰지 않는데 “${p.value}”가 붙어 있습니다(RFC 7692 §7.1.1)`,
		DEFLATE_VALUE_NEEDED: (p) =>
			`${p.in === 'offer' ? '제안' : '응답'}의 ${p.param}에는 8부터 15까지의 값이 있어야 합니다(RFC 7692 §7.1.2)`,
		DEFLATE_BAD_BITS: (p) =>
			`${p.param}=${p.value}은(는) 앞에 0이 붙지 않은 8부터 15까지의 정수가 아닙니다(RFC 7692 §7.1.2)`,
		DEFLATE_UNKNOWN_PARAM: (p) =>
			`${p.param}은(는) permessage-deflate의 파라미터가 아닙니다(RFC 7692 §7.1에는 네 가지뿐입니다)`,
		DEFLATE_NOT_GRANTED: (p) =>
			`클라이언트가 요청한 ${p.param}${p.asked === null ? '' : `=${p.asked}`}을(를) 응답이 받아들이지 않았습니다(RFC 7692 ${p.param === 'server_no_context_takeover' ? '§7.1.1.1' : '§7.1.2.1'})`,
		DEFLATE_WINDOW_LARGER: (p) =>
			`${p.param}=${p.got}은(는) 클라이언트가 ${p.param === 'server_max_window_bits' ? '요청한' : '제안한'} ${p.asked}보다 큽니다(RFC 7692 ${p.param === 'server_max_window_bits' ? '§7.1.2.1' : '§7.1.2.2'})`,
		DEFLATE_NOT_OFFERED: (p) =>
			`응답에 ${p.param}이(가) 있지만 클라이언트는 이를 제안하지 않았습니다(RFC 7692 §7.1.2.2)`
	},
	request: {
		HEAD_UNREADABLE: (p, lang) => `요청이 올바른 HTTP가 아닙니다: ${headProblemText(p.problem, lang)}`,
		REQUEST_LINE: (p) => `“${p.line}”은(는) HTTP 요청 줄이 아닙니다`,
		METHOD: (p) => `메서드는 ${p.method}가 아니라 GET이어야 합니다`,
		HTTP_VERSION: (p) => `HTTP/${p.version}이 아니라 HTTP/1.1 이상이어야 합니다`,
		HOST_REPEATED: (p) => `요청에 Host 헤더가 ${p.count}개 있습니다. 하나만 있어야 합니다`,
		HOST_MISSING: () => 'Host 헤더가 없습니다',
		UPGRADE_NOT_WEBSOCKET: () => 'Upgrade 헤더에 “websocket”이 있어야 합니다',
		CONNECTION_NOT_UPGRADE: () => 'Connection 헤더에 “Upgrade” 토큰이 있어야 합니다',
		VERSION_MISSING: () => 'Sec-WebSocket-Version 헤더가 없습니다. 이 서버는 버전 13을 씁니다',
		VERSION_UNSUPPORTED: (p) => `이 서버가 지원하지 않는 버전(${p.version})입니다. 이 서버는 버전 13을 씁니다`,
		KEY_MISSING: () => 'Sec-WebSocket-Key 헤더가 없습니다',
		KEY_NOT_BASE64: (p, lang) => `Sec-WebSocket-Key가 base64가 아닙니다(${base64ProblemText(p.problem, lang)})`,
		KEY_LENGTH: (p) => `Sec-WebSocket-Key를 디코딩하면 16바이트여야 하는데 ${p.bytes}바이트입니다`,
		SUBPROTOCOL_INVALID: (p) => `“${p.name}”은(는) 올바른 서브프로토콜 이름이 아닙니다`,
		EXTENSIONS_MALFORMED: (p, lang) =>
			`Sec-WebSocket-Extensions의 형식이 잘못되었습니다: ${extensionsProblemText(p.problem, lang)}`,
		APP_REFUSED: (p) => `애플리케이션이 거절했습니다: ${p.reason}`
	},
	response: {
		HEAD_UNREADABLE: (p, lang) => `응답이 올바른 HTTP가 아닙니다: ${headProblemText(p.problem, lang)}`,
		STATUS_LINE: (p) => `“${p.line}”은(는) HTTP 상태 줄이 아닙니다`,
		NOT_101: (p) =>
			`서버의 응답 상태가 101이 아니라 ${p.status}입니다${p.version ? `(서버는 버전 ${p.version}을 씁니다)` : ''}`,
		UPGRADE_NOT_WEBSOCKET: () => '응답의 Upgrade 헤더가 “websocket”이 아닙니다',
		CONNECTION_NOT_UPGRADE: () => '응답의 Connection 헤더에 “Upgrade”가 없습니다',
		ACCEPT_MISSING: () => 'Sec-WebSocket-Accept가 없습니다',
		ACCEPT_MISMATCH: (p) => `Sec-WebSocket-Accept가 ${p.got}인데, 키로 계산한 값은 ${p.expected}입니다`,
		SUBPROTOCOL_NOT_ONE: () => '서버는 서브프로토콜을 정확히 하나만 골라야 합니다',
		SUBPROTOCOL_NOT_OFFERED: (p) => `서버가 고른 서브프로토콜 “${p.name}”은(는) 클라이언트가 제안하지 않은 것입니다`,
		EXTENSIONS_MALFORMED: (p, lang) =>
			`Sec-WebSocket-Extensions의 형식이 잘못되었습니다: ${extensionsProblemText(p.problem, lang)}`,
		EXTENSION_NOT_OFFERED: (p) => `서버가 받아들인 확장 “${p.name}”은(는) 클라이언트가 제안하지 않은 것입니다`,
		EXTENSION_REFUSED: (p, lang) => deflateProblemText(p.problem, lang),
		EXTENSIONS_CONFLICT: () => '서버가 RSV1을 쓰는 확장을 둘 이상 받아들였습니다(RFC 7692 §5)'
	},
	uri: {
		NOT_A_STRING: () => '주소는 ws://localhost:6455/ 같은 텍스트여야 합니다.',
		EMPTY: () => 'ws://localhost:6455/ 같은 주소를 입력하세요.',
		NO_SCHEME: (p) => `“${p.text}”에는 스킴이 없습니다. 웹소켓 주소는 ws:// 또는 wss://로 시작합니다.`,
		HTTP_SCHEME: (p) => `“${p.scheme}:”는 HTTP 주소입니다. 웹소켓에는 ${p.instead}://를 쓰세요.`,
		BAD_SCHEME: (p) => `“${p.scheme}:”는 웹소켓 스킴이 아닙니다. ws://와 wss://만 쓸 수 있습니다.`,
		NO_AUTHORITY: () => '스킴 뒤에 호스트가 있어야 합니다. 예: ws://host/',
		NO_HOST: () => '주소에 호스트가 없습니다. // 뒤에 적어 주세요. 예: ws://localhost:6455/',
		FRAGMENT: () => '웹소켓 URI에는 프래그먼트(#...)를 쓸 수 없습니다.',
		WHITESPACE: () => '주소에 공백이 들어가면 안 됩니다.',
		MALFORMED: (p) => `“${p.text}”는 올바른 주소 형식이 아닙니다.`,
		USERINFO: () => '사용자 이름과 비밀번호는 웹소켓 URI에 넣을 수 없습니다.'
	}
};

export const handshakeWords = defineMessages({ en, ko });

type Any<M> = (p: M[keyof M], lang: Lang) => string;

function word<M>(table: Words<M>, code: keyof M, params: unknown, lang: Lang): string {
	return (table[code] as Any<M>)(params as M[keyof M], lang);
}

export function headProblemText(p: HeadProblem, lang: Lang): string {
	return word(handshakeWords(lang).head, p.code, p.params, lang);
}

export function base64ProblemText(p: Base64Problem, lang: Lang): string {
	return word(handshakeWords(lang).base64, p.code, p.params, lang);
}

export function extensionsProblemText(p: ExtensionsProblem, lang: Lang): string {
	return word(handshakeWords(lang).extensions, p.code, p.params, lang);
}

export function deflateProblemText(p: DeflateProblem, lang: Lang): string {
	return word(handshakeWords(lang).deflate, p.code, p.params, lang);
}

/** Why a server refuses a request, as a clause. */
export function requestProblemText(p: RequestProblem, lang: Lang): string {
	return word(handshakeWords(lang).request, p.code, p.params, lang);
}

/** Why a client refuses an answer, as a clause. */
export function responseProblemText(p: ResponseProblem, lang: Lang): string {
	return word(handshakeWords(lang).response, p.code, p.params, lang);
}

/** Why an opening handshake failed, whichever side refused it. */
export function handshakeProblemText(p: HandshakeProblem, lang: Lang): string {
	return p.of === 'request' ? requestProblemText(p, lang) : responseProblemText(p, lang);
}

/** Why text is not a WebSocket address, as a sentence. */
export function uriProblemText(p: Pick<UriProblem, 'code' | 'params'>, lang: Lang): string {
	return word(handshakeWords(lang).uri, p.code, p.params, lang);
}
