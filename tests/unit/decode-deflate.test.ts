// permessage-deflate on /decode (RFC 7692): RSV1 messages inflate as the receiver would, the
// examples of RFC 7692 §7.2.3 decode exactly (the shared-context one included), and what cannot be
// inflated is a located error with the close code a receiver would send.
import { handshakeProblemText } from '$lib/i18n/protocol';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '$lib/hex';
import {
	acceptSteps,
	concat,
	Connection,
	decodeUtf8,
	DEFAULT_DEFLATE_PARAMS,
	encodeFrame,
	encodeUtf8,
	PermessageDeflateCodec,
	permessageDeflate,
	seededRandom
} from '$lib/protocol';
import { analyzeStream } from '$lib/decode/analyze';
import { decodeInput } from '$lib/decode/input';
import { exampleText } from '$lib/decode/examples';
import { inputFromUrl, urlWithInput } from '$lib/decode/share';
import type { StreamAnalysis } from '$lib/decode/types';

const run = (hex: string, deflate: 'auto' | 'on' | 'off' = 'auto', role: 'auto' | 'client' | 'server' = 'auto') =>
	analyzeStream(hexToBytes(hex), { deflate, role });
const texts = (a: StreamAnalysis) => a.messages.filter((m) => m.kind === 'text').map((m) => decodeUtf8(m.data));
const codes = (a: StreamAnalysis) => a.issues.map((i) => i.code);

describe('RFC 7692 §7.2.3 examples decode exactly', () => {
	it('§7.2.3.1 "Hello" in one compressed frame', () => {
		const a = run('c1 07 f2 48 cd c9 c9 07 00');
		expect(a.issues).toEqual([]);
		expect(texts(a)).toEqual(['Hello']);
		expect(a.messages[0]).toMatchObject({ compressed: true, complete: true, invalid: false });
		expect([...a.messages[0].deflated!]).toEqual([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]);
		const f = a.frames[0];
		expect(f.header.rsv1).toBe(true);
		expect(f.compressed).toBe(true);
		// The frame keeps the bytes as sent; the inflated message rides on the frame that ends it.
		expect([...f.payload]).toEqual([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]);
		expect(decodeUtf8(f.inflated!.data)).toBe('Hello');
		expect(f.inflated).toMatchObject({ message: 0, kind: 'text', deflatedLength: 7 });
		expect(a.deflate).toEqual({
			choice: 'auto',
			enabled: true,
			agreed: null,
			compressedMessages: 1,
			receiver: 'client'
		});
	});

	it('§7.2.3.1 the same, fragmented: RSV1 on the first frame only', () => {
		const a = run('41 03 f2 48 cd 80 04 c9 c9 07 00');
		expect(a.issues).toEqual([]);
		expect(texts(a)).toEqual(['Hello']);
		expect(a.frames.map((f) => f.compressed)).toEqual([true, true]);
		expect(a.frames[0].inflated).toBeUndefined();
		expect(a.frames[1].inflated).toMatchObject({ deflatedLength: 7 });
	});

	it('§7.2.3.2 sharing LZ77 sliding window: the second message refers back into the first', () => {
		const a = run(exampleText('deflateShared'));
		expect(a.issues).toEqual([]);
		expect(texts(a)).toEqual(['Hello', 'Hello']);
		expect(a.messages[1].deflated!.length).toBe(5);
		// The engine's walk of its DEFLATE data: one fixed-Huffman block, then the tail put back.
		expect(a.messages[0].deflateWalk!.reachesBack).toBe(0);
		const walk = a.messages[1].deflateWalk!;
		expect(walk.blocks.map((b) => [b.type, b.final, b.outputBytes])).toEqual([
			['fixed', false, 5],
			['stored', false, 0]
		]);
		// "H" as a literal, then "ello" copied from 5 bytes back: 4 of them lie before this message.
		expect([walk.blocks[0].literals, walk.blocks[0].matches]).toEqual([1, 1]);
		expect(walk.reachesBack).toBe(4);
		// Alone, the second message cannot be inflated: its back-reference has nothing to point at.
		const alone = run('c1 05 f2 00 11 00 00');
		expect(codes(alone)).toContain('INVALID_COMPRESSED_DATA');
		expect(alone.issues.find((i) => i.code === 'INVALID_COMPRESSED_DATA')).toMatchObject({
			closeCode: 1007,
			frame: 0,
			severity: 'error'
		});
	});

	it('§7.2.3.3 a DEFLATE block with no compression', () => {
		const a = run('c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00');
		expect(a.issues).toEqual([]);
		expect(texts(a)).toEqual(['Hello']);
	});

	it('§7.2.3.4 a DEFLATE block with BFINAL set', () => {
		const a = run('c1 08 f3 48 cd c9 c9 07 00 00');
		expect(a.issues).toEqual([]);
		expect(texts(a)).toEqual(['Hello']);
	});

	it('§7.2.3.5 two DEFLATE blocks in one message', () => {
		const a = run('c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00');
		expect(a.issues).toEqual([]);
		expect(texts(a)).toEqual(['Hello']);
	});
});

