/**
 * Opening a file in the decoder: a capture (pcap, pcapng) or a devtools HAR, told apart by its first
 * bytes. What the page needs is plain, structured-cloneable data (it crosses from the worker):
 * a summary of the file and of every stream in it, and on request one stream as a conversation.
 * The file itself stays where it was read (the worker, or the page when there is no worker).
 *
 * A HAR's WebSocket entries become streams like a capture's connections: each message as the frame
 * that would carry it whole (src/lib/capture/har.ts), the handshake rebuilt from the headers the HAR
 * kept, so one conversation view and one reader (the engine's) serve both.
 */
import { encodeUtf8, type RandomSource } from '$lib/protocol';
import type { CaptureFormat, CaptureIssue } from '$lib/capture/file';
import { harFrames, readHar, type HarIssue, type HarWebSocket } from '$lib/capture/har';
import type { Endpoint, StreamPiece, TcpConnection } from '$lib/capture/tcp-stream';
import { sniffFile } from '$lib/capture/sniff';
import { conversation, readCaptureStreams, type ConversationItem, type ReadProgress, type StreamKind } from './capture';
import type { StreamAnalysis } from './types';

export interface DirectionSummary {
	/** Bytes in the stream, holes included. */
	readonly bytes: number;
	readonly captured: number;
	readonly gaps: number;
}

export interface StreamSummary {
	readonly id: number;
	readonly client: Endpoint;
	readonly server: Endpoint;
	/** The SYN was captured: who is client is known, not guessed. */
	readonly synSeen: boolean;
	readonly firstTime: bigint | null;
	readonly lastTime: bigint | null;
	readonly packets: number;
	readonly toServer: DirectionSummary;
	readonly toClient: DirectionSummary;
	readonly kind: StreamKind;
	/** Retransmissions, out-of-order segments and overlaps that reassembly fixed. */
	readonly notes: number;
	/** HAR: the socket's URL. */
	readonly url?: string;
	/** HAR: messages in the entry. */
	readonly messages?: number;
}

export type OpenedFile =
	| {
			readonly kind: 'capture';
			readonly format: CaptureFormat | null;
			readonly size: number;
			readonly packets: number;
			readonly sections: number;
			readonly linkTypes: readonly number[];
			readonly issues: readonly CaptureIssue[];
			/** Packets that are not TCP over IP, by reason. */
			readonly skipped: Readonly<Record<string, number>>;
			readonly streams: readonly StreamSummary[];
	  }
	| {
			readonly kind: 'har';
			readonly size: number;
			readonly issues: readonly HarIssue[];
			readonly streams: readonly StreamSummary[];
	  }
	| { readonly kind: 'unknown'; readonly size: number; readonly start: readonly number[] };

export interface StreamConversation {
	readonly stream: StreamSummary;
	readonly source: 'capture' | 'har';
	/** Each direction read by the engine's reader; null for a connection that is not WebSocket. */
	readonly toServer: StreamAnalysis | null;
	readonly toClient: StreamAnalysis | null;
	readonly items: readonly ConversationItem[];
}

export interface SavedWrite {
	readonly from: 'client' | 'server';
	readonly bytes: Uint8Array;
	readonly time: bigint | null;
}

/**
 * An opened file: its summary, and its streams' conversations on request. `random` draws the mask
 * keys of a HAR's sent messages (the HAR does not keep the frames a browser masked).
 */
export class OpenFile {
	readonly summary: OpenedFile;
	private readonly connections: readonly TcpConnection[] = [];
	private readonly times: (packet: number) => bigint | null = () => null;
	private readonly sockets: readonly HarWebSocket[] = [];
	private readonly cache = new Map<number, StreamConversation>();

