/**
 * Two engines over a simulated wire, recorded step by step (like h11's ConnectionPair, which runs
 * a client and a server against each other in memory). Each transfer is: the sender's outgoing
 * record -> a sent step (with its exact bytes and annotations) -> receiver.receive(bytes) -> one
 * step per event. The wire is a FIFO, so bytes arrive in the order they were written, and once a
 * side closes TCP (RFC 6455 §7.1.1) what the other side writes afterwards is never read.
 */

import {
	acceptSteps, annotateFrame, closeCodeInfo, Connection, maskSteps, Opcode, PERMESSAGE_DEFLATE, readHead, serializeHead, WEBSOCKET_GUID,
	type ConnectionEvent, type ConnectionOptions, type ConnectionState, type DecodedFrame, type Outgoing, type RandomSource
} from '../protocol';
import { classify, type DeflatedMessage, type Meta } from './classify';
import { deflateFields, deflateView, frameView, hasDeflate, headerOf, httpView, PREVIEW_BYTES, previewText, toArray, wireBytes } from './describe';
import { runnerRfc, runnerText } from './text';
import type { AcceptPhase, AcceptView, ExplainParams, ReassemblyView, Side, Step } from './types';

/** An explanation a scenario gives for something it did by hand (a malformed frame, an odd request). */
export interface Note {
	readonly explainKey: string;
	readonly explain: string;
	readonly params?: ExplainParams;
	readonly rfc?: string;
}

export interface SimulationOptions {
	/** 'full' shows each stage of the Accept computation as its own step; 'none' starts OPEN. */
	readonly handshake: 'full' | 'brief' | 'none';
	readonly client?: Omit<Partial<ConnectionOptions>, 'role' | 'random'>;
	readonly server?: Omit<Partial<ConnectionOptions>, 'role' | 'random'>;
	readonly clientRandom: RandomSource;
	readonly serverRandom: RandomSource;
	/** Edit the client's request before it leaves (a client that breaks the rules). */
	readonly rewriteRequest?: { readonly fields: (f: [string, string][]) => [string, string][]; readonly note: Note };
}

type InFlight =
	| { readonly from: Side; readonly eof: false; readonly bytes: Uint8Array; readonly sentAt: number; readonly meta: Meta; readonly frame: boolean }
	| { readonly from: Side; readonly eof: true };

type Draft = { -readonly [K in keyof Step]: Step[K] };
type StepInput = Omit<Draft, 'index' | 'states' | 'explain' | 'rfc' | 'params'> & { explain?: string; rfc?: string; params?: ExplainParams };

/** Mask steps shown one byte at a time; longer payloads finish in one more step. */
const MASK_BYTE_STEPS = 12;

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

export class Simulation {
	readonly client: Connection;
	readonly server: Connection;
	readonly steps: Draft[] = [];
	/** States the trace shows, which must agree with the engines' own after every settle(). */
	readonly mismatches: string[] = [];
	private readonly opts: SimulationOptions;
	private shown: Record<Side, ConnectionState>;
	private queue: InFlight[] = [];
	private tcpClosedBy: Side | null = null;
	private deferred: Record<Side, ConnectionEvent[]> = { client: [], server: [] };
	private lastEvents: Record<Side, ConnectionEvent[]> = { client: [], server: [] };
	private meta = new Map<Outgoing, Meta>();
	private notes: Record<Side, { note: Note | null; maskDetail: boolean } | null> = { client: null, server: null };
	/** Messages each side's application received, for scenarios that answer them (an echo server). */
	readonly received: Record<Side, { kind: 'text' | 'binary'; data: Uint8Array }[]> = { client: [], server: [] };
	private sentClose: Record<Side, boolean> = { client: false, server: false };
	private receivedClose: Record<Side, boolean> = { client: false, server: false };
	private failed: Record<Side, boolean> = { client: false, server: false };
	private opened: Record<Side, boolean>;
	private sendingText: Record<Side, boolean> = { client: false, server: false };
	private receivingText: Record<Side, boolean> = { client: false, server: false };
	private buffers: Record<Side, ReassemblyView | null> = { client: null, server: null };
	private lastFrame: Record<Side, DecodedFrame | null> = { client: null, server: null };
	/** Frame bytes each side has read so far: the decoder's stream offsets count from here. */
	private streamPos: Record<Side, number> = { client: 0, server: 0 };
	private frameStart = 0;
	/** Each side's last compressed message (permessage-deflate), for the next one to be compared with. */
	private lastDeflated: Record<Side, DeflatedMessage | null> = { client: null, server: null };

