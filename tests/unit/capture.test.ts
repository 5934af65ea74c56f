// Capture files in: pcap and pcapng read to packets, packets to TCP segments over every link type
// the decoder opens, and TCP reassembled per direction the way a receiver reads it (out-of-order
// segments put in place, retransmissions dropped, overlaps trimmed, holes shown as holes). Bad files
// never throw: what was read before the fault is kept, and the fault says where it is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINKTYPE, readCapture, sniffCapture, type CaptureFile } from '$lib/capture/file';
import { readPacket, type TcpSegment } from '$lib/capture/packet';
import { writePcapng, type WrittenPacket } from '$lib/capture/pcapng-writer';
import { checksum, tcpConversation, SYNTH_CLIENT, SYNTH_SERVER } from '$lib/capture/synthesize';
import { reassemble, type StreamDirection, type TcpConnection } from '$lib/capture/tcp-stream';

const text = (s: string) => new TextEncoder().encode(s);
const T0 = 1_700_000_000_123_456_789n; // nanoseconds since 1970
const ms = (n: number) => T0 + BigInt(n) * 1_000_000n;

const REQUEST = text('GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\n\r\n');
const RESPONSE = text('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n');
const FRAME = Uint8Array.of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);

function conversation(): WrittenPacket[] {
	return tcpConversation({
		messages: [
			{ from: 'client', bytes: REQUEST, time: ms(1) },
			{ from: 'server', bytes: RESPONSE, time: ms(2) },
			{ from: 'client', bytes: FRAME, time: ms(3), comment: 'Hello' }
		]
	});
}

function connections(file: CaptureFile): TcpConnection[] {
	const segments = [];
	for (const p of file.packets) {
		const r = readPacket(file.interfaces[p.interfaceId].linkType, p.data, p.originalLength);
		if (r.ok) segments.push({ packet: p, segment: r.segment });
	}
	return reassemble(segments);
}

/** A direction's bytes, with each hole as that many '?'s (0x3f). */
function streamOf(d: StreamDirection): Uint8Array {
	const out = new Uint8Array(d.length);
	for (const p of d.pieces) {
		if (p.kind === 'data') out.set(p.bytes, p.offset);
		else out.fill(0x3f, p.offset, p.offset + p.length);
	}
	return out;
}

const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
};

/** A classic pcap file: microsecond or nanosecond, little- or big-endian. */
function pcap(
	packets: readonly { time: bigint; data: Uint8Array; originalLength?: number }[],
	o: { ns?: boolean; big?: boolean; linkType?: number; snap?: number } = {}
): Uint8Array {
	const le = !o.big;
	const head = new DataView(new ArrayBuffer(24));
	head.setUint32(0, o.ns ? 0xa1b23c4d : 0xa1b2c3d4, le);
	head.setUint16(4, 2, le);
	head.setUint16(6, 4, le);
	head.setUint32(16, o.snap ?? 262144, le);
	head.setUint32(20, o.linkType ?? LINKTYPE.ETHERNET, le);
	const records = packets.map((p) => {
		const r = new DataView(new ArrayBuffer(16 + p.data.length));
		const unit = o.ns ? 1n : 1000n;
		r.setUint32(0, Number(p.time / 1_000_000_000n), le);
		r.setUint32(4, Number((p.time % 1_000_000_000n) / unit), le);
		r.setUint32(8, p.data.length, le);
		r.setUint32(12, p.originalLength ?? p.data.length, le);
		new Uint8Array(r.buffer).set(p.data, 16);
		return new Uint8Array(r.buffer);
	});
	return concat(new Uint8Array(head.buffer), ...records);
}

