// Interface text for the simulator (/simulate and its embeds). Each step's explanation is in
// steps.ts; the engine's facts (fields, close codes, errors) are worded in ./protocol.
import type { StepKind } from '$lib/trace/types';
import { defineMessages } from './lang';

const en = {
	title: 'Simulator',
	present: {
		start: 'Present',
		hint: 'Full screen with large type, for a class: PageDown and PageUp (or a clicker, or the arrows) step, Escape leaves.',
		leave: 'Leave presenter mode',
		label: (scenario: string) => `Presenting: ${scenario}`
	},
	lead: 'A client and a server, both running this site’s WebSocket engine, talk over a simulated wire. Step through every byte they exchange, and why.',
	scenario: 'Scenario',
	groups: {
		handshake: 'Handshake',
		messages: 'Messages',
		control: 'Control frames',
		errors: 'Errors',
		http2: 'HTTP/2',
		custom: 'Your own'
	} as Record<string, string>,
	scenarios: {
		handshake: [
			'Opening handshake',
			'The HTTP Upgrade request and the 101 answer of RFC 6455 §1.3, and how Sec-WebSocket-Accept is computed from the key. Try a key of your own.'
		],
		echo: ['Echo', 'A whole connection: the handshake, “Hello” and its echo, then the closing handshake.'],
		masking: [
			'Masking',
			'A client frame masked byte by byte with the key of RFC 6455 §5.7, then unmasked by the server.'
		],
		'large-16': [
			'300 bytes: 16-bit length',
			'A payload over 125 bytes: the length byte says 126 and two more bytes carry the length.'
		],
		'large-64': [
			'70,000 bytes: 64-bit length',
			'A payload over 65,535 bytes: the length byte says 127 and eight more bytes carry the length.'
		],
		fragmented: [
			'Fragmented message',
			'“Hello, world” in three fragments, with a ping between them, reassembled in the client’s buffer.'
		],
		'ping-pong': ['Ping and pong', 'A heartbeat each way: a ping, answered by a pong that carries the same payload.'],
		'close-client': [
			'Client closes',
			'The client starts the closing handshake with 1000; the server answers and closes TCP first.'
		],
		'close-server': [
			'Server closes',
			'The server starts the closing handshake with 1001 (Going Away); the client answers.'
		],
		deflate: [
			'Compression (permessage-deflate)',
			'The client offers permessage-deflate and the server accepts. `Hello Hello Hello Hello` goes out compressed, with RSV1 set; sent again, it takes only a few bytes, because the LZ77 window still holds the first copy. The echoes are compressed too.'
		],
		'error-unmasked': [
			'Error: unmasked client frame',
			'A client frame with MASK = 0. The server fails the connection with 1002.'
		],
		'error-utf8': [
			'Error: invalid UTF-8',
			'A text frame whose bytes are not UTF-8. The server fails the connection with 1007.'
		],
		'error-control-too-long': [
			'Error: control frame over 125 bytes',
			'A 126-byte ping. The client fails the connection with 1002.'
		],
		'rejected-version': [
			'Rejected: wrong version (426)',
			'A client asks for version 25; the server answers 426 Upgrade Required.'
		],
		http2: [
			'WebSocket over HTTP/2',
			'RFC 8441: SETTINGS_ENABLE_CONNECT_PROTOCOL, an extended CONNECT with :protocol websocket answered 200, then WebSocket frames inside DATA frames, one cut across two by flow control, and END_STREAM to close.'
		],
		custom: ['Your own', 'Type messages, choose a fragment size, a masking key, who closes and whether to compress.']
	} as Record<string, [name: string, summary: string]>,
	unknownScenario: (id: string) => `There is no scenario “${id}”; showing the opening handshake instead.`,
	controls: {
		label: 'Player',
		first: 'First step',
		back: 'Step back',
		play: 'Play',
		pause: 'Pause',
		forward: 'Step forward',
		last: 'Last step',
		speed: 'Speed',
		stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
		timeline: 'Timeline: jump to a step',
		keys: 'Keys: ← → step, space plays or pauses, Home and End jump.'
	},
	actors: { client: 'Client', server: 'Server', wire: 'Wire' } as Record<string, string>,
	kinds: {
		'http-request': 'HTTP request sent',
		'http-response': 'HTTP response sent',
		'request-read': 'Request read',
		'response-read': 'Response read',
		accept: 'Sec-WebSocket-Accept',
		state: 'State change',
		'frame-sent': 'Frame sent',
		'frame-received': 'Frame received',
		'h2-sent': 'HTTP/2 frame sent',
		'h2-received': 'HTTP/2 frame received',
		mask: 'Masking',
		'fragment-buffered': 'Fragment buffered',
		message: 'Message delivered',
		ping: 'Ping received',
		pong: 'Pong received',
		close: 'Close received',
		error: 'Error',
		'tcp-close': 'TCP closed',
		dropped: 'Bytes not read'
	} as Record<StepKind, string>,
	states: 'Connection states',
	rfcLink: (section: string) => `Read ${section}`,
	bytesOnWire: (n: number) => `Bytes on the wire (${n})`,
	moreBytes: (n: number) => `… ${n.toLocaleString('en')} more bytes`,
	showMore: (n: number) => `Show ${n} more`,
	header: 'Header, byte by byte',
	headerHint: 'Point at or focus a byte to see what it means.',
	byteInfo: (i: number, hex: string) => `Byte ${i}: 0x${hex}`,
	fields: 'Fields',
	payload: 'Payload',
	payloadText: 'As text',
	payloadUnmasked: 'Payload after unmasking',
	payloadDeflate: (size: number) =>
		`DEFLATE data, its final 00 00 ff ff left off. Inflated: ${size.toLocaleString('en')} B`,
	closeCode: 'Close code',
	reason: 'Reason',
	noCode: 'no status code',
	request: 'HTTP request',
	response: 'HTTP response',
	accept: {
		title: 'Computing Sec-WebSocket-Accept',
		key: 'Sec-WebSocket-Key',
		guid: '+ GUID',
		concat: 'key + GUID',
		sha1: 'SHA-1 (20 bytes)',
		base64: 'base64 = Sec-WebSocket-Accept',
		check: 'The client’s check',
		expected: 'Computed by the client',
		received: 'Sent by the server',
		match: 'They match.',
		mismatch: 'They do not match.'
	},
	mask: {
		title: 'Masking: payload XOR key',
		unmaskTitle: 'Unmasking: the same XOR again',
		key: 'Masking key',
		index: 'i',
		payload: 'payload',
		masked: 'masked',
		keyByte: 'key[i mod 4]',
		result: 'result',
		xor: 'XOR',
		bits: 'The XOR, bit by bit'
	},
	reassembly: {
		title: 'Reassembly buffer',
		fragment: (n: number) => `Fragment ${n}`,
		bytes: (n: number) => `${n} bytes`,
		waiting: (n: number) => `${n} bytes buffered; waiting for the frame with FIN = 1.`,
		complete: (n: number, frames: number) => `Complete: ${n} bytes from ${frames} frames.`
	},
	message: {
		title: 'Message delivered to the application',
		text: 'text',
		binary: 'binary',
		frames: (n: number) => (n === 1 ? 'one frame' : `${n} frames`),
		inflatedFrom: (n: number) => `inflated from ${n.toLocaleString('en')} B`
	},
	errorTitle: 'Protocol error',
	handshakeFailed: 'Handshake failed',
	closesWith: (code: number) => `Close code ${code}`,
	noneOnWire: 'Nothing goes on the wire in this step.',
	h2: {
		title: (type: string) => `HTTP/2 frame: ${type}`,
		preface: 'The connection preface',
		prefaceNote: 'Not a frame: 24 fixed octets, sent once by the client before anything else (RFC 7540 §3.5).',
		unknownType: (n: number) => `unknown type 0x${n.toString(16)}`,
		stream: (n: number) => (n === 0 ? 'stream 0: the connection' : `stream ${n}`),
		octets: (n: number) => (n === 1 ? '1 octet' : `${n.toLocaleString('en')} octets`),
		noFlags: 'no flags',
		mapLabel: 'Every octet of the frame, field by field',
		columns: { octets: 'Octets', field: 'Field', value: 'Value' },
		fields: {
			length: 'Length (24 bits)',
			type: 'Type (8 bits)',
			flags: 'Flags (8 bits)',
			stream: 'R + Stream Identifier (1 + 31 bits)',
			'pad-length': 'Pad Length',
			priority: 'Priority (exclusive bit, dependency, weight)',
			'header-block': 'Header block fragment',
			hpack: 'HPACK',
			data: 'Data: the WebSocket bytes',
			padding: 'Padding',
			setting: 'Setting (16-bit id, 32-bit value)',
			increment: 'Window Size Increment (31 bits)',
			'error-code': 'Error Code',
			'last-stream': 'Last Stream ID',
			debug: 'Additional debug data',
			opaque: 'Opaque data (8 octets)',
			payload: 'Payload'
		} as Record<string, string>,
		inner: 'WebSocket frames inside this DATA frame',
		innerNone: 'No WebSocket bytes: an empty DATA frame.',
		parts: {
			whole: 'a whole WebSocket frame',
			start: 'the start of a WebSocket frame: the rest comes in a later DATA frame',
			middle: 'the middle of a WebSocket frame',
			end: 'the end of a WebSocket frame that began in an earlier DATA frame'
		},
		wsFrame: (op: string, fin: boolean, masked: boolean, length: number) =>
			`${op} · FIN ${fin ? 1 : 0} · ${masked ? 'masked' : 'not masked'} · ${length.toLocaleString('en')} B of payload`,
		headers: 'The header list, as HPACK decodes it',
		sideBySide: 'Side by side',
		overHttp2: 'Over HTTP/2: this HEADERS frame',
		overHttp1: 'The same over HTTP/1.1',
		notOverHttp2: 'Not sent over HTTP/2',
		window: 'flow-control window'
	},
	diagram: {
		label: (name: string) => `Sequence diagram of the scenario “${name}”`,
		panel: 'Sequence diagram',
		fin: 'FIN 0',
		tcp: 'TCP closed',
		dropped: 'not read',
		deflated: 'deflated',
		preface: 'HTTP/2 preface'
	},
	ops: {
		continuation: 'Continuation',
		text: 'Text',
		binary: 'Binary',
		close: 'Close',
		ping: 'Ping',
		pong: 'Pong'
	} as Record<string, string>,
	options: {
		title: 'Try your own',
		key: 'Sec-WebSocket-Key',
		keyHint: '16 bytes in base64: 24 characters ending in ==.',
		rfcKey: 'Use the RFC’s key',
		randomKey: 'New random key',
		text: 'Text to mask',
		textHint: (max: number) => `Up to ${max} bytes of UTF-8.`,
		maskKey: 'Masking key (hex)',
		maskHint: '4 bytes, like 37fa213d. Empty: a random key.',
		messages: 'Messages, one per line',
		fragment: 'Fragment size (bytes)',
		fragmentHint: 'Empty: each message in one frame.',
		closeBy: 'Who closes',
		closeChoices: { client: 'Client', server: 'Server', none: 'Nobody' } as Record<string, string>,
		deflate: 'Compress (permessage-deflate)',
		deflateHint: 'Both ends agree permessage-deflate (RFC 7692): messages go compressed, RSV1 set, and repeats shrink.'
	},
	loadError: 'This scenario could not be run. Please report it.'
};

