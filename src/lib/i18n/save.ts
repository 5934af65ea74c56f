// The words of "Save .pcapng" and "Save .har" (SaveSession): on their own, small, because the
// simulator, the decoder and live mode all show the buttons up front; the file's own words (its
// comments) load with the code that makes it, from ./capture.
import { defineMessages } from './lang';

export const saveText = defineMessages({
	en: {
		saveLabel: 'Save this session',
		savePcapng: 'Save .pcapng',
		saveHar: 'Save .har',
		saveHint:
			'The .pcapng opens in Wireshark (each frame as sent, in a made-up TCP connection to port 80); the .har holds the messages, as the browser’s devtools save them.',
		saved: (name: string) => `Saved ${name}.`,
		saveFailed: 'The file could not be made here. Try again, or another browser.'
	},
	ko: {
		saveLabel: '이 세션 저장',
		savePcapng: '.pcapng로 저장',
		saveHar: '.har로 저장',
		saveHint:
			'.pcapng는 Wireshark에서 열립니다(각 프레임을 보낸 그대로, 포트 80으로 가는 가상의 TCP 연결에 담습니다). .har에는 브라우저 개발자 도구가 저장하는 방식대로 메시지가 담깁니다.',
		saved: (name: string) => `${name} 파일을 저장했습니다.`,
		saveFailed: '여기서는 파일을 만들지 못했습니다. 다시 시도하거나 다른 브라우저를 사용해 보세요.'
	}
});
