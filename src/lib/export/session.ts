/**
 * Saving a session: the bytes each side wrote, in order, as a .pcapng file Wireshark dissects as
 * WebSocket (made-up Ethernet, IPv4 and TCP around the real bytes: src/lib/capture/synthesize.ts)
 * or as a .har in the shape Chrome's devtools export (its `_webSocketMessages`).
 *
 * A HAR holds messages, not frames: each direction is read by the decoder's analysis (the engine's
 * Reader), so a message is what the receiving application got, at the time of the write that
 * completed it, and pings, pongs, closes and fragmentation are not in it (devtools leaves them out).
 */
import { concat } from '$lib/protocol/bytes';
import { writePcapng } from '$lib/capture/pcapng-writer';
import { tcpConversation, SYNTH_SERVER } from '$lib/capture/synthesize';
import { LINKTYPE } from '$lib/capture/file';
import { analyzeStream } from '$lib/decode/analyze';
import type { HttpHeadInfo } from '$lib/decode/types';
import { base64Encode } from '$lib/protocol';

/** What one side wrote, when. */
export interface WireWrite {
	readonly from: 'client' | 'server';
	readonly bytes: Uint8Array;
	/** Nanoseconds since 1970. */
	readonly time: bigint;
	/** Said in the packet's comment (pcapng opt_comment). */
	readonly comment?: string;
}

/**
 * A session over HTTP/2 (RFC 8441): its writes are HTTP/2 frames, which the WebSocket reader cannot
 * read, so whoever made the session (the simulator's trace, from the engines) says what the HAR
 * needs: the extended CONNECT's and the answer's header lists, and the messages each side received.
 */
export interface Http2Exchange {
	readonly request: readonly (readonly [string, string])[];
	readonly response: readonly (readonly [string, string])[];
	readonly messages: readonly {
		readonly type: 'send' | 'receive';
		readonly opcode: 1 | 2;
		readonly data: string;
		readonly time: bigint;
	}[];
}

export interface WireSession {
	readonly writes: readonly WireWrite[];
	readonly http2?: Http2Exchange;
	/** The ws:// or wss:// URL, for the HAR; by default from the request's Host and target. */
	readonly url?: string;
	/** What made the file, for the file's own comment. */
	readonly description?: string;
}

export function sessionToPcapng(session: WireSession): Uint8Array {
	return writePcapng({
		interfaces: [{ linkType: LINKTYPE.ETHERNET, name: 'frame-by-frame' }],
		packets: tcpConversation({ messages: session.writes }),
		application: 'Frame by Frame',
		...(session.description ? { comment: session.description } : {})
	});
}

export interface HarMessage {
	readonly type: 'send' | 'receive';
	/** Seconds since 1970, with a fraction, as devtools writes it. */
	readonly time: number;
	/** 1 text (data as it is), 2 binary (data in base64). */
	readonly opcode: 1 | 2;
	readonly data: string;
}

interface HarHeader {
	readonly name: string;
	readonly value: string;
}

