// Interface text for live mode (/live) and its components (src/lib/components/live). English
// decides the shape; Korean has the same keys. Close codes and address problems are worded in
// ./protocol, in each language.
import type { UriProblem } from '$lib/protocol';
import { defineMessages } from './lang';
import { closeCodeText, closeName, uriProblemText } from './protocol';

// One formatter each: toLocaleString builds a new one per call, and the log formats hundreds of sizes per update.
const enNumber = new Intl.NumberFormat('en-US');
const koNumber = new Intl.NumberFormat('ko-KR');
const n = (v: number) => enNumber.format(v);
const k = (v: number) => koNumber.format(v);
const plural = (v: number, one: string, many = `${one}s`) => `${n(v)} ${v === 1 ? one : many}`;

/** Byte counts: "512 bytes", "1.5 MiB". */
function sizeEn(v: number): string {
	if (v < 1024) return plural(v, 'byte');
	if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KiB`;
	return `${(v / 1024 / 1024).toFixed(1)} MiB`;
}
function sizeKo(v: number): string {
	if (v < 1024) return `${k(v)}바이트`;
	if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)}KiB`;
	return `${(v / 1024 / 1024).toFixed(1)}MiB`;
}

type Dir = 'in' | 'out';
type OtherReason = 'not-http' | 'not-upgraded' | 'gap' | 'undecodable' | 'too-big';

