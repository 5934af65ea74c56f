// The decoder's reading of a capture: each connection said for what it is, and a chosen one's two
// directions interleaved in capture time order, with what TCP reassembly fixed placed where it was.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as pako from 'pako';
import { provideZlib } from '$lib/protocol';
import { LINKTYPE } from '$lib/capture/file';
import { writePcapng, type WrittenPacket } from '$lib/capture/pcapng-writer';
import { tcpConversation } from '$lib/capture/synthesize';
import { conversation, readCaptureStreams } from '$lib/decode/capture';
import { encodeFrame } from '$lib/protocol';

provideZlib(pako);

const text = (s: string) => new TextEncoder().encode(s);
const ms = (n: number) => 1_700_000_000_000_000_000n + BigInt(n) * 1_000_000n;
const file = (packets: WrittenPacket[]) => writePcapng({ interfaces: [{ linkType: LINKTYPE.ETHERNET }], packets });
const MASKED_HELLO = Uint8Array.of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
const HELLO = Uint8Array.of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
const REQUEST = text(
	'GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
);
const RESPONSE = text(
	'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n'
);

describe('what each connection is', () => {
	it('in the tcpdump capture: two WebSocket connections and one other', () => {
		const r = readCaptureStreams(new Uint8Array(readFileSync('tests/fixtures/captures/lo.pcap')));
		expect(r.kinds).toEqual(['websocket', 'websocket', 'other']);
	});

	it('frames without their handshake, TLS, and plain HTTP', () => {
		const frames = tcpConversation({
			messages: [
				{ from: 'client', bytes: MASKED_HELLO, time: ms(1) },
				{ from: 'server', bytes: HELLO, time: ms(2) }
			]
		}).slice(3); // no SYN: the capture started after the handshake
		const tls = tcpConversation({
			messages: [{ from: 'client', bytes: Uint8Array.of(0x16, 0x03, 0x01, 0x02, 0x00, 1, 2, 3), time: ms(1) }]
		});
		const http = tcpConversation({
			messages: [
				{ from: 'client', bytes: text('GET / HTTP/1.1\r\nHost: a\r\n\r\n'), time: ms(1) },
				{ from: 'server', bytes: text('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), time: ms(2) }
			]
		});
		expect(readCaptureStreams(file(frames)).kinds).toEqual(['websocket-frames']);
		expect(readCaptureStreams(file(tls)).kinds).toEqual(['tls']);
		expect(readCaptureStreams(file(http)).kinds).toEqual(['http']);
	});

	it('without the SYN, the side that sent the GET is the client', () => {
		const packets = tcpConversation({
			messages: [
				{ from: 'client', bytes: REQUEST, time: ms(1) },
				{ from: 'server', bytes: RESPONSE, time: ms(2) }
			]
		});
		// The capture starts with a pure ACK from the server (its first packet), then the request.
		const r = readCaptureStreams(file([{ ...packets[4], time: ms(0) }, packets[3], packets[5]]));
		expect(r.connections[0].client.port).toBe(50000);
		expect(r.connections[0].synSeen).toBe(false);
		expect(r.kinds).toEqual(['websocket']);
	});
});

describe('a conversation', () => {
	it('interleaves both directions in time order: request, response, then the frames as they went', () => {
		const packets = tcpConversation({
			messages: [
				{ from: 'client', bytes: REQUEST, time: ms(1) },
				{ from: 'server', bytes: RESPONSE, time: ms(2) },
				{ from: 'client', bytes: MASKED_HELLO, time: ms(3) },
				{ from: 'server', bytes: HELLO, time: ms(4) },
				{ from: 'client', bytes: MASKED_HELLO, time: ms(5) }
			]
		});
		const r = readCaptureStreams(file(packets));
		const times = new Map(r.file.packets.map((p) => [p.index, p.time]));
		const c = conversation(r.connections[0], r.kinds[0], (i) => times.get(i) ?? null);
		expect(c.items.map((i) => `${i.kind}:${i.direction}`)).toEqual([
			'head:to-server',
			'head:to-client',
			'frame:to-server',
			'frame:to-client',
			'frame:to-server'
		]);
		expect(c.items.map((i) => i.time)).toEqual([ms(1), ms(2), ms(3), ms(4), ms(5)]);
		expect(c.toServer!.errorCount + c.toClient!.errorCount).toBe(0);
		expect(new TextDecoder().decode(c.toClient!.messages[0].data)).toBe('Hello');
	});

	it('says where a segment came out of order, and reads past it in the right order', () => {
		const packets = tcpConversation({
			messages: [
				{ from: 'client', bytes: REQUEST, time: ms(1) },
				{ from: 'server', bytes: RESPONSE, time: ms(2) },
				{ from: 'server', bytes: HELLO, time: ms(3) },
				{ from: 'server', bytes: Uint8Array.of(0x81, 0x02, 0x68, 0x69), time: ms(4) }
			]
		});
		// Swap the two server frames' packets (their ACKs stay): the second arrives first.
		const first = packets.findIndex((p) => p.time === ms(3));
		const second = packets.findIndex((p) => p.time === ms(4));
		const swapped = packets.slice();
		[swapped[first], swapped[second]] = [
			{ ...packets[second], time: ms(3) },
			{ ...packets[first], time: ms(4) }
		];
		const r = readCaptureStreams(file(swapped));
		const times = new Map(r.file.packets.map((p) => [p.index, p.time]));
		const c = conversation(r.connections[0], r.kinds[0], (i) => times.get(i) ?? null);
		expect(c.toClient!.messages.map((m) => new TextDecoder().decode(m.data))).toEqual(['Hello', 'hi']);
		expect(c.items.filter((i) => i.kind === 'tcp-note').map((i) => i.kind === 'tcp-note' && i.note.kind)).toEqual([
			'out-of-order'
		]);
	});

	it('inflates with permessage-deflate as the handshake agreed it', () => {
		const r = readCaptureStreams(new Uint8Array(readFileSync('tests/fixtures/captures/dumpcap.pcapng')));
		const times = new Map(r.file.packets.map((p) => [p.index, p.time]));
		const c = conversation(r.connections[1], r.kinds[1], (i) => times.get(i) ?? null);
		expect(c.toServer!.messages[0].compressed).toBe(true);
		expect(new TextDecoder().decode(c.toServer!.messages[0].data)).toBe('Hello');
		// Frames in time order: each echo after the message it echoes.
		const frames = c.items.filter((i) => i.kind === 'frame');
		expect(frames[0].direction).toBe('to-server');
		expect(frames.map((f) => f.time!).every((t, i, all) => i === 0 || t >= all[i - 1])).toBe(true);
	});

	describe('after a hole', () => {
		const text = (t: string) => new TextEncoder().encode(t);
		const masked = (t: string) => encodeFrame({ opcode: 1, payload: text(t), mask: Uint8Array.of(1, 2, 3, 4) });
		/** A capture of the request, the response, then `frames` from the client (one write each), with packet `drop` of them lost. */
		function lossy(frames: Uint8Array[], drop: (packets: WrittenPacket[]) => WrittenPacket[]) {
			const packets = tcpConversation({
				mss: 1000,
				messages: [
					{ from: 'client', bytes: REQUEST, time: ms(1) },
					{ from: 'server', bytes: RESPONSE, time: ms(2) },
					...frames.map((bytes, i) => ({ from: 'client' as const, bytes, time: ms(3 + i) }))
				]
			});
			const r = readCaptureStreams(file(drop(packets)));
			return conversation(r.connections[0], r.kinds[0], () => null);
		}
		const summary = (c: ReturnType<typeof conversation>) =>
			c.items.flatMap((i) =>
				i.kind === 'frame'
					? [`${i.run}:${new TextDecoder().decode(i.frame.payload).slice(0, 6)}`]
					: i.kind === 'gap'
						? [`gap ${i.length} ${i.after}`]
						: i.kind === 'resumed'
							? [`resumed ${i.skipped}`]
							: []
			);
		/** The n-th packet with data of the write at `time` (its segments follow it a microsecond apart). */
		const dataPacket = (packets: WrittenPacket[], time: bigint, n = 0) =>
			packets.filter((p) => p.time >= time && p.time < time + ms(1) - ms(0) && p.data.length > 54)[n];

		it('reads again at the next packet where frames start: a whole frame lost', () => {
			const frames = ['one', 'two', 'three', 'four', 'five'].map(masked);
			const c = lossy(frames, (packets) => packets.filter((p) => p !== dataPacket(packets, ms(4))));
			expect(summary(c)).toEqual([
				'0:one',
				`gap ${frames[1].length} resumed`,
				'resumed 0',
				'1:three',
				'1:four',
				'1:five'
			]);
			// Each frame is placed in the stream where it was: after the hole.
			const three = c.items.find((i) => i.kind === 'frame' && i.run === 1)!;
			expect(three.kind === 'frame' && three.frame.offset).toBe(REQUEST.length + frames[0].length + frames[1].length);
			expect(c.items.find((i) => i.kind === 'resumed')).toMatchObject({
				offset: REQUEST.length + frames[0].length * 2
			});
		});

		it('skips the rest of a frame whose start was lost, and reads from the next frame', () => {
			const big = masked('x'.repeat(2500)); // three segments of at most 1,000 bytes
			const frames = [masked('one'), big, masked('after'), masked('and'), masked('more')];
			const c = lossy(frames, (packets) => packets.filter((p) => p !== dataPacket(packets, ms(4), 1)));
			const tail = big.length - 2000;
			// The big frame's start is read (and shown incomplete); its tail after the hole is skipped.
			expect(summary(c)).toEqual([
				'0:one',
				'0:xxxxxx',
				'gap 1000 resumed',
				`resumed ${tail}`,
				'1:after',
				'1:and',
				'1:more'
			]);
			const cut = c.items.find((i) => i.kind === 'frame' && i.frame.payload.length > 100);
			expect(cut?.kind === 'frame' && cut.frame.complete).toBe(false);
		});

		it('does not guess: bytes that do not read cleanly as frames stay unread', () => {
			const frames = [masked('one'), masked('x'.repeat(2500))];
			// Only the big frame's last segment is left after the hole: it starts mid-frame.
			const c = lossy(frames, (packets) => packets.filter((p) => p !== dataPacket(packets, ms(4), 1)));
			expect(summary(c)).toEqual(['0:one', '0:xxxxxx', 'gap 1000 lost']);
		});
	});
});
