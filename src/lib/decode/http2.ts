/**
 * The decoder page's reading of a pasted HTTP/2 byte stream: one direction of a connection, as the
 * other end reads it. The engine's pieces, each the one place for its rules: readFrames (the preface,
 * frame headers and each type's checks, RFC 7540 §3.5, §4, §6), StreamStates (the stream states and
 * HEADERS + CONTINUATION joining, §5.1, §6.10), HpackDecoder (header blocks, RFC 7541) and
 * describeHttp2Frame (every octet of a frame in one field). A WebSocket stream's DATA (RFC 8441 §5)
 * is joined and read by the page's WebSocket analysis (analyzeStream: the engine's one Reader), and
 * each WebSocket frame is mapped back to the DATA frames that carry it.
 *
 * Checked against the receiver's default settings (§6.5.2): the receiver's own SETTINGS, WINDOW_UPDATEs
 * and answers travel the other way and are not in the paste, so flow control (§6.9) is not judged.
 *
 * Never throws for any input; linear in the bytes, up to maxFrames frames.
 */
import type { RfcSection } from '$lib/protocol';
import { describeHttp2Frame, type Http2Field, type Http2FrameView } from '$lib/protocol/http2/annotate';
import {
	FLAGS,
	FRAME_TYPES,
	PREFACE,
	readFrames,
	readSettings,
	SETTINGS,
	type FrameTypeName,
	type Http2Frame,
	type Http2Problem
} from '$lib/protocol/http2/frames';
import { HpackDecoder, STATIC_TABLE, type HpackProblem, type HpackRepresentation } from '$lib/protocol/http2/hpack';
import { StreamStates } from '$lib/protocol/http2/streams';
import { DEFAULT_MAX_FRAMES } from './analyze';
import { connectVerdicts, finishStream, requestOf, type StreamDraft } from './http2-streams';
import type {
	H2Block,
	H2FieldInfo,
	H2FrameInfo,
	H2HeaderRow,
	H2Problem,
	H2Side,
	H2Verdict,
	Http2Analysis
} from './http2-types';
import type { DeflateChoice } from './types';

export type * from './http2-types';

export interface Http2AnalyzeOptions {
	/** Whose bytes (default 'client': they start with the preface). */
	readonly side?: H2Side;
	/** permessage-deflate for the WebSocket messages inside (as the page's choice for a plain paste). */
	readonly deflate?: DeflateChoice;
	/** Stop after this many HTTP/2 frames (default as for WebSocket frames). */
	readonly maxFrames?: number;
}

/** SETTINGS_MAX_FRAME_SIZE until the receiver says otherwise, in SETTINGS the paste does not hold (§6.5.2). */
const DEFAULT_MAX_FRAME = 16384;

const TYPE_RFC: Record<number, RfcSection> = {
	[FRAME_TYPES.DATA]: 'RFC 7540 §6.1',
	[FRAME_TYPES.HEADERS]: 'RFC 7540 §6.2',
	[FRAME_TYPES.PRIORITY]: 'RFC 7540 §6.3',
	[FRAME_TYPES.RST_STREAM]: 'RFC 7540 §6.4',
	[FRAME_TYPES.SETTINGS]: 'RFC 7540 §6.5',
	[FRAME_TYPES.PUSH_PROMISE]: 'RFC 7540 §6.6',
	[FRAME_TYPES.PING]: 'RFC 7540 §6.7',
	[FRAME_TYPES.GOAWAY]: 'RFC 7540 §6.8',
	[FRAME_TYPES.WINDOW_UPDATE]: 'RFC 7540 §6.9',
	[FRAME_TYPES.CONTINUATION]: 'RFC 7540 §6.10'
};

const FIELD_RFC: Record<Http2Field['key'], RfcSection> = {
	length: 'RFC 7540 §4.1',
	type: 'RFC 7540 §4.1',
	flags: 'RFC 7540 §4.1',
	stream: 'RFC 7540 §4.1',
	'pad-length': 'RFC 7540 §6.1',
	padding: 'RFC 7540 §6.1',
	priority: 'RFC 7540 §6.2',
	'header-block': 'RFC 7540 §4.3',
	hpack: 'RFC 7541 §6',
	data: 'RFC 7540 §6.1',
	setting: 'RFC 7540 §6.5.1',
	increment: 'RFC 7540 §6.9',
	'error-code': 'RFC 7540 §7',
	'last-stream': 'RFC 7540 §6.8',
	debug: 'RFC 7540 §6.8',
	opaque: 'RFC 7540 §6.7',
	payload: 'RFC 7540 §4.1'
};

