/**
 * Two engines over a simulated wire, recorded step by step (like h11's ConnectionPair, which runs a
 * client and a server against each other in memory). Each transfer is: the sender's outgoing record
 * -> a sent step (its exact bytes, its annotations, and why the engine sent it) -> receiver.receive(
 * bytes) -> one step per event. The wire is a FIFO, so bytes arrive in the order they were written,
 * and once a side closes TCP (RFC 6455 §7.1.1) what the other side writes afterwards is never read.
 *
 * Every fact on a step is the engines': why a frame went out is its Outgoing.why, each side's state
 * is the last state event that side reported. One choice is the simulation's own, the order of the
 * steps: a change to CLOSED (and the `closed` event) is shown after the bytes the engine queued on
 * its way there (a close reply, a failing close frame, a refusal) are on the wire.
 */

import {
	acceptSteps,
	annotateFrame,
	Connection,
	formatExtension,
	header,
	maskSteps,
	Opcode,
	parseExtensions,
	PERMESSAGE_DEFLATE,
	readHead,
	serializeHead,
	WEBSOCKET_GUID,
	type ConnectionEvent,
	type ConnectionOptions,
	type ConnectionState,
	type DecodedFrame,
	type Ending,
	type Outgoing,
	type RandomSource,
	type RfcSection
} from '$lib/protocol';
import {
	deflateView,
	frameView,
	hasDeflate,
	httpView,
	PREVIEW_BYTES,
	previewText,
	toArray,
	wireBytes
} from './describe';
import type { AcceptPhase, AcceptView, DeflateView, ExplainParams, ReassemblyView, Side, Step, StepKey } from './types';

/** An explanation a scenario gives for something it did by hand (a malformed frame, an odd request). */
export interface Note {
	readonly explainKey: StepKey;
	readonly params?: ExplainParams;
	readonly rfc?: RfcSection;
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

/** How a sent step is explained. */
interface Meta {
	readonly key: StepKey;
	readonly params: ExplainParams;
	readonly rfc: RfcSection;
	readonly maskDetail: boolean;
	/** For a frame of a connection with permessage-deflate agreed: what RSV1 means, and the DEFLATE data. */
	readonly deflate?: DeflateView;
}

type InFlight =
	| {
			readonly from: Side;
			readonly eof: false;
			readonly bytes: Uint8Array;
			readonly sentAt: number;
			readonly meta: Meta;
	  }
	| { readonly from: Side; readonly eof: true };

type Draft = { -readonly [K in keyof Step]: Step[K] };
type StepInput = Omit<Draft, 'index' | 'states' | 'rfc' | 'params'> & { rfc?: RfcSection; params?: ExplainParams };

/** Mask steps shown one byte at a time; longer payloads finish in one more step. */
const MASK_BYTE_STEPS = 12;

/** Where each runner step's rule comes from (the engine's events and records carry their own). */
const RUNNER_RFC: Partial<Record<StepKey, RfcSection>> = {
	'accept.concat': 'RFC 6455 §4.2.2',
	'accept.sha1': 'RFC 6455 §4.2.2',
	'accept.base64': 'RFC 6455 §4.2.2',
	'accept.check.ok': 'RFC 6455 §4.1',
	'accept.check.bad': 'RFC 6455 §4.1',
	'mask.byte': 'RFC 6455 §5.3',
	'mask.rest': 'RFC 6455 §5.3',
	'mask.unmask': 'RFC 6455 §5.3',
	'tcp.close.server': 'RFC 6455 §7.1.1',
	'tcp.close.fail': 'RFC 6455 §7.1.7',
	'tcp.close.rejected': 'RFC 6455 §4.2.2',
	'tcp.close.other': 'RFC 6455 §7.1.1',
	'wire.dropped': 'RFC 6455 §7.1.7',
	'wire.ignored': 'RFC 6455 §7.1.4'
};

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

/** The last compressed message a side sent, to compare the next one with. */
interface Deflated {
	readonly size: number;
	readonly compressedSize: number;
}

export class Simulation {
	readonly client: Connection;
	readonly server: Connection;
	readonly steps: Draft[] = [];
	private readonly opts: SimulationOptions;
	/** Each side's state as its engine last reported it (a state event), for the steps to show. */
	private readonly state: Record<Side, ConnectionState>;
	private queue: InFlight[] = [];
	private tcpClosedBy: Side | null = null;
	/** Changes to CLOSED and `closed` events, shown once the bytes queued before them are out. */
	private deferred: Record<Side, ConnectionEvent[]> = { client: [], server: [] };
	private meta = new Map<Outgoing, Meta>();
	private notes: Record<Side, { note: Note | null; maskDetail: boolean } | null> = { client: null, server: null };
	/** Messages each side's application received, for scenarios that answer them (an echo server). */
	readonly received: Record<Side, { kind: 'text' | 'binary'; data: Uint8Array }[]> = { client: [], server: [] };
	/** How each side's connection ended, once it did (its `closed` event, or a refused handshake). */
	private ending: Record<Side, Ending | null> = { client: null, server: null };
	private sendingText: Record<Side, boolean> = { client: false, server: false };
	private receivingText: Record<Side, boolean> = { client: false, server: false };
	private buffers: Record<Side, ReassemblyView | null> = { client: null, server: null };
	private lastFrame: Record<Side, DecodedFrame | null> = { client: null, server: null };
	/** Bytes each side has read so far (its reader's stream offsets count from its first byte). */
	private streamPos: Record<Side, number> = { client: 0, server: 0 };
	private frameStart = 0;
	/** Each side's last compressed message (permessage-deflate), for the next one to be compared with. */
	private lastDeflated: Record<Side, Deflated | null> = { client: null, server: null };

