/**
 * `npm run server -- [--port N] [--host H]`: the local echo server on the Frame by Frame engine.
 * Ctrl+C closes every connection with 1001 (Going Away) before exiting.
 */

import { DEFAULT_HOST, DEFAULT_PORT, startEchoServer } from './echo-server';
import { createByteSideChannel, SIDE_CHANNEL_PATH } from './side-channel';

const USAGE = `Usage: npm run server -- [--port N] [--host H] [--allow-origin URL]...

  --port N              TCP port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H              address to listen on (default ${DEFAULT_HOST}, this machine only)
  --allow-origin URL    let pages from URL's origin read the byte side channel too (pages
                        served from this machine always may); repeat for more
  --help                show this help`;

function parseArgs(argv: string[]): { port: number; host: string; allowOrigins: string[] } | string {
	let port = DEFAULT_PORT;
	let host = DEFAULT_HOST;
	const allowOrigins: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = () => inline ?? argv[++i];
		if (name === '--help' || name === '-h') return USAGE;
		else if (name === '--port' || name === '-p') {
			const v = value();
			if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) return `--port takes a number from 0 to 65535, not ${v === undefined ? 'nothing' : `"${v}"`}.\n\n${USAGE}`;
			port = Number(v);
		} else if (name === '--host') {
			const v = value();
			if (!v) return `--host takes an address such as 127.0.0.1 or ::1.\n\n${USAGE}`;
			host = v;
		} else if (name === '--allow-origin') {
			const v = value();
			let origin: string | null = null;
			try {
				origin = v && /^https?:$/.test(new URL(v).protocol) ? new URL(v).origin : null;
			} catch {
				origin = null;
			}
			if (!origin) return `--allow-origin takes an http:// or https:// URL such as https://frames.example.org, not ${v === undefined ? 'nothing' : `"${v}"`}.\n\n${USAGE}`;
			allowOrigins.push(origin);
		} else return `Unknown option "${arg}".\n\n${USAGE}`;
	}
	return { port, host, allowOrigins };
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
	const help = args === USAGE;
	(help ? console.log : console.error)(args);
	process.exit(help ? 0 : 2);
}

try {
	// Live mode's byte side channel (server/side-channel.ts): every byte of every connection, on /_bytes.
	const side = createByteSideChannel({ server: 'echo', allowOrigins: args.allowOrigins });
	const server = await startEchoServer({ port: args.port, host: args.host, onConnection: side.observe, routes: { [SIDE_CHANNEL_PATH]: side.accept } });
	console.log(`Frame by Frame echo server listening on ${server.url}`);
	console.log(`  echo endpoint: ${server.url}   (a browser at http://${server.url.slice(5)} gets a short page)`);
	console.log(`  byte side channel: ${server.url.replace(/\/$/, SIDE_CHANNEL_PATH)}   (live mode reads the true bytes here; loopback only, pages from this machine${args.allowOrigins.length ? ` or ${args.allowOrigins.join(', ')}` : ''})`);
	console.log('  Ctrl+C to stop.');
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) process.exit(130); // a second Ctrl+C does not wait
		stopping = true;
		console.log(`\n${signal}: closing connections with 1001 (Going Away)...`);
		Promise.all([side.close(), server.close()]).then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
	const e = err as NodeJS.ErrnoException;
	if (e.code === 'EADDRINUSE') console.error(`Port ${args.port} on ${args.host} is already in use; try --port ${args.port + 1}.`);
	else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') console.error(`Cannot listen on ${args.host}: it is not an address of this machine.`);
	else if (e.code === 'EACCES') console.error(`Not allowed to listen on port ${args.port}; pick one above 1023.`);
	else console.error('Could not start the server:', e.message);
	process.exit(1);
}
