// Capture and HAR files: opening them in the decoder (the file, its streams, a stream as a
// conversation) and saving a session as a .pcapng (for Wireshark) or a .har (the browser's devtools).
// The readers in src/lib/capture return codes and numbers; every word about them is here.
import type { CaptureIssue } from '$lib/capture/file';
import type { HarIssue } from '$lib/capture/har';
import type { ReassemblyNote } from '$lib/capture/tcp-stream';
import type { StreamKind } from '$lib/decode/capture';
import { defineMessages, type Lang } from './lang';

const enNumber = new Intl.NumberFormat('en-US');
const koNumber = new Intl.NumberFormat('ko-KR');
const n = (v: number) => enNumber.format(v);
const k = (v: number) => koNumber.format(v);
const hex8 = (v: number) => `0x${v.toString(16).padStart(8, '0')}`;
const bytes = (v: number) =>
	v >= 1024 * 1024
		? `${(v / 1024 / 1024).toFixed(1)} MiB`
		: v >= 10 * 1024
			? `${Math.round(v / 1024)} KiB`
			: `${n(v)} B`;

type CaptureIssueWords = {
	readonly [C in CaptureIssue['code']]: (p: Extract<CaptureIssue, { code: C }>['params'], at: number) => string;
};
type HarIssueWords = { readonly [C in HarIssue['code']]: (p: Extract<HarIssue, { code: C }>['params']) => string };
type NoteWords = { readonly [K in ReassemblyNote['kind']]: (p: Extract<ReassemblyNote, { kind: K }>) => string };

