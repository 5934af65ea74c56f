/**
 * The echo server (server/echo-server.ts, server/socket-adapter.ts) as a client on the network sees
 * it: the plain HTTP answers, the handshake refusals, the timers that drop peers who stop talking,
 * backpressure, the byte observer, and a clean shutdown. The protocol itself is the conformance
 * suite's job (tests/conformance).
 */

import { errorText } from '$lib/i18n/protocol';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer, type EchoServerOptions } from '../../server/echo-server';
import {
	Connection,
	FrameDecoder,
	buildClientRequest,
	concat,
	encodeFrame,
	parseClosePayload,
	readHead,
	type ConnectionEvent
} from '$lib/protocol';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const MASK = new Uint8Array([9, 8, 7, 6]);
let server: EchoServer | null = null;

afterEach(async () => {
	await server?.close();
	server = null;
});

async function start(opts: EchoServerOptions = {}): Promise<EchoServer> {
	server = await startEchoServer({ port: 0, ...opts });
	return server;
}

/** A raw TCP client that collects everything the server sends, and notes when the server closes. */
function rawClient(port: number, opts: { allowHalfOpen?: boolean } = {}) {
	// allowHalfOpen: a peer that keeps its side open after the server's FIN (Node would otherwise close it at once).
	const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: opts.allowHalfOpen ?? false });
	const state = { bytes: new Uint8Array(0) as Uint8Array, ended: false, closed: false, error: null as string | null };
	socket.on('data', (d) => (state.bytes = concat([state.bytes, d])));
	socket.on('end', () => (state.ended = true));
	socket.on('close', () => (state.closed = true));
	socket.on('error', (e: NodeJS.ErrnoException) => (state.error = e.code ?? e.message));
	return { socket, state, text: () => Buffer.from(state.bytes).toString('latin1') };
}

