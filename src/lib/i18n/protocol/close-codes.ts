// Close status codes (RFC 6455 §7.4, the IANA registry): each registered code's name and meaning, and
// what the other ranges are for, in English and Korean. The engine's closeCodeInfo() says which range
// a code is in and whether it may be sent; this file says what that means to a reader.
import { closeCodeInfo, type CloseCodeKind } from '$lib/protocol';
import { defineMessages, type Lang } from '$lib/i18n/lang';

/** RFC 6455 §7.4.1 and the registry: 1000-1015. */
type Registered =
	1000 | 1001 | 1002 | 1003 | 1004 | 1005 | 1006 | 1007 | 1008 | 1009 | 1010 | 1011 | 1012 | 1013 | 1014 | 1015;

interface CloseWords {
	readonly registered: { readonly [C in Registered]: readonly [name: string, meaning: string] };
	/** Names and meanings of the other kinds of code, by closeCodeInfo's kind. */
	readonly kinds: { readonly [K in Exclude<CloseCodeKind, 'registered'>]: readonly [name: string, meaning: string] };
	/** "1000 Normal Closure", "4000 Private use (4000-4999)", "no status code". */
	readonly withName: (code: number | null, name: string) => string;
	readonly none: string;
}

const en: CloseWords = {
	registered: {
		1000: ['Normal Closure', 'The purpose for which the connection was established has been fulfilled.'],
		1001: ['Going Away', 'The endpoint is going away: a server shutting down or a browser leaving the page.'],
		1002: ['Protocol Error', 'The endpoint is closing because the peer broke the protocol.'],
		1003: [
			'Unsupported Data',
			'The endpoint received a type of data it cannot accept (say, binary when it only takes text).'
		],
		1004: ['Reserved', 'Reserved; its meaning might be defined in the future. Never sent.'],
		1005: ['No Status Received', 'Used by APIs when the close frame carried no status code. Never sent on the wire.'],
		1006: [
			'Abnormal Closure',
			'Used by APIs when the connection dropped without a close frame. Never sent on the wire.'
		],
		1007: [
			'Invalid Frame Payload Data',
			'The message data was not consistent with its type, such as invalid UTF-8 in a text message.'
		],
		1008: [
			'Policy Violation',
			"The message violates the endpoint's policy; a generic code when nothing more specific fits."
		],
		1009: ['Message Too Big', 'The message is too big for the endpoint to process.'],
		1010: ['Mandatory Extension', 'The client expected the server to negotiate an extension it did not.'],
		1011: ['Internal Error', 'The server met an unexpected condition that kept it from fulfilling the request.'],
		1012: ['Service Restart', 'The service is restarting; the client may reconnect.'],
		1013: ['Try Again Later', 'The service is overloaded; the client should try again later.'],
		1014: ['Bad Gateway', 'A gateway or proxy received an invalid response from the upstream server.'],
		1015: ['TLS Handshake', 'Used by APIs when the TLS handshake failed. Never sent on the wire.']
	},
	kinds: {
		library: ['Registered (3000-3999)', 'For libraries, frameworks and applications, registered with IANA.'],
		private: ['Private use (4000-4999)', 'For private agreement between the two endpoints.'],
		unassigned: [
			'Unassigned (1000-2999)',
			'Reserved for this protocol and its extensions; not assigned, so never valid on the wire.'
		],
		'out-of-range': ['Out of range', 'Codes below 1000 and above 4999 are never used.'],
		'not-integer': ['Not a close code', 'Close codes are whole numbers from 0 to 65535, sent as 2 bytes.']
	},
	withName: (code, name) => (code === null ? 'no status code' : `${code} ${name}`),
	none: 'no status code'
};

