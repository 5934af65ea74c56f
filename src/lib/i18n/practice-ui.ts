// The practice section's own words (headings, buttons, labels, progress): apart from the exercises'
// questions and feedback (practice.ts), so the lesson page and the lesson list carry only these.
import { defineMessages } from './lang';

const enNumber = new Intl.NumberFormat('en-US');
const koNumber = new Intl.NumberFormat('ko-KR');
const n = (v: number) => enNumber.format(v);
const k = (v: number) => koNumber.format(v);

export const practiceUiText = defineMessages({
	en: {
		heading: 'Practice',
		intro:
			'Work these out by hand. The same engine that runs the rest of the site makes each exercise and checks your answer; “Another one” gives new numbers.',
		exercise: (i: number, count: number) => `Exercise ${n(i)} of ${n(count)}`,
		answer: 'Your answer',
		yes: 'Yes',
		no: 'No',
		method: 'the method (the request line)',
		placeholder: { hex: 'hex, e.g. 81 85 …', number: 'a number', order: 'e.g. 2 3 1', text: '' },
		exhibits: {
			bytes: 'Bytes',
			'frame-start': 'The frame’s first bytes (its payload goes on)',
			key: 'Masking key',
			masked: 'Masked payload',
			frame: (i: number) => `Frame ${n(i)}`,
			request: 'Request',
			response: 'Response',
			'client-key': 'The client’s Sec-WebSocket-Key',
			text: 'Text message',
			uri: 'URI',
			'h2-headers': 'The HEADERS frame’s header list, decoded'
		},
		answerIs: 'Answer:',
		yourBytes: 'Your bytes, as the decoder reads them',
		answerBytes: 'The answer’s bytes, as the decoder reads them',
		solved: 'Solved',
		revealed: 'Shown, so it does not count as solved: try another one.',
		progress: (done: number, count: number) => `${n(done)} of ${n(count)} solved`,
		classHeading: 'For a class',
		classNote: (seed: number) =>
			`Everyone who opens this link, or the embed, gets these same questions (seed ${n(seed)}).`,
		copyLink: 'Copy link',
		linkCopied: 'Link copied.',
		linkFailed: 'Could not copy: select the link and copy it.',
		linkLabel: 'Link to these exercises',
		listProgress: (done: number, count: number) => `Practice: ${n(done)} of ${n(count)}`,
		reset: 'Reset practice progress',
		resetDone: 'Practice progress cleared.',
		kept: 'Your practice progress is kept in this browser only.',
		noLesson: 'This embed names no lesson with exercises: its link needs ?lesson= and a lesson’s name.',
		openLesson: 'Open the lesson'
	},
	ko: {
		heading: '연습 문제',
		intro:
			'손으로 풀어 보세요. 이 사이트의 다른 기능을 돌리는 바로 그 엔진이 문제를 만들고 답을 채점합니다. “다른 문제”를 누르면 새 숫자로 바뀝니다.',
		exercise: (i: number, count: number) => `${k(count)}문제 중 ${k(i)}번`,
		answer: '내 답',
		yes: '예',
		no: '아니요',
		method: '메서드(요청 줄)',
		placeholder: { hex: '16진수, 예: 81 85 …', number: '숫자', order: '예: 2 3 1', text: '' },
		exhibits: {
			bytes: '바이트',
			'frame-start': '프레임의 앞부분(페이로드는 더 이어짐)',
			key: '마스킹 키',
			masked: '마스킹된 페이로드',
			frame: (i: number) => `프레임 ${k(i)}`,
			request: '요청',
			response: '응답',
			'client-key': '클라이언트의 Sec-WebSocket-Key',
			text: '텍스트 메시지',
			uri: 'URI',
			'h2-headers': '디코딩한 HEADERS 프레임의 헤더 목록'
		},
		answerIs: '답:',
		yourBytes: '입력한 바이트를 디코더가 읽은 모습',
		answerBytes: '답의 바이트를 디코더가 읽은 모습',
		solved: '풀었음',
		revealed: '답을 봤으므로 푼 것으로 치지 않습니다. 다른 문제를 풀어 보세요.',
		progress: (done: number, count: number) => `${k(count)}문제 중 ${k(done)}문제 풀었음`,
		classHeading: '수업용',
		classNote: (seed: number) => `이 링크나 임베드를 여는 사람은 모두 같은 문제를 받습니다(시드 ${k(seed)}).`,
		copyLink: '링크 복사',
		linkCopied: '링크를 복사했습니다.',
		linkFailed: '복사하지 못했습니다. 링크를 선택해 복사하세요.',
		linkLabel: '이 연습 문제로 가는 링크',
		listProgress: (done: number, count: number) => `연습: ${k(count)}문제 중 ${k(done)}문제`,
		reset: '연습 기록 지우기',
		resetDone: '연습 기록을 지웠습니다.',
		kept: '연습 기록은 이 브라우저에만 저장됩니다.',
		noLesson: '이 임베드에는 연습 문제가 있는 레슨이 지정되지 않았습니다. 링크에 ?lesson=과 레슨 이름이 있어야 합니다.',
		openLesson: '레슨 열기'
	}
});
