// The local server's HTTP/2 side (server/http2-session.ts), tested with Node's own http2 client
// (nghttp2 inside, which nobody here wrote): prior-knowledge HTTP/2 on the server's one port, an
// extended CONNECT (RFC 8441) once the server's SETTINGS allow it, then WebSocket frames echoed
// inside DATA, the closing handshake, and END_STREAM. Then our engine's client against Node's server.
import { connect as h2connect, createServer, type ClientHttp2Session, type Http2Server } from 'node:http2';
import { connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../server/echo-server';
import {
	concat,
	encodeFrame,
	FrameDecoder,
	Opcode,
	parseClosePayload,
	seededRandom,
	type DecodedFrame
} from '$lib/protocol';
import { WebSocketOverHttp2, type H2WebSocketEvent } from '$lib/protocol/http2/websocket';
import { encodeFrame as encodeH2, PREFACE } from '$lib/protocol/http2/frames';

let server: EchoServer | null = null;
const cleanup: (() => void)[] = [];
afterEach(async () => {
	cleanup.splice(0).forEach((f) => f());
	await server?.close();
	server = null;
});

const MASK = Uint8Array.of(1, 2, 3, 4);

/** Node's client, once the server's SETTINGS said ENABLE_CONNECT_PROTOCOL (Node exposes it as remoteSettings). */
async function nodeClient(port: number): Promise<ClientHttp2Session> {
	const session = h2connect(`http://127.0.0.1:${port}`);
	cleanup.push(() => session.destroy());
	await new Promise<void>((resolve, reject) => {
		session.once('remoteSettings', (s) =>
			s.enableConnectProtocol ? resolve() : reject(new Error('no connect protocol'))
		);
		session.once('error', reject);
	});
	return session;
}

/** WebSocket frames read from a stream's DATA, whatever the DATA boundaries. */
function frames(stream: NodeJS.ReadableStream) {
	const decoder = new FrameDecoder({ expectMasked: 'unmasked' });
	const got: DecodedFrame[] = [];
	const waiters: (() => void)[] = [];
	let ended = false;
	stream.on('data', (chunk: Buffer) => {
		for (const e of decoder.push(new Uint8Array(chunk))) if (e.type === 'frame') got.push(e.frame);
		waiters.splice(0).forEach((w) => w());
	});
	stream.on('end', () => {
		ended = true;
		waiters.splice(0).forEach((w) => w());
	});
	return {
		async next(): Promise<DecodedFrame> {
			while (!got.length) await new Promise<void>((r) => waiters.push(r));
			return got.shift()!;
		},
		async end(): Promise<boolean> {
			while (!ended) await new Promise<void>((r) => waiters.push(r));
			return ended;
		}
	};
}

describe('npm run server over HTTP/2 (h2c prior knowledge), with Node’s http2 client', () => {
	it('announces SETTINGS_ENABLE_CONNECT_PROTOCOL, answers an extended CONNECT with 200, echoes text and close', async () => {
		server = await startEchoServer({ port: 0 });
		const session = await nodeClient(server.port);
		const req = session.request({
			':method': 'CONNECT',
			':protocol': 'websocket',
			':scheme': 'http',
			':path': '/',
			':authority': `127.0.0.1:${server.port}`,
			'sec-websocket-version': '13'
		});
		const response = await new Promise<Record<string, unknown>>((r) => req.once('response', r));
		expect(response[':status']).toBe(200);
		expect(response['sec-websocket-accept']).toBeUndefined();
		const read = frames(req);
		// A masked text frame, sent in two writes so one WebSocket frame spans two DATA frames.
		const text = encodeFrame({ opcode: Opcode.Text, payload: new TextEncoder().encode('hello over h2'), mask: MASK });
		req.write(Buffer.from(text.subarray(0, 5)));
		await new Promise((r) => setTimeout(r, 20));
		req.write(Buffer.from(text.subarray(5)));
		const echoed = await read.next();
		expect(echoed.opcode).toBe(Opcode.Text);
		expect(echoed.masked).toBe(false);
		expect(new TextDecoder().decode(echoed.payload)).toBe('hello over h2');
		// The closing handshake, then END_STREAM both ways (RFC 8441 §5.1).
		req.write(
			Buffer.from(
				encodeFrame({ opcode: Opcode.Close, payload: Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65), mask: MASK })
			)
		);
		const close = await read.next();
		expect(close.opcode).toBe(Opcode.Close);
		expect(parseClosePayload(close.payload)).toMatchObject({ code: 1000 });
		expect(await read.end()).toBe(true);
		req.end();
	});

	it('negotiates permessage-deflate and a subprotocol in the HEADERS, as over HTTP/1.1', async () => {
		server = await startEchoServer({ port: 0, subprotocols: ['chat'] });
		const session = await nodeClient(server.port);
		const req = session.request({
			':method': 'CONNECT',
			':protocol': 'websocket',
			':scheme': 'http',
			':path': '/',
			':authority': 'localhost',
			'sec-websocket-version': '13',
			'sec-websocket-protocol': 'superchat, chat',
			'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits'
		});
		const response = await new Promise<Record<string, unknown>>((r) => req.once('response', r));
		expect(response[':status']).toBe(200);
		expect(response['sec-websocket-protocol']).toBe('chat');
		expect(String(response['sec-websocket-extensions'])).toMatch(/^permessage-deflate/);
		req.close();
	});

	it('refuses a CONNECT without sec-websocket-version with 400, and another :protocol with 501', async () => {
		server = await startEchoServer({ port: 0 });
		const session = await nodeClient(server.port);
		const base = { ':method': 'CONNECT', ':scheme': 'http', ':path': '/', ':authority': 'localhost' };
		const noVersion = session.request({ ...base, ':protocol': 'websocket' });
		const r1 = await new Promise<Record<string, unknown>>((r) => noVersion.once('response', r));
		expect(r1[':status']).toBe(400);
		expect(r1['sec-websocket-version']).toBe('13');
		let body = '';
		noVersion.setEncoding('utf8');
		noVersion.on('data', (d) => (body += d));
		await new Promise((r) => noVersion.once('end', r));
		expect(body).toMatch(/sec-websocket-version is missing/);
		const other = session.request({ ...base, ':protocol': 'webtransport', 'sec-websocket-version': '13' });
		const r2 = await new Promise<Record<string, unknown>>((r) => other.once('response', r));
		expect(r2[':status']).toBe(501);
	});

	it('a preface gone wrong gets GOAWAY PROTOCOL_ERROR and the socket closes', async () => {
		server = await startEchoServer({ port: 0 });
		const socket = tcpConnect(server.port, '127.0.0.1');
		cleanup.push(() => socket.destroy());
		const got: Buffer[] = [];
		socket.on('data', (d) => got.push(d));
		socket.write('PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n');
		await new Promise((r) => socket.once('close', r));
		const bytes = Buffer.concat(got);
		// The server's SETTINGS, then GOAWAY (type 7) with PROTOCOL_ERROR (1).
		const goaway = bytes.indexOf(Buffer.from([0x00, 0x00, 0x08, 0x07]));
		expect(goaway).toBeGreaterThan(0);
		expect(bytes.readUInt32BE(goaway + 9 + 4)).toBe(1);
	});
});

