import { defineMessages } from './lang';

export const learnText = defineMessages({
	en: {
		title: 'Learn WebSocket',
		intro:
			'Ten short lessons, from why WebSocket exists to the last byte of a close frame. Every diagram in them is live: it runs the same engine as the simulator and the decoder.',
		lessonN: (n: number, total: number) => `Lesson ${n} of ${total}`,
		onThisPage: 'On this page',
		previous: 'Previous',
		next: 'Next',
		allLessons: 'All lessons',
		widgetLabel: 'Live diagram',
		openInSimulator: 'Open in the simulator',
		openInDecoder: 'Open in the decoder'
	},
	ko: {
		title: '웹소켓 배우기',
		intro:
			'웹소켓이 왜 필요한지부터 닫기 프레임의 마지막 바이트까지, 짧은 강의 열 편으로 정리했습니다. 강의 속 그림은 모두 살아 있습니다. 시뮬레이터와 디코더가 쓰는 바로 그 엔진으로 움직입니다.',
		lessonN: (n: number, total: number) => `${total}개 중 ${n}번째 강의`,
		onThisPage: '이 페이지의 내용',
		previous: '이전',
		next: '다음',
		allLessons: '전체 강의',
		widgetLabel: '실시간 그림',
		openInSimulator: '시뮬레이터에서 열기',
		openInDecoder: '디코더에서 열기'
	}
});
