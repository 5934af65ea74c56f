// The simulator's "WebSocket over HTTP/2" scenario (RFC 8441): what a student steps through is what
// the two engines did, and every octet of every HTTP/2 frame on screen is explained exactly once.
import { describe, expect, it } from 'vitest';
import { explainStep } from '$lib/i18n/steps';
import { runScenario, type Step } from '$lib/trace';

const t = runScenario('http2');
const sent = t.steps.filter((s) => s.kind === 'h2-sent');
const frames = sent.filter((s) => s.h2!.frame);
const frame = (s: Step) => s.h2!.frame!;

describe('the HTTP/2 scenario', () => {
	it('opens with the preface, then both SETTINGS; the server’s says ENABLE_CONNECT_PROTOCOL = 1', () => {
		expect(sent[0]).toMatchObject({ actor: 'client', explainKey: 'h2.out.preface', h2: { frame: null } });
		expect(String.fromCharCode(...sent[0].bytes!)).toBe('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
		const serverSettings = frames.find((s) => s.actor === 'server' && frame(s).typeName === 'SETTINGS')!;
		expect(frame(serverSettings).settings).toContainEqual({ id: 8, name: 'ENABLE_CONNECT_PROTOCOL', value: 1 });
		expect(frame(serverSettings).settings).toContainEqual({ id: 4, name: 'INITIAL_WINDOW_SIZE', value: 16 });
		// The client reads that setting before it sends its CONNECT (RFC 8441 §3).
		const read = t.steps.findIndex((s) => s.explainKey === 'h2.ev.settingsConnect');
		const connect = t.steps.findIndex((s) => s.explainKey === 'h2.out.connect');
		expect(read).toBeGreaterThan(0);
		expect(connect).toBeGreaterThan(read);
	});

	it('the CONNECT is HEADERS with :method, :protocol, :scheme, :path, :authority and no key; the answer is 200', () => {
		const connect = t.steps.find((s) => s.explainKey === 'h2.out.connect')!;
		expect(frame(connect).typeName).toBe('HEADERS');
		expect(frame(connect).headers).toEqual([
			[':method', 'CONNECT'],
			[':protocol', 'websocket'],
			[':scheme', 'https'],
			[':path', '/chat'],
			[':authority', 'server.example.com'],
			['sec-websocket-version', '13'],
			['origin', 'https://example.com']
		]);
		// Side by side: the HTTP/1.1 request the engine would have sent, with the key HTTP/2 leaves out.
		expect(connect.h2!.http1!.startLine).toBe('GET /chat HTTP/1.1');
		expect(connect.h2!.http1!.fields.map(([n]) => n)).toContain('Sec-WebSocket-Key');
		const status = t.steps.find((s) => s.explainKey === 'h2.out.status')!;
		expect(frame(status).headers).toEqual([[':status', '200']]);
		expect(status.h2!.http1!.startLine).toBe('HTTP/1.1 101 Switching Protocols');
	});

	it('a WebSocket frame is cut across two DATA frames, with the WINDOW_UPDATE that let the rest go between', () => {
		const data = frames.filter((s) => s.actor === 'client' && frame(s).typeName === 'DATA');
		expect(data[0].explainKey).toBe('h2.out.dataHeld');
		expect(data[0].h2!.inner!.map((p) => p.part)).toEqual(['start']);
		expect(data[1].h2!.inner!.map((p) => p.part)).toEqual(['end']);
		expect(data[0].h2!.inner![0].frame).toMatchObject({ opcode: 1, masked: true, text: 'Hello over HTTP/2' });
		const between = t.steps.slice(data[0].index, data[1].index);
		expect(between.some((s) => s.kind === 'h2-sent' && frame(s).typeName === 'WINDOW_UPDATE')).toBe(true);
		// The message exists only once its last octet has arrived.
		const message = t.steps.find((s) => s.kind === 'message' && s.actor === 'server')!;
		expect(message.index).toBeGreaterThan(data[1].deliveredAt!);
		expect(message.message).toMatchObject({ text: 'Hello over HTTP/2' });
	});

	it('closes with the closing handshake, then END_STREAM each way; both WebSockets end CLOSED cleanly', () => {
		const ends = frames.filter((s) => frame(s).typeName === 'DATA' && frame(s).flagNames.includes('END_STREAM'));
		expect(ends.map((s) => s.actor).sort()).toEqual(['client', 'server']);
		const closed = t.steps.filter((s) => s.explainKey === 'h2.ev.wsClosed');
		expect(closed.map((s) => s.closed)).toEqual([
			{ code: 1000, wasClean: true, sentCode: 1000 },
			{ code: 1000, wasClean: true, sentCode: 1000 }
		]);
		expect(t.steps.at(-1)!.states).toEqual({ client: 'CLOSED', server: 'CLOSED' });
	});

	it('every octet of every HTTP/2 frame belongs to exactly one field', () => {
		for (const s of sent.filter((x) => x.h2!.frame)) {
			const f = frame(s);
			const fields = [...f.fields].sort((a, b) => a.start - b.start);
			let at = 0;
			for (const field of fields) {
				expect(field.start, `step ${s.index} ${field.key}`).toBe(at);
				at = field.end;
			}
			expect(at, `step ${s.index}`).toBe(s.bytes!.length);
		}
	});

	it('explains every step in both languages, and each HTTP/2 step cites RFC 7540, 7541 or 8441', () => {
		for (const s of t.steps) {
			expect(explainStep(s, 'en')).not.toMatch(/undefined|NaN|\[object/);
			expect(explainStep(s, 'ko')).not.toMatch(/undefined|NaN|\[object/);
			if (s.kind.startsWith('h2')) expect(s.rfc).toMatch(/^RFC (7540|7541|8441)/);
		}
	});
});
