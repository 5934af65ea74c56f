/**
 * server/tap.ts: a relay on 127.0.0.1 that passes raw TCP to the real server byte for byte, both
 * directions, while logging each frame and streaming the bytes on its own /_bytes side channel.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { base64Decode, readHead, parseWebSocketUri } from '$lib/protocol';
import { parseSideMessage, type SideMessage } from '$lib/side-channel/protocol';
import { startEchoServer, type EchoServer } from '../../server/echo-server';
import { parseTapArgs, rewriteRequest, startTap } from '../../server/tap';
import { ObservedConnection } from '$lib/protocol';
import { describeItem } from '../../server/describe';
import { encodeFrame } from '$lib/protocol';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const cat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

async function until<T>(get: () => T | undefined | null | false, what: string, ms = 5000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = get();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

/** A target that records every byte it gets and sends back what the test tells it to. */
async function recordingTarget(): Promise<{ server: Server; port: number; got: Uint8Array[]; sockets: Socket[] }> {
	const got: Uint8Array[] = [];
	const sockets: Socket[] = [];
	const server = createServer((s) => {
		sockets.push(s);
		s.on('data', (c: Buffer) => got.push(new Uint8Array(c)));
		s.on('error', () => {});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const address = server.address();
	return { server, port: typeof address === 'object' && address ? address.port : 0, got, sockets };
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const f of cleanup.splice(0).reverse()) await f();
});

function rawClient(port: number): { socket: Socket; got: Uint8Array[] } {
	const got: Uint8Array[] = [];
	const socket = connect(port, '127.0.0.1');
	socket.on('data', (c: Buffer) => got.push(new Uint8Array(c)));
	socket.on('error', () => {});
	cleanup.push(() => socket.destroy());
	return { socket, got };
}

const HEAD = 'GET /?session=t HTTP/1.1\r\nHost: 127.0.0.1:9\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';

