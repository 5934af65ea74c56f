// The words of the Node commands (npm run server, npm run tap) that are not about frames, English
// and Korean side by side: option errors both commands share, the echo server's usage and console
// lines, and what it answers in plain HTTP (error bodies, the page a browser gets, the byte side
// channel's refusal). The tap's own words, its frame log included, are in ./tap.
//
// A terminal's language comes from --lang or LANG (terminalLang in ./tap); an HTTP answer's from
// the request's Accept-Language (requestLang below), since a browser says which it reads.
import { defineMessages, type Lang } from './lang';

interface ServerWords {
	/** Shared by both commands. */
	readonly command: {
		readonly port: (given: string | undefined) => string;
		readonly lang: (given: string | undefined) => string;
		readonly unknown: (arg: string) => string;
		readonly stop: string;
		readonly portInUse: (port: number, host: string, next: number) => string;
	};
	/** npm run server */
	readonly server: {
		readonly usage: (port: number, host: string) => string;
		readonly host: string;
		readonly allowOrigin: (given: string | undefined) => string;
		readonly listening: (url: string) => string;
		readonly echo: (url: string, pageUrl: string) => string;
		readonly http2: (pageUrl: string) => string;
		readonly sideChannel: (url: string, origins: readonly string[]) => string;
		/** `name` is the close code's registered name (closeName in ./protocol). */
		readonly closing: (signal: string, code: number, name: string) => string;
		readonly notAnAddress: (host: string) => string;
		readonly portNotAllowed: (port: number) => string;
		readonly couldNotStart: (why: string) => string;
	};
	/** Plain HTTP bodies of the echo server and the byte side channel. */
	readonly http: {
		readonly unreadable: (problem: string) => string;
		readonly noEndpoint: (path: string, url: string) => string;
		readonly onlyGet: string;
		readonly nothingAt: (path: string, url: string) => string;
		/** The 403 for a page from another origin; the server and the tap both take --allow-origin. */
		readonly otherOrigin: (origin: string, server: 'echo' | 'tap') => string;
	};
	/** The page a browser gets at http://127.0.0.1:6455/. `code` is HTML (the address in <code>). */
	readonly page: {
		readonly title: string;
		readonly intro: (code: string) => string;
		readonly engine: string;
	};
}

const quoted = (v: string) => JSON.stringify(v);

