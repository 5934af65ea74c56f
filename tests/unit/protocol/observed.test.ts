/**
 * reader/observed.ts: reading a real connection's bytes as an observer sees them stream past, one
 * direction at a time: the handshake head (RFC 6455 §4), then frames (§5.2) with the exact bytes
 * each took on the wire. Each direction is the engine's one Reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	Connection,
	ObservedConnection,
	encodeFrame,
	fixedRandom,
	permessageDeflate,
	seededRandom,
	type ObservedItem,
	type Role
} from '$lib/protocol';

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** A real exchange between two engine Connections: the bytes each side wrote. */
function exchange(): { toServer: Uint8Array; toClient: Uint8Array } {
	const client = new Connection({ role: 'client', uri: 'ws://127.0.0.1:6455/?session=t', random: seededRandom(7) });
	const server = new Connection({ role: 'server' });
	const toServer: Uint8Array[] = [];
	const toClient: Uint8Array[] = [];
	const pump = () => {
		for (let i = 0; i < 4; i++) {
			const a = client.dataToSend();
			toServer.push(...a);
			for (const c of a) server.receive(c);
			const b = server.dataToSend();
			toClient.push(...b);
			for (const c of b) client.receive(c);
		}
	};
	pump();
	client.send('hello');
	client.send(new Uint8Array([1, 2, 3]));
	client.send('fragmented message', { fragmentSize: 5 });
	client.ping('p');
	pump();
	server.send('héllo back');
	server.close(4000, 'done');
	pump();
	return { toServer: cat(...toServer), toClient: cat(...toClient) };
}

function read(reader: ObservedConnection, dir: Role, bytes: Uint8Array, cuts: number[]): ObservedItem[] {
	const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
	const items: ObservedItem[] = [];
	let prev = 0;
	for (const p of [...points, bytes.length]) {
		if (p > prev) items.push(...reader.push(dir, bytes.slice(prev, p)));
		prev = Math.max(prev, p);
	}
	return items;
}

