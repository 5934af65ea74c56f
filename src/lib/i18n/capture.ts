// Saving a session as a capture file (.pcapng for Wireshark) or a HAR (the browser's devtools).
import { defineMessages } from './lang';

export const captureText = defineMessages({
	en: {
		saveLabel: 'Save this session',
		savePcapng: 'Save .pcapng',
		saveHar: 'Save .har',
		saveHint:
			'The .pcapng opens in Wireshark (each frame as sent, in a made-up TCP connection to port 80); the .har holds the messages, as the browser’s devtools save them.',
		saved: (name: string) => `Saved ${name}.`,
		saveFailed: 'The file could not be made here. Try again, or another browser.',
		handshakeMade:
			'Opening handshake made by the engines for this file: the scenario starts with the connection already open.',
		fileComment: (scenario: string) => `Frame by Frame simulator, scenario “${scenario}”.`
	},
	ko: {
		saveLabel: '이 세션 저장',
		savePcapng: '.pcapng로 저장',
		saveHar: '.har로 저장',
		saveHint:
			'.pcapng는 Wireshark에서 열립니다(각 프레임을 보낸 그대로, 포트 80으로 가는 가상의 TCP 연결에 담습니다). .har에는 브라우저 개발자 도구가 저장하는 방식대로 메시지가 담깁니다.',
		saved: (name: string) => `${name} 파일을 저장했습니다.`,
		saveFailed: '여기서는 파일을 만들지 못했습니다. 다시 시도하거나 다른 브라우저를 사용해 보세요.',
		handshakeMade:
			'이 파일을 위해 엔진이 만든 여는 핸드셰이크입니다. 이 시나리오는 연결이 이미 열린 상태에서 시작합니다.',
		fileComment: (scenario: string) => `Frame by Frame 시뮬레이터, “${scenario}” 시나리오.`
	}
});