	constructor(opts: SimulationOptions) {
		this.opts = opts;
		const common = { frameEvents: true, skipHandshake: opts.handshake === 'none' };
		this.client = new Connection({
			uri: 'ws://server.example.com/chat',
			origin: 'http://example.com',
			...opts.client,
			...common,
			role: 'client',
			random: opts.clientRandom
		});
		this.server = new Connection({ ...opts.server, ...common, role: 'server', random: opts.serverRandom });
		this.state = { client: this.client.state, server: this.server.state };
	}

	conn(side: Side): Connection {
		return side === 'client' ? this.client : this.server;
	}

	/** Each side's state as the steps show it (which, once the wire is quiet, is the engine's). */
	shownState(side: Side): ConnectionState {
		return this.state[side];
	}

	/**
	 * Do something on one side, then let every byte it caused travel and be answered. `fn` may hand
	 * back the events its call reported (close(), fail()). `note` explains a frame written by hand;
	 * `maskDetail` shows the masking XOR byte by byte.
	 */
	act(
		side: Side,
		fn: (c: Connection) => void | ConnectionEvent[],
		opts: { note?: Note; maskDetail?: boolean } = {}
	): void {
		this.notes[side] = opts.note || opts.maskDetail ? { note: opts.note ?? null, maskDetail: !!opts.maskDetail } : null;
		const events = fn(this.conn(side));
		if (events) for (const e of events) if (e.type === 'state') this.applyState(side, e, null);
		this.settle();
		this.notes[side] = null;
	}

	/** Take what one side queued without sending it yet, to send its pieces in a chosen order. */
	take(side: Side): Outgoing[] {
		const recs = this.conn(side).takeOutgoing();
		for (const r of recs) this.meta.set(r, this.explainOutgoing(side, r));
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
	}

	// ---- why each piece went out -----------------------------------------------------------------

