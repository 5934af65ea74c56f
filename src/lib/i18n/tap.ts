// The words of the tap's terminal log (server/describe.ts writes one line per thing read off the
// wire) and of the tap command itself (usage, option errors, console lines, its HTTP answers), in
// English and Korean. The language is the terminal's (LANG) unless --lang says otherwise; an HTTP
// answer's is the request's Accept-Language. Words both Node commands share are in ./server.
import type { OtherReason } from '$lib/protocol';
import { formatNumber } from './format';
import { defineMessages, type Lang } from './lang';

interface TapWords {
	readonly arrow: { readonly client: string; readonly server: string };
	readonly handshake: (bytes: number, extra: string) => string;
	readonly other: (bytes: number, reason: OtherReason) => string;
	readonly stopped: (offset: number, why: string) => string;
	readonly reasons: Readonly<Record<OtherReason, string>>;
	readonly inflated: (wire: number | null, size: number, what: string) => string;
	readonly message: (n: number) => string;
	readonly bytes: (n: number) => string;
	readonly masked: (key: string) => string;
	readonly unmasked: string;
	readonly noStatus: string;
	readonly compressed: string;
	readonly problem: (code: string, rule: string, closeCode: number, rfc: string) => string;
	readonly skipped: (lines: number, max: number) => string;
	readonly closed: (tag: string, toServer: number, back: number) => string;
	/** npm run tap: what the command says, in the terminal and as HTTP bodies. */
	readonly command: {
		readonly usage: (port: number, sideChannelPath: string) => string;
		readonly target: string;
		readonly noTarget: string;
		readonly isSelf: (href: string) => string;
		/** One change to the request (server/tap.ts rewriteRequest): the path, or the Host header. */
		readonly rewrote: (what: 'path' | 'host', from: string, to: string) => string;
		readonly listening: (url: string, target: string) => string;
		readonly connect: (url: string) => string;
		readonly sideChannel: (url: string, origins: readonly string[]) => string;
		readonly couldNotStart: (why: string) => string;
		/** The 502 body when the real server cannot be reached. */
		readonly unreachable: (href: string, why: string) => string;
		/** The 400 body for bytes that are not an HTTP request. */
		readonly notHttp: (problem: string) => string;
	};
}

const en: TapWords = {
	arrow: { client: 'client → server', server: 'server → client' },
	handshake: (bytes, extra) => `(handshake, ${formatNumber('en', bytes)} bytes${extra ? `; ${extra}` : ''})`,
	other: (bytes, reason) => `${formatNumber('en', bytes)} bytes that are not frames (${en.reasons[reason]})`,
	stopped: (offset, why) => `stopped reading frames at byte ${formatNumber('en', offset)}: ${why}`,
	reasons: {
		'not-http': 'not an HTTP handshake',
		'not-upgraded': 'the server did not switch protocols, so no frames follow',
		gap: 'bytes were lost',
		undecodable: 'the frame reader cannot go past this frame',
		'too-big': 'a frame too large to hold'
	},
	inflated: (wire, size, what) =>
		`inflated (permessage-deflate, RFC 7692): ${wire ?? '?'} → ${formatNumber('en', size)} bytes  ${what}`,
	message: (n) => `message ${n}`,
	bytes: (n) => (n === 1 ? 'byte ' : 'bytes'),
	masked: (key) => `mask ${key}`,
	unmasked: 'unmasked',
	noStatus: 'no status code',
	compressed: '(compressed, permessage-deflate)',
	problem: (code, rule, closeCode, rfc) => `  ! ${code}: ${rule} (${closeCode}, ${rfc})`,
	skipped: (lines, max) => `… ${lines} more lines in the last second (the log shows at most ${max} a second)`,
	closed: (tag, toServer, back) =>
		`${tag} closed (${formatNumber('en', toServer)} bytes to the server, ${formatNumber('en', back)} bytes back)`,
	command: {
		usage: (
			port,
			path
		) => `Usage: npm run tap -- --target ws://host:port/ [--port ${port}] [--keep-host] [--quiet] [--allow-origin URL]... [--lang en|ko]

  --target URL   the real server, ws:// or wss:// (required)
  --port N       port to listen on, on 127.0.0.1 (default ${port}; 0 picks a free one)
  --keep-host    relay the request exactly, Host header included (by default Host names the target)
  --quiet        no frame log in the terminal (the side channel still streams every byte)
  --allow-origin URL  let pages from URL's origin read the byte side channel too (a copy of
                 the site hosted elsewhere); by default only pages served from this machine
  --lang en|ko   the language of these messages and the frame log (default: the terminal's, from LANG)
  --help         show this help

Then connect to ws://127.0.0.1:${port}/ instead of the real address: the live page
(/live/) shows the true bytes from ws://127.0.0.1:${port}${path}.`,
		target: "--target takes the real server's address, such as wss://example.org/chat.",
		noTarget: 'Which server should the tap relay to? Give --target ws://host:port/ or wss://host/.',
		isSelf: (href) => `The target ${href} is the tap itself; give the real server's address.`,
		rewrote: (what, from, to) => `${what === 'path' ? 'path' : 'Host'} ${from} → ${to}`,
		listening: (url, target) => `Frame by Frame tap on ${url} → ${target}`,
		connect: (url) => `  connect your client (or the live page) to ${url}`,
		sideChannel: (url, origins) =>
			`  byte side channel: ${url}   (loopback only; pages from this machine${origins.length ? ` or ${origins.join(', ')}` : ''})`,
		couldNotStart: (why) => `Could not start the tap: ${why}`,
		unreachable: (href, why) => `The tap could not reach ${href}: ${why}`,
		notHttp: (problem) => `The tap relays WebSocket handshakes; this is not an HTTP request it can read: ${problem}.`
	}
};

