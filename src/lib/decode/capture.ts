/**
 * A capture file, as the decoder reads it: every TCP connection in it, said for what it is, and for
 * a chosen one, both directions read by the decoder's analysis (the engine's Reader) and put
 * together in time order as a conversation, each frame at the time of the packet that completed it.
 *
 * What a connection is, from its first bytes: WebSocket (an HTTP GET answered 101), WebSocket frames
 * without their handshake (the first frames of both directions read cleanly, masked towards the
 * server and not towards the client, RFC 6455 §5.1), TLS (a handshake record, RFC 8446 §5.1: the
 * bytes are encrypted), HTTP, or other.
 *
 * Bytes the capture missed are never read as frames: a direction is analysed up to its first hole,
 * and the conversation says where that is and how many bytes are missing; after it, reading starts
 * again only at a packet where frames read cleanly (see afterHoles). A connection that is not
 * WebSocket is never read as frames either: its conversation is its packets' bytes.
 */
import { readCapture, type CaptureFile } from '$lib/capture/file';
import { concat } from '$lib/protocol/bytes';
import { readPacket } from '$lib/capture/packet';
import {
	pieceAt,
	reassemble,
	type ReassemblyNote,
	type StreamDirection,
	type StreamPiece,
	type TcpConnection
} from '$lib/capture/tcp-stream';
import { analyzeStream } from './analyze';
import type { DeflateChoice, FrameAnalysis, HttpHeadInfo, StreamAnalysis } from './types';

export type StreamKind = 'websocket' | 'websocket-frames' | 'tls' | 'http' | 'other';

export interface CaptureReading {
	readonly file: CaptureFile;
	readonly connections: readonly TcpConnection[];
	readonly kinds: readonly StreamKind[];
	/** Packets that were not TCP over IP, by reason ('not-ip', 'link-type'...). */
	readonly skipped: Readonly<Record<string, number>>;
}

/** Reports how far reading has gone: the file's bytes, then its packets read as TCP. */
export type ReadProgress = (phase: 'reading' | 'streams', done: number, total: number) => void;

/** Read a capture file to its connections, each with its kind. */
export function readCaptureStreams(bytes: Uint8Array, progress?: ReadProgress): CaptureReading {
	const file = readCapture(bytes, progress && ((done, total) => progress('reading', done, total)));
	const skipped: Record<string, number> = {};
	const segments = [];
	const every = 20_000;
	for (const packet of file.packets) {
		const r = readPacket(file.interfaces[packet.interfaceId].linkType, packet.data, packet.originalLength);
		if (r.ok) segments.push({ packet, segment: r.segment });
		else skipped[r.reason] = (skipped[r.reason] ?? 0) + 1;
		if (progress && packet.index % every === every - 1) progress('streams', packet.index + 1, file.packets.length);
	}
	const connections = reassemble(segments).map(withRoles);
	return { file, connections, kinds: connections.map(classify), skipped };
}

const ascii = (bytes: Uint8Array, n: number) => String.fromCharCode(...bytes.subarray(0, n));

/** The bytes a direction holds before its first hole. */
export function contiguous(d: StreamDirection): Uint8Array {
	const parts: Uint8Array[] = [];
	let length = 0;
	for (const p of d.pieces) {
		if (p.kind === 'gap') break;
		parts.push(p.bytes);
		length += p.bytes.length;
	}
	return parts.length === 1 ? parts[0] : concat(parts, length);
}

/**
 * Without the SYN, the first packet's sender was taken for the client: when the HTTP request is
 * in the other direction, the roles are the other way round.
 */
function withRoles(c: TcpConnection): TcpConnection {
	if (c.synSeen) return c;
	const up = ascii(c.toServer.pieces[0]?.kind === 'data' ? c.toServer.pieces[0].bytes : new Uint8Array(0), 4);
	const down = ascii(c.toClient.pieces[0]?.kind === 'data' ? c.toClient.pieces[0].bytes : new Uint8Array(0), 4);
	if (up === 'GET ' || down !== 'GET ') return c;
	return { ...c, client: c.server, server: c.client, toServer: c.toClient, toClient: c.toServer };
}