const HPACK_RFC: Record<HpackRepresentation['kind'], RfcSection> = {
	indexed: 'RFC 7541 §6.1',
	'literal-indexed': 'RFC 7541 §6.2.1',
	literal: 'RFC 7541 §6.2.2',
	'literal-never-indexed': 'RFC 7541 §6.2.3',
	'table-size': 'RFC 7541 §6.3'
};

function fieldRfc(f: Http2Field): RfcSection {
	if (f.hpack) return HPACK_RFC[f.hpack.kind];
	if (f.setting) return f.setting.id === SETTINGS.ENABLE_CONNECT_PROTOCOL ? 'RFC 8441 §3' : 'RFC 7540 §6.5.2';
	return FIELD_RFC[f.key];
}

/** A field of no octets (a PING's opaque data when its length is 0) has nothing to show. */
const hasOctets = (f: Http2Field) => f.end > f.start;

const info = (f: Http2Field, cut?: H2FieldInfo['cut']): H2FieldInfo => ({
	...f,
	rfc: fieldRfc(f),
	...(cut ? { cut } : {})
});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type FrameDraft = Mutable<H2FrameInfo>;
/** A header block whose CONTINUATION frames are still to come (RFC 7540 §6.10). */
interface PendingBlock {
	readonly stream: number;
	readonly frames: number[];
	readonly fragments: Fragment[];
}
/** A fragment of a header block: which frame, where in it (frame-relative), how long. */
interface Fragment {
	readonly frame: number;
	readonly at: number;
	readonly length: number;
}