	constructor(
		bytes: Uint8Array,
		private readonly random: RandomSource,
		progress?: ReadProgress
	) {
		const kind = sniffFile(bytes.subarray(0, 4096));
		if (kind === 'capture') {
			const reading = readCaptureStreams(bytes, progress);
			this.connections = reading.connections;
			const packets = reading.file.packets;
			this.times = (i) => packets[i]?.time ?? null;
			this.summary = {
				kind: 'capture',
				format: reading.file.format,
				size: bytes.length,
				packets: packets.length,
				sections: reading.file.sections,
				linkTypes: [...new Set(reading.file.interfaces.map((i) => i.linkType))],
				issues: reading.file.issues,
				skipped: reading.skipped,
				streams: reading.connections.map((c, i) => summarize(c, reading.kinds[i]))
			};
		} else if (kind === 'har') {
			const har = readHar(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
			this.sockets = har.sockets;
			this.connections = har.sockets.map((s, i) => harConnection(s, i, this.random));
			this.summary = {
				kind: 'har',
				size: bytes.length,
				issues: har.issues,
				streams: this.connections.map((c, i) => ({
					...summarize(c, kindOfHar(har.sockets[i])),
					url: har.sockets[i].url,
					messages: har.sockets[i].messages.length
				}))
			};
		} else {
			this.summary = { kind: 'unknown', size: bytes.length, start: [...bytes.subarray(0, 8)] };
		}
	}

	/** Stream `id` as a conversation; null when there is no such stream. */
	conversation(id: number): StreamConversation | null {
		const cached = this.cache.get(id);
		if (cached) return cached;
		const c = this.connections[id];
		if (!c || this.summary.kind === 'unknown') return null;
		const stream = this.summary.streams[id];
		const times = this.summary.kind === 'har' ? harTimes(this.sockets[id]) : this.times;
		const talk = conversation(c, stream.kind, times);
		const result: StreamConversation = {
			stream,
			source: this.summary.kind,
			toServer: talk.toServer,
			toClient: talk.toClient,
			items: talk.items
		};
		this.cache.set(id, result);
		return result;
	}

	/**
	 * Stream `id`'s bytes each way as they were sent, up to each direction's first hole, for saving it
	 * (copies: asked of the worker, they must not carry the whole file across with them).
	 */
	writes(id: number): SavedWrite[] | null {
		const c = this.connections[id];
		return c ? writesOf(c).map((w) => ({ ...w, bytes: w.bytes.slice() })) : null;
	}
}

function summarize(c: TcpConnection, kind: StreamKind): StreamSummary {
	const direction = (d: TcpConnection['toServer']): DirectionSummary => ({
		bytes: d.length,
		captured: d.captured,
		gaps: d.pieces.filter((p) => p.kind === 'gap').length
	});
	return {
		id: c.id,
		client: c.client,
		server: c.server,
		synSeen: c.synSeen,
		firstTime: c.firstTime,
		lastTime: c.lastTime,
		packets: c.packets.length,
		toServer: direction(c.toServer),
		toClient: direction(c.toClient),
		kind,
		notes: c.toServer.notes.length + c.toClient.notes.length
	};
}

/** Both directions' captured bytes up to their first hole, in the order they were sent. */
function writesOf(c: TcpConnection): SavedWrite[] {
	const writes: (SavedWrite & { packet: number })[] = [];
	for (const [from, d] of [
		['client', c.toServer],
		['server', c.toClient]
	] as const) {
		for (const p of d.pieces) {
			if (p.kind === 'gap') break;
			writes.push({ from, bytes: p.bytes, time: p.time, packet: p.packet });
		}
	}
	writes.sort((a, b) => a.packet - b.packet);
	return writes.map(({ from, bytes, time }) => ({ from, bytes, time }));
}

// ---- HAR ----------------------------------------------------------------------------------------

/** A HAR entry with a handshake in its headers reads as WebSocket; without, as frames alone. */
function kindOfHar(s: HarWebSocket): StreamKind {
	return s.requestHeaders.length > 0 && s.status === 101 ? 'websocket' : 'websocket-frames';
}

/** Seconds (a HAR's times, with a fraction) as nanoseconds. */
function nanos(seconds: number): bigint {
	return BigInt(Math.round(seconds * 1e6)) * 1000n;
}

/**
 * A HAR socket as the connection that would have carried it: the request and the response heads
 * (rebuilt from the headers the HAR kept) and then each message's frame, as "packets" numbered in
 * that order: 0 the request, 1 the response, 2... the messages.
 */
function harConnection(s: HarWebSocket, id: number, random: RandomSource): TcpConnection {
	const url = safeUrl(s.url);
	const client: Endpoint = { address: 'browser', port: 0 };
	const server: Endpoint = {
		address: url?.hostname || 'server',
		port: url?.port ? Number(url.port) : url?.protocol === 'wss:' ? 443 : 80
	};
	const start = s.startedDateTime ? Date.parse(s.startedDateTime) : NaN;
	const startTime = Number.isFinite(start) ? BigInt(start) * 1_000_000n : null;
	const up: StreamPiece[] = [];
	const down: StreamPiece[] = [];
	const ends = new Map<StreamPiece[], number>([
		[up, 0],
		[down, 0]
	]);
	const put = (list: StreamPiece[], bytes: Uint8Array, packet: number, time: bigint | null) => {
		const offset = ends.get(list)!;
		list.push({ kind: 'data', offset, bytes, packet, time });
		ends.set(list, offset + bytes.length);
	};
	if (kindOfHar(s) === 'websocket') {
		const path = url ? url.pathname + url.search : '/';
		put(up, head(`GET ${path} HTTP/1.1`, s.requestHeaders), 0, startTime);
		put(down, head(`HTTP/1.1 ${s.status} Switching Protocols`, s.responseHeaders), 1, startTime);
	}
	harFrames(s, random).forEach((f, i) => {
		const time = s.messages[i].time;
		put(f.from === 'client' ? up : down, f.bytes, i + 2, time === null ? null : nanos(time));
	});
	const direction = (from: Endpoint, to: Endpoint, pieces: StreamPiece[]) => {
		const length = pieces.reduce((n, p) => n + (p.kind === 'data' ? p.bytes.length : 0), 0);
		return {
			from,
			to,
			pieces,
			notes: [],
			length,
			captured: length,
			synSeen: false,
			finSeen: false,
			rstSeen: false
		};
	};
	const times = [...up, ...down].map((p) => p.time).filter((t): t is bigint => t !== null);
	return {
		id,
		client,
		server,
		synSeen: true,
		firstTime: times.length ? times.reduce((a, b) => (a < b ? a : b)) : null,
		lastTime: times.length ? times.reduce((a, b) => (a > b ? a : b)) : null,
		packets: [...up, ...down].map((p) => (p.kind === 'data' ? p.packet : 0)).sort((a, b) => a - b),
		toServer: direction(client, server, up),
		toClient: direction(server, client, down)
	};
}

/** A HAR "packet" (see harConnection) to its time. */
function harTimes(s: HarWebSocket): (packet: number) => bigint | null {
	return (packet) => {
		const t = packet >= 2 ? s.messages[packet - 2]?.time : null;
		return t === null || t === undefined ? null : nanos(t);
	};
}

function head(startLine: string, headers: ReadonlyArray<readonly [string, string]>): Uint8Array {
	return encodeUtf8(`${startLine}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`);
}

function safeUrl(text: string): URL | null {
	try {
		return new URL(text);
	} catch {
		return null;
	}
}
