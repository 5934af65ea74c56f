/**
 * TCP reassembly (RFC 9293 §3.4, §3.10.7.4) of captured segments into each connection's two byte
 * streams, the way a receiver would have read them:
 *
 * - sequence numbers are made relative to the connection's first (the SYN counts one, RFC 9293
 *   §3.4) and compared modulo 2^32, so a stream may wrap around and run past 4 GiB;
 * - a segment whose bytes were all delivered already is a retransmission and is dropped (compared,
 *   and flagged when its bytes differ); one that overlaps the delivered end is trimmed;
 * - a segment that arrives before the bytes ahead of it waits, and goes in its place when they come
 *   (out of order: noted with both packets);
 * - bytes never captured become a gap of known length, never made up: a hole left when the capture
 *   ends, and the part of a packet the snapshot length cut off;
 * - keep-alives (one byte, or none, just below the next expected byte) are ignored;
 * - a new SYN on a 4-tuple whose connection ended (or with a new initial sequence number) starts a
 *   new connection (port reuse).
 *
 * Facts, not sentences: notes carry kinds, packets and byte ranges; src/lib/i18n words them.
 */
import type { CapturedPacket } from './file';
import type { TcpSegment } from './packet';

export interface Endpoint {
	readonly address: string;
	readonly port: number;
}

/** One piece of a direction's stream, in stream order: bytes that were captured, or a hole. */
export type StreamPiece =
	| {
			readonly kind: 'data';
			/** Offset in the direction's stream (the first byte after the SYN is 0). */
			readonly offset: number;
			readonly bytes: Uint8Array;
			/** The packet that carried these bytes (CapturedPacket.index) and its time. */
			readonly packet: number;
			readonly time: bigint | null;
	  }
	| {
			readonly kind: 'gap';
			readonly offset: number;
			readonly length: number;
			/** Why the bytes are missing: never seen, or cut off by the snapshot length (with the packet). */
			readonly cause: 'not-captured' | 'snaplen';
			readonly packet: number | null;
			readonly time: bigint | null;
	  };

export type ReassemblyNote =
	| { readonly kind: 'retransmission'; readonly packet: number; readonly offset: number; readonly length: number }
	| {
			readonly kind: 'retransmission-differs';
			readonly packet: number;
			readonly offset: number;
			readonly length: number;
	  }
	| {
			readonly kind: 'overlap-trimmed';
			readonly packet: number;
			readonly offset: number;
			readonly length: number;
			readonly differs: boolean;
	  }
	| {
			/** `packet` arrived before `after`, whose bytes come first in the stream. */
			readonly kind: 'out-of-order';
			readonly packet: number;
			readonly after: number;
			readonly offset: number;
			readonly length: number;
	  };

export interface StreamDirection {
	readonly from: Endpoint;
	readonly to: Endpoint;
	readonly pieces: readonly StreamPiece[];
	readonly notes: readonly ReassemblyNote[];
	/** Bytes delivered in order (gaps included in the count: they have a place in the stream). */
	readonly length: number;
	/** Bytes captured (gaps excluded). */
	readonly captured: number;
	readonly synSeen: boolean;
	readonly finSeen: boolean;
	readonly rstSeen: boolean;
}

export interface TcpConnection {
	/** From 0, in order of first packet. */
	readonly id: number;
	/** The side that sent the SYN; without one in the capture, the sender of the first packet. */
	readonly client: Endpoint;
	readonly server: Endpoint;
	/** The three-way handshake's SYN was captured: client and server are known, not guessed. */
	readonly synSeen: boolean;
	readonly firstTime: bigint | null;
	readonly lastTime: bigint | null;
	/** Every packet of this connection (CapturedPacket.index), in capture order. */
	readonly packets: readonly number[];
	readonly toServer: StreamDirection;
	readonly toClient: StreamDirection;
}

export interface SegmentInput {
	readonly packet: Pick<CapturedPacket, 'index' | 'time'>;
	readonly segment: TcpSegment;
}

/** Reassemble every TCP connection in `segments` (capture order). */
export function reassemble(segments: Iterable<SegmentInput>): TcpConnection[] {
	const open = new Map<string, ConnectionBuilder>();
	const all: ConnectionBuilder[] = [];
	for (const input of segments) {
		const s = input.segment;
		const key = tupleKey(s);
		let c = open.get(key);
		if (c && s.flags.syn && !s.flags.ack && c.isNewSyn(s)) c = undefined; // port reuse
		if (!c) {
			c = new ConnectionBuilder(all.length, s);
			open.set(key, c);
			all.push(c);
		}
		c.add(input);
	}
	return all.map((c) => c.finish());
}

