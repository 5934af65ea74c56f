/**
 * HTTP/2 over cleartext with prior knowledge (RFC 7540 §3.4) on the echo server's own port: a client
 * that opens with the connection preface gets an HTTP/2 connection, and on it WebSockets by extended
 * CONNECT (RFC 8441), echoed like those over HTTP/1.1. The engine (src/lib/protocol/http2) does all
 * of the HTTP/2 and WebSocket work; this file moves bytes between it and the socket, and closes the
 * socket when the engine has said GOAWAY or the peer has gone.
 */
import type { Socket } from 'node:net';
import { concat, type ExtensionNegotiator } from '$lib/protocol';
import { WebSocketOverHttp2, type H2WebSocketEvent } from '$lib/protocol/http2/websocket';
import { connectProblemText } from '$lib/i18n/protocol/http2';

export interface Http2SessionOptions {
	readonly extensions: readonly ExtensionNegotiator[];
	readonly subprotocols?: readonly string[];
	readonly maxMessageSize?: number;
	/** How long to wait for the peer to end a stream or the connection once the server is closing. */
	readonly closeTimeoutMs?: number;
	/** How long a client may hold the connection without opening a WebSocket (as over HTTP/1.1). */
	readonly handshakeTimeoutMs?: number;
	/** Every event, as it happens (tests and the terminal). */
	readonly onEvent?: (event: H2WebSocketEvent) => void;
}

export class Http2Session {
	readonly engine: WebSocketOverHttp2;
	private readonly socket: Socket;
	private readonly opts: Http2SessionOptions;
	private gone = false;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(socket: Socket, initial: Uint8Array, opts: Http2SessionOptions) {
		this.socket = socket;
		this.opts = opts;
		this.engine = new WebSocketOverHttp2({
			role: 'server',
			extensions: opts.extensions,
			...(opts.subprotocols ? { subprotocols: opts.subprotocols } : {}),
			...(opts.maxMessageSize ? { maxMessageSize: opts.maxMessageSize } : {}),
			// A refusal says why in words (English: an HTTP/2 request carries no page language here).
			refusalBody: (problem) => connectProblemText(problem, 'en')
		});
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		// A connection that opens no WebSocket in time is ended, GOAWAY first (RFC 7540 §6.8).
		this.timer = setTimeout(() => {
			if (this.engine.streams.length) return;
			this.engine.h2.goaway('NO_ERROR');
			this.write();
			socket.end();
		}, opts.handshakeTimeoutMs ?? 10_000);
		socket.on('close', () => {
			if (this.timer) clearTimeout(this.timer);
			this.gone = true;
			for (const e of this.engine.receiveEof()) opts.onEvent?.(e);
		});
		this.write();
		this.receive(initial);
	}

	private receive(bytes: Uint8Array): void {
		if (this.gone) return;
		for (const e of this.engine.receive(bytes)) {
			this.opts.onEvent?.(e);
			// The echo: a message goes back on its stream with the same opcode and bytes.
			if (e.type === 'ws' && e.event.type === 'message') {
				const ws = this.engine.socket(e.stream);
				if (ws?.state === 'OPEN') this.engine.sendMessage(e.event.kind === 'text' ? 1 : 2, e.event.data, e.stream);
			}
		}
		this.write();
	}

	private write(): void {
		const chunks = this.engine.dataToSend();
		if (chunks.length && !this.gone) this.socket.write(concat(chunks));
		// After GOAWAY for an error, the connection is over (RFC 7540 §5.4.1); after a graceful one,
		// once every WebSocket on it has closed (§6.8).
		const done =
			this.engine.h2.closed ||
			(this.engine.h2.goawayAt !== null && this.engine.streams.every((s) => this.engine.socket(s)?.state === 'CLOSED'));
		if (done && !this.gone) this.socket.end();
	}

	/** The server is stopping: 1001 on every open WebSocket, then GOAWAY, then the socket ends. */
	close(): void {
		if (this.gone) return;
		for (const stream of this.engine.streams)
			if (this.engine.socket(stream)?.state === 'OPEN') this.engine.close(1001, 'server shutting down', stream);
		this.engine.h2.goaway('NO_ERROR');
		this.write();
		setTimeout(() => this.socket.destroy(), this.opts.closeTimeoutMs ?? 3000).unref();
	}
}
