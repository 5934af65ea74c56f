/**
 * `npm run tap -- --target ws://host:port/ [--port 6456]`: a man in the middle you put there
 * yourself. It listens on 127.0.0.1, relays raw TCP to the real server, byte for byte, and shows
 * the true bytes of each connection twice: as a readable log in this terminal (every frame, both
 * directions, read by the engine) and on the byte side channel ws://127.0.0.1:<port>/_bytes, the
 * same one the echo server has, so the live page shows them as it does for the local server.
 *
 * Point a client at ws://127.0.0.1:6456/ instead of the real address. For a wss:// target the tap
 * speaks TLS to the server, so the log shows what TLS hides from a packet capture. One change is
 * made to the request, unless --keep-host: the Host header names the real server (a virtual host
 * would not answer to 127.0.0.1), and a request for "/" goes to the target's path. Everything
 * else, the handshake included, goes through unchanged.
 */
import { connect as tcpConnect, createServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { pathToFileURL } from 'node:url';
import {
	concat,
	header,
	ObservedConnection,
	parseWebSocketUri,
	provideZlib,
	readHead,
	serializeHead,
	type HttpHead,
	type ObservedItem,
	type WebSocketUri
} from '$lib/protocol';
import { isLang, type Lang } from '$lib/i18n/lang';
import { headProblemText, uriProblemText } from '$lib/i18n/protocol';
import { requestLang, serverWords } from '$lib/i18n/server';
import { tapWords, terminalLang } from '$lib/i18n/tap';
import * as pako from 'pako';
import { describeItem, safe } from './describe';
import { allowOriginArg, createByteSideChannel, SIDE_CHANNEL_PATH } from './side-channel';

// The engine's DEFLATE, for connections that agree permessage-deflate (protocol/extensions/zlib.ts).
provideZlib(pako);

export const DEFAULT_TAP_PORT = 6456;
const HEAD_TIMEOUT_MS = 10_000;

export interface TapOptions {
	/** The real server, ws:// or wss://. */
	readonly target: string;
	/** Port to listen on, on 127.0.0.1 (default 6456; 0 picks a free one). */
	readonly port?: number;
	/** Relay the request exactly, Host header included. */
	readonly keepHost?: boolean;
	/** Where the readable log goes (default: nowhere); one line per call. */
	readonly log?: ((line: string) => void) | null;
	/** Frame lines per second before the log summarizes (default 40). */
	readonly maxLinesPerSecond?: number;
	/** The language of the log (default English). */
	readonly lang?: Lang;
	/** Origins (besides this machine's) whose pages may read the byte side channel: a hosted copy of the site. */
	readonly allowOrigins?: readonly string[];
}

export interface Tap {
	readonly port: number;
	/** ws://127.0.0.1:<port>/: where clients connect instead of the target. */
	readonly url: string;
	readonly target: WebSocketUri;
	close(): Promise<void>;
}

export class TapUsageError extends Error {}

/** One change the tap made to a request (rewriteRequest): its path, or its Host header. */
export interface RequestChange {
	readonly what: 'path' | 'host';
	readonly from: string;
	readonly to: string;
}

export async function startTap(opts: TapOptions): Promise<Tap> {
	const lang = opts.lang ?? 'en';
	const parsed = parseWebSocketUri(opts.target);
	if (!parsed.ok)
		throw new TapUsageError(`--target ${JSON.stringify(opts.target)}: ${uriProblemText(parsed, lang)} (${parsed.rfc})`);
	const target = parsed.uri;
	const host = '127.0.0.1';
	const side = createByteSideChannel({ server: 'tap', target: target.href, allowOrigins: opts.allowOrigins });
	const log = makeLog(opts.log ?? null, opts.maxLinesPerSecond ?? 40, lang);
	const sockets = new Set<Socket>();
	let nextId = 1;

	const server: Server = createServer({ allowHalfOpen: true }, (client) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => {
			/* 'close' follows */
		});
		readRequestHead(client, (head, bytes) => {
			const [, resource = '/'] = head.startLine.split(' ');
			const upgrade = header(head.fields, 'Upgrade') !== undefined;
			if (upgrade && resource.split('?')[0] === SIDE_CHANNEL_PATH) side.accept(client, head, bytes);
			else relay(client, head, bytes, nextId++);
		});
	});

	function relay(client: Socket, head: HttpHead, bytes: Uint8Array, id: number): void {
		const { bytes: first, changes } = opts.keepHost ? { bytes, changes: [] } : rewriteRequest(head, bytes, target);
		const resource = head.startLine.split(' ')[1] ?? '/';
		const observer = side.observe({ id, remotePort: client.remotePort ?? 0, resource });
		const reader = new ObservedConnection();
		const tag = `[#${id}]`;
		const rewrote = changes.map((c) => tapWords(lang).command.rewrote(c.what, c.from, c.to)).join('; ');
		log.line(
			`${tag} ${client.remoteAddress}:${client.remotePort} → ${target.href}${changes.length ? `  (${safe(rewrote)})` : ''}`
		);
		const upstream = target.secure
			? tlsConnect({
					host: target.host.replace(/^\[|\]$/g, ''),
					port: target.port,
					servername: isIp(target.host) ? undefined : target.host,
					ALPNProtocols: ['http/1.1']
				})
			: tcpConnect({ host: target.host.replace(/^\[|\]$/g, ''), port: target.port });
		sockets.add(upstream);
		upstream.setNoDelay(true);
		client.setNoDelay(true);
		let answered = false;
		let closed = 0;
		const done = () => {
			if (++closed < 2) return;
			observer.closed?.();
			log.line(tapWords(lang).closed(tag, reader.bytes('client'), reader.bytes('server')));
		};
		const show = (items: ObservedItem[]) => {
			for (const item of items) log.frame(tag, item);
		};
		const forward = (dir: 'in' | 'out', chunk: Uint8Array) => {
			if (dir === 'in') observer.bytesIn?.(chunk);
			else observer.bytesOut?.(chunk);
			show(reader.push(dir === 'in' ? 'client' : 'server', chunk));
		};

		forward('in', first);
		upstream.write(first);
		client.on('data', (chunk: Buffer) => {
			forward('in', chunk);
			if (!upstream.write(chunk)) client.pause();
		});
		upstream.on('data', (chunk: Buffer) => {
			answered = true;
			forward('out', chunk);
			if (!client.write(chunk)) upstream.pause();
		});
		upstream.on('drain', () => client.resume());
		client.on('drain', () => upstream.resume());
		// Half-closes pass through: each side's FIN reaches the other (RFC 6455 §7.1.1 has the server close first).
		client.on('end', () => upstream.end());
		upstream.on('end', () => client.end());
		upstream.on('error', (err: NodeJS.ErrnoException) => {
			log.line(`${tag} ${target.href}: ${err.code ?? ''} ${err.message}`.trim());
			if (!answered && !client.destroyed) {
				// Nothing came back yet: say why in HTTP, which every WebSocket client reports, in the
				// language the client's browser asked for.
				const body = `${tapWords(requestLang(header(head.fields, 'Accept-Language'))).command.unreachable(target.href, err.message)}\n`;
				client.write(
					serializeHead('HTTP/1.1 502 Bad Gateway', [
						['Content-Type', 'text/plain; charset=utf-8'],
						['Content-Length', String(Buffer.byteLength(body))],
						['Connection', 'close']
					])
				);
				client.end(body);
			} else client.destroy();
		});
		client.on('error', () => upstream.destroy());
		// When one side is gone, the other gets a FIN and a moment to finish before it is dropped.
		const after = (gone: Socket, other: Socket) => () => {
			if (gone === upstream) sockets.delete(upstream);
			if (!other.destroyed) {
				if (!other.writableEnded) other.end();
				setTimeout(() => other.destroy(), 2000).unref();
			}
			done();
		};
		client.on('close', after(client, upstream));
		upstream.on('close', after(upstream, client));
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? DEFAULT_TAP_PORT, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : (opts.port ?? DEFAULT_TAP_PORT);
	if (!target.secure && isSelf(target, port)) {
		server.close();
		throw new TapUsageError(tapWords(lang).command.isSelf(target.href));
	}
	let closing: Promise<void> | null = null;
	return {
		port,
		url: `ws://${host}:${port}/`,
		target,
		close() {
			closing ??= new Promise<void>((resolve) => {
				server.close(() => resolve());
				void side.close();
				for (const s of sockets) s.destroy();
				log.stop();
			});
			return closing;
		}
	};
}

