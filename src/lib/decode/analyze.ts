/**
 * Stream analysis for the decoder page: the engine's one reader (onError 'continue') over a pasted
 * byte string, and everything it finds kept, placed at bytes. A pasted TCP stream's opening handshake
 * is read as HTTP and judged by the engine; permessage-deflate (RFC 7692) is the engine's own codec,
 * so messages whose first frame has RSV1 set are inflated as the receiving side would, context
 * takeover included.
 *
 * Never throws for any input and runs in time linear in the bytes (plus at most maxFrames frames).
 */
import {
	annotateFrame,
	annotatePrefix,
	concat,
	decodeUtf8,
	DEFAULT_DEFLATE_PARAMS,
	DEFLATE_TAIL,
	headerOf,
	parseClosePayload,
	PERMESSAGE_DEFLATE,
	PermessageDeflateCodec,
	protocolError,
	readHeaderPrefix,
	Reader,
	validateUtf8,
	walkDeflate,
	type DecodedFrame,
	type FieldAnnotation,
	type FramingSetup,
	type FrameHeader,
	type MessageCodec,
	type ProtocolError,
	type ReadEvent,
	type Role
} from '$lib/protocol';
import { HeadJudge } from './handshake';
import { fromProtocolError, lengthRange, pageIssue } from './issues';
import type {
	AnalyzeOptions,
	ByteIssue,
	CloseInfo,
	FrameAnalysis,
	FrameKind,
	MessageAnalysis,
	StreamAnalysis
} from './types';

export const DEFAULT_MAX_FRAMES = 20_000;
/**
 * With permessage-deflate, the largest message inflated before MESSAGE_TOO_BIG (1009): a few bytes
 * of DEFLATE can stand for gigabytes (RFC 7692 §8.1 warns of it), and the page holds what it shows.
 */
export const INFLATE_LIMIT = 16 * 1024 * 1024;
/**
 * And all messages together: a megabyte of pasted bombs, each under the limit, would still inflate
 * to a gigabyte. Past this, messages are refused as too big (1009) instead of inflated.
 */
export const INFLATE_BUDGET = 64 * 1024 * 1024;
/** Bytes handed to the reader at a time, so maxFrames can stop it early. */
const CHUNK = 64 * 1024;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type FrameDraft = Mutable<FrameAnalysis>;
type MessageDraft = Mutable<MessageAnalysis>;

const KINDS: Record<number, FrameKind> = {
	0: 'continuation',
	1: 'text',
	2: 'binary',
	8: 'close',
	9: 'ping',
	10: 'pong'
};

export function frameKind(opcode: number): FrameKind {
	return KINDS[opcode] ?? 'reserved';
}

/** A frame's field annotations (RFC 6455 §5.2), in stream offsets. */
export function frameFields(frame: FrameAnalysis): readonly FieldAnnotation[] {
	return frame.fields ?? annotateFrame(frame.header, frame.offset, { deflate: !!frame.deflate });
}

/** Reads a close payload for display, valid or not (the engine's parseClosePayload judges it). */
export function closeInfo(payload: Uint8Array): CloseInfo {
	const parsed = parseClosePayload(payload);
	const reasonBytes = payload.length > 2 ? payload.subarray(2) : new Uint8Array(0);
	return { code: parsed.code, reason: decodeUtf8(reasonBytes), reasonValid: validateUtf8(reasonBytes).ok };
}

/**
 * The engine's codec, with a limit on all it inflates over the whole paste (shared by both senders'
 * codecs). Once spent, every later message is refused alike: trying would only fail on a broken window.
 */
class Budgeted implements MessageCodec {
	readonly name = PERMESSAGE_DEFLATE;
	readonly rsvBits = 0x40; // RSV1, "Per-Message Compressed" (RFC 7692 §6)
	private readonly codec: PermessageDeflateCodec;

