/**
 * server/side-channel.ts: the byte side channel on /_bytes streams every byte of the echo server's
 * connections, both directions, the handshake included, exactly as they crossed TCP; it keeps its
 * memory bounded for a slow page, and follows only the session a page asks for.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Connection, base64Decode, type ConnectionEvent } from '$lib/protocol';
import { parseSideMessage, sessionOf, type SideMessage } from '$lib/side-channel/protocol';
import { startEchoServer, type EchoServer } from '../../server/echo-server';
import {
	createByteSideChannel,
	isLoopback,
	originAllowed,
	SIDE_CHANNEL_PATH,
	type ByteSideChannel
} from '../../server/side-channel';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const cat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

async function until<T>(get: () => T | undefined | null | false, what: string, ms = 5000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = get();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** A client on the engine over a raw socket, so the test knows every byte it wrote and read. */
class RawClient {
	readonly wrote: Uint8Array[] = [];
	readonly read: Uint8Array[] = [];
	readonly events: ConnectionEvent[] = [];
	readonly conn: Connection;
	private readonly socket: Socket;
	closed = false;

	constructor(port: number, resource: string) {
		this.conn = new Connection({ role: 'client', uri: `ws://127.0.0.1:${port}${resource}` });
		this.socket = connect(port, '127.0.0.1');
		this.socket.on('data', (chunk: Buffer) => {
			this.read.push(new Uint8Array(chunk));
			this.events.push(...this.conn.receive(new Uint8Array(chunk)));
			this.flush();
		});
		this.socket.on('close', () => (this.closed = true));
		this.socket.on('error', () => {});
		this.flush();
	}

	flush(): void {
		for (const c of this.conn.dataToSend()) {
			this.wrote.push(new Uint8Array(c));
			this.socket.write(c);
		}
		if (this.conn.shouldCloseTransport) this.socket.end();
	}

	send(data: string | Uint8Array): void {
		this.conn.send(data);
		this.flush();
	}

	close(code = 1000, reason = ''): void {
		this.conn.close(code, reason);
		this.flush();
	}
}

class Subscriber {
	readonly messages: SideMessage[] = [];
	readonly raw: string[] = [];
	readonly ws: WebSocket;
	constructor(port: number, query = '', origin?: string) {
		this.ws = new WebSocket(`ws://127.0.0.1:${port}${SIDE_CHANNEL_PATH}${query}`, origin ? { origin } : {});
		this.ws.on('message', (data) => {
			this.raw.push(String(data));
			const m = parseSideMessage(String(data));
			if (m) this.messages.push(m);
		});
		this.ws.on('error', () => {});
	}
	ready(): Promise<SideMessage> {
		return until(() => this.messages.find((m) => m.type === 'hello'), 'hello');
	}
	bytes(conn: number, dir: 'in' | 'out'): Uint8Array {
		const parts = this.messages.flatMap((m) => {
			if (m.type !== 'bytes' || m.conn !== conn || m.dir !== dir) return [];
			const r = base64Decode(m.base64!);
			return r.ok ? [r.bytes] : [];
		});
		return cat(parts);
	}
}

let server: EchoServer | null = null;
let side: ByteSideChannel | null = null;
const subs: Subscriber[] = [];

async function start(opts: { maxBuffered?: number; maxChunk?: number; allowOrigins?: string[] } = {}) {
	side = createByteSideChannel({ server: 'echo', ...opts });
	server = await startEchoServer({ port: 0, onConnection: side.observe, routes: { [SIDE_CHANNEL_PATH]: side.accept } });
	return server.port;
}

function subscribe(port: number, query = '', origin?: string): Subscriber {
	const s = new Subscriber(port, query, origin);
	subs.push(s);
	return s;
}

afterEach(async () => {
	for (const s of subs.splice(0)) s.ws.terminate();
	await Promise.all([side?.close(), server?.close()]);
	server = null;
	side = null;
});

