/**
 * connection.ts failing the connection (RFC 6455 §7.1.7): each peer mistake leads to a close frame
 * with the right code, the CLOSED state and nothing sent afterwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebSocketUsageError, validateUtf8, type FrameSpec } from '$lib/protocol';
import {
	Pair,
	ascii,
	closeCodeOf,
	concatBytes,
	expectSameBytes,
	fromHex,
	openPair,
	outgoingBytes,
	splitAt,
	unicodeArb,
	type Side
} from './helpers';

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');
const bytesOf = (p: Pair, from: Side) => concatBytes(...p.take(from).map(outgoingBytes));

/** `from` writes these frames by hand (clients mask them unless told not to). */
function sendRaw(p: Pair, from: Side, ...specs: FrameSpec[]): Uint8Array {
	for (const s of specs) p.conn(from).sendFrame(s);
	return bytesOf(p, from);
}

/**
 * `side` failed the connection with this error and close code, and went quiet. `offset` counts from
 * the first frame byte; the engine counts from the first byte of the stream, handshake included.
 */
function expectFailed(p: Pair, side: Side, code: string, closeCode: number, offset?: number): void {
	const errors = p.of(side, 'protocol-error');
	expect(errors.map((e) => e.error.code)).toEqual([code]);
	expect(errors[0].error.closeCode).toBe(closeCode);
	if (offset !== undefined)
		expect(errors[0].error.offset, 'offset of the offending byte').toBe(p.framesAt[side] + offset);
	const sent = p.take(side);
	const last = sent.at(-1);
	expect(last?.kind === 'frame' && [last.header.opcode, closeCodeOf(last.payload)]).toEqual([8, closeCode]);
	expect([p.conn(side).state, p.conn(side).shouldCloseTransport]).toEqual(['CLOSED', true]);
	expect(p.of(side, 'closed')).toMatchObject([{ code: 1006, wasClean: false, sentCode: closeCode }]);
	// The peer reads the code.
	p.deliver(other(side), concatBytes(...sent.map(outgoingBytes)));
	expect(p.of(other(side), 'close-received').map((e) => e.code)).toEqual([closeCode]);
	// Nothing is sent after the close frame: not a pong, not data (§5.5.1, §7.1.7).
	p.take(other(side));
	expect(p.conn(side).receive(ascii('anything at all'))).toEqual([]);
	expect(() => p.conn(side).send('more')).toThrow(WebSocketUsageError);
	expect(p.take(side)).toEqual([]);
}

