// The decoder page reading a pasted HTTP/2 byte stream (RFC 7540, RFC 7541, RFC 8441): the preface,
// every frame as the engine describes it, header blocks decoded, the WebSocket inside DATA found whole
// even when two DATA frames carry it, and every problem with its HTTP/2 error code, connection or
// stream, and its section; never a throw.
import fc from 'fast-check';
import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { concat, provideZlib, seededRandom } from '$lib/protocol';
import { encodeFrame, encodeSettings, FLAGS, FRAME_TYPES, PREFACE, SETTINGS } from '$lib/protocol/http2/frames';
import { encodeHeaders } from '$lib/protocol/http2/hpack';
import { WebSocketOverHttp2 } from '$lib/protocol/http2/websocket';
import { encodeFrame as encodeWsFrame } from '$lib/protocol';
import { hexToBytes, toHex } from '$lib/hex';
import { analyzeHttp2, type Http2Analysis } from '$lib/decode/http2';
import { http2Side } from '$lib/decode/http2-sniff';
import { decodeInput, Http2NotLoaded } from '$lib/decode/input';
import { DecodeClient } from '$lib/decode/client';
import { exampleText } from '$lib/decode/examples';
import { problemWords, streamWords } from '$lib/decode/http2-present';

provideZlib(pako);

const { DATA, HEADERS, CONTINUATION, SETTINGS: SETTINGS_FRAME, WINDOW_UPDATE, RST_STREAM } = FRAME_TYPES;
const settings = (list: [number, number][] = []) =>
	encodeFrame({ type: SETTINGS_FRAME, payload: encodeSettings(list) });
const CONNECT: [string, string][] = [
	[':method', 'CONNECT'],
	[':protocol', 'websocket'],
	[':scheme', 'https'],
	[':path', '/chat'],
	[':authority', 'example.com'],
	['sec-websocket-version', '13']
];
const connect = (stream = 1, headers = CONNECT, flags: number = FLAGS.END_HEADERS) =>
	encodeFrame({ type: HEADERS, flags, stream, payload: encodeHeaders(headers) });
const data = (payload: Uint8Array, stream = 1, flags = 0) => encodeFrame({ type: DATA, flags, stream, payload });
/** A client's masked text frame (RFC 6455 §5.3), as the engine writes it. */
const wsText = (text: string) =>
	encodeWsFrame({ fin: true, opcode: 1, payload: new TextEncoder().encode(text), mask: Uint8Array.of(1, 2, 3, 4) });
/** A client's bytes: the preface, SETTINGS, then `frames`. */
const client = (...frames: Uint8Array[]) => concat([PREFACE, settings([[SETTINGS.ENABLE_PUSH, 0]]), ...frames]);

/** The promises the page relies on: frames follow each other, every octet of each in exactly one field. */
function checkShape(a: Http2Analysis): void {
	let next = a.preface ? a.preface.have : 0;
	for (const f of a.frames) {
		expect(f.offset, `frame ${f.index} follows the one before`).toBe(next);
		expect(f.have).toBeLessThanOrEqual(f.size);
		let at = 0;
		for (const x of f.fields) {
			expect(x.start, `frame ${f.index}: field ${x.key} starts where the one before ended`).toBe(at);
			expect(x.end).toBeGreaterThan(x.start);
			at = x.end;
		}
		expect(at, `frame ${f.index}: its fields cover its octets`).toBe(f.have);
		next = f.offset + f.have;
	}
}