const en: ServerWords = {
	command: {
		port: (given) => `--port takes a number from 0 to 65535, not ${given === undefined ? 'nothing' : quoted(given)}.`,
		lang: (given) => `--lang takes en or ko, not ${given === undefined ? 'nothing' : quoted(given)}.`,
		unknown: (arg) => `Unknown option ${quoted(arg)}.`,
		stop: '  Ctrl+C to stop.',
		portInUse: (port, host, next) => `Port ${port} on ${host} is already in use; try --port ${next}.`
	},
	server: {
		usage: (port, host) => `Usage: npm run server -- [--port N] [--host H] [--allow-origin URL]... [--lang en|ko]

  --port N              TCP port to listen on (default ${port}; 0 picks a free one)
  --host H              address to listen on (default ${host}, this machine only)
  --allow-origin URL    let pages from URL's origin read the byte side channel too (pages
                        served from this machine always may); repeat for more
  --lang en|ko          the language of these messages (default: the terminal's, from LANG);
                        pages and HTTP answers follow each browser's Accept-Language
  --help                show this help`,
		host: '--host takes an address such as 127.0.0.1 or ::1.',
		allowOrigin: (given) =>
			`--allow-origin takes an http:// or https:// URL such as https://frames.example.org, not ${given === undefined ? 'nothing' : quoted(given)}.`,
		listening: (url) => `Frame by Frame echo server listening on ${url}`,
		echo: (url, pageUrl) => `  echo endpoint: ${url}   (a browser at ${pageUrl} gets a short page)`,
		http2: (pageUrl) =>
			`  HTTP/2 on the same port: a client that opens with the preface (prior knowledge, ${pageUrl}) gets WebSockets by extended CONNECT (RFC 8441)`,
		sideChannel: (url, origins) =>
			`  byte side channel: ${url}   (live mode reads the true bytes here; loopback only, pages from this machine${origins.length ? ` or ${origins.join(', ')}` : ''})`,
		closing: (signal, code, name) => `${signal}: closing connections with ${code} (${name})...`,
		notAnAddress: (host) => `Cannot listen on ${host}: it is not an address of this machine.`,
		portNotAllowed: (port) => `Not allowed to listen on port ${port}; pick one above 1023.`,
		couldNotStart: (why) => `Could not start the server: ${why}`
	},
	http: {
		unreadable: (problem) => `This is not an HTTP request this server can read: ${problem}.`,
		noEndpoint: (path, url) => `There is no WebSocket endpoint at ${path}; the echo endpoint is ${url}`,
		onlyGet: 'Only GET is served here.',
		nothingAt: (path, url) =>
			`Nothing at ${path}. This is the Frame by Frame echo server: connect a WebSocket client to ${url}`,
		otherOrigin: (origin, server) =>
			`The byte side channel serves pages from this machine only, not ${origin}. Start the ${server === 'echo' ? 'server' : 'tap'} with --allow-origin ${origin} to allow it.`
	},
	page: {
		title: 'Frame by Frame echo server',
		intro: (code) =>
			`This is a WebSocket echo endpoint (RFC 6455), not a web page. Connect a WebSocket client to ${code}: every text or binary message you send comes back unchanged, pings are answered with pongs, and a close frame is answered with a close frame.`,
		engine:
			'Every byte of the handshake and of every frame is produced and checked by the Frame by Frame engine, the same code the site runs in your browser.'
	}
};

