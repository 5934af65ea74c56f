/**
 * connection.ts and its callers: a mistake by the caller (a bad argument or option, sending when not
 * OPEN) throws a WebSocketUsageError with a code and a message, never a bare TypeError, and never
 * writes a malformed request or frame (errors.ts: "typed, explained, never a bare throw").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Connection, WebSocketUsageError } from '$lib/protocol';
import { Pair } from './helpers';

describe('bad arguments throw WebSocketUsageError', () => {
	const open = () => new Connection({ role: 'server', skipHandshake: true });
	const cases: [string, () => unknown][] = [
		['no options', () => new Connection(undefined as never)],
		['an unknown role', () => new Connection({ role: 'peer' as never })],
		['a client without a URI', () => new Connection({ role: 'client' })],
		['a client with an http URI', () => new Connection({ role: 'client', uri: 'http://example.com/' })],
		['maxMessageSize 0', () => new Connection({ role: 'server', maxMessageSize: 0 })],
		['maxMessageSize "big"', () => new Connection({ role: 'server', maxMessageSize: 'big' as never })],
		['send(123)', () => open().send(123 as never)],
		['send(null)', () => open().send(null as never)],
		['sendText(5)', () => open().sendText(5 as never)],
		['sendBinary("x")', () => open().sendBinary('x' as never)],
		['fragmentSize 0', () => open().send('x', { fragmentSize: 0 })],
		['fragmentSize 1.5', () => open().send('x', { fragmentSize: 1.5 })],
		['sendMessage with a string', () => open().sendMessage(1, 'x' as never)],
		['a 126-byte ping', () => open().ping(new Uint8Array(126))],
		['a ping of 42 Hangul syllables (126 bytes of UTF-8)', () => open().ping('한'.repeat(42))],
		['ping(123)', () => open().ping(123 as never)],
		['pong({})', () => open().pong({} as never)],
		['close(5000)', () => open().close(5000)],
		['close(1005)', () => open().close(1005)],
		['close("abc")', () => open().close('abc' as never)],
		['a 124-byte close reason', () => open().close(1000, 'x'.repeat(124))],
		[
			'close twice',
			() => {
				const c = open();
				c.close();
				c.close();
			}
		],
		['sendFrame with opcode 16', () => open().sendFrame({ opcode: 16 })],
		['sendFrame with a 3-byte mask', () => open().sendFrame({ opcode: 1, mask: new Uint8Array(3) })],
		['fail(1005)', () => open().fail(1005)],
		['fail(NaN)', () => open().fail(NaN)],
		['receive("abc")', () => open().receive('abc' as never)],
		['receive(null)', () => open().receive(null as never)],
		['receive([1, 2])', () => open().receive([1, 2] as never)],
		['send before the handshake', () => new Connection({ role: 'client', uri: 'ws://x/' }).send('x')],
		['close before the handshake', () => new Connection({ role: 'client', uri: 'ws://x/' }).close()]
	];
	for (const [name, f] of cases) {
		it(name, () => {
			expect(f).toThrow(WebSocketUsageError);
		});
	}

	// Found by these tests: each reaches a property of null or writes a nonsensical frame.
	it('send("x", null) (options that are not an object)', () => {
		expect(() => open().send('x', null as never)).toThrow(WebSocketUsageError);
	});

	it('sendFrame(null)', () => {
		expect(() => open().sendFrame(null as never)).toThrow(WebSocketUsageError);
	});

	it('sendMessage with opcode 5 (only 1, text, and 2, binary, are messages)', () => {
		const c = open();
		expect(() => c.sendMessage(5 as never, new Uint8Array(1))).toThrow(WebSocketUsageError);
		expect(c.dataToSend()).toEqual([]);
	});

	it('a client URI that is neither a string nor a parsed URI', () => {
		// Today it is taken as a parsed URI and the request says "GET undefined HTTP/1.1", "Host: undefined".
		expect.soft(() => new Connection({ role: 'client', uri: 42 as never })).toThrow(WebSocketUsageError);
		expect.soft(() => new Connection({ role: 'client', uri: {} as never })).toThrow(WebSocketUsageError);
	});

	const client = (o: object) => () => new Connection({ role: 'client', uri: 'ws://x/', ...o });
	const optionCases: [string, () => unknown][] = [
		['a random source that is not a function', client({ random: 5 })],
		['protocols as a string instead of a list', client({ protocols: 'chat' })],
		['protocols that is not a list', client({ protocols: 5 })],
		['extensions that is not a list', client({ extensions: 5 })],
		['headers that is not a list', client({ headers: 5 })]
	];
	for (const [name, f] of optionCases) {
		it(`a client option: ${name}`, () => {
			expect(f).toThrow(WebSocketUsageError);
		});
	}

	it('a header value with CR LF in it (it would inject header lines, RFC 9110 §5.5)', () => {
		expect.soft(client({ headers: [['X-A', 'a\r\nSec-WebSocket-Protocol: evil']] })).toThrow(WebSocketUsageError);
		expect.soft(client({ headers: [['Bad Name', 'a']] })).toThrow(WebSocketUsageError);
		const server = () => {
			const p = new Pair({ server: { headers: [['X-A', 'a\r\nSet-Cookie: evil=1']] } });
			p.pump();
		};
		expect.soft(server).toThrow(WebSocketUsageError);
	});

	// A server option is used when the request arrives; a bad one must not surface as a TypeError
	// thrown out of receive() in the middle of a handshake.
	const serverCases: [string, object][] = [
		['subprotocols that is not a list', { subprotocols: 5 }],
		['checkRequest that is not a function', { checkRequest: 5 }],
		['headers that is not a list', { headers: 5 }]
	];
	for (const [name, o] of serverCases) {
		it(`a server option: ${name}`, () => {
			expect(() => {
				const p = new Pair({ server: o });
				p.pump();
			}).toThrow(WebSocketUsageError);
		});
	}

	it('exotic values as a close code or reason (a Symbol, a null-prototype object)', () => {
		expect.soft(() => open().close(Symbol('code') as never)).toThrow(WebSocketUsageError);
		expect.soft(() => open().fail(Symbol('code') as never)).toThrow(WebSocketUsageError);
		expect.soft(() => open().close(1000, Object.create(null))).toThrow(WebSocketUsageError);
		expect.soft(() => open().sendMessage(Object.create(null), new Uint8Array(1))).toThrow(WebSocketUsageError);
	});

	it('any arguments to any sending or receiving method: no throw, or a WebSocketUsageError (property)', () => {
		const value = fc.anything({
			withBigInt: true,
			withTypedArray: true,
			withMap: true,
			withSet: true,
			withDate: true,
			withBoxedValues: true
		});
		type Call = (c: Connection, a: unknown, b: unknown) => unknown;
		const calls: Record<string, Call> = {
			send: (c, a, b) => c.send(a as never, b as never),
			sendText: (c, a, b) => c.sendText(a as never, b as never),
			sendBinary: (c, a, b) => c.sendBinary(a as never, b as never),
			sendMessage: (c, a, b) => c.sendMessage(a as never, b as never),
			ping: (c, a) => c.ping(a as never),
			pong: (c, a) => c.pong(a as never),
			close: (c, a, b) => c.close(a as never, b as never),
			sendFrame: (c, a) => c.sendFrame(a as never),
			fail: (c, a, b) => c.fail(a as never, b as never),
			receive: (c, a) => c.receive(a as never)
		};
		fc.assert(
			fc.property(
				fc.constantFrom(...Object.keys(calls)),
				fc.constantFrom('client', 'server' as const),
				value,
				value,
				(name, role, a, b) => {
					const c = new Connection({ role, skipHandshake: true });
					try {
						calls[name](c, a, b);
					} catch (e) {
						expect(e, `${name} threw ${String(e)}`).toBeInstanceOf(WebSocketUsageError);
					}
				}
			),
			{ numRuns: 500 }
		);
	});
});