/** The client's direction of our engines talking (the decoder's example, made again). */
function engineExample(): Uint8Array {
	const c = new WebSocketOverHttp2({
		role: 'client',
		uri: 'ws://server.example.com/chat',
		random: seededRandom(6455),
		windowUpdateThreshold: 1
	});
	const s = new WebSocketOverHttp2({ role: 'server', settings: [[SETTINGS.INITIAL_WINDOW_SIZE, 8]] });
	const out: Uint8Array[] = [];
	const pump = () => {
		for (let i = 0; i < 50; i++) {
			const fromClient = c.dataToSend();
			const fromServer = s.dataToSend();
			if (!fromClient.length && !fromServer.length) return;
			out.push(...fromClient);
			if (fromClient.length) s.receive(concat(fromClient));
			if (fromServer.length) c.receive(concat(fromServer));
		}
	};
	pump();
	c.send('Hello');
	pump();
	s.send('Hi!', {}, 1);
	pump();
	c.close(1000, '');
	pump();
	return concat(out);
}

describe('the example', () => {
	it('is what our engines write: a WebSocket over HTTP/2, the client’s direction', () => {
		expect(toHex(hexToBytes(exampleText('http2')))).toBe(toHex(engineExample()));
	});

	const a = analyzeHttp2(hexToBytes(exampleText('http2')));

	it('has the preface, then every frame named, with no problem', () => {
		expect(a.side).toBe('client');
		expect(a.preface).toEqual({ have: 24, ok: true, badAt: null });
		expect(a.frames.map((f) => f.view.typeName)).toEqual([
			'SETTINGS',
			'SETTINGS',
			'HEADERS',
			'DATA',
			'DATA',
			'WINDOW_UPDATE',
			'DATA',
			'DATA',
			'WINDOW_UPDATE',
			'DATA'
		]);
		expect(a.problems).toEqual([]);
		expect(a.errorCount + a.warningCount).toBe(0);
		expect(a.frames[1].view.flagNames).toEqual(['ACK']);
		expect(a.frames[9].view.flagNames).toEqual(['END_STREAM']);
		checkShape(a);
	});

	it('names the settings', () => {
		expect(a.frames[0].view.settings).toEqual([{ id: 2, name: 'ENABLE_PUSH', value: 0 }]);
		expect(a.frames[0].fields.find((f) => f.key === 'setting')?.rfc).toBe('RFC 7540 §6.5.2');
	});

	it('decodes the extended CONNECT with HPACK, each representation placed and named', () => {
		const h = a.frames[2];
		expect(h.block?.rows.map((r) => [r.name, r.value, r.kind, r.table])).toEqual([
			[':method', 'CONNECT', 'literal', 'static'],
			[':protocol', 'websocket', 'literal', null],
			[':scheme', 'http', 'indexed', 'static'],
			[':path', '/chat', 'literal', 'static'],
			[':authority', 'server.example.com', 'literal', 'static'],
			['sec-websocket-version', '13', 'literal', null]
		]);
		expect(h.block?.rows[2].octets).toEqual(Uint8Array.of(0x86));
		expect(h.fields.filter((f) => f.key === 'hpack').map((f) => f.rfc)).toContain('RFC 7541 §6.1');
		expect(h.state).toEqual({ before: 'idle', after: 'open' });
		const s = a.streams[0];
		expect(s.request).toMatchObject({ kind: 'websocket', authority: 'server.example.com', path: '/chat' });
		// Our server engine, handed the same bytes, answers 200 (RFC 8441 §5).
		expect(s.verdict).toMatchObject({ ok: true, status: 200 });
		expect(streamWords(s, 'en').what).toContain('`ws://server.example.com/chat`');
	});

	it('finds each WebSocket frame whole, though two DATA frames carry it, and maps it to both', () => {
		const s = a.streams[0];
		expect(s.tunnel).toBe(true);
		expect(
			s.websocket?.messages.map((m) => [m.kind, m.kind === 'text' ? new TextDecoder().decode(m.data) : ''])
		).toEqual([
			['text', 'Hello'],
			['close', '']
		]);
		expect(s.websocket?.messages[1].close?.code).toBe(1000);
		expect(s.websocket?.issues).toEqual([]);
		expect(s.carriedBy).toEqual([
			[3, 4],
			[6, 7]
		]);
		// Octets 0-7 of the tunnel are the first DATA's data (its header is 9 octets), 8-10 the second's.
		expect(a.frames[3].carries).toEqual([
			{ stream: 1, wsFrame: 0, start: 0, end: 8, at: a.frames[3].offset + 9, from: null, next: 4, last: false }
		]);
		expect(a.frames[4].carries).toEqual([
			{ stream: 1, wsFrame: 0, start: 8, end: 11, at: a.frames[4].offset + 9, from: 3, next: null, last: true }
		]);
		expect(s.endStream).toBe(true);
		expect(s.state).toBe('half-closed-remote');
		expect(a.webSocketFrames).toBe(2);
	});
});