	/** The step an outgoing record gets: its key from the engine's reason, its parameters from the record. */
	private explainOutgoing(side: Side, r: Outgoing): Meta {
		const note = this.notes[side]?.note ?? null;
		const maskDetail = !!this.notes[side]?.maskDetail;
		const role = side;
		if (r.kind === 'handshake') {
			if (r.why === 'request') {
				const offer = deflateOffer(r.bytes);
				// A bare client_max_window_bits (what browsers send) says "you may limit my window" (RFC 7692 §7.1.2.2).
				if (offer)
					return {
						key: 'out.request.deflate',
						params: { offer: offer.value, windowHint: offer.params.client_max_window_bits === true },
						rfc: 'RFC 7692 §5',
						maskDetail
					};
				return { key: 'out.request', params: {}, rfc: r.rfc, maskDetail };
			}
			if (r.why === 'refuse')
				return {
					key: 'out.reject',
					params: { status: r.status ?? null, problem: r.problem ? { of: 'request', ...r.problem } : null },
					rfc: r.rfc,
					maskDetail
				};
			const agreed = this.conn(side).extensions.find((e) => e.toLowerCase().startsWith(PERMESSAGE_DEFLATE));
			if (agreed !== undefined)
				return {
					key: 'out.response.deflate',
					params: { extensions: agreed, noParams: agreed.toLowerCase() === PERMESSAGE_DEFLATE },
					rfc: 'RFC 7692 §7.1',
					maskDetail
				};
			return { key: 'out.response', params: {}, rfc: r.rfc, maskDetail };
		}
		const h = r.header;
		const deflate = hasDeflate(this.conn(side).extensions) ? deflateView(h, r.payload) : undefined;
		const base = { maskDetail, ...(deflate ? { deflate } : {}) };
		if (note) return { ...base, key: note.explainKey, params: note.params ?? {}, rfc: note.rfc ?? r.rfc };
		switch (r.why) {
			case 'message': {
				const m = r.message!;
				if (deflate?.size !== undefined)
					return { ...base, ...this.deflatedMessage(side, m.kind, deflate, r.payload.length) };
				if (m.fragments === 1)
					return {
						...base,
						key: 'out.message',
						params: { role, kind: m.kind, size: m.size, compressed: h.rsv1 },
						rfc: r.rfc
					};
				if (m.fragment === 0)
					return { ...base, key: 'out.fragmentFirst', params: { role, kind: m.kind, count: m.fragments }, rfc: r.rfc };
				return {
					...base,
					key: m.fragment === m.fragments - 1 ? 'out.fragmentLast' : 'out.fragmentMiddle',
					params: { role, n: m.fragment + 1 },
					rfc: r.rfc
				};
			}
			case 'ping':
				return { ...base, key: 'out.ping', params: { role }, rfc: r.rfc };
			case 'pong':
				return { ...base, key: 'out.pong', params: { role }, rfc: r.rfc };
			case 'auto-pong':
				return { ...base, key: 'out.autopong', params: { role }, rfc: r.rfc };
			case 'close':
				return { ...base, key: 'out.close', params: { role, code: r.close?.code ?? null }, rfc: r.rfc };
			case 'close-reply':
				return { ...base, key: 'out.closeAnswer', params: { role, code: r.close?.code ?? null }, rfc: r.rfc };
			case 'fail':
				return {
					...base,
					key: 'out.fail',
					params: { role, code: r.close?.code ?? null, cause: r.cause ?? null },
					rfc: r.rfc
				};
			case 'custom':
				return { ...base, key: 'out.custom', params: { role }, rfc: r.rfc };
		}
	}

	/**
	 * A compressed message in one frame: its DEFLATE data as the engine's walkDeflate reads it. One
	 * back-reference as long as the message, reaching exactly its length back, right after a message
	 * of that length: the bytes are the previous message's, copied (RFC 7692 §7.2.3.2).
	 */
	private deflatedMessage(
		side: Side,
		kind: 'text' | 'binary',
		d: DeflateView,
		wire: number
	): Pick<Meta, 'key' | 'params' | 'rfc'> {
		const size = d.size ?? 0;
		const compressedSize = d.compressedSize ?? wire;
		const params = {
			role: side,
			kind,
			size,
			compressedSize,
			literals: d.literals ?? 0,
			matches: d.matches ?? 0,
			reachesBack: d.reachesBack ?? 0
		};
		const prev = this.lastDeflated[side];
		this.lastDeflated[side] = { size, compressedSize };
		if (!d.reachesBack) return { key: 'out.deflate', params, rfc: 'RFC 7692 §7.2.1' };
		// The same message again, rebuilt from references alone: zlib copies it back in a few pieces.
		const copy = params.literals === 0 && prev?.size === size;
		return {
			key: 'out.deflate.takeover',
			params: { ...params, copy, previousSize: prev?.size ?? null, previousCompressed: prev?.compressedSize ?? null },
			rfc: 'RFC 7692 §7.1.1'
		};
	}

