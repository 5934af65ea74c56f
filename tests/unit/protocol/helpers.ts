/**
 * Shared helpers for the engine's unit tests: hex in and out, deterministic payloads, the decoder run
 * over any chunking, arbitraries for frames, and a client/server pair wired together in memory (like
 * h11's ConnectionPair) that checks every event is explained and cites the RFC.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import {
	Connection,
	FrameDecoder,
	encodeFrame,
	seededRandom,
	type ConnectionEvent,
	type ConnectionOptions,
	type DecodeResult,
	type DecoderOptions,
	type FrameSpec,
	type LengthForm,
	type Outgoing
} from '$lib/protocol';

/** "81 05 48 65" or "0x81 0x05" -> bytes. */
export function fromHex(text: string): Uint8Array {
	const parts = text
		.trim()
		.split(/[\s,]+/)
		.filter(Boolean)
		.map((p) => p.replace(/^0x/i, ''));
	return new Uint8Array(
		parts.map((p) => {
			if (!/^[0-9a-f]{2}$/i.test(p)) throw new Error(`bad hex byte ${p}`);
			return parseInt(p, 16);
		})
	);
}

export function toHex(bytes: Uint8Array): string {
	return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Compact hex for comparing large byte arrays quickly. */
export const hexOf = (bytes: Uint8Array): string =>
	Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');

export function expectSameBytes(actual: Uint8Array, expected: Uint8Array, what = 'bytes'): void {
	expect(actual.length, `${what}: length`).toBe(expected.length);
	expect(hexOf(actual), what).toBe(hexOf(expected));
}

export const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

/** Deterministic bytes of any size (fast-check shrinking 64 KiB arrays would be slow). */
export function pseudoBytes(n: number, seed: number): Uint8Array {
	return seededRandom(seed + 1)(n);
}

/** Split `bytes` at the given cut points (any numbers; taken modulo the length, sorted, deduplicated). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
	if (bytes.length === 0) return [bytes];
	const points = [...new Set(cuts.map((c) => c % bytes.length))].filter((c) => c > 0).sort((a, b) => a - b);
	const out: Uint8Array[] = [];
	let prev = 0;
	for (const p of points) {
		out.push(bytes.subarray(prev, p));
		prev = p;
	}
	out.push(bytes.subarray(prev));
	return out;
}

export function oneByteAtATime(bytes: Uint8Array): Uint8Array[] {
	return Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
}

/** A decode result as plain data, so runs over different chunkings compare with toEqual. */
export function plain(r: DecodeResult): unknown {
	if (r.type === 'error') {
		const h = r.header ? { ...r.header, maskKey: r.header.maskKey ? [...r.header.maskKey] : null } : undefined;
		return { type: 'error', frameOffset: r.frameOffset, error: r.error, header: h };
	}
	const { payload, maskKey, ...rest } = r.frame;
	// Hex, not an array: comparing 64 KiB payloads element by element is slow.
	return { type: 'frame', ...rest, maskKey: maskKey ? [...maskKey] : null, payload: hexOf(payload) };
}

/** Decode the chunks (each copied: the decoder may unmask in place) and return plain results. */
export function decodeChunks(chunks: readonly Uint8Array[], opts: DecoderOptions = { onError: 'continue' }): unknown[] {
	const d = new FrameDecoder(opts);
	const out: unknown[] = [];
	for (const c of chunks) for (const r of d.push(c.slice())) out.push(plain(r));
	return out;
}

export function decodeOne(bytes: Uint8Array, opts: DecoderOptions = { onError: 'continue' }): DecodeResult[] {
	return new FrameDecoder(opts).push(bytes.slice());
}

// ---- arbitraries ---------------------------------------------------------------------------------

/** Payload sizes around every length-form boundary (RFC 6455 §5.2), plus small arbitrary ones. */
export const payloadLengthArb = fc.oneof(
	{ weight: 3, arbitrary: fc.integer({ min: 0, max: 300 }) },
	{ weight: 1, arbitrary: fc.constantFrom(0, 1, 124, 125, 126, 127, 65535, 65536) }
);

/** Any frame the encoder can write: any opcode 0-15, any bits, masked or not, any legal length form. */
export function frameSpecArb(
	lengthArb: fc.Arbitrary<number> = payloadLengthArb
): fc.Arbitrary<FrameSpec & { payload: Uint8Array }> {
	return fc
		.record({
			opcode: fc.integer({ min: 0, max: 15 }),
			fin: fc.boolean(),
			rsv1: fc.boolean(),
			rsv2: fc.boolean(),
			rsv3: fc.boolean(),
			mask: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: null }),
			length: lengthArb,
			seed: fc.nat(),
			/** 0: minimal form; otherwise force a larger (non-minimal) one when it fits. */
			forceForm: fc.constantFrom<0 | LengthForm>(0, 0, 16, 64)
		})
		.map(({ length, seed, forceForm, ...rest }) => {
			const lengthForm: LengthForm | undefined =
				forceForm === 0 ? undefined : forceForm === 16 && length > 0xffff ? 64 : forceForm;
			return { ...rest, payload: pseudoBytes(length, seed), ...(lengthForm ? { lengthForm } : {}) };
		});
}

export const encode = (spec: FrameSpec): Uint8Array => encodeFrame(spec);