describe('problems', () => {
	it('a preface that goes wrong: BAD_PREFACE, a connection error, at the octet that differs', () => {
		const bytes = new TextEncoder().encode('PRI * HTTP/1.1\r\n\r\nSM\r\n\r\nmore');
		const a = analyzeHttp2(bytes);
		expect(a.preface).toEqual({ have: 24, ok: false, badAt: 11 });
		expect(a.problems).toHaveLength(1);
		expect(a.problems[0]).toMatchObject({
			problem: { rule: 'BAD_PREFACE', error: 'PROTOCOL_ERROR', scope: 'connection', section: 'RFC 7540 §3.5' },
			frame: null,
			start: 11,
			end: 12,
			unread: 4
		});
		expect(a.stopped).toBe(0);
		expect(a.frames).toEqual([]);
		expect(problemWords(a.problems[0], 'en').consequence).toContain('GOAWAY with PROTOCOL_ERROR');
	});

	it('only the start of the preface: how many octets are missing', () => {
		const a = analyzeHttp2(new TextEncoder().encode('PRI * HTTP/2.0'));
		expect(a.preface).toEqual({ have: 14, ok: false, badAt: null });
		expect(a.incomplete).toEqual({ frame: null, missing: 10, exact: true });
		expect(a.problems).toEqual([]);
		expect(a.errorCount).toBe(1);
	});

	it('the first frame is not SETTINGS: PROTOCOL_ERROR (RFC 7540 §3.5)', () => {
		const a = analyzeHttp2(concat([PREFACE, connect()]));
		expect(a.problems[0].problem).toMatchObject({
			rule: 'SETTINGS_EXPECTED',
			error: 'PROTOCOL_ERROR',
			scope: 'connection'
		});
		expect(a.frames[0].problem).toBe(0);
	});

	it('an oversized frame: FRAME_SIZE_ERROR, a connection error at its length field; nothing after it is read', () => {
		const big = data(new Uint8Array(16385));
		const a = analyzeHttp2(client(connect(), big, data(wsText('never read'))));
		const p = a.problems[0];
		expect(p.problem).toMatchObject({
			rule: 'FRAME_TOO_LARGE',
			error: 'FRAME_SIZE_ERROR',
			scope: 'connection',
			section: 'RFC 7540 §4.2'
		});
		const f = a.frames[p.frame!];
		expect(p.start).toBe(f.offset);
		expect(p.end).toBe(f.offset + 3);
		expect(p.unread).toBe(9 + 10 + 6); // the DATA after it: never read
		expect(a.frames).toHaveLength(3);
		expect(a.stopped).toBe(0);
		checkShape(a);
	});

	it('an HPACK index past both tables: COMPRESSION_ERROR, pointing into the block', () => {
		// 0xff 0x00: an indexed field, index 127 (7-bit prefix full, then 0): past 61 + an empty dynamic table.
		const bad = encodeFrame({
			type: HEADERS,
			flags: FLAGS.END_HEADERS,
			stream: 1,
			payload: Uint8Array.of(0x82, 0xff, 0x00)
		});
		const a = analyzeHttp2(client(bad));
		const p = a.problems[0];
		expect(p.problem).toMatchObject({
			rule: 'COMPRESSION',
			error: 'COMPRESSION_ERROR',
			scope: 'connection',
			section: 'RFC 7540 §4.3',
			hpack: { code: 'INDEX_OUT_OF_RANGE', index: 127, entries: 61 }
		});
		const f = a.frames[p.frame!];
		expect(p.start).toBe(f.offset + 10); // after the header and the one good representation (0x82)
		expect(f.block?.rows.map((r) => r.name)).toEqual([':method']);
		expect(f.fields.map((x) => x.key)).toEqual(['length', 'type', 'flags', 'stream', 'hpack', 'header-block']);
		expect(problemWords(p, 'en').explain).toContain('index 127');
	});

	it('DATA on a closed stream: STREAM_CLOSED, a stream error; reading goes on', () => {
		const a = analyzeHttp2(
			client(
				connect(),
				data(wsText('one'), 1, FLAGS.END_STREAM),
				data(wsText('late')),
				encodeFrame({ type: WINDOW_UPDATE, payload: Uint8Array.of(0, 0, 1, 0) })
			)
		);
		expect(a.problems).toHaveLength(1);
		expect(a.problems[0].problem).toMatchObject({
			rule: 'STREAM_CLOSED',
			error: 'STREAM_CLOSED',
			scope: 'stream',
			stream: 1
		});
		expect(a.problems[0].unread).toBeUndefined();
		expect(a.stopped).toBeNull();
		expect(a.frames).toHaveLength(5); // SETTINGS, HEADERS, DATA, the refused DATA, WINDOW_UPDATE
		expect(a.frames[3].problem).toBe(0);
		// The refused DATA is no part of the tunnel.
		expect(a.streams[0].websocket?.messages.map((m) => new TextDecoder().decode(m.data))).toEqual(['one']);
		expect(problemWords(a.problems[0], 'en').consequence).toBe(
			'A receiver sends RST_STREAM with STREAM_CLOSED on stream 1; the connection goes on.'
		);
	});

	it('a WINDOW_UPDATE of 0 on a stream: a stream error from the framing rules, and reading goes on past it', () => {
		const zero = encodeFrame({ type: WINDOW_UPDATE, stream: 1, payload: Uint8Array.of(0, 0, 0, 0) });
		const a = analyzeHttp2(client(connect(), zero, data(wsText('after'))));
		expect(a.problems[0].problem).toMatchObject({ rule: 'WINDOW_UPDATE_ZERO', scope: 'stream' });
		expect(a.frames.map((f) => f.view.typeName)).toEqual(['SETTINGS', 'HEADERS', 'WINDOW_UPDATE', 'DATA']);
		expect(a.messages).toBe(1);
		checkShape(a);
	});

	it('input that ends inside a frame: how many octets are missing, exactly once the length is read', () => {
		const whole = client(connect(), data(wsText('Hello')));
		const cut = analyzeHttp2(whole.subarray(0, whole.length - 4));
		expect(cut.incomplete).toEqual({ frame: 2, missing: 4, exact: true });
		expect(cut.frames[2]).toMatchObject({ have: 9 + 11 - 4, size: 9 + 11 });
		checkShape(cut);
		const header = analyzeHttp2(whole.subarray(0, whole.length - 11 - 7)); // 2 octets of the DATA header
		expect(header.incomplete).toEqual({ frame: 2, missing: 7, exact: false });
		checkShape(header);
	});

	it('a header block whose CONTINUATION never comes: a warning, the frame undecoded', () => {
		const a = analyzeHttp2(client(connect(1, CONNECT, 0)));
		expect(a.pendingBlock).toEqual({ stream: 1, frames: [1] });
		expect(a.frames[1].block).toBeUndefined();
		expect(a.warningCount).toBe(1);
	});

	it('a WebSocket problem inside the tunnel: an unmasked client frame, 1002', () => {
		const unmasked = encodeWsFrame({ fin: true, opcode: 1, payload: new TextEncoder().encode('hi') });
		const a = analyzeHttp2(client(connect(), data(unmasked)));
		const issues = a.streams[0].websocket?.issues ?? [];
		expect(issues.map((i) => [i.code, i.closeCode])).toEqual([['UNMASKED_CLIENT_FRAME', 1002]]);
		expect(a.errorCount).toBe(1);
	});
});

