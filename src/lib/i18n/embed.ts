// Interface text for lesson widgets, embeds (/embed/...), the embed-code button, diagram export
// and the frame layout diagram (RFC 6455 §5.2).
import { defineMessages } from './lang';

export type LayoutField =
	'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'mask' | 'len' | 'extlen' | 'maskkey' | 'payload';

export const embedText = defineMessages({
	en: {
		siteName: 'Frame by Frame',
		fullPage: 'Frame by Frame',
		fullPageHint: 'opens the full page in a new tab',
		openInSimulator: 'Open in the simulator',
		openInDecoder: 'Open in the decoder',
		captions: {
			frameLayout: 'The base framing protocol: every WebSocket frame follows this layout (RFC 6455 §5.2).',
			decode: (hex: string) => `The frame ${hex}, decoded field by field.`,
			mask: (text: string, key: string) => `Masking “${text}” with the key ${key} (RFC 6455 §5.3).`,
			accept: (key: string) => `Computing Sec-WebSocket-Accept for the key ${key} (RFC 6455 §4.2.2).`,
			simulate: (name: string, step: number) => `The scenario “${name}”, from step ${step}. Step through it.`,
			sequence: (name: string) => `The scenario “${name}” as a sequence diagram.`
		},
		titles: {
			'frame-layout': 'WebSocket frame layout',
			decode: 'Decoded WebSocket frame',
			mask: 'WebSocket masking',
			accept: 'Sec-WebSocket-Accept computation',
			simulate: 'WebSocket scenario',
			sequence: 'WebSocket sequence diagram'
		} as Record<string, string>,
		unknownScenario: (id: string) =>
			`There is no scenario “${id}” in the simulator yet, so this diagram cannot be shown.`,
		badHex: (why: string) => `These bytes cannot be read: ${why}`,
		noFrames: 'These bytes hold no frame.',
		badMask: (why: string) => `This masking key cannot be used: ${why}`,
		badKey: (why: string) => `This key cannot be used: ${why}`,
		copyEmbed: 'Copy embed code',
		copied: 'Embed code copied.',
		copyFailed: 'Copying is blocked here: the code is selected, press Ctrl+C (⌘C) to copy it.',
		embedCodeLabel: 'Embed code',
		exportSvg: 'Download SVG',
		exportPng: 'Download PNG',
		exported: (name: string) => `Saved ${name}.`,
		exportFailed: 'The picture could not be made in this browser.',
		layout: {
			label:
				'The WebSocket frame layout, 32 bits per row, as in RFC 6455 §5.2. Each field can be focused for its explanation.',
			bit: 'bit',
			bits: (n: number) => (n === 1 ? '1 bit' : `${n} bits`),
			range: (a: number, b: number) => (a === b ? `bit ${a}` : `bits ${a}–${b}`),
			prompt: 'Point at a field, or tab to it, to see what it means.',
			textVersion: 'The layout as a table',
			colField: 'Field',
			colBits: 'Bits',
			colMeaning: 'Meaning',
			names: {
				fin: 'FIN',
				rsv1: 'RSV1',
				rsv2: 'RSV2',
				rsv3: 'RSV3',
				opcode: 'opcode',
				mask: 'MASK',
				len: 'Payload len',
				extlen: 'Extended payload length',
				maskkey: 'Masking-key',
				payload: 'Payload data'
			} as Record<LayoutField, string>,
			sizes: {
				fin: '1 bit',
				rsv1: '1 bit',
				rsv2: '1 bit',
				rsv3: '1 bit',
				opcode: '4 bits',
				mask: '1 bit',
				len: '7 bits',
				extlen: '0, 16 or 64 bits',
				maskkey: '0 or 32 bits',
				payload: 'the rest'
			} as Record<LayoutField, string>,
			meanings: {
				fin: '1 when this is the final frame of a message; 0 when more fragments follow (§5.4).',
				rsv1: 'Reserved for extensions. Must be 0 unless an extension says otherwise; permessage-deflate uses it to mark a compressed message (RFC 7692).',
				rsv2: 'Reserved for extensions. Must be 0 unless a negotiated extension defines it; otherwise the receiver fails the connection.',
				rsv3: 'Reserved for extensions. Must be 0 unless a negotiated extension defines it; otherwise the receiver fails the connection.',
				opcode:
					'What the frame is: 0x0 continuation, 0x1 text, 0x2 binary, 0x8 close, 0x9 ping, 0xA pong. Other values are reserved.',
				mask: '1 when the payload is masked. Every frame from client to server is masked; frames from the server never are (§5.1).',
				len: 'The payload length: 0–125 is the length itself; 126 means the next 16 bits hold it; 127 means the next 64 bits do.',
				extlen:
					'Present only when Payload len is 126 (16 bits) or 127 (64 bits, most significant bit 0), in network byte order. The shortest form must be used.',
				maskkey:
					'Present only when MASK is 1: four bytes the client picks at random for each frame. Payload byte i is XORed with key byte i mod 4 (§5.3).',
				payload: 'Extension data followed by application data: the message bytes (UTF-8 for text), masked if MASK is 1.'
			} as Record<LayoutField, string>
		}
	},
	ko: {
		siteName: 'Frame by Frame',
		fullPage: 'Frame by Frame',
		fullPageHint: '새 탭에서 전체 페이지 열기',
		openInSimulator: '시뮬레이터에서 열기',
		openInDecoder: '디코더에서 열기',
		captions: {
			frameLayout: '기본 프레이밍 프로토콜: 모든 웹소켓 프레임은 이 배치를 따릅니다(RFC 6455 §5.2).',
			decode: (hex: string) => `프레임 ${hex}를 필드별로 해석한 모습입니다.`,
			mask: (text: string, key: string) => `“${text}”를 키 ${key}로 마스킹합니다(RFC 6455 §5.3).`,
			accept: (key: string) => `키 ${key}로 Sec-WebSocket-Accept를 계산합니다(RFC 6455 §4.2.2).`,
			simulate: (name: string, step: number) => `“${name}” 시나리오의 ${step}단계부터입니다. 한 단계씩 넘겨 보세요.`,
			sequence: (name: string) => `“${name}” 시나리오를 시퀀스 다이어그램으로 나타냈습니다.`
		},
		titles: {
			'frame-layout': '웹소켓 프레임 구조',
			decode: '해석한 웹소켓 프레임',
			mask: '웹소켓 마스킹',
			accept: 'Sec-WebSocket-Accept 계산',
			simulate: '웹소켓 시나리오',
			sequence: '웹소켓 시퀀스 다이어그램'
		},
		unknownScenario: (id) => `시뮬레이터에 아직 “${id}” 시나리오가 없어서 이 그림을 보여 드릴 수 없습니다.`,
		badHex: (why) => `이 바이트를 읽을 수 없습니다: ${why}`,
		noFrames: '이 바이트에는 프레임이 없습니다.',
		badMask: (why) => `이 마스킹 키는 쓸 수 없습니다: ${why}`,
		badKey: (why) => `이 키는 쓸 수 없습니다: ${why}`,
		copyEmbed: '임베드 코드 복사',
		copied: '임베드 코드를 복사했습니다.',
		copyFailed: '여기서는 복사가 막혀 있습니다. 코드를 선택해 두었으니 Ctrl+C(⌘C)를 눌러 복사하세요.',
		embedCodeLabel: '임베드 코드',
		exportSvg: 'SVG 내려받기',
		exportPng: 'PNG 내려받기',
		exported: (name) => `${name} 파일을 저장했습니다.`,
		exportFailed: '이 브라우저에서는 그림을 만들 수 없습니다.',
		layout: {
			label:
				'RFC 6455 §5.2처럼 한 줄에 32비트씩 나타낸 웹소켓 프레임 구조입니다. 각 필드에 초점을 두면 설명이 나옵니다.',
			bit: '비트',
			bits: (n) => `${n}비트`,
			range: (a, b) => (a === b ? `${a}번 비트` : `${a}–${b}번 비트`),
			prompt: '필드를 가리키거나 Tab 키로 옮겨 가면 뜻이 나옵니다.',
			textVersion: '표로 보는 프레임 구조',
			colField: '필드',
			colBits: '비트',
			colMeaning: '뜻',
			names: {
				fin: 'FIN',
				rsv1: 'RSV1',
				rsv2: 'RSV2',
				rsv3: 'RSV3',
				opcode: 'opcode',
				mask: 'MASK',
				len: 'Payload len',
				extlen: '확장 페이로드 길이',
				maskkey: '마스킹 키',
				payload: '페이로드 데이터'
			},
			sizes: {
				fin: '1비트',
				rsv1: '1비트',
				rsv2: '1비트',
				rsv3: '1비트',
				opcode: '4비트',
				mask: '1비트',
				len: '7비트',
				extlen: '0, 16 또는 64비트',
				maskkey: '0 또는 32비트',
				payload: '나머지 전부'
			},
			meanings: {
				fin: '메시지의 마지막 프레임이면 1, 뒤에 조각이 더 오면 0입니다(§5.4).',
				rsv1: '확장용으로 예약된 비트입니다. 확장이 따로 정하지 않으면 0이어야 합니다. permessage-deflate는 압축된 메시지를 표시하는 데 씁니다(RFC 7692).',
				rsv2: '확장용으로 예약된 비트입니다. 협상한 확장이 정의하지 않았는데 1이면 받는 쪽이 연결을 실패시킵니다.',
				rsv3: '확장용으로 예약된 비트입니다. 협상한 확장이 정의하지 않았는데 1이면 받는 쪽이 연결을 실패시킵니다.',
				opcode:
					'프레임의 종류입니다. 0x0 이어짐, 0x1 텍스트, 0x2 바이너리, 0x8 닫기, 0x9 핑, 0xA 퐁이며 나머지 값은 예약되어 있습니다.',
				mask: '페이로드가 마스킹되었으면 1입니다. 클라이언트가 서버로 보내는 프레임은 모두 마스킹하고, 서버가 보내는 프레임은 마스킹하지 않습니다(§5.1).',
				len: '페이로드 길이입니다. 0–125는 그 값이 곧 길이이고, 126이면 뒤따르는 16비트에, 127이면 뒤따르는 64비트에 길이가 들어 있습니다.',
				extlen:
					'Payload len이 126(16비트)이나 127(64비트, 최상위 비트는 0)일 때만 있으며 네트워크 바이트 순서입니다. 가장 짧은 형식을 써야 합니다.',
				maskkey:
					'MASK가 1일 때만 있습니다. 클라이언트가 프레임마다 무작위로 고르는 4바이트로, 페이로드의 i번째 바이트를 키의 (i mod 4)번째 바이트와 XOR합니다(§5.3).',
				payload:
					'확장 데이터와 애플리케이션 데이터입니다. 메시지의 바이트(텍스트라면 UTF-8)이며, MASK가 1이면 마스킹되어 있습니다.'
			}
		}
	}
});
