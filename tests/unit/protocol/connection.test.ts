/**
 * connection.ts: a client and a server wired together in memory. The opening handshake (RFC 6455 §4),
 * messages and fragments (§5.4, §5.6), pings (§5.5.2), the closing handshake (§7), replayable runs.
 * Every event passes through Pair.deliver, which checks it is explained and cites its section.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Connection, WebSocketUsageError, headToText, seededRandom } from '$lib/protocol';
import {
	Pair,
	ascii,
	closeCodeOf,
	concatBytes,
	expectFacts,
	expectSameBytes,
	fromHex,
	hexOf,
	oneByteAtATime,
	openPair,
	outgoingBytes,
	splitAt,
	unicodeArb,
	type Side
} from './helpers';

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');
const bytesOf = (p: Pair, from: Side) => concatBytes(...p.take(from).map(outgoingBytes));

describe('opening handshake', () => {
	it('goes CONNECTING -> OPEN on both ends, with request, response and open events', () => {
		const p = new Pair();
		expect([p.client.state, p.server.state]).toEqual(['CONNECTING', 'CONNECTING']);
		p.pump();
		expect([p.client.state, p.server.state]).toEqual(['OPEN', 'OPEN']);
		expect(p.events.server.map((e) => e.type)).toEqual(['handshake-request', 'state', 'open']);
		expect(p.events.client.map((e) => e.type)).toEqual(['handshake-response', 'state', 'open']);
		// The state table's change, reported as it happens (states.ts).
		expect(p.of('server', 'state')).toMatchObject([{ from: 'CONNECTING', to: 'OPEN' }]);
		const request = headToText(p.wire.client[0]).split('\r\n');
		expect(request[0]).toBe('GET /chat HTTP/1.1');
		expect(request).toContain('Host: server.example.com');
		expect(request).toContain('Sec-WebSocket-Version: 13');
		expect(headToText(p.wire.server[0])).toMatch(/^HTTP\/1\.1 101 /);
	});

	it('works with the handshake delivered one byte at a time', () => {
		const p = new Pair();
		p.pump(oneByteAtATime);
		expect([p.client.state, p.server.state]).toEqual(['OPEN', 'OPEN']);
	});

	it("agrees on the server's preferred subprotocol among those offered (§4.2.2)", () => {
		const p = new Pair({
			client: { protocols: ['chat', 'superchat'] },
			server: { subprotocols: ['superchat', 'chat'] }
		});
		p.pump();
		expect([p.client.protocol, p.server.protocol]).toEqual(['superchat', 'superchat']);
		expect(p.of('client', 'open')[0].protocol).toBe('superchat');
		const q = new Pair({ client: { protocols: ['chat'] }, server: { subprotocols: ['mqtt'] } });
		q.pump();
		expect([q.client.state, q.client.protocol, q.server.protocol]).toEqual(['OPEN', null, null]);
	});

	it('refuses version 8 with 426 and Sec-WebSocket-Version: 13 (§4.4)', () => {
		const p = new Pair();
		const request = headToText(p.take('client').map(outgoingBytes)[0]).replace(
			'Sec-WebSocket-Version: 13',
			'Sec-WebSocket-Version: 8'
		);
		const events = p.deliver('server', ascii(request));
		const failed = events.find((e) => e.type === 'handshake-failed');
		expect(failed && failed.type === 'handshake-failed' && failed.status).toBe(426);
		const answer = headToText(bytesOf(p, 'server'));
		expect(answer).toMatch(/^HTTP\/1\.1 426 /);
		expect(answer).toContain('\r\nSec-WebSocket-Version: 13\r\n');
		expect([p.server.state, p.server.shouldCloseTransport]).toEqual(['CLOSED', true]);
	});

	it('refuses a head that never ends, beyond 16 KiB, with 400', () => {
		const p = new Pair();
		p.take('client');
		p.deliver('server', ascii('GET / HTTP/1.1\r\nX: ' + 'a'.repeat(17000)));
		expect(p.of('server', 'handshake-failed').map((e) => e.status)).toEqual([400]);
		expect(p.server.state).toBe('CLOSED');
	});

	it('refuses a request without Host with 400', () => {
		const p = new Pair();
		const request = headToText(p.take('client').map(outgoingBytes)[0]).replace('Host: server.example.com\r\n', '');
		p.deliver('server', ascii(request));
		expect(headToText(bytesOf(p, 'server'))).toMatch(/^HTTP\/1\.1 400 /);
		expect(p.of('server', 'handshake-failed')[0].status).toBe(400);
	});

	it('fails on the client when the Accept value is wrong (§4.1)', () => {
		const p = new Pair();
		p.deliver('server', bytesOf(p, 'client'));
		const answer = headToText(bytesOf(p, 'server')).replace(
			/Sec-WebSocket-Accept: \S+/,
			'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='
		);
		p.deliver('client', ascii(answer));
		expect(p.client.state).toBe('CLOSED');
		expect(p.of('client', 'handshake-failed')).toHaveLength(1);
		expect(p.of('client', 'open')).toHaveLength(0);
	});

	it('reads frames that arrive in the same chunk as the 101 answer', () => {
		const p = new Pair();
		p.deliver('server', bytesOf(p, 'client'));
		p.server.send('first');
		const events = p.deliver('client', bytesOf(p, 'server'));
		expect(events.map((e) => e.type)).toEqual(['handshake-response', 'state', 'open', 'message']);
		expect(p.of('client', 'message')[0].text).toBe('first');
	});
});

describe('messages', () => {
	it('carries text and binary both ways; clients mask, servers do not (§5.1)', () => {
		const p = openPair();
		p.client.send('héllo');
		p.server.send(new Uint8Array([0, 1, 2, 255]));
		p.client.sendBinary(new Uint8Array([9]));
		p.server.sendText('');
		p.pump();
		expect(p.of('server', 'message').map((m) => [m.kind, m.text ?? [...m.data]])).toEqual([
			['text', 'héllo'],
			['binary', [9]]
		]);
		expect(p.of('client', 'message').map((m) => [m.kind, m.text ?? [...m.data]])).toEqual([
			['binary', [0, 1, 2, 255]],
			['text', '']
		]);
		expect(p.framesSent('client').every((f) => f.header.masked)).toBe(true);
		expect(p.framesSent('server').every((f) => !f.header.masked)).toBe(true);
	});

	it('reassembles any message, any fragment size, with a ping between fragments, in any chunks (property)', () => {
		const messageArb = fc.oneof(
			unicodeArb(60).filter((s) => !s.startsWith('\uFEFF')),
			fc.uint8Array({ maxLength: 120 })
		);
		fc.assert(
			fc.property(
				messageArb,
				fc.integer({ min: 1, max: 40 }),
				fc.array(fc.nat(), { maxLength: 10 }),
				fc.constantFrom<Side>('client', 'server'),
				(msg, size, cuts, from) => {
					const p = openPair();
					const to = other(from);
					p.conn(from).send(msg, { fragmentSize: size });
					const fragments = p.take(from);
					p.conn(from).ping('between');
					const ping = p.take(from);
					const wire = concatBytes(...[fragments[0], ...ping, ...fragments.slice(1)].map(outgoingBytes));
					const events = p.deliver(to, wire, (b) => splitAt(b, cuts));
					const n = fragments.length;
					expect(events.map((e) => e.type)).toEqual(
						n === 1 ? ['message', 'ping'] : ['fragment', 'ping', ...Array(n - 2).fill('fragment'), 'message']
					);
					const m = p.of(to, 'message')[0];
					const data = typeof msg === 'string' ? new TextEncoder().encode(msg) : msg;
					expect(m.kind).toBe(typeof msg === 'string' ? 'text' : 'binary');
					expectSameBytes(m.data, data, 'message data');
					if (typeof msg === 'string') expect(m.text).toBe(msg);
					// The automatic pong carries the ping's payload (§5.5.3).
					const pong = p.take(to);
					expect(pong.map((o) => o.kind === 'frame' && [o.header.opcode, new TextDecoder().decode(o.payload)])).toEqual(
						[[0xa, 'between']]
					);
				}
			),
			{ numRuns: 100 }
		);
	});

	it("leaves the caller's buffers as they were: what it sends and what it receives", () => {
		const p = openPair();
		const data = new Uint8Array([1, 2, 3, 4, 5]);
		p.client.sendBinary(data);
		const [out] = p.take('client');
		expect([...data]).toEqual([1, 2, 3, 4, 5]);
		expect(out.kind === 'frame' && [...out.payload]).toEqual([1, 2, 3, 4, 5]);
		const wire = outgoingBytes(out);
		const copy = wire.slice();
		p.deliver('server', wire);
		expect([...wire]).toEqual([...copy]);
		expect([...p.of('server', 'message')[0].data]).toEqual([1, 2, 3, 4, 5]);
	});

	it('leaves text undecoded when decodeText is false', () => {
		const p = openPair({ client: { decodeText: false } });
		p.server.send('hi');
		p.pump();
		const [m] = p.of('client', 'message');
		expect([m.kind, m.text, [...m.data]]).toEqual(['text', undefined, [0x68, 0x69]]);
	});

	it('counts the frames of a fragmented message: RFC §5.7 "Hel" + "lo" is 2 frames', () => {
		const p = openPair();
		p.deliver('client', fromHex('01 03 48 65 6c 89 00 80 02 6c 6f'));
		const m = p.of('client', 'message');
		expect(m.map((x) => x.text)).toEqual(['Hello']);
		expect(m[0].frameCount).toBe(2);
	});

	it('answers a ping with a pong of the same payload, unless autoPong is off', () => {
		const p = openPair();
		p.client.ping(new Uint8Array([1, 2, 3]));
		p.pump();
		expect(p.of('server', 'ping').map((e) => [...e.payload])).toEqual([[1, 2, 3]]);
		expect(p.of('client', 'pong').map((e) => [...e.payload])).toEqual([[1, 2, 3]]);
		const q = openPair({ server: { autoPong: false } });
		q.client.ping('x');
		q.pump();
		expect(q.of('server', 'ping')).toHaveLength(1);
		expect(q.of('client', 'pong')).toHaveLength(0);
	});

	it('takes an unsolicited pong without answering it', () => {
		const p = openPair();
		p.server.pong('beat');
		p.pump();
		expect(p.of('client', 'pong')).toHaveLength(1);
		expect(p.framesSent('client')).toHaveLength(0);
	});

	it('emits explained frame events when asked (frameEvents)', () => {
		const p = openPair({ server: { frameEvents: true } });
		p.client.send('abc', { fragmentSize: 1 });
		p.pump();
		expect(p.of('server', 'frame').map((e) => e.frame.opcode)).toEqual([1, 0, 0]);
	});
});

describe('closing handshake (§7)', () => {
	for (const first of ['client', 'server'] as const) {
		it(`completes when the ${first} starts it: OPEN -> CLOSING -> CLOSED, wasClean`, () => {
			const p = openPair();
			const second = other(first);
			p.conn(first).close(1000, 'done');
			expect(p.conn(first).state).toBe('CLOSING');
			p.deliver(second, bytesOf(p, first));
			expect(p.conn(second).state).toBe('CLOSED');
			const answer = p.take(second);
			const echo = answer.at(-1);
			expect(echo?.kind === 'frame' && [echo.header.opcode, closeCodeOf(echo.payload)]).toEqual([8, 1000]);
			p.deliver(first, concatBytes(...answer.map(outgoingBytes)));
			expect(p.conn(first).state).toBe('CLOSED');
			for (const side of ['client', 'server'] as const) {
				expect(p.of(side, 'closed')).toMatchObject([{ code: 1000, wasClean: true, sentCode: 1000 }]);
				// The server closes TCP first (§7.1.1).
				expect(p.conn(side).shouldCloseTransport, side).toBe(side === 'server');
			}
			expect(p.of(second, 'close-received')).toMatchObject([{ code: 1000, reason: 'done' }]);
			expect([p.client.receiveEof(), p.server.receiveEof()]).toEqual([[], []]);
		});
	}

	it('reports 1005 for a close frame without a status code, and echoes an empty one', () => {
		const p = openPair();
		p.client.close(null);
		p.pump();
		expect(p.of('server', 'closed')[0].code).toBe(1005);
		expect(p.framesSent('server').at(-1)!.payload).toHaveLength(0);
	});

	it('settles a simultaneous close without a third close frame', () => {
		const p = openPair();
		p.client.close(1000);
		p.server.close(1001);
		p.pump();
		expect([p.client.state, p.server.state]).toEqual(['CLOSED', 'CLOSED']);
		expect(p.framesSent('client').filter((f) => f.header.opcode === 8)).toHaveLength(1);
		expect(p.framesSent('server').filter((f) => f.header.opcode === 8)).toHaveLength(1);
		expect(p.of('client', 'closed')[0]).toMatchObject({ code: 1001, wasClean: true });
	});

	it('still delivers data that arrives after our close frame, but sends none (§5.5.1)', () => {
		const p = openPair();
		p.client.close();
		const close = bytesOf(p, 'client');
		p.server.send('late');
		p.deliver('client', bytesOf(p, 'server'));
		expect(p.of('client', 'message').map((m) => m.text)).toEqual(['late']);
		expect(() => p.client.send('more')).toThrow(WebSocketUsageError);
		p.deliver('server', close);
		p.pump();
		expect(p.client.state).toBe('CLOSED');
	});

	it("answers a ping received after sending close, before the peer's close arrives (§5.5.2)", () => {
		// "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response, unless it
		// already received a Close frame." Sending one is not receiving one.
		const p = openPair();
		p.client.close();
		p.take('client');
		p.server.ping('still there?');
		p.deliver('client', bytesOf(p, 'server'));
		const out = p.take('client');
		expect(out.map((o) => o.kind === 'frame' && o.header.opcode)).toEqual([0xa]);
	});

	it("ignores a ping that follows the peer's close frame", () => {
		const p = openPair();
		p.server.close();
		p.server.sendFrame({ opcode: 9, payload: ascii('after close') });
		p.deliver('client', bytesOf(p, 'server'));
		expect(p.of('client', 'ping')).toHaveLength(0);
		expect(p.take('client').map((o) => o.kind === 'frame' && o.header.opcode)).toEqual([8]);
	});

	it('reports 1006, not clean, when the transport ends without a closing handshake', () => {
		const p = openPair();
		const events = p.client.receiveEof();
		expectFacts(events);
		expect(events).toMatchObject([
			{ type: 'state', from: 'OPEN', to: 'CLOSED' },
			{ type: 'closed', code: 1006, wasClean: false, ending: 'transport' }
		]);
		expect(p.client.state).toBe('CLOSED');
		expect(p.client.receiveEof()).toEqual([]);
	});

	it('fails on request with a chosen code (§7.1.7) and the peer sees that code', () => {
		const p = openPair();
		const events = p.server.fail(1008, 'policy');
		expectFacts(events);
		expect(events).toMatchObject([
			{ type: 'state', from: 'OPEN', to: 'CLOSED' },
			{ type: 'closed', wasClean: false, sentCode: 1008, ending: 'failed' }
		]);
		expect([p.server.state, p.server.shouldCloseTransport]).toEqual(['CLOSED', true]);
		p.deliver('client', bytesOf(p, 'server'));
		expect(p.of('client', 'close-received')).toMatchObject([{ code: 1008, reason: 'policy' }]);
	});
});

describe('replay', () => {
	function run(seedClient: number, seedServer: number): string[] {
		const p = new Pair({ client: { random: seededRandom(seedClient) }, server: { random: seededRandom(seedServer) } });
		p.pump();
		p.client.send('hello', { fragmentSize: 2 });
		p.client.ping('p');
		p.server.send(new Uint8Array([1, 2, 3]));
		p.client.close(1000, 'bye');
		p.pump();
		return [...p.wire.client, ...p.wire.server].map(hexOf);
	}

	it('is byte-identical for the same seeds, and differs for another seed', () => {
		expect(run(7, 8)).toEqual(run(7, 8));
		expect(run(7, 8)).not.toEqual(run(9, 8));
	});

	it('takes the client key from the random source', () => {
		const a = new Connection({ role: 'client', uri: 'ws://x/', random: seededRandom(3) });
		const b = new Connection({ role: 'client', uri: 'ws://x/', random: seededRandom(3) });
		expect(a.handshakeKey).toBe(b.handshakeKey);
		expect(a.handshakeKey).toMatch(/^[A-Za-z0-9+/]{22}==$/);
	});
});