	constructor(opts: SimulationOptions) {
		this.opts = opts;
		const common = { frameEvents: true, skipHandshake: opts.handshake === 'none' };
		this.client = new Connection({
			uri: 'ws://server.example.com/chat', origin: 'http://example.com', ...opts.client, ...common,
			role: 'client', random: opts.clientRandom
		});
		this.server = new Connection({ ...opts.server, ...common, role: 'server', random: opts.serverRandom });
		this.shown = { client: this.client.state, server: this.server.state };
		this.opened = { client: this.client.state === 'OPEN', server: this.server.state === 'OPEN' };
	}

	conn(side: Side): Connection {
		return side === 'client' ? this.client : this.server;
	}

	/**
	 * Do something on one side, then let every byte it caused travel and be answered. `note`
	 * explains a frame written by hand; `maskDetail` shows the masking XOR byte by byte.
	 */
	act(side: Side, fn: (c: Connection) => void, opts: { note?: Note; maskDetail?: boolean } = {}): void {
		this.notes[side] = opts.note || opts.maskDetail ? { note: opts.note ?? null, maskDetail: !!opts.maskDetail } : null;
		fn(this.conn(side));
		this.settle();
		this.notes[side] = null;
	}

	/** Take what one side queued without sending it yet, to send its pieces in a chosen order. */
	take(side: Side): Outgoing[] {
		const recs = this.conn(side).takeOutgoing();
		const ctx = { note: this.notes[side]?.note ?? null, maskDetail: !!this.notes[side]?.maskDetail,
			lastEvents: this.lastEvents[side], receivedClose: this.receivedClose[side], serverEvents: this.lastEvents.server,
			deflate: hasDeflate(this.conn(side).extensions) };
		for (const [i, r] of recs.entries()) {
			const meta = classify(side, r, recs, i, { ...ctx, previous: this.lastDeflated[side] });
			const d = meta.deflate;
			if (d?.size !== undefined && d.compressedSize !== undefined) this.lastDeflated[side] = { size: d.size, compressedSize: d.compressedSize };
			this.meta.set(r, meta);
		}
		this.notes[side] = null;
		return recs.map((r) => this.rewrite(side, r));
	}

	/** Send one record taken with take(), then settle. */
	transmit(side: Side, record: Outgoing): void {
		this.send(side, record);
		this.settle();
	}

	/** Deliver everything in flight and every answer it causes, until the wire is quiet. */
	settle(): void {
		for (let guard = 0; guard < 100_000; guard++) {
			this.flush('client');
			this.flush('server');
			const item = this.queue.shift();
			if (!item) break;
			this.deliver(item);
		}
		for (const side of ['client', 'server'] as const)
			if (this.shown[side] !== this.conn(side).state)
				this.mismatches.push(`step ${this.steps.length - 1}: ${side} shown ${this.shown[side]}, engine ${this.conn(side).state}`);
	}

	// ---- sending ------------------------------------------------------------------------------

	private flush(side: Side): void {
		for (const r of this.take(side)) this.send(side, r);
		for (const e of this.deferred[side].splice(0)) this.closedStep(side, e);
		const c = this.conn(side);
		if (!this.tcpClosedBy && c.shouldCloseTransport) {
			this.tcpClosedBy = side;
			const key = !this.opened[side] ? 'tcp.close.rejected' : this.failed[side] ? 'tcp.close.fail'
				: side === 'server' ? 'tcp.close.server' : 'tcp.close.other';
			this.push({ actor: side, kind: 'tcp-close', explainKey: key, params: { role: side } });
			this.queue.push({ from: side, eof: true });
		}
	}

	/** Scenario requests that break the rules are rewritten here, through the engine's HTTP code. */
	private rewrite(side: Side, r: Outgoing): Outgoing {
		const rw = this.opts.rewriteRequest;
		if (side !== 'client' || r.kind !== 'handshake' || !rw) return r;
		const head = readHead(r.bytes);
		if (head.kind !== 'head') return r;
		const bytes = serializeHead(head.head.startLine, rw.fields(head.head.fields.map(([n, v]) => [n, v])));
		const out: Outgoing = { kind: 'handshake', bytes, explain: rw.note.explain };
		this.meta.set(out, { key: rw.note.explainKey, params: rw.note.params ?? {}, explain: rw.note.explain, rfc: rw.note.rfc ?? 'RFC 6455 §4.1', maskDetail: false });
		return out;
	}