	// ---- sending ------------------------------------------------------------------------------

	private flush(side: Side): void {
		for (const r of this.take(side)) this.send(side, r);
		for (const e of this.deferred[side].splice(0)) {
			if (e.type === 'state') this.state[side] = e.to;
			else this.closedStep(side, e);
		}
		const c = this.conn(side);
		if (!this.tcpClosedBy && c.shouldCloseTransport) {
			this.tcpClosedBy = side;
			const ending = this.ending[side];
			const key: StepKey =
				ending === 'refused'
					? 'tcp.close.rejected'
					: ending === 'failed'
						? 'tcp.close.fail'
						: side === 'server'
							? 'tcp.close.server'
							: 'tcp.close.other';
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
		const out: Outgoing = { ...r, bytes };
		this.meta.set(out, {
			key: rw.note.explainKey,
			params: rw.note.params ?? {},
			rfc: rw.note.rfc ?? 'RFC 6455 §4.1',
			maskDetail: false
		});
		return out;
	}

	private send(side: Side, r: Outgoing): void {
		const meta = this.meta.get(r) ?? this.explainOutgoing(side, r);
		const bytes = wireBytes(r);
		const base = { actor: side, explainKey: meta.key, params: meta.params, rfc: meta.rfc, bytes: toArray(bytes) };
		if (r.kind === 'handshake') {
			this.push({ ...base, kind: side === 'client' ? 'http-request' : 'http-response', http: httpView(bytes) });
		} else {
			const h = r.header;
			if (h.opcode === Opcode.Text) this.sendingText[side] = true;
			else if (h.opcode === Opcode.Binary) this.sendingText[side] = false;
			if (meta.maskDetail && h.maskKey && r.payload.length > 0) this.maskSteps(side, r.payload, h.maskKey);
			const text = h.opcode === Opcode.Text || (h.opcode === Opcode.Continuation && this.sendingText[side]);
			// With permessage-deflate agreed, RSV1 has a meaning on every frame (RFC 7692 §6).
			const agreed = hasDeflate(this.conn(side).extensions);
			const deflate = agreed ? (meta.deflate ?? deflateView(h, r.payload)) : undefined;
			this.push({
				...base,
				kind: 'frame-sent',
				fields: annotateFrame(h, 0, { deflate: agreed }),
				frame: frameView(h, r.payload, text, deflate)
			});
		}
		this.queue.push({ from: side, eof: false, bytes, sentAt: this.steps.length - 1, meta });
	}

	private maskSteps(side: Side, payload: Uint8Array, key: Uint8Array): void {
		const total = payload.length;
		const steps = maskSteps(payload, key, Math.min(total, PREVIEW_BYTES));
		const k = toArray(key);
		const shownBytes = Math.min(total, MASK_BYTE_STEPS);
		for (let i = 0; i < shownBytes; i++) {
			const s = steps[i];
			this.push({
				actor: side,
				kind: 'mask',
				explainKey: 'mask.byte',
				params: { index: i, keyIndex: s.keyIndex, input: s.input, key: s.key, output: s.output },
				mask: { direction: 'mask', key: k, steps, upTo: i, total }
			});
		}
		if (total > shownBytes)
			this.push({
				actor: side,
				kind: 'mask',
				explainKey: 'mask.rest',
				params: { remaining: total - shownBytes },
				mask: { direction: 'mask', key: k, steps, upTo: steps.length - 1, total }
			});
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
			this.push({
				actor: 'wire',
				kind: 'dropped',
				explainKey: 'wire.dropped',
				params: { from: item.from, to },
				wire: item.sentAt
			});
			return;
		}
		this.frameStart = this.streamPos[to];
		this.streamPos[to] += item.bytes.length;
		const events = this.conn(to).receive(item.bytes.slice());
		if (events.length === 0) {
			this.push({
				actor: to,
				kind: 'dropped',
				explainKey: 'wire.ignored',
				params: { from: item.from, to },
				wire: item.sentAt
			});
			return;
		}
		this.handle(to, events, item);
	}