describe('header blocks and streams', () => {
	it('a block cut into HEADERS and CONTINUATION: decoded once whole, a representation placed across both', () => {
		const block = encodeHeaders(CONNECT);
		const first = encodeFrame({ type: HEADERS, stream: 1, payload: block.subarray(0, 5) });
		const rest = encodeFrame({ type: CONTINUATION, flags: FLAGS.END_HEADERS, stream: 1, payload: block.subarray(5) });
		const a = analyzeHttp2(client(first, rest, data(wsText('x'))));
		expect(a.problems).toEqual([]);
		const [h, c] = [a.frames[1], a.frames[2]];
		expect(h.block).toBe(c.block);
		expect(h.block?.frames).toEqual([1, 2]);
		expect(h.block?.rows[0]).toMatchObject({ name: ':method', value: 'CONNECT', frames: [1, 2] });
		expect(h.fields.at(-1)).toMatchObject({ key: 'hpack', cut: { before: false, after: true } });
		expect(c.fields[4]).toMatchObject({ key: 'hpack', start: 9, cut: { before: true, after: false } });
		expect(a.streams[0].tunnel).toBe(true);
		checkShape(a);
	});

	it('anything between HEADERS and its CONTINUATION: PROTOCOL_ERROR (RFC 7540 §6.10)', () => {
		const block = encodeHeaders(CONNECT);
		const first = encodeFrame({ type: HEADERS, stream: 1, payload: block.subarray(0, 5) });
		const a = analyzeHttp2(client(first, settings()));
		expect(a.problems[0].problem).toMatchObject({ rule: 'CONTINUATION_EXPECTED', scope: 'connection' });
	});

	it('a GET is not a WebSocket: its DATA is not read as frames, and a server answers 405', () => {
		const get: [string, string][] = [
			[':method', 'GET'],
			[':scheme', 'https'],
			[':path', '/'],
			[':authority', 'example.com']
		];
		const a = analyzeHttp2(client(connect(1, get), data(Uint8Array.of(1, 2, 3))));
		const s = a.streams[0];
		expect(s.request?.kind).toBe('request');
		expect(s.tunnel).toBe(false);
		expect(s.websocket).toBeNull();
		expect(s.verdict).toMatchObject({ ok: false, status: 405, problem: { code: 'NOT_CONNECT' } });
		expect(a.frames[2].carries).toBeUndefined();
	});

	it('an extended CONNECT without sec-websocket-version: a server answers 400, and says why', () => {
		const a = analyzeHttp2(client(connect(1, CONNECT.slice(0, 5))));
		const s = a.streams[0];
		expect(s.verdict).toMatchObject({ ok: false, status: 400, problem: { code: 'VERSION' } });
		expect(streamWords(s, 'en').verdict).toBe('A server answers `:status 400`: sec-websocket-version is missing.');
		expect(streamWords(s, 'ko').verdict).toContain('`:status 400`');
	});

	it('RST_STREAM from the sender ends the stream with its code', () => {
		const rst = encodeFrame({ type: RST_STREAM, stream: 1, payload: Uint8Array.of(0, 0, 0, 8) });
		const a = analyzeHttp2(client(connect(), rst));
		expect(a.streams[0]).toMatchObject({ reset: 'CANCEL', state: 'closed' });
		expect(a.frames[2].view.error).toBe('CANCEL');
	});

	it('the server’s direction, chosen: :status 200, then its unmasked WebSocket frames', () => {
		const c = new WebSocketOverHttp2({ role: 'client', uri: 'ws://example.com/chat', random: seededRandom(1) });
		const s = new WebSocketOverHttp2({ role: 'server' });
		const fromServer: Uint8Array[] = [];
		for (let i = 0; i < 10; i++) {
			const a = c.dataToSend();
			const b = s.dataToSend();
			if (!a.length && !b.length) break;
			fromServer.push(...b);
			if (a.length) s.receive(concat(a));
			if (b.length) c.receive(concat(b));
		}
		s.send('from the server', {}, 1);
		fromServer.push(...s.dataToSend());
		const bytes = concat(fromServer);
		expect(http2Side(bytes, 'server')).toBe('server');
		expect(http2Side(bytes, 'auto')).toBeNull();
		const a = analyzeHttp2(bytes, { side: 'server' });
		expect(a.preface).toBeNull();
		expect(a.problems).toEqual([]);
		expect(a.frames[0].view.settings?.map((x) => x.name)).toContain('ENABLE_CONNECT_PROTOCOL');
		expect(a.frames[0].fields.find((f) => f.setting?.name === 'ENABLE_CONNECT_PROTOCOL')?.rfc).toBe('RFC 8441 §3');
		const stream = a.streams[0];
		expect(stream.status).toBe('200');
		expect(stream.tunnel).toBe(true);
		expect(stream.websocket?.messages.map((m) => new TextDecoder().decode(m.data))).toEqual(['from the server']);
		expect(stream.websocket?.issues).toEqual([]);
		checkShape(a);
	});
});

