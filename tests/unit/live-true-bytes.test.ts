/**
 * The page's side-channel client (src/lib/live/true-bytes.svelte.ts): it follows only its own
 * session's connection, reads every byte with the engine as it streams in, matches frames to
 * messages, and stays bounded when it falls behind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as pako from 'pako';
import { Connection, base64Encode, permessageDeflate, provideZlib, seededRandom, type Zlib } from '$lib/protocol';
import { TrueBytes } from '$lib/live/true-bytes.svelte';
import { fakeSockets } from './live-fake-socket';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Bytes of a real exchange between two engine Connections: a text, a fragmented binary, a ping, a
 * close; with `deflate`, both agree permessage-deflate (RFC 7692) and the messages are compressed.
 */
function exchange({ deflate = false } = {}) {
	const extensions = deflate ? [permessageDeflate()] : [];
	const client = new Connection({
		role: 'client',
		uri: 'ws://127.0.0.1:6455/?session=me',
		random: seededRandom(3),
		extensions
	});
	const server = new Connection({ role: 'server', extensions: deflate ? [permessageDeflate()] : [] });
	const wire: { dir: 'in' | 'out'; bytes: Uint8Array }[] = [];
	const pump = () => {
		for (let i = 0; i < 4; i++) {
			for (const c of client.dataToSend()) {
				wire.push({ dir: 'in', bytes: new Uint8Array(c) });
				for (const e of server.receive(c))
					if (e.type === 'message') server.send(e.kind === 'text' ? (e.text ?? '') : e.data);
			}
			for (const c of server.dataToSend()) {
				wire.push({ dir: 'out', bytes: new Uint8Array(c) });
				client.receive(c);
			}
		}
	};
	pump();
	client.send('hello');
	client.send(new Uint8Array(300).fill(7), { fragmentSize: 100 });
	client.ping('p');
	pump();
	client.close(4001, 'bye');
	pump();
	return wire;
}

function start(opts: { maxQueued?: number; maxFrames?: number } = {}) {
	const sockets = fakeSockets();
	let now = 0;
	const tb = new TrueBytes('ws://127.0.0.1:6455/_bytes?session=me', 'me', {
		create: sockets.create,
		schedule: (cb) => cb(),
		now: () => (now += 1000),
		...opts
	});
	const side = sockets.all[0];
	const say = (m: object) => side.receive(JSON.stringify(m));
	return { tb, side, say };
}

