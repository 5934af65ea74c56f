/**
 * permessage-deflate through whole connections: a client Connection and a server Connection, each
 * with `permessageDeflate()`, talking in memory (like h11's ConnectionPair). RSV1, fragments, context
 * takeover on the wire, window limits, the RFC's frames byte for byte, and failures.
 */
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '$lib/hex';
import { Connection, type ConnectionEvent } from '$lib/protocol';
import { DEFLATE_TAIL, permessageDeflate, walkDeflate, type PermessageDeflateOptions } from '$lib/protocol';
import { parseExtensions } from '$lib/protocol';
import { buildClientRequest, buildServerResponse } from '$lib/protocol';
import { concat } from '$lib/protocol';
import { Opcode } from '$lib/protocol';
import { seededRandom } from '$lib/protocol';

const URI = 'ws://example.com/chat';
const REPEATED = 'The quick brown fox jumps over the lazy dog; permessage-deflate makes this shorter. '.repeat(4);

function pair(
	clientOpts: PermessageDeflateOptions = {},
	serverOpts: PermessageDeflateOptions = {},
	maxMessageSize?: number
) {
	const client = new Connection({
		role: 'client',
		uri: URI,
		random: seededRandom(6455),
		extensions: [permessageDeflate(clientOpts)]
	});
	const server = new Connection({
		role: 'server',
		extensions: [permessageDeflate(serverOpts)],
		...(maxMessageSize ? { maxMessageSize } : {})
	});
	const serverOpen = server.receive(concat(client.dataToSend()));
	const clientOpen = client.receive(concat(server.dataToSend()));
	return { client, server, serverOpen, clientOpen };
}

/** Send from one end and deliver to the other; returns the frames on the wire and the receiver's events. */
function deliver(from: Connection, to: Connection, send: () => void) {
	send();
	const out = from.takeOutgoing().filter((o) => o.kind === 'frame');
	const events = to.receive(concat(out.flatMap((o) => [...o.parts])));
	return { frames: out.map((o) => ({ header: o.header, payload: o.payload })), events };
}

function messages(events: ConnectionEvent[]) {
	return events.filter((e): e is Extract<ConnectionEvent, { type: 'message' }> => e.type === 'message');
}