export function analyzeHttp2(input: Uint8Array, options: Http2AnalyzeOptions = {}): Http2Analysis {
	const bytes = input instanceof Uint8Array ? input : new Uint8Array(0);
	const side = options.side ?? 'client';
	const maxFrames = Math.max(1, options.maxFrames ?? DEFAULT_MAX_FRAMES);
	const frames: FrameDraft[] = [];
	const problems: H2Problem[] = [];
	const streams = new Map<number, StreamDraft>();
	// The streams the sender uses: a client's own (it opens them), or the client's that a server answers.
	const states = new StreamStates(side);
	// The receiver's decoding context, at its default table size (RFC 7540 §6.5.2: 4,096 octets).
	const hpack = new HpackDecoder();
	let stopped: number | null = null;
	let incomplete: Http2Analysis['incomplete'] = null;
	let capped: Http2Analysis['capped'] = null;
	let pending: PendingBlock | null = null;
	let settingsSeen = false;
	let connectProtocol = false;
	let at = 0;

	const problemAt = (p: Omit<Http2Problem, 'at' | 'stream'> & { stream?: number }, f: FrameDraft): Http2Problem => ({
		...p,
		stream: p.stream ?? f.view.stream,
		at: f.offset
	});
	/** Note a problem on frame `f`; a connection error ends the reading (the receiver sends GOAWAY, §5.4.1). */
	const fail = (problem: Http2Problem, f: FrameDraft | null, start: number, end: number): boolean => {
		const connection = problem.scope === 'connection';
		const after = f ? f.offset + f.have : end;
		problems.push({
			problem,
			frame: f?.index ?? null,
			start,
			end,
			...(connection ? { unread: bytes.length - after } : {})
		});
		if (f) f.problem = problems.length - 1;
		if (connection) stopped = problems.length - 1;
		return !connection;
	};

	const stream = (id: number): StreamDraft => {
		let s = streams.get(id);
		if (!s) {
			s = { id, frames: [], request: null, status: null, chunks: [], dataLength: 0, endStream: false, reset: null };
			streams.set(id, s);
		}
		return s;
	};

	const draft = (start: number, have: number, size: number): FrameDraft => {
		const wire = bytes.subarray(start, start + have);
		const view = have >= 9 ? describeHttp2Frame(wire) : headerPrefix(wire);
		const f: FrameDraft = {
			index: frames.length,
			offset: start,
			size,
			have,
			view,
			fields: view.fields.filter(hasOctets).map((x) => info(x)),
			rfc: TYPE_RFC[view.type] ?? 'RFC 7540 §4.1',
			problem: null
		};
		frames.push(f);
		if (view.stream !== 0 && have >= 9) stream(view.stream).frames.push(f.index);
		return f;
	};

	/** The header block's fragment in a HEADERS or CONTINUATION frame (padding and priority aside, §6.2). */
	const fragmentOf = (f: FrameDraft): Fragment => {
		const parts = f.view.fields.filter(
			(x) => x.key === 'header-block' || (f.view.typeName === 'CONTINUATION' && x.key === 'payload')
		);
		const start = parts.length ? parts[0].start : 9;
		return { frame: f.index, at: start, length: parts.length ? parts[parts.length - 1].end - start : 0 };
	};

	/** A whole header block: decode it, place each representation at its octets in its frames (§4.3). */
	const takeBlock = (id: number, block: Uint8Array, fragments: Fragment[], endStream: boolean): boolean => {
		const r = hpack.decode(block);
		const offsets: number[] = [];
		fragments.reduce((n, g) => (offsets.push(n), n + g.length), 0);
		const framesOf = (start: number, end: number) =>
			fragments
				.filter((g, i) => offsets[i] < Math.max(end, start + 1) && start < offsets[i] + g.length)
				.map((g) => g.frame);
		const rows: H2HeaderRow[] = r.parts.map((p) => ({
			kind: p.kind,
			index: p.index,
			table: p.index === null ? null : p.index <= STATIC_TABLE.length ? 'static' : 'dynamic',
			name: p.field?.[0] ?? null,
			value: p.field?.[1] ?? null,
			...(p.size !== undefined ? { size: p.size } : {}),
			octets: block.subarray(p.start, p.end),
			frames: framesOf(p.start, p.end),
			rfc: HPACK_RFC[p.kind]
		}));
		const blockInfo: H2Block = {
			stream: id,
			frames: fragments.map((g) => g.frame),
			rows,
			endStream,
			table: { entries: hpack.table.map(([n, v]) => [n, v] as const), size: hpack.size, max: hpack.maxSize },
			...(r.ok ? {} : { hpackProblem: r.problem })
		};
		const headers = r.ok ? r.headers : r.parts.flatMap((p) => (p.field ? [p.field] : []));
		fragments.forEach((g, i) => {
			const f = frames[g.frame];
			f.block = blockInfo;
			const wire = bytes.subarray(f.offset, f.offset + f.have);
			if (f.view.typeName === 'HEADERS') {
				f.view = describeHttp2Frame(wire, { parts: r.parts, headers });
				f.fields = f.view.fields
					.filter(hasOctets)
					.map((x) => (x.hpack ? cutInfo(x, false, x.hpack.end > g.length) : info(x)));
				return;
			}
			// A CONTINUATION: the engine describes its payload as one run; the representations are placed here.
			const from = offsets[i];
			const to = from + g.length;
			const plain: Http2Field[] = f.view.fields.filter((x) => x.start < 9);
			const cuts: H2FieldInfo['cut'][] = plain.map(() => undefined);
			let covered = from;
			for (const p of r.parts) {
				if (p.end <= from || p.start >= to) continue;
				const s = Math.max(p.start, from);
				const e = Math.min(p.end, to);
				plain.push({ key: 'hpack', start: 9 + s - from, end: 9 + e - from, hpack: p });
				cuts.push(p.start < from || p.end > to ? { before: p.start < from, after: p.end > to } : undefined);
				covered = e;
			}
			if (covered < to) plain.push({ key: 'header-block', start: 9 + covered - from, end: 9 + g.length });
			f.view = { ...f.view, fields: plain, headers };
			f.fields = plain.flatMap((x, j) => (hasOctets(x) ? [info(x, cuts[j])] : []));
		});
		const s = stream(id);
		// A block that could not be decoded asks for nothing: its fields so far are only shown.
		if (r.ok && side === 'client' && !s.request) s.request = requestOf(headers);
		if (r.ok && side === 'server' && s.status === null) s.status = headers.find(([n]) => n === ':status')?.[1] ?? null;
		return r.ok || compressionError(frames[fragments[fragments.length - 1].frame], fragments, offsets, r.problem);
	};
	/** RFC 7540 §4.3: a header block that cannot be decoded is a connection error COMPRESSION_ERROR. */
	const compressionError = (last: FrameDraft, fragments: Fragment[], offsets: number[], hpackProblem: HpackProblem) => {
		const where = inputOffset(fragments, offsets, hpackProblem.at);
		const p = problemAt(
			{ rule: 'COMPRESSION', error: 'COMPRESSION_ERROR', scope: 'connection', section: 'RFC 7540 §4.3' },
			last
		);
		return fail({ ...p, hpack: hpackProblem }, last, where, where + 1);
	};
	const cutInfo = (f: Http2Field, before: boolean, after: boolean) =>
		info(f, before || after ? { before, after } : undefined);
	const inputOffset = (fragments: Fragment[], offsets: number[], blockAt: number): number => {
		for (let i = fragments.length - 1; i >= 0; i--)
			if (blockAt >= offsets[i] || i === 0) {
				const f = frames[fragments[i].frame];
				return f.offset + fragments[i].at + Math.min(blockAt - offsets[i], Math.max(0, fragments[i].length - 1));
			}
		return 0;
	};

	/** One whole frame the framing rules passed: what the receiver makes of it. False once reading stops. */
	const take = (h: Http2Frame): boolean => {
		const f = draft(h.start, 9 + h.payload.length, 9 + h.payload.length);
		const end = f.offset + f.size;
		const here = (p: Omit<Http2Problem, 'at' | 'stream'> & { stream?: number }) =>
			fail(problemAt(p, f), f, f.offset, end);
		// §3.5: each side's preface ends with a SETTINGS frame, the first frame it sends.
		if (!settingsSeen) {
			if (h.type !== FRAME_TYPES.SETTINGS || h.flags & FLAGS.ACK)
				return here({
					rule: 'SETTINGS_EXPECTED',
					error: 'PROTOCOL_ERROR',
					scope: 'connection',
					section: 'RFC 7540 §3.5'
				});
			settingsSeen = true;
		}
		const id = h.stream;
		// A server answers on the client's streams, opened by HEADERS in the other direction (§5.1).
		if (side === 'server' && id % 2 === 1 && states.state(id) === 'idle') states.openLocal(id);
		const before = states.state(id);
		const event = states.receive(h);
		if (id !== 0) f.state = { before, after: states.state(id) };
		switch (event.kind) {
			case 'problem': {
				const ok = here(event.problem);
				// §4.3: a refused frame's header block is still decoded, so the table stays in step with the sender's.
				if (ok && h.type === FRAME_TYPES.HEADERS && h.flags & FLAGS.END_HEADERS) {
					const g = fragmentOf(f);
					const r = hpack.decode(bytes.subarray(f.offset + g.at, f.offset + g.at + g.length));
					if (!r.ok) return compressionError(f, [g], [0], r.problem);
				}
				return ok;
			}
			case 'none':
				if (h.type === FRAME_TYPES.HEADERS && !(h.flags & FLAGS.END_HEADERS))
					pending = { stream: id, frames: [f.index], fragments: [fragmentOf(f)] };
				else if (h.type === FRAME_TYPES.CONTINUATION && pending) {
					pending.frames.push(f.index);
					pending.fragments.push(fragmentOf(f));
				}
				break;
			case 'headers': {
				const fragments = pending ? [...pending.fragments, fragmentOf(f)] : [fragmentOf(f)];
				pending = null;
				if (event.endStream) stream(id).endStream = true;
				if (!takeBlock(event.stream, event.block, fragments, event.endStream)) return false;
				break;
			}
			case 'data': {
				const s = stream(id);
				const start = f.offset + (f.view.data?.start ?? 9);
				s.chunks.push({
					frame: f.index,
					tunnelStart: s.dataLength,
					inputStart: start,
					data: bytes.subarray(start, start + event.data.length)
				});
				s.dataLength += event.data.length;
				if (event.endStream) s.endStream = true;
				break;
			}
			case 'reset':
				stream(id).reset = f.view.error ?? null;
				break;
		}
		if (h.type === FRAME_TYPES.SETTINGS && !(h.flags & FLAGS.ACK)) {
			const list = readSettings(h.payload);
			const connect = list.filter(([sid]) => sid === SETTINGS.ENABLE_CONNECT_PROTOCOL).map(([, v]) => v === 1);
			// RFC 8441 §3: once 1, SETTINGS_ENABLE_CONNECT_PROTOCOL may not go back to 0.
			if (connectProtocol && connect.includes(false))
				return here({
					rule: 'CONNECT_PROTOCOL_WITHDRAWN',
					error: 'PROTOCOL_ERROR',
					scope: 'connection',
					section: 'RFC 8441 §3'
				});
			if (connect.length) connectProtocol = connect[connect.length - 1];
		}
		// §5.1: on an idle stream only HEADERS and PRIORITY may arrive (the engine's state table has RST_STREAM's case).
		if (h.type === FRAME_TYPES.WINDOW_UPDATE && id !== 0 && before === 'idle')
			return here({ rule: 'DATA_ON_IDLE', error: 'PROTOCOL_ERROR', scope: 'connection', section: 'RFC 7540 §5.1' });
		return true;
	};

	// The client's preface (§3.5): readFrames checks its octets; the first that differs is marked.
	let preface: Http2Analysis['preface'] = null;
	if (side === 'client') {
		const have = Math.min(bytes.length, PREFACE.length);
		const r = readFrames(bytes.subarray(0, have), { preface: true });
		const badAt = r.problem ? bytes.subarray(0, have).findIndex((b, i) => b !== PREFACE[i]) : null;
		preface = { have, ok: !r.problem && have === PREFACE.length, badAt };
		if (r.problem) {
			const bad = badAt ?? 0;
			problems.push({ problem: r.problem, frame: null, start: bad, end: bad + 1, unread: bytes.length - have });
			stopped = 0;
		} else if (have < PREFACE.length) incomplete = { frame: null, missing: PREFACE.length - have, exact: true };
		at = have;
	}

	reading: while (stopped === null && incomplete === null) {
		const r = readFrames(bytes, { start: at, maxFrameSize: DEFAULT_MAX_FRAME });
		for (const h of r.frames) {
			if (frames.length >= maxFrames) {
				capped = { frames: maxFrames, unread: bytes.length - h.start };
				break reading;
			}
			at = h.start + 9 + h.payload.length;
			if (!take(h)) break reading;
		}
		at = r.consumed;
		if (!r.problem) break;
		// A frame the framing rules refuse: listed with what there is of it.
		const length = (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
		const f = draft(at, Math.min(bytes.length - at, 9 + length), 9 + length);
		const end = f.offset + f.have;
		// FRAME_TOO_LARGE is about the length field; every other rule about the frame as a whole.
		if (!fail(r.problem, f, f.offset, r.problem.rule === 'FRAME_TOO_LARGE' ? f.offset + 3 : end)) break;
		// A stream error (a WINDOW_UPDATE of 0 on a stream): RST_STREAM, and reading goes on past it (§5.4.2).
		at = end;
	}

	// The input ends inside a frame: what there is of it, and how much is missing.
	if (stopped === null && incomplete === null && capped === null && at < bytes.length) {
		const have = bytes.length - at;
		const exact = have >= 3;
		const length = exact ? (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2] : 0;
		const f = draft(at, have, exact ? 9 + length : 9);
		incomplete = { frame: f.index, missing: Math.max(1, f.size - have), exact };
	}

	const asks = [...streams.values()].some((s) => s.request);
	const verdicts = asks && preface?.ok ? connectVerdicts(bytes) : new Map<number, H2Verdict>();
	const streamList = [...streams.values()]
		.sort((a, b) => a.id - b.id)
		.map((s) => finishStream(s, states.state(s.id), verdicts.get(s.id) ?? null, side, options, frames));

	const wsErrors = streamList.reduce((n, s) => n + (s.websocket?.errorCount ?? 0), 0);
	const wsWarnings = streamList.reduce((n, s) => n + (s.websocket?.warningCount ?? 0), 0);
	// (Set inside take(): the compiler's narrowing does not see it.)
	const unfinished = pending as PendingBlock | null;
	const pendingBlock = unfinished ? { stream: unfinished.stream, frames: unfinished.frames } : null;
	return {
		kind: 'http2',
		bytes,
		side,
		preface,
		frames,
		streams: streamList,
		problems,
		stopped,
		incomplete,
		pendingBlock,
		capped,
		errorCount: problems.length + (incomplete ? 1 : 0) + wsErrors,
		warningCount: (pendingBlock ? 1 : 0) + (capped ? 1 : 0) + wsWarnings,
		webSocketFrames: streamList.reduce((n, s) => n + (s.websocket?.frames.length ?? 0), 0),
		messages: streamList.reduce((n, s) => n + (s.websocket?.messages.length ?? 0), 0)
	};
}

/** A frame header the input ends inside (fewer than 9 octets): the fields as far as they go. */
function headerPrefix(wire: Uint8Array): Http2FrameView {
	const have = wire.length;
	const known = (n: number) => have >= n;
	const length = known(3) ? (wire[0] << 16) | (wire[1] << 8) | wire[2] : 0;
	const fields: Http2Field[] = (
		[
			{ key: 'length', start: 0, end: 3, value: length },
			{ key: 'type', start: 3, end: 4, value: wire[3] },
			{ key: 'flags', start: 4, end: 5, value: wire[4] }
		] as Http2Field[]
	)
		.filter((f) => f.start < have)
		.map((f) => (known(f.end) ? f : { key: f.key, start: f.start, end: have }));
	if (have > 5) fields.push({ key: 'stream', start: 5, end: have });
	const type = known(4) ? wire[3] : -1;
	return {
		length,
		type,
		typeName: (Object.keys(FRAME_TYPES) as FrameTypeName[]).find((k) => FRAME_TYPES[k] === type) ?? null,
		flags: known(5) ? wire[4] : 0,
		flagNames: [],
		stream: 0,
		fields
	};
}
