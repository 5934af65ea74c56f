// Opening a file in the decoder (what its worker does): a capture or a HAR becomes a summary of its
// streams, and a chosen stream a conversation read by the engine, with every message in order; the
// same stream saves to a session whose .pcapng reads back to the same messages.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as pako from 'pako';
import { provideZlib, seededRandom } from '$lib/protocol';
import { OpenFile, type StreamConversation } from '$lib/decode/capture-open';
import { analysisSession, conversationSession } from '$lib/export/from-decoder';
import { sessionToPcapng } from '$lib/export/session';
import { analyzeStream } from '$lib/decode/analyze';
import { tcpConversation } from '$lib/capture/synthesize';
import { writePcapng } from '$lib/capture/pcapng-writer';
import { LINKTYPE } from '$lib/capture/file';

provideZlib(pako);

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/captures/${name}`));
const words = { handshakeMade: 'made', description: 'test' };

/** The text and binary messages of a conversation, in the order the items put them. */
function messages(talk: StreamConversation) {
	const out: string[] = [];
	for (const item of talk.items) {
		if (item.kind !== 'frame') continue;
		const a = (item.direction === 'to-server' ? talk.toServer : talk.toClient)!;
		const m = item.frame.message === null ? null : a.messages[item.frame.message];
		if (!m || !m.complete || m.frames[m.frames.length - 1] !== item.frame.index) continue;
		if (m.kind !== 'text' && m.kind !== 'binary') continue;
		const body = m.kind === 'text' ? new TextDecoder().decode(m.data) : `${m.data.length} bytes`;
		out.push(
			`${item.direction === 'to-server' ? '>' : '<'} ${body.length > 20 ? `${body.slice(0, 9)}… (${body.length})` : body}`
		);
	}
	return out;
}

/** The fixtures' client sends three messages at once (make-client.mjs) and the server echoes each. */
const SENT = ['Hello', '3000 bytes', 'abcabcabc… (21000)'];
const echoed = (list: string[]) => ({
	sent: list.filter((m) => m.startsWith('>')).map((m) => m.slice(2)),
	received: list.filter((m) => m.startsWith('<')).map((m) => m.slice(2))
});

describe('opening a capture', () => {
	for (const name of ['lo.pcap', 'any-ns.pcap', 'dumpcap.pcapng']) {
		it(`${name}: every connection listed, each WebSocket one read to every message in order`, () => {
			const open = new OpenFile(fixture(name), seededRandom(1));
			const s = open.summary;
			if (s.kind !== 'capture') throw new Error(s.kind);
			expect(s.streams.map((x) => x.kind)).toEqual(['websocket', 'websocket', 'other']);
			expect(s.issues).toEqual([]);
			for (const stream of s.streams.filter((x) => x.kind === 'websocket')) {
				const talk = open.conversation(stream.id)!;
				expect(echoed(messages(talk))).toEqual({ sent: SENT, received: SENT });
				expect(talk.items[0]).toMatchObject({ kind: 'head', direction: 'to-server' });
				// The times never go backwards.
				const times = talk.items.map((i) => i.time!);
				expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
			}
			expect(open.conversation(99)).toBeNull();
			// The connection that is not WebSocket is never read as frames: its packets, as they are.
			const other = open.conversation(2)!;
			expect(other.toServer).toBeNull();
			expect(other.items.map((i) => i.kind)).toEqual(['data']);
			const [ping] = other.items;
			expect(ping.kind === 'data' && new TextDecoder().decode(ping.start)).toBe('PING\r\n');
		});
	}

	it('lossy.pcap: a segment lost before the capture point and one lost after it, read in order', () => {
		const open = new OpenFile(fixture('lossy.pcap'), seededRandom(1));
		if (open.summary.kind !== 'capture') throw new Error(open.summary.kind);
		expect(open.summary.streams.map((x) => [x.kind, x.notes])).toEqual([['websocket', 3]]);
		const talk = open.conversation(0)!;
		expect(messages(talk)).toEqual(['> before', '< before', '> 100000 bytes', '< 100000 bytes', '> after', '< after']);
		expect(talk.toServer!.errorCount + talk.toClient!.errorCount).toBe(0);
		// Wireshark: frame 16 "previous segment not captured", 18 fills it; 34 and 37 resend bytes seen before.
		const notes = talk.items.flatMap((i) => (i.kind === 'tcp-note' ? [[i.direction, i.note.kind, i.packet + 1]] : []));
		expect(notes).toEqual([
			['to-server', 'out-of-order', 16],
			['to-client', 'retransmission', 34],
			['to-client', 'retransmission', 36]
		]);
		// Each note sits where it happened: the out-of-order one before the binary frame it delayed.
		const kinds = talk.items.map((i) => (i.kind === 'frame' ? i.frame.kind : i.kind));
		expect(kinds.indexOf('tcp-note')).toBeLessThan(kinds.indexOf('binary'));
	});

	it('reports progress through a large file, and keeps the packets before a cut', () => {
		const whole = fixture('lo.pcap');
		const big = new Uint8Array(whole.length * 200);
		// The same packets many times over (one pcap header): the reader walks it all.
		big.set(whole);
		for (let i = 1; i < 200; i++) big.set(whole.subarray(24), 24 + (whole.length - 24) * i);
		const seen: number[] = [];
		const open = new OpenFile(big.subarray(0, 24 + (whole.length - 24) * 200 - 7), seededRandom(1), (phase, done) => {
			if (phase === 'reading') seen.push(done);
		});
		expect(seen.length).toBeGreaterThan(0);
		expect(seen).toEqual([...seen].sort((a, b) => a - b));
		const s = open.summary;
		if (s.kind !== 'capture') throw new Error(s.kind);
		expect(s.issues.map((i) => i.code)).toEqual(['truncated']);
		expect(s.packets).toBeGreaterThan(100 * 20);
	});

	it('says what a file that is neither is, with its first bytes', () => {
		const open = new OpenFile(Uint8Array.of(0x50, 0x4b, 3, 4, 9, 9, 9, 9, 9), seededRandom(1));
		expect(open.summary).toEqual({ kind: 'unknown', size: 9, start: [0x50, 0x4b, 3, 4, 9, 9, 9, 9] });
	});
});

describe('opening a devtools HAR', () => {
	const open = new OpenFile(fixture('devtools.har'), seededRandom(1));

	it('lists its WebSocket with the handshake rebuilt and every message as a frame', () => {
		const s = open.summary;
		if (s.kind !== 'har') throw new Error(s.kind);
		expect(s.streams).toHaveLength(1);
		expect(s.streams[0]).toMatchObject({ kind: 'websocket', url: 'ws://127.0.0.1:6470/echo', messages: 6 });
		const talk = open.conversation(0)!;
		expect(talk.items.slice(0, 2).map((i) => i.kind)).toEqual(['head', 'head']);
		expect(talk.toServer!.handshake[0].verdict?.ok).toBe(true);
		expect(talk.toClient!.deflate.agreed).toBe(true);
		expect(messages(talk)).toEqual(['> Hello', '< Hello', '> 4 bytes', '< 4 bytes', '> 안녕하세요', '< 안녕하세요']);
		// Sent ones masked (a key this page drew), received ones not: RFC 6455 §5.1.
		const frames = talk.items.flatMap((i) => (i.kind === 'frame' ? [i] : []));
		expect(frames.map((f) => f.frame.header.masked)).toEqual([true, false, true, false, true, false]);
		expect(talk.toServer!.errorCount + talk.toClient!.errorCount).toBe(0);
	});
});

describe('saving what the decoder shows', () => {
	const readBack = (file: Uint8Array) => {
		const open = new OpenFile(file, seededRandom(1));
		const s = open.summary;
		if (s.kind !== 'capture') throw new Error(s.kind);
		expect(s.streams.map((x) => x.kind)).toEqual(['websocket']);
		return messages(open.conversation(0)!);
	};

	it('a capture connection saves to a .pcapng with the same messages', () => {
		const open = new OpenFile(fixture('dumpcap.pcapng'), seededRandom(1));
		const talk = open.conversation(1)!;
		const saved = readBack(sessionToPcapng(conversationSession(open.writes(1)!, true, words, 0n)));
		expect(echoed(saved)).toEqual({ sent: SENT, received: SENT });
		expect(saved).toEqual(messages(talk));
	});

	it('a HAR saves to a .pcapng with its messages', () => {
		const open = new OpenFile(fixture('devtools.har'), seededRandom(1));
		expect(readBack(sessionToPcapng(conversationSession(open.writes(0)!, true, words, 0n)))).toEqual([
			'> Hello',
			'< Hello',
			'> 4 bytes',
			'< 4 bytes',
			'> 안녕하세요',
			'< 안녕하세요'
		]);
	});

	it('a capture that starts after the handshake gets one made by the engines, commented so', () => {
		const packets = tcpConversation({
			messages: [
				{ from: 'client', bytes: Uint8Array.of(0x81, 0x82, 1, 2, 3, 4, 0x49, 0x6b), time: 1_000_000n },
				{ from: 'server', bytes: Uint8Array.of(0x81, 0x02, 0x48, 0x69), time: 2_000_000n }
			]
		}).slice(3); // no SYN, no handshake: the capture began later
		const open = new OpenFile(writePcapng({ interfaces: [{ linkType: LINKTYPE.ETHERNET }], packets }), seededRandom(1));
		if (open.summary.kind !== 'capture') throw new Error(open.summary.kind);
		expect(open.summary.streams[0].kind).toBe('websocket-frames');
		const session = conversationSession(open.writes(0)!, false, words, 0n);
		expect(session.writes.slice(0, 2).map((w) => w.comment)).toEqual(['made', 'made']);
		expect(readBack(sessionToPcapng(session))).toEqual(['> Hi', '< Hi']);
	});

	it('a paste of frames alone gets a handshake made by the engines, and its frames by their MASK bit', () => {
		const paste = Uint8Array.of(
			0x81,
			0x85,
			0x37,
			0xfa,
			0x21,
			0x3d,
			0x7f,
			0x9f,
			0x4d,
			0x51,
			0x58,
			0x81,
			0x02,
			0x48,
			0x69
		);
		const session = analysisSession(analyzeStream(paste, { role: 'auto', deflate: 'auto' }), words, 5_000_000n);
		expect(session.writes.map((w) => [w.from, w.comment ?? ''])).toEqual([
			['client', 'made'],
			['server', 'made'],
			['client', ''],
			['server', '']
		]);
		expect(readBack(sessionToPcapng(session))).toEqual(['> Hello', '< Hi']);
	});
});

describe('any file at all (fuzz)', () => {
	it('real captures and a HAR, mutated and cut anywhere: opened, every stream read, never a throw', () => {
		const files = ['lo.pcap', 'any-ns.pcap', 'dumpcap.pcapng', 'lossy.pcap', 'devtools.har'].map(fixture);
		const mutated = fc
			.tuple(
				fc.constantFrom(...files),
				fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 16 }),
				fc.option(fc.nat(), { nil: undefined })
			)
			.map(([base, edits, cut]) => {
				const b = base.slice();
				for (const [at, value] of edits) b[at % b.length] = value;
				return cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
			});
		let streams = 0;
		fc.assert(
			fc.property(mutated, (bytes) => {
				const open = new OpenFile(bytes, seededRandom(1));
				if (open.summary.kind === 'unknown') return;
				for (const s of open.summary.streams) {
					const talk = open.conversation(s.id);
					expect(talk?.stream.id).toBe(s.id);
					streams++;
				}
			}),
			{ numRuns: 2000 }
		);
		// Most mutations leave streams to read: the conversations were exercised, not just the file reader.
		expect(streams).toBeGreaterThan(1000);
	}, 120_000);
});
