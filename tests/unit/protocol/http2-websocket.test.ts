// WebSocket over HTTP/2 (RFC 8441): our client and our server engines against each other in memory,
// then the malformed input a server must answer with the right HTTP/2 error.
import { describe, expect, it } from 'vitest';
import { concat, seededRandom } from '$lib/protocol';
import { Http2Connection } from '$lib/protocol/http2/connection';
import { encodeFrame, encodeSettings, FLAGS, FRAME_TYPES, PREFACE, SETTINGS } from '$lib/protocol/http2/frames';
import { encodeHeaders } from '$lib/protocol/http2/hpack';
import { WebSocketOverHttp2, type H2WebSocketEvent } from '$lib/protocol/http2/websocket';

/** Run both ends until neither has anything to write; returns every event each side reported. */
function pump(client: WebSocketOverHttp2, server: WebSocketOverHttp2) {
	const seen = { client: [] as H2WebSocketEvent[], server: [] as H2WebSocketEvent[] };
	for (let i = 0; i < 100; i++) {
		const c = client.dataToSend();
		const s = server.dataToSend();
		if (!c.length && !s.length) break;
		if (c.length) seen.server.push(...server.receive(concat(c)));
		if (s.length) seen.client.push(...client.receive(concat(s)));
	}
	return seen;
}

const ws = (events: H2WebSocketEvent[]) => events.flatMap((e) => (e.type === 'ws' ? [e.event] : []));
const h2 = (events: H2WebSocketEvent[]) => events.flatMap((e) => (e.type === 'h2' ? [e.event] : []));

function pair(opts: { server?: object; client?: object } = {}) {
	const client = new WebSocketOverHttp2({
		role: 'client',
		uri: 'ws://example.com/chat',
		random: seededRandom(1),
		...opts.client
	});
	const server = new WebSocketOverHttp2({ role: 'server', random: seededRandom(2), ...opts.server });
	return { client, server };
}

