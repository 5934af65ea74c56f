// The decoder page's HTTP/2 view (a pasted HTTP/2 byte stream: its frames, header blocks, streams and
// the WebSocket frames inside DATA, RFC 8441), in English and Korean. What each frame type, setting,
// error code, problem rule and HPACK representation means is worded once, in ./protocol/http2; this
// file has the page's own words around them. Names the RFCs spell (SETTINGS, END_STREAM, :method)
// are quoted with backticks where a sentence holds them, so they show as code in both languages.
import type { Http2Field } from '$lib/protocol/http2/annotate';
import type { StreamState } from '$lib/protocol/http2/streams';
import type { H2Side } from '$lib/decode/http2-types';
import { formatNumber } from './format';
import { defineMessages } from './lang';

type FieldKey = Http2Field['key'];

const n = (v: number) => formatNumber('en', v);
const k = (v: number) => formatNumber('ko', v);
const s = (v: number) => (v === 1 ? '' : 's');
const hex = (v: number) => `0x${v.toString(16).padStart(2, '0')}`;
/** "4 and 5", "4, 5 and 6": HTTP/2 frame numbers in a sentence. */
const andList = (items: readonly number[]) =>
	items.length < 2 ? items.map(n).join('') : `${items.slice(0, -1).map(n).join(', ')} and ${n(items.at(-1)!)}`;
const koList = (items: readonly number[]) => items.map(k).join(', ');