function tupleKey(s: TcpSegment): string {
	const a = `${s.src}|${s.srcPort}`;
	const b = `${s.dst}|${s.dstPort}`;
	return a < b ? `${a}|${b}` : `${b}|${a}`;
}

class ConnectionBuilder {
	private readonly client: Endpoint;
	private readonly server: Endpoint;
	private readonly synSeen: boolean;
	private readonly packets: number[] = [];
	private firstTime: bigint | null = null;
	private lastTime: bigint | null = null;
	private readonly up: DirectionBuilder;
	private readonly down: DirectionBuilder;

	constructor(
		readonly id: number,
		first: TcpSegment
	) {
		const a = { address: first.src, port: first.srcPort };
		const b = { address: first.dst, port: first.dstPort };
		// A SYN+ACK seen first (the SYN was missed) still tells the server: it is the sender.
		const serverFirst = first.flags.syn && first.flags.ack;
		this.client = serverFirst ? b : a;
		this.server = serverFirst ? a : b;
		this.synSeen = first.flags.syn;
		this.up = new DirectionBuilder(this.client, this.server);
		this.down = new DirectionBuilder(this.server, this.client);
	}

	/** A SYN that opens a new connection on this 4-tuple rather than repeating this one's. */
	isNewSyn(s: TcpSegment): boolean {
		const dir = this.directionOf(s);
		return dir.ended() || (dir.isn !== null && dir.isn !== s.seq);
	}

	add({ packet, segment }: SegmentInput): void {
		this.packets.push(packet.index);
		if (packet.time !== null) {
			if (this.firstTime === null || packet.time < this.firstTime) this.firstTime = packet.time;
			if (this.lastTime === null || packet.time > this.lastTime) this.lastTime = packet.time;
		}
		this.directionOf(segment).add(segment, packet.index, packet.time);
	}

	private directionOf(s: TcpSegment): DirectionBuilder {
		return s.src === this.client.address && s.srcPort === this.client.port ? this.up : this.down;
	}

	finish(): TcpConnection {
		return {
			id: this.id,
			client: this.client,
			server: this.server,
			synSeen: this.synSeen || this.up.synSeen || this.down.synSeen,
			firstTime: this.firstTime,
			lastTime: this.lastTime,
			packets: this.packets,
			toServer: this.up.finish(),
			toClient: this.down.finish()
		};
	}
}

interface Pending {
	readonly start: number;
	readonly bytes: Uint8Array;
	readonly missing: number;
	readonly packet: number;
	readonly time: bigint | null;
	readonly arrival: number;
}

const U32 = 2 ** 32;

class DirectionBuilder {
	/** The SYN's sequence number (or, without a SYN, the first one seen, minus one). */
	isn: number | null = null;
	synSeen = false;
	private finSeen = false;
	private rstSeen = false;
	/** Offset of the next byte expected, relative to isn + 1. */
	private next = 0;
	/** Sequence number (absolute, mod 2^32) of `next`. */
	private nextSeq = 0;
	private readonly pieces: StreamPiece[] = [];
	private readonly notes: ReassemblyNote[] = [];
	private waiting: Pending[] = [];
	private captured = 0;
	private arrivals = 0;
	/** The last packet whose bytes were delivered in order, for out-of-order notes. */
	private lastInOrder: number | null = null;

	constructor(
		private readonly from: Endpoint,
		private readonly to: Endpoint
	) {}

	ended(): boolean {
		return this.finSeen || this.rstSeen;
	}

	add(s: TcpSegment, packet: number, time: bigint | null): void {
		if (s.flags.rst) this.rstSeen = true;
		if (s.flags.syn) {
			if (this.isn === null) {
				this.isn = s.seq;
				this.nextSeq = (s.seq + 1) % U32;
			}
			this.synSeen = true;
		}
		const dataSeq = s.flags.syn ? (s.seq + 1) % U32 : s.seq;
		const length = s.payload.length + s.missing;
		if (this.isn === null) {
			// No SYN in the capture: the stream starts at the first byte seen.
			this.isn = (dataSeq - 1 + U32) % U32;
			this.nextSeq = dataSeq;
		}
		if (s.flags.fin) this.finSeen = true;
		if (length === 0) return;
		// Where this segment starts relative to what is expected next, as a signed 32-bit distance.
		const distance = ((dataSeq - this.nextSeq) | 0) as number;
		const start = this.next + distance;
		// A keep-alive: one byte (or none) just below the next expected byte, sent to get an ACK.
		if (distance === -1 && length <= 1) return;
		this.arrivals++;
		this.place({ start, bytes: s.payload, missing: s.missing, packet, time, arrival: this.arrivals });
	}

