// Interface text for the simulator (/simulate and its embeds), and every step's explanation in
// Korean. A step carries its English (the engine's own `explain`) plus a key and parameters; the
// Korean table below is keyed the same way (see src/lib/trace/wire.ts for the keys). One table on
// purpose: a new step kind or scenario is one entry here. Missing Korean falls back to English.
import type { FieldAnnotation } from '../protocol/frame';
import type { FrameView, Step, StepKind } from '../trace/types';
import { defineMessages, type Lang } from './lang';

type P = Step['params'];

const en = {
	title: 'Simulator',
	lead: 'A client and a server, both running this site’s WebSocket engine, talk over a simulated wire. Step through every byte they exchange, and why.',
	scenario: 'Scenario',
	groups: { handshake: 'Handshake', messages: 'Messages', control: 'Control frames', errors: 'Errors', custom: 'Your own' } as Record<string, string>,
	scenarios: {
		handshake: ['Opening handshake', 'The HTTP Upgrade request and the 101 answer of RFC 6455 §1.3, and how Sec-WebSocket-Accept is computed from the key. Try a key of your own.'],
		echo: ['Echo', 'A whole connection: the handshake, “Hello” and its echo, then the closing handshake.'],
		masking: ['Masking', 'A client frame masked byte by byte with the key of RFC 6455 §5.7, then unmasked by the server.'],
		'large-16': ['300 bytes: 16-bit length', 'A payload over 125 bytes: the length byte says 126 and two more bytes carry the length.'],
		'large-64': ['70,000 bytes: 64-bit length', 'A payload over 65,535 bytes: the length byte says 127 and eight more bytes carry the length.'],
		fragmented: ['Fragmented message', '“Hello, world” in three fragments, with a ping between them, reassembled in the client’s buffer.'],
		'ping-pong': ['Ping and pong', 'A heartbeat each way: a ping, answered by a pong that carries the same payload.'],
		'close-client': ['Client closes', 'The client starts the closing handshake with 1000; the server answers and closes TCP first.'],
		'close-server': ['Server closes', 'The server starts the closing handshake with 1001 (Going Away); the client answers.'],
		deflate: ['Compression (permessage-deflate)', 'The client offers permessage-deflate and the server accepts. “Hello Hello Hello Hello” goes out compressed, with RSV1 set; sent again, it takes only a few bytes, because the LZ77 window still holds the first copy. The echoes are compressed too.'],
		'error-unmasked': ['Error: unmasked client frame', 'A client frame with MASK = 0. The server fails the connection with 1002.'],
		'error-utf8': ['Error: invalid UTF-8', 'A text frame whose bytes are not UTF-8. The server fails the connection with 1007.'],
		'error-control-too-long': ['Error: control frame over 125 bytes', 'A 126-byte ping. The client fails the connection with 1002.'],
		'rejected-version': ['Rejected: wrong version (426)', 'A client asks for version 25; the server answers 426 Upgrade Required.'],
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
		'http-request': 'HTTP request sent', 'http-response': 'HTTP response sent', 'request-read': 'Request read',
		'response-read': 'Response read', accept: 'Sec-WebSocket-Accept', state: 'State change', 'frame-sent': 'Frame sent',
		'frame-received': 'Frame received', mask: 'Masking', 'fragment-buffered': 'Fragment buffered', message: 'Message delivered',
		ping: 'Ping received', pong: 'Pong received', close: 'Close received', error: 'Error', 'tcp-close': 'TCP closed', dropped: 'Bytes not read'
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
	payloadDeflate: (size: number) => `DEFLATE data, its final 00 00 ff ff left off. Inflated: ${size.toLocaleString('en')} B`,
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
		title: 'Message delivered to the application', text: 'text', binary: 'binary', frames: (n: number) => (n === 1 ? 'one frame' : `${n} frames`),
		inflatedFrom: (n: number) => `inflated from ${n.toLocaleString('en')} B`
	},
	errorTitle: 'Protocol error',
	handshakeFailed: 'Handshake failed',
	closesWith: (code: number) => `Close code ${code}`,
	noneOnWire: 'Nothing goes on the wire in this step.',
	diagram: {
		label: (name: string) => `Sequence diagram of the scenario “${name}”`,
		panel: 'Sequence diagram',
		fin: 'FIN 0',
		tcp: 'TCP closed',
		dropped: 'not read',
		deflated: 'deflated'
	},
	ops: { continuation: 'Continuation', text: 'Text', binary: 'Binary', close: 'Close', ping: 'Ping', pong: 'Pong' } as Record<string, string>,
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
	issue: (i: { code: string; message: string }) => i.message,
	loadError: 'This scenario could not be run. Please report it.'
};

type Messages = typeof en;