export const decodeHttp2Text = defineMessages({
	en: {
		heading: (side: H2Side, preface: boolean, frames: number, streams: number) =>
			`HTTP/2 connection (${side} side): ${preface ? 'preface, ' : ''}${n(frames)} frame${s(frames)}, ${n(streams)} stream${s(streams)}`,
		intro: (side: H2Side): string =>
			side === 'client'
				? 'These bytes start with the HTTP/2 connection preface (RFC 7540 §3.5): one direction of an HTTP/2 connection, the client’s. They are read as the server reads them: frame by frame, each header block decoded with HPACK (RFC 7541), and on a stream opened with an extended `CONNECT` (RFC 8441 §4) the DATA joined and read as WebSocket frames.'
				: 'Read as the server’s direction of an HTTP/2 connection (“Sent by: server”, and the bytes start with a `SETTINGS` frame): as the client reads it, frame by frame, each header block decoded with HPACK (RFC 7541), and on a stream the server answered with `:status 200` the DATA read as WebSocket frames (RFC 8441 §5).',
		defaults:
			'The receiver’s own settings, window updates and answers travel the other way and are not in these bytes: frames are checked against its default settings (RFC 7540 §6.5.2), and flow control is not judged.',
		summary: {
			label: 'Summary',
			bytes: 'Bytes',
			frames: 'HTTP/2 frames',
			streams: 'Streams',
			wsFrames: 'WebSocket frames',
			messages: 'Messages',
			errors: 'Errors',
			warnings: 'Warnings',
			count: (v: number) => n(v)
		},
		preface: {
			title: 'Connection preface',
			meaning:
				'Every HTTP/2 client starts with these 24 octets, `PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n`, then its SETTINGS. A server that only speaks HTTP/1.1 fails on them at once, so nobody mistakes one protocol for the other.',
			range: (have: number) => `bytes 0–${n(Math.max(0, have - 1))}`,
			ok: 'The preface, exactly.',
			bad: (at: number) => `Byte ${n(at)} is not the preface’s.`,
			short: (have: number, missing: number) =>
				`Only ${n(have)} of its 24 octets are here: ${n(missing)} more to come.`,
			mapLabel: 'Bytes of the connection preface'
		},
		frames: {
			heading: 'HTTP/2 frames',
			title: (index: number) => `HTTP/2 frame ${n(index + 1)}`,
			unknownType: (type: number) => `type ${hex(type)}`,
			unknownMeaning: 'A frame type this receiver does not know: it is ignored (RFC 7540 §4.1).',
			connection: 'connection (stream 0)',
			stream: (id: number) => `stream ${n(id)}`,
			length: (v: number) => `${n(v)}-octet payload`,
			range: (start: number, end: number) => `bytes ${n(start)}–${n(end - 1)}`,
			noFlags: 'no flags',
			cut: 'cut short',
			problem: 'problem',
			details: 'Bytes and fields',
			mapLabel: (title: string) => `Bytes of ${title}`,
			fieldsLabel: (title: string) => `Fields of ${title}`,
			missing: (v: number, exact: boolean) => `${exact ? '' : '≥ '}${n(v)} octet${s(v)} missing`,
			more: (v: number) => `Show ${n(v)} more frame${s(v)}`,
			openAll: 'Open all',
			closeAll: 'Close all',
			state: (before: string, after: string) =>
				`The stream’s state, as the receiver sees it: ${before === after ? after : `${before} → ${after}`}.`
		},
		fields: {
			names: {
				length: 'Length',
				type: 'Type',
				flags: 'Flags',
				stream: 'Stream identifier',
				'pad-length': 'Pad length',
				priority: 'Priority',
				'header-block': 'Header block fragment',
				hpack: 'HPACK representation',
				data: 'Data',
				padding: 'Padding',
				setting: 'Setting',
				increment: 'Window size increment',
				'error-code': 'Error code',
				'last-stream': 'Last stream ID',
				debug: 'Debug data',
				opaque: 'Opaque data',
				payload: 'Payload'
			} satisfies Record<FieldKey, string>,
			short: {
				length: 'length',
				type: 'type',
				flags: 'flags',
				stream: 'stream',
				'pad-length': 'pad length',
				priority: 'priority',
				'header-block': 'block',
				hpack: 'HPACK',
				data: 'data',
				padding: 'padding',
				setting: 'setting',
				increment: 'increment',
				'error-code': 'error',
				'last-stream': 'last stream',
				debug: 'debug',
				opaque: 'opaque',
				payload: 'payload'
			} satisfies Record<FieldKey, string>,
			meanings: {
				length: 'The payload’s length in octets (24 bits); the 9-octet header is not counted.',
				type: 'What the frame is.',
				flags: 'Bits whose meaning depends on the type.',
				stream: 'A reserved bit, then the 31-bit stream identifier; 0 is the connection as a whole.',
				'pad-length': 'How many octets of padding follow.',
				priority: 'Exclusive bit, stream dependency and weight: advice a receiver may ignore.',
				'header-block': 'Octets of a header block, decoded with HPACK once the block is whole.',
				hpack: 'One HPACK representation: a whole field from a table, or a literal.',
				data: 'The stream’s bytes.',
				padding: 'Octets that hide the real size; the receiver skips them.',
				setting: 'A 16-bit identifier and a 32-bit value.',
				increment: 'How many more octets the receiver of this frame may send (31 bits).',
				'error-code': 'Why the stream or the connection ends.',
				'last-stream': 'The highest stream the sender acted on.',
				debug: 'Diagnostic octets, free form.',
				opaque: 'Eight octets the answer repeats.',
				payload: 'Octets the receiver sets aside.'
			} satisfies Record<FieldKey, string>,
			octets: (v: number) => `${n(v)} octet${s(v)}`,
			unknownSetting: (id: number) => `unknown ${hex(id)}`,
			cutBefore: 'begun in the frame before',
			cutAfter: 'continues in the next frame'
		},
		settings: {
			heading: 'Settings',
			name: 'Parameter',
			value: 'Value',
			meaning: 'Meaning',
			unknown: 'Not a setting this receiver knows: ignored (RFC 7540 §6.5.2).',
			empty: 'No parameters: the defaults stand (RFC 7540 §6.5.2).',
			ack: 'An acknowledgement: the sender has applied the peer’s SETTINGS (RFC 7540 §6.5.3).',
			connectProtocol: 'what makes WebSocket over HTTP/2 possible'
		},
		headers: {
			heading: 'Header block, decoded',
			name: 'Name',
			value: 'Value',
			kind: 'Representation',
			octets: 'Octets',
			index: (index: number, table: 'static' | 'dynamic') => `${table} table, index ${n(index)}`,
			newName: 'new name',
			sizeUpdate: (size: number) => `table size ${n(size)}`,
			spans: (frames: readonly number[]) => `in HTTP/2 frames ${andList(frames)}`,
			continues: (frames: readonly number[]) =>
				`The header block continues in HTTP/2 frame${s(frames.length)} ${andList(frames)} (\`CONTINUATION\`); it is decoded once whole (RFC 7540 §6.10).`,
			rest: (first: number) =>
				`The rest of the header block that HTTP/2 frame ${n(first)} began; the block is decoded there.`,
			unfinished: 'The block is not finished: no `END_HEADERS` yet, so it cannot be decoded.',
			table: (entries: number, size: number, max: number) =>
				`Dynamic table after this block: ${n(entries)} entr${entries === 1 ? 'y' : 'ies'}, ${n(size)} of ${n(max)} octets (RFC 7541 §4).`,
			failed: 'Decoding stopped here:'
		},
		types: {
			window: (increment: number, stream: number) =>
				stream === 0
					? `The receiver of this frame may send ${n(increment)} more octet${s(increment)} of DATA on the connection.`
					: `The receiver of this frame may send ${n(increment)} more octet${s(increment)} of DATA on stream ${n(stream)}.`,
			reset: (stream: number) => `Stream ${n(stream)} ends at once.`,
			goaway: (last: number) => `The sender is closing the connection; the last stream it acted on is ${n(last)}.`,
			ping: (ack: boolean): string =>
				ack ? 'The answer to a PING: the same eight octets.' : 'Asks for an answer with the same eight octets.',
			unknownCode: (code: number) => `unknown code ${n(code)}`
		},
		data: {
			octets: (v: number) => `${n(v)} octet${s(v)} of data`,
			inside: 'WebSocket frames inside',
			piece: (ws: number) => `WebSocket frame ${n(ws + 1)}`,
			whole: (ws: number, start: number, end: number) =>
				`Frame ${n(ws + 1)}, whole: tunnel bytes ${n(start)}–${n(end - 1)}.`,
			starts: (ws: number, have: number, next: number) =>
				`The first ${n(have)} octet${s(have)} of frame ${n(ws + 1)}; it continues in the next DATA frame on this stream, HTTP/2 frame ${n(next + 1)}.`,
			middle: (ws: number, have: number, from: number, next: number) =>
				`${n(have)} more octet${s(have)} of frame ${n(ws + 1)}, begun in HTTP/2 frame ${n(from + 1)}; it continues in HTTP/2 frame ${n(next + 1)}.`,
			ends: (ws: number, have: number, from: number) =>
				`The last ${n(have)} octet${s(have)} of frame ${n(ws + 1)}, begun in HTTP/2 frame ${n(from + 1)}.`,
			endsCut: (ws: number, have: number) =>
				`The first ${n(have)} octet${s(have)} of frame ${n(ws + 1)}; the input ends before the rest.`,
			reassembled: (ws: number, frames: readonly number[], start: number, end: number) =>
				frames.length > 1
					? `WebSocket frame ${n(ws + 1)}, found whole: its ${n(end - start)} octets (tunnel bytes ${n(start)}–${n(end - 1)}) came in HTTP/2 frames ${andList(frames.map((f) => f + 1))}.`
					: `WebSocket frame ${n(ws + 1)}: tunnel bytes ${n(start)}–${n(end - 1)}.`,
			notWebSocket:
				'This stream is not an extended CONNECT for a WebSocket, so its data is not read as WebSocket frames.',
			endStream:
				'`END_STREAM`: the sender will send nothing more on this stream. For a WebSocket, this is TCP’s orderly close (RFC 8441 §5.1).',
			offsets: 'Tunnel bytes count the stream’s DATA joined, padding aside: the bytes a WebSocket reads.'
		},
		states: {
			idle: 'idle',
			open: 'open',
			'half-closed-local': 'half-closed (local)',
			'half-closed-remote': 'half-closed (remote)',
			closed: 'closed'
		} satisfies Record<StreamState, string>,
		streams: {
			heading: 'Streams',
			title: (id: number) => `Stream ${n(id)}`,
			frames: (v: number) => `${n(v)} HTTP/2 frame${s(v)}`,
			state: (state: string) => `state: ${state}`,
			websocket: (url: string) =>
				`An extended CONNECT (RFC 8441 §4): \`:method CONNECT\` with \`:protocol websocket\` asks to make this stream a WebSocket to \`${url}\`. No Upgrade, no key: the stream is the connection.`,
			extended: (protocol: string) =>
				`An extended CONNECT for \`:protocol ${protocol}\` (RFC 8441 §4), not for a WebSocket.`,
			connect: 'A plain CONNECT (RFC 7540 §8.3): a TCP tunnel, not a WebSocket.',
			request: (method: string) => `A \`${method}\` request: not a WebSocket.`,
			noRequest: 'Its header block has no `:method`: not a request.',
			verdictOk:
				'A server that announced `SETTINGS_ENABLE_CONNECT_PROTOCOL = 1` answers `:status 200`, and from then on the stream’s DATA carries the WebSocket frames (RFC 8441 §5).',
			verdictRefused: (status: number, reason: string) => `A server answers \`:status ${status}\`: ${reason}.`,
			verdictReset: (reason: string) => `A server resets the stream (PROTOCOL_ERROR): ${reason}.`,
			afterSettings:
				'The client may send it only after the server’s SETTINGS allowed it (RFC 8441 §3); those travel the other way.',
			status200:
				'`:status 200`: the server accepted the extended CONNECT, and the stream is now the WebSocket (RFC 8441 §5).',
			statusOther: (status: string) => `\`:status ${status}\`: not 200, so no WebSocket on this stream (RFC 8441 §5).`,
			ended: 'The sender ended its half (`END_STREAM`).',
			reset: (code: string) => `The sender reset it: \`RST_STREAM\` ${code}.`,
			messages: 'WebSocket messages',
			wsProblems: 'WebSocket problems',
			wsFrames: 'WebSocket frames',
			wsFrameIn: (ws: number, kind: string, frames: readonly number[]) =>
				`Frame ${n(ws + 1)} (${kind}): in HTTP/2 frame${s(frames.length)} ${andList(frames.map((f) => f + 1))}`,
			noData: 'No DATA yet.'
		},
		problems: {
			heading: 'Problems',
			error: 'Error',
			warning: 'Warning',
			connection: (code: string) => `Connection error ${code}`,
			code: (code: string, meaning: string) => `\`${code}\`: ${meaning}.`,
			stream: (code: string, id: number) => `Stream error ${code} on stream ${n(id)}`,
			goaway: (code: string, unread: number) =>
				unread > 0
					? `A receiver sends GOAWAY with ${code} and reads nothing more: the ${n(unread)} octet${s(unread)} after this point are not read.`
					: `A receiver sends GOAWAY with ${code} and reads nothing more.`,
			rst: (code: string, id: number) =>
				`A receiver sends RST_STREAM with ${code} on stream ${n(id)}; the connection goes on.`,
			where: (frame: number | null, start: number, end: number) =>
				`${frame === null ? 'Preface' : `HTTP/2 frame ${n(frame + 1)}`}, ${end - start > 1 ? `bytes ${n(start)}–${n(end - 1)}` : `byte ${n(start)}`}`,
			incomplete: (missing: number, exact: boolean, preface: boolean) =>
				`The input ends inside the ${preface ? 'preface' : 'last frame'}: ${exact ? '' : 'at least '}${n(missing)} more octet${s(missing)} needed`,
			incompleteExplain: 'A receiver waits for the rest before it acts on the frame.',
			pending: (id: number) => `The header block on stream ${n(id)} is unfinished`,
			pendingExplain:
				'A `HEADERS` frame without `END_HEADERS` must be followed by its `CONTINUATION` frames, and nothing else, until one has `END_HEADERS` (RFC 7540 §6.10).',
			capped: (frames: number, unread: number) =>
				`The page stops at ${n(frames)} frames: ${n(unread)} octet${s(unread)} not read`,
			cappedExplain:
				'A large paste is read up to this many frames, so the page stays usable; the rest is not analysed.',
			show: 'Show the frame'
		}
	},
	ko: {
		heading: (side: H2Side, preface: boolean, frames: number, streams: number) =>
			`HTTP/2 연결(${side === 'client' ? '클라이언트' : '서버'} 쪽): ${preface ? '프리페이스, ' : ''}프레임 ${k(frames)}개, 스트림 ${k(streams)}개`,
		intro: (side: H2Side): string =>
			side === 'client'
				? '이 바이트는 HTTP/2 연결 프리페이스(RFC 7540 §3.5)로 시작합니다. HTTP/2 연결의 한 방향, 클라이언트가 보낸 쪽입니다. 서버가 읽는 대로 읽습니다. 프레임을 하나씩 읽고, 헤더 블록은 HPACK(RFC 7541)으로 디코딩하며, 확장 `CONNECT`(RFC 8441 §4)로 연 스트림에서는 DATA를 이어 붙여 웹소켓 프레임으로 읽습니다.'
				: 'HTTP/2 연결에서 서버가 보낸 방향으로 읽습니다(“보낸 쪽: 서버”이고 바이트가 `SETTINGS` 프레임으로 시작합니다). 클라이언트가 읽는 대로 프레임을 하나씩 읽고, 헤더 블록은 HPACK(RFC 7541)으로 디코딩하며, 서버가 `:status 200`으로 답한 스트림에서는 DATA를 웹소켓 프레임으로 읽습니다(RFC 8441 §5).',
		defaults:
			'받는 쪽의 설정, 윈도 갱신, 응답은 반대 방향으로 가므로 이 바이트에 없습니다. 그래서 프레임은 받는 쪽의 기본 설정(RFC 7540 §6.5.2)에 비추어 검사하고, 흐름 제어는 판단하지 않습니다.',
		summary: {
			label: '요약',
			bytes: '바이트',
			frames: 'HTTP/2 프레임',
			streams: '스트림',
			wsFrames: '웹소켓 프레임',
			messages: '메시지',
			errors: '오류',
			warnings: '경고',
			count: (v: number) => k(v)
		},
		preface: {
			title: '연결 프리페이스',
			meaning:
				'모든 HTTP/2 클라이언트는 이 24옥텟 `PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n`으로 시작하고, 이어서 SETTINGS를 보냅니다. HTTP/1.1만 아는 서버는 여기서 곧바로 실패하므로, 두 프로토콜을 서로 착각할 일이 없습니다.',
			range: (have: number) => `바이트 0–${k(Math.max(0, have - 1))}`,
			ok: '프리페이스와 정확히 같습니다.',
			bad: (at: number) => `바이트 ${k(at)}이(가) 프리페이스와 다릅니다.`,
			short: (have: number, missing: number) =>
				`24옥텟 중 ${k(have)}옥텟만 있습니다. ${k(missing)}옥텟이 더 와야 합니다.`,
			mapLabel: '연결 프리페이스의 바이트'
		},
		frames: {
			heading: 'HTTP/2 프레임',
			title: (index: number) => `HTTP/2 프레임 ${k(index + 1)}`,
			unknownType: (type: number) => `종류 ${hex(type)}`,
			unknownMeaning: '받는 쪽이 모르는 프레임 종류입니다. 무시합니다(RFC 7540 §4.1).',
			connection: '연결 전체(스트림 0)',
			stream: (id: number) => `스트림 ${k(id)}`,
			length: (v: number) => `페이로드 ${k(v)}옥텟`,
			range: (start: number, end: number) => `바이트 ${k(start)}–${k(end - 1)}`,
			noFlags: '플래그 없음',
			cut: '잘림',
			problem: '문제',
			details: '바이트와 필드',
			mapLabel: (title: string) => `${title}의 바이트`,
			fieldsLabel: (title: string) => `${title}의 필드`,
			missing: (v: number, exact: boolean) => `${k(v)}옥텟${exact ? '' : ' 이상'} 모자람`,
			more: (v: number) => `프레임 ${k(v)}개 더 보기`,
			openAll: '모두 펼치기',
			closeAll: '모두 접기',
			state: (before: string, after: string) =>
				`받는 쪽에서 본 스트림 상태: ${before === after ? after : `${before} → ${after}`}.`
		},
		fields: {
			names: {
				length: '길이',
				type: '종류',
				flags: '플래그',
				stream: '스트림 식별자',
				'pad-length': '패딩 길이',
				priority: '우선순위',
				'header-block': '헤더 블록 조각',
				hpack: 'HPACK 표현',
				data: '데이터',
				padding: '패딩',
				setting: '설정',
				increment: '윈도 크기 증가분',
				'error-code': '오류 코드',
				'last-stream': '마지막 스트림 ID',
				debug: '디버그 데이터',
				opaque: '불투명 데이터',
				payload: '페이로드'
			},
			short: {
				length: '길이',
				type: '종류',
				flags: '플래그',
				stream: '스트림',
				'pad-length': '패딩 길이',
				priority: '우선순위',
				'header-block': '블록',
				hpack: 'HPACK',
				data: '데이터',
				padding: '패딩',
				setting: '설정',
				increment: '증가분',
				'error-code': '오류',
				'last-stream': '마지막 스트림',
				debug: '디버그',
				opaque: '불투명',
				payload: '페이로드'
			},
			meanings: {
				length: '페이로드 길이(옥텟, 24비트)입니다. 9옥텟 헤더는 세지 않습니다.',
				type: '프레임이 무엇인지 나타냅니다.',
				flags: '종류에 따라 뜻이 달라지는 비트입니다.',
				stream: '예약 비트 하나와 31비트 스트림 식별자입니다. 0은 연결 전체를 뜻합니다.',
				'pad-length': '뒤따르는 패딩이 몇 옥텟인지 나타냅니다.',
				priority: '배타 비트, 의존 스트림, 가중치입니다. 받는 쪽은 무시해도 되는 권고입니다.',
				'header-block': '헤더 블록의 옥텟입니다. 블록이 다 모이면 HPACK으로 디코딩합니다.',
				hpack: 'HPACK 표현 하나입니다. 테이블의 필드 전체이거나 리터럴입니다.',
				data: '스트림의 바이트입니다.',
				padding: '실제 크기를 감추는 옥텟입니다. 받는 쪽은 건너뜁니다.',
				setting: '16비트 식별자와 32비트 값입니다.',
				increment: '이 프레임을 받는 쪽이 더 보낼 수 있는 옥텟 수(31비트)입니다.',
				'error-code': '스트림이나 연결이 끝나는 이유입니다.',
				'last-stream': '보낸 쪽이 처리한 가장 높은 스트림입니다.',
				debug: '형식이 정해지지 않은 진단용 옥텟입니다.',
				opaque: '응답이 그대로 돌려주는 8옥텟입니다.',
				payload: '받는 쪽이 제쳐 두는 옥텟입니다.'
			},
			octets: (v: number) => `${k(v)}옥텟`,
			unknownSetting: (id: number) => `알 수 없음 ${hex(id)}`,
			cutBefore: '앞 프레임에서 시작',
			cutAfter: '다음 프레임에서 이어짐'
		},
		settings: {
			heading: '설정',
			name: '매개변수',
			value: '값',
			meaning: '뜻',
			unknown: '받는 쪽이 모르는 설정입니다. 무시합니다(RFC 7540 §6.5.2).',
			empty: '매개변수가 없습니다. 기본값이 그대로 쓰입니다(RFC 7540 §6.5.2).',
			ack: '확인(ACK)입니다. 보낸 쪽이 상대의 SETTINGS를 적용했다는 뜻입니다(RFC 7540 §6.5.3).',
			connectProtocol: 'HTTP/2 위 웹소켓을 가능하게 하는 설정'
		},
		headers: {
			heading: '디코딩한 헤더 블록',
			name: '이름',
			value: '값',
			kind: '표현',
			octets: '옥텟',
			index: (index: number, table: 'static' | 'dynamic') =>
				`${table === 'static' ? '정적' : '동적'} 테이블 인덱스 ${k(index)}`,
			newName: '새 이름',
			sizeUpdate: (size: number) => `테이블 크기 ${k(size)}`,
			spans: (frames: readonly number[]) => `HTTP/2 프레임 ${koList(frames)}에 걸침`,
			continues: (frames: readonly number[]) =>
				`헤더 블록은 \`CONTINUATION\` 프레임(HTTP/2 프레임 ${koList(frames)})에서 이어집니다. 블록이 다 모이면 디코딩합니다(RFC 7540 §6.10).`,
			rest: (first: number) =>
				`HTTP/2 프레임 ${k(first)}에서 시작한 헤더 블록의 나머지입니다. 블록은 그 프레임에서 디코딩합니다.`,
			unfinished: '블록이 끝나지 않았습니다. 아직 `END_HEADERS`가 없어 디코딩할 수 없습니다.',
			table: (entries: number, size: number, max: number) =>
				`이 블록 뒤의 동적 테이블: 항목 ${k(entries)}개, ${k(max)}옥텟 중 ${k(size)}옥텟(RFC 7541 §4).`,
			failed: '디코딩이 여기서 멈췄습니다:'
		},
		types: {
			window: (increment: number, stream: number) =>
				stream === 0
					? `이 프레임을 받는 쪽은 연결 전체에서 DATA를 ${k(increment)}옥텟 더 보낼 수 있습니다.`
					: `이 프레임을 받는 쪽은 스트림 ${k(stream)}에서 DATA를 ${k(increment)}옥텟 더 보낼 수 있습니다.`,
			reset: (stream: number) => `이 프레임으로 스트림 ${k(stream)}이(가) 즉시 끝납니다.`,
			goaway: (last: number) => `보낸 쪽이 연결을 닫습니다. 마지막으로 처리한 스트림은 ${k(last)}입니다.`,
			ping: (ack: boolean): string =>
				ack ? 'PING에 대한 응답입니다. 같은 8옥텟을 돌려줍니다.' : '같은 8옥텟으로 답해 달라고 요청합니다.',
			unknownCode: (code: number) => `알 수 없는 코드 ${k(code)}`
		},
		data: {
			octets: (v: number) => `데이터 ${k(v)}옥텟`,
			inside: '안에 든 웹소켓 프레임',
			piece: (ws: number) => `웹소켓 프레임 ${k(ws + 1)}`,
			whole: (ws: number, start: number, end: number) =>
				`프레임 ${k(ws + 1)} 전체: 터널 바이트 ${k(start)}–${k(end - 1)}.`,
			starts: (ws: number, have: number, next: number) =>
				`프레임 ${k(ws + 1)}의 처음 ${k(have)}옥텟입니다. 이 스트림의 다음 DATA 프레임인 HTTP/2 프레임 ${k(next + 1)}에서 이어집니다.`,
			middle: (ws: number, have: number, from: number, next: number) =>
				`HTTP/2 프레임 ${k(from + 1)}에서 시작한 프레임 ${k(ws + 1)}의 다음 ${k(have)}옥텟입니다. HTTP/2 프레임 ${k(next + 1)}에서 이어집니다.`,
			ends: (ws: number, have: number, from: number) =>
				`HTTP/2 프레임 ${k(from + 1)}에서 시작한 프레임 ${k(ws + 1)}의 마지막 ${k(have)}옥텟입니다.`,
			endsCut: (ws: number, have: number) =>
				`프레임 ${k(ws + 1)}의 처음 ${k(have)}옥텟입니다. 나머지가 오기 전에 입력이 끝납니다.`,
			reassembled: (ws: number, frames: readonly number[], start: number, end: number) =>
				frames.length > 1
					? `웹소켓 프레임 ${k(ws + 1)}: 온전히 찾았습니다. ${k(end - start)}옥텟(터널 바이트 ${k(start)}–${k(end - 1)})이 HTTP/2 프레임 ${koList(frames.map((f) => f + 1))}에 나뉘어 왔습니다.`
					: `웹소켓 프레임 ${k(ws + 1)}: 터널 바이트 ${k(start)}–${k(end - 1)}.`,
			notWebSocket: '이 스트림은 웹소켓을 위한 확장 CONNECT가 아니므로, 데이터를 웹소켓 프레임으로 읽지 않습니다.',
			endStream:
				'`END_STREAM`: 보낸 쪽은 이 스트림에 더 보내지 않습니다. 웹소켓에서는 TCP의 정상 종료에 해당합니다(RFC 8441 §5.1).',
			offsets: '터널 바이트는 이 스트림의 DATA를 패딩을 빼고 이어 붙인 것, 곧 웹소켓이 읽는 바이트를 기준으로 셉니다.'
		},
		states: {
			idle: '유휴',
			open: '열림',
			'half-closed-local': '반쯤 닫힘(로컬)',
			'half-closed-remote': '반쯤 닫힘(원격)',
			closed: '닫힘'
		},
		streams: {
			heading: '스트림',
			title: (id: number) => `스트림 ${k(id)}`,
			frames: (v: number) => `HTTP/2 프레임 ${k(v)}개`,
			state: (state: string) => `상태: ${state}`,
			websocket: (url: string) =>
				`확장 CONNECT(RFC 8441 §4)입니다. \`:method CONNECT\`와 \`:protocol websocket\`으로 이 스트림을 \`${url}\`에 대한 웹소켓으로 만들어 달라고 요청합니다. Upgrade도 키도 없습니다. 스트림이 곧 연결입니다.`,
			extended: (protocol: string) =>
				`\`:protocol ${protocol}\`을(를) 요청하는 확장 CONNECT(RFC 8441 §4)입니다. 웹소켓 요청이 아닙니다.`,
			connect: '일반 CONNECT(RFC 7540 §8.3)입니다. 웹소켓이 아니라 TCP 터널을 엽니다.',
			request: (method: string) => `\`${method}\` 요청입니다. 웹소켓이 아닙니다.`,
			noRequest: '헤더 블록에 `:method`가 없어 요청이 아닙니다.',
			verdictOk:
				'`SETTINGS_ENABLE_CONNECT_PROTOCOL = 1`을 알린 서버는 `:status 200`으로 답하고, 그때부터 이 스트림의 DATA가 웹소켓 프레임을 나릅니다(RFC 8441 §5).',
			verdictRefused: (status: number, reason: string) => `서버의 답은 \`:status ${status}\`입니다. ${reason}.`,
			verdictReset: (reason: string) => `서버는 스트림을 리셋합니다(PROTOCOL_ERROR). ${reason}.`,
			afterSettings:
				'클라이언트는 서버의 SETTINGS가 허락한 뒤에만 이 요청을 보낼 수 있습니다(RFC 8441 §3). 그 SETTINGS는 반대 방향으로 갑니다.',
			status200: '`:status 200`: 서버가 확장 CONNECT를 받아들였고, 이제 이 스트림이 웹소켓입니다(RFC 8441 §5).',
			statusOther: (status: string) =>
				`\`:status ${status}\`: 200이 아니므로 이 스트림에는 웹소켓이 없습니다(RFC 8441 §5).`,
			ended: '보낸 쪽이 자기 쪽을 끝냈습니다(`END_STREAM`).',
			reset: (code: string) => `보낸 쪽이 스트림을 리셋했습니다: \`RST_STREAM\` ${code}.`,
			messages: '웹소켓 메시지',
			wsProblems: '웹소켓 문제',
			wsFrames: '웹소켓 프레임',
			wsFrameIn: (ws: number, kind: string, frames: readonly number[]) =>
				`프레임 ${k(ws + 1)}(${kind}): HTTP/2 프레임 ${koList(frames.map((f) => f + 1))}`,
			noData: '아직 DATA가 없습니다.'
		},
		problems: {
			heading: '문제',
			error: '오류',
			warning: '경고',
			connection: (code: string) => `연결 오류 ${code}`,
			code: (code: string, meaning: string) => `\`${code}\`: ${meaning}.`,
			stream: (code: string, id: number) => `스트림 ${k(id)}의 스트림 오류 ${code}`,
			goaway: (code: string, unread: number) =>
				unread > 0
					? `받는 쪽은 ${code}로 GOAWAY를 보내고 더는 읽지 않습니다. 이 지점 뒤의 ${k(unread)}옥텟은 읽지 않습니다.`
					: `받는 쪽은 ${code}로 GOAWAY를 보내고 더는 읽지 않습니다.`,
			rst: (code: string, id: number) =>
				`받는 쪽은 스트림 ${k(id)}에 ${code}로 RST_STREAM을 보냅니다. 연결은 계속됩니다.`,
			where: (frame: number | null, start: number, end: number) =>
				`${frame === null ? '프리페이스' : `HTTP/2 프레임 ${k(frame + 1)}`}, ${end - start > 1 ? `바이트 ${k(start)}–${k(end - 1)}` : `바이트 ${k(start)}`}`,
			incomplete: (missing: number, exact: boolean, preface: boolean) =>
				`입력이 ${preface ? '프리페이스' : '마지막 프레임'} 중간에서 끝납니다. ${k(missing)}옥텟${exact ? '' : ' 이상'}이 더 필요합니다`,
			incompleteExplain: '받는 쪽은 나머지가 올 때까지 기다렸다가 프레임을 처리합니다.',
			pending: (id: number) => `스트림 ${k(id)}의 헤더 블록이 끝나지 않았습니다`,
			pendingExplain:
				'`END_HEADERS`가 없는 `HEADERS` 프레임 뒤에는 `END_HEADERS`가 있는 프레임이 올 때까지 그 `CONTINUATION` 프레임만 와야 합니다(RFC 7540 §6.10).',
			capped: (frames: number, unread: number) =>
				`이 페이지는 프레임 ${k(frames)}개에서 멈춥니다. ${k(unread)}옥텟은 읽지 않았습니다`,
			cappedExplain: '큰 입력은 페이지가 느려지지 않도록 이만큼의 프레임까지만 읽습니다. 나머지는 분석하지 않습니다.',
			show: '프레임 보기'
		}
	}
});