	private place(p: Pending): void {
		const end = p.start + p.bytes.length + p.missing;
		if (end <= this.next) {
			// Everything here was delivered already: a retransmission.
			const differs = this.differs(p.start, p.bytes);
			this.notes.push({
				kind: differs ? 'retransmission-differs' : 'retransmission',
				packet: p.packet,
				offset: p.start,
				length: end - p.start
			});
			return;
		}
		if (p.start > this.next) {
			this.wait(p);
			return;
		}
		this.deliver(p);
		this.drain();
	}

	/** Keep `p` until the bytes before it come, in stream order (then arrival order). */
	private wait(p: Pending): void {
		const w = this.waiting;
		let lo = 0,
			hi = w.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (w[mid].start < p.start || (w[mid].start === p.start && w[mid].arrival < p.arrival)) lo = mid + 1;
			else hi = mid;
		}
		w.splice(lo, 0, p);
	}

	/** Deliver `p`, which starts at or before `next` and ends after it. */
	private deliver(p: Pending): void {
		const overlap = this.next - p.start;
		let bytes = p.bytes;
		let missing = p.missing;
		if (overlap > 0) {
			const seen = bytes.subarray(0, Math.min(overlap, bytes.length));
			this.notes.push({
				kind: 'overlap-trimmed',
				packet: p.packet,
				offset: p.start,
				length: overlap,
				differs: this.differs(p.start, seen)
			});
			if (overlap >= bytes.length) {
				missing -= overlap - bytes.length;
				bytes = bytes.subarray(bytes.length);
			} else bytes = bytes.subarray(overlap);
		}
		if (this.lastInOrder !== null && p.arrival < this.lastArrival)
			this.notes.push({
				kind: 'out-of-order',
				packet: p.packet,
				after: this.lastInOrder,
				offset: this.next,
				length: bytes.length + missing
			});
		if (bytes.length > 0) {
			this.pieces.push({ kind: 'data', offset: this.next, bytes, packet: p.packet, time: p.time });
			this.captured += bytes.length;
			this.advance(bytes.length);
		}
		if (missing > 0) {
			this.pieces.push({
				kind: 'gap',
				offset: this.next,
				length: missing,
				cause: 'snaplen',
				packet: p.packet,
				time: p.time
			});
			this.advance(missing);
		}
		this.lastInOrder = p.packet;
		this.lastArrival = Math.max(this.lastArrival, p.arrival);
	}

	private lastArrival = 0;

	private advance(n: number): void {
		this.next += n;
		this.nextSeq = (this.nextSeq + n) % U32;
	}

	/** Deliver what waited and now fits; drop what turned out to be retransmitted meanwhile. */
	private drain(): void {
		while (this.waiting.length > 0 && this.waiting[0].start <= this.next) this.place(this.waiting.shift()!);
	}

	/** Whether `bytes`, placed at `offset`, differ from what the stream already holds there. */
	private differs(offset: number, bytes: Uint8Array): boolean {
		const pieces = this.pieces;
		let at = offset;
		let i = 0;
		for (let j = Math.max(0, pieceAt(pieces, offset)); j < pieces.length && i < bytes.length; j++) {
			const q = pieces[j];
			const qEnd = q.offset + (q.kind === 'data' ? q.bytes.length : q.length);
			while (i < bytes.length && at < qEnd) {
				if (at >= q.offset && q.kind === 'data' && q.bytes[at - q.offset] !== bytes[i]) return true;
				at++;
				i++;
			}
		}
		return false;
	}

	finish(): StreamDirection {
		// Whatever still waits sits after a hole the capture never filled: show the hole, then the bytes.
		while (this.waiting.length > 0) {
			const p = this.waiting.shift()!;
			if (p.start > this.next) {
				this.pieces.push({
					kind: 'gap',
					offset: this.next,
					length: p.start - this.next,
					cause: 'not-captured',
					packet: null,
					time: null
				});
				this.advance(p.start - this.next);
			}
			this.place(p);
		}
		return {
			from: this.from,
			to: this.to,
			pieces: this.pieces,
			notes: this.notes,
			length: this.next,
			captured: this.captured,
			synSeen: this.synSeen,
			finSeen: this.finSeen,
			rstSeen: this.rstSeen
		};
	}
}

/** Index of the last of `pieces` (in stream order) that starts at or before `offset`; -1 if none does. */
export function pieceAt(pieces: readonly StreamPiece[], offset: number): number {
	let lo = 0,
		hi = pieces.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (pieces[mid].offset <= offset) lo = mid + 1;
		else hi = mid;
	}
	return lo - 1;
}
