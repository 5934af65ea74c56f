/**
 * One HTTP/2 frame as plain data for a view (the simulator's steps, the decoder's list): its header
 * fields and each part of its payload placed at its bytes, with the values the RFC names, so every
 * byte of the frame is covered by exactly one field. A header block's parts come from whoever
 * decoded it (HPACK is stateful: the connection's HpackDecoder), placed here at their bytes.
 */
import { ERROR_CODES, FLAGS, FRAME_TYPES, SETTINGS, type ErrorCodeName, type FrameTypeName } from './frames';
import type { HpackRepresentation } from './hpack';

export type SettingName = keyof typeof SETTINGS;

export interface Http2Field {
	readonly key:
		| 'length'
		| 'type'
		| 'flags'
		| 'stream'
		| 'pad-length'
		| 'priority'
		| 'header-block'
		| 'hpack'
		| 'data'
		| 'padding'
		| 'setting'
		| 'increment'
		| 'error-code'
		| 'last-stream'
		| 'debug'
		| 'opaque'
		| 'payload';
	/** Octets of the frame, from its first header octet: [start, end). */
	readonly start: number;
	readonly end: number;
	readonly value?: number;
	readonly setting?: { readonly id: number; readonly name: SettingName | null; readonly value: number };
	/** For 'hpack': the representation (its start and end are within the header block). */
	readonly hpack?: HpackRepresentation;
	readonly error?: ErrorCodeName | number;
}

export interface Http2FrameView {
	readonly length: number;
	readonly type: number;
	/** The type's name (DATA, HEADERS...), or null for a type this side does not know (§4.1: ignored). */
	readonly typeName: FrameTypeName | null;
	readonly flags: number;
	/** The flags set, by the names they have for this type (§6). */
	readonly flagNames: readonly string[];
	readonly stream: number;
	readonly fields: readonly Http2Field[];
	readonly settings?: readonly { readonly id: number; readonly name: SettingName | null; readonly value: number }[];
	readonly headers?: readonly (readonly [string, string])[];
	readonly increment?: number;
	readonly error?: ErrorCodeName | number;
	readonly lastStream?: number;
	/** For DATA: where its data (the tunnel's bytes) sits in the frame, padding aside. */
	readonly data?: { readonly start: number; readonly end: number };
}

const typeName = (type: number): FrameTypeName | null =>
	(Object.keys(FRAME_TYPES) as FrameTypeName[]).find((k) => FRAME_TYPES[k] === type) ?? null;

export const settingName = (id: number): SettingName | null =>
	(Object.keys(SETTINGS) as SettingName[]).find((k) => SETTINGS[k] === id) ?? null;

export const errorCodeName = (code: number): ErrorCodeName | number =>
	(Object.keys(ERROR_CODES) as ErrorCodeName[]).find((k) => ERROR_CODES[k] === code) ?? code;

/** Which flags a type defines (§6): the same bit has a different name on different types. */
function flagNames(type: number, flags: number): string[] {
	const names: [number, string][] =
		type === FRAME_TYPES.SETTINGS || type === FRAME_TYPES.PING
			? [[FLAGS.ACK, 'ACK']]
			: type === FRAME_TYPES.DATA
				? [
						[FLAGS.END_STREAM, 'END_STREAM'],
						[FLAGS.PADDED, 'PADDED']
					]
				: type === FRAME_TYPES.HEADERS
					? [
							[FLAGS.END_STREAM, 'END_STREAM'],
							[FLAGS.END_HEADERS, 'END_HEADERS'],
							[FLAGS.PADDED, 'PADDED'],
							[FLAGS.PRIORITY, 'PRIORITY']
						]
					: type === FRAME_TYPES.CONTINUATION
						? [[FLAGS.END_HEADERS, 'END_HEADERS']]
						: [];
	return names.filter(([bit]) => flags & bit).map(([, n]) => n);
}

/**
 * Describe one whole frame (`bytes`: its 9-octet header and payload). `block`: for HEADERS, the
 * representations and header list its block decoded to, if the caller decoded it.
 */