describe('the decoder pipeline', () => {
	it('tells HTTP/2 from WebSocket by its first octets', () => {
		expect(http2Side(PREFACE, 'auto')).toBe('client');
		expect(http2Side(new TextEncoder().encode('PRI '), 'server')).toBe('client');
		expect(http2Side(new TextEncoder().encode('PRI'), 'auto')).toBeNull();
		expect(http2Side(Uint8Array.of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f), 'auto')).toBeNull();
	});

	it('decodeInput asks for the HTTP/2 reader, then reads with it; the client loads it', async () => {
		const request = { text: exampleText('http2'), format: 'auto' as const, role: 'auto' as const };
		expect(() => decodeInput(request)).toThrow(Http2NotLoaded);
		const out = decodeInput(request, analyzeHttp2);
		expect(out.analysis).toBeNull();
		expect(out.http2?.frames).toHaveLength(10);
		const viaClient = await new DecodeClient().decode(request);
		expect(viaClient?.http2?.messages).toBe(2);
		// A typo part-way: the bytes before it are still read as HTTP/2.
		const partial = decodeInput({ ...request, text: `${request.text} zz` }, analyzeHttp2);
		expect(partial.partial).toBe(true);
		expect(partial.http2?.frames.length).toBe(10);
	});
});

describe('never throws', () => {
	it('for any bytes after the preface and SETTINGS, or any bytes at all', () => {
		const start = client();
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (tail, prefixed) => {
				const bytes = prefixed ? concat([start, tail]) : concat([PREFACE.subarray(0, 4), tail]);
				const a = analyzeHttp2(bytes);
				checkShape(a);
				for (const p of a.problems) {
					expect(p.start).toBeGreaterThanOrEqual(0);
					expect(p.end).toBeLessThanOrEqual(Math.max(bytes.length, p.start + 1));
					problemWords(p, 'ko');
				}
			}),
			{ numRuns: 3000 }
		);
	});

	it('for frames made of real headers with random payloads, on either side', () => {
		const frame = fc
			.record({
				type: fc.integer({ min: 0, max: 10 }),
				flags: fc.integer({ min: 0, max: 255 }),
				stream: fc.integer({ min: 0, max: 5 }),
				payload: fc.uint8Array({ maxLength: 40 })
			})
			.map((f) => encodeFrame(f));
		fc.assert(
			fc.property(fc.array(frame, { maxLength: 12 }), fc.constantFrom('client', 'server'), (frames, side) => {
				const bytes = side === 'client' ? client(connect(), ...frames) : concat([settings(), ...frames]);
				const a = analyzeHttp2(bytes, { side: side as 'client' | 'server' });
				checkShape(a);
			}),
			{ numRuns: 3000 }
		);
	});
});
