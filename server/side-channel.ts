/**
 * The byte side channel (live mode): `ws://127.0.0.1:6455/_bytes` streams every byte of the echo
 * server's WebSocket connections (and the tap's, on its own port) to the page, both directions,
 * the opening handshake included. The format is in src/lib/live/side-channel-protocol.ts.
 *
 *   const side = createByteSideChannel({ server: 'echo' });
 *   const server = await startEchoServer({ onConnection: side.observe, routes: { '/_bytes': side.accept } });
 *   ...
 *   await Promise.all([side.close(), server.close()]);
 *
 * The subscriber's own WebSocket runs on the engine (a server-role Connection), like the echo.
 * Four limits keep it safe to leave running:
 *   - only loopback peers may subscribe, whatever address the server listens on (the bytes of other
 *     people's connections are not for the network);
 *   - and of browsers, only pages served from this machine (or an origin given with --allow-origin):
 *     any web site you visit can open a WebSocket to 127.0.0.1, and only the Origin header tells
 *     them apart (RFC 6455 §10.2);
 *   - a subscriber that cannot keep up gets a `dropped` notice instead of an ever-growing buffer
 *     (once a direction lost bytes, the rest of it is dropped too: frames cannot be found again);
 *   - a subscriber only hears about connections opened after it subscribed.
 */
import type { Socket } from 'node:net';
import { Connection, header, serializeHead, type HttpHead } from '$lib/protocol';
import { SIDE_CHANNEL_VERSION, sessionOf, type Direction, type SideMessage } from '$lib/side-channel/protocol';
import { requestLang, serverWords } from '$lib/i18n/server';
import type { ConnectionObserver } from './socket-adapter';

export { SIDE_CHANNEL_PATH } from '$lib/side-channel/protocol';

/** What the echo server and the tap know about a connection when it starts. */
export interface ObservedConnection {
	readonly id: number;
	readonly remotePort: number;
	/** The request target, e.g. "/?session=abc". */
	readonly resource: string;
}

export interface SideChannelOptions {
	readonly server: 'echo' | 'tap';
	/** The tap's real server, announced in the hello message. */
	readonly target?: string;
	/** Bytes a subscriber may have waiting in its socket before bytes are dropped (default 8 MiB). */
	readonly maxBuffered?: number;
	/** Largest piece of bytes per message (default 256 KiB): a 10 MiB frame becomes 40 messages. */
	readonly maxChunk?: number;
	/**
	 * Browser origins allowed to subscribe besides pages on this machine (http://localhost:5173,
	 * http://127.0.0.1:4173...), e.g. "https://frames.example.org" where the site is deployed.
	 */
	readonly allowOrigins?: readonly string[];
}

export interface ByteSideChannel {
	/** For startEchoServer's onConnection: an observer that streams this connection's bytes. */
	observe(info: ObservedConnection): ConnectionObserver;
	/** For startEchoServer's routes['/_bytes']: take over an upgrade request to the side channel. */
	accept(socket: Socket, head: HttpHead, bytes: Uint8Array): void;
	/** Subscribers now connected. */
	readonly subscribers: number;
	/** Close every subscriber (1001) and resolve once their sockets are gone. */
	close(): Promise<void>;
}