	/** A state event: shown now, or (a change to CLOSED that queued bytes on its way) after those bytes. */
	private applyState(side: Side, e: Extract<ConnectionEvent, { type: 'state' }>, item: InFlight | null): void {
		if (e.to === 'CLOSED' && item && this.conn(side).wantsToWrite) this.deferred[side].push(e);
		else this.state[side] = e.to;
	}

	private handle(side: Side, events: ConnectionEvent[], item: Extract<InFlight, { eof: false }> | null): void {
		const wire = item?.sentAt;
		const full = this.opts.handshake === 'full';
		for (const e of events) {
			const base = { actor: side, rfc: e.rfc, ...(wire !== undefined ? { wire } : {}) };
			switch (e.type) {
				case 'state':
					this.applyState(side, e, item);
					break;
				case 'handshake-request': {
					const accept = this.acceptView('base64', e.request.key);
					const offer = e.request.extensions.find((x) => x.name.toLowerCase() === PERMESSAGE_DEFLATE);
					const read = offer
						? {
								explainKey: 'ev.request.deflate' as const,
								params: { offer: formatExtension(offer) },
								rfc: 'RFC 7692 §7.1' as const
							}
						: { explainKey: 'ev.request' as const };
					this.push({ ...base, kind: 'request-read', ...read, http: httpView(e.bytes), ...(full ? {} : { accept }) });
					if (full)
						for (const phase of ['concat', 'sha1', 'base64'] as const)
							this.push({
								actor: side,
								kind: 'accept',
								explainKey: `accept.${phase}`,
								params: { length: accept.concatenated.length, accept: accept.accept },
								accept: { ...accept, phase }
							});
					break;
				}
				case 'handshake-response': {
					const received = headerValue(e.bytes, 'Sec-WebSocket-Accept');
					const check =
						e.status === 101
							? {
									...this.acceptView('check', this.client.handshakeKey),
									...(received !== undefined ? { received } : {})
								}
							: null;
					const accept = check ? { ...check, match: check.accept === received } : undefined;
					// The client accepted the server's permessage-deflate answer (RFC 7692 §7.1): its own sentence.
					const agreed = e.accepted && hasDeflate(this.conn(side).extensions);
					const failed = events.find((x) => x.type === 'handshake-failed');
					this.push({
						...base,
						kind: 'response-read',
						explainKey: !e.accepted ? 'ev.response.fail' : agreed ? 'ev.response.deflate' : 'ev.response.ok',
						...(agreed ? { rfc: 'RFC 7692 §7.1' as const } : {}),
						params: { status: e.status, problem: failed?.type === 'handshake-failed' ? failed.problem : null },
						http: httpView(e.bytes),
						...(accept && !full ? { accept } : {})
					});
					if (accept && full)
						this.push({
							actor: side,
							kind: 'accept',
							explainKey: accept.match ? 'accept.check.ok' : 'accept.check.bad',
							params: {},
							accept
						});
					break;
				}
				case 'open':
					this.push({
						...base,
						kind: 'state',
						explainKey: 'ev.open',
						params: { protocol: e.protocol, extensions: e.extensions.join(', ') }
					});
					break;
				case 'handshake-failed':
					this.ending[side] = 'refused';
					this.push({
						...base,
						kind: 'error',
						explainKey: 'ev.handshakeFailed',
						params: { status: e.status, problem: e.problem },
						error: { kind: 'handshake', problem: e.problem, status: e.status, rfc: e.rfc }
					});
					break;
				case 'frame': {
					const f = e.frame;
					if (f.opcode === Opcode.Text) this.receivingText[side] = true;
					else if (f.opcode === Opcode.Binary) this.receivingText[side] = false;
					const text = f.opcode === Opcode.Text || (f.opcode === Opcode.Continuation && this.receivingText[side]);
					this.lastFrame[side] = f;
					const deflate = hasDeflate(this.conn(side).extensions) ? deflateView(f, f.payload) : undefined;
					const compressed = deflate?.rsv1 === 'compressed';
					this.push({
						...base,
						kind: 'frame-received',
						explainKey: compressed ? 'ev.frame.deflate' : 'ev.frame',
						...(compressed ? { rfc: 'RFC 7692 §6' as const } : {}),
						params: { opcode: f.opcode, fin: f.fin, length: f.payloadLength, masked: f.masked },
						frame: frameView(f, f.payload, text, deflate)
					});
					if (item?.meta.maskDetail && f.maskKey && f.payloadLength > 0) {
						const masked = item.bytes.subarray(
							f.headerLength,
							f.headerLength + Math.min(f.payloadLength, PREVIEW_BYTES)
						);
						const steps = maskSteps(masked, f.maskKey);
						this.push({
							actor: side,
							kind: 'mask',
							explainKey: 'mask.unmask',
							params: { total: f.payloadLength },
							mask: {
								direction: 'unmask',
								key: toArray(f.maskKey),
								steps,
								upTo: steps.length - 1,
								total: f.payloadLength
							}
						});
					}
					break;
				}
				case 'fragment': {
					const prev = e.index === 0 ? null : this.buffers[side];
					const fr = {
						size: e.frame.payload.length,
						preview: toArray(e.frame.payload.subarray(0, PREVIEW_BYTES)),
						...(this.receivingText[side] ? { text: previewText(e.frame.payload) } : {})
					};
					this.buffers[side] = {
						side,
						kind: this.receivingText[side] ? 'text' : 'binary',
						fragments: [...(prev?.fragments ?? []), fr],
						bytes: e.bufferedBytes,
						complete: false
					};
					this.push({
						...base,
						kind: 'fragment-buffered',
						explainKey: 'ev.fragment',
						params: { n: e.index + 1, buffered: e.bufferedBytes }
					});
					break;
				}
				case 'message':
					this.messageStep(side, e, base);
					break;
				case 'ping':
					this.push({
						...base,
						kind: 'ping',
						explainKey: 'ev.ping',
						params: { answer: e.answered, size: e.payload.length }
					});
					break;
				case 'pong':
					this.push({ ...base, kind: 'pong', explainKey: 'ev.pong', params: { size: e.payload.length } });
					break;
				case 'close-received':
					this.push({
						...base,
						kind: 'close',
						explainKey: 'ev.closeReceived',
						params: { code: e.code, reason: e.reason, first: e.first }
					});
					break;
				case 'protocol-error': {
					const at = e.error.offset;
					const byte =
						item && at !== undefined && at - this.frameStart >= 0 && at - this.frameStart < item.bytes.length
							? at - this.frameStart
							: undefined;
					this.push({
						...base,
						kind: 'error',
						explainKey: 'ev.protocolError',
						params: { error: e.error },
						error: {
							kind: 'protocol',
							error: e.error,
							closeCode: e.error.closeCode,
							rfc: e.error.rfc,
							...(at !== undefined ? { offset: at } : {}),
							...(byte !== undefined ? { byte } : {})
						}
					});
					break;
				}
				case 'closed':
					this.ending[side] = e.ending;
					// Shown after the answers this receive queued (a close reply is written before the end).
					if (item) this.deferred[side].push(e);
					else this.closedStep(side, e);
					break;
			}
		}
	}