describe('message-level failures', () => {
	it('fails with 1002 on a continuation frame with no message in progress (§5.4)', () => {
		const p = openPair();
		p.deliver('server', sendRaw(p, 'client', { opcode: 0, payload: ascii('x') }));
		expectFailed(p, 'server', 'UNEXPECTED_CONTINUATION', 1002, 0);
	});

	it('fails with 1002 on a new message inside a fragmented one (§5.4)', () => {
		const p = openPair();
		p.deliver(
			'server',
			sendRaw(p, 'client', { opcode: 1, fin: false, payload: ascii('a') }, { opcode: 2, payload: ascii('b') })
		);
		expectFailed(p, 'server', 'EXPECTED_CONTINUATION', 1002, 7);
	});

	it('fails with 1007 on the fragment that holds invalid UTF-8, before the message ends (§8.1)', () => {
		const p = openPair();
		// "Hé" (9 bytes on the wire), then a continuation "A" 0xFF: the bad byte is at 9 + 6 + 1.
		p.deliver(
			'server',
			sendRaw(
				p,
				'client',
				{ opcode: 1, fin: false, payload: ascii('Hé') },
				{ opcode: 0, fin: false, payload: fromHex('41 ff') }
			)
		);
		expectFailed(p, 'server', 'INVALID_UTF8', 1007, 16);
	});

	it('fails with 1007 on a surrogate split across two fragments (ED | A0 80)', () => {
		const p = openPair();
		p.deliver(
			'server',
			sendRaw(
				p,
				'client',
				{ opcode: 1, fin: false, payload: fromHex('41 ed') },
				{ opcode: 0, fin: false, payload: fromHex('a0 80') }
			)
		);
		expectFailed(p, 'server', 'INVALID_UTF8', 1007, 14);
	});

	it('fails with 1007 inside a frame still arriving, at the chunk holding the bad byte (§8.1)', () => {
		const p = openPair();
		const payload = concatBytes(ascii('a'.repeat(10)), fromHex('ff'), ascii('a'.repeat(189)));
		const wire = sendRaw(p, 'client', { opcode: 1, payload });
		// 8 header bytes (16-bit length, masking key), then 10 good bytes: 0xFF is byte 18.
		let failedAt = -1;
		for (let i = 0; i < wire.length && failedAt < 0; i++) {
			if (p.deliver('server', wire.subarray(i, i + 1)).some((e) => e.type === 'protocol-error')) failedAt = i;
		}
		expect(failedAt).toBe(18);
		expectFailed(p, 'server', 'INVALID_UTF8', 1007, 18);
	});

	it('fails with 1007 inside a continuation frame still arriving', () => {
		const p = openPair();
		const first = sendRaw(p, 'client', { opcode: 1, fin: false, payload: ascii('ok') });
		const second = sendRaw(p, 'client', {
			opcode: 0,
			payload: concatBytes(ascii('b'.repeat(50)), fromHex('c0 80'), ascii('b'.repeat(100)))
		});
		p.deliver('server', concatBytes(first, second.subarray(0, 8 + 52)));
		expectFailed(p, 'server', 'INVALID_UTF8', 1007, first.length + 8 + 50);
	});

	it('fails with 1007 on a text message that ends inside a character', () => {
		const p = openPair();
		p.deliver('server', sendRaw(p, 'client', { opcode: 1, payload: fromHex('41 e2 82') }));
		expectFailed(p, 'server', 'INVALID_UTF8', 1007);
	});

	it('finds invalid UTF-8 at the same byte, in the chunk that holds it, however the text is fragmented and chunked (property)', () => {
		const textArb = fc.oneof(
			unicodeArb(30).map((s) => new TextEncoder().encode(s)),
			fc.tuple(unicodeArb(20), fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([s, at, v]) => {
				const b = [...new TextEncoder().encode(s)];
				b.splice(at % (b.length + 1), 0, v);
				return new Uint8Array(b);
			})
		);
		fc.assert(
			fc.property(
				textArb,
				fc.integer({ min: 1, max: 20 }),
				fc.array(fc.nat(), { maxLength: 12 }),
				(text, size, cuts) => {
					const p = openPair();
					p.client.sendMessage(1, text, { fragmentSize: size });
					const wire = concatBytes(...p.take('client').map(outgoingBytes));
					const v = validateUtf8(text);
					let start = 0;
					let failedIn: [number, number] | null = null;
					for (const chunk of splitAt(wire, cuts)) {
						const events = p.deliver('server', chunk);
						if (!failedIn && events.some((e) => e.type === 'protocol-error')) failedIn = [start, start + chunk.length];
						start += chunk.length;
					}
					if (v.ok) {
						expect(failedIn).toBeNull();
						expectSameBytes(p.of('server', 'message')[0].data, text);
						return;
					}
					// Every frame but the last carries `size` bytes behind a 6-byte header (masked, short).
					const at =
						v.offset === text.length ? wire.length : Math.floor(v.offset / size) * (6 + size) + 6 + (v.offset % size);
					const errors = p.of('server', 'protocol-error');
					expect(errors.map((e) => [e.error.code, e.error.closeCode, e.error.offset])).toEqual([
						['INVALID_UTF8', 1007, p.framesAt.server + at]
					]);
					expect(p.of('server', 'message')).toEqual([]);
					if (v.offset === text.length) expect(failedIn?.[1]).toBe(wire.length);
					else {
						expect(failedIn![0]).toBeLessThanOrEqual(at);
						expect(failedIn![1]).toBeGreaterThan(at);
					}
				}
			),
			{ numRuns: 150 }
		);
	});

	it('does not check binary messages for UTF-8', () => {
		const p = openPair();
		p.client.send(fromHex('ff fe c0 80'));
		p.pump();
		expect(p.of('server', 'message')).toHaveLength(1);
	});

	it('fails with 1009 on a message over maxMessageSize, from the header alone (§7.4.1)', () => {
		const p = openPair({ server: { maxMessageSize: 10 } });
		p.client.send(new Uint8Array(10));
		p.pump();
		expect(p.of('server', 'message')).toHaveLength(1);
		p.client.send(new Uint8Array(11));
		p.deliver('server', bytesOf(p, 'client').subarray(0, 6));
		expectFailed(p, 'server', 'MESSAGE_TOO_BIG', 1009);
	});

	it('fails with 1009 when fragments add up to more than maxMessageSize, at the header that crosses it', () => {
		const p = openPair({ server: { maxMessageSize: 10 } });
		p.client.send('abcdefghijkl', { fragmentSize: 6 });
		// First frame: 6 + 6 bytes; then the second header (6 bytes) is enough to know.
		p.deliver('server', bytesOf(p, 'client').subarray(0, 18));
		expectFailed(p, 'server', 'MESSAGE_TOO_BIG', 1009);
	});
});

