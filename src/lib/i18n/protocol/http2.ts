// HTTP/2 and WebSocket over HTTP/2 (RFC 7540, RFC 7541, RFC 8441), in English and Korean: what
// each frame type, setting and error code is for, why a receiver stopped (Http2Problem's rules, HPACK's
// problems), and why an extended CONNECT opened no WebSocket. Frame type, setting and error code
// names stay as the RFCs spell them (DATA, SETTINGS_ENABLE_CONNECT_PROTOCOL, FLOW_CONTROL_ERROR): they
// are what devtools and Wireshark show.
import type { ConnectProblem, ConnectProblemParams } from '$lib/protocol/http2/websocket';
import type { ErrorCodeName, FrameTypeName, Http2Problem } from '$lib/protocol/http2/frames';
import type { HpackProblem, HpackRepresentation } from '$lib/protocol/http2/hpack';
import { formatNumber } from '$lib/i18n/format';
import { defineMessages, type Lang } from '$lib/i18n/lang';
import { responseProblemText } from './handshake';

type SettingName =
	| 'HEADER_TABLE_SIZE'
	| 'ENABLE_PUSH'
	| 'MAX_CONCURRENT_STREAMS'
	| 'INITIAL_WINDOW_SIZE'
	| 'MAX_FRAME_SIZE'
	| 'MAX_HEADER_LIST_SIZE'
	| 'ENABLE_CONNECT_PROTOCOL';

type Rule = Http2Problem['rule'];
type Words<M> = { readonly [C in keyof M]: (p: M[C], lang: Lang) => string };

interface Http2Words {
	readonly frameTypes: Readonly<Record<FrameTypeName, string>>;
	readonly settings: Readonly<Record<SettingName, string>>;
	readonly errors: Readonly<Record<ErrorCodeName, string>>;
	readonly rules: Readonly<Record<Rule, (p: Http2Problem) => string>>;
	readonly hpack: { readonly [C in HpackProblem['code']]: (p: Extract<HpackProblem, { code: C }>) => string };
	readonly representations: Readonly<Record<HpackRepresentation['kind'], string>>;
	readonly connect: Words<ConnectProblemParams>;
	readonly scope: { readonly connection: string; readonly stream: (n: number) => string };
}

const n = (lang: Lang, v: number | string | undefined) => (typeof v === 'number' ? formatNumber(lang, v) : String(v));