describe('choosing permessage-deflate', () => {
	it('off: RSV1 is a bit no extension gave a meaning (1002), and nothing is inflated', () => {
		const a = run('c1 07 f2 48 cd c9 c9 07 00', 'off');
		expect(a.issues.find((i) => i.code === 'RSV_WITHOUT_EXTENSION')).toMatchObject({
			closeCode: 1002,
			params: { bits: ['rsv1'] }
		});
		expect(a.messages[0].compressed).toBe(false);
		expect(a.deflate).toMatchObject({ choice: 'off', enabled: false, compressedMessages: 0 });
	});

	it('on: reported as chosen; uncompressed messages (RSV1 0) pass untouched', () => {
		const a = run('81 05 48 65 6c 6c 6f c1 07 f2 48 cd c9 c9 07 00', 'on');
		expect(a.issues).toEqual([]);
		expect(texts(a)).toEqual(['Hello', 'Hello']);
		expect(a.messages.map((m) => m.compressed)).toEqual([false, true]);
		expect(a.deflate).toMatchObject({ choice: 'on', compressedMessages: 1 });
	});

	it('RSV1 on a control frame or a continuation frame is still an error with permessage-deflate', () => {
		expect(codes(run('c9 00'))).toContain('RSV1_ON_CONTROL');
		expect(codes(run('41 03 f2 48 cd c0 04 c9 c9 07 00'))).toContain('RSV1_ON_CONTINUATION');
		// RSV2 and RSV3 mean nothing to permessage-deflate.
		expect(codes(run('a1 02 68 69'))).toContain('RSV_WITHOUT_EXTENSION');
	});

	it('a message that inflates past the limit fails with 1009, a decompression bomb kept out of the page', () => {
		const bomb = analyzeStream(hexToBytes('c1 07 f2 48 cd c9 c9 07 00'), { deflate: 'auto', maxMessageSize: 4 });
		expect(bomb.issues.find((i) => i.code === 'MESSAGE_TOO_BIG')).toMatchObject({ closeCode: 1009 });
	});

	it('a compressed message cut off by the end of the input keeps its DEFLATE bytes and is not inflated', () => {
		const a = run('41 03 f2 48 cd');
		expect(a.messages[0]).toMatchObject({ compressed: true, complete: false });
		expect([...a.messages[0].deflated!]).toEqual([0xf2, 0x48, 0xcd]);
		expect(a.messages[0].data.length).toBe(0);
	});
});

