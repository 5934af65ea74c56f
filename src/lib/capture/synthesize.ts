/**
 * A TCP connection made up around real bytes, for a capture file of a session that had no capture
 * (the simulator, a paste, live mode): Ethernet, IPv4 (RFC 791) and TCP (RFC 9293) headers with
 * correct checksums, the three-way handshake, every message's bytes in segments of at most one MSS
 * with consistent sequence and acknowledgment numbers, an ACK for each, and the FIN exchange.
 * Wireshark reads such a file as the real thing: on port 80 it dissects HTTP, then WebSocket.
 */
import type { WrittenPacket } from './pcapng-writer';

export interface SynthEndpoint {
	/** Dotted IPv4. */
	readonly address: string;
	readonly port: number;
}

export interface SynthMessage {
	readonly from: 'client' | 'server';
	readonly bytes: Uint8Array;
	/** Nanoseconds since 1970. */
	readonly time: bigint;
	/** Written as the first segment's packet comment. */
	readonly comment?: string;
}

export interface SynthOptions {
	readonly client?: SynthEndpoint;
	readonly server?: SynthEndpoint;
	/** Nanoseconds since 1970 of the SYN; by default 1 ms before the first message. */
	readonly start?: bigint;
	readonly messages: readonly SynthMessage[];
	/** End with FIN, FIN+ACK, ACK (default true). */
	readonly close?: boolean;
	readonly mss?: number;
}

export const SYNTH_CLIENT: SynthEndpoint = { address: '192.0.2.1', port: 50000 }; // RFC 5737 documentation addresses
export const SYNTH_SERVER: SynthEndpoint = { address: '192.0.2.2', port: 80 };

const ETHERNET = 14;
const IPV4 = 20;
const TCP = 20;
const FLAG = { FIN: 0x01, SYN: 0x02, PSH: 0x08, ACK: 0x10 } as const;
const MICROSECOND = 1000n;

/** The packets (Ethernet frames, LINKTYPE_ETHERNET) of a whole connection carrying `messages`. */
export function tcpConversation(o: SynthOptions): WrittenPacket[] {
	const client = o.client ?? SYNTH_CLIENT;
	const server = o.server ?? SYNTH_SERVER;
	const mss = o.mss ?? 1460;
	const first = o.messages[0]?.time ?? o.start ?? 0n;
	let time = o.start ?? first - 1000n * MICROSECOND;
	const out: WrittenPacket[] = [];
	// Fixed initial sequence numbers: the same session always gives the same file.
	const seq = { client: 0x1000_0000, server: 0x2000_0000 };
	let ipId = 1;
	const send = (from: 'client' | 'server', flags: number, payload: Uint8Array, comment?: string) => {
		const [a, b] = from === 'client' ? [client, server] : [server, client];
		const to = from === 'client' ? 'server' : 'client';
		const frame = segment(a, b, from === 'client', seq[from], flags & FLAG.ACK ? seq[to] : 0, flags, payload, ipId++);
		out.push({ time, data: frame, ...(comment ? { comment } : {}) });
		seq[from] = (seq[from] + payload.length + (flags & (FLAG.SYN | FLAG.FIN) ? 1 : 0)) >>> 0;
	};
	const tick = (at?: bigint) => {
		time = at !== undefined && at > time ? at : time + MICROSECOND;
	};

	send('client', FLAG.SYN, EMPTY);
	tick();
	send('server', FLAG.SYN | FLAG.ACK, EMPTY);
	tick();
	send('client', FLAG.ACK, EMPTY);
	for (const m of o.messages) {
		tick(m.time);
		for (let i = 0; i < m.bytes.length || i === 0; i += mss) {
			const piece = m.bytes.subarray(i, i + mss);
			const last = i + mss >= m.bytes.length;
			send(m.from, FLAG.ACK | (last ? FLAG.PSH : 0), piece, i === 0 ? m.comment : undefined);
			if (piece.length === 0) break;
			if (!last) tick();
		}
		tick();
		send(m.from === 'client' ? 'server' : 'client', FLAG.ACK, EMPTY);
	}
	if (o.close ?? true) {
		tick();
		send('server', FLAG.FIN | FLAG.ACK, EMPTY);
		tick();
		send('client', FLAG.FIN | FLAG.ACK, EMPTY);
		tick();
		send('server', FLAG.ACK, EMPTY);
	}
	return out;
}

const EMPTY = new Uint8Array(0);

function segment(
	from: SynthEndpoint,
	to: SynthEndpoint,
	fromClient: boolean,
	seq: number,
	ack: number,
	flags: number,
	payload: Uint8Array,
	id: number
): Uint8Array {
	const frame = new Uint8Array(ETHERNET + IPV4 + TCP + payload.length);
	const v = new DataView(frame.buffer);
	// Ethernet: locally administered addresses (02:00:00:00:00:01 the client, …:02 the server), destination
	// first, then the IPv4 EtherType.
	frame.set([0x02, 0, 0, 0, 0, fromClient ? 2 : 1], 0);
	frame.set([0x02, 0, 0, 0, 0, fromClient ? 1 : 2], 6);
	v.setUint16(12, 0x0800);
	const ip = ETHERNET;
	frame[ip] = 0x45; // version 4, 20-byte header
	v.setUint16(ip + 2, IPV4 + TCP + payload.length);
	v.setUint16(ip + 4, id & 0xffff);
	v.setUint16(ip + 6, 0x4000); // don't fragment
	frame[ip + 8] = 64; // TTL
	frame[ip + 9] = 6; // TCP
	const src = address(from.address);
	const dst = address(to.address);
	frame.set(src, ip + 12);
	frame.set(dst, ip + 16);
	v.setUint16(ip + 10, checksum(frame.subarray(ip, ip + IPV4)));
	const tcp = ip + IPV4;
	v.setUint16(tcp, from.port);
	v.setUint16(tcp + 2, to.port);
	v.setUint32(tcp + 4, seq);
	v.setUint32(tcp + 8, ack);
	frame[tcp + 12] = (TCP / 4) << 4;
	frame[tcp + 13] = flags;
	v.setUint16(tcp + 14, 65535); // window
	frame.set(payload, tcp + TCP);
	// The TCP checksum covers a pseudo-header: addresses, protocol and TCP length (RFC 9293 §3.1).
	const pseudo = new Uint8Array(12 + TCP + payload.length);
	pseudo.set(src, 0);
	pseudo.set(dst, 4);
	pseudo[9] = 6;
	new DataView(pseudo.buffer).setUint16(10, TCP + payload.length);
	pseudo.set(frame.subarray(tcp), 12);
	v.setUint16(tcp + 16, checksum(pseudo));
	return frame;
}

function address(text: string): Uint8Array {
	const parts = text.split('.').map(Number);
	return Uint8Array.from(parts.length === 4 && parts.every((n) => n >= 0 && n <= 255) ? parts : [192, 0, 2, 1]);
}

/** The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words. */
export function checksum(bytes: Uint8Array): number {
	let sum = 0;
	for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
	if (bytes.length % 2 === 1) sum += bytes[bytes.length - 1] << 8;
	while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
	return ~sum & 0xffff;
}