/**
 * The one change the tap makes: Host names the real server, and "/" becomes the target's path
 * (keeping the client's query, which carries the live page's session). Returns the new bytes.
 */
export function rewriteRequest(
	head: HttpHead,
	bytes: Uint8Array,
	target: WebSocketUri
): { bytes: Uint8Array; changes: RequestChange[] } {
	const changes: RequestChange[] = [];
	const [method, resource = '/', version = 'HTTP/1.1'] = head.startLine.split(' ');
	let startLine = head.startLine;
	const q = resource.indexOf('?');
	const path = q < 0 ? resource : resource.slice(0, q);
	const targetPath = target.resourceName.split('?')[0];
	if (path === '/' && targetPath !== '/') {
		const targetQuery = target.resourceName.includes('?')
			? target.resourceName.slice(target.resourceName.indexOf('?') + 1)
			: '';
		const query = [targetQuery, q < 0 ? '' : resource.slice(q + 1)].filter(Boolean).join('&');
		const next = targetPath + (query ? `?${query}` : '');
		startLine = `${method} ${next} ${version}`;
		changes.push({ what: 'path', from: resource, to: next });
	}
	const fields = head.fields.map(([n, v]): [string, string] => {
		if (n.toLowerCase() !== 'host' || v === target.hostHeader) return [n, v];
		changes.push({ what: 'host', from: v, to: target.hostHeader });
		return [n, target.hostHeader];
	});
	if (!changes.length) return { bytes, changes };
	return { bytes: concat([serializeHead(startLine, fields), bytes.subarray(head.length)]), changes };
}