	private messageStep(
		side: Side,
		e: Extract<ConnectionEvent, { type: 'message' }>,
		base: Pick<StepInput, 'actor' | 'rfc' | 'wire'>
	): void {
		const buf = this.buffers[side];
		const last = this.lastFrame[side];
		let reassembly: ReassemblyView | undefined;
		const frames = e.frameCount;
		if (buf && last) {
			const fr = {
				size: last.payload.length,
				preview: toArray(last.payload.subarray(0, PREVIEW_BYTES)),
				...(e.text !== undefined ? { text: previewText(last.payload) } : {})
			};
			reassembly = {
				...buf,
				fragments: [...buf.fragments, fr],
				bytes: e.data.length,
				complete: true,
				...(e.text !== undefined ? { text: previewText(e.data) } : {})
			};
		}
		this.buffers[side] = null;
		this.received[side].push({ kind: e.kind, data: e.data });
		// Inflated with a window that held earlier messages? Only a one-frame message is walked whole.
		const takeover =
			e.compressed && frames === 1 && last !== null && (deflateView(last, last.payload).reachesBack ?? 0) > 0;
		this.push({
			...base,
			kind: 'message',
			explainKey: e.compressed ? 'ev.message.inflated' : 'ev.message',
			...(e.compressed ? { rfc: 'RFC 7692 §7.2.2' as const } : {}),
			params: {
				kind: e.kind,
				size: e.data.length,
				frames,
				compressed: e.compressed,
				compressedSize: e.compressedSize ?? null,
				...(e.compressed ? { role: side, takeover } : {})
			},
			message: {
				kind: e.kind,
				size: e.data.length,
				preview: toArray(e.data.subarray(0, PREVIEW_BYTES)),
				frameCount: frames,
				compressed: e.compressed,
				...(e.text !== undefined ? { text: previewText(e.data) } : {}),
				...(e.compressedSize !== undefined ? { compressedSize: e.compressedSize } : {})
			},
			...(reassembly ? { reassembly } : {})
		});
	}