describe('WebSocket over HTTP/2, engine to engine', () => {
	it('the server announces ENABLE_CONNECT_PROTOCOL, the client then CONNECTs, 200 opens both ends', () => {
		const { client, server } = pair();
		const seen = pump(client, server);
		expect(seen.client).toContainEqual(expect.objectContaining({ type: 'connect-enabled', enabled: true }));
		const req = seen.server.find((e) => e.type === 'connect-request');
		expect(req).toMatchObject({
			request: { stream: 1, authority: 'example.com', scheme: 'http', path: '/chat', protocols: [] }
		});
		expect(seen.client).toContainEqual(expect.objectContaining({ type: 'connect-response', status: 200 }));
		expect(ws(seen.client)).toContainEqual(expect.objectContaining({ type: 'open' }));
		expect(client.socket()!.state).toBe('OPEN');
		expect(server.socket(1)!.state).toBe('OPEN');
		// No key, no accept: the CONNECT's header list.
		const sent = seen.client.find((e) => e.type === 'connect-sent');
		expect(sent && sent.type === 'connect-sent' && sent.headers.map(([n]) => n)).toEqual([
			':method',
			':protocol',
			':scheme',
			':path',
			':authority',
			'sec-websocket-version'
		]);
	});

	it('text echoes over DATA, masked by the client; the close handshake then END_STREAM both ways', () => {
		const { client, server } = pair();
		pump(client, server);
		client.send('hello over h2');
		const out = client.takeOutgoing();
		expect(out.map((o) => o.why)).toEqual(['data']);
		// The DATA payload is a masked WebSocket text frame (RFC 6455 §5.3 unchanged, RFC 8441 §5).
		const payload = out[0].bytes.subarray(9);
		expect(payload[0]).toBe(0x81);
		expect(payload[1] & 0x80).toBe(0x80);
		const serverEvents = server.receive(concat(out.map((o) => o.bytes)));
		const msg = ws(serverEvents).find((e) => e.type === 'message');
		expect(msg).toMatchObject({ text: 'hello over h2' });
		server.send('hello over h2', {}, 1);
		const back = pump(client, server);
		expect(ws(back.client)).toContainEqual(expect.objectContaining({ type: 'message', text: 'hello over h2' }));
		client.close(1000, 'bye');
		const end = pump(client, server);
		expect(ws(end.server)).toContainEqual(expect.objectContaining({ type: 'closed', code: 1000, wasClean: true }));
		expect(ws(end.client)).toContainEqual(expect.objectContaining({ type: 'closed', code: 1000, wasClean: true }));
		// Both halves ended with END_STREAM (RFC 8441 §5.1): the stream is closed on both sides.
		expect(client.h2.streamState(1)).toBe('closed');
		expect(server.h2.streamState(1)).toBe('closed');
	});

	it('a small window cuts a WebSocket frame across DATA frames; WINDOW_UPDATE lets the rest through', () => {
		const { client, server } = pair({
			server: { settings: [[SETTINGS.INITIAL_WINDOW_SIZE, 16]], windowUpdateThreshold: 8 }
		});
		pump(client, server);
		client.send('a message longer than sixteen octets');
		const first = client.takeOutgoing();
		expect(first).toHaveLength(1);
		expect(first[0].bytes.length - 9).toBe(16);
		expect(client.h2.queuedData(1)).toBeGreaterThan(0);
		const seen = { server: server.receive(first[0].bytes) };
		expect(ws(seen.server).some((e) => e.type === 'message')).toBe(false);
		const updates = server.takeOutgoing().filter((o) => o.why === 'window-update');
		expect(updates.map((u) => [u.stream, u.increment])).toEqual([[1, 16]]);
		const rest = pump2(client, server, updates);
		expect(ws(rest).find((e) => e.type === 'message')).toMatchObject({ text: 'a message longer than sixteen octets' });
	});

	it('subprotocols and permessage-deflate are negotiated in the HEADERS as over HTTP/1.1', async () => {
		const { permessageDeflate } = await import('$lib/protocol');
		const { client, server } = pair({
			client: { protocols: ['chat', 'superchat'], extensions: [permessageDeflate()] },
			server: { subprotocols: ['superchat'], extensions: [permessageDeflate()] }
		});
		const seen = pump(client, server);
		const r = seen.client.find((e) => e.type === 'connect-response');
		expect(r).toMatchObject({ protocol: 'superchat', extensions: ['permessage-deflate'] });
		client.send('compress me compress me compress me');
		const back = pump(client, server);
		expect(ws(back.server)).toContainEqual(
			expect.objectContaining({ type: 'message', compressed: true, text: 'compress me compress me compress me' })
		);
	});

	it('a client waits for the setting: a server without it gets no CONNECT', () => {
		const client = new WebSocketOverHttp2({ role: 'client', uri: 'ws://example.com/', random: seededRandom(1) });
		const plain = new Http2Connection({ role: 'server' });
		plain.receive(concat(client.dataToSend()));
		const events = client.receive(concat(plain.dataToSend()));
		expect(events).toContainEqual(expect.objectContaining({ type: 'connect-enabled', enabled: false }));
		expect(events).toContainEqual(
			expect.objectContaining({ type: 'connect-refused', problem: { code: 'NO_CONNECT_PROTOCOL', params: {} } })
		);
		expect(client.takeOutgoing().some((o) => o.why === 'headers')).toBe(false);
	});
});

/** Deliver `first` to the client, then pump; the server's events. */
function pump2(client: WebSocketOverHttp2, server: WebSocketOverHttp2, first: { bytes: Uint8Array }[]) {
	client.receive(concat(first.map((f) => f.bytes)));
	return pump(client, server).server;
}

/** Bytes a raw client writes: the preface, empty SETTINGS, the ACK of the server's, then `frames`. */
function rawClient(...frames: Uint8Array[]) {
	return concat([
		PREFACE,
		encodeFrame({ type: FRAME_TYPES.SETTINGS, payload: encodeSettings([]) }),
		encodeFrame({ type: FRAME_TYPES.SETTINGS, flags: FLAGS.ACK }),
		...frames
	]);
}

const connectBlock = (extra: [string, string][] = [], drop?: string) =>
	encodeHeaders(
		(
			[
				[':method', 'CONNECT'],
				[':protocol', 'websocket'],
				[':scheme', 'http'],
				[':path', '/'],
				[':authority', 'localhost'],
				['sec-websocket-version', '13'],
				...extra
			] as [string, string][]
		).filter(([n]) => n !== drop)
	);