const en: Http2Words = {
	frameTypes: {
		DATA: 'carries a stream’s bytes; here, the WebSocket frames',
		HEADERS: 'opens a stream with a header block (HPACK-compressed)',
		PRIORITY: 'advises on a stream’s priority',
		RST_STREAM: 'ends one stream at once, with an error code',
		SETTINGS: 'says how this side wants to be spoken to; the peer acknowledges it',
		PUSH_PROMISE: 'announces a response the server pushes',
		PING: 'measures a round trip; answered with the same 8 octets',
		GOAWAY: 'ends the connection, naming the last stream acted on',
		WINDOW_UPDATE: 'gives the sender more room to send DATA (flow control)',
		CONTINUATION: 'carries the rest of a header block too big for one frame'
	},
	settings: {
		HEADER_TABLE_SIZE: 'the largest HPACK dynamic table this side decodes with',
		ENABLE_PUSH: 'whether the server may push responses',
		MAX_CONCURRENT_STREAMS: 'how many streams the peer may have open at once',
		INITIAL_WINDOW_SIZE: 'how many DATA octets the peer may send on a new stream before a WINDOW_UPDATE',
		MAX_FRAME_SIZE: 'the largest frame payload this side accepts',
		MAX_HEADER_LIST_SIZE: 'the largest header list this side accepts',
		ENABLE_CONNECT_PROTOCOL: 'RFC 8441: this server takes an extended CONNECT (:protocol), so WebSockets can run here'
	},
	errors: {
		NO_ERROR: 'no error: a graceful end',
		PROTOCOL_ERROR: 'a rule of the protocol was broken',
		INTERNAL_ERROR: 'the endpoint failed inside',
		FLOW_CONTROL_ERROR: 'more DATA than the window allowed',
		SETTINGS_TIMEOUT: 'SETTINGS were not acknowledged in time',
		STREAM_CLOSED: 'a frame on a stream already closed',
		FRAME_SIZE_ERROR: 'a frame of the wrong size',
		REFUSED_STREAM: 'the stream was refused before any processing',
		CANCEL: 'the stream is no longer needed',
		COMPRESSION_ERROR: 'the header block could not be decoded (HPACK)',
		CONNECT_ERROR: 'the connection of a CONNECT request failed',
		ENHANCE_YOUR_CALM: 'the peer is doing too much',
		INADEQUATE_SECURITY: 'TLS is not good enough',
		HTTP_1_1_REQUIRED: 'use HTTP/1.1 for this request'
	},
	rules: {
		BAD_PREFACE: () => 'the connection does not start with the client preface “PRI * HTTP/2.0…SM…”',
		FRAME_TOO_LARGE: () => 'the frame is larger than SETTINGS_MAX_FRAME_SIZE',
		STREAM_ZERO_REQUIRED: () => 'this frame type belongs to the connection: its stream must be 0',
		STREAM_ZERO_FORBIDDEN: () => 'this frame type belongs to a stream: its stream cannot be 0',
		SETTINGS_LENGTH: () => 'a SETTINGS payload is a whole number of 6-octet entries',
		SETTINGS_ACK_LENGTH: () => 'a SETTINGS acknowledgement has an empty payload',
		SETTINGS_VALUE: () => 'a setting has a value it may not have',
		PING_LENGTH: () => 'a PING payload is exactly 8 octets',
		WINDOW_UPDATE_LENGTH: () => 'a WINDOW_UPDATE payload is exactly 4 octets',
		WINDOW_UPDATE_ZERO: () => 'a WINDOW_UPDATE must add at least 1 octet',
		RST_STREAM_LENGTH: () => 'an RST_STREAM payload is exactly 4 octets',
		GOAWAY_LENGTH: () => 'a GOAWAY payload has at least 8 octets',
		PADDING_TOO_LONG: () => 'the padding is as long as the frame or longer',
		CONTINUATION_EXPECTED: () => 'a header block is unfinished: only its CONTINUATION may come next',
		CONTINUATION_UNEXPECTED: () => 'a CONTINUATION without a header block to continue',
		STREAM_ID_PARITY: () => 'a client opens odd streams, a server even ones',
		STREAM_CLOSED: (p) => `DATA or HEADERS on stream ${p.stream}, which the peer already ended or reset`,
		DATA_ON_IDLE: (p) => `a frame on stream ${p.stream}, which was never opened`,
		RST_ON_IDLE: (p) => `RST_STREAM on stream ${p.stream}, which was never opened`,
		COMPRESSION: (p) =>
			`the header block cannot be decoded: ${p.hpack ? en.hpack[p.hpack.code](p.hpack as never) : ''}`,
		FLOW_CONTROL: (p) =>
			`${n('en', p.params?.length)} octets of DATA, but the ${p.params?.of ? `stream’s` : `connection’s`} window had ${n('en', p.params?.window)} left`,
		WINDOW_OVERFLOW: () => 'the flow-control window would pass 2,147,483,647 octets',
		CONNECT_PROTOCOL_WITHDRAWN: () => 'SETTINGS_ENABLE_CONNECT_PROTOCOL, once 1, cannot go back to 0',
		SETTINGS_EXPECTED: () => 'the first frame each side sends is SETTINGS',
		PUSH_REFUSED: () => 'a PUSH_PROMISE, though this client turned pushes off',
		MALFORMED_REQUEST: () => 'the request’s pseudo-headers are not as the rules require',
		MALFORMED_RESPONSE: () => 'the response has no valid :status'
	},
	hpack: {
		TRUNCATED: () => 'it ends in the middle of a field',
		INTEGER_TOO_LARGE: () => 'an integer is too large',
		INDEX_ZERO: () => 'index 0 is not a field',
		INDEX_OUT_OF_RANGE: (p) =>
			`index ${p.index} is past the ${p.entries} entries of the static and dynamic tables (RFC 7541 §2.3.3)`,
		TABLE_SIZE_OVER_LIMIT: (p) => `a table size of ${p.size} is over the ${p.limit} this side allowed`,
		TABLE_SIZE_UPDATE_LATE: () => 'a table size update comes after a field; it must come first',
		HUFFMAN_EOS: () => 'a Huffman string contains the end-of-string code',
		HUFFMAN_PADDING: () => 'a Huffman string is padded with something other than the start of EOS'
	},
	representations: {
		indexed: 'indexed: the whole field from the table',
		'literal-indexed': 'literal, added to the dynamic table',
		literal: 'literal, not added to the table',
		'literal-never-indexed': 'literal, never to be indexed',
		'table-size': 'dynamic table size update'
	},
	connect: {
		NO_CONNECT_PROTOCOL: () =>
			'the server’s SETTINGS do not say SETTINGS_ENABLE_CONNECT_PROTOCOL = 1, so the client may not send an extended CONNECT',
		PSEUDO_MISSING: (p) => `the request has no ${p.name}, so it is malformed`,
		NOT_CONNECT: (p) => `the request is a ${p.method}, not an extended CONNECT`,
		PROTOCOL_UNSUPPORTED: (p) => `this server does not speak :protocol “${p.protocol}”`,
		VERSION: (p) =>
			p.version === null ? 'sec-websocket-version is missing' : `sec-websocket-version is ${p.version}, not 13`,
		SUBPROTOCOL_INVALID: (p) => `“${p.name}” is not a valid subprotocol name`,
		EXTENSIONS_MALFORMED: () => 'sec-websocket-extensions cannot be read',
		APP_REFUSED: (p) => `the application refused it: ${p.reason}`,
		STATUS: (p) => `the answer is :status ${p.status}, not 200`,
		ANSWER: (p, lang) => responseProblemText(p.problem, lang),
		RESET: (p) => `the stream was reset (${p.error}) before an answer`
	},
	scope: { connection: 'connection error', stream: (s) => `stream error on stream ${s}` }
};

