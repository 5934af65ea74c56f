/**
 * The local echo server (`npm run server`): a raw TCP server whose every WebSocket byte, the opening
 * handshake included, is produced and checked by the Frame by Frame engine. Node's own HTTP parser is
 * not involved: the engine's readHead() reads the request head, so what the site teaches is exactly
 * what runs here.
 *
 *   ws://host:port/     echo: text and binary messages come back with the same opcode and bytes
 *   http://host:port/   a short page saying what this is
 *   HTTP/2 (h2c, prior knowledge) on the same port: WebSockets by extended CONNECT (RFC 8441),
 *                       echoed the same way (http2-session.ts)
 *
 * Each WebSocket connection is one SocketAdapter (socket-adapter.ts); `onConnection` may return an
 * observer to watch its raw bytes in and out.
 */

import { createServer, type Server, type Socket } from 'node:net';
import {
	concat,
	hasToken,
	header,
	permessageDeflate,
	readHead,
	type ConnectionEvent,
	type Connection,
	type HttpHead
} from '$lib/protocol';
import { headProblemText, requestProblemText } from '$lib/i18n/protocol';
import { requestLang, serverWords } from '$lib/i18n/server';
import { landingPage, httpResponse, textResponse } from './http-page';
import { Http2Session } from './http2-session';
import { SocketAdapter, type ConnectionObserver, DEFAULT_HANDSHAKE_TIMEOUT_MS } from './socket-adapter';
import { zlibBackend } from './zlib-backend';

export const DEFAULT_PORT = 6455;
export const DEFAULT_HOST = '127.0.0.1';

/** What is known about a WebSocket connection when it is handed to the engine. */
export interface ConnectionInfo {
	/** Increasing number, unique within this server. */
	readonly id: number;
	readonly remoteAddress: string;
	readonly remotePort: number;
	/** The request target, e.g. "/" or "/?x=1". */
	readonly resource: string;
	readonly head: HttpHead;
}

export interface EchoServerOptions {
	/** TCP port; 0 picks a free one (the returned `port` says which). Default 6455. */
	readonly port?: number;
	/** Default 127.0.0.1: the server is for learning on this machine, not for the network. */
	readonly host?: string;
	/** Called for each WebSocket connection before its handshake is processed; return an observer to see its bytes. */
	readonly onConnection?: (info: ConnectionInfo) => ConnectionObserver | void | null;
	/** Largest message accepted (default: the engine's 64 MiB); larger ones are refused with 1009. */
	readonly maxMessageSize?: number;
	/** Subprotocols the echo endpoint agrees to, preferred first (it echoes whatever the protocol). */
	readonly subprotocols?: readonly string[];
	/**
	 * Negotiate permessage-deflate (RFC 7692) when a client offers it, as browsers always do
	 * (default true), so live mode shows real compressed traffic.
	 */
	readonly deflate?: boolean;
	/** How long a peer gets to answer our close frame, or to close TCP after the closing handshake. */
	readonly closeTimeoutMs?: number;
	/** How long a peer gets to send its request and complete the opening handshake. */
	readonly handshakeTimeoutMs?: number;
	/**
	 * Other WebSocket endpoints by path, such as live mode's byte side channel on '/_bytes'
	 * (server/side-channel.ts): an upgrade request for one of them is handed over with its socket,
	 * its parsed head and every byte read so far.
	 */
	readonly routes?: Readonly<Record<string, (socket: Socket, head: HttpHead, bytes: Uint8Array) => void>>;
}

export interface EchoServer {
	readonly port: number;
	readonly host: string;
	/** ws://host:port/ */
	readonly url: string;
	/** Stop listening, send 1001 (Going Away) on open connections, and resolve once every socket is closed. */
	close(): Promise<void>;
}

/** The echo itself: the received bytes go back with the same opcode, never decoded and re-encoded. */
function echo(event: ConnectionEvent, conn: Connection): void {
	if (event.type === 'message' && conn.state === 'OPEN') conn.sendMessage(event.kind === 'text' ? 1 : 2, event.data);
}