/** What a connection carries, from its first bytes. */
export function classify(c: TcpConnection): StreamKind {
	const up = contiguous(c.toServer);
	const down = contiguous(c.toClient);
	// A TLS record: handshake (22), version 3.x (RFC 8446 §5.1 keeps 0x0301-0x0303 on the wire).
	if (up.length >= 3 && up[0] === 0x16 && up[1] === 0x03 && up[2] <= 0x04) return 'tls';
	const request = ascii(up, Math.min(up.length, 4096));
	if (/^[A-Z]+ \S+ HTTP\/1\.[01]\r?\n/.test(request)) {
		const status = /^HTTP\/1\.[01] (\d{3})/.exec(ascii(down, Math.min(down.length, 16)));
		return status?.[1] === '101' && /\r?\nupgrade:\s*websocket\s*\r?\n/i.test(request) ? 'websocket' : 'http';
	}
	if (framesRead(up, 'client') && framesRead(down, 'server')) return 'websocket-frames';
	return 'other';
}

/** The first frames of `bytes` read cleanly as `role`'s (or there are none to read). */
function framesRead(bytes: Uint8Array, role: 'client' | 'server'): boolean {
	if (bytes.length === 0) return true;
	const a = analyzeStream(bytes.subarray(0, 4096), { role, deflate: 'auto', maxFrames: 4 });
	return (
		a.frames.length > 0 &&
		a.frames.every((f) => f.complete || f === a.frames[a.frames.length - 1]) &&
		a.errorCount === 0
	);
}

export type Direction = 'to-server' | 'to-client';

export type ConversationItem =
	| {
			readonly kind: 'head';
			readonly direction: Direction;
			readonly head: HttpHeadInfo;
			readonly time: bigint | null;
			readonly packet: number | null;
	  }
	| {
			readonly kind: 'frame';
			readonly direction: Direction;
			/** Its offset is in the direction's stream; after a hole, its index counts from that run's start. */
			readonly frame: FrameAnalysis;
			/** 0 before any hole; n for the frames read again after the n-th hole (see 'resumed'). */
			readonly run: number;
			readonly time: bigint | null;
			readonly packet: number | null;
	  }
	| {
			/** Bytes the capture missed. */
			readonly kind: 'gap';
			readonly direction: Direction;
			readonly offset: number;
			readonly length: number;
			readonly cause: 'not-captured' | 'snaplen';
			/** Whether frames were found again after it ('resumed' follows), or the rest is not read. */
			readonly after: 'resumed' | 'lost' | 'end';
			readonly time: bigint | null;
			readonly packet: number | null;
	  }
	| {
			/** After a hole, reading starts again at a packet where frames read cleanly. */
			readonly kind: 'resumed';
			readonly direction: Direction;
			/** Stream offset where reading starts again. */
			readonly offset: number;
			/** Bytes after the hole, before that point, that belong to a frame whose start was lost. */
			readonly skipped: number;
			readonly run: number;
			readonly time: bigint | null;
			readonly packet: number | null;
	  }
	| {
			/** A packet's bytes in a connection that is not WebSocket (TLS, HTTP, other): never read as frames. */
			readonly kind: 'data';
			readonly direction: Direction;
			readonly offset: number;
			readonly length: number;
			/** Its first bytes, for a glimpse of what they are. */
			readonly start: Uint8Array;
			readonly time: bigint | null;
			readonly packet: number;
	  }
	| {
			/** What TCP reassembly fixed or dropped, where it happened. */
			readonly kind: 'tcp-note';
			readonly direction: Direction;
			readonly note: ReassemblyNote;
			readonly time: bigint | null;
			readonly packet: number;
	  };

export interface Conversation {
	readonly connection: TcpConnection;
	readonly kind: StreamKind;
	/** Each direction read by the decoder's analysis; null when the connection is not WebSocket. */
	readonly toServer: StreamAnalysis | null;
	readonly toClient: StreamAnalysis | null;
	/** Both directions, in capture time order. */
	readonly items: readonly ConversationItem[];
}