export const liveText = defineMessages({
	en: {
		title: 'Live',
		intro:
			'Talk to a real WebSocket server through your browser’s own WebSocket API and see every message, the frame it travels as, and, from the project’s server or the tap, the true bytes of the connection.',
		dirName: { in: 'browser → server', out: 'server → browser' } as Record<Dir, string>,
		size: sizeEn,
		closeName: (code: number | null) => closeCodeText(code, 'en'),
		connect: {
			heading: 'Connection',
			address: 'Server address',
			addressHint:
				'ws:// or wss://. The project’s server is ws://127.0.0.1:6455/ (start it with npm start or npm run server).',
			protocols: 'Subprotocols (optional)',
			protocolsHint: 'Comma-separated, such as chat, superchat (RFC 6455 §4.1).',
			trueBytes: 'Show the true bytes when the server is on this machine (project’s server or tap)',
			presets: 'Quick addresses',
			local: 'Project’s server',
			tap: 'Tap',
			connect: 'Connect',
			disconnect: 'Disconnect',
			cancel: 'Cancel',
			status: {
				idle: 'Not connected.',
				connecting: (url: string) => `Connecting to ${url}…`,
				open: (url: string) => `Connected to ${url}`,
				closing: 'Closing…',
				closed: 'Closed. Connect again whenever you like.'
			},
			problems: {
				address: (problem: UriProblem) => uriProblemText(problem, 'en'),
				protocolBad: (name: string) =>
					`“${name}” is not a valid subprotocol name: use letters, digits and !#$%&'*+-.^_\`|~ only, no spaces (RFC 6455 §4.1).`,
				protocolDup: (name: string) =>
					`The subprotocol “${name}” is listed twice; each may be offered once (RFC 6455 §4.1).`,
				insecure: (url: string) =>
					`This page was loaded over https, so the browser will not open the unencrypted ${url}. Use wss://, or the tap on this machine.`,
				browserRefused: (message: string) => `The browser refused to open the connection: ${message}`,
				unreachable: (url: string, code: number) =>
					`Could not connect to ${url}. The browser reports only that the connection closed (${code}) before it opened; it never says why, so a page cannot probe the network.`,
				unreachableLocal:
					'Is the server running? Start the project’s server with npm start (or npm run server) and try again.',
				unreachableRemote:
					'Check the address, and that the server accepts WebSocket connections from this page’s origin.'
			}
		},
		hides: {
			heading: 'What the browser does not show you',
			items: [
				[
					'The handshake bytes.',
					'The HTTP request and the 101 answer never reach the page; the handshake section rebuilds the request.'
				],
				[
					'Pings and pongs.',
					'The browser answers pings by itself; a page can neither send nor see them (RFC 6455 §5.5.2).'
				],
				[
					'The real mask key.',
					'Each frame the browser sends is masked with a fresh random key it keeps to itself (§5.3). The keys in the message log are ones this page drew, to illustrate.'
				],
				['Fragmentation.', 'A message may cross the wire as several frames; the page only sees it reassembled (§5.4).'],
				[
					'Compression.',
					'Browsers offer permessage-deflate (RFC 7692); when a server agrees, the bytes on the wire are compressed and the page never sees them.'
				]
			] as readonly (readonly [string, string])[],
			trueBytes:
				'The true bytes section shows all of it for the project’s server and the tap, which stream every byte of their connections to this page.'
		},
		send: {
			heading: 'Send',
			type: 'Message type',
			text: 'Text',
			binary: 'Binary (hex)',
			message: 'Message',
			textPlaceholder: 'Hello',
			hexPlaceholder: '48 65 6c 6c 6f',
			hexHint: 'Bytes as hex, such as 48 65 6c 6c 6f; 0x lists, \\x escapes and base64 work too.',
			hexRead: (count: number) => `Reads as ${plural(count, 'byte')}.`,
			send: 'Send',
			burst: 'Burst',
			times: 'How many times',
			sendTimes: (count: number) => `Send ${plural(count, 'time')}`,
			burstRange: (max: number) => `Choose a number from 1 to ${n(max)}.`,
			sent: (count: number) => `Sent ${plural(count, 'message')}.`,
			bufferFull: (count: number) =>
				`Stopped after ${plural(count, 'message')}: more than 16 MiB was waiting to be sent.`,
			notOpen: 'Connect first: messages can be sent once the connection is open.',
			close: 'Close the connection',
			code: 'Close code',
			reason: 'Reason',
			closeButton: 'Close',
			closeHint:
				'A page may close with 1000 or 3000–4999 only (the WebSocket API’s rule). Other codes exist on the wire (RFC 6455 §7.4) but only the browser or the server sends them.',
			closeProblems: {
				notNumber: (text: string) =>
					`“${text}” is not a close code; give a number such as 1000 or 4000, or leave it empty.`,
				forbids: (code: number, onWire: boolean) =>
					`The browser does not let a page close with ${code} (${closeName(code, 'en')}): close() takes only 1000 or 3000–4999.${onWire ? ' The code is valid on the wire, for the browser or the server to send.' : ' It is never valid on the wire either (RFC 6455 §7.4).'}`,
				tooLong: (bytes: number) =>
					`The reason is ${n(bytes)} bytes of UTF-8; at most 123 fit in a close frame (RFC 6455 §5.5).`,
				withoutCode: 'A reason needs a close code before it (RFC 6455 §5.5.1).'
			}
		},
		log: {
			heading: 'Messages',
			empty: 'Nothing yet. Connect, then send a message.',
			label: 'Message log',
			counts: (messages: number) => plural(messages, 'entry', 'entries'),
			clear: 'Clear',
			hidden: (count: number) => `${plural(count, 'older entry', 'older entries')} hidden`,
			showMore: (count: number) => `Show ${n(count)} more`,
			released: (count: number) =>
				`The data of the ${plural(count, 'oldest message')} was let go to save memory (their size and time are kept).`,
			sent: 'Sent',
			received: 'Received',
			kinds: { 1: 'text', 2: 'binary' } as Record<1 | 2, string>,
			showFrame: 'Show frame',
			hideFrame: 'Hide frame',
			frameFor: (dir: string, seq: number) => `Frame of ${dir.toLowerCase()} message ${n(seq + 1)}`,
			connecting: (url: string, protocols: string) =>
				`Connecting to ${url}${protocols ? `, offering ${protocols}` : ''}`,
			open: (protocol: string, extensions: string) =>
				`Open. Subprotocol: ${protocol || 'none'}; extensions: ${extensions || 'none'}.`,
			error:
				'The browser reported an error event. It never says what went wrong (by design): the close that follows tells the rest.',
			closing: (code: string | null, reason: string) =>
				code === null
					? 'Closing: the page sent a close frame with no status code (the server will see 1005).'
					: `Closing: the page sent a close frame with ${code}${reason ? `, reason “${reason}”` : ''}.`,
			close: (code: string, reason: string) => `Closed: ${code}${reason ? `, reason “${reason}”` : ''}.`,
			clean: 'Clean: both close frames were exchanged (RFC 6455 §7.1.4).',
			unclean: 'Not clean: the connection ended without a complete closing handshake.',
			neverOpened: 'It never opened.',
			notices: {
				'send-buffer-full': (count: number) =>
					`Burst stopped after ${plural(count, 'message')}: more than 16 MiB was waiting to be sent.`,
				'burst-stopped': (count: number) => `Burst stopped after ${plural(count, 'message')}.`
			} as Record<'send-buffer-full' | 'burst-stopped', (count: number) => string>,
			releasedData: 'This message’s data was let go to save memory.',
			more: (count: number) => `… and ${sizeEn(count)} more`,
			frames: {
				received:
					'The frame as a server sends this message: unmasked, FIN set, the same opcode (encoded by the engine). A server may also split a message into several frames or compress it; the browser would not tell.',
				sent: 'The frame as the browser sends this message: masked, FIN set. The mask key is illustrative: the browser drew its own and never reveals it (RFC 6455 §5.3).',
				real: (count: number) =>
					`The real ${count === 1 ? 'frame' : `${n(count)} frames`}, exactly as ${count === 1 ? 'it' : 'they'} crossed the wire (from the server’s side channel).`,
				realSent: 'The mask keys are the ones the browser really used.',
				firstOf: (shown: number, total: number) =>
					`This message crossed the wire as ${n(total)} frames (RFC 6455 §5.4); here are the first ${n(shown)}.`,
				deflateAgreed:
					' This connection agreed to permessage-deflate (ws.extensions), so the real frame was most likely compressed, with RSV1 set (RFC 7692 §6).',
				compressed: (wire: number, size: number) =>
					`Compressed with permessage-deflate (RFC 7692), which the server agreed to: ${sizeEn(wire)} on the wire carry a message of ${sizeEn(size)}. RSV1 marks it; the payload below is DEFLATE data, which the engine inflated.`
			}
		},
		handshake: {
			heading: 'Opening handshake',
			request: 'Request',
			reconstructed: 'reconstructed',
			reconstructedNote:
				'A page never sees this request: it is rebuilt with the engine’s buildClientRequest and the fields browsers add (Origin, User-Agent, permessage-deflate, Cache-Control, Pragma, Accept-Encoding, Accept-Language). The key is a stand-in, and the order and values vary by browser.',
			real: 'from the side channel',
			realNote: 'These are the bytes the browser sent, exactly.',
			response: 'Answer',
			reveals: 'What the answer reveals to the page',
			protocol: 'Subprotocol (ws.protocol)',
			extensions: 'Extensions (ws.extensions)',
			none: 'none',
			waiting: 'Connect to see what the server agreed to.',
			responseHidden:
				'The page never sees the answer’s bytes; it learns only the chosen subprotocol and extensions. With the side channel, the real answer appears here.',
			acceptOk: (accept: string) =>
				`Sec-WebSocket-Accept ${accept} is base64(SHA-1(key + GUID)), as RFC 6455 §4.2.2 requires.`,
			acceptBad: (got: string, want: string) => `Sec-WebSocket-Accept is ${got}, but the key gives ${want}.`,
			copy: 'Bytes',
			lines: (count: number) => plural(count, 'byte')
		},
		trueBytes: {
			heading: 'True bytes',
			openInDecoder: 'Open in the decoder',
			newTab: '(opens in a new tab; this connection stays open here)',
			leftOut: (v: number) => `${v} frame${v === 1 ? '' : 's'} left out of the link (too large, or past 16 KiB).`,
			intro:
				'Every byte of this page’s connection as the server saw it, both directions, read in the page by the same engine as the decoder.',
			status: {
				off: 'Turned off. Tick “Show the true bytes” and connect again.',
				remote:
					'The true bytes come from the project’s server or the tap, on this machine; this address is elsewhere. Put the tap in front of it (see below).',
				idle: 'Connect to the project’s server (or the tap) to see the true bytes.',
				connecting: (url: string) => `Subscribing to ${url}…`,
				listening: (url: string) => `Listening on ${url}; waiting for this page’s connection.`,
				following: (conn: number, port: number, server: string) =>
					`Following connection #${conn} (browser port ${port}) on ${server}.`,
				ended: 'The connection has ended; below are all its bytes.',
				unavailable: (url: string) =>
					`No byte side channel answered at ${url}. Only the project’s server (npm run server) and the tap have one.`,
				refusedOrigin: (url: string, origin: string) =>
					`No byte side channel answered at ${url}. This page is served from ${origin}, and a side channel serves only pages from its own machine unless told otherwise: start the server with npm run server -- --allow-origin ${origin} (or the tap with npm run tap -- --target <the real server> --allow-origin ${origin}).`,
				lost: 'The side channel closed (did the server stop?).'
			},
			serverName: (server: 'echo' | 'tap', target: string | null) =>
				server === 'tap' ? `the tap to ${target ?? '?'}` : 'the project’s server',
			totals: (inBytes: number, outBytes: number, frames: number) =>
				`${sizeEn(inBytes)} browser → server, ${sizeEn(outBytes)} server → browser, ${plural(frames, 'frame')}.`,
			framesHeading: 'Frames',
			framesLabel: 'Frames on the wire',
			notKept: (count: number) => `${plural(count, 'earlier frame')} not kept.`,
			showing: (count: number) => `Showing the newest ${n(count)}.`,
			showMore: (count: number) => `Show ${n(count)} more`,
			wireReleased: 'Its bytes were let go to save memory.',
			masked: (key: string) => `mask ${key}`,
			unmasked: 'unmasked',
			problems: (count: number) => plural(count, 'problem'),
			handshake: 'handshake',
			notices: {
				droppedServer: (dir: string, bytes: number) =>
					`The server left out ${sizeEn(bytes)} ${dir}: this page could not keep up. Frames after that are not shown.`,
				droppedPage: (dir: string, bytes: number) =>
					`This page left out ${sizeEn(bytes)} ${dir} to stay responsive. Frames after that are not shown.`,
				other: (dir: string, bytes: number, reason: OtherReason) =>
					`${sizeEn(bytes)} ${dir} that are not frames: ${otherEn[reason]}.`,
				stopped: (dir: string, offset: number, reason: OtherReason) =>
					`Stopped reading frames ${dir} at byte ${n(offset)}: ${otherEn[reason]}.`,
				noZlib:
					'A compressed message (permessage-deflate) arrived, and the compression code could not be loaded: are you offline? The connection goes on; its frames are not read from here on. Reload the page to try again.'
			}
		},
		tap: {
			heading: 'Any server, through the tap',
			intro:
				'For a server elsewhere, the browser shows no bytes at all. The tap sits in between on your machine: it relays every byte unchanged (except the Host header, which it points at the real server), prints each frame in its terminal, and streams the bytes here.',
			steps: [
				'Start it in a terminal, with the real server as the target:',
				'Connect this page to the tap instead of the real address:',
				'The true bytes appear above, and each frame is printed in the terminal, both directions.'
			] as readonly string[],
			use: 'Use the tap',
			options: 'Options: --port N (default 6456), --keep-host (relay the request exactly), --quiet (no terminal log).'
		}
	},
	ko: {
		title: '라이브',
		intro:
			'브라우저의 WebSocket API로 실제 웹소켓 서버와 대화하며 메시지 하나하나와 그 메시지가 실려 가는 프레임을 살펴봅니다. 프로젝트 서버나 탭(tap)을 거치면 연결의 실제 바이트까지 볼 수 있습니다.',
		dirName: { in: '브라우저 → 서버', out: '서버 → 브라우저' },
		size: sizeKo,
		closeName: (code: number | null) => closeCodeText(code, 'ko'),
		connect: {
			heading: '연결',
			address: '서버 주소',
			addressHint:
				'ws:// 또는 wss:// 주소입니다. 프로젝트 서버는 ws://127.0.0.1:6455/이며 npm start나 npm run server로 띄울 수 있습니다.',
			protocols: '서브프로토콜(선택)',
			protocolsHint: '쉼표로 구분합니다. 예: chat, superchat (RFC 6455 §4.1)',
			trueBytes: '서버가 이 컴퓨터에 있으면 실제 바이트 보기(프로젝트 서버나 탭)',
			presets: '빠른 주소',
			local: '프로젝트 서버',
			tap: '탭',
			connect: '연결',
			disconnect: '연결 끊기',
			cancel: '취소',
			status: {
				idle: '연결되어 있지 않습니다.',
				connecting: (url: string) => `${url}에 연결하는 중…`,
				open: (url: string) => `${url}에 연결됨`,
				closing: '연결을 닫는 중…',
				closed: '연결이 닫혔습니다. 언제든 다시 연결할 수 있습니다.'
			},
			problems: {
				address: (problem: UriProblem) => uriProblemText(problem, 'ko'),
				protocolBad: (name: string) =>
					`“${name}”은(는) 서브프로토콜 이름으로 쓸 수 없습니다. 공백 없이 영문자, 숫자, !#$%&'*+-.^_\`|~만 쓸 수 있습니다(RFC 6455 §4.1).`,
				protocolDup: (name: string) =>
					`서브프로토콜 “${name}”이(가) 두 번 들어 있습니다. 같은 이름은 한 번만 제안할 수 있습니다(RFC 6455 §4.1).`,
				insecure: (url: string) =>
					`이 페이지는 https로 열려 있어서 브라우저가 암호화되지 않은 ${url}에 연결하지 않습니다. wss://를 쓰거나 이 컴퓨터에서 탭을 거치세요.`,
				browserRefused: (message: string) => `브라우저가 연결을 열지 않았습니다: ${message}`,
				unreachable: (url: string, code: number) =>
					`${url}에 연결하지 못했습니다. 브라우저는 연결이 열리기 전에 닫혔다(${code})는 것만 알려 줍니다. 페이지가 네트워크를 염탐하지 못하도록 이유는 절대 알려 주지 않습니다.`,
				unreachableLocal:
					'서버가 실행 중인가요? npm start(또는 npm run server)로 프로젝트 서버를 띄운 뒤 다시 시도하세요.',
				unreachableRemote:
					'주소가 맞는지, 서버가 이 페이지의 출처(origin)에서 오는 웹소켓 연결을 받아 주는지 확인하세요.'
			}
		},
		hides: {
			heading: '브라우저가 보여 주지 않는 것',
			items: [
				[
					'핸드셰이크 바이트.',
					'HTTP 요청과 101 응답은 페이지에 전달되지 않습니다. 아래 핸드셰이크 영역에서 요청을 재구성해 보여 줍니다.'
				],
				[
					'핑과 퐁.',
					'핑에는 브라우저가 알아서 응답합니다. 페이지는 핑을 보낼 수도, 볼 수도 없습니다(RFC 6455 §5.5.2).'
				],
				[
					'실제 마스킹 키.',
					'브라우저는 보내는 프레임마다 새 무작위 키로 마스킹하고 그 키를 밝히지 않습니다(§5.3). 메시지 기록에 나오는 키는 설명을 위해 이 페이지가 임의로 만든 것입니다.'
				],
				[
					'프레임 분할.',
					'메시지 하나가 여러 프레임으로 나뉘어 전송될 수 있지만, 페이지는 다시 합쳐진 메시지만 받습니다(§5.4).'
				],
				[
					'압축.',
					'브라우저는 permessage-deflate(RFC 7692)를 제안합니다. 서버가 받아들이면 실제로 오가는 바이트는 압축되어 있고, 페이지는 그 바이트를 보지 못합니다.'
				]
			],
			trueBytes:
				'프로젝트 서버와 탭은 연결의 모든 바이트를 이 페이지로 흘려 보내므로, 아래 실제 바이트 영역에서 이 모두를 볼 수 있습니다.'
		},
		send: {
			heading: '보내기',
			type: '메시지 종류',
			text: '텍스트',
			binary: '바이너리(16진수)',
			message: '메시지',
			textPlaceholder: '안녕하세요',
			hexPlaceholder: '48 65 6c 6c 6f',
			hexHint: '바이트를 16진수로 적습니다. 예: 48 65 6c 6c 6f. 0x 목록, \\x 이스케이프, base64도 읽습니다.',
			hexRead: (count: number) => `${k(count)}바이트로 읽힙니다.`,
			send: '보내기',
			burst: '연속 보내기',
			times: '보낼 횟수',
			sendTimes: (count: number) => `${k(count)}번 보내기`,
			burstRange: (max: number) => `1부터 ${k(max)} 사이의 수를 고르세요.`,
			sent: (count: number) => `메시지 ${k(count)}개를 보냈습니다.`,
			bufferFull: (count: number) => `${k(count)}개를 보낸 뒤 멈췄습니다. 전송을 기다리는 데이터가 16MiB를 넘었습니다.`,
			notOpen: '먼저 연결하세요. 연결이 열려야 메시지를 보낼 수 있습니다.',
			close: '연결 닫기',
			code: '종료 코드',
			reason: '이유',
			closeButton: '닫기',
			closeHint:
				'페이지는 1000이나 3000–4999로만 연결을 닫을 수 있습니다(WebSocket API의 규칙). 다른 코드도 실제로 오갈 수 있지만(RFC 6455 §7.4) 브라우저나 서버만 보냅니다.',
			closeProblems: {
				notNumber: (text: string) =>
					`“${text}”은(는) 종료 코드가 아닙니다. 1000이나 4000 같은 숫자를 적거나 비워 두세요.`,
				forbids: (code: number, onWire: boolean) =>
					`브라우저에서는 ${code}(${closeName(code, 'ko')})로 연결을 닫을 수 없습니다. close()는 1000과 3000–4999만 받습니다.${onWire ? ' 이 코드 자체는 프레임에 쓸 수 있지만, 보내는 쪽은 브라우저나 서버입니다.' : ' 이 코드는 프레임에도 절대 쓸 수 없습니다(RFC 6455 §7.4).'}`,
				tooLong: (bytes: number) =>
					`이유가 UTF-8로 ${k(bytes)}바이트입니다. 닫기 프레임에는 최대 123바이트까지 들어갑니다(RFC 6455 §5.5).`,
				withoutCode: '이유를 적으려면 종료 코드도 함께 적어야 합니다(RFC 6455 §5.5.1).'
			}
		},
		log: {
			heading: '메시지',
			empty: '아직 아무것도 없습니다. 연결한 뒤 메시지를 보내 보세요.',
			label: '메시지 기록',
			counts: (messages: number) => `${k(messages)}개 항목`,
			clear: '지우기',
			hidden: (count: number) => `이전 항목 ${k(count)}개 숨김`,
			showMore: (count: number) => `${k(count)}개 더 보기`,
			released: (count: number) =>
				`메모리를 아끼려고 가장 오래된 메시지 ${k(count)}개의 데이터를 버렸습니다(크기와 시각은 남아 있습니다).`,
			sent: '보냄',
			received: '받음',
			kinds: { 1: '텍스트', 2: '바이너리' },
			showFrame: '프레임 보기',
			hideFrame: '프레임 숨기기',
			frameFor: (dir: string, seq: number) => `${dir} 메시지 ${k(seq + 1)}의 프레임`,
			connecting: (url: string, protocols: string) =>
				`${url}에 연결하는 중${protocols ? `, 제안한 서브프로토콜: ${protocols}` : ''}`,
			open: (protocol: string, extensions: string) =>
				`연결되었습니다. 서브프로토콜: ${protocol || '없음'}, 확장: ${extensions || '없음'}.`,
			error:
				'브라우저가 error 이벤트를 알렸습니다. 무엇이 잘못됐는지는 일부러 알려 주지 않습니다. 뒤따르는 close 이벤트에서 나머지를 알 수 있습니다.',
			closing: (code: string | null, reason: string) =>
				code === null
					? '닫는 중: 페이지가 상태 코드 없는 닫기 프레임을 보냈습니다(서버에는 1005로 보입니다).'
					: `닫는 중: 페이지가 닫기 프레임을 보냈습니다. 코드 ${code}${reason ? `, 이유 “${reason}”` : ''}.`,
			close: (code: string, reason: string) => `닫힘: ${code}${reason ? `, 이유 “${reason}”` : ''}.`,
			clean: '깔끔한 종료: 양쪽이 닫기 프레임을 주고받았습니다(RFC 6455 §7.1.4).',
			unclean: '깔끔하지 않은 종료: 닫기 핸드셰이크를 마치지 못한 채 연결이 끊겼습니다.',
			neverOpened: '연결이 한 번도 열리지 않았습니다.',
			notices: {
				'send-buffer-full': (count: number) =>
					`${k(count)}개를 보낸 뒤 연속 보내기를 멈췄습니다. 전송을 기다리는 데이터가 16MiB를 넘었습니다.`,
				'burst-stopped': (count: number) => `${k(count)}개를 보낸 뒤 연속 보내기를 멈췄습니다.`
			},
			releasedData: '메모리를 아끼려고 이 메시지의 데이터는 버렸습니다.',
			more: (count: number) => `… 그리고 ${sizeKo(count)} 더`,
			frames: {
				received:
					'서버가 이 메시지를 보낼 때의 프레임입니다. 마스킹 없이, FIN이 켜진 채, 같은 opcode로 엔진이 인코딩했습니다. 서버가 메시지를 여러 프레임으로 나누거나 압축했을 수도 있지만 브라우저는 알려 주지 않습니다.',
				sent: '브라우저가 이 메시지를 보낼 때의 프레임입니다. 마스킹되어 있고 FIN이 켜져 있습니다. 마스킹 키는 설명용입니다. 브라우저는 직접 뽑은 키를 쓰고 밝히지 않습니다(RFC 6455 §5.3).',
				real: (count: number) =>
					`실제로 오간 프레임${count === 1 ? '' : ` ${k(count)}개`}를 바이트 그대로 보여 줍니다(서버의 사이드 채널에서 받음).`,
				realSent: '마스킹 키도 브라우저가 실제로 쓴 키입니다.',
				firstOf: (shown: number, total: number) =>
					`이 메시지는 프레임 ${k(total)}개로 나뉘어 전송되었습니다(RFC 6455 §5.4). 처음 ${k(shown)}개를 보여 줍니다.`,
				deflateAgreed:
					' 이 연결은 permessage-deflate에 합의했으므로(ws.extensions) 실제 프레임은 RSV1이 켜진 채 압축되어 있었을 가능성이 큽니다(RFC 7692 §6).',
				compressed: (wire: number, size: number) =>
					`서버가 동의한 permessage-deflate(RFC 7692)로 압축되어, ${sizeKo(size)}짜리 메시지가 실제로는 ${sizeKo(wire)}로 전송되었습니다. RSV1이 압축을 표시합니다. 아래 페이로드는 DEFLATE 데이터이며, 엔진이 풀어서 읽었습니다.`
			}
		},
		handshake: {
			heading: '여는 핸드셰이크',
			request: '요청',
			reconstructed: '재구성',
			reconstructedNote:
				'페이지는 이 요청을 볼 수 없습니다. 엔진의 buildClientRequest에 브라우저가 덧붙이는 필드(Origin, User-Agent, permessage-deflate, Cache-Control, Pragma, Accept-Encoding, Accept-Language)를 더해 다시 만든 것입니다. 키는 임시 값이고, 필드 순서와 값은 브라우저마다 다릅니다.',
			real: '사이드 채널에서 받음',
			realNote: '브라우저가 실제로 보낸 바이트 그대로입니다.',
			response: '응답',
			reveals: '응답에서 페이지가 알 수 있는 것',
			protocol: '서브프로토콜(ws.protocol)',
			extensions: '확장(ws.extensions)',
			none: '없음',
			waiting: '연결하면 서버가 무엇에 동의했는지 나타납니다.',
			responseHidden:
				'페이지는 응답의 바이트를 볼 수 없고, 선택된 서브프로토콜과 확장만 알 수 있습니다. 사이드 채널이 있으면 실제 응답이 여기에 나타납니다.',
			acceptOk: (accept: string) =>
				`Sec-WebSocket-Accept 값(${accept})은 base64(SHA-1(키 + GUID))와 같습니다. RFC 6455 §4.2.2가 요구하는 그대로입니다.`,
			acceptBad: (got: string, want: string) => `Sec-WebSocket-Accept가 ${got}인데, 키로 계산하면 ${want}입니다.`,
			copy: '바이트',
			lines: (count: number) => `${k(count)}바이트`
		},
		trueBytes: {
			heading: '실제 바이트',
			openInDecoder: '디코더에서 열기',
			newTab: '(새 탭에서 열리며, 이 연결은 여기서 그대로 유지됩니다)',
			leftOut: (v: number) => `프레임 ${v}개는 링크에 넣지 않았습니다(너무 크거나 16KiB를 넘음).`,
			intro:
				'이 페이지 연결의 모든 바이트를 서버가 본 그대로, 양방향 모두 보여 줍니다. 디코더와 같은 엔진이 페이지 안에서 읽어 냅니다.',
			status: {
				off: '꺼져 있습니다. “실제 바이트 보기”를 켜고 다시 연결하세요.',
				remote:
					'실제 바이트는 이 컴퓨터에서 도는 프로젝트 서버나 탭에서 옵니다. 지금 주소는 다른 곳에 있으니 그 앞에 탭을 두세요(아래 참고).',
				idle: '프로젝트 서버(또는 탭)에 연결하면 실제 바이트가 나타납니다.',
				connecting: (url: string) => `${url} 구독 중…`,
				listening: (url: string) => `${url}에서 듣고 있습니다. 이 페이지의 연결을 기다리는 중입니다.`,
				following: (conn: number, port: number, server: string) =>
					`${server}의 연결 #${conn}(브라우저 포트 ${port})을 따라가는 중입니다.`,
				ended: '연결이 끝났습니다. 아래가 그 연결의 모든 바이트입니다.',
				unavailable: (url: string) =>
					`${url}에서 바이트 사이드 채널이 응답하지 않았습니다. 프로젝트 서버(npm run server)와 탭에만 있습니다.`,
				refusedOrigin: (url: string, origin: string) =>
					`${url}에서 바이트 사이드 채널이 응답하지 않았습니다. 이 페이지는 ${origin}에서 제공되는데, 사이드 채널은 따로 허용하지 않으면 자기 컴퓨터가 제공한 페이지만 받습니다. 서버는 npm run server -- --allow-origin ${origin}로, 탭은 npm run tap -- --target <실제 서버> --allow-origin ${origin}로 시작하세요.`,
				lost: '사이드 채널이 닫혔습니다(서버가 멈췄나요?).'
			},
			serverName: (server: 'echo' | 'tap', target: string | null) =>
				server === 'tap' ? `${target ?? '?'}로 가는 탭` : '프로젝트 서버',
			totals: (inBytes: number, outBytes: number, frames: number) =>
				`브라우저 → 서버 ${sizeKo(inBytes)}, 서버 → 브라우저 ${sizeKo(outBytes)}, 프레임 ${k(frames)}개.`,
			framesHeading: '프레임',
			framesLabel: '실제로 오간 프레임',
			notKept: (count: number) => `이전 프레임 ${k(count)}개는 보관하지 않았습니다.`,
			showing: (count: number) => `최근 ${k(count)}개를 보여 줍니다.`,
			showMore: (count: number) => `${k(count)}개 더 보기`,
			wireReleased: '메모리를 아끼려고 이 프레임의 바이트는 버렸습니다.',
			masked: (key: string) => `마스크 ${key}`,
			unmasked: '마스킹 없음',
			problems: (count: number) => `문제 ${k(count)}개`,
			handshake: '핸드셰이크',
			notices: {
				droppedServer: (dir: string, bytes: number) =>
					`이 페이지가 따라가지 못해 서버가 ${dir} 방향의 ${sizeKo(bytes)}를 빼고 보냈습니다. 그 뒤의 프레임은 보여 주지 않습니다.`,
				droppedPage: (dir: string, bytes: number) =>
					`화면이 멈추지 않도록 이 페이지가 ${dir} 방향의 ${sizeKo(bytes)}를 건너뛰었습니다. 그 뒤의 프레임은 보여 주지 않습니다.`,
				other: (dir: string, bytes: number, reason: OtherReason) =>
					`${dir} 방향의 ${sizeKo(bytes)}는 프레임이 아닙니다: ${otherKo[reason]}.`,
				stopped: (dir: string, offset: number, reason: OtherReason) =>
					`${dir} 방향은 ${k(offset)}번 바이트에서 프레임 읽기를 멈췄습니다: ${otherKo[reason]}.`,
				noZlib:
					'압축된 메시지(permessage-deflate)가 왔는데 압축 코드를 불러오지 못했습니다. 오프라인 상태인지 확인해 보세요. 연결은 그대로 이어지지만, 이 뒤의 프레임은 읽지 않습니다. 다시 시도하려면 페이지를 새로 고치세요.'
			}
		},
		tap: {
			heading: '어느 서버든 탭을 거쳐서',
			intro:
				'다른 곳에 있는 서버라면 브라우저는 바이트를 전혀 보여 주지 않습니다. 탭은 이 컴퓨터에서 둘 사이에 끼어들어, 모든 바이트를 그대로 전달하고(실제 서버를 가리키도록 Host 헤더만 바꿉니다) 프레임마다 터미널에 출력하며, 바이트를 이 페이지로도 흘려 보냅니다.',
			steps: [
				'터미널에서 실제 서버를 대상으로 탭을 띄웁니다:',
				'이 페이지를 실제 주소 대신 탭에 연결합니다:',
				'위의 실제 바이트 영역에 바이트가 나타나고, 터미널에도 양방향 프레임이 하나씩 출력됩니다.'
			],
			use: '탭 주소 쓰기',
			options: '옵션: --port N(기본 6456), --keep-host(요청을 한 글자도 바꾸지 않고 전달), --quiet(터미널 기록 끄기).'
		}
	}
});

const otherEn: Record<OtherReason, string> = {
	'not-http': 'they do not start with an HTTP handshake',
	'not-upgraded': 'the server did not switch protocols, so no frames follow',
	gap: 'bytes before them were left out, so frame boundaries are lost',
	undecodable: 'the frame decoder cannot go past the frame before them',
	'too-big': 'a frame too large to hold in the page'
};
const otherKo: Record<OtherReason, string> = {
	'not-http': 'HTTP 핸드셰이크로 시작하지 않습니다',
	'not-upgraded': '서버가 프로토콜을 전환하지 않았으므로 프레임이 이어지지 않습니다',
	gap: '앞의 바이트가 빠져서 프레임 경계를 알 수 없습니다',
	undecodable: '앞의 프레임을 디코더가 넘어갈 수 없습니다',
	'too-big': '페이지에 담기에는 너무 큰 프레임입니다'
};

export type LiveText = ReturnType<typeof liveText>;
