// Captures made by tcpdump and dumpcap on loopback (tests/fixtures/captures/README.md says how):
// pcap with microsecond and nanosecond timestamps, Ethernet and Linux cooked v2 links, pcapng; IPv4
// and IPv6; two WebSocket connections (one compressed) and one that is not WebSocket. Each reads to
// the same three connections, whose streams the decoder's analysis reads message by message.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as pako from 'pako';
import { provideZlib } from '$lib/protocol';
import { LINKTYPE, readCapture } from '$lib/capture/file';
import { readPacket } from '$lib/capture/packet';
import { reassemble, type StreamDirection } from '$lib/capture/tcp-stream';
import { analyzeStream } from '$lib/decode/analyze';

provideZlib(pako);

const FILES = [
	['lo.pcap', 'pcap', LINKTYPE.ETHERNET],
	['any-ns.pcap', 'pcap-ns', LINKTYPE.LINUX_SLL2],
	['dumpcap.pcapng', 'pcapng', LINKTYPE.ETHERNET]
] as const;

function bytesOf(d: StreamDirection): Uint8Array {
	const out = new Uint8Array(d.length);
	for (const p of d.pieces) if (p.kind === 'data') out.set(p.bytes, p.offset);
	return out;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe.each(FILES)('%s', (name, format, linkType) => {
	const file = readCapture(new Uint8Array(readFileSync(`tests/fixtures/captures/${name}`)));
	const segments = file.packets.flatMap((packet) => {
		const r = readPacket(file.interfaces[packet.interfaceId].linkType, packet.data, packet.originalLength);
		return r.ok ? [{ packet, segment: r.segment }] : [];
	});
	const connections = reassemble(segments);

	it('reads every packet, in its format and link type, with increasing timestamps', () => {
		expect(file.format).toBe(format);
		expect(file.issues).toEqual([]);
		expect(file.interfaces[0].linkType).toBe(linkType);
		expect(segments).toHaveLength(file.packets.length);
		const times = file.packets.map((p) => p.time!);
		expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
		expect(Number(times[0] / 1_000_000_000n)).toBeGreaterThan(1_700_000_000); // 2023 or later
	});

	it('finds the two WebSocket connections (IPv4 and IPv6) and the other one', () => {
		expect(connections.map((c) => [c.server.address, c.server.port, c.synSeen])).toEqual([
			['127.0.0.1', 6470, true],
			['::1', 6470, true],
			['127.0.0.1', 6470, true]
		]);
		expect(text(bytesOf(connections[2].toServer))).toBe('PING\r\n');
		for (const c of connections)
			for (const d of [c.toServer, c.toClient]) expect(d.pieces.every((p) => p.kind === 'data')).toBe(true);
	});

	it.each([0, 1])('connection %i: the handshake and every message, both ways', (i) => {
		const c = connections[i];
		const up = analyzeStream(bytesOf(c.toServer), { deflate: 'auto' });
		const down = analyzeStream(bytesOf(c.toClient), { deflate: 'auto' });
		expect(up.handshake[0].startLine).toBe('GET / HTTP/1.1');
		expect(down.handshake[0].startLine).toBe('HTTP/1.1 101 Switching Protocols');
		expect(down.handshake[0].deflate).toBe(i === 1);
		for (const a of [up, down]) {
			expect(a.errorCount).toBe(0);
			const [hello, binary, long, close] = a.messages;
			expect([hello.kind, text(hello.data)]).toEqual(['text', 'Hello']);
			expect([binary.kind, binary.data.length, binary.data.every((b) => b === 7)]).toEqual(['binary', 3000, true]);
			expect(text(long.data)).toBe('abc'.repeat(7000));
			// The client said why; the server echoes the code (RFC 6455 §5.5.1), without a reason.
			expect(close.close).toMatchObject({ code: 1000, reason: a === up ? 'bye' : '' });
			expect(hello.compressed).toBe(i === 1);
		}
	});
});