describe('a synthesised connection, written as pcapng and read back', () => {
	const packets = conversation();
	const file = readCapture(writePcapng({ interfaces: [{ linkType: LINKTYPE.ETHERNET }], packets, comment: 'test' }));

	it('reads every packet with its nanosecond timestamp and comment', () => {
		expect(file.format).toBe('pcapng');
		expect(file.issues).toEqual([]);
		expect(file.packets.map((p) => p.time)).toEqual(packets.map((p) => p.time));
		expect(file.packets.map((p) => [...p.data])).toEqual(packets.map((p) => [...p.data]));
		expect(file.packets.find((p) => p.comment)?.comment).toBe('Hello');
	});

	it('has valid IPv4 and TCP checksums', () => {
		for (const p of packets) {
			expect(checksum(p.data.subarray(14, 34))).toBe(0);
			const tcp = p.data.subarray(34);
			const pseudo = concat(p.data.subarray(26, 34), Uint8Array.of(0, 6, tcp.length >> 8, tcp.length & 0xff), tcp);
			expect(checksum(pseudo)).toBe(0);
		}
	});

	it('reassembles one connection: who is client, and each direction’s bytes', () => {
		const [c, ...rest] = connections(file);
		expect(rest).toEqual([]);
		expect(c.client).toEqual(SYNTH_CLIENT);
		expect(c.server).toEqual(SYNTH_SERVER);
		expect(c.synSeen).toBe(true);
		expect(streamOf(c.toServer)).toEqual(concat(REQUEST, FRAME));
		expect(streamOf(c.toClient)).toEqual(RESPONSE);
		expect(c.toServer.finSeen && c.toClient.finSeen).toBe(true);
		expect(c.toServer.notes).toEqual([]);
		expect(c.firstTime).toBe(packets[0].time);
	});

	it('splits a large message into MSS-sized segments and joins them again', () => {
		const big = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
		const ps = tcpConversation({ messages: [{ from: 'server', bytes: big, time: ms(1) }] });
		const [c] = connections(readCapture(writePcapng({ interfaces: [{ linkType: 1 }], packets: ps })));
		expect(c.toClient.pieces.filter((p) => p.kind === 'data')).toHaveLength(4);
		expect(streamOf(c.toClient)).toEqual(big);
	});
});

describe('classic pcap', () => {
	const packets = conversation();
	for (const ns of [false, true])
		for (const big of [false, true])
			it(`${ns ? 'nanosecond' : 'microsecond'}, ${big ? 'big' : 'little'}-endian`, () => {
				const file = readCapture(pcap(packets, { ns, big }));
				expect(file.format).toBe(ns ? 'pcap-ns' : 'pcap');
				expect(file.issues).toEqual([]);
				expect(file.packets).toHaveLength(packets.length);
				// Microsecond files keep microseconds: the nanoseconds below are cut, not rounded.
				expect(file.packets[0].time).toBe(ns ? packets[0].time : (packets[0].time / 1000n) * 1000n);
				const [c] = connections(file);
				expect(streamOf(c.toServer)).toEqual(concat(REQUEST, FRAME));
			});

	it('a packet cut by the snapshot length leaves a hole of the right size, not garbage', () => {
		const cut = packets.map((p) =>
			p.data.length > 60 ? { ...p, data: p.data.subarray(0, 60), originalLength: p.data.length } : p
		);
		const [c] = connections(readCapture(pcap(cut, { snap: 60 })));
		const gaps = c.toServer.pieces.filter((p) => p.kind === 'gap');
		expect(gaps.length).toBeGreaterThan(0);
		expect(gaps.every((g) => g.kind === 'gap' && g.cause === 'snaplen')).toBe(true);
		expect(c.toServer.length).toBe(REQUEST.length + FRAME.length);
		expect(streamOf(c.toServer).subarray(0, 6)).toEqual(REQUEST.subarray(0, 6));
	});
});

