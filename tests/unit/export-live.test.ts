// Live mode saved as a file: the side channel's true bytes when it followed the connection, or else
// the logged messages as frames after a reconstructed handshake, each packet commented as made up.
// Either way the .pcapng reads back (through the decoder's own capture reader) to the same messages.
import { describe, expect, it } from 'vitest';
import { Connection, encodeFrame, encodeUtf8, seededRandom } from '$lib/protocol';
import { concat } from '$lib/protocol/bytes';
import { OpenFile } from '$lib/decode/capture-open';
import { liveSession, type LiveSaveInput } from '$lib/export/from-live';
import { sessionToHar, sessionToPcapng } from '$lib/export/session';
import type { LogEntry } from '$lib/live/log.svelte';
import { analyzeStream } from '$lib/decode/analyze';

const words = { description: 'live', messagesOnly: 'made from messages' };
const T0 = 1_796_637_600_000;

/** What a .pcapng holds, as the decoder reads it: direction and text of each message. */
function readBack(file: Uint8Array): string[] {
	const open = new OpenFile(file, seededRandom(1));
	if (open.summary.kind !== 'capture') throw new Error(open.summary.kind);
	expect(open.summary.streams.map((s) => s.kind)).toEqual(['websocket']);
	const talk = open.conversation(0)!;
	return talk.items.flatMap((i) => {
		if (i.kind !== 'frame' || (i.frame.kind !== 'text' && i.frame.kind !== 'binary')) return [];
		return [`${i.direction === 'to-server' ? '>' : '<'} ${new TextDecoder().decode(i.frame.payload)}`];
	});
}

const message = (
	id: number,
	dir: 'sent' | 'received',
	data: string,
	mask?: Uint8Array
): Extract<LogEntry, { kind: 'message' }> => ({
	kind: 'message',
	id,
	t: T0 + id,
	attempt: 1,
	dir,
	opcode: 1,
	data,
	size: data.length,
	seq: id,
	...(mask ? { mask } : {})
});

/** A real handshake between two engines: the client's request and the accept its key calls for. */
function handshake() {
	const client = new Connection({ role: 'client', uri: 'ws://127.0.0.1:8787/', random: seededRandom(3) });
	const request = concat(client.dataToSend());
	const server = new Connection({ role: 'server', random: seededRandom(4) });
	server.receive(request);
	return { request, response: concat(server.dataToSend()) };
}

describe('saving a live connection', () => {
	it('without the side channel: the messages as frames after the reconstructed handshake', () => {
		const { request, response } = handshake();
		const accept = /Sec-WebSocket-Accept: (\S+)/i.exec(new TextDecoder().decode(response))![1];
		const key = Uint8Array.of(1, 2, 3, 4);
		const input: LiveSaveInput = {
			url: 'ws://127.0.0.1:8787/',
			heads: [],
			frames: [],
			entries: [
				{ kind: 'connecting', id: 0, t: T0, attempt: 1, url: 'ws://127.0.0.1:8787/', protocols: [] },
				{ kind: 'open', id: 1, t: T0 + 1, attempt: 1, protocol: '', extensions: '' },
				message(2, 'sent', 'Hello', key),
				message(3, 'received', 'Hello'),
				{ ...message(4, 'received', 'gone'), data: null }
			],
			request: { bytes: request, accept }
		};
		const session = liveSession(input, words, seededRandom(9));
		expect(session.writes.every((w) => w.comment === 'made from messages')).toBe(true);
		// The sent frame is masked with the key the page drew and showed for it.
		expect(session.writes[2].bytes).toEqual(encodeFrame({ opcode: 1, payload: encodeUtf8('Hello'), mask: key }));
		expect(readBack(sessionToPcapng(session))).toEqual(['> Hello', '< Hello']);
		const har = sessionToHar(session);
		expect(har.log.entries[0].request.url).toBe('ws://127.0.0.1:8787/');
		expect(har.log.entries[0]._webSocketMessages.map((m) => [m.type, m.data])).toEqual([
			['send', 'Hello'],
			['receive', 'Hello']
		]);
	});

	it('with the side channel: the true bytes, frames let go left out, in time order', () => {
		const { request, response } = handshake();
		const up = encodeFrame({ opcode: 1, payload: encodeUtf8('one'), mask: Uint8Array.of(9, 9, 9, 9) });
		const down = encodeFrame({ opcode: 1, payload: encodeUtf8('one') });
		const frame = (id: number, dir: 'in' | 'out', wire: Uint8Array | null, t: number) => ({
			id,
			dir,
			offset: 0,
			header: analyzeStream(dir === 'in' ? up : down, { role: dir === 'in' ? 'client' : 'server' }).frames[0].header,
			wire,
			size: up.length,
			message: id,
			errors: [],
			t
		});
		const input = {
			url: 'ws://127.0.0.1:8787/',
			heads: [
				{ dir: 'in' as const, head: null as never, bytes: request, t: T0 },
				{ dir: 'out' as const, head: null as never, bytes: response, t: T0 + 1 }
			],
			frames: [
				frame(1, 'in', up, T0 + 2),
				frame(2, 'in', null, T0 + 3),
				{ ...frame(3, 'out', down, T0 + 2.5), size: down.length }
			],
			entries: [],
			request: { bytes: new Uint8Array(0), accept: '' }
		} satisfies LiveSaveInput;
		const session = liveSession(input, words, seededRandom(9));
		expect(session.writes.map((w) => w.comment)).toEqual([undefined, undefined, undefined, undefined]);
		expect(session.writes.map((w) => w.from)).toEqual(['client', 'server', 'client', 'server']);
		expect(readBack(sessionToPcapng(session))).toEqual(['> one', '< one']);
	});
});