/**
 * Both directions of `c` analysed (the client's frames as a client's, the server's as a server's,
 * permessage-deflate as the handshake agreed it, or inferred from RSV1 without one) and interleaved.
 * `time` of a capture's packet by index, to time the notes of reassembly.
 */
export function conversation(
	c: TcpConnection,
	kind: StreamKind,
	timeOf: (packet: number) => bigint | null
): Conversation {
	if (kind !== 'websocket' && kind !== 'websocket-frames') return packets(c, kind, timeOf);
	const up = contiguous(c.toServer);
	const down = contiguous(c.toClient);
	// The server's answer says whether permessage-deflate was agreed (RFC 7692 §5); read it first.
	const toClient = analyzeStream(down, { role: 'server', deflate: kind === 'websocket' ? 'off' : 'auto' });
	const agreed = toClient.handshake.some((h) => h.role === 'server' && h.deflate);
	const deflate = kind === 'websocket' ? (agreed ? 'on' : 'off') : 'auto';
	const server = agreed ? analyzeStream(down, { role: 'server', deflate }) : toClient;
	const toServer = analyzeStream(up, { role: 'client', deflate });
	const items: ConversationItem[] = [];
	for (const [direction, d, a, role] of [
		['to-server', c.toServer, toServer, 'client'],
		['to-client', c.toClient, server, 'server']
	] as const) {
		const at = locator(d);
		for (const head of a.handshake) items.push({ kind: 'head', direction, head, ...at(head.end - 1) });
		for (const frame of a.frames)
			items.push({ kind: 'frame', direction, frame, run: 0, ...at(frame.offset + frame.wire.length - 1) });
		items.push(...afterHoles(d, direction, role, deflate, at));
		items.push(...notes(direction, d, timeOf));
	}
	return { connection: c, kind, toServer, toClient: server, items: inTimeOrder(items) };
}

/** Frames are looked for again at no more than this many packets after a hole. */
const RESUME_TRIES = 64;
/** A resumption point must read this many whole frames cleanly (or every frame up to the run's end). */
const RESUME_FRAMES = 3;

/**
 * Each hole in `d` and what comes after it. Bytes after a hole cannot be read on from before it:
 * the frame that spans it is cut, and the next one's start is unknown. Reading starts again only
 * where it is safe to: at the start of a packet (senders start frames there more often than not)
 * where the next frames read cleanly, none of them a continuation (the message they continue was
 * lost) and none with a problem. A hole in the snapshot length, or one after which no such place is
 * found, ends the reading of this run; the next hole's run is tried again.
 */
function afterHoles(
	d: StreamDirection,
	direction: Direction,
	role: 'client' | 'server',
	deflate: DeflateChoice,
	at: (offset: number) => { time: bigint | null; packet: number | null }
): ConversationItem[] {
	const items: ConversationItem[] = [];
	let run = 0;
	for (let i = 0; i < d.pieces.length; i++) {
		const gap = d.pieces[i];
		if (gap.kind !== 'gap') continue;
		run++;
		// The run of captured bytes after this hole, up to the next one.
		let end = i + 1;
		while (end < d.pieces.length && d.pieces[end].kind === 'data') end++;
		const pieces = d.pieces.slice(i + 1, end) as Extract<StreamPiece, { kind: 'data' }>[];
		const found = gap.cause === 'not-captured' ? resumeAt(pieces, role, deflate) : null;
		items.push({
			kind: 'gap',
			direction,
			offset: gap.offset,
			length: gap.length,
			cause: gap.cause,
			after: pieces.length === 0 ? 'end' : found ? 'resumed' : 'lost',
			time: gap.time ?? at(Math.max(0, gap.offset - 1)).time,
			packet: gap.packet
		});
		if (!found) continue;
		const first = pieces[found.piece];
		items.push({
			kind: 'resumed',
			direction,
			offset: first.offset,
			skipped: first.offset - pieces[0].offset,
			run,
			time: first.time,
			packet: first.packet
		});
		for (const f of found.analysis.frames) {
			const frame = shifted(f, first.offset);
			items.push({ kind: 'frame', direction, frame, run, ...at(frame.offset + frame.wire.length - 1) });
		}
	}
	return items;
}