describe('link layers and IP versions', () => {
	const eth = conversation()[3].data; // the request's first segment, as an Ethernet frame
	const ipPacket = eth.subarray(14);
	const expectRequest = (r: ReturnType<typeof readPacket>) => {
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.segment.srcPort).toBe(SYNTH_CLIENT.port);
		expect(r.segment.dstPort).toBe(80);
		expect(r.segment.payload).toEqual(REQUEST);
	};

	it('Ethernet, with one and with two VLAN tags', () => {
		expectRequest(readPacket(LINKTYPE.ETHERNET, eth));
		const tag = (tpid: number, f: Uint8Array) =>
			concat(f.subarray(0, 12), Uint8Array.of(tpid >> 8, tpid & 0xff, 0, 5), f.subarray(12));
		expectRequest(readPacket(LINKTYPE.ETHERNET, tag(0x8100, eth)));
		expectRequest(readPacket(LINKTYPE.ETHERNET, tag(0x88a8, tag(0x8100, eth))));
	});

	it('Linux cooked captures v1 and v2 (tcpdump -i any)', () => {
		// v1: packet type, ARPHRD type, address length, 8 address bytes, then the protocol (EtherType).
		const sll = Uint8Array.of(0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00);
		expectRequest(readPacket(LINKTYPE.LINUX_SLL, concat(sll, ipPacket)));
		// v2: the protocol first, then reserved, interface index, ARPHRD type, packet type, address.

		const sll2 = concat(Uint8Array.of(0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 2, 0, 0, 0, 0, 0, 0, 1), ipPacket);
		expectRequest(readPacket(LINKTYPE.LINUX_SLL2, sll2));
	});

	it('raw IP, and BSD (NULL, either byte order) and OpenBSD (LOOP) loopback', () => {
		expectRequest(readPacket(LINKTYPE.RAW, ipPacket));
		expectRequest(readPacket(LINKTYPE.IPV4, ipPacket));
		expectRequest(readPacket(LINKTYPE.NULL, concat(Uint8Array.of(2, 0, 0, 0), ipPacket)));
		expectRequest(readPacket(LINKTYPE.NULL, concat(Uint8Array.of(0, 0, 0, 2), ipPacket)));
		expectRequest(readPacket(LINKTYPE.LOOP, concat(Uint8Array.of(0, 0, 0, 2), ipPacket)));
	});

	it('IPv6 through hop-by-hop and destination-options headers, with addresses in RFC 5952 form', () => {
		const tcp = ipPacket.subarray(20);
		const ext = [Uint8Array.of(60, 0, 1, 4, 0, 0, 0, 0), Uint8Array.of(6, 0, 1, 4, 0, 0, 0, 0)]; // hop-by-hop → dest opts → TCP
		const payloadLength = 16 + tcp.length;
		const head = new Uint8Array(40);
		head[0] = 0x60;
		head[4] = payloadLength >> 8;
		head[5] = payloadLength & 0xff;
		head[6] = 0; // hop-by-hop first
		head[7] = 64;
		head.set([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 8);
		head.set([0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10], 24);
		const r = readPacket(LINKTYPE.RAW, concat(head, ...ext, tcp));
		expectRequest(r);
		if (r.ok) expect([r.segment.src, r.segment.dst, r.segment.ipVersion]).toEqual(['2001:db8::1', '2001:db8:1::10', 6]);
		expectRequest(readPacket(LINKTYPE.NULL, concat(Uint8Array.of(30, 0, 0, 0), head, ...ext, tcp)));
	});

	it('says why it skips what is not TCP over IP', () => {
		expect(
			readPacket(LINKTYPE.ETHERNET, concat(eth.subarray(0, 12), Uint8Array.of(0x08, 0x06), new Uint8Array(28)))
		).toMatchObject({
			ok: false,
			reason: 'not-ip',
			etherType: 0x0806
		});
		const udp = ipPacket.slice();
		udp[9] = 17;
		expect(readPacket(LINKTYPE.RAW, udp)).toMatchObject({ ok: false, reason: 'not-tcp', protocol: 17 });
		expect(readPacket(147, ipPacket)).toMatchObject({ ok: false, reason: 'link-type', linkType: 147 });
		expect(readPacket(LINKTYPE.ETHERNET, eth.subarray(0, 30))).toMatchObject({
			ok: false,
			reason: 'truncated',
			layer: 'ip'
		});
	});
});

