// Saving the simulator's HTTP/2 scenario: the .pcapng holds the HTTP/2 byte stream (tshark reads its
// frames as HTTP/2 once told the port speaks it; it has no dissector for WebSocket inside RFC 8441's DATA), and the .har is in devtools' shape for a WebSocket over h2.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionToHar, sessionToPcapng } from '$lib/export/session';
import { traceFile } from '$lib/export/trace-file';
import { runScenario } from '$lib/trace';

const trace = runScenario('http2');
const session = traceFile(trace, 'en', 1_700_000_000_000);

const hasTshark = (() => {
	try {
		execFileSync('tshark', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

describe('the HTTP/2 scenario, saved', () => {
	it('writes every HTTP/2 frame the engines sent, and no HTTP/1.1 handshake', () => {
		const sent = trace.steps.filter((s) => s.kind === 'h2-sent');
		expect(session.writes.map((w) => w.bytes.length)).toEqual(sent.map((s) => s.bytes!.length));
		expect(new TextDecoder().decode(session.writes[0].bytes)).toBe('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
	});

	it.skipIf(!hasTshark)('tshark reads the .pcapng as HTTP/2: SETTINGS, HEADERS, DATA, WINDOW_UPDATE', () => {
		const dir = mkdtempSync(join(tmpdir(), 'fbf-h2-'));
		const file = join(dir, 'h2.pcapng');
		writeFileSync(file, sessionToPcapng(session));
		const out = execFileSync(
			'tshark',
			['-r', file, '-d', 'tcp.port==80,http2', '-Y', 'http2', '-T', 'fields', '-e', 'http2.type'],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
		);
		const types = out
			.trim()
			.split('\n')
			.flatMap((l) => l.split(','))
			.filter(Boolean)
			.map(Number);
		const sentTypes = trace.steps.filter((s) => s.kind === 'h2-sent' && s.h2?.frame).map((s) => s.h2!.frame!.type);
		expect(types).toEqual(sentTypes);
	});

	it('the .har: CONNECT over http/2.0 with :protocol websocket, 200, and the messages each way', () => {
		const har = sessionToHar(session);
		const [entry] = har.log.entries;
		expect(entry.request).toMatchObject({
			method: 'CONNECT',
			httpVersion: 'http/2.0',
			url: 'wss://server.example.com/chat'
		});
		expect(entry.request.headers).toContainEqual({ name: ':protocol', value: 'websocket' });
		expect(entry.response.status).toBe(200);
		expect(entry._webSocketMessages.map((m) => [m.type, m.opcode, m.data])).toEqual([
			['send', 1, 'Hello over HTTP/2'],
			['receive', 1, 'Hello over HTTP/2']
		]);
	});
});
