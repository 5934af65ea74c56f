/**
 * Interoperability with `ws`, the most used WebSocket library for Node: this engine's client against
 * a ws WebSocketServer, and a ws client against this engine's echo server. Each direction covers
 * text, binary, fragmented messages, ping/pong, a close with a code and subprotocol selection.
 */

import { handshakeProblemText } from '$lib/i18n/protocol';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startEchoServer, type EchoServer } from '../../server/echo-server';
import { Connection, type ConnectionEvent, type ConnectionOptions } from '$lib/protocol';

/** The smallest adapter for the engine's client role: a TCP socket, the engine, and the events so far. */
async function engineClient(url: string, opts: Omit<ConnectionOptions, 'role' | 'uri'> = {}) {
	const { hostname, port } = new URL(url.replace(/^ws/, 'http'));
	const conn = new Connection({ role: 'client', uri: url, ...opts });
	const events: ConnectionEvent[] = [];
	const socket = connect({ host: hostname, port: Number(port), noDelay: true });
	let waiters: (() => void)[] = [];
	const flush = () => {
		for (const b of conn.dataToSend()) socket.write(b);
	};
	const record = (e: ConnectionEvent) => {
		events.push(e);
	};
	socket.on('data', (chunk) => {
		conn.receiveEach(chunk, record);
		flush();
		for (const w of waiters) w();
	});
	socket.on('end', () => {
		for (const e of conn.receiveEof()) record(e);
		socket.end();
		for (const w of waiters) w();
	});
	socket.on('error', () => {
		/* the test looks at events */
	});
	socket.on('connect', flush);
	const until = <T extends ConnectionEvent>(match: (e: ConnectionEvent) => e is T, ms = 5000): Promise<T> =>
		new Promise((resolve, reject) => {
			const check = () => {
				const found = events.find(match);
				if (!found) return;
				waiters = waiters.filter((w) => w !== check);
				clearTimeout(timer);
				resolve(found);
			};
			const timer = setTimeout(
				() => reject(new Error(`timed out; events so far: ${events.map((e) => e.type).join(', ')}`)),
				ms
			);
			waiters.push(check);
			check();
		});
	const is =
		<K extends ConnectionEvent['type']>(type: K) =>
		(e: ConnectionEvent): e is ConnectionEvent & { type: K } =>
			e.type === type;
	await until(is('open')).catch(async (err) => {
		const failed = events.find(is('handshake-failed'));
		throw failed ? new Error(`handshake failed: ${handshakeProblemText(failed.problem, 'en')}`) : err;
	});
	return { conn, events, flush, until, is, socket };
}

const text = (e: ConnectionEvent) => (e.type === 'message' ? new TextDecoder().decode(e.data) : undefined);

describe('this engine as a client, ws as the server', () => {
	let wss: WebSocketServer;
	let url: string;
	const serverSide: { protocol: string; closeCode?: number; closeReason?: string; pongs: string[] }[] = [];

	beforeAll(async () => {
		wss = new WebSocketServer({
			port: 0,
			host: '127.0.0.1',
			perMessageDeflate: false,
			// ws picks the second offered protocol, so the test sees a real choice, not the first by default.
			handleProtocols: (protocols) => [...protocols].find((p) => p === 'v2.echo') ?? false
		});
		wss.on('connection', (ws) => {
			const record = { protocol: ws.protocol, pongs: [] as string[] } as (typeof serverSide)[number];
			serverSide.push(record);
			ws.on('message', (data, isBinary) => {
				const s = (data as Buffer).toString();
				if (!isBinary && s === 'fragments please') {
					// ws sends a fragmented message when fin is false on all but the last piece.
					ws.send('frag-', { fin: false });
					ws.send('ment', { fin: false });
					ws.send('ed', { fin: true });
				} else if (!isBinary && s === 'ping me') ws.ping('from ws');
				else if (!isBinary && s === 'close on me') ws.close(4002, 'ws says bye');
				else ws.send(data as Buffer, { binary: isBinary });
			});
			ws.on('pong', (d) => record.pongs.push(d.toString()));
			ws.on('close', (code, reason) => {
				record.closeCode = code;
				record.closeReason = reason.toString();
			});
		});
		await new Promise((r) => wss.once('listening', r));
		url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
	});
	afterAll(() => new Promise<void>((r) => wss.close(() => r())));

	it('exchanges text and binary messages', async () => {
		const c = await engineClient(url);
		c.conn.send('hello ws, from the engine ✓');
		c.conn.send(new Uint8Array([0, 1, 2, 253, 254, 255]));
		c.flush();
		await c.until((_e): _e is ConnectionEvent => c.events.filter((x) => x.type === 'message').length >= 2);
		const messages = c.events.filter((e) => e.type === 'message');
		expect(messages.map((m) => m.type === 'message' && m.kind)).toEqual(['text', 'binary']);
		expect(messages[0].type === 'message' && messages[0].text).toBe('hello ws, from the engine ✓');
		expect(messages[1].type === 'message' && [...messages[1].data]).toEqual([0, 1, 2, 253, 254, 255]);
		c.conn.close(1000);
		c.flush();
		await c.until(c.is('closed'));
	});

	it('sends a fragmented message that ws reassembles, and reassembles one ws fragments', async () => {
		const c = await engineClient(url);
		c.conn.send('x'.repeat(100) + 'y'.repeat(100), { fragmentSize: 64 });
		c.conn.send('fragments please');
		c.flush();
		await c.until((_e): _e is ConnectionEvent => c.events.filter((x) => x.type === 'message').length >= 2);
		const [echo, fragmented] = c.events.filter((e) => e.type === 'message');
		expect(text(echo)).toBe('x'.repeat(100) + 'y'.repeat(100));
		expect(text(fragmented)).toBe('frag-mented');
		expect(fragmented.type === 'message' && fragmented.frameCount).toBe(3);
		expect(c.events.filter((e) => e.type === 'fragment')).toHaveLength(2);
		c.conn.close();
		c.flush();
		await c.until(c.is('closed'));
	});

	it("pings and is pinged: ws answers our ping, the engine answers ws's", async () => {
		const c = await engineClient(url);
		c.conn.ping('from the engine');
		c.conn.send('ping me');
		c.flush();
		const pong = await c.until(c.is('pong'));
		expect(new TextDecoder().decode(pong.payload)).toBe('from the engine');
		const ping = await c.until(c.is('ping'));
		expect(new TextDecoder().decode(ping.payload)).toBe('from ws');
		c.conn.close(1000);
		c.flush();
		await c.until(c.is('closed'));
		expect(serverSide.at(-1)?.pongs).toEqual(['from ws']);
	});

	it("closes with a code and reason that ws receives, and hears ws's own close code", async () => {
		const c = await engineClient(url);
		c.conn.close(4001, 'engine says bye');
		c.flush();
		const closed = await c.until(c.is('closed'));
		expect(closed).toMatchObject({ wasClean: true, code: 4001, sentCode: 4001 });
		await new Promise((r) => setTimeout(r, 50));
		expect(serverSide.at(-1)).toMatchObject({ closeCode: 4001, closeReason: 'engine says bye' });

		const d = await engineClient(url);
		d.conn.send('close on me');
		d.flush();
		const received = await d.until(d.is('close-received'));
		expect(received).toMatchObject({ code: 4002, reason: 'ws says bye' });
		const done = await d.until(d.is('closed'));
		expect(done).toMatchObject({ wasClean: true, code: 4002 });
	});

	it('offers subprotocols and takes the one ws selects', async () => {
		const c = await engineClient(url, { protocols: ['v1.echo', 'v2.echo'] });
		expect(c.conn.protocol).toBe('v2.echo');
		expect(c.events.find(c.is('open'))?.protocol).toBe('v2.echo');
		expect(serverSide.at(-1)?.protocol).toBe('v2.echo');
		c.conn.close();
		c.flush();
		await c.until(c.is('closed'));
	});
});