// ── The readable log (one line per frame: server/describe.ts) ────────────────────────────────

function makeLog(write: ((line: string) => void) | null, maxPerSecond: number, lang: Lang) {
	let count = 0;
	let skipped = 0;
	let timer: ReturnType<typeof setInterval> | null = null;
	const tick = () => {
		if (skipped && write) write(tapWords(lang).skipped(skipped, maxPerSecond));
		skipped = 0;
		count = 0;
	};
	return {
		line(text: string) {
			write?.(text);
		},
		frame(tag: string, item: ObservedItem) {
			if (!write) return;
			timer ??= setInterval(tick, 1000);
			timer.unref?.();
			const line = describeItem(item, lang);
			if (line === null) return;
			if (++count > maxPerSecond) skipped++;
			else write(`${tag} ${line}`);
		},
		stop() {
			if (timer) clearInterval(timer);
		}
	};
}

// ── Plumbing ─────────────────────────────────────────────────────────────────────────────────

function readRequestHead(socket: Socket, done: (head: HttpHead, bytes: Uint8Array) => void): void {
	let buffered: Uint8Array | null = null;
	const timer = setTimeout(() => socket.destroy(), HEAD_TIMEOUT_MS);
	const onData = (chunk: Buffer) => {
		buffered = buffered ? concat([buffered, chunk]) : new Uint8Array(chunk);
		const r = readHead(buffered);
		if (r.kind === 'incomplete') return;
		clearTimeout(timer);
		socket.off('data', onData);
		socket.off('close', onClose);
		if (r.kind === 'error') {
			// No head, so no Accept-Language to go by: English.
			const body = `${tapWords('en').command.notHttp(headProblemText(r.problem, 'en'))}\n`;
			socket.end(
				concat([
					serializeHead('HTTP/1.1 400 Bad Request', [
						['Content-Type', 'text/plain; charset=utf-8'],
						['Content-Length', String(Buffer.byteLength(body))],
						['Connection', 'close']
					]),
					Buffer.from(body)
				])
			);
		} else done(r.head, buffered);
	};
	const onClose = () => clearTimeout(timer);
	socket.on('data', onData);
	socket.on('close', onClose);
}