describe('WebSocket over HTTP/2: a server reading malformed input', () => {
	const serve = (bytes: Uint8Array) => {
		const server = new WebSocketOverHttp2({ role: 'server' });
		server.takeOutgoing();
		const events = server.receive(bytes);
		return { server, events, out: server.takeOutgoing() };
	};
	const goaway = (out: { why: string; error?: string }[]) => out.find((o) => o.why === 'goaway')?.error;

	it('a bad preface: GOAWAY PROTOCOL_ERROR (RFC 7540 §3.5)', () => {
		const { events, out } = serve(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
		expect(h2(events)).toContainEqual(
			expect.objectContaining({ type: 'connection-error', problem: expect.objectContaining({ rule: 'BAD_PREFACE' }) })
		);
		expect(goaway(out)).toBe('PROTOCOL_ERROR');
	});

	it('a frame over SETTINGS_MAX_FRAME_SIZE: GOAWAY FRAME_SIZE_ERROR (§4.2)', () => {
		const big = encodeFrame({
			type: FRAME_TYPES.HEADERS,
			stream: 1,
			flags: FLAGS.END_HEADERS,
			payload: new Uint8Array(16385)
		});
		const { events, out } = serve(rawClient(big));
		expect(h2(events)).toContainEqual(
			expect.objectContaining({
				type: 'connection-error',
				problem: expect.objectContaining({ rule: 'FRAME_TOO_LARGE' })
			})
		);
		expect(goaway(out)).toBe('FRAME_SIZE_ERROR');
	});

	it('an HPACK index past both tables: GOAWAY COMPRESSION_ERROR (§4.3)', () => {
		const block = Uint8Array.of(0xff, 0x80, 0x01); // indexed field 255 (7-bit prefix, then 0x80 0x01): past 61 + 0 entries
		const { events, out } = serve(
			rawClient(encodeFrame({ type: FRAME_TYPES.HEADERS, stream: 1, flags: FLAGS.END_HEADERS, payload: block }))
		);
		const e = h2(events).find((x) => x.type === 'connection-error');
		expect(e).toMatchObject({
			problem: { rule: 'COMPRESSION', error: 'COMPRESSION_ERROR', hpack: { code: 'INDEX_OUT_OF_RANGE' } }
		});
		expect(goaway(out)).toBe('COMPRESSION_ERROR');
	});

	it('DATA on a closed stream: RST_STREAM STREAM_CLOSED, and the connection goes on (§5.1)', () => {
		const headers = encodeFrame({
			type: FRAME_TYPES.HEADERS,
			stream: 1,
			flags: FLAGS.END_HEADERS | FLAGS.END_STREAM,
			payload: connectBlock()
		});
		const data = encodeFrame({ type: FRAME_TYPES.DATA, stream: 1, payload: Uint8Array.of(0x81, 0x80, 0, 0, 0, 0) });
		const { events, out } = serve(rawClient(headers, data));
		expect(h2(events)).toContainEqual(
			expect.objectContaining({
				type: 'stream-error',
				problem: expect.objectContaining({ rule: 'STREAM_CLOSED', error: 'STREAM_CLOSED', stream: 1 })
			})
		);
		expect(out.find((o) => o.why === 'rst-stream')).toMatchObject({ stream: 1, error: 'STREAM_CLOSED' });
		expect(goaway(out)).toBeUndefined();
	});

	it('DATA beyond the window: GOAWAY FLOW_CONTROL_ERROR (§6.9.1)', () => {
		const server = new WebSocketOverHttp2({ role: 'server', settings: [[SETTINGS.INITIAL_WINDOW_SIZE, 10]] });
		server.takeOutgoing();
		const headers = encodeFrame({
			type: FRAME_TYPES.HEADERS,
			stream: 1,
			flags: FLAGS.END_HEADERS,
			payload: connectBlock()
		});
		const events = server.receive(
			rawClient(headers, encodeFrame({ type: FRAME_TYPES.DATA, stream: 1, payload: new Uint8Array(11) }))
		);
		expect(h2(events).find((e) => e.type === 'connection-error')).toMatchObject({
			problem: { rule: 'FLOW_CONTROL', error: 'FLOW_CONTROL_ERROR', params: { length: 11, window: 10, of: 1 } }
		});
	});

	it('a CONNECT without :path is malformed: RST_STREAM PROTOCOL_ERROR; another :protocol gets 501', () => {
		const missing = serve(
			rawClient(
				encodeFrame({
					type: FRAME_TYPES.HEADERS,
					stream: 1,
					flags: FLAGS.END_HEADERS,
					payload: connectBlock([], ':path')
				})
			)
		);
		expect(missing.events).toContainEqual(
			expect.objectContaining({
				type: 'connect-refused',
				problem: { code: 'PSEUDO_MISSING', params: { name: ':path' } }
			})
		);
		expect(missing.out.find((o) => o.why === 'rst-stream')).toMatchObject({ error: 'PROTOCOL_ERROR' });
		const other = encodeHeaders([
			[':method', 'CONNECT'],
			[':protocol', 'webtransport'],
			[':scheme', 'https'],
			[':path', '/'],
			[':authority', 'localhost']
		]);
		const r = serve(
			rawClient(encodeFrame({ type: FRAME_TYPES.HEADERS, stream: 1, flags: FLAGS.END_HEADERS, payload: other }))
		);
		expect(r.events).toContainEqual(expect.objectContaining({ type: 'connect-refused', status: 501 }));
		const version = serve(
			rawClient(
				encodeFrame({
					type: FRAME_TYPES.HEADERS,
					stream: 1,
					flags: FLAGS.END_HEADERS,
					payload: connectBlock([], 'sec-websocket-version')
				})
			)
		);
		expect(version.events).toContainEqual(
			expect.objectContaining({
				type: 'connect-refused',
				status: 400,
				problem: { code: 'VERSION', params: { version: null } }
			})
		);
	});

	it('a first frame that is not SETTINGS: GOAWAY PROTOCOL_ERROR (§3.5)', () => {
		const server = new WebSocketOverHttp2({ role: 'server' });
		const events = server.receive(
			concat([PREFACE, encodeFrame({ type: FRAME_TYPES.PING, payload: new Uint8Array(8) })])
		);
		expect(h2(events).find((e) => e.type === 'connection-error')).toMatchObject({
			problem: { rule: 'SETTINGS_EXPECTED', error: 'PROTOCOL_ERROR' }
		});
	});

	it('input cut anywhere reads the same as input whole', () => {
		const { client, server } = pair();
		const bytes: Uint8Array[] = [];
		for (let i = 0; i < 10; i++) {
			const c = client.dataToSend();
			bytes.push(...c);
			const s = server.dataToSend();
			if (c.length) server.receive(concat(c));
			if (s.length) client.receive(concat(s));
			if (!c.length && !s.length) break;
		}
		client.send('split me');
		bytes.push(...client.dataToSend());
		const all = concat(bytes);
		for (const cut of [1, 5, 23, 24, 25, 33, all.length - 3]) {
			const a = new WebSocketOverHttp2({ role: 'server' });
			const events = [...a.receive(all.subarray(0, cut)), ...a.receive(all.subarray(cut))];
			expect(ws(events).find((e) => e.type === 'message')).toMatchObject({ text: 'split me' });
		}
	});
});

describe('WebSocket over HTTP/2: whatever arrives', () => {
	it('a server engine never throws on random frames after the preface, and stops at its first connection error', async () => {
		const fc = await import('fast-check');
		const frameArb = fc.record({
			type: fc.integer({ min: 0, max: 12 }),
			flags: fc.integer({ min: 0, max: 255 }),
			stream: fc.integer({ min: 0, max: 7 }),
			payload: fc.uint8Array({ maxLength: 40 })
		});
		fc.assert(
			fc.property(fc.array(frameArb, { maxLength: 12 }), fc.integer({ min: 1, max: 50 }), (frames, cut) => {
				const server = new WebSocketOverHttp2({ role: 'server' });
				const bytes = rawClient(...frames.map((f) => encodeFrame(f)));
				const events = [...server.receive(bytes.subarray(0, cut)), ...server.receive(bytes.subarray(cut))];
				const errors = h2(events).filter((e) => e.type === 'connection-error');
				expect(errors.length).toBeLessThanOrEqual(1);
				// After GOAWAY nothing more is read.
				if (errors.length) expect(server.receive(rawClient())).toEqual([]);
			}),
			{ numRuns: 1500 }
		);
	});
});