	private send(side: Side, r: Outgoing): void {
		const meta = this.meta.get(r) ?? { key: 'out.other', params: { role: side }, explain: r.explain, rfc: 'RFC 6455 §5.2', maskDetail: false };
		const bytes = wireBytes(r);
		const base = { actor: side, explainKey: meta.key, params: meta.params, explain: meta.explain, rfc: meta.rfc, bytes: toArray(bytes) };
		if (r.kind === 'handshake') {
			this.push({ ...base, kind: side === 'client' ? 'http-request' : 'http-response', http: httpView(bytes) });
		} else {
			const h = r.header;
			if (h.opcode === Opcode.Text) this.sendingText[side] = true;
			else if (h.opcode === Opcode.Binary) this.sendingText[side] = false;
			if (meta.maskDetail && h.maskKey && r.payload.length > 0) this.maskSteps(side, r.payload, h.maskKey);
			if (h.opcode === Opcode.Close) {
				this.sentClose[side] = true;
				if (this.shown[side] === 'OPEN') this.shown[side] = 'CLOSING';
			}
			const text = h.opcode === Opcode.Text || (h.opcode === Opcode.Continuation && this.sendingText[side]);
			// With permessage-deflate agreed, RSV1 has a meaning on every frame (RFC 7692 §6).
			const deflate = hasDeflate(this.conn(side).extensions) ? (meta.deflate ?? deflateView(h, r.payload)) : undefined;
			const fields = annotateFrame(h, 0);
			this.push({ ...base, kind: 'frame-sent', fields: deflate ? deflateFields(fields, deflate) : fields, frame: frameView(h, r.payload, text, deflate) });
		}
		this.queue.push({ from: side, eof: false, bytes, sentAt: this.steps.length - 1, meta, frame: r.kind === 'frame' });
	}

	private maskSteps(side: Side, payload: Uint8Array, key: Uint8Array): void {
		const total = payload.length;
		const steps = maskSteps(payload, key, Math.min(total, PREVIEW_BYTES));
		const k = toArray(key);
		const shownBytes = Math.min(total, MASK_BYTE_STEPS);
		for (let i = 0; i < shownBytes; i++) {
			const s = steps[i];
			this.push({ actor: side, kind: 'mask', explainKey: 'mask.byte', params: { index: i, keyIndex: s.keyIndex, input: s.input, key: s.key, output: s.output },
				mask: { direction: 'mask', key: k, steps, upTo: i, total } });
		}
		if (total > shownBytes)
			this.push({ actor: side, kind: 'mask', explainKey: 'mask.rest', params: { remaining: total - shownBytes },
				mask: { direction: 'mask', key: k, steps, upTo: steps.length - 1, total } });
	}

	// ---- receiving ----------------------------------------------------------------------------

	private deliver(item: InFlight): void {
		const to = other(item.from);
		if (item.eof) {
			this.handle(to, this.conn(to).receiveEof(), null);
			return;
		}
		const sent = this.steps[item.sentAt];
		sent.deliveredAt = this.steps.length;
		if (this.tcpClosedBy === to) {
			this.push({ actor: 'wire', kind: 'dropped', explainKey: 'wire.dropped', params: { from: item.from, to }, wire: item.sentAt });
			return;
		}
		this.frameStart = this.streamPos[to];
		if (item.frame) this.streamPos[to] += item.bytes.length;
		const events = this.conn(to).receive(item.bytes.slice());
		if (events.length === 0) {
			this.push({ actor: to, kind: 'dropped', explainKey: 'wire.ignored', params: { from: item.from, to }, wire: item.sentAt });
			return;
		}
		this.handle(to, events, item);
	}

