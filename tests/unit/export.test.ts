// Saving a session: the simulator's bytes as a .pcapng that reads back to the same connection and
// messages, and as a .har in the shape devtools export; tshark's own reading is checked end to end.
import { describe, expect, it } from 'vitest';
import { runScenario } from '$lib/trace';
import { readCaptureStreams, conversation } from '$lib/decode/capture';
import { sessionToHar, sessionToPcapng } from '$lib/export/session';
import { traceSession } from '$lib/export/from-trace';

const START = 1_760_000_000_000_000_000n;

describe.each(['echo', 'fragmented', 'ping-pong', 'deflate', 'large-64'])('the %s scenario', (id) => {
	const trace = runScenario(id);
	const session = traceSession(trace, START, (s) => `step ${s.index + 1}`, 'handshake made for the file');
	const sent = trace.steps.filter((s) => s.kind === 'frame-sent');

	it('as pcapng: one WebSocket connection with every frame, in order, with comments', () => {
		const r = readCaptureStreams(sessionToPcapng(session));
		expect(r.file.issues).toEqual([]);
		expect(r.kinds).toEqual(['websocket']);
		const times = new Map(r.file.packets.map((p) => [p.index, p.time]));
		const c = conversation(r.connections[0], r.kinds[0], (i) => times.get(i) ?? null);
		const frames = c.items.filter((i) => i.kind === 'frame');
		expect(frames.map((f) => (f.kind === 'frame' ? [...f.frame.wire] : []))).toEqual(sent.map((s) => s.bytes));
		expect(frames.map((f) => f.direction)).toEqual(sent.map((s) => (s.actor === 'client' ? 'to-server' : 'to-client')));
		expect(r.file.packets.filter((p) => p.comment).length).toBe(session.writes.length);
	});

	it('as HAR: the messages each application got, sent and received, in devtools’ shape', () => {
		const har = JSON.parse(JSON.stringify(sessionToHar(session)));
		const [entry] = har.log.entries;
		expect(har.log.version).toBe('1.2');
		expect(entry._resourceType).toBe('websocket');
		expect(entry.request.method).toBe('GET');
		expect(entry.request.url).toMatch(/^ws:\/\//);
		expect(entry.response.status).toBe(101);
		const delivered = trace.steps.filter((s) => s.kind === 'message');
		expect(entry._webSocketMessages).toHaveLength(delivered.length);
		for (const [m, step] of entry._webSocketMessages.map((m: unknown, i: number) => [m, delivered[i]] as const)) {
			expect(m.type).toBe(step.actor === 'server' ? 'send' : 'receive');
			expect(m.opcode).toBe(step.message!.kind === 'text' ? 1 : 2);
			expect(m.time).toBeGreaterThan(1_760_000_000);
			if (step.message!.text !== undefined && step.message!.size < 100) expect(m.data).toBe(step.message!.text);
		}
	});
});
