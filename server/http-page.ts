/**
 * The plain HTTP answers of the echo server: a short page for a browser that opens the address as a
 * web page, and the error answers for anything else. Only enough HTTP/1.1 (RFC 9112) to say what this
 * is and close; WebSocket requests never come here.
 */

import type { Lang } from '$lib/i18n/lang';
import { serverWords } from '$lib/i18n/server';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A sentence with a piece of HTML in it: the words are escaped, the piece is not. */
function withHtml(sentence: (slot: string) => string, html: string): string {
	const slot = '\u0000';
	return sentence(slot).split(slot).map(escape).join(html);
}

/** The page in the reader's language (requestLang: the request's Accept-Language). */
export function landingPage(wsUrl: string, lang: Lang = 'en'): string {
	const t = serverWords(lang).page;
	const url = escape(wsUrl);
	return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)}</title>
<style>
	:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
	body { max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }
	code { font-family: ui-monospace, monospace; background: color-mix(in srgb, currentColor 10%, transparent); padding: 0.1em 0.3em; border-radius: 0.2em; }
</style>
</head>
<body>
<h1>${escape(t.title)}</h1>
<p>${withHtml(t.intro, `<code>${url}</code>`)}</p>
<p>${escape(t.engine)}</p>
<pre><code>const ws = new WebSocket('${url}');
ws.onmessage = (e) =&gt; console.log(e.data);
ws.onopen = () =&gt; ws.send('hello');</code></pre>
</body>
</html>
`;
}

const STATUS: Record<number, string> = {
	200: 'OK',
	400: 'Bad Request',
	404: 'Not Found',
	405: 'Method Not Allowed'
};

/** A complete HTTP/1.1 response that ends the exchange (Connection: close). */
export function httpResponse(
	status: number,
	contentType: string,
	body: string,
	opts: { head?: boolean; allow?: string } = {}
): Buffer {
	const data = Buffer.from(body, 'utf8');
	const lines = [
		`HTTP/1.1 ${status} ${STATUS[status] ?? 'Error'}`,
		`Content-Type: ${contentType}`,
		`Content-Length: ${data.length}`,
		'Cache-Control: no-store',
		'Connection: close'
	];
	if (opts.allow) lines.push(`Allow: ${opts.allow}`);
	const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
	return opts.head ? head : Buffer.concat([head, data]);
}

export function textResponse(status: number, text: string, head = false): Buffer {
	return httpResponse(status, 'text/plain; charset=utf-8', text + '\n', { head });
}