export async function startEchoServer(opts: EchoServerOptions = {}): Promise<EchoServer> {
	// One negotiator serves every connection; each handshake gets its own codec and window. Node's
	// zlib compresses the large messages (the engine's pako streams the small ones).
	const deflate = permessageDeflate({ backend: zlibBackend() });
	const host = opts.host ?? DEFAULT_HOST;
	const adapters = new Set<SocketAdapter>();
	const sessions = new Set<Http2Session>();
	/** Sockets still sending their request head: nothing to tell them when the server stops. */
	const reading = new Set<Socket>();
	let nextId = 1;
	let url = '';

	const server: Server = createServer({ allowHalfOpen: false }, (socket) => {
		socket.on('error', () => {
			/* ECONNRESET and the like: 'close' follows */
		});
		reading.add(socket);
		socket.on('close', () => reading.delete(socket));
		readRequestHead(socket, opts.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS, (head, bytes) => {
			reading.delete(socket);
			route(socket, head, bytes);
		});
	});

	function route(socket: Socket, head: HttpHead, bytes: Uint8Array): void {
		// "PRI * HTTP/2.0" reads as a head: the start of the HTTP/2 preface (RFC 7540 §3.4, prior
		// knowledge). The HTTP/2 engine checks the rest of it, and answers a wrong one with GOAWAY.
		if (head.startLine === 'PRI * HTTP/2.0') {
			const session = new Http2Session(socket, bytes, {
				extensions: opts.deflate === false ? [] : [deflate],
				subprotocols: opts.subprotocols,
				maxMessageSize: opts.maxMessageSize,
				closeTimeoutMs: opts.closeTimeoutMs,
				handshakeTimeoutMs: opts.handshakeTimeoutMs
			});
			sessions.add(session);
			socket.on('close', () => sessions.delete(session));
			return;
		}
		const [method = '', target = ''] = head.startLine.split(' ');
		const path = target.split('?')[0];
		const f = head.fields;
		const wantsWebSocket =
			header(f, 'Upgrade') !== undefined ||
			header(f, 'Sec-WebSocket-Key') !== undefined ||
			hasToken(header(f, 'Connection'), 'upgrade');
		// Words sent back follow the reader's browser; status lines and header names stay as HTTP has them.
		const lang = requestLang(header(f, 'Accept-Language'));
		const t = serverWords(lang).http;
		if (wantsWebSocket && opts.routes && Object.hasOwn(opts.routes, path)) {
			opts.routes[path](socket, head, bytes);
			return;
		}
		if (wantsWebSocket && path === '/') {
			// The engine reads the same bytes again and answers 101, 400 or 426 itself.
			const info: ConnectionInfo = {
				id: nextId++,
				remoteAddress: socket.remoteAddress ?? '',
				remotePort: socket.remotePort ?? 0,
				resource: target,
				head
			};
			const observer = opts.onConnection?.(info) ?? null;
			const adapter = new SocketAdapter(socket, bytes, {
				onEvent: echo,
				observer,
				closeTimeoutMs: opts.closeTimeoutMs,
				handshakeTimeoutMs: opts.handshakeTimeoutMs,
				engine: {
					maxMessageSize: opts.maxMessageSize,
					subprotocols: opts.subprotocols,
					extensions: opts.deflate === false ? [] : [deflate],
					// A refusal says why in words, for whoever reads it with curl or a browser's devtools.
					refusalBody: (problem) => requestProblemText(problem, lang)
				}
			});
			adapters.add(adapter);
			socket.on('close', () => adapters.delete(adapter));
			return;
		}
		const isHead = method === 'HEAD';
		let answer: Buffer;
		if (wantsWebSocket) answer = textResponse(404, t.noEndpoint(path, url));
		else if (method !== 'GET' && !isHead)
			answer = httpResponse(405, 'text/plain; charset=utf-8', `${t.onlyGet}\n`, { allow: 'GET, HEAD' });
		else if (path !== '/') answer = textResponse(404, t.nothingAt(path, url), isHead);
		else answer = httpResponse(200, 'text/html; charset=utf-8', landingPage(url, lang), { head: isHead });
		socket.end(answer);
		// Connection: close was said; a client that keeps the socket open anyway is dropped.
		socket.setTimeout(5000, () => socket.destroy());
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? DEFAULT_PORT, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : (opts.port ?? DEFAULT_PORT);
	url = `ws://${host.includes(':') ? `[${host}]` : host}:${port}/`;

	let closing: Promise<void> | null = null;
	return {
		port,
		host,
		url,
		close() {
			// server.close() calls back once every connection has closed; the adapters' timers bound that.
			closing ??= new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const a of adapters) a.close(1001, 'server shutting down');
				for (const h of sessions) h.close();
				for (const s of reading) s.destroy();
			});
			return closing;
		}
	};
}

/**
 * Collect bytes until the request head is complete (the engine's readHead() finds its end), then hand
 * over the socket with every byte read so far. A peer that sends no complete head in time is dropped.
 */
function readRequestHead(socket: Socket, timeoutMs: number, done: (head: HttpHead, bytes: Uint8Array) => void): void {
	let buffered: Uint8Array | null = null;
	const timer = setTimeout(() => socket.destroy(), timeoutMs);
	const onData = (chunk: Buffer) => {
		buffered = buffered ? concat([buffered, chunk]) : chunk;
		const r = readHead(buffered);
		if (r.kind === 'incomplete') return;
		clearTimeout(timer);
		socket.off('data', onData);
		socket.off('close', onClose);
		if (r.kind === 'error') {
			// No head, so no Accept-Language to go by: English.
			socket.end(textResponse(400, serverWords('en').http.unreadable(headProblemText(r.problem, 'en'))));
			socket.setTimeout(5000, () => socket.destroy());
		} else done(r.head, buffered);
	};
	const onClose = () => clearTimeout(timer);
	socket.on('data', onData);
	socket.on('close', onClose);
}