describe('frames from the engine, both directions, with context takeover', () => {
	/** A client and a server Connection with permessage-deflate agreed; returns the bytes each sent. */
	function talk(messages: string[]) {
		const client = new Connection({
			role: 'client',
			uri: 'ws://example.com/',
			random: seededRandom(7),
			extensions: [permessageDeflate({ clientMaxWindowBits: true })]
		});
		const server = new Connection({ role: 'server', extensions: [permessageDeflate()] });
		server.receive(concat(client.dataToSend()));
		client.receive(concat(server.dataToSend()));
		for (const m of messages) client.send(m);
		const fromClient = concat(client.dataToSend());
		for (const m of messages) server.send(m);
		return { fromClient, fromServer: concat(server.dataToSend()) };
	}

	it('inflates masked client frames and unmasked server frames, the later ones referring back', () => {
		const said = ['{"op":"hello","id":1}', '{"op":"hello","id":2}', '{"op":"hello","id":3}'];
		const { fromClient, fromServer } = talk(said);
		const c = analyzeStream(fromClient, { deflate: 'auto' });
		expect(c.issues).toEqual([]);
		expect(c.role.effective).toBe('client');
		expect(c.deflate.receiver).toBe('server');
		expect(texts(c)).toEqual(said);
		// Context takeover: the repeats cost fewer bytes than the first.
		expect(c.messages[1].deflated!.length).toBeLessThan(c.messages[0].deflated!.length);
		const s = decodeInput({
			text: Array.from(fromServer, (b) => b.toString(16).padStart(2, '0')).join(' '),
			format: 'auto',
			role: 'auto'
		});
		expect(s.analysis!.issues).toEqual([]);
		expect(texts(s.analysis!)).toEqual(said);
		expect(encodeUtf8(said[0]).length).toBe(s.analysis!.messages[0].data.length);
	});
});

describe('both sides of a conversation in one paste', () => {
	it('inflates each direction with its own window, as each receiver does', () => {
		const said = ['{"op":"hello","id":1}', '{"op":"hello","id":2}', '{"op":"hello","id":3}'];
		const client = new Connection({
			role: 'client',
			uri: 'ws://example.com/',
			random: seededRandom(3),
			extensions: [permessageDeflate()]
		});
		const server = new Connection({ role: 'server', extensions: [permessageDeflate()] });
		server.receive(concat(client.dataToSend()));
		client.receive(concat(server.dataToSend()));
		// A "Follow TCP Stream" dump: each message, then its echo with other words, interleaved.
		const parts: Uint8Array[] = [];
		for (const [i, m] of said.entries()) {
			client.send(m);
			parts.push(concat(client.dataToSend()));
			server.send(`reply ${i}: ${m}`);
			parts.push(concat(server.dataToSend()));
		}
		const a = analyzeStream(concat(parts), { deflate: 'auto' });
		expect(texts(a)).toEqual(said.flatMap((m, i) => [m, `reply ${i}: ${m}`]));
		// The later messages of each side reach back into that side's earlier ones.
		expect(a.messages[2].deflateWalk!.reachesBack).toBeGreaterThan(0);
		expect(a.messages[3].deflateWalk!.reachesBack).toBeGreaterThan(0);
		// Only the direction is remarked upon (server frames among client frames), nothing is broken.
		expect(a.issues.every((i) => i.code === 'MASKED_SERVER_FRAME' || i.code === 'UNMASKED_CLIENT_FRAME')).toBe(true);
		expect(a.errorCount).toBe(0);
	});
});

describe('the page keeps the choice', () => {
	it('in the link, and only when it is not the default', () => {
		const base = new URL('https://example.org/decode/');
		const on = urlWithInput(base, { text: 'c1 07', format: 'auto', role: 'auto', deflate: 'off' });
		expect(on.searchParams.get('deflate')).toBe('off');
		expect(inputFromUrl(on)).toMatchObject({ deflate: 'off' });
		expect(
			urlWithInput(base, { text: 'c1 07', format: 'auto', role: 'auto', deflate: 'auto' }).searchParams.has('deflate')
		).toBe(false);
		expect(inputFromUrl(new URL('https://example.org/decode/?hex=c1&deflate=nonsense'))).toMatchObject({
			deflate: 'auto'
		});
	});

	it('decodeInput reads RSV1 as permessage-deflate unless told not to', () => {
		expect(texts(decodeInput({ text: 'c1 07 f2 48 cd c9 c9 07 00', format: 'auto', role: 'auto' }).analysis!)).toEqual([
			'Hello'
		]);
		const off = decodeInput({
			text: 'c1 07 f2 48 cd c9 c9 07 00',
			format: 'auto',
			role: 'auto',
			deflate: 'off'
		}).analysis!;
		expect(codes(off)).toContain('RSV_WITHOUT_EXTENSION');
	});
});

