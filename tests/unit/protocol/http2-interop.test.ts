// The engine's HTTP/2 framing and HPACK against Node's own HTTP/2 server (nghttp2 inside, which
// nobody here wrote): a raw socket speaks our bytes, the server answers in its own, and we read
// them. RFC 8441: the server announces SETTINGS_ENABLE_CONNECT_PROTOCOL, accepts an extended
// CONNECT with :protocol websocket with 200, and the stream then carries bytes both ways.
import { connect, type Socket } from 'node:net';
import { createServer, type Http2Server } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import {
	encodeFrame,
	encodeSettings,
	FLAGS,
	FRAME_TYPES,
	PREFACE,
	readFrames,
	readSettings,
	SETTINGS,
	type Http2Frame
} from '$lib/protocol/http2/frames';
import { encodeHeaders, HpackDecoder } from '$lib/protocol/http2/hpack';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** Frames from the server as they arrive, read by our reader. */
function frameReader(socket: Socket) {
	let buffer = new Uint8Array(0);
	const frames: Http2Frame[] = [];
	const waiters: (() => void)[] = [];
	socket.on('data', (chunk: Buffer) => {
		const joined = new Uint8Array(buffer.length + chunk.length);
		joined.set(buffer);
		joined.set(chunk, buffer.length);
		const r = readFrames(joined);
		expect(r.problem).toBeNull();
		frames.push(...r.frames.map((f) => ({ ...f, payload: f.payload.slice() })));
		buffer = joined.slice(r.consumed);
		waiters.splice(0).forEach((w) => w());
	});
	return async (match: (f: Http2Frame) => boolean): Promise<Http2Frame> => {
		for (;;) {
			const i = frames.findIndex(match);
			if (i >= 0) return frames.splice(i, 1)[0];
			await new Promise<void>((r) => waiters.push(r));
		}
	};
}

describe('against Node’s http2 server (RFC 8441)', () => {
	it('SETTINGS_ENABLE_CONNECT_PROTOCOL, an extended CONNECT answered 200, then bytes echoed in DATA', async () => {
		const server: Http2Server = createServer({ settings: { enableConnectProtocol: true } });
		server.on('stream', (stream, headers) => {
			if (headers[':method'] === 'CONNECT' && headers[':protocol'] === 'websocket') {
				stream.respond({ ':status': 200, 'sec-websocket-protocol': 'chat' });
				stream.on('data', (d) => stream.write(d));
			} else stream.respond({ ':status': 400 }, { endStream: true });
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		cleanup.push(() => server.close());
		const port = (server.address() as { port: number }).port;
		const socket = connect(port, '127.0.0.1');
		cleanup.push(() => socket.destroy());
		await new Promise((r) => socket.once('connect', r));
		const next = frameReader(socket);

		socket.write(PREFACE);
		socket.write(encodeFrame({ type: FRAME_TYPES.SETTINGS, payload: encodeSettings([]) }));
		const settings = await next((f) => f.type === FRAME_TYPES.SETTINGS && !(f.flags & FLAGS.ACK));
		expect(readSettings(settings.payload)).toContainEqual([SETTINGS.ENABLE_CONNECT_PROTOCOL, 1]);
		socket.write(encodeFrame({ type: FRAME_TYPES.SETTINGS, flags: FLAGS.ACK }));

		const block = encodeHeaders([
			[':method', 'CONNECT'],
			[':protocol', 'websocket'],
			[':scheme', 'http'],
			[':path', '/chat'],
			[':authority', `127.0.0.1:${port}`],
			['sec-websocket-version', '13'],
			['sec-websocket-protocol', 'chat']
		]);
		socket.write(encodeFrame({ type: FRAME_TYPES.HEADERS, flags: FLAGS.END_HEADERS, stream: 1, payload: block }));
		const answer = await next((f) => f.type === FRAME_TYPES.HEADERS && f.stream === 1);
		// The server's own HPACK (Huffman, its dynamic table), read by ours.
		const decoded = new HpackDecoder().decode(answer.payload);
		expect(decoded.ok).toBe(true);
		expect(decoded.ok && decoded.headers).toContainEqual([':status', '200']);
		expect(decoded.ok && decoded.headers).toContainEqual(['sec-websocket-protocol', 'chat']);

		// A masked WebSocket text frame "Hi" in a DATA frame: the stream is the WebSocket now.
		const ws = Uint8Array.of(0x81, 0x82, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x93);
		socket.write(encodeFrame({ type: FRAME_TYPES.DATA, stream: 1, payload: ws }));
		const echoed = await next((f) => f.type === FRAME_TYPES.DATA && f.stream === 1 && f.payload.length > 0);
		expect(echoed.payload).toEqual(ws);
	});
});
