/**
 * HTTP/2 framing (RFC 7540 §4, §6), sans-I/O: the connection preface, the 9-octet frame header,
 * and the per-type rules a receiver checks before anything else, each failure as data with its
 * HTTP/2 error code, whether it is a connection or a stream error (§5.4), and where it happened.
 * For WebSocket over HTTP/2 (RFC 8441), whose SETTINGS_ENABLE_CONNECT_PROTOCOL is read here too.
 */

/** The client connection preface (§3.5): 24 octets before any frame. */
export const PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export const FRAME_TYPES = {
	DATA: 0x0,
	HEADERS: 0x1,
	PRIORITY: 0x2,
	RST_STREAM: 0x3,
	SETTINGS: 0x4,
	PUSH_PROMISE: 0x5,
	PING: 0x6,
	GOAWAY: 0x7,
	WINDOW_UPDATE: 0x8,
	CONTINUATION: 0x9
} as const;
export type FrameTypeName = keyof typeof FRAME_TYPES;

export const FLAGS = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 } as const;

/** Error codes (§7). */
export const ERROR_CODES = {
	NO_ERROR: 0x0,
	PROTOCOL_ERROR: 0x1,
	INTERNAL_ERROR: 0x2,
	FLOW_CONTROL_ERROR: 0x3,
	SETTINGS_TIMEOUT: 0x4,
	STREAM_CLOSED: 0x5,
	FRAME_SIZE_ERROR: 0x6,
	REFUSED_STREAM: 0x7,
	CANCEL: 0x8,
	COMPRESSION_ERROR: 0x9,
	CONNECT_ERROR: 0xa,
	ENHANCE_YOUR_CALM: 0xb,
	INADEQUATE_SECURITY: 0xc,
	HTTP_1_1_REQUIRED: 0xd
} as const;
export type ErrorCodeName = keyof typeof ERROR_CODES;

/** SETTINGS parameters (§6.5.2), and RFC 8441 §3's ENABLE_CONNECT_PROTOCOL. */
export const SETTINGS = {
	HEADER_TABLE_SIZE: 0x1,
	ENABLE_PUSH: 0x2,
	MAX_CONCURRENT_STREAMS: 0x3,
	INITIAL_WINDOW_SIZE: 0x4,
	MAX_FRAME_SIZE: 0x5,
	MAX_HEADER_LIST_SIZE: 0x6,
	ENABLE_CONNECT_PROTOCOL: 0x8
} as const;

export interface Http2Frame {
	readonly type: number;
	readonly flags: number;
	readonly stream: number;
	readonly payload: Uint8Array;
	/** Offset of the frame's first header octet in the input. */
	readonly start: number;
}

/** Why a receiver stops: the rule, its HTTP/2 error code, connection or stream (§5.4), and where. */
export interface Http2Problem {
	readonly rule:
		| 'BAD_PREFACE'
		| 'FRAME_TOO_LARGE'
		| 'STREAM_ZERO_REQUIRED'
		| 'STREAM_ZERO_FORBIDDEN'
		| 'SETTINGS_LENGTH'
		| 'SETTINGS_ACK_LENGTH'
		| 'SETTINGS_VALUE'
		| 'PING_LENGTH'
		| 'WINDOW_UPDATE_LENGTH'
		| 'WINDOW_UPDATE_ZERO'
		| 'RST_STREAM_LENGTH'
		| 'GOAWAY_LENGTH'
		| 'PADDING_TOO_LONG'
		| 'CONTINUATION_EXPECTED'
		| 'CONTINUATION_UNEXPECTED'
		| 'STREAM_ID_PARITY'
		| 'STREAM_CLOSED'
		| 'DATA_ON_IDLE'
		| 'RST_ON_IDLE'
		| 'COMPRESSION'
		| 'FLOW_CONTROL'
		| 'WINDOW_OVERFLOW'
		| 'CONNECT_PROTOCOL_WITHDRAWN'
		| 'SETTINGS_EXPECTED'
		| 'PUSH_REFUSED'
		| 'MALFORMED_REQUEST'
		| 'MALFORMED_RESPONSE';
	readonly error: ErrorCodeName;
	readonly scope: 'connection' | 'stream';
	readonly stream: number;
	readonly at: number;
	readonly section: `RFC ${number} §${string}`;
	/** For COMPRESSION: what HPACK found wrong in the header block (RFC 7541). */
	readonly hpack?: import('./hpack').HpackProblem;
	/** Numbers and names the rule is about (a window and what arrived; a missing pseudo-header). */
	readonly params?: Readonly<Record<string, number | string>>;
}