export const captureText = defineMessages({
	en: {
		open: {
			reading: (name: string) => `Reading ${name}…`,
			phases: { reading: 'Reading packets', streams: 'Putting TCP streams together' },
			progress: (done: number, total: number) => `${bytes(done)} of ${bytes(total)}`,
			close: 'Close the file',
			failed: (name: string, detail: string) =>
				`${name} could not be read: ${detail}. This is a bug in the page; the rest of the page still works.`
		},
		file: {
			heading: (name: string) => `File: ${name}`,
			formats: { pcap: 'pcap (microseconds)', 'pcap-ns': 'pcap (nanoseconds)', pcapng: 'pcapng' } as Record<
				string,
				string
			>,
			summary: (format: string, packets: number, streams: number, size: number) =>
				`${format}, ${bytes(size)}: ${n(packets)} packets, ${n(streams)} TCP ${streams === 1 ? 'connection' : 'connections'}.`,
			harSummary: (streams: number, size: number) =>
				`HAR, ${bytes(size)}: ${n(streams)} WebSocket ${streams === 1 ? 'connection' : 'connections'}.`,
			sections: (count: number) => `${n(count)} sections (each with its own interfaces and byte order).`,
			skipped: (count: number, reason: string) =>
				`${n(count)} ${count === 1 ? 'packet' : 'packets'} skipped: ${reason}.`,
			skipReasons: {
				'link-type': 'a link type this page does not read',
				'not-ip': 'not IP (ARP and the like)',
				'not-tcp': 'not TCP (UDP, ICMP…)',
				'ip-fragment': 'IP fragments',
				truncated: 'cut too short to hold a TCP header',
				'bad-header': 'an IP or TCP header that makes no sense'
			} as Record<string, string>,
			unknown: (start: string) =>
				`This file is not a capture (pcap or pcapng) nor a HAR: it starts with ${start}. A pcap file starts with d4 c3 b2 a1 (or a1 b2 c3 d4), a pcapng file with 0a 0d 0d 0a, a HAR with {. To read its bytes as frames, paste them as hex above.`,
			keptBefore: 'Everything read before this problem is shown below.',
			issues: {
				'too-short': (p) => `The file is ${n(p.length)} bytes long: too short to be a capture.`,
				'unknown-magic': (p) => `The file starts with ${hex8(p.magic)}, which is no capture format's magic number.`,
				truncated: (p, at) =>
					`The file ends early: at byte ${n(at)} a record needs ${n(p.needed)} bytes but only ${n(p.left)} are left (the capture was cut short, or the download is incomplete).`,
				'bad-block-length': (p, at) =>
					`At byte ${n(at)} a block says it is ${n(p.length)} bytes long: a pcapng block is a multiple of 4 and at least 12 bytes. Reading stops there.`,
				'bad-trailing-length': (p, at) =>
					`At byte ${n(at)} a block ends with length ${n(p.trailing)}, but it began with ${n(p.length)}: the file is damaged there. Reading stops there.`,
				'bad-byte-order-magic': (p, at) =>
					`At byte ${n(at)} a section header has byte-order magic ${hex8(p.magic)} instead of 0x1a2b3c4d.`,
				'block-before-section': (p, at) =>
					`At byte ${n(at)} a block (type ${hex8(p.type)}) comes before any section header.`,
				'unknown-interface': (p, at) =>
					`At byte ${n(at)} a packet names interface ${n(p.id)}, but its section describes ${n(p.count)}. The packet is skipped.`,
				'captured-past-block': (p, at) =>
					`At byte ${n(at)} a packet says ${n(p.captured)} bytes were captured, but its block has room for ${n(p.room)}. The packet is read up to its block's end.`,
				'record-too-large': (p, at) =>
					`At byte ${n(at)} a packet record says it is ${n(p.length)} bytes long, more than any capture writes (${bytes(p.limit)}). Reading stops there.`
			} satisfies CaptureIssueWords as CaptureIssueWords
		},
		har: {
			note: 'A HAR holds the messages the page sent and received, not the frames: no pings or pongs, no fragments, no compression, no close frame. Each message is shown as the single frame that would carry it: a sent one masked with a key this page drew (the browser’s own keys are not in the HAR), a received one unmasked.',
			issues: {
				'not-json': (p) => `This file is not JSON, so it is not a HAR: ${p.detail}.`,
				'not-har': () => 'This JSON file has no log.entries: it is not a HAR.',
				'no-websocket': (p) =>
					`This HAR has ${n(p.entries)} entries but no WebSocket among them. In the browser’s devtools, open the Network pane before the page connects, then save all as HAR.`,
				'bad-message': (p) =>
					`Entry ${n(p.entry)}, message ${n(p.message + 1)} could not be read (a type, an opcode or data that is not a HAR’s) and is left out.`
			} satisfies HarIssueWords as HarIssueWords
		},
		streams: {
			heading: 'Connections',
			none: 'There is no TCP connection in this file.',
			caption: 'Every TCP connection in the file. Choose one to read it.',
			harCaption: 'Every WebSocket in the HAR. Choose one to read it.',
			columns: {
				stream: '#',
				endpoints: 'Client → server',
				time: 'Time',
				up: 'To server',
				down: 'To client',
				kind: 'What it is',
				messages: 'Messages',
				url: 'Address'
			},
			show: (id: number) => `Read connection ${id}`,
			guessed: 'The SYN is not in the capture: the client is the side that sent the HTTP request, or the first packet.',
			duration: (seconds: string) => `${seconds} s`,
			size: (v: number) => bytes(v),
			gaps: (count: number) => `${n(count)} ${count === 1 ? 'hole' : 'holes'}`,
			messages: (count: number) => `${n(count)} ${count === 1 ? 'message' : 'messages'}`,
			kinds: {
				websocket: 'WebSocket',
				'websocket-frames': 'WebSocket frames (no handshake)',
				tls: 'TLS (encrypted)',
				http: 'HTTP',
				other: 'Other'
			} satisfies Record<StreamKind, string> as Record<StreamKind, string>,
			explain: {
				websocket: 'An HTTP request to upgrade, answered 101 Switching Protocols, then frames (RFC 6455 §4).',
				'websocket-frames':
					'The capture starts after the handshake, but the bytes read as frames: masked towards the server, unmasked towards the client (RFC 6455 §5.1). Without the handshake, permessage-deflate is inferred from RSV1.',
				tls: 'The bytes are encrypted (TLS, as for wss://): a capture of the network cannot show the frames inside. To see them: run the project’s tap between your client and the server (npm run tap), connect through live mode (the project’s local server shows its true bytes), or use the browser’s own devtools, which show the messages after decryption. Wireshark can also decrypt with the keys a browser writes to SSLKEYLOGFILE.',
				http: 'An HTTP exchange that is not a WebSocket upgrade.',
				other: 'Neither HTTP nor WebSocket frames.'
			} satisfies Record<StreamKind, string> as Record<StreamKind, string>
		},
		talk: {
			heading: (id: number) => `Connection ${id}`,
			caption: 'Both directions in the order they were captured. Open a frame to see every field.',
			client: 'Client',
			server: 'Server',
			toServer: 'client → server',
			toClient: 'server → client',
			packet: (index: number) => `packet ${n(index + 1)}`,
			message: (index: number) => `message ${n(index - 1)}`,
			at: (seconds: string) => `+${seconds} s`,
			request: 'HTTP request',
			response: 'HTTP response',
			noFrames: 'Nothing in this connection reads as WebSocket frames.',
			notWebSocket:
				'This connection is not WebSocket: each packet’s bytes are shown as they are, never read as frames.',
			frameBytes: (length: number) => `${n(length)} ${length === 1 ? 'byte' : 'bytes'}`,
			notFinal: 'not final (FIN 0)',
			compressed: 'compressed',
			incomplete: (missing: number) => `incomplete: ${n(missing)} bytes missing`,
			problems: (count: number) => `${n(count)} ${count === 1 ? 'problem' : 'problems'}`,
			gap: (length: number, cause: 'not-captured' | 'snaplen', at: number, after: 'resumed' | 'lost' | 'end') =>
				`${n(length)} bytes not captured at stream byte ${n(at)}: ${
					cause === 'snaplen'
						? 'the capture kept only the start of each packet (its snapshot length).'
						: 'the capture missed them.'
				}${
					after === 'resumed'
						? ' Reading starts again below, where frames are found.'
						: after === 'lost'
							? cause === 'snaplen'
								? ' Frames are not looked for in the bytes after it: they would be cut too.'
								: ' No frame could be found again for certain after it, so the bytes up to the next hole are not read.'
							: ''
				}`,
			resumed: (offset: number, skipped: number) =>
				`Reading again from stream byte ${n(offset)}, where frames read cleanly${
					skipped > 0 ? `; the ${n(skipped)} bytes before it belong to a frame whose start was not captured` : ''
				}. Frames are numbered from 1 again.`,
			notes: {
				retransmission: (p) =>
					`Retransmission of ${n(p.length)} bytes already received (stream byte ${n(p.offset)}): dropped.`,
				'retransmission-differs': (p) =>
					`Retransmission of ${n(p.length)} bytes (stream byte ${n(p.offset)}) whose bytes differ from the first copy: the first copy is kept, as the receiver did.`,
				'overlap-trimmed': (p) =>
					`${n(p.length)} bytes at stream byte ${n(p.offset)} were already received: trimmed${p.differs ? ' (they differ from the first copy, which is kept)' : ''}.`,
				'out-of-order': (p) =>
					`Arrived before packet ${n(p.after + 1)}, whose bytes come first: ${n(p.length)} bytes put back in their place (stream byte ${n(p.offset)}).`
			} satisfies NoteWords as NoteWords,
			save: 'Save this connection',
			showMore: (count: number) => `Show ${n(count)} more`
		},
		handshakeMade:
			'Opening handshake made by the engines for this file: the scenario starts with the connection already open.',
		fileComment: (scenario: string) => `Frame by Frame simulator, scenario “${scenario}”.`,
		handshakeAdded:
			'Opening handshake made by the engines for this file: the bytes it was saved from do not include one.',
		captureComment: (file: string, connection: number) =>
			`Frame by Frame decoder: connection ${connection} of ${file}, as captured up to its first hole.`,
		pasteComment: 'Frame by Frame decoder: pasted bytes.',
		liveComment: (url: string) => `Frame by Frame live mode: a connection to ${url}.`,
		liveMessagesOnly:
			'Made from the messages the page sent and received (the server did not send its true bytes): each as one frame, the sent ones masked with the key the page drew.'
	},
	ko: {
		open: {
			reading: (name: string) => `${name} 읽는 중…`,
			phases: { reading: '패킷 읽는 중', streams: 'TCP 스트림 재조립 중' },
			progress: (done: number, total: number) => `${bytes(total)} 중 ${bytes(done)}`,
			close: '파일 닫기',
			failed: (name: string, detail: string) =>
				`${name} 파일을 읽지 못했습니다: ${detail}. 페이지의 버그입니다. 페이지의 나머지 기능은 그대로 쓸 수 있습니다.`
		},
		file: {
			heading: (name: string) => `파일: ${name}`,
			formats: { pcap: 'pcap(마이크로초)', 'pcap-ns': 'pcap(나노초)', pcapng: 'pcapng' },
			summary: (format: string, packets: number, streams: number, size: number) =>
				`${format}, ${bytes(size)}: 패킷 ${k(packets)}개, TCP 연결 ${k(streams)}개.`,
			harSummary: (streams: number, size: number) => `HAR, ${bytes(size)}: WebSocket 연결 ${k(streams)}개.`,
			sections: (count: number) => `섹션 ${k(count)}개(섹션마다 인터페이스와 바이트 순서가 따로 있습니다).`,
			skipped: (count: number, reason: string) => `패킷 ${k(count)}개는 건너뛰었습니다: ${reason}.`,
			skipReasons: {
				'link-type': '이 페이지가 읽지 않는 링크 유형',
				'not-ip': 'IP가 아님(ARP 등)',
				'not-tcp': 'TCP가 아님(UDP, ICMP 등)',
				'ip-fragment': 'IP 조각',
				truncated: 'TCP 헤더가 들어가기에 너무 짧게 잘림',
				'bad-header': '말이 되지 않는 IP 또는 TCP 헤더'
			},
			unknown: (start: string) =>
				`이 파일은 캡처(pcap, pcapng)도 HAR도 아닙니다. 시작 바이트가 ${start}입니다. pcap 파일은 d4 c3 b2 a1(또는 a1 b2 c3 d4)로, pcapng 파일은 0a 0d 0d 0a로, HAR는 {로 시작합니다. 이 바이트를 프레임으로 읽으려면 위에 16진수로 붙여 넣으세요.`,
			keptBefore: '이 문제 앞까지 읽은 내용은 모두 아래에 보여 줍니다.',
			issues: {
				'too-short': (p) => `파일 길이가 ${k(p.length)}바이트로, 캡처 파일이라기엔 너무 짧습니다.`,
				'unknown-magic': (p) => `파일이 ${hex8(p.magic)}로 시작하는데, 어떤 캡처 형식의 매직 넘버도 아닙니다.`,
				truncated: (p, at) =>
					`파일이 일찍 끝납니다. ${k(at)}번째 바이트의 레코드에 ${k(p.needed)}바이트가 필요한데 ${k(p.left)}바이트만 남아 있습니다(캡처가 중간에 끊겼거나 내려받기가 덜 끝났습니다).`,
				'bad-block-length': (p, at) =>
					`${k(at)}번째 바이트의 블록 길이가 ${k(p.length)}바이트입니다. pcapng 블록 길이는 4의 배수이고 12바이트 이상이어야 합니다. 여기서 읽기를 멈춥니다.`,
				'bad-trailing-length': (p, at) =>
					`${k(at)}번째 바이트에서 끝나는 블록의 끝 길이는 ${k(p.trailing)}인데 시작 길이는 ${k(p.length)}입니다. 파일이 여기서 손상되었습니다. 여기서 읽기를 멈춥니다.`,
				'bad-byte-order-magic': (p, at) =>
					`${k(at)}번째 바이트의 섹션 헤더에 바이트 순서 매직이 0x1a2b3c4d가 아니라 ${hex8(p.magic)}입니다.`,
				'block-before-section': (p, at) =>
					`${k(at)}번째 바이트의 블록(유형 ${hex8(p.type)})이 섹션 헤더보다 먼저 나옵니다.`,
				'unknown-interface': (p, at) =>
					`${k(at)}번째 바이트의 패킷은 인터페이스 ${k(p.id)}번을 가리키지만, 섹션에는 인터페이스가 ${k(p.count)}개뿐입니다. 이 패킷은 건너뜁니다.`,
				'captured-past-block': (p, at) =>
					`${k(at)}번째 바이트의 패킷은 ${k(p.captured)}바이트를 캡처했다고 하지만 블록에는 ${k(p.room)}바이트 자리만 있습니다. 블록 끝까지만 읽습니다.`,
				'record-too-large': (p, at) =>
					`${k(at)}번째 바이트의 패킷 레코드 길이가 ${k(p.length)}바이트로, 어떤 캡처 도구도 쓰지 않는 크기(${bytes(p.limit)} 초과)입니다. 여기서 읽기를 멈춥니다.`
			} satisfies CaptureIssueWords as CaptureIssueWords
		},
		har: {
			note: 'HAR에는 페이지가 보내고 받은 메시지만 있고 프레임은 없습니다. 핑과 퐁, 조각, 압축, 닫기 프레임이 없습니다. 그래서 각 메시지를 그 메시지를 통째로 담는 프레임 하나로 보여 줍니다. 보낸 메시지는 이 페이지가 뽑은 키로 마스킹하고(브라우저가 실제로 쓴 키는 HAR에 없습니다), 받은 메시지는 마스킹하지 않습니다.',
			issues: {
				'not-json': (p) => `이 파일은 JSON이 아니므로 HAR가 아닙니다: ${p.detail}.`,
				'not-har': () => '이 JSON 파일에는 log.entries가 없습니다. HAR가 아닙니다.',
				'no-websocket': (p) =>
					`이 HAR에는 항목이 ${k(p.entries)}개 있지만 WebSocket은 없습니다. 브라우저 개발자 도구에서 페이지가 연결하기 전에 네트워크 패널을 연 다음, 모두 HAR로 저장하세요.`,
				'bad-message': (p) =>
					`${k(p.entry)}번 항목의 ${k(p.message + 1)}번째 메시지를 읽지 못해(HAR 형식이 아닌 type, opcode, data) 빼고 보여 줍니다.`
			} satisfies HarIssueWords as HarIssueWords
		},
		streams: {
			heading: '연결',
			none: '이 파일에는 TCP 연결이 없습니다.',
			caption: '파일에 있는 모든 TCP 연결입니다. 하나를 골라 읽어 보세요.',
			harCaption: 'HAR에 있는 모든 WebSocket입니다. 하나를 골라 읽어 보세요.',
			columns: {
				stream: '#',
				endpoints: '클라이언트 → 서버',
				time: '시간',
				up: '서버로',
				down: '클라이언트로',
				kind: '종류',
				messages: '메시지',
				url: '주소'
			},
			show: (id: number) => `${k(id)}번 연결 읽기`,
			guessed: '캡처에 SYN이 없습니다. HTTP 요청을 보낸 쪽(없으면 첫 패킷을 보낸 쪽)을 클라이언트로 봅니다.',
			duration: (seconds: string) => `${seconds}초`,
			size: (v: number) => bytes(v),
			gaps: (count: number) => `빈 곳 ${k(count)}개`,
			messages: (count: number) => `메시지 ${k(count)}개`,
			kinds: {
				websocket: 'WebSocket',
				'websocket-frames': 'WebSocket 프레임(핸드셰이크 없음)',
				tls: 'TLS(암호화됨)',
				http: 'HTTP',
				other: '기타'
			},
			explain: {
				websocket:
					'업그레이드를 요청하는 HTTP 요청에 101 Switching Protocols로 답한 뒤 프레임이 오갑니다(RFC 6455 §4).',
				'websocket-frames':
					'캡처가 핸드셰이크 뒤부터 시작하지만, 바이트가 프레임으로 읽힙니다. 서버로 가는 쪽은 마스킹되어 있고 클라이언트로 가는 쪽은 마스킹되어 있지 않습니다(RFC 6455 §5.1). 핸드셰이크가 없으므로 permessage-deflate는 RSV1로 짐작합니다.',
				tls: '바이트가 암호화되어 있습니다(wss://처럼 TLS). 네트워크 캡처로는 안에 든 프레임을 볼 수 없습니다. 보려면 클라이언트와 서버 사이에 이 프로젝트의 탭을 두거나(npm run tap), 라이브 모드로 연결하거나(프로젝트의 로컬 서버가 실제 바이트를 보여 줍니다), 복호화된 메시지를 보여 주는 브라우저 개발자 도구를 쓰세요. 브라우저가 SSLKEYLOGFILE에 적는 키가 있으면 Wireshark도 복호화할 수 있습니다.',
				http: 'WebSocket 업그레이드가 아닌 HTTP 요청과 응답입니다.',
				other: 'HTTP도 WebSocket 프레임도 아닙니다.'
			}
		},
		talk: {
			heading: (id: number) => `${k(id)}번 연결`,
			caption: '양쪽 방향을 캡처된 순서대로 보여 줍니다. 프레임을 펼치면 모든 필드를 볼 수 있습니다.',
			client: '클라이언트',
			server: '서버',
			toServer: '클라이언트 → 서버',
			toClient: '서버 → 클라이언트',
			packet: (index: number) => `패킷 ${k(index + 1)}`,
			message: (index: number) => `메시지 ${k(index - 1)}`,
			at: (seconds: string) => `+${seconds}초`,
			request: 'HTTP 요청',
			response: 'HTTP 응답',
			noFrames: '이 연결에는 WebSocket 프레임으로 읽히는 것이 없습니다.',
			notWebSocket:
				'이 연결은 WebSocket이 아닙니다. 패킷마다 바이트를 있는 그대로 보여 주고, 프레임으로 읽지 않습니다.',
			frameBytes: (length: number) => `${k(length)}바이트`,
			notFinal: '마지막 조각 아님(FIN 0)',
			compressed: '압축됨',
			incomplete: (missing: number) => `불완전: ${k(missing)}바이트 모자람`,
			problems: (count: number) => `문제 ${k(count)}개`,
			gap: (length: number, cause: 'not-captured' | 'snaplen', at: number, after: 'resumed' | 'lost' | 'end') =>
				`스트림 ${k(at)}번째 바이트부터 ${k(length)}바이트가 캡처되지 않았습니다. ${
					cause === 'snaplen' ? '캡처가 패킷마다 앞부분만 남겼습니다(스냅샷 길이).' : '캡처가 놓친 바이트입니다.'
				}${
					after === 'resumed'
						? ' 아래에서 프레임이 다시 보이는 곳부터 읽습니다.'
						: after === 'lost'
							? cause === 'snaplen'
								? ' 그 뒤의 바이트에서는 프레임을 찾지 않습니다. 프레임도 잘려 있을 것이기 때문입니다.'
								: ' 그 뒤에서 프레임 시작을 확실히 다시 찾지 못해, 다음 빈 곳까지의 바이트는 읽지 않습니다.'
							: ''
				}`,
			resumed: (offset: number, skipped: number) =>
				`스트림 ${k(offset)}번째 바이트부터 다시 읽습니다. 여기서부터 프레임이 깨끗하게 읽힙니다${
					skipped > 0 ? `. 그 앞의 ${k(skipped)}바이트는 시작 부분이 캡처되지 않은 프레임의 일부입니다` : ''
				}. 프레임 번호는 다시 1부터 셉니다.`,
			notes: {
				retransmission: (p) =>
					`이미 받은 ${k(p.length)}바이트(스트림 ${k(p.offset)}번째 바이트)의 재전송이라 버렸습니다.`,
				'retransmission-differs': (p) =>
					`${k(p.length)}바이트(스트림 ${k(p.offset)}번째 바이트)의 재전송인데 처음 받은 바이트와 다릅니다. 수신 측처럼 처음 받은 것을 남깁니다.`,
				'overlap-trimmed': (p) =>
					`스트림 ${k(p.offset)}번째 바이트부터 ${k(p.length)}바이트는 이미 받은 것이라 잘라 냈습니다${p.differs ? '(처음 받은 바이트와 달라서 처음 것을 남깁니다)' : ''}.`,
				'out-of-order': (p) =>
					`앞서 와야 할 패킷 ${k(p.after + 1)}보다 먼저 도착했습니다. ${k(p.length)}바이트를 제자리(스트림 ${k(p.offset)}번째 바이트)에 돌려놓았습니다.`
			} satisfies NoteWords as NoteWords,
			save: '이 연결 저장',
			showMore: (count: number) => `${k(count)}개 더 보기`
		},
		handshakeMade:
			'이 파일을 위해 엔진이 만든 여는 핸드셰이크입니다. 이 시나리오는 연결이 이미 열린 상태에서 시작합니다.',
		fileComment: (scenario: string) => `Frame by Frame 시뮬레이터, “${scenario}” 시나리오.`,
		handshakeAdded: '이 파일을 위해 엔진이 만든 여는 핸드셰이크입니다. 저장한 바이트에는 핸드셰이크가 없습니다.',
		captureComment: (file: string, connection: number) =>
			`Frame by Frame 디코더: ${file}의 ${connection}번 연결(처음 빈 곳 앞까지 캡처된 그대로).`,
		pasteComment: 'Frame by Frame 디코더: 붙여 넣은 바이트.',
		liveComment: (url: string) => `Frame by Frame 라이브 모드: ${url} 연결.`,
		liveMessagesOnly:
			'페이지가 보내고 받은 메시지로 만든 파일입니다(서버가 실제 바이트를 보내 주지 않았습니다). 메시지마다 프레임 하나로, 보낸 메시지는 페이지가 뽑은 키로 마스킹했습니다.'
	}
});

/** A capture file's problem, worded. */
export function captureIssueText(issue: CaptureIssue, lang: Lang): string {
	const words = captureText(lang).file.issues[issue.code] as (p: CaptureIssue['params'], at: number) => string;
	return words(issue.params, issue.offset);
}

/** A HAR file's problem, worded. */
export function harIssueText(issue: HarIssue, lang: Lang): string {
	return (captureText(lang).har.issues[issue.code] as (p: HarIssue['params']) => string)(issue.params);
}

/** What TCP reassembly fixed, worded. */
export function reassemblyNoteText(note: ReassemblyNote, lang: Lang): string {
	return (captureText(lang).talk.notes[note.kind] as (p: ReassemblyNote) => string)(note);
}
