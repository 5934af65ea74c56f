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
	parseWebSocketUri,
	readHead,
	serializeHead,
	type HttpHead,
	type WebSocketUri
} from '../src/lib/protocol';
import { describeItem, safe } from '../src/lib/live/describe';
import { ConnectionReader, type WireItem } from '../src/lib/live/wire';
import { createByteSideChannel, SIDE_CHANNEL_PATH } from './side-channel';

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
}

export interface Tap {
	readonly port: number;
	/** ws://127.0.0.1:<port>/: where clients connect instead of the target. */
	readonly url: string;
	readonly target: WebSocketUri;
	close(): Promise<void>;
}

export class TapUsageError extends Error {}

export async function startTap(opts: TapOptions): Promise<Tap> {
	const parsed = parseWebSocketUri(opts.target);
	if (!parsed.ok) throw new TapUsageError(`--target ${JSON.stringify(opts.target)}: ${parsed.message} (${parsed.rfc})`);
	const target = parsed.uri;
	const host = '127.0.0.1';
	const side = createByteSideChannel({ server: 'tap', target: target.href });
	const log = makeLog(opts.log ?? null, opts.maxLinesPerSecond ?? 40);
	const sockets = new Set<Socket>();
	let nextId = 1;

	const server: Server = createServer({ allowHalfOpen: true }, (client) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => { /* 'close' follows */ });
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
		const reader = new ConnectionReader();
		const tag = `[#${id}]`;
		log.line(`${tag} ${client.remoteAddress}:${client.remotePort} → ${target.href}${changes.length ? `  (${safe(changes.join('; '))})` : ''}`);
		const upstream = target.secure
			? tlsConnect({ host: target.host.replace(/^\[|\]$/g, ''), port: target.port, servername: isIp(target.host) ? undefined : target.host, ALPNProtocols: ['http/1.1'] })
			: tcpConnect({ host: target.host.replace(/^\[|\]$/g, ''), port: target.port });
		sockets.add(upstream);
		upstream.setNoDelay(true);
		client.setNoDelay(true);
		let answered = false;
		let closed = 0;
		const done = () => {
			if (++closed < 2) return;
			observer.closed?.();
			log.line(`${tag} closed (${reader.bytes('in')} bytes to the server, ${reader.bytes('out')} bytes back)`);
		};
		const show = (items: WireItem[]) => {
			for (const item of items) log.frame(tag, item);
		};
		const forward = (dir: 'in' | 'out', chunk: Uint8Array) => {
			if (dir === 'in') observer.bytesIn?.(chunk);
			else observer.bytesOut?.(chunk);
			show(reader.push(dir, chunk));
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
				// Nothing came back yet: say why in HTTP, which every WebSocket client reports.
				const body = `The tap could not reach ${target.href}: ${err.message}\n`;
				client.write(serializeHead('HTTP/1.1 502 Bad Gateway', [
					['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(body))], ['Connection', 'close']
				]));
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
		throw new TapUsageError(`The target ${target.href} is the tap itself; give the real server's address.`);
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
export function rewriteRequest(head: HttpHead, bytes: Uint8Array, target: WebSocketUri): { bytes: Uint8Array; changes: string[] } {
	const changes: string[] = [];
	const [method, resource = '/', version = 'HTTP/1.1'] = head.startLine.split(' ');
	let startLine = head.startLine;
	const q = resource.indexOf('?');
	const path = q < 0 ? resource : resource.slice(0, q);
	const targetPath = target.resourceName.split('?')[0];
	if (path === '/' && targetPath !== '/') {
		const targetQuery = target.resourceName.includes('?') ? target.resourceName.slice(target.resourceName.indexOf('?') + 1) : '';
		const query = [targetQuery, q < 0 ? '' : resource.slice(q + 1)].filter(Boolean).join('&');
		const next = targetPath + (query ? `?${query}` : '');
		startLine = `${method} ${next} ${version}`;
		changes.push(`path ${resource} → ${next}`);
	}
	const fields = head.fields.map(([n, v]): [string, string] => {
		if (n.toLowerCase() !== 'host' || v === target.hostHeader) return [n, v];
		changes.push(`Host ${v} → ${target.hostHeader}`);
		return [n, target.hostHeader];
	});
	if (!changes.length) return { bytes, changes };
	return { bytes: concat([serializeHead(startLine, fields), bytes.subarray(head.length)]), changes };
}

// ── The readable log (one line per frame: src/lib/live/describe.ts) ───────────────────────────

function makeLog(write: ((line: string) => void) | null, maxPerSecond: number) {
	let count = 0;
	let skipped = 0;
	let timer: ReturnType<typeof setInterval> | null = null;
	const tick = () => {
		if (skipped && write) write(`… ${skipped} more lines in the last second (the log shows at most ${maxPerSecond} a second)`);
		skipped = 0;
		count = 0;
	};
	return {
		line(text: string) {
			write?.(text);
		},
		frame(tag: string, item: WireItem) {
			if (!write) return;
			timer ??= setInterval(tick, 1000);
			timer.unref?.();
			const line = describeItem(item);
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
			const body = `The tap relays WebSocket handshakes; this is not an HTTP request it can read: ${r.reason}.\n`;
			socket.end(concat([serializeHead('HTTP/1.1 400 Bad Request', [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(body))], ['Connection', 'close']]), Buffer.from(body)]));
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

const USAGE = `Usage: npm run tap -- --target ws://host:port/ [--port ${DEFAULT_TAP_PORT}] [--keep-host] [--quiet]

  --target URL   the real server, ws:// or wss:// (required)
  --port N       port to listen on, on 127.0.0.1 (default ${DEFAULT_TAP_PORT}; 0 picks a free one)
  --keep-host    relay the request exactly, Host header included (by default Host names the target)
  --quiet        no frame log in the terminal (the side channel still streams every byte)
  --help         show this help

Then connect to ws://127.0.0.1:${DEFAULT_TAP_PORT}/ instead of the real address: the live page
(/live/) shows the true bytes from ws://127.0.0.1:${DEFAULT_TAP_PORT}${SIDE_CHANNEL_PATH}.`;

export function parseTapArgs(argv: readonly string[]): TapOptions | string {
	let target: string | undefined;
	let port = DEFAULT_TAP_PORT;
	let keepHost = false;
	let quiet = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
		const name = eq > 0 ? arg.slice(0, eq) : arg;
		const value = () => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
		if (name === '--help' || name === '-h') return USAGE;
		if (name === '--target' || name === '-t') {
			target = value();
			if (!target) return `--target takes the real server's address, such as wss://example.org/chat.\n\n${USAGE}`;
		} else if (name === '--port' || name === '-p') {
			const v = value();
			if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) return `--port takes a number from 0 to 65535, not ${v === undefined ? 'nothing' : `"${v}"`}.\n\n${USAGE}`;
			port = Number(v);
		} else if (name === '--keep-host') keepHost = true;
		else if (name === '--quiet' || name === '-q') quiet = true;
		else return `Unknown option "${arg}".\n\n${USAGE}`;
	}
	if (!target) return `Which server should the tap relay to? Give --target ws://host:port/ or wss://host/.\n\n${USAGE}`;
	const parsed = parseWebSocketUri(target);
	if (!parsed.ok) return `--target ${JSON.stringify(target)}: ${parsed.message}\n\n${USAGE}`;
	return { target, port, keepHost, log: quiet ? null : (line) => console.log(line) };
}

async function main(): Promise<void> {
	const args = parseTapArgs(process.argv.slice(2));
	if (typeof args === 'string') {
		const help = args === USAGE;
		(help ? console.log : console.error)(args);
		process.exit(help ? 0 : 2);
	}
	try {
		const tap = await startTap(args);
		console.log(`Frame by Frame tap on ${tap.url} → ${tap.target.href}`);
		console.log(`  connect your client (or the live page) to ${tap.url}`);
		console.log(`  byte side channel: ${tap.url.replace(/\/$/, SIDE_CHANNEL_PATH)}   (loopback only)`);
		console.log('  Ctrl+C to stop.');
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
		if (e instanceof TapUsageError) console.error(e.message);
		else if (e.code === 'EADDRINUSE') console.error(`Port ${args.port} on 127.0.0.1 is already in use; try --port ${(args.port ?? DEFAULT_TAP_PORT) + 1}.`);
		else console.error('Could not start the tap:', e.message);
		process.exit(1);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
