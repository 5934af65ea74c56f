/**
 * `npm run server -- [--port N] [--host H] [--lang en|ko]`: the local echo server on the Frame by
 * Frame engine. Ctrl+C closes every connection with 1001 (Going Away) before exiting. What it prints
 * is in the terminal's language (src/lib/i18n/server.ts); what it answers a browser, in the browser's.
 */

import { isLang, type Lang } from '$lib/i18n/lang';
import { closeName } from '$lib/i18n/protocol';
import { serverWords } from '$lib/i18n/server';
import { terminalLang } from '$lib/i18n/tap';
import { DEFAULT_HOST, DEFAULT_PORT, startEchoServer } from './echo-server';
import { allowOriginArg, createByteSideChannel, SIDE_CHANNEL_PATH } from './side-channel';

type Args = { port: number; host: string; allowOrigins: string[] };

/** The options, or the text to print instead: the help (exit 0) or what is wrong (exit 2). */
function parseArgs(argv: string[], lang: Lang): Args | { help: boolean; text: string } {
	const w = serverWords(lang);
	const usage = w.server.usage(DEFAULT_PORT, DEFAULT_HOST);
	const wrong = (why: string) => ({ help: false, text: `${why}\n\n${usage}` });
	let port = DEFAULT_PORT;
	let host = DEFAULT_HOST;
	const allowOrigins: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] =
			arg.startsWith('--') && arg.includes('=')
				? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
				: [arg, undefined];
		const value = () => inline ?? argv[++i];
		if (name === '--help' || name === '-h') return { help: true, text: usage };
		else if (name === '--port' || name === '-p') {
			const v = value();
			if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) return wrong(w.command.port(v));
			port = Number(v);
		} else if (name === '--host') {
			const v = value();
			if (!v) return wrong(w.server.host);
			host = v;
		} else if (name === '--allow-origin') {
			const v = value();
			const origin = allowOriginArg(v);
			if (!origin) return wrong(w.server.allowOrigin(v));
			allowOrigins.push(origin);
		} else if (name === '--lang') {
			// terminalLang() already read it; here it is only checked.
			const v = value();
			if (!isLang(v)) return wrong(w.command.lang(v));
		} else return wrong(w.command.unknown(arg));
	}
	return { port, host, allowOrigins };
}

const argv = process.argv.slice(2);
const lang = terminalLang(argv, process.env);
const w = serverWords(lang);
const args = parseArgs(argv, lang);
if ('text' in args) {
	(args.help ? console.log : console.error)(args.text);
	process.exit(args.help ? 0 : 2);
}

try {
	// Live mode's byte side channel (server/side-channel.ts): every byte of every connection, on /_bytes.
	const side = createByteSideChannel({ server: 'echo', allowOrigins: args.allowOrigins });
	const server = await startEchoServer({
		port: args.port,
		host: args.host,
		onConnection: side.observe,
		routes: { [SIDE_CHANNEL_PATH]: side.accept }
	});
	console.log(w.server.listening(server.url));
	console.log(w.server.echo(server.url, `http://${server.url.slice(5)}`));
	console.log(w.server.http2(`http://${server.url.slice(5)}`));
	console.log(w.server.sideChannel(server.url.replace(/\/$/, SIDE_CHANNEL_PATH), args.allowOrigins));
	console.log(w.command.stop);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) process.exit(130); // a second Ctrl+C does not wait
		stopping = true;
		console.log(`\n${w.server.closing(signal, 1001, closeName(1001, lang))}`);
		Promise.all([side.close(), server.close()]).then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
	const e = err as NodeJS.ErrnoException;
	if (e.code === 'EADDRINUSE') console.error(w.command.portInUse(args.port, args.host, args.port + 1));
	else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') console.error(w.server.notAnAddress(args.host));
	else if (e.code === 'EACCES') console.error(w.server.portNotAllowed(args.port));
	else console.error(w.server.couldNotStart(e.message));
	process.exit(1);
}