const isIp = (h: string) => /^[\d.]+$/.test(h) || h.includes(':');

function isSelf(target: WebSocketUri, port: number): boolean {
	return target.port === port && ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(target.host.toLowerCase());
}

// ── Command line ─────────────────────────────────────────────────────────────────────────────

/** The help text in `lang`. */
export function tapUsage(lang: Lang): string {
	return tapWords(lang).command.usage(DEFAULT_TAP_PORT, SIDE_CHANNEL_PATH);
}

/**
 * The options, or the text to print instead (the help, or what is wrong and the help), in the
 * language of --lang or else of the terminal (env: LANG, LC_ALL).
 */
export function parseTapArgs(
	argv: readonly string[],
	env: Readonly<Record<string, string | undefined>> = process.env
): TapOptions | string {
	const lang = terminalLang(argv, env);
	const t = tapWords(lang).command;
	const shared = serverWords(lang).command;
	const usage = tapUsage(lang);
	const wrong = (why: string) => `${why}\n\n${usage}`;
	let target: string | undefined;
	let port = DEFAULT_TAP_PORT;
	let keepHost = false;
	let quiet = false;
	const allowOrigins: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
		const name = eq > 0 ? arg.slice(0, eq) : arg;
		const value = () => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
		if (name === '--help' || name === '-h') return usage;
		if (name === '--target' || name === '-t') {
			target = value();
			if (!target) return wrong(t.target);
		} else if (name === '--port' || name === '-p') {
			const v = value();
			if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) return wrong(shared.port(v));
			port = Number(v);
		} else if (name === '--allow-origin') {
			const v = value();
			const origin = allowOriginArg(v);
			if (!origin) return wrong(serverWords(lang).server.allowOrigin(v));
			allowOrigins.push(origin);
		} else if (name === '--keep-host') keepHost = true;
		else if (name === '--quiet' || name === '-q') quiet = true;
		else if (name === '--lang') {
			// terminalLang() already read it; here it is only checked.
			const v = value();
			if (!isLang(v)) return wrong(shared.lang(v));
		} else return wrong(shared.unknown(arg));
	}
	if (!target) return wrong(t.noTarget);
	const parsed = parseWebSocketUri(target);
	if (!parsed.ok) return wrong(`--target ${JSON.stringify(target)}: ${uriProblemText(parsed, lang)}`);
	return { target, port, keepHost, log: quiet ? null : (line) => console.log(line), lang, allowOrigins };
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const lang = terminalLang(argv, process.env);
	const t = tapWords(lang).command;
	const args = parseTapArgs(argv, process.env);
	if (typeof args === 'string') {
		const help = args === tapUsage(lang);
		(help ? console.log : console.error)(args);
		process.exit(help ? 0 : 2);
	}
	try {
		const tap = await startTap(args);
		console.log(t.listening(tap.url, tap.target.href));
		console.log(t.connect(tap.url));
		console.log(t.sideChannel(tap.url.replace(/\/$/, SIDE_CHANNEL_PATH), args.allowOrigins ?? []));
		console.log(serverWords(lang).command.stop);
		let stopping = false;
		const stop = () => {
			if (stopping) process.exit(130);
			stopping = true;
			tap.close().then(() => process.exit(0));
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	} catch (err) {
		const e = err as NodeJS.ErrnoException;
		const port = args.port ?? DEFAULT_TAP_PORT;
		if (e instanceof TapUsageError) console.error(e.message);
		else if (e.code === 'EADDRINUSE') console.error(serverWords(lang).command.portInUse(port, '127.0.0.1', port + 1));
		else console.error(t.couldNotStart(e.message));
		process.exit(1);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