describe('our engine’s RFC 8441 client, against Node’s http2 server', () => {
	it('waits for the setting, CONNECTs, reads 200 (HPACK from nghttp2), and gets its text echoed', async () => {
		const node: Http2Server = createServer({ settings: { enableConnectProtocol: true } });
		node.on('stream', (stream, headers) => {
			expect(headers[':protocol']).toBe('websocket');
			expect(headers['sec-websocket-version']).toBe('13');
			stream.respond({ ':status': 200 });
			stream.on('data', (d: Buffer) => {
				// Unmask the client's frame and send it back as a server frame: a tiny echo written by hand.
				const f = new FrameDecoder({ expectMasked: 'masked' }).push(new Uint8Array(d)).find((e) => e.type === 'frame');
				if (f && f.type === 'frame')
					stream.write(Buffer.from(encodeFrame({ opcode: f.frame.opcode, payload: f.frame.payload })));
			});
		});
		await new Promise<void>((r) => node.listen(0, '127.0.0.1', r));
		cleanup.push(() => node.close());
		const port = (node.address() as { port: number }).port;
		const client = new WebSocketOverHttp2({
			role: 'client',
			uri: `ws://127.0.0.1:${port}/chat`,
			random: seededRandom(3)
		});
		const socket = tcpConnect(port, '127.0.0.1');
		cleanup.push(() => socket.destroy());
		const events: H2WebSocketEvent[] = [];
		const waiters: (() => void)[] = [];
		const flush = () => {
			const out = client.dataToSend();
			if (out.length) socket.write(concat(out));
		};
		socket.on('data', (d: Buffer) => {
			events.push(...client.receive(new Uint8Array(d)));
			flush();
			waiters.splice(0).forEach((w) => w());
		});
		const until = async (p: (e: H2WebSocketEvent) => boolean) => {
			while (!events.some(p)) await new Promise<void>((r) => waiters.push(r));
			return events.find(p)!;
		};
		await new Promise((r) => socket.once('connect', r));
		flush();
		expect(await until((e) => e.type === 'connect-enabled')).toMatchObject({ enabled: true });
		expect(await until((e) => e.type === 'connect-response')).toMatchObject({ status: 200 });
		client.send('round trip');
		flush();
		const msg = await until((e) => e.type === 'ws' && e.event.type === 'message');
		expect(msg).toMatchObject({ event: { text: 'round trip' } });
	});
});