describe('a whole TCP stream: the opening handshake, then frames', () => {
	/** What a "Follow TCP Stream" dump holds: the client's request, the server's 101, the frames. */
	function stream(serverDeflate: boolean) {
		const client = new Connection({
			role: 'client',
			uri: 'ws://example.com/chat',
			random: seededRandom(11),
			extensions: [permessageDeflate({ clientMaxWindowBits: true })]
		});
		const server = new Connection({ role: 'server', extensions: serverDeflate ? [permessageDeflate()] : [] });
		const request = concat(client.dataToSend());
		server.receive(request);
		const response = concat(server.dataToSend());
		client.receive(response);
		client.send('Hello');
		const frame = concat(client.dataToSend());
		return { request, response, frame, all: concat([request, response, frame]) };
	}

	it('reads both heads with the engine and frames what follows, offsets counting from the stream start', () => {
		const s = stream(true);
		const a = analyzeStream(s.all, { deflate: 'auto' });
		expect(a.handshake.map((h) => [h.role, h.start, h.end])).toEqual([
			['client', 0, s.request.length],
			['server', s.request.length, s.request.length + s.response.length]
		]);
		expect(a.handshake[0].startLine).toBe('GET /chat HTTP/1.1');
		expect(a.handshake[1].startLine).toMatch(/^HTTP\/1\.1 101 /);
		expect(a.handshake[1].deflate).toBe(true);
		expect(a.frames).toHaveLength(1);
		expect(a.frames[0].offset).toBe(s.request.length + s.response.length);
		expect(a.frames[0].header.rsv1).toBe(true);
		expect(texts(a)).toEqual(['Hello']);
		expect(a.issues).toEqual([]);
		expect(a.deflate).toMatchObject({ agreed: true, enabled: true, compressedMessages: 1, receiver: 'server' });
	});

	it('follows the handshake: without permessage-deflate agreed, RSV1 is an error (1002), not a guess', () => {
		const s = stream(false);
		expect(s.frame[0] & 0x40).toBe(0); // the engine did not compress: nothing was agreed
		// The same message, compressed anyway by a client that ignores the answer.
		const rogue = concat([s.request, s.response, hexToBytes('c1 87 00 00 00 00 f2 48 cd c9 c9 07 00')]);
		const a = analyzeStream(rogue, { deflate: 'auto' });
		expect(a.deflate).toMatchObject({ agreed: false, enabled: false });
		expect(a.issues.find((i) => i.code === 'RSV_WITHOUT_EXTENSION')).toMatchObject({
			closeCode: 1002,
			start: s.request.length + s.response.length
		});
		// "on" still says: read it as compressed anyway.
		expect(texts(analyzeStream(rogue, { deflate: 'on' }))).toEqual(['Hello']);
	});

	it('a stream cut inside its handshake says so, placed at the head, and frames nothing', () => {
		const s = stream(true);
		const cut = s.all.subarray(0, s.request.length + 20);
		const a = analyzeStream(cut, { deflate: 'auto' });
		expect(a.handshake).toHaveLength(1);
		expect(a.frames).toHaveLength(0);
		expect(a.issues.find((i) => i.code === 'INCOMPLETE_HTTP_HEAD')).toMatchObject({
			start: s.request.length,
			end: cut.length,
			severity: 'error'
		});
	});

	it('bytes that merely look like frames are not taken for a head', () => {
		// 0x47 'G' is a frame byte too (RSV2|RSV3... opcode 7): only "GET " starts a request.
		const a = analyzeStream(hexToBytes('47 45 54 21 00'), { deflate: 'auto' });
		expect(a.handshake).toEqual([]);
		expect(a.frames.length).toBeGreaterThan(0);
	});
});