	constructor(
		receiver: Role,
		private readonly budget: { left: number; total: number }
	) {
		// What a reader of a capture assumes (RFC 7692 §7.1): windows kept, 15 bits.
		this.codec = new PermessageDeflateCodec(DEFAULT_DEFLATE_PARAMS, receiver);
	}

	decompress(payload: Uint8Array, maxSize: number) {
		const b = this.budget;
		if (b.left <= 0)
			return {
				ok: false as const,
				error: protocolError('MESSAGE_TOO_BIG', { size: null, limit: b.total, stage: 'budget' })
			};
		const limitedByBudget = b.left < maxSize;
		const r = this.codec.decompress(payload, Math.min(maxSize, b.left));
		if (r.ok) b.left -= r.data.length;
		else if (limitedByBudget && r.error.code === 'MESSAGE_TOO_BIG') {
			b.left = 0;
			return {
				ok: false as const,
				error: protocolError('MESSAGE_TOO_BIG', { size: null, limit: b.total, stage: 'budget' })
			};
		}
		return r;
	}

	compress(): null {
		return null; // the decoder only reads
	}
}

export function analyzeStream(input: Uint8Array, options: AnalyzeOptions = {}): StreamAnalysis {
	const bytes = input instanceof Uint8Array ? input : new Uint8Array(0);
	const maxFrames = Math.max(1, options.maxFrames ?? DEFAULT_MAX_FRAMES);
	const chosen = options.role ?? 'auto';
	const deflateChoice = options.codec !== undefined ? (options.codec ? 'on' : 'off') : (options.deflate ?? 'off');
	const frames: FrameDraft[] = [];
	const messages: MessageDraft[] = [];
	const loose: ByteIssue[] = [];
	const judge = new HeadJudge();
	/** Data messages by sender and the reader's index for them. */
	const byIndex = new Map<string, MessageDraft>();
	/** Frames by offset, for the message rules' errors (which name their frame). */
	const byOffset = new Map<number, FrameDraft>();
	let next = 0; // end of the last whole frame or head
	let stopped: 'fatal' | 'cap' | null = null;
	let from: Role | 'either' = 'either';
	let effective: Role | null = null;
	let codecs: Partial<Record<Role, MessageCodec | null>> = {};
	let agreed: boolean | null = null;
	let receiver: Role | null = null;
	/** The current message's inflating failed (its data is DEFLATE bytes only). */
	let notInflated = false;
	/** Data messages a new one cut short (already reported). */
	const ended = new Set<MessageDraft>();

	const addIssue = (frame: FrameDraft | null, issue: ByteIssue) =>
		frame ? frame.issues.push(issue) : loose.push(issue);
	const key = (sender: Role, index: number) => `${sender}:${index}`;

	/** The reader read the heads (if any): judge them, decide who sent the frames and how to read them. */
	const framing = (): FramingSetup & { from: Role | 'either' } => {
		const heads = judge.heads;
		const response = heads.find((h) => h.role === 'server');
		agreed = response ? response.deflate : null;
		// A pasted handshake with both heads is a whole conversation: frames go both ways.
		const bothWays = heads.length === 2 && chosen === 'auto';
		const firstFrame = next + 1 < bytes.length ? bytes[next + 1] : null;
		const inferred: Role | null = firstFrame === null ? null : firstFrame & 0x80 ? 'client' : 'server';
		effective = chosen === 'auto' ? (bothWays ? null : inferred) : chosen;
		// A chosen sender is held to its MASK rule by the reader. Otherwise each frame's MASK bit says
		// who sent it (so each side keeps its own fragments and LZ77 window, RFC 7692 §7.2.1), and
		// frames that do not fit the inferred direction are remarked on below (checkMasks).
		from = chosen === 'auto' ? 'either' : chosen;
		const enabled =
			options.codec !== undefined
				? options.codec !== null
				: deflateChoice === 'on' || (deflateChoice === 'auto' && agreed !== false);
		if (options.codec) codecs = { client: options.codec, server: options.codec };
		else if (enabled) {
			// One inflater per direction: each side compresses with its own LZ77 window (RFC 7692 §7.2.1).
			const budget = { left: options.inflateBudget ?? INFLATE_BUDGET, total: options.inflateBudget ?? INFLATE_BUDGET };
			codecs = { client: new Budgeted('server', budget), server: new Budgeted('client', budget) };
		}
		receiver = enabled && inferred ? (inferred === 'client' ? 'server' : 'client') : null;
		const max = options.maxMessageSize ?? (enabled ? INFLATE_LIMIT : undefined);
		return { from, codecs, ...(max !== undefined ? { maxMessageSize: max } : {}) };
	};
	const begin = (): ReadEvent[] => reader.beginFrames(framing());

	const startMessage = (
		sender: Role,
		index: number,
		kind: 'text' | 'binary',
		draft: FrameDraft,
		compressed: boolean
	) => {
		const m: MessageDraft = {
			index: messages.length,
			kind,
			frames: [draft.index],
			data: new Uint8Array(0),
			complete: false,
			invalid: false,
			compressed,
			interleaved: []
		};
		messages.push(m);
		byIndex.set(key(sender, index), m);
		return m;
	};

	/** A message without its final frame: data is what arrived; the reason is reported once. */
	const closeUnfinished = (m: MessageDraft, abandoned: boolean) => {
		const joined = concat(m.frames.map((i) => frames[i].payload));
		// Half a DEFLATE stream cannot be inflated: keep it as what was sent.
		if (m.compressed) m.deflated = joined;
		else m.data = joined;
		const first = frames[m.frames[0]];
		const last = frames[m.frames[m.frames.length - 1]];
		if (abandoned)
			addIssue(
				first,
				pageIssue(
					'ABANDONED_MESSAGE',
					{ frames: m.frames.length },
					'warning',
					first.offset,
					first.offset + 1,
					first.index
				)
			);
		else if (last.complete)
			addIssue(
				last,
				pageIssue(
					'UNFINISHED_MESSAGE',
					{ frames: m.frames.length },
					'warning',
					last.offset,
					last.offset + 1,
					last.index
				)
			);
	};

	/** A frame's issues: the engine's errors (a MASK bit against the sender: a warning, see checkMasks), its warnings. */
	const frameIssues = (draft: FrameDraft, errors: readonly ProtocolError[], h: FrameHeader) => {
		for (const e of errors) {
			// A MASK bit against a sender the paste only suggests is a warning (it may be the other way);
			// against one that is known (a stream of an HTTP/2 connection), the error it is.
			const masking = !options.senderKnown && (e.code === 'UNMASKED_CLIENT_FRAME' || e.code === 'MASKED_SERVER_FRAME');
			draft.issues.push(
				fromProtocolError(
					e,
					draft.index,
					h,
					draft.offset,
					masking ? 'warning' : 'error',
					masking && effective ? effective : undefined
				)
			);
		}
	};

	const takeFrame = (sender: Role, f: DecodedFrame, index: number | null, during: number | null) => {
		const size = f.headerLength + f.payloadLength;
		const compressedSender = !!codecs[sender];
		const draft: FrameDraft = {
			index: frames.length,
			offset: f.offset,
			size,
			wire: bytes.subarray(f.offset, f.offset + size),
			header: headerOf(f),
			headerKnown: true,
			payload: f.payload,
			complete: true,
			missing: 0,
			fatal: false,
			kind: frameKind(f.opcode),
			message: null,
			issues: [],
			...(compressedSender ? { deflate: true } : {})
		};
		frames.push(draft);
		byOffset.set(f.offset, draft);
		frameIssues(draft, f.errors, f);
		for (const w of f.warnings) {
			const [start, end] = lengthRange(f, f.offset);
			draft.issues.push(pageIssue('NON_MINIMAL_LENGTH', w.params, 'warning', start, end, draft.index, w.rfc));
		}
		const kind = draft.kind;
		if (kind === 'ping' || kind === 'pong' || kind === 'close') {
			const m: MessageDraft = {
				index: messages.length,
				kind,
				frames: [draft.index],
				data: f.payload,
				complete: true,
				invalid: false,
				compressed: false,
				interleaved: []
			};
			if (kind === 'close') m.close = draft.close = closeInfo(f.payload);
			messages.push(m);
			draft.message = m.index;
			const open = during !== null ? byIndex.get(key(sender, during)) : undefined;
			if (open && !open.complete) open.interleaved.push(draft.index);
		} else if (index !== null) {
			// The reader numbers each sender's data messages: a new number is a new message.
			let m = byIndex.get(key(sender, index));
			if (m) m.frames.push(draft.index);
			else m = startMessage(sender, index, kind === 'binary' ? 'binary' : 'text', draft, f.rsv1 && compressedSender);
			draft.message = m.index;
			draft.compressed = m.compressed;
		}
		next = f.offset + size;
	};

	const take = (r: ReadEvent) => {
		switch (r.type) {
			case 'head':
				judge.add(r.sender, r.head, r.offset);
				next = r.offset + r.head.length;
				return;
			case 'head-error':
				loose.push(pageIssue('INCOMPLETE_HTTP_HEAD', { problem: r.problem }, 'error', r.offset, bytes.length, null));
				next = bytes.length;
				return;
			case 'frame':
				takeFrame(r.sender, r.frame, r.message, r.during);
				return;
			case 'message': {
				const m = byIndex.get(key(r.sender, r.message));
				if (!m) return;
				m.complete = true;
				m.invalid ||= r.invalid;
				const last = frames[m.frames[m.frames.length - 1]];
				if (m.compressed) {
					m.deflated = concat(m.frames.map((i) => frames[i].payload));
					// A compressed message that could not be inflated has no data to show (only its DEFLATE bytes).
					if (notInflated) m.data = new Uint8Array(0);
					else {
						m.data = r.data;
						m.deflateWalk = walkDeflate(concat([m.deflated, DEFLATE_TAIL]));
						last.inflated = {
							message: m.index,
							kind: m.kind as 'text' | 'binary',
							data: r.data,
							deflatedLength: m.deflated.length
						};
					}
				} else m.data = r.data;
				notInflated = false;
				return;
			}
			case 'abandoned': {
				const m = byIndex.get(key(r.sender, r.message));
				if (m) {
					closeUnfinished(m, true);
					ended.add(m);
				}
				return;
			}
			case 'error': {
				if (r.fatal) {
					stopped = 'fatal';
					fatalFrame(r.error, r.frameOffset ?? next, r.header ?? null);
					return;
				}
				// A message rule: invalid UTF-8, a bad close payload, a failed inflate.
				const draft = r.frame ? (byOffset.get(r.frame.offset) ?? null) : null;
				if (r.error.code === 'INVALID_COMPRESSED_DATA' || r.error.code === 'MESSAGE_TOO_BIG') notInflated = true;
				addIssue(draft, fromProtocolError(r.error, draft?.index ?? null, draft?.header ?? null, draft?.offset ?? 0));
				if (draft && draft.message !== null) messages[draft.message].invalid = true;
				return;
			}
			default:
				return; // fragments, pings, pongs and closes: their frames said it all
		}
	};

	/** A frame the reader could not get past: its header as far as it goes, and nothing framed after it. */
	function fatalFrame(error: ProtocolError, start: number, known: FrameHeader | null) {
		const prefix = readHeaderPrefix(bytes.subarray(start, start + 14));
		const header = known ?? prefix.header;
		const hl = header.headerLength;
		const draft: FrameDraft = {
			index: frames.length,
			offset: start,
			size: hl,
			wire: bytes.subarray(start, start + hl),
			header,
			headerKnown: true,
			payload: new Uint8Array(0),
			complete: false,
			missing: 0,
			fatal: true,
			kind: frameKind(header.opcode),
			message: null,
			issues: [],
			fields: annotatePrefix(prefix, start).filter((f) => f.field !== 'payload')
		};
		frames.push(draft);
		const others = reader.inspectPrefix(prefix, start).filter((e) => e.code !== error.code);
		frameIssues(draft, [...others, error], header);
		next = start + hl;
		if (next < bytes.length)
			loose.push(pageIssue('UNFRAMED_BYTES', { count: bytes.length - next }, 'warning', next, bytes.length, null));
	}

	/** Take the reader's events until the frame cap; false once reading stops. */
	const takeAll = (events: readonly ReadEvent[]): boolean => {
		for (const r of events) {
			if (r.type === 'frame' && frames.length >= maxFrames) {
				stopped = 'cap';
				return false;
			}
			take(r);
			if (stopped) return false;
		}
		return true;
	};
	// A paste may start with the opening handshake ('leading'); a stream known to carry frames only
	// (a WebSocket tunnelled in HTTP/2 DATA, RFC 8441 §5) is read as frames from its first byte.
	const reader =
		options.heads === 'none'
			? new Reader({ heads: 'none', onError: 'continue', ...framing() })
			: new Reader({
					from: 'either',
					heads: 'leading',
					onError: 'continue',
					...(options.maxMessageSize !== undefined ? { maxMessageSize: options.maxMessageSize } : {})
				});
	for (let pos = 0; pos < bytes.length && !stopped; pos += CHUNK) {
		if (!takeAll(reader.push(bytes.subarray(pos, Math.min(bytes.length, pos + CHUNK))))) break;
		// The heads are judged (take): now the frames after them can be read as they agreed.
		if (reader.state === 'awaiting-frames' && !takeAll(begin())) break;
		if (frames.length >= maxFrames && next < bytes.length && reader.state === 'frames') stopped = 'cap';
	}
	// All of the input was heads: there are no frames to begin.
	if (!stopped && reader.state === 'awaiting-frames') takeAll(begin());

	if (stopped === 'cap')
		loose.push(
			pageIssue('NOT_ANALYSED', { count: bytes.length - next, frames: maxFrames }, 'warning', next, bytes.length, null)
		);
	else if (!stopped) {
		const headAt = reader.headOffset;
		if (headAt !== null)
			loose.push(pageIssue('INCOMPLETE_HTTP_HEAD', { problem: null }, 'error', headAt, bytes.length, null));
		else if (next < bytes.length) cutOffFrame();
	}

	/** The input ends inside a frame: show what there is and how much is missing. */
	function cutOffFrame() {
		const p = reader.partial();
		const start = p?.offset ?? next;
		const wire = bytes.subarray(start);
		const prefix = p?.prefix ?? readHeaderPrefix(wire);
		const header = prefix.header;
		const headerKnown = prefix.have >= header.headerLength;
		const exact = prefix.lengthKnown;
		const missing = Math.max(1, header.headerLength + (exact ? header.payloadLength : 0) - wire.length);
		const sender: Role | null = p?.sender ?? (from === 'either' ? null : from);
		const draft: FrameDraft = {
			index: frames.length,
			offset: start,
			size: wire.length + missing,
			wire,
			header,
			headerKnown,
			payload: p?.payload ?? new Uint8Array(0),
			complete: false,
			missing,
			fatal: false,
			kind: frameKind(header.opcode),
			message: null,
			issues: [],
			...(headerKnown ? {} : { fields: annotatePrefix(prefix, start) }),
			...(sender && codecs[sender] ? { deflate: true } : {})
		};
		frames.push(draft);
		const errors = p?.errors ?? [];
		frameIssues(draft, errors, header);
		draft.issues.push(
			pageIssue(
				'INCOMPLETE_FRAME',
				{ missing, have: wire.length, exact },
				'error',
				start + wire.length - 1,
				start + wire.length,
				draft.index
			)
		);
		const orphan = errors.some((e) => e.code === 'UNEXPECTED_CONTINUATION');
		if (sender && prefix.secondByte && (draft.kind === 'text' || draft.kind === 'binary')) {
			const m = startMessage(sender, reader.messagesOf(sender), draft.kind, draft, header.rsv1 && !!codecs[sender]);
			draft.message = m.index;
			draft.compressed = m.compressed;
		} else if (sender && draft.kind === 'continuation' && !orphan) {
			const index = reader.openMessage(sender);
			const open = index === null ? undefined : byIndex.get(key(sender, index));
			if (open) {
				open.frames.push(draft.index);
				draft.message = open.index;
				draft.compressed = open.compressed;
			}
		}
		if (draft.message !== null && errors.some((e) => e.code === 'INVALID_UTF8')) messages[draft.message].invalid = true;
		next = bytes.length;
	}

	// Fragmented messages still open at the end of the input.
	for (const m of messages) if (!m.complete && !ended.has(m)) closeUnfinished(m, false);

	const known = frames.filter((f) => f.wire.length > 1);
	const maskedFrames = known.filter((f) => f.header.masked).length;
	const inferred: Role | null = known.length ? (known[0].header.masked ? 'client' : 'server') : null;
	// The direction was inferred from the first frame, not chosen: a frame the other way is worth a
	// warning, saying what its receiver would do if it really came this way (RFC 6455 §5.1).
	if (chosen === 'auto' && effective) {
		const expectMasked = effective === 'client';
		for (const f of known)
			if (f.header.masked !== expectMasked) {
				const e = protocolError(expectMasked ? 'UNMASKED_CLIENT_FRAME' : 'MASKED_SERVER_FRAME', {}, f.offset + 1);
				f.issues.push(fromProtocolError(e, f.index, f.header, f.offset, 'warning', effective));
			}
	}
	// A field cut off by the end of the input (half a 64-bit length) is flagged up to the end only.
	const clamp = (i: ByteIssue): ByteIssue => {
		const start = Math.min(i.start, Math.max(0, bytes.length - 1));
		const end = Math.max(start + 1, Math.min(i.end, bytes.length));
		return start === i.start && end === i.end ? i : { ...i, start, end };
	};
	const sev = (i: ByteIssue) => (i.severity === 'error' ? 0 : 1);
	for (const f of frames) f.issues = f.issues.map(clamp).sort((a, b) => a.start - b.start || sev(a) - sev(b));
	// A handshake the other side would refuse is an error at its bytes, with the engine's problem.
	for (const h of judge.heads)
		if (h.verdict && !h.verdict.ok && h.verdict.problem)
			loose.push(
				pageIssue(
					'HANDSHAKE_REFUSED',
					{ problem: h.verdict.problem, status: h.verdict.status ?? null },
					'error',
					h.start,
					h.end,
					null,
					h.verdict.rfc
				)
			);
	const issues = [...frames.flatMap((f) => f.issues), ...loose.map(clamp)].sort(
		(a, b) => a.start - b.start || sev(a) - sev(b)
	);
	const errorCount = issues.filter((i) => i.severity === 'error').length;
	const enabled = !!(codecs.client || codecs.server);
	return {
		bytes,
		frames,
		messages,
		issues,
		role: {
			chosen,
			inferred,
			effective,
			bothWays: chosen === 'auto' && judge.heads.length === 2,
			maskedFrames,
			unmaskedFrames: known.length - maskedFrames
		},
		errorCount,
		warningCount: issues.length - errorCount,
		analysedBytes: Math.min(next, bytes.length),
		handshake: judge.heads,
		deflate: {
			choice: deflateChoice,
			enabled,
			agreed,
			compressedMessages: messages.filter((m) => m.compressed).length,
			receiver
		}
	};
}