const ko: TapWords = {
	arrow: { client: '클라이언트 → 서버', server: '서버 → 클라이언트' },
	handshake: (bytes, extra) => `(핸드셰이크, ${formatNumber('ko', bytes)}바이트${extra ? `; ${extra}` : ''})`,
	other: (bytes, reason) => `프레임이 아닌 ${formatNumber('ko', bytes)}바이트 (${ko.reasons[reason]})`,
	stopped: (offset, why) => `${formatNumber('ko', offset)}번 바이트에서 프레임 읽기를 멈춤: ${why}`,
	reasons: {
		'not-http': 'HTTP 핸드셰이크가 아님',
		'not-upgraded': '서버가 프로토콜을 바꾸지 않았으므로 프레임이 이어지지 않음',
		gap: '바이트가 유실됨',
		undecodable: '이 프레임 뒤로는 프레임을 읽을 수 없음',
		'too-big': '담아 둘 수 없을 만큼 큰 프레임'
	},
	inflated: (wire, size, what) =>
		`압축 해제(permessage-deflate, RFC 7692): ${wire ?? '?'} → ${formatNumber('ko', size)}바이트  ${what}`,
	message: (n) => `메시지 ${n}`,
	bytes: () => '바이트',
	masked: (key) => `마스크 ${key}`,
	unmasked: '마스킹 없음',
	noStatus: '상태 코드 없음',
	compressed: '(압축됨, permessage-deflate)',
	problem: (code, rule, closeCode, rfc) => `  ! ${code}: ${rule} (${closeCode}, ${rfc})`,
	skipped: (lines, max) => `… 지난 1초 동안 ${lines}줄 더 있음 (로그는 1초에 최대 ${max}줄까지 보여 줌)`,
	closed: (tag, toServer, back) =>
		`${tag} 닫힘 (서버로 ${formatNumber('ko', toServer)}바이트, 돌아온 것 ${formatNumber('ko', back)}바이트)`,
	command: {
		usage: (
			port,
			path
		) => `사용법: npm run tap -- --target ws://host:port/ [--port ${port}] [--keep-host] [--quiet] [--allow-origin URL]... [--lang en|ko]

  --target URL   실제 서버 주소, ws:// 또는 wss:// (필수)
  --port N       127.0.0.1에서 연결을 기다릴 포트 (기본값 ${port}, 0이면 비어 있는 포트를 고릅니다)
  --keep-host    요청을 Host 헤더까지 그대로 전달합니다 (기본은 Host를 실제 서버 이름으로 바꿉니다)
  --quiet        터미널에 프레임 로그를 찍지 않습니다 (사이드 채널로는 여전히 모든 바이트를 보냅니다)
  --allow-origin URL  URL의 출처(origin)에서 온 페이지도 바이트 사이드 채널을 읽게 합니다
                 (다른 곳에 올린 사이트 사본). 기본은 이 컴퓨터가 제공한 페이지만입니다
  --lang en|ko   이 메시지들과 프레임 로그의 언어 (기본값: 터미널의 언어, LANG에서 읽습니다)
  --help         이 도움말을 보여 줍니다

그런 다음 실제 주소 대신 ws://127.0.0.1:${port}/에 연결하세요. 라이브 페이지(/ko/live/)가
ws://127.0.0.1:${port}${path}에서 실제 바이트를 받아 보여 줍니다.`,
		target: '--target에는 wss://example.org/chat 같은 실제 서버 주소를 주세요.',
		noTarget: '탭이 어느 서버로 전달할까요? --target ws://host:port/ 또는 --target wss://host/ 형식으로 알려 주세요.',
		isSelf: (href) => `대상 주소(${href})가 탭 자신입니다. 실제 서버 주소를 주세요.`,
		rewrote: (what, from, to) => `${what === 'path' ? '경로' : 'Host'} ${from} → ${to}`,
		listening: (url, target) => `Frame by Frame 탭: ${url} → ${target}`,
		connect: (url) => `  클라이언트(또는 라이브 페이지)를 ${url}에 연결하세요`,
		sideChannel: (url, origins) =>
			`  바이트 사이드 채널: ${url}   (이 컴퓨터에서만 접속할 수 있고, 이 컴퓨터가 제공한 페이지${origins.length ? `와 ${origins.join(', ')}에서 온 페이지` : ''}만 읽을 수 있습니다)`,
		couldNotStart: (why) => `탭을 시작하지 못했습니다: ${why}`,
		unreachable: (href, why) => `탭이 ${href}에 연결하지 못했습니다: ${why}`,
		notHttp: (problem) =>
			`탭은 WebSocket 핸드셰이크를 전달합니다. 이것은 탭이 읽을 수 있는 HTTP 요청이 아닙니다: ${problem}.`
	}
};

export const tapWords = defineMessages({ en, ko });

/** The terminal's language: --lang, else LANG / LC_ALL (ko_KR.UTF-8 → Korean), else English. */
export function terminalLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
	const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
	const given = i < 0 ? undefined : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
	const locale = given ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
	return /^ko\b|^ko[_-]/i.test(locale) ? 'ko' : 'en';
}