export const DEFAULT_MAX_BUFFERED = 8 * 1024 * 1024;
export const DEFAULT_MAX_CHUNK = 256 * 1024;
const CLOSE_TIMEOUT_MS = 2000;

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopback(address: string | undefined): boolean {
	if (!address) return false;
	const a = address.toLowerCase().replace(/^::ffff:/, '');
	return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * May a subscriber with this Origin header read the bytes? Requests without one do not come from a
 * browser page (a browser always sends it, RFC 6455 §4.1); pages must be served from this machine
 * or be listed. "null" (a file: page, a sandboxed frame) is no origin anyone can vouch for.
 */
/** The origin an --allow-origin value names (http:// or https:// only), or null when it names none. */
export function allowOriginArg(value: string | undefined): string | null {
	try {
		const url = new URL(value ?? '');
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
	} catch {
		return null;
	}
}

export function originAllowed(origin: string | undefined, allow: readonly string[] = []): boolean {
	if (origin === undefined) return true;
	if (allow.some((a) => a.replace(/\/$/, '').toLowerCase() === origin.toLowerCase())) return true;
	let host: string;
	try {
		const url = new URL(origin);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
		host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	} catch {
		return false;
	}
	return host === 'localhost' || host.endsWith('.localhost') || isLoopback(host);
}

export function createByteSideChannel(opts: SideChannelOptions): ByteSideChannel {
	const maxBuffered = opts.maxBuffered ?? DEFAULT_MAX_BUFFERED;
	const maxChunk = opts.maxChunk ?? DEFAULT_MAX_CHUNK;
	const subscribers = new Set<Subscriber>();

	/** Connection id -> the subscribers following it (chosen when it opened). */
	const following = new Map<number, Subscriber[]>();

	function observe(info: ObservedConnection): ConnectionObserver {
		const session = sessionOf(info.resource);
		const subs = [...subscribers].filter((s) => s.open && (s.filter === null || s.filter === session));
		const id = info.id;
		if (subs.length) {
			following.set(id, subs);
			const open: SideMessage = {
				type: 'open',
				conn: id,
				t: Date.now(),
				remotePort: info.remotePort,
				resource: info.resource
			};
			for (const s of subs) s.send(JSON.stringify(open));
		}
		const bytes = (dir: Direction) => (chunk: Uint8Array) => {
			if (!following.has(id) || chunk.length === 0) return;
			// Copied (the engine reuses and unmasks buffers; Buffer#slice would share them) and coalesced with what came just before in the same
			// direction, so a header and its payload, or a burst of small frames, travel as one message.
			const last = pending[pending.length - 1];
			if (last && last.conn === id && last.dir === dir) {
				last.chunks.push(new Uint8Array(chunk));
				last.size += chunk.length;
			} else pending.push({ conn: id, dir, chunks: [new Uint8Array(chunk)], size: chunk.length });
			if (!flushScheduled) {
				flushScheduled = true;
				setImmediate(flush);
			}
		};
		return {
			bytesIn: bytes('in'),
			bytesOut: bytes('out'),
			closed() {
				flush();
				const subs = following.get(id);
				following.delete(id);
				for (const s of subs ?? []) s.connectionClosed(id);
			}
		};
	}

	const pending: { conn: number; dir: Direction; chunks: Uint8Array[]; size: number }[] = [];
	let flushScheduled = false;

	/** Send what was coalesced, in wire order, in pieces of at most maxChunk bytes. */
	function flush(): void {
		flushScheduled = false;
		const items = pending.splice(0);
		for (const item of items) {
			const subs = following.get(item.conn);
			if (!subs) continue;
			const all = item.chunks.length === 1 ? item.chunks[0] : Buffer.concat(item.chunks);
			for (let o = 0; o < all.length; o += maxChunk) {
				const piece = all.subarray(o, Math.min(all.length, o + maxChunk));
				let text: string | null = null;
				for (const s of subs) {
					if (s.dropping(item.conn, item.dir, piece.length)) continue;
					text ??= JSON.stringify({
						type: 'bytes',
						conn: item.conn,
						dir: item.dir,
						t: Date.now(),
						base64: Buffer.from(piece.buffer, piece.byteOffset, piece.length).toString('base64')
					} satisfies SideMessage);
					s.send(text);
				}
			}
		}
	}

	function accept(socket: Socket, head: HttpHead, bytes: Uint8Array): void {
		socket.on('error', () => {
			/* 'close' follows */
		});
		if (!isLoopback(socket.remoteAddress)) {
			socket.end(
				serializeHead('HTTP/1.1 403 Forbidden', [
					['Content-Length', '0'],
					['Connection', 'close']
				])
			);
			return;
		}
		const origin = header(head.fields, 'Origin');
		if (!originAllowed(origin, opts.allowOrigins)) {
			// RFC 6455 §4.2.2: a server that does not accept the origin answers with an HTTP error (403),
			// here with a body in the page's language (browsers send Accept-Language on the upgrade too).
			const words = serverWords(requestLang(header(head.fields, 'Accept-Language'))).http;
			const why = `${words.otherOrigin(origin ?? '', opts.server)}\n`;
			socket.write(
				serializeHead('HTTP/1.1 403 Forbidden', [
					['Content-Type', 'text/plain; charset=utf-8'],
					['Content-Length', String(Buffer.byteLength(why))],
					['Connection', 'close']
				])
			);
			socket.end(why);
			return;
		}
		const target = head.startLine.split(' ')[1] ?? '';
		const sub = new Subscriber(socket, sessionOf(target), maxBuffered, opts, () => {
			subscribers.delete(sub);
			for (const [id, subs] of following) {
				const rest = subs.filter((s) => s !== sub);
				if (rest.length) following.set(id, rest);
				else following.delete(id);
			}
		});
		subscribers.add(sub);
		sub.receive(bytes);
	}

	return {
		observe,
		accept,
		get subscribers() {
			return subscribers.size;
		},
		close() {
			return Promise.all([...subscribers].map((s) => s.shutDown())).then(() => undefined);
		}
	};
}

/** One page listening on /_bytes: a server-role engine Connection over its socket. */
class Subscriber {
	private readonly conn = new Connection({ role: 'server', decodeText: false });
	/** Bytes dropped per "conn:dir", and whether the page was told. */
	private readonly dropped = new Map<string, { conn: number; dir: Direction; bytes: number; told: number }>();
	/** Connections that ended, whose close is passed on after any dropped notice. */
	private readonly closing = new Set<number>();
	private ended = false;
	private gone = false;
	private readonly closedPromise: Promise<void>;

	constructor(
		private readonly socket: Socket,
		readonly filter: string | null,
		private readonly maxBuffered: number,
		private readonly opts: SideChannelOptions,
		onGone: () => void
	) {
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		socket.on('drain', () => this.tellDropped());
		this.closedPromise = new Promise((resolve) => {
			socket.on('close', () => {
				this.gone = true;
				onGone();
				resolve();
			});
		});
		// A peer that never finishes the handshake is dropped.
		socket.setTimeout(10_000, () => {
			if (this.conn.state === 'CONNECTING') socket.destroy();
		});
	}

	get open(): boolean {
		return !this.gone && this.conn.state === 'OPEN';
	}

	receive(chunk: Uint8Array): void {
		if (this.gone) return;
		for (const e of this.conn.receive(chunk)) {
			if (e.type === 'open') {
				this.socket.setTimeout(0);
				const hello: SideMessage = {
					type: 'hello',
					version: SIDE_CHANNEL_VERSION,
					server: this.opts.server,
					filter: this.filter,
					t: Date.now(),
					...(this.opts.target ? { target: this.opts.target } : {})
				};
				this.conn.sendText(JSON.stringify(hello));
			}
		}
		this.flush();
	}

	send(text: string): void {
		if (!this.open) return;
		this.conn.sendText(text);
		this.flush();
	}

	/** Should these bytes be left out? Yes when the socket is full, and ever after for that direction. */
	dropping(conn: number, dir: Direction, n: number): boolean {
		const key = `${conn}:${dir}`;
		const d = this.dropped.get(key);
		if (!d && this.socket.writableLength + n <= this.maxBuffered) return false;
		if (d) d.bytes += n;
		else this.dropped.set(key, { conn, dir, bytes: n, told: 0 });
		return true;
	}

	connectionClosed(conn: number): void {
		this.closing.add(conn);
		this.tellDropped();
	}

	/**
	 * Say how many bytes were left out once there is room to say it, then pass on the close of
	 * connections that ended meanwhile (so a page reads `dropped` before `close`).
	 */
	private tellDropped(): void {
		if (this.socket.writableLength > this.maxBuffered) return;
		for (const [key, d] of this.dropped) {
			if (d.bytes !== d.told) {
				d.told = d.bytes;
				this.send(
					JSON.stringify({
						type: 'dropped',
						conn: d.conn,
						dir: d.dir,
						bytes: d.bytes,
						t: Date.now()
					} satisfies SideMessage)
				);
			}
			if (this.closing.has(d.conn)) this.dropped.delete(key);
		}
		for (const conn of this.closing)
			this.send(JSON.stringify({ type: 'close', conn, t: Date.now() } satisfies SideMessage));
		this.closing.clear();
	}

	private flush(): void {
		const chunks = this.conn.dataToSend();
		const socket = this.socket;
		if (chunks.length && !socket.destroyed && !socket.writableEnded) {
			socket.cork();
			for (const c of chunks) socket.write(c);
			socket.uncork();
		}
		if (this.conn.shouldCloseTransport && !this.ended) {
			// RFC 6455 §7.1.1: after the closing handshake the server closes TCP first.
			this.ended = true;
			socket.end();
			setTimeout(() => socket.destroy(), CLOSE_TIMEOUT_MS).unref();
		}
	}

	shutDown(): Promise<void> {
		if (!this.gone) {
			if (this.conn.state === 'OPEN') {
				this.conn.close(1001, 'server shutting down');
				this.flush();
			}
			setTimeout(() => this.socket.destroy(), CLOSE_TIMEOUT_MS).unref();
			if (this.conn.state === 'CONNECTING') this.socket.destroy();
		}
		return this.closedPromise;
	}
}