const ko: Messages = {
	title: '시뮬레이터',
	lead: '이 사이트의 웹소켓 엔진을 돌리는 클라이언트와 서버가 가상의 회선으로 대화합니다. 둘이 주고받는 바이트를 한 단계씩 넘기며 무엇이 왜 일어나는지 살펴보세요.',
	scenario: '시나리오',
	groups: { handshake: '핸드셰이크', messages: '메시지', control: '제어 프레임', errors: '오류', custom: '직접 만들기' },
	scenarios: {
		handshake: ['여는 핸드셰이크', 'RFC 6455 §1.3의 HTTP Upgrade 요청과 101 응답, 그리고 키로 Sec-WebSocket-Accept를 계산하는 과정입니다. 직접 고른 키로도 해 보세요.'],
		echo: ['에코', '연결 하나의 처음부터 끝까지: 핸드셰이크, “Hello”와 그 에코, 그리고 닫기 핸드셰이크.'],
		masking: ['마스킹', 'RFC 6455 §5.7의 키로 클라이언트 프레임을 한 바이트씩 마스킹하고, 서버가 다시 언마스킹합니다.'],
		'large-16': ['300바이트: 16비트 길이', '125바이트를 넘는 페이로드: 길이 바이트는 126이고, 뒤의 2바이트에 실제 길이가 들어갑니다.'],
		'large-64': ['70,000바이트: 64비트 길이', '65,535바이트를 넘는 페이로드: 길이 바이트는 127이고, 뒤의 8바이트에 실제 길이가 들어갑니다.'],
		fragmented: ['조각난 메시지', '“Hello, world”를 세 조각으로 보내고 그 사이에 핑을 끼워 넣습니다. 클라이언트의 버퍼에서 다시 합쳐집니다.'],
		'ping-pong': ['핑과 퐁', '양쪽으로 한 번씩 하트비트: 핑을 보내면 같은 페이로드를 담은 퐁이 돌아옵니다.'],
		'close-client': ['클라이언트가 닫기', '클라이언트가 1000으로 닫기 핸드셰이크를 시작하고, 서버가 답한 뒤 TCP를 먼저 닫습니다.'],
		'close-server': ['서버가 닫기', '서버가 1001(Going Away)로 닫기 핸드셰이크를 시작하고, 클라이언트가 답합니다.'],
		deflate: ['압축(permessage-deflate)', '클라이언트가 permessage-deflate를 제안하고 서버가 받아들입니다. 클라이언트는 “Hello Hello Hello Hello”를 압축해 RSV1을 켠 프레임으로 보냅니다. 같은 메시지를 한 번 더 보내면 첫 번째 메시지가 LZ77 윈도우에 아직 남아 있어서 몇 바이트면 충분합니다. 서버가 돌려주는 에코도 압축됩니다.'],
		'error-unmasked': ['오류: 마스킹하지 않은 클라이언트 프레임', 'MASK가 0인 클라이언트 프레임. 서버는 1002로 연결을 실패 처리합니다.'],
		'error-utf8': ['오류: 잘못된 UTF-8', 'UTF-8이 아닌 바이트를 담은 텍스트 프레임. 서버는 1007로 연결을 실패 처리합니다.'],
		'error-control-too-long': ['오류: 125바이트를 넘는 제어 프레임', '126바이트짜리 핑. 클라이언트는 1002로 연결을 실패 처리합니다.'],
		'rejected-version': ['거절: 잘못된 버전(426)', '클라이언트가 버전 25를 요청하고, 서버는 426 Upgrade Required로 답합니다.'],
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
		'http-request': 'HTTP 요청 보냄', 'http-response': 'HTTP 응답 보냄', 'request-read': '요청 읽음',
		'response-read': '응답 읽음', accept: 'Sec-WebSocket-Accept', state: '상태 변화', 'frame-sent': '프레임 보냄',
		'frame-received': '프레임 받음', mask: '마스킹', 'fragment-buffered': '조각을 버퍼에 담음', message: '메시지 전달',
		ping: '핑 받음', pong: '퐁 받음', close: '닫기 받음', error: '오류', 'tcp-close': 'TCP 닫힘', dropped: '읽히지 않은 바이트'
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
	message: { title: '애플리케이션에 전달된 메시지', text: '텍스트', binary: '바이너리', frames: (n) => `프레임 ${n}개`, inflatedFrom: (n) => `${n.toLocaleString('ko')} B에서 압축 해제` },
	errorTitle: '프로토콜 오류',
	handshakeFailed: '핸드셰이크 실패',
	closesWith: (code) => `닫기 코드 ${code}`,
	noneOnWire: '이 단계에서는 회선에 아무것도 오가지 않습니다.',
	diagram: {
		label: (name) => `“${name}” 시나리오의 시퀀스 다이어그램`,
		panel: '시퀀스 다이어그램',
		fin: 'FIN 0',
		tcp: 'TCP 닫힘',
		dropped: '읽히지 않음',
		deflated: '압축됨'
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
		deflateHint: '양쪽이 permessage-deflate(RFC 7692)를 협상합니다. 메시지를 압축하고 RSV1을 켜서 보내며, 되풀이되는 내용은 더 작게 압축됩니다.'
	},
	issue: (i) => koIssue(i as { code: string; message: string; values?: Record<string, string | number> }),
	loadError: '이 시나리오를 실행하지 못했습니다. 알려 주시면 고치겠습니다.'
};

export const simulateText = defineMessages<Messages>({ en, ko });

// ---- Korean step explanations ---------------------------------------------------------------

const role = (r: unknown) => (r === 'server' ? '서버' : r === 'client' ? '클라이언트' : '회선');
const peerRole = (r: unknown) => (r === 'server' ? 'client' : 'server');
const kindKo = (k: unknown) => (k === 'binary' ? '바이너리' : '텍스트');
const hx = (n: unknown) => Number(n).toString(16).padStart(2, '0');
const opKo: Record<number, string> = { 0: '연속', 1: '텍스트', 2: '바이너리', 8: '닫기', 9: '핑', 10: '퐁' };

/** Korean names of the registered close codes (RFC 6455 §7.4.1). */
export const closeNameKo: Record<number, string> = {
	1000: '정상 종료', 1001: '떠남', 1002: '프로토콜 오류', 1003: '지원하지 않는 데이터', 1005: '상태 코드 없음',
	1006: '비정상 종료', 1007: '잘못된 페이로드 데이터', 1008: '정책 위반', 1009: '메시지가 너무 큼',
	1010: '필수 확장', 1011: '내부 오류', 1012: '서비스 재시작', 1013: '나중에 다시 시도', 1014: '잘못된 게이트웨이'
};
const codeKo = (code: unknown) => (code === null || code === undefined ? '상태 코드 없음' : `${code} (${closeNameKo[Number(code)] ?? '등록되지 않은 코드'})`);

/** The engine's protocol errors (src/lib/protocol/errors.ts), in Korean. */
export const errorKo: Record<string, string> = {
	RESERVED_OPCODE: 'opcode 0x3~0x7과 0xB~0xF는 예약되어 있습니다. 수신 측은 연결을 실패 처리해야 합니다.',
	RSV_WITHOUT_EXTENSION: 'RSV 비트가 켜져 있지만, 그 뜻을 정해 주는 확장이 협상되지 않았습니다.',
	CONTROL_TOO_LONG: '제어 프레임(닫기, 핑, 퐁)의 페이로드는 최대 125바이트입니다.',
	CONTROL_FRAGMENTED: '제어 프레임은 조각낼 수 없습니다. FIN 비트가 1이어야 합니다.',
	LENGTH_TOP_BIT: '64비트 페이로드 길이의 최상위 비트는 0이어야 합니다.',
	UNMASKED_CLIENT_FRAME: '클라이언트는 보내는 모든 프레임을 마스킹해야 합니다. 마스킹되지 않은 프레임을 받은 서버는 연결을 닫습니다.',
	MASKED_SERVER_FRAME: '서버는 프레임을 마스킹하면 안 됩니다. 마스킹된 프레임을 받은 클라이언트는 연결을 닫습니다.',
	UNEXPECTED_CONTINUATION: '진행 중인 조각난 메시지가 없는데 연속 프레임이 도착했습니다.',
	EXPECTED_CONTINUATION: '앞의 조각난 메시지가 끝나기 전에 새 텍스트나 바이너리 프레임이 도착했습니다.',
	INVALID_UTF8: '텍스트 메시지는 올바른 UTF-8이어야 합니다. 잘못된 데이터를 받으면 수신 측은 1007로 연결을 실패 처리합니다.',
	INVALID_CLOSE_REASON: '닫기 프레임의 이유 문자열은 올바른 UTF-8이어야 합니다.',
	CLOSE_PAYLOAD_ONE_BYTE: '닫기 페이로드는 비어 있거나 2바이트 상태 코드로 시작합니다. 1바이트만 있으면 잘못된 형식입니다.',
	INVALID_CLOSE_CODE: '이 닫기 코드는 회선에 실을 수 없습니다(유효한 코드: 1000~1003, 1007~1014, 3000~4999).',
	MESSAGE_TOO_BIG: '메시지가 이 엔드포인트가 받을 수 있는 크기보다 커서 1009(메시지가 너무 큼)로 닫습니다.',
	INVALID_COMPRESSED_DATA: '압축된 메시지를 풀 수 없습니다. DEFLATE 데이터가 손상되었습니다.',
	RSV1_ON_CONTINUATION: 'permessage-deflate는 메시지의 첫 프레임에만 RSV1을 켭니다. 연속 프레임에는 켜지 않습니다.',
	RSV1_ON_CONTROL: 'permessage-deflate는 제어 프레임을 압축하지 않으므로, 제어 프레임의 RSV1은 0이어야 합니다.'
};

/** The engine's handshake reasons and base64 complaints, in Korean where we know their shape. */
export function reasonKo(reason: string): string {
	const rules: [RegExp, (m: RegExpExecArray) => string][] = [
		[/^version (.+) is not supported; this server speaks version 13$/, (m) => `이 서버가 지원하지 않는 버전(${m[1]})입니다. 이 서버는 버전 13을 씁니다`],
		[/^the server answered (\d+)[^(]*instead of 101(?: \(it speaks version (\d+)\))?$/, (m) => `서버의 응답 상태가 101이 아니라 ${m[1]}입니다${m[2] ? `(서버는 버전 ${m[2]}을 씁니다)` : ''}`],
		[/^Sec-WebSocket-Key must decode to 16 bytes, not (\d+)$/, (m) => `Sec-WebSocket-Key를 디코딩하면 16바이트여야 하는데 ${m[1]}바이트입니다`],
		[/^Sec-WebSocket-Key is not base64 \((.+)\)$/, (m) => `Sec-WebSocket-Key가 base64가 아닙니다(${reasonKo(m[1])})`],
		[/^it decodes to (\d+) bytes, not 16$/, (m) => `디코딩하면 16바이트가 아니라 ${m[1]}바이트입니다`],
		[/^"(.+)" is not a base64 character$/, (m) => `base64에 쓸 수 없는 문자가 있습니다: “${m[1]}”`],
		[/^base64 text must come in groups of 4 characters$/, () => 'base64는 4글자씩 묶여야 합니다'],
		[/^(too much|wrong amount of) "=" padding$/, () => '“=” 채움 문자의 개수가 맞지 않습니다'],
		[/^data after "=" padding$/, () => '“=” 채움 문자 뒤에 글자가 더 있습니다'],
		[/^a lone base64 character cannot encode a byte$/, () => 'base64 글자 하나만으로는 바이트를 만들 수 없습니다'],
		[/^(.+) is not a printable ASCII character$/, (m) => `출력 가능한 ASCII 문자가 아닌 글자가 있습니다: ${m[1]}`],
		[/^it is (\d+) characters long$/, (m) => `${m[1]}글자로 너무 깁니다`],
		[/^it starts or ends with a space$/, () => '앞이나 뒤에 공백이 있습니다']
	];
	for (const [re, f] of rules) {
		const m = re.exec(reason);
		if (m) return f(m);
	}
	return reason;
}

function koIssue(i: { code: string; message: string; values?: Record<string, string | number> }): string {
	const v = i.values ?? {};
	switch (i.code) {
		case 'key-canonical': return `이 키는 16바이트로 디코딩되고, base64 규칙대로 쓰면 ${v.key}입니다. 클라이언트는 이 값을 보냅니다.`;
		case 'key-invalid': return `올바른 키가 아닙니다: ${reasonKo(String(v.reason))}. 키는 16바이트 무작위 값을 base64로 적은 것(==로 끝나는 24글자)입니다. 클라이언트는 그래도 이 값을 보내고, 서버는 400으로 거절합니다.`;
		case 'key-unsendable': return `이 키는 HTTP 헤더에 담을 수 없습니다: ${reasonKo(String(v.reason))}. 대신 RFC의 예시 키를 씁니다.`;
		case 'mask-hex': return '마스킹 키는 37fa213d처럼 16진수로 적은 4바이트입니다.';
		case 'mask-length': return `마스킹 키는 정확히 4바이트(16진수 8자리)여야 하는데, 입력한 값은 ${v.n}바이트입니다.`;
		case 'text-long': return `이 텍스트는 UTF-8로 ${v.bytes}바이트입니다. 마스킹 화면은 최대 ${v.max}바이트까지 보여 줍니다.`;
		case 'msg-many': return `앞의 메시지 ${v.max}개만 보냅니다.`;
		case 'msg-long': return `${v.n}번째 메시지는 UTF-8로 ${v.bytes}바이트입니다. 시뮬레이터는 ${v.max}바이트까지만 보내므로 이 메시지는 뺍니다.`;
		case 'frag-range': return `조각 크기는 1부터 ${v.max}까지의 정수(바이트)여야 합니다. 입력한 값: “${v.value}”`;
		case 'frag-many': return `${v.size}바이트씩 나누면 가장 긴 메시지가 프레임 ${v.frames}개가 됩니다. 시뮬레이터는 최대 ${v.max}개까지 보여 주므로 ${v.min}바이트 이상으로 정해 주세요.`;
		case 'close-choice': return `닫는 쪽은 client, server, none 가운데 하나여야 합니다. 입력한 값: “${v.value}”`;
		case 'deflate-choice': return `압축은 on 또는 off여야 합니다. 입력한 값: “${v.value}”`;
		default: return i.message;
	}
}

const stepKo: Record<string, (p: P) => string> = {
	'out.request': () => '클라이언트가 HTTP 연결을 웹소켓으로 업그레이드해 달라고 요청합니다. 요청에는 새로 만든 무작위 키가 들어 있습니다.',
	'out.response': () => '서버가 수락합니다. 101 Switching Protocols와 함께, 클라이언트의 키로 계산한 Sec-WebSocket-Accept를 보냅니다.',
	'out.reject': (p) => (p.status === 426 ? '서버가 426 Upgrade Required로 거절하고, 자신이 쓰는 버전을 알려 줍니다.' : `서버가 400 Bad Request로 거절합니다: ${reasonKo(String(p.reason))}.`),
	'out.message': (p) => `${role(p.role)}가 ${p.size}바이트짜리 ${kindKo(p.kind)} 메시지를 프레임 하나에 담아 보냅니다${p.compressed ? '(압축됨)' : ''}.`,
	'out.fragmentFirst': (p) => `${role(p.role)}가 ${kindKo(p.kind)} 메시지를 ${p.count}개 조각으로 나누어 보내기 시작합니다. FIN이 0이므로 프레임이 더 이어집니다.`,
	'out.fragmentMiddle': (p) => `${p.n}번째 조각: 연속(continuation) 프레임이며, FIN은 아직 0입니다.`,
	'out.fragmentLast': () => '마지막 조각(연속 프레임, FIN 1)이 메시지를 완성합니다.',
	'out.ping': (p) => `${role(p.role)}가 핑을 보냅니다. 상대는 같은 페이로드를 담은 퐁으로 답해야 합니다.`,
	'out.pong': (p) => `${role(p.role)}가 요청받지 않은 퐁을 보냅니다(하트비트). 답은 오지 않습니다.`,
	'out.autopong': () => '핑에 대한 자동 응답입니다. 같은 페이로드를 담은 퐁을 보냅니다.',
	'out.close': (p) => `${role(p.role)}가 닫기 핸드셰이크를 시작합니다. 닫기 코드는 ${codeKo(p.code)}이고, 이제 데이터를 더 보내지 않습니다.`,
	'out.closeAnswer': (p) => `${role(p.role)}가 닫기에 답합니다${p.code === null ? '' : `. 받은 코드(${p.code})를 그대로 돌려보냅니다`}.`,
	'out.fail': (p) => `${role(p.role)}가 연결을 실패 처리합니다. 닫기 프레임(닫기 코드 ${codeKo(p.code)})을 보내고 전송 연결을 닫습니다.`,
	'out.other': (p) => `${role(p.role)}가 프레임을 보냅니다.`,
	'note.requestBadKey': (p) => `클라이언트가 보내는 Sec-WebSocket-Key는 “${p.key}”입니다. 16바이트를 base64로 적은 값이 아닙니다.`,
	'note.unmasked': () => '클라이언트가 “Hello”를 텍스트 프레임에 담아 마스킹하지 않고(MASK = 0) 보냅니다. RFC 6455는 이를 금지합니다. 클라이언트의 모든 프레임은 마스킹해야 합니다.',
	'note.badUtf8': () => '클라이언트가 UTF-8이 아닌 페이로드를 텍스트 프레임으로 보냅니다. 63 61 66은 “caf”이지만, c3 다음에는 80~bf 사이의 바이트가 와야 하는데 28은 그렇지 않습니다.',
	'note.longPing': () => '서버가 126바이트짜리 페이로드를 담은 핑을 보냅니다. 그래서 헤더에 16비트 길이 형식이 필요합니다. 제어 프레임의 페이로드는 최대 125바이트입니다.',
	'note.requestVersion': (p) => `클라이언트가 업그레이드를 요청하지만 헤더는 Sec-WebSocket-Version: ${p.version}입니다. 이 서버가 지원하지 않는 버전입니다(RFC 6455는 버전 13).`,
	'ev.request': () => '서버가 업그레이드 요청을 읽습니다. HTTP/1.1 GET, Upgrade: websocket, Connection: Upgrade, 16바이트 키, 버전 13을 확인합니다.',
	'ev.response.ok': () => '클라이언트가 응답을 확인합니다. 상태 101, Upgrade와 Connection 헤더, 그리고 직접 계산한 Accept 값을 봅니다.',
	'ev.response.fail': (p) => `클라이언트가 응답을 확인하고 거부합니다: ${reasonKo(String(p.reason))}.`,
	'ev.open': (p) => {
		const agreed = [p.protocol && `서브프로토콜 ${p.protocol}`, p.extensions && `확장 ${p.extensions}`].filter(Boolean).join(', ');
		return `핸드셰이크가 끝났습니다. 이제 연결은 OPEN${agreed ? `(${agreed})` : ''}이고, 프레임이 양방향으로 오갈 수 있습니다.`;
	},
	'ev.handshakeFailed': (p) => `여는 핸드셰이크가 실패했습니다${p.status ? `(${p.status})` : ''}: ${reasonKo(String(p.reason))}. 웹소켓 연결은 만들어지지 않았습니다.`,
	'ev.frame': (p) => `${opKo[Number(p.opcode)] ?? '예약된'} 프레임이 도착합니다. FIN ${p.fin ? 1 : 0}, 페이로드 ${p.length}바이트${p.masked ? ', 마스킹됨' : ''}.`,
	'ev.fragment': (p) => `${p.n}번째 조각이 도착합니다(FIN 0). 수신 측은 이를 버퍼에 담고(지금까지 ${p.buffered}바이트) 나머지를 기다립니다.`,
	'ev.message': (p) => `${p.size}바이트짜리 ${kindKo(p.kind)} 메시지가 완성되었습니다${p.compressed ? `(${p.compressedSize}바이트에서 압축 해제)` : ''}${p.kind === 'text' ? '. 올바른 UTF-8입니다' : ''}.`,
	'ev.ping': (p) => (p.answer ? '핑이 도착합니다. 수신 측은 가능한 한 빨리 같은 페이로드를 담은 퐁으로 답합니다.' : '닫는 중에 핑이 도착합니다. 닫기 프레임을 보낸 뒤에는 퐁을 보내지 않습니다.'),
	'ev.pong': () => '퐁이 도착합니다. 핑에 대한 답이거나, 한쪽에서 보내는 하트비트입니다.',
	'ev.closeReceived': (p) => (p.first ? `닫기 프레임이 도착합니다(${codeKo(p.code)}). 수신 측은 자신의 닫기 프레임으로 답합니다.` : `상대가 닫기 프레임으로 답합니다(${codeKo(p.code)}). 닫기 핸드셰이크가 끝났습니다.`),
	'ev.protocolError': (p) => errorKo[String(p.code)] ?? '프로토콜 오류입니다.',
	'ev.closed.clean': (p) => (p.role === 'server' ? '두 닫기 프레임을 모두 주고받았습니다. 서버는 이제 TCP 연결을 닫습니다.' : '두 닫기 프레임을 모두 주고받았습니다. 클라이언트는 서버가 TCP 연결을 닫기를 기다립니다.'),
	'ev.closed.failed': (p) => `연결이 실패했습니다. ${p.role === 'server' ? '서버' : '클라이언트'}는 닫기 코드 ${codeKo(p.sentCode)}만 보내고, 답을 기다리지 않고 연결을 끊습니다.`,
	'ev.closed.eof': () => '닫기 핸드셰이크 없이 전송 연결이 닫혔습니다. 비정상 종료(1006)입니다.',
	'accept.concat': () => '서버는 키 뒤에 고정된 GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11을 붙입니다. 키는 받은 텍스트 그대로 쓰며, 디코딩하지 않습니다.',
	'accept.sha1': (p) => `이 ${p.length}글자를 SHA-1로 해시합니다. 결과는 언제나 20바이트입니다.`,
	'accept.base64': (p) => `20바이트를 base64로 적습니다: ${p.accept}. 이 값이 Sec-WebSocket-Accept에 들어갑니다.`,
	'accept.check.ok': () => '클라이언트도 자신이 보낸 키로 같은 값을 계산하고, Sec-WebSocket-Accept에서 그 값을 확인합니다. 이 서버는 웹소켓 요청을 정말로 읽었습니다.',
	'accept.check.bad': () => '클라이언트가 자신이 보낸 키로 값을 계산했지만 Sec-WebSocket-Accept와 맞지 않습니다. 연결을 실패 처리해야 합니다.',
	'mask.byte': (p) => `페이로드의 ${p.index}번 바이트는 키의 ${p.index} mod 4 = ${p.keyIndex}번 바이트와 XOR합니다: ${hx(p.input)} XOR ${hx(p.key)} = ${hx(p.output)}.`,
	'mask.rest': (p) => `나머지 ${p.remaining}바이트도 같은 방식으로 마스킹합니다. 키는 4바이트마다 되풀이됩니다.`,
	'mask.unmask': (p) => `서버는 페이로드 ${p.total}바이트를 같은 키로 한 번 더 XOR합니다. 같은 키로 두 번 XOR하면 원래 바이트로 돌아옵니다.`,
	'tcp.close.server': () => '서버가 TCP 연결을 닫습니다. 서버가 먼저 닫으므로 클라이언트는 TIME_WAIT 상태로 기다리지 않아도 됩니다.',
	'tcp.close.fail': (p) => `${role(p.role)}가 곧바로 TCP 연결을 닫습니다. 연결을 실패 처리한 뒤에는 답을 기다리지 않습니다.`,
	'tcp.close.rejected': () => '서버가 TCP 연결을 닫습니다. 핸드셰이크가 실패했으므로 웹소켓 연결은 없습니다.',
	'tcp.close.other': (p) => `${role(p.role)}가 TCP 연결을 닫습니다.`,
	'wire.dropped': (p) => `${role(p.to)}는 이미 TCP 연결을 닫았으므로, 이 바이트는 아무도 읽지 않습니다.`,
	'wire.ignored': (p) => `${role(p.to)}는 이미 연결을 닫았으므로 이 바이트를 무시합니다.`,
	'out.request.deflate': (p) =>
		`클라이언트가 HTTP 연결을 웹소켓으로 업그레이드해 달라고 요청합니다. 새로 만든 무작위 키와 함께 압축도 제안합니다: Sec-WebSocket-Extensions: ${p.offer}.`
		+ (p.windowHint ? ' 값 없이 쓴 client_max_window_bits는 서버가 클라이언트의 LZ77 윈도우 크기를 제한해도 된다는 뜻입니다(RFC 7692 §7.1.2.2).' : ''),
	'ev.request.deflate': (p) =>
		`서버가 업그레이드 요청을 읽습니다. HTTP/1.1 GET, Upgrade: websocket, Connection: Upgrade, 16바이트 키, 버전 13을 확인하고, ${p.offer} 제안의 파라미터가 RFC 7692 §7.1에 맞는지도 살핍니다.`,
	'out.response.deflate': (p) =>
		`서버가 수락합니다. 101 Switching Protocols와 클라이언트의 키로 계산한 Sec-WebSocket-Accept를 보내고, 압축 제안도 받아들입니다: Sec-WebSocket-Extensions: ${p.extensions}.`
		+ (p.noParams ? ' 파라미터가 없으므로 양쪽 모두 메시지가 끝나도 LZ77 윈도우를 버리지 않고 다음 메시지에서 이어 씁니다(컨텍스트 테이크오버). 윈도우는 최대 32KiB입니다.' : ''),
	'ev.response.deflate': () =>
		'클라이언트가 응답을 확인합니다. 상태 101, Upgrade와 Connection 헤더, 직접 계산한 Accept 값, 그리고 확장을 봅니다. permessage-deflate는 클라이언트가 제안한 확장이고 파라미터도 받아들일 수 있는 값이므로, 이제 양방향 모두 메시지를 압축해 보낼 수 있습니다.',
	'out.deflate': (p) =>
		`${role(p.role)}가 ${p.size}바이트짜리 ${kindKo(p.kind)} 메시지를 ${p.compressedSize}바이트로 압축해(그대로 적은 바이트 ${p.literals}개, 앞의 바이트를 가리키는 역참조 ${p.matches}개) RSV1 = 1인 프레임 하나에 담아 보냅니다. `
		+ `DEFLATE 데이터는 어느 메시지나 00 00 ff ff로 끝나므로 이 4바이트는 떼어 내고 보냅니다. ${role(peerRole(p.role))}는 이를 다시 붙인 뒤 압축을 풉니다(RFC 7692 §7.2.1, §7.2.2).`,
	'out.deflate.takeover': (p) =>
		p.copy
			? `${role(p.role)}가 같은 ${p.size}바이트짜리 ${kindKo(p.kind)} 메시지를 한 번 더 보냅니다. 처음에는 ${p.previousCompressed}바이트로 압축되었지만 이번에는 ${p.compressedSize}바이트면 됩니다. `
				+ `DEFLATE 데이터가 “바로 앞의 ${p.size}바이트를 복사하라”는 역참조 하나뿐이기 때문입니다. 바로 앞의 ${p.size}바이트가 곧 이전 메시지이고, 이 메시지는 아직 ${role(p.role)}의 LZ77 윈도우에 남아 있습니다(컨텍스트 테이크오버, RFC 7692 §7.1.1).`
			: `${role(p.role)}가 ${p.size}바이트짜리 ${kindKo(p.kind)} 메시지를 ${p.compressedSize}바이트로 압축해, RSV1 = 1인 프레임 하나에 담아 보냅니다. `
				+ `DEFLATE 데이터는 그대로 적은 바이트 ${p.literals}개와 역참조 ${p.matches}개로 이루어져 있습니다. 그 가운데 일부 역참조는 메시지 시작보다 최대 ${p.reachesBack}바이트 앞까지, 즉 ${role(p.role)}의 LZ77 윈도우에 남아 있는 이전 메시지까지 거슬러 올라갑니다(컨텍스트 테이크오버, RFC 7692 §7.1.1). `
				+ '끝의 00 00 ff ff는 이번에도 떼고 보냅니다(§7.2.1).',
	'ev.frame.deflate': (p) =>
		`RSV1 = 1인 ${opKo[Number(p.opcode)] ?? '데이터'} 프레임이 도착합니다. FIN ${p.fin ? 1 : 0}, 페이로드 ${p.length}바이트${p.masked ? ', 마스킹됨' : ''}. `
		+ 'permessage-deflate를 협상했으므로 RSV1은 “압축됨”이라는 뜻입니다(RFC 7692 §6). 페이로드는 아직 메시지가 아니라 DEFLATE 데이터입니다.',
	'ev.message.inflated': (p) =>
		`${role(p.role)}는 받은 ${p.compressedSize}바이트 뒤에 00 00 ff ff를 붙이고${p.takeover ? ', 앞 메시지들에서 이어 온 LZ77 윈도우를 그대로 써서' : ''} 압축을 풉니다(RFC 7692 §7.2.2). `
		+ `${p.size}바이트짜리 ${kindKo(p.kind)} 메시지가 완성되었습니다${p.kind === 'text' ? '. 올바른 UTF-8입니다' : ''}.`
};

/** Keys that have Korean text (the unit tests check every step of every scenario has one). */
export const koStepKeys: readonly string[] = Object.keys(stepKo);

/** A step's explanation in `lang`: Korean from the table, English from the engine. */
export function explainStep(step: Pick<Step, 'explain' | 'explainKey' | 'params'>, lang: Lang): string {
	if (lang === 'ko') {
		const f = stepKo[step.explainKey];
		if (f) return f(step.params);
	}
	return step.explain;
}

// ---- frame fields ---------------------------------------------------------------------------

const fieldLabelKo: Record<string, string> = {
	fin: 'FIN', rsv1: 'RSV1', rsv2: 'RSV2', rsv3: 'RSV3', opcode: 'opcode', mask: 'MASK', length: '페이로드 길이',
	'extended-length': '확장 페이로드 길이', 'masking-key': '마스킹 키', payload: '페이로드'
};

const opcodeMeaningKo: Record<number, string> = {
	0: '연속: 조각난 메시지의 다음 조각입니다.', 1: '텍스트: 메시지는 UTF-8 텍스트입니다.', 2: '바이너리: 메시지는 임의의 바이트입니다.',
	8: '닫기: 닫기 핸드셰이크를 시작하거나 그에 답합니다.', 9: '핑: 상대는 퐁으로 답해야 합니다.', 10: '퐁: 핑에 대한 답(또는 하트비트)입니다.'
};

/** What RSV1 means once permessage-deflate is agreed (RFC 7692 §6); English in src/lib/trace/text.ts. */
const rsv1DeflateKo: Record<NonNullable<FrameView['deflate']>['rsv1'], string> = {
	compressed: '압축됨(permessage-deflate): 페이로드는 DEFLATE 데이터이며, 메시지가 다 모이면 압축을 풉니다.',
	uncompressed: '압축하지 않음: permessage-deflate를 협상했지만 이 메시지는 그대로 보냈습니다.',
	control: '여기서는 항상 0: permessage-deflate는 제어 프레임을 압축하지 않습니다.',
	continuation: '여기서는 항상 0: 압축 여부는 메시지의 첫 프레임에만 표시합니다.'
};

/** A field's label in `lang` (the engine's English label otherwise). */
export function fieldLabel(f: FieldAnnotation, lang: Lang): string {
	if (lang !== 'ko') return f.label;
	const base = fieldLabelKo[f.field] ?? f.label;
	const form = /\((\d+)-bit\)/.exec(f.label);
	return form ? `${base}(${form[1]}비트)` : base;
}

/** A field's meaning in `lang`, from the frame it belongs to (the engine's English otherwise). */
export function fieldMeaning(f: FieldAnnotation, frame: FrameView, lang: Lang): string {
	if (lang !== 'ko') return f.meaning;
	switch (f.field) {
		case 'fin': return frame.fin ? '이 메시지의 마지막 프레임입니다.' : '이 메시지의 프레임이 더 이어집니다.';
		case 'rsv1': case 'rsv2': case 'rsv3':
			if (f.field === 'rsv1' && frame.deflate) return rsv1DeflateKo[frame.deflate.rsv1];
			if (frame.deflate && f.value === '0') return '예약된 비트입니다. permessage-deflate는 RSV1만 쓰므로 이 비트는 0입니다.';
			return f.value === '1'
				? f.field === 'rsv1' ? '켜져 있습니다. 확장만 쓸 수 있습니다(permessage-deflate는 압축된 메시지를 표시합니다).' : '켜져 있지만, 이를 정의한 확장이 없습니다.'
				: '확장을 위해 예약된 비트입니다. 협상된 확장이 없으면 0입니다.';
		case 'opcode': return opcodeMeaningKo[frame.opcode] ?? `예약된 opcode입니다(${frame.opcode & 8 ? '제어 프레임' : '데이터 프레임'}용).`;
		case 'mask': return frame.masked ? '페이로드가 뒤따르는 4바이트 키로 마스킹되어 있습니다. 클라이언트가 서버로 보내는 프레임은 모두 이렇게 마스킹해야 합니다.' : '페이로드가 마스킹되어 있지 않습니다. 서버가 보내는 프레임이라면 정상이지만, 클라이언트는 항상 마스킹해야 합니다(RFC 6455 §5.1).';
		case 'length':
			return frame.lengthForm === 7 ? `페이로드는 ${frame.payloadLength}바이트입니다(0~125는 이 7비트에 들어갑니다).`
				: frame.lengthForm === 16 ? '126: 실제 길이는 다음 2바이트에 있습니다.' : '127: 실제 길이는 다음 8바이트에 있습니다.';
		case 'extended-length': return `페이로드는 ${frame.payloadLength}바이트이며, ${frame.lengthForm}비트 부호 없는 빅엔디언 정수로 적혀 있습니다.`;
		case 'masking-key': return '페이로드의 i번째 바이트를 키의 (i mod 4)번째 바이트와 XOR합니다.';
		case 'payload': return frame.masked ? '마스킹된 페이로드입니다. 언마스킹해야 읽을 수 있습니다.' : '페이로드 데이터입니다.';
	}
}

/** A protocol error's sentence in `lang`. */
export function errorMessage(code: string, english: string, lang: Lang): string {
	return lang === 'ko' ? (errorKo[code] ?? (code === 'HANDSHAKE_FAILED' ? reasonKo(english) : english)) : english;
}

/** A close code's name in `lang`. */
export function closeName(code: number, english: string, lang: Lang): string {
	return lang === 'ko' ? (closeNameKo[code] ?? english) : english;
}