describe('the "Whole TCP stream" example', () => {
	it('is a real connection: the engine reads its heads, the accept matches, and both compressed Hellos inflate', () => {
		const a = decodeInput({ text: exampleText('tcpStream'), format: 'auto', role: 'auto' }).analysis!;
		expect(a.handshake.map((h) => h.role)).toEqual(['client', 'server']);
		expect(a.deflate.agreed).toBe(true);
		expect(texts(a)).toEqual(['Hello', 'Hello']);
		expect(a.errorCount).toBe(0);
		const request = Object.fromEntries(a.handshake[0].fields.map(([n, v]) => [n.toLowerCase(), v]));
		const response = Object.fromEntries(a.handshake[1].fields.map(([n, v]) => [n.toLowerCase(), v]));
		expect(acceptSteps(request['sec-websocket-key']).accept).toBe(response['sec-websocket-accept']);
	});
});

describe('the pasted handshake, judged by the engines', () => {
	const enc = (t: string) => new TextEncoder().encode(t);
	const request = (extra = '') =>
		enc(
			`GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`
		);
	const response = (accept: string) =>
		enc(
			`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`
		);

	it('a valid pair passes both sides, with the accept value the key calls for (RFC 6455 §1.3)', () => {
		const a = analyzeStream(concat([request(), response('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=')]), { deflate: 'auto' });
		expect(a.handshake.map((h) => h.verdict)).toEqual([
			{ ok: true, rfc: 'RFC 6455 §4.2.2', accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' },
			{ ok: true, rfc: 'RFC 6455 §4.1', accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' }
		]);
		expect(a.issues).toEqual([]);
	});

	it('a wrong Sec-WebSocket-Accept is refused by the client, an error placed on the response', () => {
		const req = request();
		const a = analyzeStream(concat([req, response('AAAAAAAAAAAAAAAAAAAAAAAAAAA=')]), { deflate: 'auto' });
		expect(a.handshake[1].verdict).toMatchObject({ ok: false });
		const issue = a.issues.find((i) => i.code === 'HANDSHAKE_REFUSED')!;
		expect(issue).toMatchObject({
			severity: 'error',
			start: req.length,
			params: { problem: { of: 'response', code: 'ACCEPT_MISMATCH' } }
		});
		if (issue.code === 'HANDSHAKE_REFUSED') expect(handshakeProblemText(issue.params.problem, 'en')).toMatch(/Accept/);
	});

	it('a request with the wrong version is refused by a server with 426 (RFC 6455 §4.4)', () => {
		const bad = enc(
			'GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n'
		);
		const a = analyzeStream(bad, { deflate: 'auto' });
		expect(a.handshake[0].verdict).toMatchObject({ ok: false, status: 426 });
		expect(a.issues.find((i) => i.code === 'HANDSHAKE_REFUSED')).toMatchObject({
			start: 0,
			end: bad.length,
			params: { problem: { of: 'request', code: 'VERSION_UNSUPPORTED', params: { version: '8' } }, status: 426 }
		});
	});

	it('a response alone cannot be checked (no key to check it against) and is not judged', () => {
		const a = analyzeStream(response('s3pPLMBiTxaQ9kYGzzhZRbK+xOo='), { deflate: 'auto' });
		expect(a.handshake[0].verdict).toBeNull();
		expect(a.issues).toEqual([]);
	});
});

describe('a paste full of decompression bombs', () => {
	it('inflates up to a budget over the whole paste, then refuses as too big (1009) instead of filling memory', () => {
		const codec = new PermessageDeflateCodec(DEFAULT_DEFLATE_PARAMS, 'server');
		const zeros = new Uint8Array(100_000);
		const frames = Array.from({ length: 5 }, () =>
			encodeFrame({ opcode: 2, rsv1: true, payload: codec.compress(zeros)! })
		);
		expect(frames[0].length).toBeLessThan(500); // 100 kB of zeros in a few hundred bytes
		const a = analyzeStream(concat(frames), { deflate: 'auto', inflateBudget: 250_000 });
		// Each message alone is within the per-message limit; together they pass the budget at the third.
		expect(a.messages.map((m) => m.data.length)).toEqual([100_000, 100_000, 0, 0, 0]);
		expect(a.issues.filter((i) => i.code === 'MESSAGE_TOO_BIG').map((i) => [i.frame, i.closeCode])).toEqual([
			[2, 1009],
			[3, 1009],
			[4, 1009]
		]);
	});
});
