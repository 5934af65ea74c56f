/**
 * The adapter between one TCP socket and one engine Connection (server role). The engine does all of
 * the WebSocket work, the opening handshake included; this file only moves bytes and keeps time:
 *
 *   socket 'data' -> conn.receiveEach() -> application handler -> conn.dataToSend() -> socket.write()
 *
 * It owns what the sans-I/O engine cannot: timers (a peer that never finishes the handshake, never
 * answers our close, or never closes TCP after it), backpressure (stop reading while the socket's
 * write buffer is full) and closing the socket when the engine says so (RFC 6455 §7.1.1: the server
 * closes TCP first). Every connection of every endpoint goes through here, so an observer can see the
 * raw bytes in and out of any of them (live mode's byte side channel builds on that).
 */

import type { Socket } from 'node:net';
import { Connection, type ConnectionEvent, type ConnectionOptions } from '$lib/protocol';

/** Watches one connection; every callback is optional and runs synchronously, in wire order. */
export interface ConnectionObserver {
	/** Bytes exactly as they came off TCP (a copy: the engine unmasks the original in place). */
	bytesIn?(bytes: Uint8Array): void;
	/** Bytes exactly as they were written to TCP (the engine's own buffers: copy them to keep them). */
	bytesOut?(bytes: Uint8Array): void;
	/** Every engine event, as it happens. */
	event?(event: ConnectionEvent): void;
	/** The TCP connection is gone. */
	closed?(): void;
}

export interface AdapterOptions {
	/** The application: called with each event; it may send on `conn` (an echo server echoes). */
	readonly onEvent?: (event: ConnectionEvent, conn: Connection) => void;
	readonly observer?: ConnectionObserver | null;
	/** Engine options (subprotocols, maxMessageSize...); the role is always server. */
	readonly engine?: Omit<ConnectionOptions, 'role'>;
	/** How long to wait for the peer's close frame, or for its TCP FIN after the closing handshake. */
	readonly closeTimeoutMs?: number;
	/** How long a peer may take to complete the opening handshake. */
	readonly handshakeTimeoutMs?: number;
	/** Stop reading while more than this many bytes wait in the socket's write buffer. */
	readonly writeHighWaterMark?: number;
}

export const DEFAULT_CLOSE_TIMEOUT_MS = 3000;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
/**
 * Reading pauses while this much waits to be written: a peer that stops reading cannot make the
 * server buffer without end. It is well above one large message: at 1 MiB, echoing a single 1 MiB
 * message paused the reading of the next ones while the peer was still reading, and a client with
 * four in flight waited on it (`npm run bench`, 1 MiB rows: about 8% in wall time).
 */
export const DEFAULT_WRITE_HIGH_WATER_MARK = 16 * 1024 * 1024;

export class SocketAdapter {
	readonly conn: Connection;
	private readonly socket: Socket;
	private readonly opts: AdapterOptions;
	private readonly observer: ConnectionObserver | null;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private ended = false;
	private gone = false;
	private paused = false;
	private readonly highWater: number;
	private readonly handle: (event: ConnectionEvent) => void;

	/** Take over `socket`; `initial` holds the bytes already read from it (the request head, perhaps more). */
	constructor(socket: Socket, initial: Uint8Array | null, opts: AdapterOptions = {}) {
		this.socket = socket;
		this.opts = opts;
		this.observer = opts.observer ?? null;
		this.highWater = opts.writeHighWaterMark ?? DEFAULT_WRITE_HIGH_WATER_MARK;
		// A server reads its own sockets, so the engine may unmask in place and skip decoding text, and
		// gather large payloads in memory it need not zero first (every byte is written before use).
		this.conn = new Connection({
			decodeText: false,
			mutableInput: true,
			allocate: Buffer.allocUnsafe,
			...opts.engine,
			role: 'server'
		});
		const onEvent = opts.onEvent;
		const observer = this.observer;
		this.handle = (event) => {
			observer?.event?.(event);
			onEvent?.(event, this.conn);
		};
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		socket.on('end', () => this.peerEnded());
		socket.on('error', () => this.peerEnded());
		socket.on('close', () => this.socketClosed());
		socket.on('drain', () => this.resume());
		this.arm(opts.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS);
		if (initial && initial.length > 0) this.receive(initial);
	}