/** A frame on the wire: the 9-octet header (§4.1) then the payload. */
export function encodeFrame(f: { type: number; flags?: number; stream?: number; payload?: Uint8Array }): Uint8Array {
	const payload = f.payload ?? new Uint8Array(0);
	const out = new Uint8Array(9 + payload.length);
	out[0] = (payload.length >>> 16) & 0xff;
	out[1] = (payload.length >>> 8) & 0xff;
	out[2] = payload.length & 0xff;
	out[3] = f.type;
	out[4] = f.flags ?? 0;
	new DataView(out.buffer).setUint32(5, (f.stream ?? 0) & 0x7fffffff);
	out.set(payload, 9);
	return out;
}

/** A SETTINGS payload: each parameter as a 16-bit id and a 32-bit value (§6.5.1). */
export function encodeSettings(settings: readonly (readonly [id: number, value: number])[]): Uint8Array {
	const out = new Uint8Array(settings.length * 6);
	const view = new DataView(out.buffer);
	settings.forEach(([id, value], i) => {
		view.setUint16(i * 6, id);
		view.setUint32(i * 6 + 2, value);
	});
	return out;
}

export function readSettings(payload: Uint8Array): [id: number, value: number][] {
	const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
	const out: [number, number][] = [];
	for (let at = 0; at + 6 <= payload.length; at += 6) out.push([view.getUint16(at), view.getUint32(at + 2)]);
	return out;
}

export interface ReadResult {
	readonly frames: readonly Http2Frame[];
	/** Octets read (the preface, whole frames); the rest waits for more input. */
	readonly consumed: number;
	readonly problem: Http2Problem | null;
}

/**
 * Read the frames in `bytes` (from `start`; after the preface when `preface` is set, as a server
 * reads a client), checking each against its type's rules. Stops at the first problem, or at a
 * frame not yet whole.
 */
