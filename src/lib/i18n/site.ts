// Interface text for the site chrome (header, footer, language and theme controls), the landing
// page and the placeholder section pages. Other features keep theirs in their own files.
import { defineMessages } from './lang';

export type Section = 'learn' | 'simulate' | 'decode' | 'live';
export const sections: readonly Section[] = ['learn', 'simulate', 'decode', 'live'];
export type ThemeChoice = 'system' | 'light' | 'dark';

export const siteText = defineMessages({
	en: {
		siteName: 'Frame by Frame',
		tagline: 'The WebSocket protocol, byte by byte',
		description:
			'Learn the WebSocket protocol (RFC 6455) by running it: lessons, a step-by-step simulator, a frame decoder and a live connection, byte by byte.',
		zlib: {
			loading: 'Loading the compression code (permessage-deflate)…',
			failed:
				'The compression code (permessage-deflate) could not be loaded: are you offline? Reload the page to try again.'
		},
		deferred: {
			loading: 'Loading this part of the page…',
			failed: 'This part of the page could not be loaded: are you offline?',
			retry: 'Try again'
		},
		skipToContent: 'Skip to content',
		home: 'Frame by Frame, home',
		navLabel: 'Main',
		nav: { learn: 'Learn', simulate: 'Simulate', decode: 'Decode', live: 'Live' } as Record<Section, string>,
		langLabel: 'Language',
		theme: {
			system: 'Theme: system',
			light: 'Theme: light',
			dark: 'Theme: dark',
			hint: 'Switch between system, light and dark'
		} as Record<ThemeChoice | 'hint', string>,
		footer: {
			before: 'Frame by Frame teaches WebSocket as specified in ',
			rfc: 'RFC 6455',
			after: ', one frame at a time.'
		},
		landing: {
			title: 'Frame by Frame: the WebSocket protocol, byte by byte',
			eyebrow: 'RFC 6455, explained',
			heading: 'See WebSocket, one byte at a time.',
			intro: [
				'WebSocket turns a single HTTP request into a long-lived, two-way connection between a browser and a server.',
				'After a short handshake, either side can send a message at any time, each one wrapped in a few bytes of framing.'
			],
			start: 'Start learning',
			tryDecoder: 'Decode a frame',
			offersHeading: 'Four ways in',
			cards: {
				learn: 'Short lessons that build the protocol up, from the opening handshake to the closing frame.',
				simulate: 'Step through a client and a server talking, and see every frame they exchange.',
				decode: 'Paste bytes from Wireshark or a hex dump and see what each field means.',
				live: 'Connect to a local echo server and watch real frames cross the wire.'
			} as Record<Section, string>,
			figure: {
				caption: 'A whole text frame: seven bytes carry “Hello”.',
				direction: 'server → browser',
				alt: 'The frame 81 05 48 65 6c 6c 6f. Byte 0x81: FIN is 1, RSV1 to RSV3 are 0, opcode 1 means text. Byte 0x05: MASK is 0, payload length is 5. Bytes 48 65 6c 6c 6f: the payload, the UTF-8 text “Hello”.',
				headerBytes: 'header',
				payloadBytes: 'payload',
				text: 'text',
				unmasked: 'unmasked',
				len: 'length 5'
			}
		},
		placeholder: {
			learn: 'Lessons that take you through the protocol, from handshake to close, are on their way.',
			simulate: 'A step-by-step simulator of a client and a server is on its way.',
			decode: 'A decoder that explains every byte of a frame is on its way.',
			live: 'A live view of frames on a real connection is on its way.'
		} as Record<Section, string>
	},
	ko: {
		siteName: 'Frame by Frame',
		tagline: '바이트 단위로 배우는 웹소켓 프로토콜',
		description:
			'웹소켓 프로토콜(RFC 6455)을 직접 돌려 보며 배웁니다. 레슨, 단계별 시뮬레이터, 프레임 디코더, 실시간 연결로 바이트 하나하나를 살펴보세요.',
		zlib: {
			loading: '압축 코드(permessage-deflate)를 불러오는 중입니다…',
			failed:
				'압축 코드(permessage-deflate)를 불러오지 못했습니다. 오프라인 상태인지 확인한 뒤 페이지를 새로 고쳐 다시 시도하세요.'
		},
		deferred: {
			loading: '이 부분을 불러오는 중입니다…',
			failed: '이 부분을 불러오지 못했습니다. 오프라인 상태인지 확인해 보세요.',
			retry: '다시 시도'
		},
		skipToContent: '본문으로 건너뛰기',
		home: 'Frame by Frame 홈',
		navLabel: '주 메뉴',
		nav: { learn: '배우기', simulate: '시뮬레이터', decode: '디코더', live: '라이브' },
		langLabel: '언어',
		theme: {
			system: '테마: 시스템 설정',
			light: '테마: 라이트',
			dark: '테마: 다크',
			hint: '시스템 설정, 라이트, 다크 테마를 차례로 바꿉니다'
		},
		footer: {
			before: 'Frame by Frame은 ',
			rfc: 'RFC 6455',
			after: '에 정의된 웹소켓을 프레임 하나하나 짚어 가며 설명합니다.'
		},
		landing: {
			title: 'Frame by Frame: 바이트 단위로 배우는 웹소켓 프로토콜',
			eyebrow: 'RFC 6455 풀어 보기',
			heading: '웹소켓을 바이트 하나하나 들여다보세요.',
			intro: [
				'웹소켓은 HTTP 요청 한 번으로 브라우저와 서버 사이에 오래 유지되는 양방향 연결을 여는 프로토콜입니다.',
				'짧은 핸드셰이크가 끝나면 양쪽 모두 언제든 메시지를 보낼 수 있고, 각 메시지는 몇 바이트짜리 프레임 헤더에 감싸여 오갑니다.'
			],
			start: '배우기 시작',
			tryDecoder: '프레임 디코딩해 보기',
			offersHeading: '네 가지 방법으로 살펴보기',
			cards: {
				learn: '여는 핸드셰이크부터 닫는 프레임까지, 짧은 레슨으로 프로토콜을 차근차근 쌓아 갑니다.',
				simulate: '클라이언트와 서버가 대화하는 과정을 한 단계씩 넘기며 주고받는 프레임을 모두 확인합니다.',
				decode: 'Wireshark나 헥스 덤프에서 복사한 바이트를 붙여 넣으면 필드마다 뜻을 풀어 줍니다.',
				live: '로컬 에코 서버에 접속해 실제 프레임이 오가는 모습을 지켜봅니다.'
			},
			figure: {
				caption: '텍스트 프레임 하나: 7바이트에 “Hello”가 담겨 있습니다.',
				direction: '서버 → 브라우저',
				alt: '프레임 81 05 48 65 6c 6c 6f. 첫 바이트 0x81: FIN은 1, RSV1부터 RSV3은 0, opcode 1은 텍스트를 뜻합니다. 둘째 바이트 0x05: MASK는 0, 페이로드 길이는 5입니다. 48 65 6c 6c 6f: 페이로드, UTF-8 텍스트 “Hello”입니다.',
				headerBytes: '헤더',
				payloadBytes: '페이로드',
				text: '텍스트',
				unmasked: '마스킹 없음',
				len: '길이 5'
			}
		},
		placeholder: {
			learn: '핸드셰이크부터 연결 종료까지 프로토콜을 따라가는 레슨을 준비하고 있습니다.',
			simulate: '클라이언트와 서버를 한 단계씩 따라가는 시뮬레이터를 준비하고 있습니다.',
			decode: '프레임의 바이트 하나하나를 풀이해 주는 디코더를 준비하고 있습니다.',
			live: '실제 연결에서 오가는 프레임을 실시간으로 보여 주는 화면을 준비하고 있습니다.'
		}
	}
});

/** A page's <title>: `Decode · Frame by Frame`. */
export function pageTitle(name: string): string {
	return `${name} · Frame by Frame`;
}
