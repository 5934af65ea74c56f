/**
 * WebSocket over HTTP/2 (RFC 8441) between two engines, recorded step by step like Simulation
 * (simulation.ts) does for HTTP/1.1: each HTTP/2 frame one side writes is a sent step (its bytes,
 * the engine's annotation of them, why the engine wrote it), then a received step with what the other
 * engine made of it, then one step per WebSocket event it caused (open, message, close). The wire is
 * one FIFO for both directions, in the order frames were written.
 *
 * Every fact is the engines'. Which WebSocket frames a DATA frame carries is read off the receiving
 * WebSocket engine's own frame events (their offsets in the stream), placed against each DATA frame's
 * octets once the run is over: a WebSocket frame is only known whole when its last octet has arrived.
 */
import {
	buildClientRequest,
	buildServerResponse,
	type ConnectionEvent,
	type ConnectionState,
	type RandomSource,
	type RfcSection
} from '$lib/protocol';
import { describeHttp2Frame } from '$lib/protocol/http2/annotate';
import type { Http2Outgoing } from '$lib/protocol/http2/connection';
import { FLAGS, FRAME_TYPES, SETTINGS } from '$lib/protocol/http2/frames';
import { HpackDecoder } from '$lib/protocol/http2/hpack';
import { WebSocketOverHttp2, type H2WebSocketEvent, type H2WebSocketOptions } from '$lib/protocol/http2/websocket';
import { frameView, httpView, previewText, PREVIEW_BYTES, toArray } from './describe';
import type { ExplainParams, FrameView, Side, Step, StepKey, TunnelPiece } from './types';

type Draft = { -readonly [K in keyof Step]: Step[K] };

export interface Http2SimulationOptions {
	readonly clientRandom: RandomSource;
	readonly serverRandom: RandomSource;
	readonly client?: Partial<H2WebSocketOptions>;
	readonly server?: Partial<H2WebSocketOptions>;
	/** The server echoes every message back (as npm run server does). */
	readonly echo?: boolean;
}

interface InFlight {
	readonly from: Side;
	readonly out: Http2Outgoing;
	readonly sentAt: number;
}

/** A DATA frame's octets of the tunnel: where they sit in the frame, and in the sender's stream. */
interface DataSpan {
	readonly step: Draft;
	readonly from: Side;
	readonly at: number;
	readonly streamStart: number;
	readonly streamEnd: number;
}

/** A WebSocket frame as its receiver read it: where in the sender's stream, and what it was. */
interface TunnelFrame {
	readonly offset: number;
	readonly length: number;
	readonly view: FrameView;
}

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

export class Http2Simulation {
	readonly client: WebSocketOverHttp2;
	readonly server: WebSocketOverHttp2;
	readonly steps: Draft[] = [];
	private readonly opts: Http2SimulationOptions;
	private queue: InFlight[] = [];
	private readonly state: Record<Side, ConnectionState> = { client: 'CONNECTING', server: 'CONNECTING' };
	/** DATA octets each side has written on its stream so far. */
	private readonly written: Record<Side, number> = { client: 0, server: 0 };
	private readonly spans: DataSpan[] = [];
	/** The WebSocket frames each side sent, as the other side's engine read them. */
	private readonly tunnel: Record<Side, TunnelFrame[]> = { client: [], server: [] };

	constructor(opts: Http2SimulationOptions) {
		this.opts = opts;
		this.client = new WebSocketOverHttp2({
			// Browsers speak HTTP/2 over TLS only, so a socket over HTTP/2 is a wss:// one (:scheme https).
			uri: 'wss://server.example.com/chat',
			origin: 'https://example.com',
			...opts.client,
			role: 'client',
			random: opts.clientRandom,
			frameEvents: true
		});
		this.server = new WebSocketOverHttp2({
			...opts.server,
			role: 'server',
			random: opts.serverRandom,
			frameEvents: true
		});
		// Each side's opening (the client's preface and SETTINGS, the server's SETTINGS) goes first.
		this.collect('client');
		this.collect('server');
		this.settle();
	}

	/** Each side's WebSocket state as the steps show it. */
	shownState(side: Side): ConnectionState {
		return this.state[side];
	}

	conn(side: Side): WebSocketOverHttp2 {
		return this.engine(side);
	}

	engine(side: Side): WebSocketOverHttp2 {
		return side === 'client' ? this.client : this.server;
	}

	/** Do something on one side's WebSocket, then let every frame it caused travel and be answered. */
	act(side: Side, fn: (e: WebSocketOverHttp2) => void | H2WebSocketEvent[]): void {
		const events = fn(this.engine(side));
		if (events) for (const e of events) if (e.type === 'ws' && e.event.type === 'state') this.state[side] = e.event.to;
		this.collect(side);
		this.settle();
	}