describe('tap relay', () => {
	it('relays bytes exactly, both directions, in any chunking (--keep-host)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.uint8Array({ minLength: 1, maxLength: 3000 }), { minLength: 1, maxLength: 6 }),
				fc.array(fc.uint8Array({ minLength: 1, maxLength: 3000 }), { minLength: 1, maxLength: 6 }),
				async (up, down) => {
					const target = await recordingTarget();
					const tap = await startTap({ target: `ws://127.0.0.1:${target.port}/`, port: 0, keepHost: true });
					try {
						const client = rawClient(tap.port);
						const sent = [new TextEncoder().encode(HEAD), ...up];
						for (const c of sent) {
							client.socket.write(c);
							await new Promise((r) => setImmediate(r));
						}
						const want = cat(sent);
						await until(() => cat(target.got).length >= want.length, 'bytes at the target');
						expect(hex(cat(target.got))).toBe(hex(want));
						for (const c of down) target.sockets[0].write(c);
						const back = cat(down);
						await until(() => cat(client.got).length >= back.length, 'bytes back at the client');
						expect(hex(cat(client.got))).toBe(hex(back));
					} finally {
						await tap.close();
						await new Promise((r) => target.server.close(r));
						for (const s of target.sockets) s.destroy();
					}
				}
			),
			{ numRuns: 15 }
		);
	});

	it('by default changes only the Host header (and "/" to the target\'s path); the rest is exact', async () => {
		const target = await recordingTarget();
		cleanup.push(
			() => new Promise((r) => target.server.close(r)),
			() => target.sockets.forEach((s) => s.destroy())
		);
		const tap = await startTap({ target: `ws://127.0.0.1:${target.port}/chat?room=1`, port: 0 });
		cleanup.push(() => tap.close());
		const client = rawClient(tap.port);
		const rest = new Uint8Array([0x81, 0x85, 1, 2, 3, 4, 0x69, 0x67, 0x6f, 0x68, 0x6e]);
		client.socket.write(cat([new TextEncoder().encode(HEAD), rest]));
		await until(() => cat(target.got).length >= HEAD.length + rest.length - 3, 'request');
		const got = cat(target.got);
		const head = readHead(got);
		expect(head.kind).toBe('head');
		if (head.kind !== 'head') return;
		expect(head.head.startLine).toBe('GET /chat?room=1&session=t HTTP/1.1');
		expect(head.head.fields).toEqual([
			['Host', `127.0.0.1:${target.port}`],
			['Upgrade', 'websocket'],
			['Connection', 'Upgrade']
		]);
		expect(hex(got.subarray(head.head.length))).toBe(hex(rest));
	});

	it('relays a real WebSocket conversation to the echo server and logs every frame, both ways', async () => {
		const echo: EchoServer = await startEchoServer({ port: 0 });
		cleanup.push(() => echo.close());
		const lines: string[] = [];
		const tap = await startTap({ target: echo.url, port: 0, log: (l) => lines.push(l) });
		cleanup.push(() => tap.close());
		const ws = new WebSocket(tap.url + '?session=z', { perMessageDeflate: false });
		const echoes: string[] = [];
		ws.on('message', (d, binary) => echoes.push(binary ? `bin:${hex(d as Buffer)}` : String(d)));
		await new Promise((r) => ws.once('open', r));
		ws.send('hello');
		ws.send(Buffer.from([1, 2, 3]));
		await until(() => echoes.length === 2, 'echoes');
		ws.close(4001, 'bye');
		await new Promise((r) => ws.once('close', r));
		await until(() => lines.some((l) => l.includes('closed (')), 'closed line');
		expect(echoes).toEqual(['hello', 'bin:010203']);
		const log = lines.join('\n');
		expect(log).toMatch(/client → server {2}GET \/\?session=z HTTP\/1\.1 {2}\(handshake/);
		expect(log).toMatch(/server → client {2}HTTP\/1\.1 101 Switching Protocols/);
		expect(log).toMatch(/client → server {2}text +FIN +mask ([0-9a-f]{2} ){3}[0-9a-f]{2} +5 bytes {2}"hello"/);
		expect(log).toMatch(/server → client {2}text +FIN +unmasked +5 bytes {2}"hello"/);
		expect(log).toMatch(/server → client {2}binary +FIN +unmasked +3 bytes {2}01 02 03/);
		expect(log).toMatch(/client → server {2}close .* 4001 Private use \(4000-4999\) "bye"/);
	});

	it('serves its side channel to pages from this machine, and to an origin given with --allow-origin', async () => {
		const echo = await startEchoServer({ port: 0 });
		cleanup.push(() => echo.close());
		const tap = await startTap({ target: echo.url, port: 0, allowOrigins: ['https://frames.example.org'] });
		cleanup.push(() => tap.close());
		/** The HTTP status a subscription from a page of `origin` gets: 101, or the refusal. */
		const status = (origin: string) =>
			new Promise<number>((resolve) => {
				const sub = new WebSocket(`ws://127.0.0.1:${tap.port}/_bytes`, { origin });
				// A refused one is closed before it opened: that is the point, not an error here.
				sub.on('error', () => {});
				cleanup.push(() => sub.terminate());
				sub.once('upgrade', (res) => resolve(res.statusCode ?? 0));
				sub.once('unexpected-response', (_req, res) => {
					let body = '';
					res.on('data', (d) => (body += d));
					res.on('end', () => {
						// The refusal says which command allows it.
						expect(body).toContain('Start the tap with --allow-origin https://evil.example');
						resolve(res.statusCode ?? 0);
					});
				});
			});
		expect(await status('https://frames.example.org')).toBe(101);
		expect(await status('http://127.0.0.1:4173')).toBe(101);
		expect(await status('https://evil.example')).toBe(403);
	});

	it('streams the true bytes on its own /_bytes side channel', async () => {
		const echo = await startEchoServer({ port: 0 });
		cleanup.push(() => echo.close());
		const tap = await startTap({ target: echo.url, port: 0 });
		cleanup.push(() => tap.close());
		const msgs: SideMessage[] = [];
		const sub = new WebSocket(`ws://127.0.0.1:${tap.port}/_bytes?session=s1`);
		cleanup.push(() => sub.terminate());
		sub.on('message', (d) => {
			const m = parseSideMessage(String(d));
			if (m) msgs.push(m);
		});
		const hello = await until(() => msgs.find((m) => m.type === 'hello'), 'hello');
		expect(hello).toMatchObject({ server: 'tap', target: echo.url, filter: 's1' });
		const ws = new WebSocket(`${tap.url}?session=s1`, { perMessageDeflate: false });
		await new Promise((r) => ws.once('open', r));
		ws.send('via tap');
		await new Promise((r) => ws.once('message', r));
		ws.close();
		await until(() => msgs.some((m) => m.type === 'close'), 'close');
		const bytes = (dir: 'in' | 'out') =>
			Buffer.from(
				cat(
					msgs.flatMap((m) =>
						m.type === 'bytes' && m.dir === dir ? [(base64Decode(m.base64!) as { bytes: Uint8Array }).bytes] : []
					)
				)
			).toString('latin1');
		expect(bytes('in')).toMatch(/^GET \/\?session=s1 HTTP\/1\.1\r\n/);
		expect(bytes('in')).toContain(`Host: 127.0.0.1:${echo.port}\r\n`);
		// eslint-disable-next-line no-control-regex -- the frame header after the handshake is binary
		expect(bytes('out')).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*\r\n\r\n\x81\x07via tap/);
	});

	it('logs compressed messages inflated, when the server agrees to permessage-deflate (RFC 7692)', async () => {
		const echo = await startEchoServer({ port: 0 });
		cleanup.push(() => echo.close());
		const lines: string[] = [];
		const tap = await startTap({ target: echo.url, port: 0, log: (l) => lines.push(l) });
		cleanup.push(() => tap.close());
		const ws = new WebSocket(tap.url, { perMessageDeflate: { threshold: 0 } });
		cleanup.push(() => ws.terminate());
		await new Promise((r) => ws.once('open', r));
		ws.send('squeeze me, squeeze me, squeeze me');
		await new Promise((r) => ws.once('message', r));
		await until(() => lines.filter((l) => l.includes('inflated')).length === 2, 'inflated lines');
		const log = lines.join('\n');
		expect(log).toMatch(
			/server → client {2}HTTP\/1\.1 101 Switching Protocols .*Sec-WebSocket-Extensions: permessage-deflate/
		);
		expect(log).toMatch(/client → server {2}text +FIN RSV1 +mask .*\(compressed, permessage-deflate\)/);
		expect(log).toMatch(
			/client → server {2}↳ inflated \(permessage-deflate, RFC 7692\): \d+ → 34 bytes {2}"squeeze me, squeeze me, squeeze me"/
		);
		expect(log).toMatch(/server → client {2}↳ inflated .* → 34 bytes/);
	});

	it('answers 502 with the reason when the real server cannot be reached', async () => {
		const closed = await recordingTarget();
		const port = closed.port;
		await new Promise((r) => closed.server.close(r));
		const tap = await startTap({ target: `ws://127.0.0.1:${port}/`, port: 0 });
		cleanup.push(() => tap.close());
		const client = rawClient(tap.port);
		client.socket.write(HEAD);
		await until(() => Buffer.from(cat(client.got)).toString().includes('\r\n\r\n'), 'answer');
		expect(Buffer.from(cat(client.got)).toString()).toMatch(
			/^HTTP\/1\.1 502 Bad Gateway\r\n[\s\S]*could not reach ws:\/\/127\.0\.0\.1:\d+\/: .*ECONNREFUSED/
		);
	});

	it('works with a ws echo server as the target too', async () => {
		const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		await new Promise((r) => wss.once('listening', r));
		wss.on('connection', (s) => s.on('message', (d, binary) => s.send(d, { binary })));
		cleanup.push(() => new Promise((r) => wss.close(r)));
		const tap = await startTap({ target: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`, port: 0 });
		cleanup.push(() => tap.close());
		const ws = new WebSocket(tap.url);
		cleanup.push(() => ws.terminate());
		await new Promise((r) => ws.once('open', r));
		ws.send('x'.repeat(70_000));
		const got = await new Promise<string>((r) => ws.once('message', (d) => r(String(d))));
		expect(got.length).toBe(70_000);
	});
});

describe('tap options', () => {
	it('reads the command line and says what is wrong', () => {
		// An empty environment ({}): the words are English whatever LANG this machine has.
		expect(parseTapArgs(['--target', 'ws://127.0.0.1:6455/', '--port', '7000'], {})).toMatchObject({
			target: 'ws://127.0.0.1:6455/',
			port: 7000,
			keepHost: false
		});
		expect(parseTapArgs(['--target=wss://example.org/chat', '--keep-host', '--quiet'], {})).toMatchObject({
			port: 6456,
			keepHost: true,
			log: null
		});
		expect(parseTapArgs([], {})).toMatch(/Which server should the tap relay to/);
		expect(parseTapArgs(['--target', 'http://example.org/'], {})).toMatch(/HTTP address; use ws:\/\//);
		expect(parseTapArgs(['--target', 'ws://x/', '--port', 'abc'], {})).toMatch(/--port takes a number/);
		expect(parseTapArgs(['--nope'], {})).toMatch(/Unknown option "--nope"/);
		expect(
			parseTapArgs(
				['--target', 'ws://x/', '--allow-origin', 'https://a.example/path', '--allow-origin=http://b.example:8080'],
				{}
			)
		).toMatchObject({ allowOrigins: ['https://a.example', 'http://b.example:8080'] });
		expect(parseTapArgs(['--target', 'ws://x/', '--allow-origin', 'ftp://a.example'], {})).toMatch(
			/--allow-origin takes an http:\/\/ or https:\/\/ URL/
		);
		expect(parseTapArgs(['--target', 'ws://x/', '--allow-origin'], {})).toMatch(/--allow-origin takes/);
		expect(parseTapArgs(['--help'], {})).toMatch(/^Usage: npm run tap/);
	});

	it('refuses to relay to itself', async () => {
		await expect(startTap({ target: 'ws://127.0.0.1:6999/', port: 6999 })).rejects.toThrow(/is the tap itself/);
		await expect(startTap({ target: 'ftp://x/' })).rejects.toThrow(/not a WebSocket scheme/);
	});

	it('rewrites nothing when the request already names the target', () => {
		const parsed = parseWebSocketUri('ws://example.org/');
		if (!parsed.ok) throw new Error(parsed.code);
		const uri = parsed.uri;
		const bytes = new TextEncoder().encode('GET /x HTTP/1.1\r\nHost: example.org\r\n\r\n');
		const head = readHead(bytes);
		if (head.kind !== 'head') throw new Error('no head');
		expect(rewriteRequest(head.head, bytes, uri)).toEqual({ bytes, changes: [] });
	});
});

describe('the terminal log', () => {
	it('never lets bytes from the network reach the terminal raw', () => {
		const reader = new ObservedConnection();
		const [head] = reader.push('client', new TextEncoder().encode('GET /\x1b[2J HTTP/1.1\r\nHost: x\r\n\r\n'));
		expect(describeItem(head)).toContain('GET /\\x1b[2J HTTP/1.1');
		reader.push('server', new TextEncoder().encode('HTTP/1.1 101 Switching Protocols\r\n\r\n'));
		const [frame] = reader.push(
			'client',
			encodeFrame({
				opcode: 1,
				payload: new TextEncoder().encode('a\x1b]0;pwned\x07\u009b\u202eb'),
				mask: new Uint8Array(4)
			})
		);
		const line = describeItem(frame);
		// eslint-disable-next-line no-control-regex -- the point: no control characters reach the terminal
		expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
		expect(line).toContain('\\u001b]0;pwned\\u0007\\x9b\\u202eb');
	});
});

describe('the terminal log in Korean', () => {
	it("words every line in the terminal's language, the frame itself unchanged", () => {
		const reader = new ObservedConnection();
		reader.push('client', new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
		reader.push('server', new TextEncoder().encode('HTTP/1.1 101 Switching Protocols\r\n\r\n'));
		const [frame] = reader.push(
			'client',
			encodeFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xe8]), mask: new Uint8Array(4) })
		);
		expect(describeItem(frame, 'ko')).toMatch(/^클라이언트 → 서버 {2}닫기 .*마스크 00 00 00 00 .*1000 정상 종료/);
		expect(describeItem(frame, 'en')).toMatch(/^client → server {2}close .*mask 00 00 00 00 .*1000 Normal Closure/);
	});
});
