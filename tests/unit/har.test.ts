// Devtools HAR files in: the WebSocket entries and their messages, each shown as the frame that
// carries it (masked from the browser, unmasked from the server), and a HAR this site saves reads
// back to the same messages. Bad files are reported, never thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedRandom } from '$lib/protocol';
import { harFrames, looksLikeHar, readHar } from '$lib/capture/har';
import { analyzeStream } from '$lib/decode/analyze';
import { sessionToHar } from '$lib/export/session';
import { traceSession } from '$lib/export/from-trace';
import { runScenario } from '$lib/trace';

// As Chrome writes it (fields trimmed to those that matter).
const CHROME = JSON.stringify({
	log: {
		version: '1.2',
		creator: { name: 'WebInspector', version: '537.36' },
		entries: [
			{ request: { method: 'GET', url: 'https://example.com/', headers: [] }, response: { status: 200, headers: [] } },
			{
				startedDateTime: '2026-12-01T10:00:00.000Z',
				_resourceType: 'websocket',
				request: {
					method: 'GET',
					url: 'wss://echo.example.com/chat',
					headers: [{ name: 'Sec-WebSocket-Version', value: '13' }]
				},
				response: { status: 101, headers: [{ name: 'Upgrade', value: 'websocket' }] },
				_webSocketMessages: [
					{ type: 'send', time: 1764583200.5, opcode: 1, data: 'Hello' },
					{ type: 'receive', time: 1764583200.6, opcode: 1, data: 'Hello' },
					{ type: 'send', time: 1764583200.7, opcode: 2, data: 'AAEC/w==' },
					{ type: 'receive', time: 1764583200.8, opcode: 9, data: '' }
				]
			}
		]
	}
});

describe('a devtools HAR', () => {
	const r = readHar(CHROME);

	it('lists its WebSocket entries with their handshake and messages', () => {
		expect(looksLikeHar(CHROME)).toBe(true);
		expect(r.sockets).toHaveLength(1);
		const [s] = r.sockets;
		expect([s.entry, s.url, s.status]).toEqual([1, 'wss://echo.example.com/chat', 101]);
		expect(s.requestHeaders).toEqual([['Sec-WebSocket-Version', '13']]);
		expect(s.messages.map((m) => [m.type, m.opcode, m.time])).toEqual([
			['send', 1, 1764583200.5],
			['receive', 1, 1764583200.6],
			['send', 2, 1764583200.7]
		]);
		expect([...s.messages[2].data]).toEqual([0, 1, 2, 255]);
		// The ping-like opcode 9 is not a message devtools writes: reported, not guessed at.
		expect(r.issues).toEqual([{ code: 'bad-message', params: { entry: 1, message: 3 } }]);
	});

	it('shows each message as its frame: masked from the browser with the drawn key, unmasked from the server', () => {
		const frames = harFrames(r.sockets[0], fixedRandom(Uint8Array.of(0x37, 0xfa, 0x21, 0x3d)));
		expect([...frames[0].bytes]).toEqual([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]); // RFC 6455 §5.7
		expect([...frames[1].bytes]).toEqual([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
		const binary = analyzeStream(frames[2].bytes, { role: 'client' });
		expect([...binary.messages[0].data]).toEqual([0, 1, 2, 255]);
		expect(frames.map((f) => f.from)).toEqual(['client', 'server', 'client']);
	});

	it('a HAR this site saves reads back to the same messages', () => {
		const saved = JSON.stringify(sessionToHar(traceSession(runScenario('echo'), 1_760_000_000_000_000_000n)));
		const [s] = readHar(saved).sockets;
		expect(s.messages.map((m) => [m.type, new TextDecoder().decode(m.data)])).toEqual([
			['send', 'Hello'],
			['receive', 'Hello']
		]);
	});
});

describe('bad HAR files', () => {
	it('says what is wrong: not JSON, not a HAR, no WebSocket in it', () => {
		expect(readHar('{"log": ').issues[0].code).toBe('not-json');
		expect(readHar('{"entries": []}').issues).toEqual([{ code: 'not-har', params: {} }]);
		expect(readHar('{"log": {"entries": [{"request": {"url": "https://a/"}}]}}').issues).toEqual([
			{ code: 'no-websocket', params: { entries: 1 } }
		]);
		expect(looksLikeHar('GET / HTTP/1.1')).toBe(false);
	});

	it('never throws on any JSON (fuzz)', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (v) => {
				readHar(JSON.stringify({ log: { entries: [v, { _resourceType: 'websocket', _webSocketMessages: [v] }] } }));
				readHar(JSON.stringify(v));
			}),
			{ numRuns: 500 }
		);
	});
});