/** The HAR (1.2) of a session seen from the client, as Chrome's devtools export a WebSocket. */
export function sessionToHar(session: WireSession, creator = { name: 'Frame by Frame', version: '0.1.0' }) {
	if (session.http2) return http2Har(session, session.http2, creator);
	const side = (from: 'client' | 'server') => {
		const writes = session.writes.filter((w) => w.from === from);
		const bytes = concat(writes.map((w) => w.bytes));
		// Each byte's write, to time a message by the write that completed it.
		const ends: number[] = [];
		let at = 0;
		for (const w of writes) ends.push((at += w.bytes.length));
		const timeAt = (offset: number) =>
			writes[
				Math.max(
					0,
					ends.findIndex((end) => end > offset)
				)
			]?.time ?? 0n;
		return { analysis: analyzeStream(bytes, { role: from, deflate: 'auto' }), timeAt };
	};
	const up = side('client');
	const down = side('server');
	const request = up.analysis.handshake.find((h) => h.role === 'client');
	const response = down.analysis.handshake.find((h) => h.role === 'server');
	const messages: (HarMessage & { order: bigint })[] = [];
	for (const [type, s] of [
		['send', up],
		['receive', down]
	] as const) {
		for (const m of s.analysis.messages) {
			if ((m.kind !== 'text' && m.kind !== 'binary') || !m.complete || m.invalid) continue;
			const last = s.analysis.frames[m.frames[m.frames.length - 1]];
			const t = s.timeAt(last.offset + last.wire.length - 1);
			messages.push({
				type,
				time: seconds(t),
				opcode: m.kind === 'text' ? 1 : 2,
				data: m.kind === 'text' ? new TextDecoder().decode(m.data) : base64Encode(m.data),
				order: t
			});
		}
	}
	messages.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
	const status = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(response?.startLine ?? '');
	const [method = 'GET', target = '/', version = 'HTTP/1.1'] = (request?.startLine ?? '').split(' ');
	return harLog(session, creator, {
		request: {
			method,
			url: session.url ?? `ws://${header(request, 'host') ?? SYNTH_SERVER.address}${target}`,
			httpVersion: version,
			headers: headers(request),
			headersSize: request ? request.end - request.start : -1
		},
		response: {
			status: status ? Number(status[1]) : 0,
			statusText: status?.[2] ?? '',
			httpVersion: response?.startLine.split(' ')[0] ?? 'HTTP/1.1',
			headers: headers(response),
			headersSize: response ? response.end - response.start : -1
		},
		messages: messages.map(({ type, time, opcode, data }) => ({ type, time, opcode, data }))
	});
}

interface HarParts {
	readonly request: { method: string; url: string; httpVersion: string; headers: HarHeader[]; headersSize: number };
	readonly response: {
		status: number;
		statusText: string;
		httpVersion: string;
		headers: HarHeader[];
		headersSize: number;
	};
	readonly messages: readonly HarMessage[];
}

/** One WebSocket entry in devtools' shape, whatever HTTP version opened it. */
function harLog(session: WireSession, creator: { name: string; version: string }, parts: HarParts) {
	const started = session.writes[0]?.time ?? 0n;
	const answered = session.writes.find((w) => w.from === 'server')?.time ?? started;
	const wait = Number(answered - started) / 1e6;
	return {
		log: {
			version: '1.2',
			creator,
			pages: [],
			entries: [
				{
					startedDateTime: new Date(Number(started / 1_000_000n)).toISOString(),
					time: wait,
					request: { ...parts.request, queryString: [], cookies: [], bodySize: 0 },
					response: {
						...parts.response,
						cookies: [],
						content: { size: 0, mimeType: 'x-unknown' },
						redirectURL: '',
						bodySize: 0
					},
					cache: {},
					timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive: 0 },
					_resourceType: 'websocket',
					_webSocketMessages: parts.messages
				}
			]
		}
	};
}

/** The HAR of a WebSocket over HTTP/2, as Chrome writes one: CONNECT, :protocol among the headers, 200. */
function http2Har(session: WireSession, x: Http2Exchange, creator: { name: string; version: string }) {
	const get = (list: Http2Exchange['request'], name: string) => list.find(([n]) => n === name)?.[1];
	const scheme = get(x.request, ':scheme') === 'https' ? 'wss' : 'ws';
	const list = (l: Http2Exchange['request']) => l.map(([name, value]) => ({ name, value }));
	return harLog(session, creator, {
		request: {
			method: get(x.request, ':method') ?? 'CONNECT',
			url: session.url ?? `${scheme}://${get(x.request, ':authority') ?? ''}${get(x.request, ':path') ?? '/'}`,
			httpVersion: 'http/2.0',
			headers: list(x.request),
			headersSize: -1
		},
		response: {
			status: Number(get(x.response, ':status') ?? 0),
			statusText: '',
			httpVersion: 'http/2.0',
			headers: list(x.response),
			headersSize: -1
		},
		messages: x.messages.map(({ type, time, opcode, data }) => ({ type, time: seconds(time), opcode, data }))
	});
}

function headers(head: HttpHeadInfo | undefined): HarHeader[] {
	return head ? head.fields.map(([name, value]) => ({ name, value })) : [];
}

function header(head: HttpHeadInfo | undefined, name: string): string | undefined {
	return head?.fields.find(([n]) => n.toLowerCase() === name)?.[1];
}

function seconds(ns: bigint): number {
	return Number(ns / 1000n) / 1e6;
}