describe('negotiated on both ends', () => {
	it('both ends open with permessage-deflate, and messages flow compressed both ways', () => {
		const { client, server, serverOpen, clientOpen } = pair();
		expect(serverOpen.find((e) => e.type === 'open')).toMatchObject({ extensions: ['permessage-deflate'] });
		expect(clientOpen.find((e) => e.type === 'open')).toMatchObject({ extensions: ['permessage-deflate'] });
		const up = deliver(client, server, () => client.sendText(REPEATED));
		expect(up.frames[0].header.rsv1).toBe(true);
		expect(up.frames[0].payload.length).toBeLessThan(REPEATED.length / 2);
		expect(messages(up.events)[0]).toMatchObject({
			text: REPEATED,
			compressed: true,
			compressedSize: up.frames[0].payload.length
		});
		const down = deliver(server, client, () => server.sendBinary(new Uint8Array(1000).fill(7)));
		expect(down.frames[0].header.rsv1).toBe(true);
		expect(messages(down.events)[0]).toMatchObject({
			kind: 'binary',
			data: new Uint8Array(1000).fill(7),
			compressed: true
		});
	});

	it('sets RSV1 on the first frame of a fragmented message only (RFC 7692 §6)', () => {
		const { client, server } = pair();
		const { frames, events } = deliver(client, server, () => client.sendText(REPEATED, { fragmentSize: 8 }));
		expect(frames.length).toBeGreaterThan(2);
		expect(frames.map((f) => f.header.rsv1)).toEqual(frames.map((_, i) => i === 0));
		expect(frames.map((f) => f.header.opcode)).toEqual(
			frames.map((_, i) => (i === 0 ? Opcode.Text : Opcode.Continuation))
		);
		expect(messages(events)).toMatchObject([{ text: REPEATED, compressed: true }]);
	});

	it('context takeover makes a repeated message smaller on the wire; no_context_takeover does not', () => {
		const sizes = (clientOpts: PermessageDeflateOptions, serverOpts: PermessageDeflateOptions) => {
			const { client, server } = pair(clientOpts, serverOpts);
			const first = deliver(client, server, () => client.sendText(REPEATED));
			const second = deliver(client, server, () => client.sendText(REPEATED));
			expect(messages(second.events)[0]).toMatchObject({ text: REPEATED });
			const back1 = deliver(server, client, () => server.sendText(REPEATED));
			const back2 = deliver(server, client, () => server.sendText(REPEATED));
			expect(messages(back2.events)[0]).toMatchObject({ text: REPEATED });
			return [first, second, back1, back2].map((d) => d.frames[0].payload.length);
		};
		const [up1, up2, down1, down2] = sizes({}, {});
		expect(up2).toBeLessThan(up1 / 4);
		expect(down2).toBeLessThan(down1 / 4);
		// The client promises it (a hint the server confirms), and the server decides it for itself.
		const [a1, a2, b1, b2] = sizes({ clientNoContextTakeover: true }, { serverNoContextTakeover: true });
		expect(a2).toBe(a1);
		expect(b2).toBe(b1);
	});

	it('leaves messages under the threshold, and those sent with compress: false, uncompressed (RSV1 0)', () => {
		const { client, server } = pair({ threshold: 64 });
		const small = deliver(client, server, () => client.sendText('short'));
		expect(small.frames[0].header.rsv1).toBe(false);
		expect(messages(small.events)[0]).toMatchObject({ text: 'short', compressed: false });
		const off = deliver(client, server, () => client.sendText(REPEATED, { compress: false }));
		expect(off.frames[0].header.rsv1).toBe(false);
		// An uncompressed message in between does not disturb the shared window (RFC 7692 §7.2.3.2).
		const third = deliver(client, server, () => client.sendText(REPEATED));
		expect(messages(third.events)[0]).toMatchObject({ text: REPEATED, compressed: true });
	});

	it('keeps to a window the client asked for: server_max_window_bits=9', () => {
		const { client, server, clientOpen } = pair({ serverMaxWindowBits: 9 }, {});
		expect(clientOpen.find((e) => e.type === 'open')).toMatchObject({
			extensions: ['permessage-deflate; server_max_window_bits=9']
		});
		const text = Array.from({ length: 40 }, (_, i) => `line ${i % 7}: ${'abcdefghij'.slice(i % 10)} ${i * 7919}`).join(
			'\n'
		);
		for (let k = 0; k < 3; k++) {
			const { frames, events } = deliver(server, client, () => server.sendText(text));
			const walk = walkDeflate(concat([frames[0].payload, DEFLATE_TAIL]));
			expect(Math.max(...walk.blocks.map((b) => b.maxDistance))).toBeLessThanOrEqual(512);
			expect(messages(events)[0]).toMatchObject({ text });
		}
	});

	it('declines an offer with an invalid parameter: the connection opens without the extension', () => {
		const server = new Connection({ role: 'server', extensions: [permessageDeflate()] });
		const ext = parseExtensions('permessage-deflate; server_max_window_bits=16');
		if (!ext.ok) throw new Error(ext.problem.code);
		const { bytes } = buildClientRequest({ uri: URI, key: 'dGhlIHNhbXBsZSBub25jZQ==', extensions: ext.offers });
		const events = server.receive(bytes);
		expect(events.find((e) => e.type === 'open')).toMatchObject({ extensions: [] });
		expect(new TextDecoder().decode(concat(server.dataToSend()))).not.toMatch(/Sec-WebSocket-Extensions/i);
	});

	it('fails the handshake when the answer has a parameter the client did not allow', () => {
		const client = new Connection({
			role: 'client',
			uri: URI,
			random: seededRandom(1),
			extensions: [permessageDeflate()]
		});
		client.dataToSend();
		const ext = parseExtensions('permessage-deflate; client_max_window_bits=10');
		if (!ext.ok) throw new Error(ext.problem.code);
		const events = client.receive(buildServerResponse({ key: client.handshakeKey, extensions: ext.offers }));
		expect(events.find((e) => e.type === 'handshake-failed')).toMatchObject({
			problem: {
				of: 'response',
				code: 'EXTENSION_REFUSED',
				params: { name: 'permessage-deflate', problem: { code: 'DEFLATE_NOT_OFFERED' } }
			}
		});
		expect(client.state).toBe('CLOSED');
	});
});

describe('Autobahn|Testsuite family 13 configurations, end to end', () => {
	// Each case's client options (Autobahn offers client_no_context_takeover and client_max_window_bits
	// by default) and the answer the client must see; this server also limits the client to 2^10.
	const base = { clientNoContextTakeover: true, clientMaxWindowBits: true } as const;
	const cases: [string, PermessageDeflateOptions, string][] = [
		['13.1', base, 'permessage-deflate; client_no_context_takeover; client_max_window_bits=10'],
		[
			'13.2',
			{ ...base, serverNoContextTakeover: true },
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits=10'
		],
		[
			'13.3',
			{ ...base, serverMaxWindowBits: 8 },
			'permessage-deflate; client_no_context_takeover; server_max_window_bits=8; client_max_window_bits=10'
		],
		[
			'13.4',
			{ ...base, serverMaxWindowBits: 15 },
			'permessage-deflate; client_no_context_takeover; server_max_window_bits=15; client_max_window_bits=10'
		],
		[
			'13.5',
			{ ...base, serverNoContextTakeover: true, serverMaxWindowBits: 8 },
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8; client_max_window_bits=10'
		],
		[
			'13.6',
			{ ...base, serverNoContextTakeover: true, serverMaxWindowBits: 15 },
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15; client_max_window_bits=10'
		]
	];
	it.each(cases)('%s: echoes messages of 16 B to 64 KiB both ways', (_, opts, agreed) => {
		const { client, server, clientOpen } = pair(opts, { clientMaxWindowBits: 10 });
		expect(clientOpen.find((e) => e.type === 'open')).toMatchObject({ extensions: [agreed] });
		const window = 1 << (opts.serverMaxWindowBits ?? 15);
		for (const size of [16, 1024, 65536]) {
			const text = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + ((i * i + size) % 23))).join('');
			const up = deliver(client, server, () => client.sendText(text));
			expect(messages(up.events)[0]).toMatchObject({ text, compressed: true });
			const upWalk = walkDeflate(concat([up.frames[0].payload, DEFLATE_TAIL]));
			expect(Math.max(...upWalk.blocks.map((b) => b.maxDistance))).toBeLessThanOrEqual(1024);
			const down = deliver(server, client, () => server.sendText(text));
			expect(messages(down.events)[0]).toMatchObject({ text, compressed: true });
			const walk = walkDeflate(concat([down.frames[0].payload, DEFLATE_TAIL]));
			expect(Math.max(...walk.blocks.map((b) => b.maxDistance))).toBeLessThanOrEqual(window);
			if (opts.serverNoContextTakeover) expect(walk.reachesBack).toBe(0);
		}
	});
});