const ko: Http2Words = {
	frameTypes: {
		DATA: '스트림의 바이트를 나릅니다. 여기서는 웹소켓 프레임입니다',
		HEADERS: '헤더 블록(HPACK으로 압축)으로 스트림을 엽니다',
		PRIORITY: '스트림의 우선순위를 알립니다',
		RST_STREAM: '스트림 하나를 오류 코드와 함께 즉시 끝냅니다',
		SETTINGS: '이쪽이 어떻게 대해 주기를 바라는지 알립니다. 상대가 확인(ACK)합니다',
		PUSH_PROMISE: '서버가 푸시할 응답을 예고합니다',
		PING: '왕복 시간을 잽니다. 같은 8옥텟으로 답합니다',
		GOAWAY: '연결을 끝내며, 마지막으로 처리한 스트림을 알립니다',
		WINDOW_UPDATE: '보내는 쪽이 DATA를 더 보낼 수 있게 여유를 줍니다(흐름 제어)',
		CONTINUATION: '한 프레임에 다 들어가지 않은 헤더 블록의 나머지를 나릅니다'
	},
	settings: {
		HEADER_TABLE_SIZE: '이쪽이 디코딩에 쓰는 HPACK 동적 테이블의 최대 크기',
		ENABLE_PUSH: '서버가 응답을 푸시해도 되는지',
		MAX_CONCURRENT_STREAMS: '상대가 동시에 열 수 있는 스트림 수',
		INITIAL_WINDOW_SIZE: '새 스트림에서 WINDOW_UPDATE 전까지 상대가 보낼 수 있는 DATA 옥텟 수',
		MAX_FRAME_SIZE: '이쪽이 받는 프레임 페이로드의 최대 크기',
		MAX_HEADER_LIST_SIZE: '이쪽이 받는 헤더 목록의 최대 크기',
		ENABLE_CONNECT_PROTOCOL: 'RFC 8441: 이 서버는 확장 CONNECT(:protocol)를 받으므로 여기서 웹소켓을 쓸 수 있습니다'
	},
	errors: {
		NO_ERROR: '오류 없음: 정상적인 종료',
		PROTOCOL_ERROR: '프로토콜 규칙을 어겼습니다',
		INTERNAL_ERROR: '엔드포인트 내부에서 실패했습니다',
		FLOW_CONTROL_ERROR: '윈도가 허락한 것보다 많은 DATA',
		SETTINGS_TIMEOUT: 'SETTINGS 확인이 제때 오지 않았습니다',
		STREAM_CLOSED: '이미 닫힌 스트림에 온 프레임',
		FRAME_SIZE_ERROR: '크기가 맞지 않는 프레임',
		REFUSED_STREAM: '처리하기 전에 스트림을 거절했습니다',
		CANCEL: '더는 필요 없는 스트림',
		COMPRESSION_ERROR: '헤더 블록을 디코딩할 수 없습니다(HPACK)',
		CONNECT_ERROR: 'CONNECT 요청의 연결이 실패했습니다',
		ENHANCE_YOUR_CALM: '상대가 너무 많은 일을 시킵니다',
		INADEQUATE_SECURITY: 'TLS 보안이 충분하지 않습니다',
		HTTP_1_1_REQUIRED: '이 요청에는 HTTP/1.1을 쓰세요'
	},
	rules: {
		BAD_PREFACE: () => '연결이 클라이언트 프리페이스 “PRI * HTTP/2.0…SM…”으로 시작하지 않습니다',
		FRAME_TOO_LARGE: () => '프레임이 SETTINGS_MAX_FRAME_SIZE보다 큽니다',
		STREAM_ZERO_REQUIRED: () => '이 프레임 종류는 연결에 속하므로 스트림이 0이어야 합니다',
		STREAM_ZERO_FORBIDDEN: () => '이 프레임 종류는 스트림에 속하므로 스트림이 0일 수 없습니다',
		SETTINGS_LENGTH: () => 'SETTINGS 페이로드는 6옥텟 항목의 정수 배입니다',
		SETTINGS_ACK_LENGTH: () => 'SETTINGS 확인(ACK)의 페이로드는 비어 있어야 합니다',
		SETTINGS_VALUE: () => '설정에 허용되지 않는 값이 있습니다',
		PING_LENGTH: () => 'PING 페이로드는 정확히 8옥텟입니다',
		WINDOW_UPDATE_LENGTH: () => 'WINDOW_UPDATE 페이로드는 정확히 4옥텟입니다',
		WINDOW_UPDATE_ZERO: () => 'WINDOW_UPDATE는 적어도 1옥텟을 늘려야 합니다',
		RST_STREAM_LENGTH: () => 'RST_STREAM 페이로드는 정확히 4옥텟입니다',
		GOAWAY_LENGTH: () => 'GOAWAY 페이로드는 적어도 8옥텟입니다',
		PADDING_TOO_LONG: () => '패딩이 프레임 길이 이상입니다',
		CONTINUATION_EXPECTED: () => '헤더 블록이 끝나지 않았습니다. 다음에는 그 CONTINUATION만 올 수 있습니다',
		CONTINUATION_UNEXPECTED: () => '이어 갈 헤더 블록이 없는데 CONTINUATION이 왔습니다',
		STREAM_ID_PARITY: () => '클라이언트는 홀수, 서버는 짝수 스트림을 엽니다',
		STREAM_CLOSED: (p) => `상대가 이미 끝내거나 리셋한 스트림 ${p.stream}에 DATA나 HEADERS가 왔습니다`,
		DATA_ON_IDLE: (p) => `한 번도 열리지 않은 스트림 ${p.stream}에 프레임이 왔습니다`,
		RST_ON_IDLE: (p) => `한 번도 열리지 않은 스트림 ${p.stream}에 RST_STREAM이 왔습니다`,
		COMPRESSION: (p) => `헤더 블록을 디코딩할 수 없습니다: ${p.hpack ? ko.hpack[p.hpack.code](p.hpack as never) : ''}`,
		FLOW_CONTROL: (p) =>
			`DATA가 ${n('ko', p.params?.length)}옥텟인데 ${p.params?.of ? '스트림' : '연결'} 윈도에는 ${n('ko', p.params?.window)}옥텟만 남아 있었습니다`,
		WINDOW_OVERFLOW: () => '흐름 제어 윈도가 2,147,483,647옥텟을 넘게 됩니다',
		CONNECT_PROTOCOL_WITHDRAWN: () => 'SETTINGS_ENABLE_CONNECT_PROTOCOL은 한 번 1이 되면 0으로 되돌릴 수 없습니다',
		SETTINGS_EXPECTED: () => '양쪽 모두 처음 보내는 프레임은 SETTINGS여야 합니다',
		PUSH_REFUSED: () => '이 클라이언트는 푸시를 껐는데 PUSH_PROMISE가 왔습니다',
		MALFORMED_REQUEST: () => '요청의 의사 헤더가 규칙에 맞지 않습니다',
		MALFORMED_RESPONSE: () => '응답에 올바른 :status가 없습니다'
	},
	hpack: {
		TRUNCATED: () => '필드 중간에서 끝납니다',
		INTEGER_TOO_LARGE: () => '정수가 너무 큽니다',
		INDEX_ZERO: () => '인덱스 0은 필드가 아닙니다',
		INDEX_OUT_OF_RANGE: (p) =>
			`인덱스 ${p.index}는 정적 테이블과 동적 테이블의 항목 ${p.entries}개를 넘어섭니다(RFC 7541 §2.3.3)`,
		TABLE_SIZE_OVER_LIMIT: (p) => `테이블 크기 ${p.size}는 이쪽이 허락한 ${p.limit}를 넘습니다`,
		TABLE_SIZE_UPDATE_LATE: () => '테이블 크기 변경이 필드 뒤에 왔습니다. 맨 앞에 와야 합니다',
		HUFFMAN_EOS: () => '허프만 문자열에 문자열 끝(EOS) 코드가 들어 있습니다',
		HUFFMAN_PADDING: () => '허프만 문자열의 패딩이 EOS의 앞부분이 아닙니다'
	},
	representations: {
		indexed: '인덱스: 테이블의 필드 전체',
		'literal-indexed': '리터럴, 동적 테이블에 추가',
		literal: '리터럴, 테이블에 추가하지 않음',
		'literal-never-indexed': '리터럴, 절대 인덱싱하지 않음',
		'table-size': '동적 테이블 크기 변경'
	},
	connect: {
		NO_CONNECT_PROTOCOL: () =>
			'서버의 SETTINGS에 SETTINGS_ENABLE_CONNECT_PROTOCOL = 1이 없으므로 클라이언트는 확장 CONNECT를 보낼 수 없습니다',
		PSEUDO_MISSING: (p) => `요청에 ${p.name}가 없어 형식이 잘못되었습니다`,
		NOT_CONNECT: (p) => `요청이 확장 CONNECT가 아니라 ${p.method}입니다`,
		PROTOCOL_UNSUPPORTED: (p) => `이 서버는 :protocol “${p.protocol}”를 지원하지 않습니다`,
		VERSION: (p) =>
			p.version === null
				? 'sec-websocket-version이 없습니다'
				: `sec-websocket-version이 13이 아니라 ${p.version}입니다`,
		SUBPROTOCOL_INVALID: (p) => `“${p.name}”는 올바른 서브프로토콜 이름이 아닙니다`,
		EXTENSIONS_MALFORMED: () => 'sec-websocket-extensions를 읽을 수 없습니다',
		APP_REFUSED: (p) => `애플리케이션이 거절했습니다: ${p.reason}`,
		STATUS: (p) => `응답이 200이 아니라 :status ${p.status}입니다`,
		ANSWER: (p, lang) => responseProblemText(p.problem, lang),
		RESET: (p) => `응답 전에 스트림이 리셋되었습니다(${p.error})`
	},
	scope: { connection: '연결 오류', stream: (s) => `스트림 ${s}의 스트림 오류` }
};

export const http2Words = defineMessages({ en, ko });

/** Why a receiver stopped, as a clause. */
export function http2ProblemText(p: Http2Problem, lang: Lang): string {
	return http2Words(lang).rules[p.rule](p);
}

/** Why an extended CONNECT opened no WebSocket, as a clause. */
export function connectProblemText(p: ConnectProblem, lang: Lang): string {
	const table = http2Words(lang).connect as Record<string, (params: unknown, lang: Lang) => string>;
	return table[p.code](p.params, lang);
}