const ko: CloseWords = {
	registered: {
		1000: ['정상 종료', '연결을 맺은 목적을 다 이루어 정상적으로 닫습니다.'],
		1001: ['떠남', '서버가 종료되거나 브라우저가 페이지를 떠나는 등 엔드포인트가 사라집니다.'],
		1002: ['프로토콜 오류', '상대가 프로토콜을 어겨서 닫습니다.'],
		1003: ['지원하지 않는 데이터', '받을 수 없는 종류의 데이터를 받았습니다(예: 텍스트만 받는데 바이너리가 옴).'],
		1004: ['예약됨', '예약된 코드로, 보내지 않습니다.'],
		1005: ['상태 코드 없음', 'close 프레임에 상태 코드가 없었음을 API가 알릴 때 씁니다. 네트워크로는 보내지 않습니다.'],
		1006: ['비정상 종료', 'close 프레임 없이 연결이 끊겼음을 API가 알릴 때 씁니다. 네트워크로는 보내지 않습니다.'],
		1007: ['잘못된 페이로드 데이터', '메시지 데이터가 형식과 맞지 않습니다(예: 텍스트 메시지의 잘못된 UTF-8).'],
		1008: ['정책 위반', '메시지가 엔드포인트의 정책을 어겼습니다. 더 구체적인 코드가 없을 때 씁니다.'],
		1009: ['메시지가 너무 큼', '메시지가 너무 커서 처리할 수 없습니다.'],
		1010: ['필수 확장', '클라이언트가 기대한 확장을 서버가 협상하지 않았습니다.'],
		1011: ['내부 오류', '서버가 예상하지 못한 상황을 만나 요청을 처리하지 못했습니다.'],
		1012: ['서비스 재시작', '서비스가 다시 시작되는 중입니다. 클라이언트는 다시 연결해도 됩니다.'],
		1013: ['나중에 다시 시도', '서비스가 과부하 상태입니다. 나중에 다시 시도해야 합니다.'],
		1014: ['잘못된 게이트웨이', '게이트웨이나 프록시가 상위 서버로부터 잘못된 응답을 받았습니다.'],
		1015: ['TLS 핸드셰이크 실패', 'TLS 핸드셰이크가 실패했음을 API가 알릴 때 씁니다. 네트워크로는 보내지 않습니다.']
	},
	kinds: {
		library: ['등록된 코드(3000~3999)', '라이브러리, 프레임워크, 애플리케이션이 IANA에 등록해 쓰는 코드입니다.'],
		private: ['개인 용도(4000~4999)', '두 엔드포인트가 따로 약속해서 쓰는 코드입니다.'],
		unassigned: [
			'할당되지 않음(1000~2999)',
			'이 프로토콜과 확장을 위해 남겨 둔 범위지만 아직 할당되지 않아, 네트워크로 보낼 수 없습니다.'
		],
		'out-of-range': ['범위 밖', '1000보다 작거나 4999보다 큰 코드는 쓰지 않습니다.'],
		'not-integer': ['닫기 코드가 아님', '닫기 코드는 0부터 65535까지의 정수이며, 2바이트로 보냅니다.']
	},
	withName: (code, name) => (code === null ? '상태 코드 없음' : `${code} ${name}`),
	none: '상태 코드 없음'
};

export const closeWords = defineMessages({ en, ko });

function words(code: number, lang: Lang): readonly [string, string] {
	const w = closeWords(lang);
	const info = closeCodeInfo(code);
	return info.kind === 'registered' ? w.registered[code as Registered] : w.kinds[info.kind];
}

/** A close code's registered name, or what its range is: "Normal Closure", "Private use (4000-4999)". */
export function closeName(code: number, lang: Lang): string {
	return words(code, lang)[0];
}

/** What a close code means, in a sentence. */
export function closeMeaning(code: number, lang: Lang): string {
	return words(code, lang)[1];
}

/** "1000 Normal Closure", or "no status code" for a close frame without one. */
export function closeCodeText(code: number | null, lang: Lang): string {
	return closeWords(lang).withName(code, code === null ? '' : closeName(code, lang));
}