describe('TCP reassembly', () => {
	/** Segments of one direction of a connection whose SYN had sequence number `isn`. */
	const seg = (
		seq: number,
		payload: string | Uint8Array,
		flags: Partial<TcpSegment['flags']> = {},
		from = 'c'
	): TcpSegment => ({
		ipVersion: 4,
		src: from === 'c' ? '10.0.0.1' : '10.0.0.2',
		dst: from === 'c' ? '10.0.0.2' : '10.0.0.1',
		srcPort: from === 'c' ? 40000 : 80,
		dstPort: from === 'c' ? 80 : 40000,
		seq: seq >>> 0,
		ack: 0,
		flags: { syn: false, ack: true, fin: false, rst: false, psh: false, ...flags },
		window: 1000,
		payload: typeof payload === 'string' ? text(payload) : payload,
		missing: 0
	});
	const run = (segments: TcpSegment[]) =>
		reassemble(segments.map((segment, index) => ({ packet: { index, time: BigInt(index) }, segment })));
	const textOf = (d: StreamDirection) => new TextDecoder().decode(streamOf(d));

	it('puts an out-of-order segment in its place, and says which packets swapped', () => {
		const [c] = run([seg(99, '', { syn: true, ack: false }), seg(100, 'abc'), seg(106, 'ghi'), seg(103, 'def')]);
		expect(textOf(c.toServer)).toBe('abcdefghi');
		expect(c.toServer.notes).toEqual([{ kind: 'out-of-order', packet: 2, after: 3, offset: 6, length: 3 }]);
	});

	it('drops retransmissions, and flags one whose bytes differ', () => {
		const [c] = run([
			seg(0, '', { syn: true, ack: false }),
			seg(1, 'abc'),
			seg(1, 'abc'),
			seg(1, 'abX'),
			seg(4, 'def')
		]);
		expect(textOf(c.toServer)).toBe('abcdef');
		expect(c.toServer.notes.map((n) => n.kind)).toEqual(['retransmission', 'retransmission-differs']);
	});

	it('trims an overlap, flagging it when the overlapping bytes differ', () => {
		const [c] = run([seg(0, '', { syn: true, ack: false }), seg(1, 'abcd'), seg(3, 'cdef'), seg(5, 'XXgh')]);
		expect(textOf(c.toServer)).toBe('abcdefgh');
		expect(c.toServer.notes).toEqual([
			{ kind: 'overlap-trimmed', packet: 2, offset: 2, length: 2, differs: false },
			{ kind: 'overlap-trimmed', packet: 3, offset: 4, length: 2, differs: true }
		]);
	});

	it('shows bytes never captured as a hole of their length', () => {
		const [c] = run([seg(0, '', { syn: true, ack: false }), seg(1, 'abc'), seg(11, 'xyz')]);
		expect(textOf(c.toServer)).toBe('abc???????xyz');
		expect(c.toServer.pieces[1]).toMatchObject({ kind: 'gap', offset: 3, length: 7, cause: 'not-captured' });
		expect(c.toServer.captured).toBe(6);
	});

	it('ignores keep-alives', () => {
		const [c] = run([seg(0, '', { syn: true, ack: false }), seg(1, 'abc'), seg(3, 'c'), seg(3, ''), seg(4, 'd')]);
		expect(textOf(c.toServer)).toBe('abcd');
		expect(c.toServer.notes).toEqual([]);
	});

	it('compares sequence numbers modulo 2^32: a stream may wrap around', () => {
		const isn = 2 ** 32 - 3;
		const [c] = run([
			seg(isn, '', { syn: true, ack: false }),
			seg(isn + 1, 'abcd'),
			seg(isn + 9, 'ijkl'),
			seg(isn + 5, 'efgh')
		]);
		expect(textOf(c.toServer)).toBe('abcdefghijkl');
	});

	it('without the SYN, starts at the first byte seen and guesses the client from the first packet', () => {
		const [c] = run([seg(5000, 'hello'), seg(9000, 'HI', {}, 's'), seg(5005, 'world')]);
		expect(c.synSeen).toBe(false);
		expect(c.client).toEqual({ address: '10.0.0.1', port: 40000 });
		expect(textOf(c.toServer)).toBe('helloworld');
		expect(textOf(c.toClient)).toBe('HI');
	});

	it('a new SYN on a closed 4-tuple is a new connection (port reuse); a repeated SYN is not', () => {
		const cs = run([
			seg(0, '', { syn: true, ack: false }),
			seg(0, '', { syn: true, ack: false }),
			seg(1, 'one'),
			seg(4, '', { fin: true }),
			seg(7777, '', { syn: true, ack: false }),
			seg(7778, 'two')
		]);
		expect(cs.map((c) => textOf(c.toServer))).toEqual(['one', 'two']);
		expect(cs[1].packets).toEqual([4, 5]);
	});

	it('delivers every byte exactly once whatever the order and duplication (property)', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ minLength: 1, maxLength: 200 }),
				fc.array(fc.tuple(fc.nat(199), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 30 }),
				fc.integer({ min: 0, max: 2 ** 32 - 1 }),
				(data, cuts, isn) => {
					// Segments covering the data (each byte at least once, from random pieces), shuffled.
					const pieces = cuts.map(([start, length]) => [Math.min(start, data.length - 1), length] as const);
					for (let at = 0; at < data.length; at += 17) pieces.push([at, 17] as const);
					const segments = pieces.map(([start, length]) => seg(isn + 1 + start, data.subarray(start, start + length)));
					const [c] = run([seg(isn, '', { syn: true, ack: false }), ...segments]);
					expect(streamOf(c.toServer)).toEqual(data);
					expect(c.toServer.pieces.every((p) => p.kind === 'data')).toBe(true);
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('bad files', () => {
	const good = writePcapng({ interfaces: [{ linkType: LINKTYPE.ETHERNET }], packets: conversation() });

	it('knows a file by its magic number, and says so when it is neither', () => {
		expect(sniffCapture(good)).toBe('pcapng');
		const r = readCapture(text('GIF89a........'));
		expect(r.format).toBeNull();
		expect(r.issues).toEqual([{ code: 'unknown-magic', offset: 0, params: { magic: 0x47494638 } }]);
		expect(readCapture(Uint8Array.of(0x0a, 0x0d)).issues[0].code).toBe('too-short');
	});

	it('a file cut anywhere keeps every packet before the cut, and says where it ends', () => {
		// Where blocks (pcapng) and records (pcap) end: a file may end there and be whole.
		const ends = (file: Uint8Array, first: number, lengthAt: (at: number) => number) => {
			const out = new Set<number>();
			for (let at = first; at < file.length; at += lengthAt(at)) out.add(at);
			return out.add(file.length);
		};
		const ng = new DataView(good.buffer);
		const classic = pcap(conversation());
		const cv = new DataView(classic.buffer);
		for (const [file, boundaries] of [
			[good, ends(good, 0, (at) => ng.getUint32(at + 4, true))],
			[classic, ends(classic, 24, (at) => 16 + cv.getUint32(at + 8, true))]
		] as const) {
			const whole = readCapture(file).packets;
			for (let n = 0; n < file.length; n += 3) {
				const r = readCapture(file.subarray(0, n));
				expect(r.packets.length).toBeLessThanOrEqual(whole.length);
				expect(r.issues.length > 0).toBe(!boundaries.has(n) || n < 4);
				// Every packet read is the whole file's packet, or the start of it when the cut fell inside.
				for (const p of r.packets) expect([...p.data]).toEqual([...whole[p.index].data.subarray(0, p.data.length)]);
			}
		}
	});

	it('a block length pointing past the end is reported, with the packets before it', () => {
		const bad = good.slice();
		const v = new DataView(bad.buffer);
		// The third packet block: walk the blocks to find it.
		let at = 0;
		let epb = 0;
		for (;;) {
			if (v.getUint32(at, true) === 6 && ++epb === 3) break;
			at += v.getUint32(at + 4, true);
		}
		v.setUint32(at + 4, 1 << 30, true);
		const r = readCapture(bad);
		expect(r.packets).toHaveLength(3); // the cut block's own start is still shown
		expect(r.issues[0]).toMatchObject({ code: 'truncated', offset: at });
	});

	it('never throws or loops on random bytes or mutated files (fuzz)', () => {
		const classic = pcap(conversation());
		const mutated = (base: Uint8Array) =>
			fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }).map((edits) => {
				const b = base.slice();
				for (const [at, value] of edits) b[at] = value;
				return b;
			});
		fc.assert(
			fc.property(
				fc.oneof(
					fc.uint8Array({ maxLength: 600 }),
					mutated(good),
					mutated(classic),
					fc.tuple(mutated(good), fc.nat(good.length)).map(([b, n]) => b.subarray(0, n))
				),
				(bytes) => {
					const file = readCapture(bytes);
					connections(file);
				}
			),
			{ numRuns: 1500 }
		);
	});
});