	/** The steps, with each DATA frame's WebSocket frames placed (see the file's comment). */
	finish(): Draft[] {
		for (const span of this.spans) {
			const pieces: TunnelPiece[] = [];
			for (const f of this.tunnel[span.from]) {
				const a = Math.max(f.offset, span.streamStart);
				const b = Math.min(f.offset + f.length, span.streamEnd);
				if (a >= b) continue;
				const starts = f.offset >= span.streamStart;
				const ends = f.offset + f.length <= span.streamEnd;
				pieces.push({
					start: span.at + a - span.streamStart,
					end: span.at + b - span.streamStart,
					part: starts && ends ? 'whole' : starts ? 'start' : ends ? 'end' : 'middle',
					frame: f.view
				});
			}
			span.step.h2 = { ...span.step.h2!, inner: pieces };
		}
		return this.steps;
	}

	private settle(): void {
		for (let guard = 0; this.queue.length && guard < 500; guard++) this.deliver(this.queue.shift()!);
	}

	private push(
		step: Omit<Draft, 'index' | 'states' | 'params' | 'rfc'> & { params?: ExplainParams; rfc: RfcSection }
	): Draft {
		const d: Draft = { index: this.steps.length, states: { ...this.state }, params: {}, ...step };
		this.steps.push(d);
		return d;
	}

	/** Take what a side's engine queued and put it on the wire, a sent step each. */
	private collect(side: Side): void {
		const engine = this.engine(side);
		for (const out of engine.takeOutgoing()) {
			const { key, params } = this.explainOut(side, out, engine);
			const step = this.push({
				actor: side,
				kind: 'h2-sent',
				explainKey: key,
				params,
				rfc: out.rfc,
				bytes: toArray(out.bytes),
				h2: { frame: out.type === null ? null : this.describe(out), ...this.http1(side, out) }
			});
			if (out.type === FRAME_TYPES.DATA && out.bytes.length > 9) {
				const length = out.bytes.length - 9;
				this.spans.push({
					step,
					from: side,
					at: 9,
					streamStart: this.written[side],
					streamEnd: this.written[side] + length
				});
				this.written[side] += length;
			}
			this.queue.push({ from: side, out, sentAt: step.index });
		}
	}

	private describe(out: Http2Outgoing) {
		// Our encoder indexes only the static table, so a fresh decoder reads the block as the peer's does.
		if (out.type === FRAME_TYPES.HEADERS) {
			const r = new HpackDecoder().decode(out.bytes.subarray(9));
			if (r.ok) return describeHttp2Frame(out.bytes, r);
		}
		return describeHttp2Frame(out.bytes);
	}

	/** The same opening over HTTP/1.1, built by the engine's HTTP/1.1 handshake, to set beside HEADERS. */
	private http1(side: Side, out: Http2Outgoing) {
		if (out.type !== FRAME_TYPES.HEADERS) return {};
		// The RFC's sample key: over HTTP/1.1 a key and its Accept would be here; over HTTP/2 neither is.
		const key = 'dGhlIHNhbXBsZSBub25jZQ==';
		const bytes =
			side === 'client'
				? buildClientRequest({ uri: 'wss://server.example.com/chat', key, origin: 'https://example.com' }).bytes
				: buildServerResponse({ key });
		return { http1: httpView(bytes) };
	}

	private explainOut(
		side: Side,
		out: Http2Outgoing,
		engine: WebSocketOverHttp2
	): { key: StepKey; params: ExplainParams } {
		const role = side;
		switch (out.why) {
			case 'preface':
				return { key: 'h2.out.preface', params: {} };
			case 'settings': {
				const connect = out.settings?.find(([id]) => id === SETTINGS.ENABLE_CONNECT_PROTOCOL)?.[1] === 1;
				const window = out.settings?.find(([id]) => id === SETTINGS.INITIAL_WINDOW_SIZE)?.[1] ?? null;
				return { key: 'h2.out.settings', params: { role, connect, window } };
			}
			case 'settings-ack':
				return { key: 'h2.out.settingsAck', params: { role } };
			case 'headers': {
				const get = (n: string) => out.headers?.find(([k]) => k === n)?.[1] ?? null;
				return side === 'client'
					? { key: 'h2.out.connect', params: { path: get(':path'), authority: get(':authority') } }
					: { key: 'h2.out.status', params: { status: get(':status') } };
			}
			case 'data': {
				const octets = out.bytes.length - 9;
				if (octets === 0 && out.flags & FLAGS.END_STREAM) return { key: 'h2.out.endStream', params: { role } };
				const held = engine.h2.queuedData(out.stream);
				return held > 0
					? { key: 'h2.out.dataHeld', params: { role, octets, held } }
					: { key: 'h2.out.data', params: { role, octets, end: (out.flags & FLAGS.END_STREAM) !== 0 } };
			}
			case 'window-update':
				return { key: 'h2.out.windowUpdate', params: { role, increment: out.increment ?? 0, stream: out.stream } };
			default:
				return { key: 'h2.out.other', params: { role, why: out.why } };
		}
	}