export function describeHttp2Frame(
	bytes: Uint8Array,
	block?: { readonly parts: readonly HpackRepresentation[]; readonly headers: readonly (readonly [string, string])[] }
): Http2FrameView {
	const length = (bytes[0] << 16) | (bytes[1] << 8) | bytes[2];
	const type = bytes[3];
	const flags = bytes[4];
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const stream = view.getUint32(5) & 0x7fffffff;
	const end = Math.min(bytes.length, 9 + length);
	const fields: Http2Field[] = [
		{ key: 'length', start: 0, end: 3, value: length },
		{ key: 'type', start: 3, end: 4, value: type },
		{ key: 'flags', start: 4, end: 5, value: flags },
		{ key: 'stream', start: 5, end: 9, value: stream }
	];
	const out: { -readonly [K in keyof Http2FrameView]: Http2FrameView[K] } = {
		length,
		type,
		typeName: typeName(type),
		flags,
		flagNames: flagNames(type, flags),
		stream,
		fields
	};
	const u32 = (at: number) => (at + 4 <= end ? view.getUint32(at) : 0);
	let at = 9;
	switch (type) {
		case FRAME_TYPES.DATA:
		case FRAME_TYPES.HEADERS: {
			let stop = end;
			if (flags & FLAGS.PADDED && at < end) {
				const pad = bytes[at];
				fields.push({ key: 'pad-length', start: at, end: at + 1, value: pad });
				at += 1;
				stop = Math.max(at, end - pad);
			}
			if (type === FRAME_TYPES.HEADERS && flags & FLAGS.PRIORITY && at + 5 <= stop) {
				fields.push({ key: 'priority', start: at, end: at + 5 });
				at += 5;
			}
			if (type === FRAME_TYPES.DATA) {
				if (stop > at) fields.push({ key: 'data', start: at, end: stop });
				out.data = { start: at, end: stop };
			} else if (block && block.parts.length) {
				for (const p of block.parts)
					if (at + p.start < stop)
						fields.push({ key: 'hpack', start: at + p.start, end: Math.min(stop, at + p.end), hpack: p });
				out.headers = block.headers;
				// Octets of the block after its last part (a block cut into CONTINUATION frames).
				const last = at + block.parts[block.parts.length - 1].end;
				if (last < stop) fields.push({ key: 'header-block', start: last, end: stop });
			} else if (stop > at) fields.push({ key: 'header-block', start: at, end: stop });
			if (stop < end) fields.push({ key: 'padding', start: stop, end });
			break;
		}
		case FRAME_TYPES.SETTINGS: {
			const settings: { id: number; name: SettingName | null; value: number }[] = [];
			for (; at + 6 <= end; at += 6) {
				const s = { id: view.getUint16(at), name: settingName(view.getUint16(at)), value: view.getUint32(at + 2) };
				settings.push(s);
				fields.push({ key: 'setting', start: at, end: at + 6, setting: s, value: s.value });
			}
			out.settings = settings;
			break;
		}
		case FRAME_TYPES.WINDOW_UPDATE:
			out.increment = u32(at) & 0x7fffffff;
			fields.push({ key: 'increment', start: at, end: Math.min(end, at + 4), value: out.increment });
			break;
		case FRAME_TYPES.RST_STREAM:
			out.error = errorCodeName(u32(at));
			fields.push({ key: 'error-code', start: at, end: Math.min(end, at + 4), error: out.error });
			break;
		case FRAME_TYPES.GOAWAY:
			out.lastStream = u32(at) & 0x7fffffff;
			out.error = errorCodeName(u32(at + 4));
			fields.push({ key: 'last-stream', start: at, end: Math.min(end, at + 4), value: out.lastStream });
			fields.push({ key: 'error-code', start: Math.min(end, at + 4), end: Math.min(end, at + 8), error: out.error });
			at += 8;
			if (at < end) fields.push({ key: 'debug', start: at, end });
			break;
		case FRAME_TYPES.PING:
			if (end > at) fields.push({ key: 'opaque', start: at, end });
			break;
		default:
			if (end > at) fields.push({ key: 'payload', start: at, end });
	}
	// Anything a field above did not claim (a length that disagrees with its type) is the payload's.
	const claimed = fields.reduce((m, f) => Math.max(m, f.end), 9);
	if (claimed < end) fields.push({ key: 'payload', start: claimed, end });
	return out;
}