describe("ws as a client, this engine's echo server", () => {
	let server: EchoServer;
	beforeAll(async () => {
		server = await startEchoServer({ port: 0, subprotocols: ['chat.v2', 'chat.v1'] });
	});
	afterAll(() => server.close());

	const open = (protocols?: string[]) =>
		new Promise<WebSocket>((resolve, reject) => {
			const ws = new WebSocket(server.url, protocols, { perMessageDeflate: false });
			ws.once('open', () => resolve(ws));
			ws.once('error', reject);
		});
	const nextMessage = (ws: WebSocket) =>
		new Promise<{ data: Buffer; isBinary: boolean }>((resolve) =>
			ws.once('message', (data, isBinary) => resolve({ data: data as Buffer, isBinary }))
		);
	const closed = (ws: WebSocket) =>
		new Promise<{ code: number; reason: string }>((resolve) =>
			ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		);

	it('echoes text and binary messages with their type', async () => {
		const ws = await open();
		let m = nextMessage(ws);
		ws.send('hello engine ✓');
		expect(await m).toEqual({ data: Buffer.from('hello engine ✓'), isBinary: false });
		m = nextMessage(ws);
		ws.send(Buffer.from([0, 255, 1, 254]));
		expect(await m).toEqual({ data: Buffer.from([0, 255, 1, 254]), isBinary: true });
		const c = closed(ws);
		ws.close(1000);
		expect((await c).code).toBe(1000);
	});

	it('reassembles a message ws sends in fragments, and echoes it whole', async () => {
		const ws = await open();
		const m = nextMessage(ws);
		ws.send('one-', { fin: false });
		ws.send('two-', { fin: false });
		ws.send('three', { fin: true });
		expect((await m).data.toString()).toBe('one-two-three');
		ws.close();
	});

	it("answers ws's ping with a pong carrying the same payload", async () => {
		const ws = await open();
		const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve));
		ws.ping('are you there?');
		expect((await pong).toString()).toBe('are you there?');
		ws.close();
	});

	it('answers a close with the same code, then closes TCP itself', async () => {
		const ws = await open();
		const c = closed(ws);
		ws.close(4000, 'done here');
		expect(await c).toEqual({ code: 4000, reason: '' });
	});

	it('picks its preferred subprotocol among those ws offers', async () => {
		const ws = await open(['chat.v1', 'chat.v2']);
		expect(ws.protocol).toBe('chat.v2');
		ws.close();
		const other = await open(['chat.v1', 'superchat']);
		expect(other.protocol).toBe('chat.v1');
		other.close();
	});

	it('refuses a handshake ws makes with an unsupported version (426, RFC 6455 §4.4)', async () => {
		const ws = new WebSocket(server.url, { protocolVersion: 8 } as WebSocket.ClientOptions);
		const err = await new Promise<Error>((resolve) => ws.once('error', resolve));
		expect(err.message).toMatch(/426/);
	});
});