describe('TrueBytes', () => {
	it('is ready once the side channel says hello, and follows only its own session', async () => {
		const { tb, say } = start();
		say({ type: 'hello', version: 1, server: 'tap', target: 'wss://example.org/', filter: 'me', t: 1 });
		expect(await tb.ready()).toBe(true);
		expect([tb.status, tb.server, tb.target]).toEqual(['listening', 'tap', 'wss://example.org/']);
		say({ type: 'open', conn: 7, t: 1, remotePort: 5000, resource: '/?session=other' });
		say({
			type: 'bytes',
			conn: 7,
			dir: 'in',
			base64: base64Encode(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n')),
			t: 1
		});
		expect(tb.conn).toBeNull();
		expect(tb.heads).toEqual([]);
		say({ type: 'open', conn: 8, t: 1, remotePort: 5001, resource: '/?x=1&session=me' });
		expect([tb.status, tb.conn, tb.remotePort]).toEqual(['following', 8, 5001]);
	});

	it('reads every frame of both directions as it streams, in any pieces, with the real mask keys', () => {
		const wire = exchange();
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), (sizes) => {
				const { tb, say } = start();
				say({ type: 'hello', version: 1, server: 'echo', filter: 'me', t: 1 });
				say({ type: 'open', conn: 1, t: 1, remotePort: 1, resource: '/?session=me' });
				let k = 0;
				for (const { dir, bytes } of wire) {
					for (let o = 0; o < bytes.length;) {
						const n = sizes[k++ % sizes.length];
						say({ type: 'bytes', conn: 1, dir, base64: base64Encode(bytes.subarray(o, o + n)), t: 2 });
						o += n;
					}
				}
				say({ type: 'close', conn: 1, t: 3 });
				expect(tb.status).toBe('ended');
				expect(tb.heads.map((h) => h.dir)).toEqual(['in', 'out']);
				expect(tb.heads[0].head.startLine).toBe('GET /?session=me HTTP/1.1');
				const ops = (dir: 'in' | 'out') => tb.frames.filter((f) => f.dir === dir).map((f) => f.header.opcode);
				expect(ops('in')).toEqual([1, 2, 0, 0, 9, 8]);
				expect(ops('out')).toEqual([1, 2, 10, 8]); // the echoes, the pong, the close answer
				expect(
					tb.frames.filter((f) => f.dir === 'in').every((f) => f.header.maskKey?.length === 4 && f.errors.length === 0)
				).toBe(true);
				// The frames' bytes, in order, are the stream after the handshake, exactly.
				const all = (dir: 'in' | 'out') => hex(Buffer.concat(wire.filter((w) => w.dir === dir).map((w) => w.bytes)));
				for (const dir of ['in', 'out'] as const) {
					const head = tb.heads.find((h) => h.dir === dir)!;
					expect(
						hex(head.bytes) +
							tb.frames
								.filter((f) => f.dir === dir)
								.map((f) => hex(f.wire!))
								.join('')
					).toBe(all(dir));
				}
				// Frames grouped by message: the client's second message travelled as three frames.
				expect(tb.messageFrames('in', 1).map((f) => [f.header.opcode, f.header.fin])).toEqual([
					[2, false],
					[0, false],
					[0, true]
				]);
				expect(tb.messageFrames('out', 0).map((f) => f.header.payloadLength)).toEqual([5]);
				expect(tb.bytes.in).toBe(Buffer.concat(wire.filter((w) => w.dir === 'in').map((w) => w.bytes)).length);
			}),
			{ numRuns: 40 }
		);
	});

	it('ignores whatever else answers on /_bytes', async () => {
		const { tb, side, say } = start();
		side.receive('echo of nothing');
		side.receive(new ArrayBuffer(3));
		say({ type: 'bytes', conn: 1, dir: 'sideways', base64: 'AA==' });
		expect(tb.status).toBe('connecting');
		side.closed(1000);
		expect(await tb.ready()).toBe(false);
		expect(tb.status).toBe('unavailable');
	});

	it('drops what it cannot keep up with, says so, and reads no frames past the gap', () => {
		const { tb, say } = start({ maxQueued: 10 });
		say({ type: 'hello', version: 1, server: 'echo', filter: 'me', t: 1 });
		say({ type: 'open', conn: 1, t: 1, remotePort: 1, resource: '/?session=me' });
		// A schedule that never runs: the queue only grows, until the limit.
		(tb as unknown as { scheduled: boolean }).scheduled = true;
		say({
			type: 'bytes',
			conn: 1,
			dir: 'out',
			base64: base64Encode(new TextEncoder().encode('HTTP/1.1 101 OK\r\n')),
			t: 1
		});
		say({ type: 'bytes', conn: 1, dir: 'out', base64: base64Encode(new Uint8Array([0x81, 0x01, 0x41])), t: 1 });
		(tb as unknown as { drain(): void }).drain();
		expect(tb.notices).toEqual([{ kind: 'dropped', dir: 'out', bytes: 20, by: 'page' }]);
		expect(tb.frames).toEqual([]);
	});

	it("passes on the server's dropped notice and stops that direction", () => {
		const { tb, say } = start();
		say({ type: 'hello', version: 1, server: 'echo', filter: 'me', t: 1 });
		say({ type: 'open', conn: 1, t: 1, remotePort: 1, resource: '/?session=me' });
		say({
			type: 'bytes',
			conn: 1,
			dir: 'out',
			base64: base64Encode(new TextEncoder().encode('HTTP/1.1 101 Switching Protocols\r\n\r\n')),
			t: 1
		});
		say({ type: 'dropped', conn: 1, dir: 'out', bytes: 5000, t: 2 });
		say({ type: 'bytes', conn: 1, dir: 'out', base64: base64Encode(new Uint8Array([0x81, 0x01, 0x41])), t: 3 });
		expect(tb.notices[0]).toEqual({ kind: 'dropped', dir: 'out', bytes: 5000, by: 'server' });
		expect(tb.notices.some((n) => n.kind === 'other' && n.reason === 'gap' && n.bytes === 3)).toBe(true);
		expect(tb.frames).toEqual([]);
	});

	it('says so, and reads on no further, when a compressed message comes and the DEFLATE code is not loaded', () => {
		// Both ends agree permessage-deflate; the page (offline) never got pako.
		const wire = exchange({ deflate: true });
		const { tb, say } = start();
		say({ type: 'hello', version: 1, server: 'echo', filter: 'me', t: 1 });
		say({ type: 'open', conn: 1, t: 1, remotePort: 1, resource: '/?session=me' });
		provideZlib(null as unknown as Zlib);
		try {
			for (const w of wire) say({ type: 'bytes', conn: 1, dir: w.dir, base64: base64Encode(w.bytes), t: 2 });
		} finally {
			provideZlib(pako);
		}
		expect(tb.notices).toEqual([{ kind: 'no-zlib' }]);
		expect(tb.heads).toHaveLength(2);
		expect(tb.frames).toEqual([]);
	});

	it('keeps at most maxFrames frames, counting the rest', () => {
		const { tb, say } = start({ maxFrames: 5 });
		say({ type: 'hello', version: 1, server: 'echo', filter: 'me', t: 1 });
		say({ type: 'open', conn: 1, t: 1, remotePort: 1, resource: '/?session=me' });
		say({
			type: 'bytes',
			conn: 1,
			dir: 'out',
			base64: base64Encode(new TextEncoder().encode('HTTP/1.1 101 Switching Protocols\r\n\r\n')),
			t: 1
		});
		const frames = Buffer.concat(Array.from({ length: 12 }, (_, i) => Buffer.from([0x81, 0x01, 0x30 + i])));
		say({ type: 'bytes', conn: 1, dir: 'out', base64: frames.toString('base64'), t: 1 });
		expect(tb.frameCount).toBe(12);
		expect(tb.frames.map((f) => f.message)).toEqual([7, 8, 9, 10, 11]);
		expect(tb.messageFrames('out', 0)).toEqual([]);
		expect(tb.messageFrames('out', 11)).toHaveLength(1);
	});
});