describe('the RFC 7692 §7.2.3 frames, received by a client', () => {
	const open = (opts: PermessageDeflateOptions = {}) => pair({}, opts).client;
	const receive = (c: Connection, ...frames: string[]) => frames.flatMap((f) => c.receive(hexToBytes(f)));

	it('§7.2.3.1: c1 07 f2 48 cd c9 c9 07 00 is "Hello", and so are its two fragments', () => {
		expect(messages(receive(open(), 'c1 07 f2 48 cd c9 c9 07 00'))).toMatchObject([
			{ text: 'Hello', compressed: true, compressedSize: 7 }
		]);
		expect(messages(receive(open(), '41 03 f2 48 cd', '80 04 c9 c9 07 00'))).toMatchObject([
			{ text: 'Hello', frameCount: 2 }
		]);
	});

	it('§7.2.3.2: the second "Hello" as c1 05 f2 00 11 00 00, through the shared window', () => {
		expect(messages(receive(open(), 'c1 07 f2 48 cd c9 c9 07 00', 'c1 05 f2 00 11 00 00')).map((m) => m.text)).toEqual([
			'Hello',
			'Hello'
		]);
	});

	it('§7.2.3.2: fails with 1007 when server_no_context_takeover was agreed and the server refers back anyway', () => {
		const events = receive(
			open({ serverNoContextTakeover: true }),
			'c1 07 f2 48 cd c9 c9 07 00',
			'c1 05 f2 00 11 00 00'
		);
		expect(events.find((e) => e.type === 'protocol-error')).toMatchObject({
			error: { code: 'INVALID_COMPRESSED_DATA', closeCode: 1007 }
		});
	});

	it('§7.2.3.3 (no compression), §7.2.3.4 (BFINAL set) and §7.2.3.5 (two blocks) are all "Hello"', () => {
		const c = open();
		const got = receive(
			c,
			'c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00',
			'c1 08 f3 48 cd c9 c9 07 00 00',
			'c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00'
		);
		expect(messages(got).map((m) => m.text)).toEqual(['Hello', 'Hello', 'Hello']);
	});

	it('§7.2.3.6: an empty message (c1 01 00), and a last fragment that holds only 00', () => {
		expect(messages(receive(open(), 'c1 01 00'))).toMatchObject([{ text: '', compressed: true }]);
		// The first fragment was sync-flushed (its 00 00 ff ff kept); the last adds an empty block.
		expect(messages(receive(open(), '41 0b f2 48 cd c9 c9 07 00 00 00 ff ff', '80 01 00'))).toMatchObject([
			{ text: 'Hello' }
		]);
	});

	it('RSV1 on a continuation frame fails the connection (RFC 7692 §6)', () => {
		const events = receive(open(), '41 03 f2 48 cd', 'c0 04 c9 c9 07 00');
		expect(events.find((e) => e.type === 'protocol-error')).toMatchObject({ error: { code: 'RSV1_ON_CONTINUATION' } });
	});
});

describe('limits', () => {
	it('a compressed message that inflates past maxMessageSize closes with 1009, however small on the wire', () => {
		const { client, server } = pair({}, {}, 64 * 1024);
		// Compressed by the client without a limit, 1 MiB of zeros is about a kilobyte.
		const { events } = deliver(client, server, () => client.sendBinary(new Uint8Array(1024 * 1024)));
		expect(events.find((e) => e.type === 'protocol-error')).toMatchObject({
			error: { code: 'MESSAGE_TOO_BIG', closeCode: 1009 }
		});
		expect(events.find((e) => e.type === 'closed')).toMatchObject({ sentCode: 1009 });
	});

	it('corrupt compressed data closes with 1007', () => {
		const { client, server } = pair();
		const { events } = deliver(client, server, () =>
			client.sendFrame({ opcode: Opcode.Binary, rsv1: true, payload: hexToBytes('ff ff ff') })
		);
		expect(events.find((e) => e.type === 'protocol-error')).toMatchObject({
			error: { code: 'INVALID_COMPRESSED_DATA' }
		});
		expect(events.find((e) => e.type === 'closed')).toMatchObject({ sentCode: 1007 });
	});
});