async function until(ready: () => boolean, ms = 3000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!ready()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** The frames that follow the 101 answer in what a raw client received. */
function framesAfterHandshake(bytes: Uint8Array) {
	const head = readHead(bytes);
	if (head.kind !== 'head') throw new Error('no complete answer');
	return new FrameDecoder({ expectMasked: 'unmasked' }).push(bytes.subarray(head.head.length)).map((r) => {
		if (r.type !== 'frame') throw new Error(errorText(r.error, 'en'));
		return r.frame;
	});
}

const upgrade = (port: number, path = '/') =>
	buildClientRequest({ uri: `ws://127.0.0.1:${port}${path}`, key: KEY }).bytes;

describe('plain HTTP on the echo port', () => {
	it("answers a browser's GET / with a page that says what this is", async () => {
		const s = await start();
		const c = rawClient(s.port);
		c.socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n\r\n');
		await until(() => c.state.closed);
		expect(c.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
		expect(c.text()).toMatch(/Content-Type: text\/html; charset=utf-8/);
		expect(c.text()).toContain('WebSocket echo endpoint');
		expect(c.text()).toContain(s.url);
	});

	it('answers other paths with 404, other methods with 405, and bytes that are not HTTP with 400', async () => {
		const s = await start();
		const answers: string[] = [];
		for (const request of [
			'GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n',
			'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
			'hello\r\nthere\r\n\r\n'
		]) {
			const c = rawClient(s.port);
			c.socket.write(request);
			await until(() => c.state.closed);
			answers.push(c.text().split('\r\n')[0]);
		}
		expect(answers).toEqual(['HTTP/1.1 404 Not Found', 'HTTP/1.1 405 Method Not Allowed', 'HTTP/1.1 400 Bad Request']);
	});
});

describe('the opening handshake, done by the engine', () => {
	it('refuses a request without a key (400) and an old version (426), saying why', async () => {
		const s = await start();
		const noKey = rawClient(s.port);
		noKey.socket.write(
			'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n'
		);
		const oldVersion = rawClient(s.port);
		oldVersion.socket.write(
			`GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 8\r\n\r\n`
		);
		await until(() => noKey.state.closed && oldVersion.state.closed);
		expect(noKey.text()).toMatch(/^HTTP\/1\.1 400 Bad Request[\s\S]*Sec-WebSocket-Key header is missing/);
		expect(oldVersion.text()).toMatch(/^HTTP\/1\.1 426 Upgrade Required[\s\S]*Sec-WebSocket-Version: 13/);
	});

	it('refuses a WebSocket request for a path that has no endpoint (404)', async () => {
		const s = await start();
		const c = rawClient(s.port);
		c.socket.write(upgrade(s.port, '/chat'));
		await until(() => c.state.closed);
		expect(c.text()).toMatch(/^HTTP\/1\.1 404 Not Found/);
	});

	it('drops a peer that never finishes its request head', async () => {
		const s = await start({ handshakeTimeoutMs: 200 });
		const c = rawClient(s.port);
		c.socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
		await until(() => c.state.closed, 2000);
		expect(c.state.bytes.length).toBe(0);
	});
});

describe('frames and closing over TCP', () => {
	it('echoes a message before the close that a later bad frame in the same read causes', async () => {
		const s = await start();
		const c = rawClient(s.port);
		c.socket.write(
			concat([
				upgrade(s.port),
				encodeFrame({ opcode: 1, payload: new TextEncoder().encode('first'), mask: MASK }),
				encodeFrame({ opcode: 1, payload: new Uint8Array(1), rsv2: true, mask: MASK })
			])
		);
		await until(() => c.state.ended);
		const frames = framesAfterHandshake(c.state.bytes);
		expect(frames.map((f) => f.opcode)).toEqual([1, 8]);
		expect(new TextDecoder().decode(frames[0].payload)).toBe('first');
		expect(parseClosePayload(frames[1].payload)).toMatchObject({ ok: true, code: 1002 });
	});

	it('refuses a message over maxMessageSize with 1009, from its header, before the payload is sent', async () => {
		const s = await start({ maxMessageSize: 1024 });
		const c = rawClient(s.port);
		const frame = encodeFrame({ opcode: 2, payload: new Uint8Array(4096), mask: MASK });
		c.socket.write(concat([upgrade(s.port), frame.subarray(0, 8)])); // the header and masking key only
		await until(() => c.state.ended);
		const [close] = framesAfterHandshake(c.state.bytes);
		expect(parseClosePayload(close.payload)).toMatchObject({ ok: true, code: 1009 });
	});

	it('half-closes after failing the connection and drops a peer that never closes its side', async () => {
		let serverSocketClosed = false;
		const s = await start({ closeTimeoutMs: 300, onConnection: () => ({ closed: () => (serverSocketClosed = true) }) });
		const c = rawClient(s.port, { allowHalfOpen: true });
		c.socket.write(concat([upgrade(s.port), encodeFrame({ opcode: 3, mask: MASK })]));
		await until(() => c.state.ended);
		const endedAt = Date.now();
		expect(serverSocketClosed).toBe(false); // the server waits for the client's FIN...
		await until(() => serverSocketClosed, 2000); // ...for a while, then drops the connection
		expect(Date.now() - endedAt).toBeGreaterThanOrEqual(200);
		expect(framesAfterHandshake(c.state.bytes).map((f) => f.opcode)).toEqual([8]);
		c.socket.destroy();
	});

	it('on shutdown sends 1001 and drops a client that never answers the close', async () => {
		const s = await start({ closeTimeoutMs: 300 });
		const c = rawClient(s.port);
		c.socket.write(upgrade(s.port));
		await until(() => c.text().startsWith('HTTP/1.1 101'));
		const stopped = s.close();
		server = null;
		await until(() => c.state.closed, 2000);
		await stopped;
		const [close] = framesAfterHandshake(c.state.bytes);
		expect(parseClosePayload(close.payload)).toMatchObject({ ok: true, code: 1001 });
	});
});

describe('adapter duties', () => {
	it('stops reading while its write buffer is full, and resumes when the client reads again', async () => {
		let read = 0;
		const s = await start({ onConnection: () => ({ bytesIn: (b) => void (read += b.length) }) });
		const socket: Socket = connect({ port: s.port, host: '127.0.0.1' });
		socket.pause(); // the client does not read its echoes
		socket.write(upgrade(s.port));
		const frame = encodeFrame({ opcode: 2, payload: new Uint8Array(1 << 20), mask: MASK });
		for (let i = 0; i < 64; i++) socket.write(frame);
		await new Promise((r) => setTimeout(r, 700));
		const readWhilePaused = read;
		// The server reads until 16 MiB of echoes wait (DEFAULT_WRITE_HIGH_WATER_MARK), plus what the
		// kernel buffers hold; most of the 64 MiB is still waiting: the server stopped reading.
		expect(readWhilePaused).toBeLessThan(40 << 20);
		let received = 0;
		socket.on('data', (d) => void (received += d.length));
		socket.resume();
		await until(() => read >= 64 * frame.length && received >= 64 * ((1 << 20) + 10), 20_000);
		socket.destroy();
	});

	it('lets an observer see every byte in and out, handshake included, in order', async () => {
		const seen: { in: Uint8Array[]; out: Uint8Array[]; events: string[]; closed: boolean; resource?: string } = {
			in: [],
			out: [],
			events: [],
			closed: false
		};
		const s = await start({
			onConnection: (info) => {
				seen.resource = info.resource;
				return {
					bytesIn: (b) => seen.in.push(b),
					bytesOut: (b) => seen.out.push(b.slice()),
					event: (e) => seen.events.push(e.type),
					closed: () => (seen.closed = true)
				};
			}
		});
		const c = rawClient(s.port);
		const sent = concat([
			buildClientRequest({ uri: `ws://127.0.0.1:${s.port}/?room=1`, key: KEY }).bytes,
			encodeFrame({ opcode: 1, payload: new TextEncoder().encode('observed'), mask: MASK }),
			encodeFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xe8]), mask: MASK })
		]);
		c.socket.write(sent);
		await until(() => c.state.ended && seen.closed);
		expect(seen.resource).toBe('/?room=1');
		expect(concat(seen.in)).toEqual(sent); // the raw bytes, masked, as they came off TCP
		expect(concat(seen.out)).toEqual(c.state.bytes);
		expect(seen.events).toEqual([
			'handshake-request',
			'state',
			'open',
			'message',
			'state',
			'close-received',
			'state',
			'closed'
		]);
	});

	it('serves many connections at once, each with its own engine', async () => {
		const s = await start();
		const clients = await Promise.all(
			Array.from({ length: 20 }, async (_, i) => {
				const conn = new Connection({ role: 'client', uri: s.url });
				const socket = connect({ port: s.port, host: '127.0.0.1' });
				const events: ConnectionEvent[] = [];
				socket.on('data', (d) => {
					conn.receiveEach(d, (e) => events.push(e));
					for (const b of conn.dataToSend()) socket.write(b);
				});
				for (const b of conn.dataToSend()) socket.write(b);
				await until(() => conn.state === 'OPEN');
				conn.send(`client ${i}`);
				for (const b of conn.dataToSend()) socket.write(b);
				await until(() => events.some((e) => e.type === 'message'));
				socket.destroy();
				const m = events.find((e) => e.type === 'message');
				return m?.type === 'message' ? new TextDecoder().decode(m.data) : '';
			})
		);
		expect(clients).toEqual(Array.from({ length: 20 }, (_, i) => `client ${i}`));
	});
});