export function readFrames(
	bytes: Uint8Array,
	opts: { preface?: boolean; maxFrameSize?: number; start?: number } = {}
): ReadResult {
	const max = opts.maxFrameSize ?? 16384;
	const frames: Http2Frame[] = [];
	let at = opts.start ?? 0;
	const stop = (p: Omit<Http2Problem, 'section'> & { section?: Http2Problem['section'] }): ReadResult => ({
		frames,
		consumed: at,
		problem: { section: 'RFC 7540 §6', ...p }
	});
	if (opts.preface) {
		const have = bytes.subarray(at, at + PREFACE.length);
		if (have.some((b, i) => b !== PREFACE[i]))
			return stop({
				rule: 'BAD_PREFACE',
				error: 'PROTOCOL_ERROR',
				scope: 'connection',
				stream: 0,
				at,
				section: 'RFC 7540 §3.5'
			});
		if (have.length < PREFACE.length) return { frames, consumed: at, problem: null };
		at += PREFACE.length;
	}
	while (at + 9 <= bytes.length) {
		const length = (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
		const type = bytes[at + 3];
		const flags = bytes[at + 4];
		const stream = new DataView(bytes.buffer, bytes.byteOffset + at + 5, 4).getUint32(0) & 0x7fffffff;
		const conn = (rule: Http2Problem['rule'], error: ErrorCodeName, section: Http2Problem['section']) =>
			stop({ rule, error, scope: 'connection', stream, at, section });
		if (length > max) return conn('FRAME_TOO_LARGE', 'FRAME_SIZE_ERROR', 'RFC 7540 §4.2');
		if (at + 9 + length > bytes.length) break;
		const payload = bytes.subarray(at + 9, at + 9 + length);
		switch (type) {
			case FRAME_TYPES.DATA:
			case FRAME_TYPES.HEADERS:
			case FRAME_TYPES.CONTINUATION:
			case FRAME_TYPES.PRIORITY:
				if (stream === 0) return conn('STREAM_ZERO_FORBIDDEN', 'PROTOCOL_ERROR', 'RFC 7540 §6.1');
				if (
					(type === FRAME_TYPES.DATA || type === FRAME_TYPES.HEADERS) &&
					flags & FLAGS.PADDED &&
					(length === 0 || payload[0] >= length)
				)
					return conn('PADDING_TOO_LONG', 'PROTOCOL_ERROR', 'RFC 7540 §6.1');
				break;
			case FRAME_TYPES.SETTINGS: {
				if (stream !== 0) return conn('STREAM_ZERO_REQUIRED', 'PROTOCOL_ERROR', 'RFC 7540 §6.5');
				if (flags & FLAGS.ACK && length !== 0) return conn('SETTINGS_ACK_LENGTH', 'FRAME_SIZE_ERROR', 'RFC 7540 §6.5');
				if (length % 6 !== 0) return conn('SETTINGS_LENGTH', 'FRAME_SIZE_ERROR', 'RFC 7540 §6.5');
				for (const [id, value] of readSettings(payload)) {
					const bad =
						((id === SETTINGS.ENABLE_PUSH || id === SETTINGS.ENABLE_CONNECT_PROTOCOL) && value > 1) ||
						(id === SETTINGS.MAX_FRAME_SIZE && (value < 16384 || value > 0xffffff));
					if (bad)
						return conn(
							'SETTINGS_VALUE',
							'PROTOCOL_ERROR',
							id === SETTINGS.ENABLE_CONNECT_PROTOCOL ? 'RFC 8441 §3' : 'RFC 7540 §6.5.2'
						);
					if (id === SETTINGS.INITIAL_WINDOW_SIZE && value > 0x7fffffff)
						return conn('SETTINGS_VALUE', 'FLOW_CONTROL_ERROR', 'RFC 7540 §6.5.2');
				}
				break;
			}
			case FRAME_TYPES.PING:
				if (stream !== 0) return conn('STREAM_ZERO_REQUIRED', 'PROTOCOL_ERROR', 'RFC 7540 §6.7');
				if (length !== 8) return conn('PING_LENGTH', 'FRAME_SIZE_ERROR', 'RFC 7540 §6.7');
				break;
			case FRAME_TYPES.GOAWAY:
				if (stream !== 0) return conn('STREAM_ZERO_REQUIRED', 'PROTOCOL_ERROR', 'RFC 7540 §6.8');
				if (length < 8) return conn('GOAWAY_LENGTH', 'FRAME_SIZE_ERROR', 'RFC 7540 §6.8');
				break;
			case FRAME_TYPES.RST_STREAM:
				if (stream === 0) return conn('STREAM_ZERO_FORBIDDEN', 'PROTOCOL_ERROR', 'RFC 7540 §6.4');
				if (length !== 4) return conn('RST_STREAM_LENGTH', 'FRAME_SIZE_ERROR', 'RFC 7540 §6.4');
				break;
			case FRAME_TYPES.WINDOW_UPDATE: {
				if (length !== 4) return conn('WINDOW_UPDATE_LENGTH', 'FRAME_SIZE_ERROR', 'RFC 7540 §6.9');
				const increment = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0) & 0x7fffffff;
				// §6.9: a zero increment is a stream error on a stream, a connection error on the connection.
				if (increment === 0)
					return stop({
						rule: 'WINDOW_UPDATE_ZERO',
						error: 'PROTOCOL_ERROR',
						scope: stream === 0 ? 'connection' : 'stream',
						stream,
						at,
						section: 'RFC 7540 §6.9'
					});
				break;
			}
			// §4.1: frames of an unknown type are ignored.
		}
		frames.push({ type, flags, stream, payload, start: at });
		at += 9 + length;
	}
	return { frames, consumed: at, problem: null };
}