/** The first packet of `pieces` at which frames read cleanly, and the run read from there. */
function resumeAt(
	pieces: readonly Extract<StreamPiece, { kind: 'data' }>[],
	role: 'client' | 'server',
	deflate: DeflateChoice
): { piece: number; analysis: StreamAnalysis } | null {
	if (pieces.length === 0) return null;
	const bytes = concat(
		pieces.map((p) => p.bytes),
		pieces.reduce((n, p) => n + p.bytes.length, 0)
	);
	const base = pieces[0].offset;
	for (let i = 0; i < Math.min(pieces.length, RESUME_TRIES); i++) {
		const from = bytes.subarray(pieces[i].offset - base);
		const probe = analyzeStream(from, { role, deflate, maxFrames: RESUME_FRAMES });
		const whole = probe.frames.filter((f) => f.complete);
		const clean =
			probe.errorCount === 0 &&
			probe.frames.length > 0 &&
			probe.frames[0].kind !== 'continuation' &&
			probe.frames[0].kind !== 'reserved' &&
			(whole.length >= RESUME_FRAMES || (whole.length === probe.frames.length && probe.analysedBytes === from.length));
		if (!clean) continue;
		// Read on to the run's end: a problem further on is the traffic's, and is shown as such.
		return { piece: i, analysis: analyzeStream(from, { role, deflate }) };
	}
	return null;
}

/** A frame read from a run that starts `by` bytes into its direction's stream, placed in the stream. */
function shifted(f: FrameAnalysis, by: number): FrameAnalysis {
	return {
		...f,
		offset: f.offset + by,
		issues: f.issues.map((i) => ({ ...i, start: i.start + by, end: i.end + by })),
		...(f.fields ? { fields: f.fields.map((a) => ({ ...a, start: a.start + by, end: a.end + by })) } : {})
	};
}

/** How many bytes of each packet a connection that is not WebSocket shows. */
const GLIMPSE = 48;

/** A connection that is not WebSocket: its packets' bytes as they are (and its holes), in time order. */
function packets(c: TcpConnection, kind: StreamKind, timeOf: (packet: number) => bigint | null): Conversation {
	const items: ConversationItem[] = [];
	for (const [direction, d] of [
		['to-server', c.toServer],
		['to-client', c.toClient]
	] as const) {
		for (const p of d.pieces) {
			if (p.kind === 'data')
				items.push({
					kind: 'data',
					direction,
					offset: p.offset,
					length: p.bytes.length,
					start: p.bytes.slice(0, GLIMPSE),
					time: p.time,
					packet: p.packet
				});
			else items.push({ ...p, kind: 'gap', direction, after: 'end' });
		}
		items.push(...notes(direction, d, timeOf));
	}
	return { connection: c, kind, toServer: null, toClient: null, items: inTimeOrder(items) };
}

function notes(
	direction: Direction,
	d: StreamDirection,
	timeOf: (packet: number) => bigint | null
): ConversationItem[] {
	return d.notes.map((note) => ({ kind: 'tcp-note', direction, note, time: timeOf(note.packet), packet: note.packet }));
}

/** Time order; at the same time (or without times), packet order, then each direction's own order. */
function inTimeOrder(items: ConversationItem[]): ConversationItem[] {
	const order = new Map(items.map((item, i) => [item, i]));
	return items.sort((a, b) => {
		if (a.time !== null && b.time !== null && a.time !== b.time) return a.time < b.time ? -1 : 1;
		if (a.packet !== null && b.packet !== null && a.packet !== b.packet) return a.packet - b.packet;
		return order.get(a)! - order.get(b)!;
	});
}

/** For a stream offset of `d`, the packet that carried that byte and its time. */
function locator(d: StreamDirection): (offset: number) => { time: bigint | null; packet: number | null } {
	return (offset) => {
		const p = d.pieces[pieceAt(d.pieces, offset)];
		return p ? { time: p.time, packet: p.packet } : { time: null, packet: null };
	};
}