	private handle(side: Side, events: ConnectionEvent[], item: Extract<InFlight, { eof: false }> | null): void {
		this.lastEvents[side] = events;
		const wire = item?.sentAt;
		const full = this.opts.handshake === 'full';
		for (const e of events) {
			const base = { actor: side, explain: e.explain, rfc: e.rfc, ...(wire !== undefined ? { wire } : {}) };
			switch (e.type) {
				case 'handshake-request': {
					const accept = this.acceptView('base64', e.request.key);
					const offer = e.request.extensions.some((x) => x.name.toLowerCase() === PERMESSAGE_DEFLATE) ? headerOf(e.bytes, 'Sec-WebSocket-Extensions')?.trim() : undefined;
					const read = offer === undefined ? { explainKey: 'ev.request' }
						: { explainKey: 'ev.request.deflate', params: { offer }, explain: undefined, rfc: undefined };
					this.push({ ...base, kind: 'request-read', ...read, http: httpView(e.bytes), ...(full ? {} : { accept }) });
					if (full)
						for (const phase of ['concat', 'sha1', 'base64'] as const)
							this.push({ actor: side, kind: 'accept', explainKey: `accept.${phase}`,
								params: { length: accept.concatenated.length, accept: accept.accept }, accept: { ...accept, phase } });
					break;
				}
				case 'handshake-response': {
					const received = headerOf(e.bytes, 'Sec-WebSocket-Accept')?.trim();
					const check = e.status === 101 ? { ...this.acceptView('check', this.client.handshakeKey), ...(received !== undefined ? { received } : {}) } : null;
					const accept = check ? { ...check, match: check.accept === received } : undefined;
					const failed = events.find((x) => x.type === 'handshake-failed');
					const reason = failed?.type === 'handshake-failed' ? failed.reason : '';
					// The client accepted the server's permessage-deflate answer (RFC 7692 §7.1): its own sentence.
					const agreed = !failed && hasDeflate(this.conn(side).extensions);
					this.push({ ...base, kind: 'response-read', explainKey: failed ? 'ev.response.fail' : agreed ? 'ev.response.deflate' : 'ev.response.ok',
						...(agreed ? { explain: undefined, rfc: undefined } : {}),
						params: { status: e.status, reason }, http: httpView(e.bytes), ...(accept && !full ? { accept } : {}) });
					if (accept && full)
						this.push({ actor: side, kind: 'accept', explainKey: accept.match ? 'accept.check.ok' : 'accept.check.bad', params: {}, accept });
					break;
				}
				case 'open':
					this.shown[side] = 'OPEN';
					this.opened[side] = true;
					this.push({ ...base, kind: 'state', explainKey: 'ev.open', params: { protocol: e.protocol, extensions: e.extensions.join(', ') } });
					break;
				case 'handshake-failed':
					this.shown[side] = 'CLOSED';
					this.push({ ...base, kind: 'error', explainKey: 'ev.handshakeFailed', params: { status: e.status, reason: e.reason },
						error: { code: 'HANDSHAKE_FAILED', message: e.reason, rfc: e.rfc, status: e.status } });
					break;
				case 'frame': {
					const f = e.frame;
					if (f.opcode === Opcode.Text) this.receivingText[side] = true;
					else if (f.opcode === Opcode.Binary) this.receivingText[side] = false;
					const text = f.opcode === Opcode.Text || (f.opcode === Opcode.Continuation && this.receivingText[side]);
					this.lastFrame[side] = f;
					const deflate = hasDeflate(this.conn(side).extensions) ? deflateView(f, f.payload) : undefined;
					const compressed = deflate?.rsv1 === 'compressed';
					this.push({ ...base, kind: 'frame-received', explainKey: compressed ? 'ev.frame.deflate' : 'ev.frame',
						...(compressed ? { explain: undefined, rfc: undefined } : {}),
						params: { opcode: f.opcode, fin: f.fin, length: f.payloadLength, masked: f.masked }, frame: frameView(f, f.payload, text, deflate) });
					if (item?.meta.maskDetail && f.maskKey && f.payloadLength > 0) {
						const masked = item.bytes.subarray(f.headerLength, f.headerLength + Math.min(f.payloadLength, PREVIEW_BYTES));
						const steps = maskSteps(masked, f.maskKey);
						this.push({ actor: side, kind: 'mask', explainKey: 'mask.unmask', params: { total: f.payloadLength },
							mask: { direction: 'unmask', key: toArray(f.maskKey), steps, upTo: steps.length - 1, total: f.payloadLength } });
					}
					break;
				}
				case 'fragment': {
					const prev = e.index === 0 ? null : this.buffers[side];
					const fr = { size: e.frame.payload.length, preview: toArray(e.frame.payload.subarray(0, PREVIEW_BYTES)),
						...(this.receivingText[side] ? { text: previewText(e.frame.payload) } : {}) };
					this.buffers[side] = { side, kind: this.receivingText[side] ? 'text' : 'binary', fragments: [...(prev?.fragments ?? []), fr], bytes: e.bufferedBytes, complete: false };
					this.push({ ...base, kind: 'fragment-buffered', explainKey: 'ev.fragment', params: { n: e.index + 1, buffered: e.bufferedBytes } });
					break;
				}
				case 'message': {
					const buf = this.buffers[side];
					const last = this.lastFrame[side];
					let reassembly: ReassemblyView | undefined;
					const frames = e.frameCount;
					if (buf && last) {
						const fr = { size: last.payload.length, preview: toArray(last.payload.subarray(0, PREVIEW_BYTES)), ...(e.text !== undefined ? { text: previewText(last.payload) } : {}) };
						reassembly = { ...buf, fragments: [...buf.fragments, fr], bytes: e.data.length, complete: true, ...(e.text !== undefined ? { text: previewText(e.data) } : {}) };
					}
					this.buffers[side] = null;
					this.received[side].push({ kind: e.kind, data: e.data });
					// Inflated with a window that held earlier messages? Only a one-frame message is walked whole.
					const takeover = e.compressed && frames === 1 && last !== null && (deflateView(last, last.payload).reachesBack ?? 0) > 0;
					this.push({ ...base, kind: 'message', explainKey: e.compressed ? 'ev.message.inflated' : 'ev.message',
						...(e.compressed ? { explain: undefined, rfc: undefined } : {}),
						params: { kind: e.kind, size: e.data.length, frames, compressed: e.compressed, compressedSize: e.compressedSize ?? null,
							...(e.compressed ? { role: side, takeover } : {}) },
						message: { kind: e.kind, size: e.data.length, preview: toArray(e.data.subarray(0, PREVIEW_BYTES)), frameCount: frames, compressed: e.compressed,
							...(e.text !== undefined ? { text: previewText(e.data) } : {}), ...(e.compressedSize !== undefined ? { compressedSize: e.compressedSize } : {}) },
						...(reassembly ? { reassembly } : {}) });
					break;
				}
				case 'ping':
					this.push({ ...base, kind: 'ping', explainKey: 'ev.ping', params: { answer: this.shown[side] === 'OPEN', size: e.payload.length } });
					break;
				case 'pong':
					this.push({ ...base, kind: 'pong', explainKey: 'ev.pong', params: { size: e.payload.length } });
					break;
				case 'close-received': {
					const first = !this.sentClose[side];
					this.receivedClose[side] = true;
					if (this.shown[side] === 'OPEN') this.shown[side] = 'CLOSING';
					this.push({ ...base, kind: 'close', explainKey: 'ev.closeReceived',
						params: { code: e.code, name: e.code === null ? '' : closeCodeInfo(e.code).name, reason: e.reason, first } });
					break;
				}
				case 'protocol-error':
					this.failed[side] = true;
					this.push({ ...base, kind: 'error', explainKey: 'ev.protocolError', params: { code: e.error.code, closeCode: e.error.closeCode, detail: e.error.detail ?? '' },
						error: { code: e.error.code, message: e.error.message, rfc: e.error.rfc, closeCode: e.error.closeCode, closeName: closeCodeInfo(e.error.closeCode).name,
							...(e.error.detail !== undefined ? { detail: e.error.detail } : {}), ...(e.error.offset !== undefined ? { offset: e.error.offset } : {}),
							...(item && e.error.offset !== undefined && e.error.offset - this.frameStart >= 0 && e.error.offset - this.frameStart < item.bytes.length
								? { byte: e.error.offset - this.frameStart } : {}) } });
					break;
				case 'closed':
					// Shown after the answers this receive queued (a close reply is written before the end).
					if (item) this.deferred[side].push(e);
					else this.closedStep(side, e, true);
					break;
			}
		}
	}

