/**
 * Turning the engine's records into plain step data: byte arrays, header summaries, HTTP heads.
 * Nothing here decides protocol: headers, close payloads, HTTP heads and UTF-8 all go through
 * src/lib/protocol; this file only copies what the engine produced into serializable shapes.
 */

import {
	concat,
	decodeUtf8,
	DEFLATE_TAIL,
	headToText,
	Opcode,
	parseClosePayload,
	PERMESSAGE_DEFLATE,
	readHead,
	walkDeflate,
	type FrameHeader,
	type Outgoing
} from '$lib/protocol';
import type { DeflateView, FrameView, HttpView } from './types';

/** Payload bytes kept per step for previews; a 70000-byte frame keeps its header and these. */
export const PREVIEW_BYTES = 64;
/** Characters of text kept for previews of messages and fragments. */
export const PREVIEW_CHARS = 160;

export function toArray(bytes: Uint8Array): number[] {
	return Array.from(bytes);
}

/** The exact bytes an outgoing record puts on the wire, in order. */
export function wireBytes(o: Outgoing): Uint8Array {
	return o.kind === 'handshake' ? o.bytes : o.parts.length === 1 ? o.parts[0] : concat(o.parts);
}

/** Text for show: the first PREVIEW_CHARS characters, with a character cut at the end dropped. */
export function previewText(bytes: Uint8Array): string {
	const cut = bytes.length > PREVIEW_CHARS * 4;
	let s = decodeUtf8(cut ? bytes.subarray(0, PREVIEW_CHARS * 4) : bytes);
	if (cut) s = s.replace(/\uFFFD$/, '');
	return s.length > PREVIEW_CHARS ? s.slice(0, PREVIEW_CHARS) + '…' : s;
}

export function frameView(h: FrameHeader, payload: Uint8Array, textMessage: boolean, deflate?: DeflateView): FrameView {
	const view: FrameView = {
		fin: h.fin,
		rsv1: h.rsv1,
		rsv2: h.rsv2,
		rsv3: h.rsv3,
		opcode: h.opcode,
		masked: h.masked,
		payloadLength: h.payloadLength,
		lengthForm: h.lengthForm,
		maskKey: h.maskKey ? toArray(h.maskKey) : null,
		headerLength: h.headerLength,
		payloadPreview: toArray(payload.subarray(0, PREVIEW_BYTES)),
		...(deflate ? { deflate } : {})
	};
	if (h.opcode === Opcode.Close) {
		const c = parseClosePayload(payload);
		return { ...view, close: { code: c.code, reason: c.ok ? c.reason : '' } };
	}
	// Compressed payloads (RSV1 with permessage-deflate) are not text until inflated.
	if (textMessage && !h.rsv1 && payload.length > 0) return { ...view, text: previewText(payload) };
	return view;
}

export function httpView(bytes: Uint8Array): HttpView {
	const r = readHead(bytes);
	if (r.kind !== 'head') return { startLine: headToText(bytes).split('\r\n')[0] ?? '', fields: [], body: '' };
	return {
		startLine: r.head.startLine,
		fields: r.head.fields.map(([n, v]) => [n, v] as const),
		body: headToText(bytes.subarray(r.head.length))
	};
}

/** Whether an engine's agreed extensions (its `extensions`, as formatted for the handshake) include permessage-deflate. */
export function hasDeflate(extensions: readonly string[]): boolean {
	return extensions.some((e) => e.split(';')[0].trim().toLowerCase() === PERMESSAGE_DEFLATE);
}

/**
 * What RSV1 says about a frame once permessage-deflate is agreed (RFC 7692 §6), and for a compressed
 * message in one frame, its DEFLATE data as the receiver reads it: the 00 00 FF FF put back (§7.2.2),
 * then the blocks walked by the engine's walkDeflate (sizes and back-references, no inflating).
 */
export function deflateView(h: Pick<FrameHeader, 'fin' | 'rsv1' | 'opcode'>, payload: Uint8Array): DeflateView {
	if (h.opcode & 0x8) return { rsv1: 'control' };
	if (h.opcode === Opcode.Continuation) return { rsv1: 'continuation' };
	if (!h.rsv1) return { rsv1: 'uncompressed' };
	// The first fragment of a compressed message holds only part of its DEFLATE data.
	if (!h.fin) return { rsv1: 'compressed' };
	const walk = walkDeflate(concat([payload, DEFLATE_TAIL]));
	if (walk.error) return { rsv1: 'compressed' };
	return {
		rsv1: 'compressed',
		compressedSize: payload.length,
		size: walk.outputBytes,
		literals: walk.blocks.reduce((n, b) => n + b.literals, 0),
		matches: walk.blocks.reduce((n, b) => n + b.matches, 0),
		reachesBack: walk.reachesBack
	};
}
