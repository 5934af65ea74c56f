/**
 * Stream analysis for the decoder page: the engine's FrameDecoder (onError 'continue') and
 * MessageAssembler run over a pasted byte string, and everything they find is kept, placed at bytes.
 * permessage-deflate (RFC 7692) is the engine's own codec handed to the assembler: messages whose
 * first frame has RSV1 set are inflated as the receiving side would, context takeover included.
 *
 * Never throws for any input and runs in time linear in the bytes (plus at most maxFrames frames).
 */
import {
	annotateFrame,
	closeCodeInfo,
	concat,
	decodeUtf8,
	DEFAULT_DEFLATE_PARAMS,
	DEFLATE_TAIL,
	FrameDecoder,
	minimalLengthForm,
	MessageAssembler,
	parseClosePayload,
	PERMESSAGE_DEFLATE,
	PermessageDeflateCodec,
	protocolError,
	validateUtf8,
	walkDeflate,
	type DecodedFrame,
	type FieldAnnotation,
	type FrameHeader,
	type MessageCodec,
	type ProtocolError
} from '$lib/protocol';
import { leadingHeads } from './handshake';
import { fromProtocolError, lengthRange, pageIssue, pendingHeaderErrors } from './issues';
import { pendingHeader } from './pending';
import type {
	AnalyzeOptions,
	ByteIssue,
	CloseInfo,
	FrameAnalysis,
	FrameKind,
	MessageAnalysis,
	Role,
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
/** Bytes handed to the decoder at a time, so maxFrames can stop it early. */
const CHUNK = 64 * 1024;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type FrameDraft = Mutable<FrameAnalysis>;
type MessageDraft = Mutable<MessageAnalysis>;

const KINDS: Record<number, FrameKind> = { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' };

export function frameKind(opcode: number): FrameKind {
	return KINDS[opcode] ?? 'reserved';
}

/** A frame's field annotations (RFC 6455 §5.2), in stream offsets. */
export function frameFields(frame: FrameAnalysis): readonly FieldAnnotation[] {
	return frame.fields ?? annotateFrame(frame.header, frame.offset);
}

/** Reads a close payload for display, valid or not (the engine's parseClosePayload judges it). */
export function closeInfo(payload: Uint8Array): CloseInfo {
	const parsed = parseClosePayload(payload);
	const reasonBytes = payload.length > 2 ? payload.subarray(2) : new Uint8Array(0);
	return {
		code: parsed.code,
		reason: decodeUtf8(reasonBytes),
		reasonValid: validateUtf8(reasonBytes).ok
	};
}

/**
 * One inflater per direction. A paste may hold both sides of a conversation (a "Follow TCP Stream"
 * dump), and each side compresses with its own LZ77 window (RFC 7692 §7.2.1, §7.2.2): a reply must
 * not be inflated with the window of the message it answers. A frame's MASK bit says which side sent
 * it (RFC 6455 §5.1); `masked` is set to the frame about to be read.
 */
class InflaterPair implements MessageCodec {
	readonly name = PERMESSAGE_DEFLATE;
	readonly rsvBits = 0x40; // RSV1, "Per-Message Compressed" (RFC 7692 §6)
	masked = false;
	/** Bytes still allowed to come out of inflating, over the whole paste. */
	private budget: number;
	private readonly ofClient = new PermessageDeflateCodec(DEFAULT_DEFLATE_PARAMS, 'server');
	private readonly ofServer = new PermessageDeflateCodec(DEFAULT_DEFLATE_PARAMS, 'client');

	constructor(budget: number) {
		this.budget = budget;
	}

	decompress(payload: Uint8Array, maxSize: number) {
		// Once spent, every later message is refused alike: trying would only fail on a broken window.
		if (this.budget <= 0) return { ok: false as const, error: protocolError('MESSAGE_TOO_BIG') };
		const limitedByBudget = this.budget < maxSize;
		const r = (this.masked ? this.ofClient : this.ofServer).decompress(payload, Math.min(maxSize, this.budget));
		if (r.ok) this.budget -= r.data.length;
		else if (limitedByBudget && r.error.code === 'MESSAGE_TOO_BIG') this.budget = 0;
		return r;
	}

	compress(): null {
		return null; // the decoder only reads
	}
}

export function analyzeStream(input: Uint8Array, options: AnalyzeOptions = {}): StreamAnalysis {
	const bytes = input instanceof Uint8Array ? input : new Uint8Array(0);
	const maxFrames = Math.max(1, options.maxFrames ?? DEFAULT_MAX_FRAMES);
	const deflateChoice = options.codec !== undefined ? (options.codec ? 'on' : 'off') : (options.deflate ?? 'off');
	// A pasted TCP stream starts with the opening handshake: read it, and frame what follows.
	const lead = leadingHeads(bytes);
	const begin = lead.cut ? bytes.length : lead.end;
	const response = lead.heads.find((h) => h.role === 'server');
	const agreed = response ? response.deflate : null;
	// The side that reads a frame inflates it: the server for masked (client) frames. Reported for
	// the first frame; InflaterPair picks per frame.
	const receiver: Role = bytes.length > begin + 1 && bytes[begin + 1] & 0x80 ? 'server' : 'client';
	// 'auto' follows the handshake when the paste has one, and RSV1 otherwise.
	const inflate = deflateChoice === 'on' || (deflateChoice === 'auto' && agreed !== false);
	const pair = options.codec === undefined && inflate ? new InflaterPair(options.inflateBudget ?? INFLATE_BUDGET) : null;
	const codec = options.codec !== undefined ? options.codec : pair;
	const allowedRsv = codec?.rsvBits ?? 0;
	const maxMessageSize = options.maxMessageSize ?? (codec ? INFLATE_LIMIT : undefined);
	const asmOpts = { codec, keepFrames: false, ...(maxMessageSize !== undefined ? { maxMessageSize } : {}) };

	// Two assemblers. The decoder asks for header rules while it parses, ahead of the payloads it
	// hands over, so header state and payload state advance at different times. And with
	// onError 'continue', an EXPECTED_CONTINUATION leaves the engine's header state still inside the
	// old message (engine gap, reported): the page treats the new frame as a new message, so the
	// header assembler is replaced and asked again about that frame.
	let headerRules = new MessageAssembler(asmOpts);
	const payloadRules = new MessageAssembler(asmOpts);
	/** Header errors by frame offset: for cut-off frames, and the re-asked rules above. */
	const hookErrors = new Map<number, ProtocolError[]>();
	const note = (at: number, e: ProtocolError) => hookErrors.set(at, [...(hookErrors.get(at) ?? []), e]);

	const decoder = new FrameDecoder({
		startOffset: begin,
		onError: 'continue',
		expectMasked: 'any',
		allowedRsv,
		inspectHeader: (h, at) => {
			const e = headerRules.inspectHeader(h, at);
			if (e) note(at, e);
			if (e?.code === 'EXPECTED_CONTINUATION') {
				headerRules = new MessageAssembler(asmOpts);
				const again = headerRules.inspectHeader(h, at);
				if (again) note(at, again);
			}
			return e;
		}
	});

	const frames: FrameDraft[] = [];
	const messages: MessageDraft[] = [];
	const loose: ByteIssue[] = [];
	// The text or binary message being reassembled (in an object: closures below replace it).
	const open: { current: MessageDraft | null } = { current: null };
	let next = begin; // end of the last whole frame
	let stopped: 'fatal' | 'cap' | null = null;

	const addIssue = (frame: FrameDraft | null, issue: ByteIssue) => {
		if (frame) frame.issues.push(issue);
		else loose.push(issue);
	};

	/** The engine's errors for a frame, including the second opinion asked above. */
	const frameErrors = (f: DecodedFrame): ProtocolError[] => {
		const extra = (hookErrors.get(f.offset) ?? []).filter((e) => !f.errors.some((x) => x.code === e.code));
		hookErrors.delete(f.offset);
		return [...f.errors, ...extra];
	};

	const startMessage = (kind: 'text' | 'binary', frame: FrameDraft, compressed: boolean): MessageDraft => {
		if (open.current && !open.current.complete) closeUnfinished(open.current, true);
		const m: MessageDraft = {
			index: messages.length, kind, frames: [frame.index], data: new Uint8Array(0), complete: false,
			invalid: false, compressed, interleaved: []
		};
		messages.push(m);
		return m;
	};

	/** A message without its final frame: data is what arrived; the reason is reported once. */
	const closeUnfinished = (m: MessageDraft, abandoned: boolean) => {
		const joined = concat(m.frames.map((i) => frames[i].payload));
		// Half a DEFLATE stream cannot be inflated: keep it as what was sent.
		if (m.compressed) m.deflated = joined;
		else m.data = joined;
		const last = frames[m.frames[m.frames.length - 1]];
		if (!abandoned && last.complete)
			addIssue(last, pageIssue('UNFINISHED_MESSAGE', 'warning', last.offset, last.offset + 1, last.index, { frames: m.frames.length }));
		if (abandoned) {
			const first = frames[m.frames[0]];
			addIssue(first, pageIssue('ABANDONED_MESSAGE', 'warning', first.offset, first.offset + 1, first.index, { frames: m.frames.length }));
		}
	};

	const assemble = (draft: FrameDraft, f: DecodedFrame, errors: readonly ProtocolError[]) => {
		const kind = draft.kind;
		if (kind === 'reserved') return;
		if (kind === 'ping' || kind === 'pong' || kind === 'close') {
			const m: MessageDraft = {
				index: messages.length, kind, frames: [draft.index], data: f.payload, complete: true, invalid: false,
				compressed: false, interleaved: []
			};
			if (kind === 'close') m.close = draft.close = closeInfo(f.payload);
			messages.push(m);
			draft.message = m.index;
			if (open.current && !open.current.complete) open.current.interleaved.push(draft.index);
		} else if (kind === 'continuation') {
			// A continuation with no message to continue is reported and left out of reassembly.
			if (errors.some((e) => e.code === 'UNEXPECTED_CONTINUATION') || !open.current || open.current.complete) return;
			open.current.frames.push(draft.index);
			draft.message = open.current.index;
			draft.compressed = open.current.compressed;
		} else {
			open.current = startMessage(kind, draft, f.rsv1 && codec !== null);
			draft.message = open.current.index;
			draft.compressed = open.current.compressed;
		}
		if (pair) pair.masked = f.masked; // the sender of the message this frame may complete
		let notInflated = false;
		for (const ev of payloadRules.frame(f)) {
			if (ev.kind === 'error') {
				if (ev.error.code === 'INVALID_COMPRESSED_DATA' || ev.error.code === 'MESSAGE_TOO_BIG') notInflated = true;
				const extra: Record<string, number> = draft.close?.code != null ? { code: draft.close.code } : {};
				addIssue(draft, fromProtocolError(ev.error, draft.index, f, f.offset, 'error', extra));
				if (draft.message !== null) messages[draft.message].invalid = true;
			} else if (ev.kind === 'message' && open.current) {
				const m = open.current;
				m.complete = true;
				m.invalid ||= ev.invalid === true;
				// A compressed message that could not be inflated has no data to show (only its DEFLATE bytes).
				m.data = m.compressed && notInflated ? new Uint8Array(0) : ev.data;
				if (m.compressed && notInflated) m.deflated = concat(m.frames.map((i) => frames[i].payload));
				else if (m.compressed) {
					m.deflated = concat(m.frames.map((i) => frames[i].payload));
					m.deflateWalk = walkDeflate(concat([m.deflated, DEFLATE_TAIL]));
					draft.inflated = { message: m.index, kind: m.kind as 'text' | 'binary', data: ev.data, deflatedLength: m.deflated.length };
				}
			}
		}
	};

	const takeFrame = (f: DecodedFrame) => {
		const size = f.headerLength + f.payloadLength;
		const draft: FrameDraft = {
			index: frames.length, offset: f.offset, size, wire: bytes.subarray(f.offset, f.offset + size),
			header: headerOf(f), headerKnown: true, payload: f.payload, complete: true, missing: 0, fatal: false,
			kind: frameKind(f.opcode), message: null, issues: []
		};
		frames.push(draft);
		const errors = frameErrors(f);
		for (const e of errors) draft.issues.push(fromProtocolError(e, draft.index, f, f.offset));
		for (const w of f.warnings) {
			const [start, end] = lengthRange(f, f.offset);
			draft.issues.push(pageIssue(w.code, 'warning', start, end, draft.index, {
				length: f.payloadLength, form: f.lengthForm, minimal: minimalLengthForm(f.payloadLength)
			}));
		}
		assemble(draft, f, errors);
		next = f.offset + size;
	};

	// A handshake the other side would refuse is an error at its bytes, with the engine's reason.
	for (const h of lead.heads)
		if (h.verdict && !h.verdict.ok)
			loose.push({
				...pageIssue('HANDSHAKE_REFUSED', 'error', h.start, h.end, null, { side: h.role, status: h.verdict.status ?? '' }),
				rfc: h.verdict.rfc,
				...(h.verdict.reason ? { detail: h.verdict.reason } : {})
			});
	if (lead.cut) {
		const reason = lead.cut.reason;
		loose.push(pageIssue('INCOMPLETE_HTTP_HEAD', 'error', lead.cut.start, bytes.length, null, reason ? { reason } : {}));
	}
	for (let pos = begin; pos < bytes.length && !stopped; pos += CHUNK) {
		// A copy: the decoder unmasks payloads in place, and the page shows the masked bytes too.
		for (const r of decoder.push(bytes.slice(pos, pos + CHUNK))) {
			if (frames.length >= maxFrames) {
				stopped = 'cap';
				break;
			}
			if (r.type === 'frame') takeFrame(r.frame);
			else {
				stopped = 'fatal';
				fatalFrame(r.error, r.header ?? null);
				break;
			}
		}
		if (!stopped && frames.length >= maxFrames && next < bytes.length) stopped = 'cap';
	}

	function fatalFrame(error: ProtocolError, known: FrameHeader | null) {
		const start = next;
		const p = pendingHeader(bytes.subarray(start), start);
		const header = known ?? p.header;
		const hl = header.headerLength;
		const draft: FrameDraft = {
			index: frames.length, offset: start, size: hl, wire: bytes.subarray(start, start + hl), header,
			headerKnown: true, payload: new Uint8Array(0), complete: false, missing: 0, fatal: true,
			kind: frameKind(header.opcode), message: null, issues: [],
			fields: known ? annotateFrame(known, start).filter((f) => f.field !== 'payload') : p.fields
		};
		frames.push(draft);
		for (const e of pendingHeaderErrors(header, start, allowedRsv, true, known !== null))
			draft.issues.push(fromProtocolError(e, draft.index, header, start));
		draft.issues.push(fromProtocolError(error, draft.index, header, start));
		next = start + hl;
		if (next < bytes.length)
			loose.push(pageIssue('UNFRAMED_BYTES', 'warning', next, bytes.length, null, { count: bytes.length - next }));
	}

	if (stopped === 'cap') {
		loose.push(pageIssue('NOT_ANALYSED', 'warning', next, bytes.length, null, { count: bytes.length - next, frames: maxFrames }));
	} else if (!stopped && next < bytes.length) {
		cutOffFrame();
	}

	/** The input ends inside a frame: show what there is and how much is missing. */
	function cutOffFrame() {
		const start = next;
		const wire = bytes.subarray(start);
		const partial = decoder.partial();
		let header: FrameHeader;
		let payload: Uint8Array = new Uint8Array(0);
		let fields: FieldAnnotation[] | undefined;
		let missing: number;
		let errors: ProtocolError[];
		let headerKnown = true;
		let exact = true;
		if (partial && partial.offset === start) {
			header = partial.header;
			payload = partial.received;
			missing = header.headerLength + header.payloadLength - wire.length;
			errors = pendingHeaderErrors(header, start, allowedRsv, true, true);
		} else {
			const p = pendingHeader(wire, start);
			header = p.header;
			fields = p.fields;
			missing = p.missing;
			headerKnown = wire.length >= p.headerLength;
			exact = p.lengthKnown;
			errors = pendingHeaderErrors(header, start, allowedRsv, wire.length > 1, p.lengthKnown);
			// The decoder never reached this header, so the message rules are asked here.
			if (wire.length > 1) {
				const e = headerRules.inspectHeader(header, start);
				if (e) errors.push(e);
			}
		}
		errors.push(...(hookErrors.get(start) ?? []));
		const draft: FrameDraft = {
			index: frames.length, offset: start, size: wire.length + missing, wire, header, headerKnown, payload,
			complete: false, missing, fatal: false, kind: frameKind(header.opcode), message: null, issues: [],
			...(fields ? { fields } : {})
		};
		frames.push(draft);
		for (const e of errors) draft.issues.push(fromProtocolError(e, draft.index, header, start));
		draft.issues.push(pageIssue('INCOMPLETE_FRAME', 'error', start + wire.length - 1, start + wire.length, draft.index, {
			missing, have: wire.length, exact: exact ? 1 : 0
		}));
		const orphan = errors.some((e) => e.code === 'UNEXPECTED_CONTINUATION');
		if (draft.kind === 'text' || draft.kind === 'binary') {
			open.current = startMessage(draft.kind, draft, header.rsv1 && codec !== null);
			draft.message = open.current.index;
			draft.compressed = open.current.compressed;
		} else if (draft.kind === 'continuation' && open.current && !open.current.complete && !orphan) {
			open.current.frames.push(draft.index);
			draft.message = open.current.index;
			draft.compressed = open.current.compressed;
		}
		// Text that is already invalid fails fast, before the frame ends (RFC 6455 §8.1).
		if (partial && partial.offset === start && draft.message !== null && !orphan) {
			const e = payloadRules.checkPartial(header, start, payload);
			if (e) {
				draft.issues.push(fromProtocolError(e, draft.index, header, start));
				messages[draft.message].invalid = true;
			}
		}
		next = bytes.length;
	}

	// A fragmented message still open at the end of the input.
	if (open.current && !open.current.complete) closeUnfinished(open.current, false);

	// A pasted handshake with both heads is a whole conversation: frames go both ways.
	const bothWays = lead.heads.length === 2;
	const role = checkRole(frames, options.role ?? 'auto', bothWays);
	// A field cut off by the end of the input (half a 64-bit length) is flagged up to the end only.
	const clamp = (i: ByteIssue): ByteIssue => {
		const start = Math.min(i.start, Math.max(0, bytes.length - 1));
		const end = Math.max(start + 1, Math.min(i.end, bytes.length));
		return start === i.start && end === i.end ? i : { ...i, start, end };
	};
	for (const f of frames) f.issues = f.issues.map(clamp).sort((a, b) => a.start - b.start || sev(a) - sev(b));
	const issues = [...frames.flatMap((f) => f.issues), ...loose.map(clamp)].sort((a, b) => a.start - b.start || sev(a) - sev(b));
	const errorCount = issues.filter((i) => i.severity === 'error').length;
	return {
		bytes,
		frames,
		messages,
		issues,
		role,
		errorCount,
		warningCount: issues.length - errorCount,
		analysedBytes: Math.min(next, bytes.length),
		handshake: lead.heads,
		deflate: {
			choice: deflateChoice,
			enabled: codec !== null,
			agreed,
			compressedMessages: messages.filter((m) => m.compressed).length,
			receiver: codec ? receiver : null
		}
	};
}

const sev = (i: ByteIssue) => (i.severity === 'error' ? 0 : 1);

/** The header fields alone (a DecodedFrame also carries its payload and findings). */
function headerOf(f: DecodedFrame): FrameHeader {
	return {
		fin: f.fin, rsv1: f.rsv1, rsv2: f.rsv2, rsv3: f.rsv3, opcode: f.opcode, masked: f.masked,
		payloadLength: f.payloadLength, lengthForm: f.lengthForm, maskKey: f.maskKey, headerLength: f.headerLength
	};
}

/**
 * Client-to-server frames are masked and server-to-client frames are not (RFC 6455 §5.1). The role
 * is inferred from the first frame unless chosen; a frame that does not match is a warning (the
 * paste may mix directions), saying what the receiving side would do.
 */
function checkRole(frames: FrameDraft[], chosen: 'auto' | Role, bothWays: boolean): StreamAnalysis['role'] {
	const known = frames.filter((f) => f.wire.length > 1);
	const maskedFrames = known.filter((f) => f.header.masked).length;
	const inferred: Role | null = known.length ? (known[0].header.masked ? 'client' : 'server') : null;
	// Both ways: each frame's MASK bit says who sent it, and there is no one direction to check against.
	const effective = chosen === 'auto' ? (bothWays ? null : inferred) : chosen;
	if (effective) {
		for (const f of known) {
			if (f.header.masked === (effective === 'client')) continue;
			const e = protocolError(effective === 'client' ? 'UNMASKED_CLIENT_FRAME' : 'MASKED_SERVER_FRAME', undefined, f.offset + 1);
			f.issues.push(fromProtocolError(e, f.index, f.header, f.offset, 'warning', { role: effective }));
		}
	}
	return { chosen, inferred, effective, bothWays: chosen === 'auto' && bothWays, maskedFrames, unmaskedFrames: known.length - maskedFrames };
}

export { closeCodeInfo };