describe('byte side channel', () => {
	it('streams both directions exactly as they crossed TCP, the handshake included', async () => {
		const port = await start();
		const sub = subscribe(port);
		expect(await sub.ready()).toMatchObject({ type: 'hello', version: 1, server: 'echo', filter: null });

		const client = new RawClient(port, '/?session=one');
		await until(() => client.conn.state === 'OPEN', 'open');
		client.send('hello');
		client.send(new Uint8Array(70_000).map((_, i) => i & 0xff)); // a 16-bit length
		await until(() => client.events.filter((e) => e.type === 'message').length === 2, 'echoes');
		client.close(4001, 'bye');
		await until(() => client.closed, 'TCP closed');

		const open = await until(() => sub.messages.find((m) => m.type === 'open'), 'open message');
		expect(open).toMatchObject({ type: 'open', resource: '/?session=one' });
		const conn = open.type === 'open' ? open.conn : -1;
		await until(() => sub.messages.some((m) => m.type === 'close' && m.conn === conn), 'close message');
		expect(hex(sub.bytes(conn, 'in'))).toBe(hex(cat(client.wrote)));
		expect(hex(sub.bytes(conn, 'out'))).toBe(hex(cat(client.read)));
		// The request starts the 'in' stream and the 101 starts 'out'.
		expect(Buffer.from(sub.bytes(conn, 'in')).toString('latin1')).toMatch(/^GET \/\?session=one HTTP\/1\.1\r\n/);
		expect(Buffer.from(sub.bytes(conn, 'out')).toString('latin1')).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
		// Timestamps and the order of messages: open first, close last.
		const mine = sub.messages.filter((m) => 'conn' in m && m.conn === conn);
		expect(mine[0].type).toBe('open');
		expect(mine[mine.length - 1].type).toBe('close');
		expect(mine.every((m) => 't' in m && m.t > 0)).toBe(true);
	});

	it('follows only the session it was asked for, and only connections opened after it subscribed', async () => {
		const port = await start();
		const early = new RawClient(port, '/?session=mine');
		await until(() => early.conn.state === 'OPEN', 'early open');
		const mine = subscribe(port, '?session=mine');
		const all = subscribe(port);
		expect(await mine.ready()).toMatchObject({ filter: 'mine' });
		await all.ready();
		const other = new RawClient(port, '/?session=other');
		const me = new RawClient(port, '/?x=1&session=mine');
		await until(() => other.conn.state === 'OPEN' && me.conn.state === 'OPEN', 'both open');
		early.send('before');
		me.send('mine');
		other.send('theirs');
		await until(
			() => me.events.some((e) => e.type === 'message') && other.events.some((e) => e.type === 'message'),
			'echoes'
		);
		await until(() => all.messages.filter((m) => m.type === 'bytes').length >= 8, 'bytes to all');
		const opens = (s: Subscriber) => s.messages.flatMap((m) => (m.type === 'open' ? [m.resource] : []));
		expect(opens(mine)).toEqual(['/?x=1&session=mine']);
		expect(opens(all).sort()).toEqual(['/?session=other', '/?x=1&session=mine']);
		expect(mine.raw.join('')).not.toContain(Buffer.from('theirs').toString('base64').slice(0, 6));
	});

	it('drops bytes a slow page cannot take, says how many, and stops that direction there', async () => {
		const port = await start({ maxBuffered: 64 * 1024, maxChunk: 16 * 1024 });
		const sub = subscribe(port);
		await sub.ready();
		// The page stops reading: its socket's receive window fills and the server's buffer grows.
		(sub.ws as unknown as { _socket: Socket })._socket.pause();
		const client = new RawClient(port, '/');
		await until(() => client.conn.state === 'OPEN', 'open');
		const big = new Uint8Array(4 * 1024 * 1024);
		client.send(big);
		await until(() => client.events.some((e) => e.type === 'message'), 'echo', 15_000);
		client.close();
		await until(() => client.closed, 'closed');
		(sub.ws as unknown as { _socket: Socket })._socket.resume();
		await until(() => sub.messages.some((m) => m.type === 'close'), 'close', 10_000);
		const dropped = sub.messages.filter((m) => m.type === 'dropped');
		expect(dropped.length).toBeGreaterThan(0);
		const conn = sub.messages.find((m) => m.type === 'open')!;
		const connId = conn.type === 'open' ? conn.conn : -1;
		for (const dir of ['in', 'out'] as const) {
			const got = sub.bytes(connId, dir).length;
			const lost = Math.max(
				0,
				...sub.messages.flatMap((m) => (m.type === 'dropped' && m.dir === dir ? [m.bytes] : []))
			);
			const total = dir === 'in' ? cat(client.wrote).length : cat(client.read).length;
			// What arrived plus what was reported dropped is everything; and what arrived is a prefix.
			expect(got + lost).toBe(total);
			const all = dir === 'in' ? cat(client.wrote) : cat(client.read);
			expect(hex(sub.bytes(connId, dir))).toBe(hex(all.subarray(0, got)));
		}
		expect(sub.raw.reduce((n, r) => n + r.length, 0)).toBeLessThan(6 * 1024 * 1024);
	});

	it('closes its subscribers with 1001 when the server stops', async () => {
		const port = await start();
		const sub = subscribe(port);
		await sub.ready();
		const code = new Promise<number>((resolve) => sub.ws.on('close', (c) => resolve(c)));
		await side!.close();
		expect(await code).toBe(1001);
		expect(side!.subscribers).toBe(0);
	});

	it('is the only thing on /_bytes: plain requests there still get a 404', async () => {
		const port = await start();
		const res = await fetch(`http://127.0.0.1:${port}${SIDE_CHANNEL_PATH}`);
		expect(res.status).toBe(404);
		await res.text();
	});

	it('refuses pages from other sites (any page can open a socket to 127.0.0.1), with a 403 that says why', async () => {
		const port = await start({ allowOrigins: ['https://frames.example.org'] });
		const refused = subscribe(port, '', 'https://evil.example');
		const status = await new Promise<number>((resolve) =>
			refused.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
		);
		expect(status).toBe(403);
		expect(side!.subscribers).toBe(0);
		// Pages served from this machine, a listed origin, and non-browser clients (no Origin) may.
		for (const origin of ['http://localhost:5173', 'http://127.0.0.1:4173', 'https://frames.example.org', undefined]) {
			await subscribe(port, '', origin).ready();
		}
		expect(side!.subscribers).toBe(4);
	});

	it('judges origins by host: localhost and loopback addresses, or listed', () => {
		for (const o of [
			'http://localhost:5173',
			'https://app.localhost',
			'http://127.0.0.1:4173',
			'http://[::1]:8080',
			undefined
		])
			expect(originAllowed(o), String(o)).toBe(true);
		for (const o of [
			'https://evil.example',
			'http://localhost.evil.example',
			'null',
			'file://',
			'chrome-extension://abc',
			'http://10.0.0.1'
		])
			expect(originAllowed(o), o).toBe(false);
		expect(originAllowed('https://Frames.example.org', ['https://frames.example.org/'])).toBe(true);
	});

	it('lets only loopback peers subscribe', () => {
		for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true);
		for (const a of ['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '', undefined])
			expect(isLoopback(a), String(a)).toBe(false);
	});
});

describe('side-channel messages', () => {
	it('reads the session from a request target', () => {
		expect(sessionOf('/?session=abc')).toBe('abc');
		expect(sessionOf('/chat?x=1&session=a%20b')).toBe('a b');
		expect(sessionOf('/?sessions=abc')).toBeNull();
		expect(sessionOf('/')).toBeNull();
		expect(sessionOf('/?session=%E0%A4%A')).toBe('%E0%A4%A');
	});

	it('accepts well-formed messages and nothing else (another server may answer on /_bytes)', () => {
		expect(parseSideMessage('{"type":"bytes","conn":1,"dir":"in","base64":"gQU=","t":5}')).toEqual({
			type: 'bytes',
			conn: 1,
			dir: 'in',
			base64: 'gQU=',
			t: 5
		});
		expect(parseSideMessage('{"type":"bytes","conn":1,"dir":"in","hex":"8105","t":5}')).toMatchObject({ hex: '8105' });
		expect(
			parseSideMessage('{"type":"hello","version":1,"server":"tap","target":"wss://x/","filter":null,"t":1}')
		).toMatchObject({ server: 'tap', target: 'wss://x/' });
		for (const bad of [
			'hello',
			'[]',
			'null',
			'{"type":"bytes","conn":1,"dir":"up","base64":""}',
			'{"type":"open","conn":"1","resource":"/"}',
			'{"type":"hello","version":1,"server":"other"}',
			42
		])
			expect(parseSideMessage(bad), String(bad)).toBeNull();
	});
});