	/** Start the closing handshake from our side (a server shutting down sends 1001). */
	close(code = 1001, reason = ''): void {
		if (this.gone) return;
		if (this.conn.state === 'OPEN') {
			this.conn.close(code, reason);
			this.flush();
			this.arm(this.opts.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
		} else if (this.conn.state === 'CONNECTING') this.destroy();
	}

	/** Drop the TCP connection now. */
	destroy(): void {
		this.clearTimer();
		if (!this.socket.destroyed) this.socket.destroy();
	}

	private receive(chunk: Uint8Array): void {
		if (this.gone) return;
		// new Uint8Array(...) copies; Buffer.prototype.slice would only make a view, which the engine then unmasks.
		this.observer?.bytesIn?.(new Uint8Array(chunk));
		const before = this.conn.state;
		try {
			this.conn.receiveEach(chunk, this.handle);
		} catch (err) {
			// A bug in a handler must not leave the peer hanging: fail with 1011 (Internal Error).
			console.error('frame-by-frame server: handler error', err);
			try {
				// The observer still hears of it; the application, which just threw, does not.
				for (const e of this.conn.fail(1011)) this.observer?.event?.(e);
			} catch {
				this.destroy();
			}
		}
		if (before === 'CONNECTING' && this.conn.state !== 'CONNECTING') this.clearTimer();
		this.flush();
	}

	/** Write whatever the engine queued, as one corked batch, then apply backpressure and closing. */
	private flush(): void {
		const chunks = this.conn.dataToSend();
		const socket = this.socket;
		if (chunks.length > 0 && !socket.destroyed && !socket.writableEnded) {
			const observer = this.observer;
			if (observer?.bytesOut) for (const c of chunks) observer.bytesOut(c);
			socket.cork();
			writeCoalesced(socket, chunks);
			socket.uncork();
			if (!this.paused && socket.writableLength > this.highWater) {
				this.paused = true;
				socket.pause();
			}
		}
		if (this.conn.shouldCloseTransport && !this.ended) {
			// The closing handshake is over or the connection failed: half-close now (FIN after the queued
			// bytes), keep reading what the peer still sends, and drop it if its FIN never comes.
			this.ended = true;
			socket.end();
			this.arm(this.opts.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
		}
	}

	private resume(): void {
		if (this.paused && this.socket.writableLength <= this.highWater) {
			this.paused = false;
			this.socket.resume();
		}
	}

	private peerEnded(): void {
		if (this.gone) return;
		for (const e of this.conn.receiveEof()) this.handle(e);
		this.flush();
	}

	private socketClosed(): void {
		if (this.gone) return;
		this.peerEnded();
		this.gone = true;
		this.clearTimer();
		this.observer?.closed?.();
	}

	private arm(ms: number): void {
		this.clearTimer();
		this.timer = setTimeout(() => this.destroy(), ms);
	}

	private clearTimer(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}
}

/** Chunks below this size are copied together before writing; bigger ones are written as they are. */
const COALESCE_BELOW = 16 * 1024;
const BATCH = 64 * 1024;

/**
 * Write chunks in order with as few socket.write() calls as possible: every call costs about a
 * microsecond of bookkeeping in Node, which for a read full of 64-byte echoes is most of the work.
 * Runs of small chunks are copied into one buffer; large payloads go out uncopied.
 */
function writeCoalesced(socket: Socket, chunks: Uint8Array[]): void {
	let i = 0;
	const n = chunks.length;
	while (i < n) {
		const first = chunks[i];
		if (first.length >= COALESCE_BELOW || i + 1 === n || chunks[i + 1].length >= COALESCE_BELOW) {
			socket.write(first);
			i++;
			continue;
		}
		let total = 0;
		let j = i;
		while (j < n && chunks[j].length < COALESCE_BELOW && total + chunks[j].length <= BATCH) total += chunks[j++].length;
		const batch = Buffer.allocUnsafe(total);
		let o = 0;
		for (let k = i; k < j; k++) {
			batch.set(chunks[k], o);
			o += chunks[k].length;
		}
		socket.write(batch);
		i = j;
	}
}