	private deliver(item: InFlight): void {
		const to = other(item.from);
		const engine = this.engine(to);
		const events = engine.receive(item.out.bytes);
		const { key, params } = this.explainIn(to, item.out, events);
		const read = this.push({
			actor: to,
			kind: 'h2-received',
			explainKey: key,
			params,
			rfc:
				item.out.type === null
					? 'RFC 7540 §3.5'
					: (events.find((e) => e.type !== 'h2' && e.type !== 'ws')?.rfc ?? item.out.rfc),
			wire: item.sentAt
		});
		this.steps[item.sentAt].deliveredAt = read.index;
		// A server's WebSocket opens as it queues its 200: the answer is shown going out first.
		const opens = events.some((e) => e.type === 'connect-request');
		if (opens) this.collect(to);
		for (const e of events) if (e.type === 'ws') this.wsEvent(to, e.event, e.stream);
		this.collect(to);
	}

	private explainIn(
		side: Side,
		out: Http2Outgoing,
		events: H2WebSocketEvent[]
	): { key: StepKey; params: ExplainParams } {
		const role = side;
		const find = <T extends H2WebSocketEvent['type']>(t: T) =>
			events.find((e) => e.type === t) as Extract<H2WebSocketEvent, { type: T }> | undefined;
		const h2 = events.flatMap((e) => (e.type === 'h2' ? [e.event] : []));
		if (out.type === null) return { key: 'h2.ev.preface', params: { role } };
		const enabled = find('connect-enabled');
		if (enabled) return { key: 'h2.ev.settingsConnect', params: { role, enabled: enabled.enabled } };
		const request = find('connect-request');
		if (request)
			return {
				key: 'h2.ev.connect',
				params: { role, path: request.request.path, authority: request.request.authority }
			};
		const response = find('connect-response');
		if (response) return { key: 'h2.ev.status', params: { role, status: response.status } };
		for (const e of h2) {
			if (e.type === 'settings') return { key: 'h2.ev.settings', params: { role } };
			if (e.type === 'settings-ack') return { key: 'h2.ev.settingsAck', params: { role } };
			if (e.type === 'window-update')
				return {
					key: 'h2.ev.windowUpdate',
					params: { role, increment: e.increment, window: e.window, stream: e.stream }
				};
			if (e.type === 'data') {
				if (e.data.length === 0 && e.endStream) return { key: 'h2.ev.endStream', params: { role } };
				const frames = events.filter((x) => x.type === 'ws' && x.event.type === 'frame').length;
				return frames
					? { key: 'h2.ev.data', params: { role, octets: e.data.length, frames, end: e.endStream } }
					: { key: 'h2.ev.dataPartial', params: { role, octets: e.data.length } };
			}
		}
		return { key: 'h2.ev.other', params: { role } };
	}

	/** The WebSocket engine's events, as steps (open, message, close) and as the tunnel's frame map. */
	private wsEvent(side: Side, e: ConnectionEvent, stream: number): void {
		switch (e.type) {
			case 'open':
				this.state[side] = 'OPEN';
				this.push({
					actor: side,
					kind: 'state',
					explainKey: 'ev.open',
					params: { role: side, protocol: e.protocol, extensions: e.extensions.join(', ') },
					rfc: e.rfc
				});
				return;
			case 'frame':
				this.tunnel[other(side)].push({
					offset: e.frame.offset,
					length: e.frame.headerLength + e.frame.payloadLength,
					view: frameView(e.frame, e.frame.payload, e.frame.opcode === 1)
				});
				return;
			case 'message':
				this.push({
					actor: side,
					kind: 'message',
					explainKey: 'ev.message',
					params: { role: side, kind: e.kind, size: e.data.length },
					rfc: e.rfc,
					message: {
						kind: e.kind,
						size: e.data.length,
						preview: toArray(e.data.subarray(0, PREVIEW_BYTES)),
						...(e.kind === 'text' ? { text: previewText(e.data) } : {}),
						frameCount: e.frameCount,
						compressed: e.compressed
					}
				});
				if (this.opts.echo && side === 'server' && this.server.socket(stream)?.state === 'OPEN')
					this.server.sendMessage(e.kind === 'text' ? 1 : 2, e.data, stream);
				return;
			case 'close-received':
				this.push({
					actor: side,
					kind: 'close',
					explainKey: 'ev.closeReceived',
					params: { role: side, code: e.code, first: e.first },
					rfc: e.rfc
				});
				return;
			case 'state':
				this.state[side] = e.to;
				return;
			case 'closed':
				this.state[side] = 'CLOSED';
				this.push({
					actor: side,
					kind: 'state',
					explainKey: e.wasClean ? 'h2.ev.wsClosed' : 'ev.closed.eof',
					params: { role: side, code: e.code },
					rfc: 'RFC 8441 §5',
					closed: { code: e.code, wasClean: e.wasClean, sentCode: e.sentCode }
				});
				return;
		}
	}
}