const ko: ServerWords = {
	command: {
		port: (given) =>
			`--port에는 0부터 65535까지의 숫자를 주세요${given === undefined ? '' : `(받은 값: ${quoted(given)})`}.`,
		lang: (given) => `--lang에는 en 또는 ko를 주세요${given === undefined ? '' : `(받은 값: ${quoted(given)})`}.`,
		unknown: (arg) => `알 수 없는 옵션입니다: ${quoted(arg)}`,
		stop: '  멈추려면 Ctrl+C를 누르세요.',
		portInUse: (port, host, next) =>
			`${host}의 ${port}번 포트는 이미 사용 중입니다. --port ${next}처럼 다른 포트를 써 보세요.`
	},
	server: {
		usage: (port, host) => `사용법: npm run server -- [--port N] [--host H] [--allow-origin URL]... [--lang en|ko]

  --port N              연결을 기다릴 TCP 포트 (기본값 ${port}, 0이면 비어 있는 포트를 고릅니다)
  --host H              연결을 기다릴 주소 (기본값 ${host}, 이 컴퓨터에서만 접속할 수 있습니다)
  --allow-origin URL    URL의 출처(origin)에서 온 페이지도 바이트 사이드 채널을 읽게 합니다
                        (이 컴퓨터에서 제공한 페이지는 언제나 읽을 수 있습니다). 여러 번 쓸 수 있습니다
  --lang en|ko          이 메시지들의 언어 (기본값: 터미널의 언어, LANG에서 읽습니다).
                        페이지와 HTTP 응답의 언어는 각 브라우저의 Accept-Language를 따릅니다
  --help                이 도움말을 보여 줍니다`,
		host: '--host에는 127.0.0.1이나 ::1 같은 주소를 주세요.',
		allowOrigin: (given) =>
			`--allow-origin에는 https://frames.example.org 같은 http:// 또는 https:// URL을 주세요${given === undefined ? '' : `(받은 값: ${quoted(given)})`}.`,
		listening: (url) => `Frame by Frame 에코 서버가 ${url}에서 연결을 기다립니다`,
		http2: (pageUrl) =>
			`  같은 포트에서 HTTP/2: 프리페이스로 시작하는 클라이언트(사전 지식, ${pageUrl})는 확장 CONNECT로 웹소켓을 엽니다(RFC 8441)`,
		echo: (url, pageUrl) =>
			`  에코 엔드포인트: ${url}   (브라우저로 ${pageUrl} 주소를 열면 짧은 안내 페이지가 나옵니다)`,
		sideChannel: (url, origins) =>
			`  바이트 사이드 채널: ${url}   (라이브 페이지가 여기서 실제 바이트를 읽습니다. 이 컴퓨터에서만 접속할 수 있고, 브라우저에서는 이 컴퓨터가 제공한 페이지${origins.length ? `와 ${origins.join(', ')}에서 온 페이지` : ''}만 읽을 수 있습니다)`,
		closing: (signal, code, name) => `${signal}: 모든 연결을 닫는 중입니다(닫기 코드 ${code}, ${name})...`,
		notAnAddress: (host) => `${host}에서 연결을 기다릴 수 없습니다. 이 컴퓨터의 주소가 아닙니다.`,
		portNotAllowed: (port) => `${port}번 포트를 열 권한이 없습니다. 1023보다 큰 포트를 고르세요.`,
		couldNotStart: (why) => `서버를 시작하지 못했습니다: ${why}`
	},
	http: {
		unreadable: (problem) => `이 서버가 읽을 수 있는 HTTP 요청이 아닙니다: ${problem}.`,
		noEndpoint: (path, url) => `${path}에는 WebSocket 엔드포인트가 없습니다. 에코 엔드포인트 주소는 ${url}입니다.`,
		onlyGet: '여기서는 GET 요청만 받습니다.',
		nothingAt: (path, url) =>
			`${path}에는 아무것도 없습니다. 여기는 Frame by Frame 에코 서버입니다. WebSocket 클라이언트를 ${url}에 연결하세요.`,
		otherOrigin: (origin, server) =>
			`바이트 사이드 채널은 이 컴퓨터에서 제공한 페이지만 받으며, ${origin}에서 온 페이지는 받지 않습니다. 허용하려면 ${server === 'echo' ? '서버' : '탭'}를 --allow-origin ${origin} 옵션과 함께 시작하세요.`
	},
	page: {
		title: 'Frame by Frame 에코 서버',
		intro: (code) =>
			`여기는 웹 페이지가 아니라 WebSocket 에코 엔드포인트(RFC 6455)입니다. WebSocket 클라이언트를 ${code}에 연결하세요. 보낸 텍스트 메시지와 바이너리 메시지는 그대로 돌아오고, ping에는 pong으로, close 프레임에는 close 프레임으로 답합니다.`,
		engine:
			'핸드셰이크와 모든 프레임의 바이트 하나하나를 Frame by Frame 엔진이 만들고 검사합니다. 이 사이트가 브라우저에서 돌리는 바로 그 코드입니다.'
	}
};

export const serverWords = defineMessages({ en, ko });

/**
 * The language of an HTTP answer, from the request's Accept-Language (RFC 9110 §12.5.4): Korean when
 * the language the browser prefers most (highest q, earliest on a tie) is Korean, English otherwise.
 */
export function requestLang(acceptLanguage: string | undefined): Lang {
	let best: { tag: string; q: number } | null = null;
	for (const part of (acceptLanguage ?? '').split(',')) {
		const [tag = '', ...params] = part.split(';').map((s) => s.trim());
		if (!tag) continue;
		const q = params.find((p) => /^q=/i.test(p));
		const weight = q === undefined ? 1 : Number(q.slice(2));
		if (!(weight > 0)) continue; // q=0 means "not this one"; an unreadable q counts for nothing
		if (!best || weight > best.q) best = { tag, q: weight };
	}
	return best && /^ko(-|$)/i.test(best.tag) ? 'ko' : 'en';
}