type Messages = typeof en;

const ko: Messages = {
	title: '시뮬레이터',
	present: {
		start: '발표 모드',
		hint: '수업용 전체 화면과 큰 글씨입니다. PageDown과 PageUp(또는 프레젠터 리모컨, 화살표)으로 단계를 넘기고, Esc로 나갑니다.',
		leave: '발표 모드 나가기',
		label: (scenario: string) => `발표 중: ${scenario}`
	},
	lead: '이 사이트의 웹소켓 엔진을 돌리는 클라이언트와 서버가 가상의 회선으로 대화합니다. 둘이 주고받는 바이트를 한 단계씩 넘기며 무엇이 왜 일어나는지 살펴보세요.',
	scenario: '시나리오',
	groups: {
		handshake: '핸드셰이크',
		messages: '메시지',
		control: '제어 프레임',
		errors: '오류',
		http2: 'HTTP/2',
		custom: '직접 만들기'
	},
	scenarios: {
		handshake: [
			'여는 핸드셰이크',
			'RFC 6455 §1.3의 HTTP Upgrade 요청과 101 응답, 그리고 키로 Sec-WebSocket-Accept를 계산하는 과정입니다. 직접 고른 키로도 해 보세요.'
		],
		echo: ['에코', '연결 하나의 처음부터 끝까지: 핸드셰이크, “Hello”와 그 에코, 그리고 닫기 핸드셰이크.'],
		masking: ['마스킹', 'RFC 6455 §5.7의 키로 클라이언트 프레임을 한 바이트씩 마스킹하고, 서버가 다시 언마스킹합니다.'],
		'large-16': [
			'300바이트: 16비트 길이',
			'125바이트를 넘는 페이로드: 길이 바이트는 126이고, 뒤의 2바이트에 실제 길이가 들어갑니다.'
		],
		'large-64': [
			'70,000바이트: 64비트 길이',
			'65,535바이트를 넘는 페이로드: 길이 바이트는 127이고, 뒤의 8바이트에 실제 길이가 들어갑니다.'
		],
		fragmented: [
			'조각난 메시지',
			'“Hello, world”를 세 조각으로 보내고 그 사이에 핑을 끼워 넣습니다. 클라이언트의 버퍼에서 다시 합쳐집니다.'
		],
		'ping-pong': ['핑과 퐁', '양쪽으로 한 번씩 하트비트: 핑을 보내면 같은 페이로드를 담은 퐁이 돌아옵니다.'],
		'close-client': [
			'클라이언트가 닫기',
			'클라이언트가 1000으로 닫기 핸드셰이크를 시작하고, 서버가 답한 뒤 TCP를 먼저 닫습니다.'
		],
		'close-server': ['서버가 닫기', '서버가 1001(Going Away)로 닫기 핸드셰이크를 시작하고, 클라이언트가 답합니다.'],
		deflate: [
			'압축(permessage-deflate)',
			'클라이언트가 permessage-deflate를 제안하고 서버가 받아들입니다. 클라이언트는 `Hello Hello Hello Hello`를 압축해 RSV1을 켠 프레임으로 보냅니다. 같은 메시지를 한 번 더 보내면 첫 번째 메시지가 LZ77 윈도우에 아직 남아 있어서 몇 바이트면 충분합니다. 서버가 돌려주는 에코도 압축됩니다.'
		],
		'error-unmasked': [
			'오류: 마스킹하지 않은 클라이언트 프레임',
			'MASK가 0인 클라이언트 프레임. 서버는 1002로 연결을 실패 처리합니다.'
		],
		'error-utf8': [
			'오류: 잘못된 UTF-8',
			'UTF-8이 아닌 바이트를 담은 텍스트 프레임. 서버는 1007로 연결을 실패 처리합니다.'
		],
		'error-control-too-long': [
			'오류: 125바이트를 넘는 제어 프레임',
			'126바이트짜리 핑. 클라이언트는 1002로 연결을 실패 처리합니다.'
		],
		'rejected-version': [
			'거절: 잘못된 버전(426)',
			'클라이언트가 버전 25를 요청하고, 서버는 426 Upgrade Required로 답합니다.'
		],
		http2: [
			'HTTP/2 위의 웹소켓',
			'RFC 8441: SETTINGS_ENABLE_CONNECT_PROTOCOL, :protocol websocket을 담은 확장 CONNECT와 200 응답, 이어서 DATA 프레임 안의 웹소켓 프레임(흐름 제어 때문에 하나는 두 DATA 프레임에 나뉩니다), 그리고 END_STREAM으로 닫기.'
		],
		custom: ['직접 만들기', '메시지를 입력하고 조각 크기, 마스킹 키, 닫는 쪽, 압축 여부를 고르세요.']
	},
	unknownScenario: (id) => `“${id}”라는 시나리오는 없습니다. 대신 여는 핸드셰이크를 보여 드립니다.`,
	controls: {
		label: '재생기',
		first: '첫 단계',
		back: '한 단계 뒤로',
		play: '재생',
		pause: '일시 정지',
		forward: '한 단계 앞으로',
		last: '마지막 단계',
		speed: '속도',
		stepOf: (n, total) => `${total}단계 중 ${n}단계`,
		timeline: '타임라인: 원하는 단계로 이동',
		keys: '키보드: ← → 한 단계씩, 스페이스 재생/일시 정지, Home과 End는 처음과 끝.'
	},
	actors: { client: '클라이언트', server: '서버', wire: '회선' },
	kinds: {
		'http-request': 'HTTP 요청 보냄',
		'http-response': 'HTTP 응답 보냄',
		'request-read': '요청 읽음',
		'response-read': '응답 읽음',
		accept: 'Sec-WebSocket-Accept',
		state: '상태 변화',
		'frame-sent': '프레임 보냄',
		'frame-received': '프레임 받음',
		'h2-sent': 'HTTP/2 프레임 보냄',
		'h2-received': 'HTTP/2 프레임 받음',
		mask: '마스킹',
		'fragment-buffered': '조각을 버퍼에 담음',
		message: '메시지 전달',
		ping: '핑 받음',
		pong: '퐁 받음',
		close: '닫기 받음',
		error: '오류',
		'tcp-close': 'TCP 닫힘',
		dropped: '읽히지 않은 바이트'
	},
	states: '연결 상태',
	rfcLink: (section) => `${section} 읽기`,
	bytesOnWire: (n) => `회선 위의 바이트 (${n})`,
	moreBytes: (n) => `… ${n.toLocaleString('ko')}바이트 더`,
	showMore: (n) => `${n}바이트 더 보기`,
	header: '헤더, 한 바이트씩',
	headerHint: '바이트를 가리키거나 포커스하면 그 뜻이 나옵니다.',
	byteInfo: (i, hex) => `${i}번 바이트: 0x${hex}`,
	fields: '필드',
	payload: '페이로드',
	payloadText: '텍스트로 보면',
	payloadUnmasked: '언마스킹한 페이로드',
	payloadDeflate: (size) => `끝의 00 00 ff ff를 뗀 DEFLATE 데이터. 압축을 풀면 ${size.toLocaleString('ko')} B`,
	closeCode: '닫기 코드',
	reason: '이유',
	noCode: '상태 코드 없음',
	request: 'HTTP 요청',
	response: 'HTTP 응답',
	accept: {
		title: 'Sec-WebSocket-Accept 계산',
		key: 'Sec-WebSocket-Key',
		guid: '+ GUID',
		concat: '키 + GUID',
		sha1: 'SHA-1 (20바이트)',
		base64: 'base64 = Sec-WebSocket-Accept',
		check: '클라이언트의 확인',
		expected: '클라이언트가 계산한 값',
		received: '서버가 보낸 값',
		match: '두 값이 같습니다.',
		mismatch: '두 값이 다릅니다.'
	},
	mask: {
		title: '마스킹: 페이로드 XOR 키',
		unmaskTitle: '언마스킹: 같은 XOR을 한 번 더',
		key: '마스킹 키',
		index: 'i',
		payload: '페이로드',
		masked: '마스킹됨',
		keyByte: 'key[i mod 4]',
		result: '결과',
		xor: 'XOR',
		bits: '비트 단위 XOR'
	},
	reassembly: {
		title: '재조립 버퍼',
		fragment: (n) => `조각 ${n}`,
		bytes: (n) => `${n}바이트`,
		waiting: (n) => `${n}바이트를 버퍼에 담았습니다. FIN이 1인 프레임을 기다립니다.`,
		complete: (n, frames) => `완성: 프레임 ${frames}개에서 모은 ${n}바이트.`
	},
	message: {
		title: '애플리케이션에 전달된 메시지',
		text: '텍스트',
		binary: '바이너리',
		frames: (n) => `프레임 ${n}개`,
		inflatedFrom: (n) => `${n.toLocaleString('ko')} B에서 압축 해제`
	},
	errorTitle: '프로토콜 오류',
	handshakeFailed: '핸드셰이크 실패',
	closesWith: (code) => `닫기 코드 ${code}`,
	noneOnWire: '이 단계에서는 회선에 아무것도 오가지 않습니다.',
	h2: {
		title: (type: string) => `HTTP/2 프레임: ${type}`,
		preface: '연결 프리페이스',
		prefaceNote: '프레임이 아닙니다. 클라이언트가 무엇보다 먼저 한 번 보내는 고정된 24옥텟입니다(RFC 7540 §3.5).',
		unknownType: (n: number) => `알 수 없는 종류 0x${n.toString(16)}`,
		stream: (n: number) => (n === 0 ? '스트림 0: 연결 전체' : `스트림 ${n}`),
		octets: (n: number) => `${n.toLocaleString('ko')}옥텟`,
		noFlags: '플래그 없음',
		mapLabel: '프레임의 모든 옥텟, 필드별로',
		columns: { octets: '옥텟', field: '필드', value: '값' },
		fields: {
			length: '길이(24비트)',
			type: '종류(8비트)',
			flags: '플래그(8비트)',
			stream: 'R + 스트림 식별자(1 + 31비트)',
			'pad-length': '패딩 길이',
			priority: '우선순위(배타 비트, 의존 스트림, 가중치)',
			'header-block': '헤더 블록 조각',
			hpack: 'HPACK',
			data: '데이터: 웹소켓 바이트',
			padding: '패딩',
			setting: '설정(16비트 id, 32비트 값)',
			increment: '윈도 크기 증가분(31비트)',
			'error-code': '오류 코드',
			'last-stream': '마지막 스트림 ID',
			debug: '추가 디버그 데이터',
			opaque: '불투명 데이터(8옥텟)',
			payload: '페이로드'
		} as Record<string, string>,
		inner: '이 DATA 프레임 안의 웹소켓 프레임',
		innerNone: '웹소켓 바이트가 없는 빈 DATA 프레임입니다.',
		parts: {
			whole: '웹소켓 프레임 전체',
			start: '웹소켓 프레임의 앞부분: 나머지는 다음 DATA 프레임에 옵니다',
			middle: '웹소켓 프레임의 중간 부분',
			end: '앞선 DATA 프레임에서 시작한 웹소켓 프레임의 끝부분'
		},
		wsFrame: (op: string, fin: boolean, masked: boolean, length: number) =>
			`${op} · FIN ${fin ? 1 : 0} · ${masked ? '마스킹됨' : '마스킹 안 됨'} · 페이로드 ${length.toLocaleString('ko')}B`,
		headers: 'HPACK이 디코딩한 헤더 목록',
		sideBySide: '나란히 보기',
		overHttp2: 'HTTP/2: 이 HEADERS 프레임',
		overHttp1: '같은 내용을 HTTP/1.1로',
		notOverHttp2: 'HTTP/2에서는 보내지 않음',
		window: '흐름 제어 윈도'
	},
	diagram: {
		label: (name) => `“${name}” 시나리오의 시퀀스 다이어그램`,
		panel: '시퀀스 다이어그램',
		fin: 'FIN 0',
		tcp: 'TCP 닫힘',
		dropped: '읽히지 않음',
		deflated: '압축됨',
		preface: 'HTTP/2 프리페이스'
	},
	ops: { continuation: '연속', text: '텍스트', binary: '바이너리', close: '닫기', ping: '핑', pong: '퐁' },
	options: {
		title: '직접 해 보기',
		key: 'Sec-WebSocket-Key',
		keyHint: '16바이트를 base64로 적은 값: ==로 끝나는 24글자.',
		rfcKey: 'RFC의 키 쓰기',
		randomKey: '새 무작위 키',
		text: '마스킹할 텍스트',
		textHint: (max) => `UTF-8로 최대 ${max}바이트.`,
		maskKey: '마스킹 키(16진수)',
		maskHint: '37fa213d처럼 4바이트. 비워 두면 무작위 키.',
		messages: '메시지(한 줄에 하나)',
		fragment: '조각 크기(바이트)',
		fragmentHint: '비워 두면 메시지마다 프레임 하나.',
		closeBy: '닫는 쪽',
		closeChoices: { client: '클라이언트', server: '서버', none: '닫지 않음' },
		deflate: '압축 (permessage-deflate)',
		deflateHint:
			'양쪽이 permessage-deflate(RFC 7692)를 협상합니다. 메시지를 압축하고 RSV1을 켜서 보내며, 되풀이되는 내용은 더 작게 압축됩니다.'
	},
	loadError: '이 시나리오를 실행하지 못했습니다. 알려 주시면 고치겠습니다.'
};

export const simulateText = defineMessages<Messages>({ en, ko });