	private closedStep(side: Side, e: ConnectionEvent, eof = false): void {
		if (e.type !== 'closed') return;
		this.shown[side] = 'CLOSED';
		const variant = e.wasClean ? 'clean' : eof ? 'eof' : 'failed';
		this.push({ actor: side, kind: 'state', explainKey: `ev.closed.${variant}`, explain: e.explain, rfc: e.rfc,
			params: { role: side, code: e.code, sentCode: e.sentCode, name: e.sentCode === null ? '' : closeCodeInfo(e.sentCode).name },
			closed: { code: e.code, wasClean: e.wasClean, sentCode: e.sentCode } });
	}

	private acceptView(phase: AcceptPhase, key: string): AcceptView {
		const a = acceptSteps(key);
		return { phase, key: a.key, guid: WEBSOCKET_GUID, concatenated: a.concatenated, digest: toArray(a.digest), accept: a.accept };
	}

	private push(s: StepInput): void {
		const params = s.params ?? {};
		const step: Draft = {
			...s,
			index: this.steps.length,
			params,
			explain: s.explain ?? runnerText[s.explainKey]?.(params) ?? '',
			rfc: s.rfc ?? runnerRfc[s.explainKey] ?? 'RFC 6455',
			states: { client: this.shown.client, server: this.shown.server }
		};
		// While a fragmented message is open, every step shows its buffer (the picture stays whole).
		const open = this.buffers.client ?? this.buffers.server;
		if (!step.reassembly && open) step.reassembly = open;
		this.steps.push(step);
	}
}