	private closedStep(side: Side, e: ConnectionEvent): void {
		if (e.type !== 'closed') return;
		this.state[side] = 'CLOSED';
		const variant = e.ending === 'clean' ? 'clean' : e.ending === 'transport' ? 'eof' : 'failed';
		this.push({
			actor: side,
			kind: 'state',
			explainKey: `ev.closed.${variant}`,
			rfc: e.rfc,
			params: { role: side, code: e.code, sentCode: e.sentCode },
			closed: { code: e.code, wasClean: e.wasClean, sentCode: e.sentCode }
		});
	}

	private acceptView(phase: AcceptPhase, key: string): AcceptView {
		const a = acceptSteps(key);
		return {
			phase,
			key: a.key,
			guid: WEBSOCKET_GUID,
			concatenated: a.concatenated,
			digest: toArray(a.digest),
			accept: a.accept
		};
	}

	private push(s: StepInput): void {
		const step: Draft = {
			...s,
			index: this.steps.length,
			params: s.params ?? {},
			rfc: s.rfc ?? RUNNER_RFC[s.explainKey] ?? 'RFC 6455',
			states: { client: this.state.client, server: this.state.server }
		};
		// While a fragmented message is open, every step shows its buffer (the picture stays whole).
		const open = this.buffers.client ?? this.buffers.server;
		if (!step.reassembly && open) step.reassembly = open;
		this.steps.push(step);
	}
}

/** A header field of an HTTP head given as bytes (the engine's case-insensitive lookup). */
function headerValue(bytes: Uint8Array, name: string): string | undefined {
	const r = readHead(bytes);
	return r.kind === 'head' ? header(r.head.fields, name)?.trim() : undefined;
}

/** A permessage-deflate offer in a request's Sec-WebSocket-Extensions, parsed by the engine. */
function deflateOffer(bytes: Uint8Array): { value: string; params: Readonly<Record<string, string | true>> } | null {
	const value = headerValue(bytes, 'Sec-WebSocket-Extensions');
	const parsed = parseExtensions(value);
	const offer = parsed.ok ? parsed.offers.find((o) => o.name.toLowerCase() === PERMESSAGE_DEFLATE) : undefined;
	return value !== undefined && offer ? { value, params: offer.params } : null;
}