describe('ObservedConnection', () => {
	const { toServer, toClient } = exchange();

	it('reads the handshake heads, then every frame with its exact wire bytes, however the bytes are cut', () => {
		fc.assert(
			fc.property(fc.array(fc.nat(), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), (cutsIn, cutsOut) => {
				const reader = new ObservedConnection();
				// The client's frames wait for the server's answer (it decides what RSV1 means), so
				// they may come out while the server's bytes are read: sort by sender.
				const all = [...read(reader, 'client', toServer, cutsIn), ...read(reader, 'server', toClient, cutsOut)];
				const ins = all.filter((i) => i.sender === 'client');
				const outs = all.filter((i) => i.sender === 'server');
				expect(ins[0]).toMatchObject({ kind: 'head', sender: 'client' });
				expect(outs[0]).toMatchObject({ kind: 'head', sender: 'server' });
				expect(reader.request?.startLine).toBe('GET /?session=t HTTP/1.1');
				expect(reader.response?.startLine).toBe('HTTP/1.1 101 Switching Protocols');
				// Every byte is accounted for exactly once, in order: head, then frames.
				for (const [items, bytes] of [
					[ins, toServer],
					[outs, toClient]
				] as const) {
					const pieces = items.map((i) =>
						i.kind === 'head' ? i.bytes : i.kind === 'frame' ? i.wire : new Uint8Array(0)
					);
					expect(hex(cat(...pieces))).toBe(hex(bytes));
					for (const i of items)
						if (i.kind === 'frame') expect(hex(bytes.subarray(i.offset, i.offset + i.wire.length))).toBe(hex(i.wire));
				}
				const kinds = ins
					.filter((i) => i.kind === 'frame')
					.map((i) => (i.kind === 'frame' ? [i.frame.opcode, i.message] : null));
				// text, binary, 4 fragments of one message, ping, close answer.
				expect(kinds).toEqual([
					[1, 0],
					[2, 1],
					[1, 2],
					[0, 2],
					[0, 2],
					[0, 2],
					[9, null],
					[8, null]
				]);
				const clientFrames = ins.flatMap((i) => (i.kind === 'frame' ? [i.frame] : []));
				expect(clientFrames.every((f) => f.masked && f.errors.length === 0)).toBe(true);
				const serverFrames = outs.flatMap((i) => (i.kind === 'frame' ? [i.frame] : []));
				expect(serverFrames.map((f) => f.opcode)).toEqual([10, 1, 8]);
				expect(serverFrames.every((f) => !f.masked && f.errors.length === 0)).toBe(true);
				expect(reader.messages('client')).toBe(3);
				expect(reader.bytes('client')).toBe(toServer.length);
			}),
			{ numRuns: 60 }
		);
	});

	it('keeps the mask key and the masked payload as sent', () => {
		const reader = new ObservedConnection();
		reader.push('client', enc('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
		reader.push('server', enc('HTTP/1.1 101 Switching Protocols\r\n\r\n'));
		const key = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
		const frame = encodeFrame({ opcode: 1, payload: enc('Hello'), mask: key });
		const [item] = reader.push('client', frame);
		expect(item.kind).toBe('frame');
		if (item.kind !== 'frame') return;
		expect(hex(item.wire)).toBe('818537fa213d7f9f4d5158'); // RFC 6455 §5.7's masked "Hello"
		expect(new TextDecoder().decode(item.frame.payload)).toBe('Hello');
		expect([...item.frame.maskKey!]).toEqual([...key]);
	});

	it("flags frames that break the direction's rules (a masked server frame) and goes on", () => {
		const reader = new ObservedConnection();
		reader.push('server', enc('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'));
		const items = reader.push(
			'server',
			cat(
				encodeFrame({ opcode: 1, payload: enc('a'), mask: new Uint8Array(4) }),
				encodeFrame({ opcode: 1, payload: enc('b') })
			)
		);
		expect(
			items
				.filter((i) => i.kind === 'frame')
				.map((i) => (i.kind === 'frame' ? i.frame.errors.map((e) => e.code) : i.kind))
		).toEqual([['MASKED_SERVER_FRAME'], []]);
		expect(
			items
				.filter((i) => i.kind === 'message')
				.map((i) => (i.kind === 'message' ? new TextDecoder().decode(i.data) : ''))
		).toEqual(['a', 'b']);
	});

	it('allows RSV1 only when permessage-deflate was agreed (RFC 7692 §6)', () => {
		const rsv1 = encodeFrame({ opcode: 1, payload: new Uint8Array([0xf2, 0x48, 0x05, 0x00]), rsv1: true });
		for (const [ext, errors] of [
			['', ['RSV_WITHOUT_EXTENSION']],
			['Sec-WebSocket-Extensions: permessage-deflate\r\n', []]
		] as const) {
			const reader = new ObservedConnection();
			reader.push('server', enc(`HTTP/1.1 101 Switching Protocols\r\n${ext}\r\n`));
			const [item] = reader.push('server', rsv1);
			expect(item.kind === 'frame' && item.frame.errors.map((e) => e.code)).toEqual(errors);
		}
	});

	it("holds a client's frames until the server's answer says how to read them (RFC 7692 §6)", () => {
		const reader = new ObservedConnection();
		reader.push('client', enc('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
		const rsv1 = encodeFrame({
			opcode: 1,
			payload: new Uint8Array([0xf2, 0x48, 0x05, 0x00]),
			rsv1: true,
			mask: new Uint8Array(4)
		});
		expect(reader.push('client', rsv1)).toEqual([]);
		const items = reader.push(
			'server',
			enc('HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n')
		);
		expect(items.map((i) => [i.kind, i.sender])).toEqual([
			['head', 'server'],
			['frame', 'client'],
			['message', 'client']
		]);
		const m = items[2];
		expect(m.kind === 'message' && [new TextDecoder().decode(m.data), m.compressed]).toEqual(['He', true]);
	});

	it("reads a refused handshake's body as bytes, never as frames", () => {
		const reader = new ObservedConnection();
		reader.push('client', enc('GET /nope HTTP/1.1\r\nHost: x\r\n\r\n'));
		const items = reader.push('server', enc('HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\n\r\n\x81\x05abc'));
		expect(items.map((i) => i.kind)).toEqual(['head', 'other']);
		expect(items[1]).toMatchObject({ reason: 'not-upgraded' });
	});

	it('stops at a gap (bytes the side channel dropped), and at frames too large to hold', () => {
		const reader = new ObservedConnection({ maxFrame: 1000 });
		reader.push('server', enc('HTTP/1.1 101 Switching Protocols\r\n\r\n'));
		expect(reader.push('server', encodeFrame({ opcode: 2, payload: new Uint8Array(2000) }).subarray(0, 100))).toEqual([
			{
				kind: 'stopped',
				sender: 'server',
				offset: 36,
				reason: 'too-big',
				error: expect.objectContaining({ code: 'MESSAGE_TOO_BIG' })
			}
		]);
		const r2 = new ObservedConnection();
		r2.push('client', enc('GET / HTTP/1.1\r\n\r\n'));
		expect(r2.gap('client', 10)).toEqual([{ kind: 'stopped', sender: 'client', offset: 18, reason: 'gap' }]);
		expect(
			r2.push('client', encodeFrame({ opcode: 1, payload: enc('x'), mask: fixedRandom(new Uint8Array([1]))(4) }))[0]
		).toMatchObject({ kind: 'other', reason: 'gap' });
	});

	it('reports bytes that are not HTTP at all', () => {
		const reader = new ObservedConnection();
		const items = reader.push('client', enc('\x16\x03\x01 TLS hello? \r\n\r\n'));
		expect(items[0]).toMatchObject({ kind: 'other', reason: 'not-http' });
	});

	it('inflates compressed messages in both directions, each with its window carried over (RFC 7692 §7.2.1)', () => {
		const client = new Connection({
			role: 'client',
			uri: 'ws://127.0.0.1/',
			random: seededRandom(9),
			extensions: [permessageDeflate({ clientMaxWindowBits: true })]
		});
		const server = new Connection({ role: 'server', extensions: [permessageDeflate()] });
		const reader = new ObservedConnection();
		const items: ReturnType<ObservedConnection['push']> = [];
		const pump = () => {
			for (let i = 0; i < 3; i++) {
				for (const c of client.dataToSend()) {
					items.push(...reader.push('client', c.slice()));
					for (const e of server.receive(c)) if (e.type === 'message') server.send(e.text ?? e.data);
				}
				for (const c of server.dataToSend()) {
					items.push(...reader.push('server', c.slice()));
					client.receive(c);
				}
			}
		};
		pump();
		const texts = ['hello hello hello', 'hello hello hello again', 'é'.repeat(300)];
		for (const t of texts) client.send(t);
		client.send('split across frames, compressed once', { fragmentSize: 7 });
		pump();
		expect(reader.compressed).toBe(true);
		const messages = (sender: Role) => items.flatMap((i) => (i.kind === 'message' && i.sender === sender ? [i] : []));
		for (const dir of ['client', 'server'] as const) {
			const got = messages(dir);
			expect(got.map((m) => new TextDecoder().decode(m.data))).toEqual([
				...texts,
				'split across frames, compressed once'
			]);
			expect(got.every((m) => m.compressed && m.problems.length === 0)).toBe(true);
			expect(got.map((m) => m.index)).toEqual([0, 1, 2, 3]);
			// The second message reuses the first one's window: far fewer bytes than its text.
			expect(got[1].compressedSize).toBeLessThan(12);
		}
		const frames = items.flatMap((i) => (i.kind === 'frame' ? [i.frame] : []));
		expect(frames.filter((f) => f.opcode === 1).every((f) => f.rsv1 && f.errors.length === 0)).toBe(true);
	});
});