describe('an HTTP/2 client that opens no WebSocket', () => {
	it('gets GOAWAY NO_ERROR and the socket closes once the handshake time is up', async () => {
		server = await startEchoServer({ port: 0, handshakeTimeoutMs: 200 });
		const socket = tcpConnect(server.port, '127.0.0.1');
		cleanup.push(() => socket.destroy());
		const got: Buffer[] = [];
		socket.on('data', (d) => got.push(d));
		await new Promise((r) => socket.once('connect', r));
		socket.write(Buffer.from(concat([PREFACE, encodeH2({ type: 4 })])));
		await new Promise((r) => socket.once('close', r));
		const bytes = Buffer.concat(got);
		const goaway = bytes.indexOf(Buffer.from([0x00, 0x00, 0x08, 0x07]));
		expect(goaway).toBeGreaterThan(0);
		expect(bytes.readUInt32BE(goaway + 9 + 4)).toBe(0);
	});
});

describe('the server stopping with a WebSocket open over HTTP/2', () => {
	it('sends 1001 on the stream, then GOAWAY NO_ERROR, and still reads the client’s close', async () => {
		server = await startEchoServer({ port: 0 });
		const session = await nodeClient(server.port);
		const goaway = new Promise<number>((r) => session.once('goaway', (code) => r(code)));
		const req = session.request({
			':method': 'CONNECT',
			':protocol': 'websocket',
			':scheme': 'http',
			':path': '/',
			':authority': 'localhost',
			'sec-websocket-version': '13'
		});
		await new Promise((r) => req.once('response', r));
		const read = frames(req);
		const stopped = server.close();
		server = null;
		const close = await read.next();
		expect(parseClosePayload(close.payload)).toMatchObject({ code: 1001 });
		expect(await goaway).toBe(0);
		req.write(Buffer.from(encodeFrame({ opcode: Opcode.Close, payload: Uint8Array.of(0x03, 0xe9), mask: MASK })));
		expect(await read.end()).toBe(true);
		await stopped;
	});
});