describe('failing while closing', () => {
	it('sends no second close frame when the peer breaks a rule after our close', () => {
		const p = openPair();
		p.client.close(1000);
		p.take('client');
		p.deliver('client', sendRaw(p, 'server', { opcode: 3 }));
		expect(p.of('client', 'protocol-error').map((e) => e.error.code)).toEqual(['RESERVED_OPCODE']);
		expect(p.take('client')).toEqual([]);
		expect(p.client.state).toBe('CLOSED');
		expect(p.of('client', 'closed')).toMatchObject([{ wasClean: false, sentCode: 1000 }]);
	});
});

describe('close frame failures (§5.5.1, §7.4)', () => {
	for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535]) {
		it(`fails with 1002 on a close frame carrying ${code}`, () => {
			const p = openPair();
			p.deliver('server', sendRaw(p, 'client', { opcode: 8, payload: new Uint8Array([code >> 8, code & 0xff]) }));
			expectFailed(p, 'server', 'INVALID_CLOSE_CODE', 1002);
		});
	}

	it('accepts and echoes 3000 and 4999', () => {
		for (const code of [3000, 4999]) {
			const p = openPair();
			p.deliver('server', sendRaw(p, 'client', { opcode: 8, payload: new Uint8Array([code >> 8, code & 0xff]) }));
			expect(p.of('server', 'close-received').map((e) => e.code)).toEqual([code]);
			const echo = p.take('server').at(-1);
			expect(echo?.kind === 'frame' && closeCodeOf(echo.payload)).toBe(code);
		}
	});

	it('fails with 1002 on a one-byte close payload', () => {
		const p = openPair();
		p.deliver('server', sendRaw(p, 'client', { opcode: 8, payload: fromHex('03') }));
		expectFailed(p, 'server', 'CLOSE_PAYLOAD_ONE_BYTE', 1002);
	});

	it('fails with 1007 on a close reason that is not UTF-8', () => {
		const p = openPair();
		p.deliver('server', sendRaw(p, 'client', { opcode: 8, payload: fromHex('03 e8 ff') }));
		expectFailed(p, 'server', 'INVALID_CLOSE_REASON', 1007, 8);
	});
});

describe('frame-level failures through a connection', () => {
	const cases: [string, Side, FrameSpec, string][] = [
		['a reserved opcode', 'client', { opcode: 3 }, 'RESERVED_OPCODE'],
		['RSV1 with no extension', 'client', { opcode: 1, rsv1: true, payload: ascii('x') }, 'RSV_WITHOUT_EXTENSION'],
		['a 126-byte ping', 'client', { opcode: 9, payload: new Uint8Array(126) }, 'CONTROL_TOO_LONG'],
		['a fragmented ping', 'client', { opcode: 9, fin: false }, 'CONTROL_FRAGMENTED'],
		['an unmasked client frame', 'client', { opcode: 1, payload: ascii('x'), mask: null }, 'UNMASKED_CLIENT_FRAME'],
		[
			'a masked server frame',
			'server',
			{ opcode: 1, payload: ascii('x'), mask: fromHex('01 02 03 04') },
			'MASKED_SERVER_FRAME'
		]
	];
	for (const [name, from, spec, code] of cases) {
		it(`fails with 1002 on ${name}`, () => {
			const p = openPair();
			p.deliver(other(from), sendRaw(p, from, spec));
			expectFailed(p, other(from), code, 1002);
		});
	}
});