/**
 * Any Unicode scalar values: ASCII, the rest of the BMP around the surrogates, astral planes.
 * (fast-check's own { unit: 'binary' } strings are correct but about 100 times slower to generate.)
 */
const codePointArb = fc.oneof(
	fc.integer({ min: 0, max: 0x7f }),
	fc.integer({ min: 0x80, max: 0xd7ff }),
	fc.integer({ min: 0xe000, max: 0xffff }),
	fc.integer({ min: 0x10000, max: 0x10ffff })
);
export function unicodeArb(maxLength: number): fc.Arbitrary<string> {
	return fc.array(codePointArb, { maxLength }).map((cps) => String.fromCodePoint(...cps));
}

// ---- a client and a server in memory -------------------------------------------------------------

export type Side = 'client' | 'server';

/** The event variant(s) whose `type` can be T (ping and pong share one variant). */
export type EventOf<T extends ConnectionEvent['type']> = ConnectionEvent extends infer E
	? E extends { type: infer U }
		? T extends U
			? E
			: never
		: never
	: never;

/**
 * Every event is a fact, not a sentence: a type, typed fields and its RFC section. No field holds
 * words for a reader (those are in src/lib/i18n): the only strings are protocol values (a reason, a
 * subprotocol, an extension, a state, a code).
 */
export function expectFacts(events: readonly ConnectionEvent[]): void {
	for (const e of events) {
		expect(e, `${e.type} carries no sentence`).not.toHaveProperty('explain');
		expect(e.rfc, `${e.type} cites its RFC section`).toMatch(/^RFC (6455|7692|9110|9112) §\d+(\.\d+)*$/);
	}
}

export function outgoingBytes(o: Outgoing): Uint8Array {
	return o.kind === 'handshake' ? o.bytes : concatBytes(...o.parts);
}

export class Pair {
	readonly client: Connection;
	readonly server: Connection;
	readonly events: Record<Side, ConnectionEvent[]> = { client: [], server: [] };
	/** Everything each side put on the wire, in order. */
	readonly sent: Record<Side, Outgoing[]> = { client: [], server: [] };
	/** The bytes each side wrote, concatenated per piece. */
	readonly wire: Record<Side, Uint8Array[]> = { client: [], server: [] };
	/** Bytes each side has read: its reader's stream offsets count from its first byte, the handshake included. */
	readonly read: Record<Side, number> = { client: 0, server: 0 };
	/** Where each side's frames began (the length of the handshake it read), once open. */
	readonly framesAt: Record<Side, number> = { client: 0, server: 0 };

	constructor(opts: { client?: Partial<ConnectionOptions>; server?: Partial<ConnectionOptions> } = {}) {
		this.client = new Connection({
			role: 'client',
			uri: 'ws://server.example.com/chat',
			random: seededRandom(1),
			...opts.client
		});
		this.server = new Connection({ role: 'server', random: seededRandom(2), ...opts.server });
	}

	conn(side: Side): Connection {
		return side === 'client' ? this.client : this.server;
	}

	/** Take what `from` queued, without delivering it. */
	take(from: Side): Outgoing[] {
		const out = this.conn(from).takeOutgoing();
		this.sent[from].push(...out);
		this.wire[from].push(...out.map(outgoingBytes));
		return out;
	}

	/** Deliver bytes to `to`, in the given pieces; returns (and records) the events. */
	deliver(to: Side, bytes: Uint8Array, pieces: (b: Uint8Array) => Uint8Array[] = (b) => [b]): ConnectionEvent[] {
		const events: ConnectionEvent[] = [];
		for (const p of pieces(bytes)) events.push(...this.conn(to).receive(p));
		this.read[to] += bytes.length;
		expectFacts(events);
		this.events[to].push(...events);
		return events;
	}

	/** Move bytes both ways until neither side has anything left to send. */
	pump(pieces?: (b: Uint8Array) => Uint8Array[]): void {
		for (let guard = 0; guard < 100; guard++) {
			const c = this.take('client');
			const s = this.take('server');
			if (c.length === 0 && s.length === 0) return;
			if (c.length) this.deliver('server', concatBytes(...c.map(outgoingBytes)), pieces);
			if (s.length) this.deliver('client', concatBytes(...s.map(outgoingBytes)), pieces);
		}
		throw new Error('pump did not settle');
	}

	/** Events of one type received by a side. */
	of<T extends ConnectionEvent['type']>(side: Side, type: T): EventOf<T>[] {
		return this.events[side].filter((e): e is EventOf<T> => e.type === type);
	}

	/** Frames (not handshakes) a side sent. */
	framesSent(side: Side): Extract<Outgoing, { kind: 'frame' }>[] {
		return this.sent[side].filter((o): o is Extract<Outgoing, { kind: 'frame' }> => o.kind === 'frame');
	}
}

/** A pair that has completed the opening handshake. */
export function openPair(opts: ConstructorParameters<typeof Pair>[0] = {}): Pair {
	const p = new Pair(opts);
	p.pump();
	expect(p.client.state).toBe('OPEN');
	expect(p.server.state).toBe('OPEN');
	p.framesAt.client = p.read.client;
	p.framesAt.server = p.read.server;
	p.events.client.length = 0;
	p.events.server.length = 0;
	return p;
}

/** The close code in a close frame's payload, or null for an empty one. */
export function closeCodeOf(payload: Uint8Array): number | null {
	return payload.length >= 2 ? (payload[0] << 8) | payload[1] : null;
}
