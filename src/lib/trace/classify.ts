/**
 * Which explanation the engine gave an outgoing record, as a key and parameters, so the step can
 * be told in Korean too (src/lib/i18n/simulate.ts). The English stays the engine's own `explain`;
 * this only recognises which of its sentences it is, from the frame and what the sender just read.
 * The exception is permessage-deflate (RFC 7692): there the sentence also says what was offered or
 * agreed and what the DEFLATE data holds, which the engine's sentence leaves out (text.ts).
 */

import { closeCodeInfo, Opcode, parseExtensions, PERMESSAGE_DEFLATE, type ConnectionEvent, type Outgoing } from '../protocol';
import { deflateView, headerOf } from './describe';
import { runnerText } from './text';
import type { DeflateView, ExplainParams, Side } from './types';
import type { Note } from './wire';

export interface Meta {
	key: string;
	params: ExplainParams;
	explain: string;
	rfc: string;
	maskDetail: boolean;
	/** For a frame of a connection with permessage-deflate agreed: what RSV1 means, and the DEFLATE data. */
	deflate?: DeflateView;
}

/** The sizes of the last compressed message a side sent, to compare the next one with. */
export interface DeflatedMessage {
	readonly size: number;
	readonly compressedSize: number;
}

export interface ClassifyContext {
	/** A scenario's own explanation for a frame it wrote by hand. */
	readonly note: Note | null;
	readonly maskDetail: boolean;
	/** What the sender's last receive() reported (a ping to answer, an error to fail on). */
	readonly lastEvents: readonly ConnectionEvent[];
	readonly receivedClose: boolean;
	/** The server's last events, for the reason of a refused handshake. */
	readonly serverEvents: readonly ConnectionEvent[];
	/** The sender agreed permessage-deflate in its handshake (RFC 7692). */
	readonly deflate: boolean;
	/** The sender's last compressed message, if any. */
	readonly previous: DeflatedMessage | null;
}

/** A permessage-deflate offer or answer in a head's Sec-WebSocket-Extensions, parsed by the engine. */
function deflateHeader(bytes: Uint8Array): { value: string; params: Record<string, string | true> } | null {
	const value = headerOf(bytes, 'Sec-WebSocket-Extensions');
	const parsed = parseExtensions(value);
	const offer = parsed.ok ? parsed.offers.find((o) => o.name.toLowerCase() === PERMESSAGE_DEFLATE) : undefined;
	return value !== undefined && offer ? { value: value.trim(), params: offer.params } : null;
}

/** A step explained by the trace's own English (text.ts), not the engine's. */
function ownText(key: string, params: ExplainParams, rfc: string, maskDetail: boolean, deflate?: DeflateView): Meta {
	return { key, params, explain: runnerText[key](params), rfc, maskDetail, ...(deflate ? { deflate } : {}) };
}

export function classify(side: Side, r: Outgoing, batch: readonly Outgoing[], i: number, ctx: ClassifyContext): Meta {
	const note = ctx.note;
	const base = { explain: r.explain, maskDetail: ctx.maskDetail };
	if (r.kind === 'handshake') {
		const ext = deflateHeader(r.bytes);
		if (side === 'client') {
			// A bare client_max_window_bits (what browsers send) only says "you may limit my window" (RFC 7692 §7.1.2.2).
			if (ext) return ownText('out.request.deflate', { offer: ext.value, windowHint: ext.params.client_max_window_bits === true }, 'RFC 7692 §5', ctx.maskDetail);
			return { ...base, key: 'out.request', params: {}, rfc: 'RFC 6455 §4.1' };
		}
		const failed = ctx.serverEvents.find((e) => e.type === 'handshake-failed');
		if (!failed && ext) return ownText('out.response.deflate', { extensions: ext.value, noParams: Object.keys(ext.params).length === 0 }, 'RFC 7692 §7.1', ctx.maskDetail);
		if (!failed) return { ...base, key: 'out.response', params: {}, rfc: 'RFC 6455 §4.2.2' };
		const status = failed.type === 'handshake-failed' ? failed.status : null;
		return { ...base, key: 'out.reject', params: { status, reason: failed.type === 'handshake-failed' ? failed.reason : '' }, rfc: status === 426 ? 'RFC 6455 §4.4' : 'RFC 6455 §4.2.1' };
	}
	const h = r.header;
	const deflate = ctx.deflate ? deflateView(h, r.payload) : undefined;
	if (note) return { ...base, key: note.explainKey, params: note.params ?? {}, explain: note.explain, rfc: note.rfc ?? 'RFC 6455 §5.2', ...(deflate ? { deflate } : {}) };
	const role = side;
	const kind = h.opcode === Opcode.Binary ? 'binary' : 'text';
	switch (h.opcode) {
		case Opcode.Close: {
			const code = r.payload.length >= 2 ? (r.payload[0] << 8) | r.payload[1] : null;
			const name = code === null ? '' : closeCodeInfo(code).name;
			if (ctx.receivedClose) return { ...base, key: 'out.closeAnswer', params: { role, code }, rfc: 'RFC 6455 §5.5.1' };
			if (ctx.lastEvents.some((e) => e.type === 'protocol-error'))
				return { ...base, key: 'out.fail', params: { role, code, name }, rfc: 'RFC 6455 §7.1.7' };
			return { ...base, key: 'out.close', params: { role, code, name }, rfc: 'RFC 6455 §5.5.1' };
		}
		case Opcode.Ping:
			return { ...base, key: 'out.ping', params: { role }, rfc: 'RFC 6455 §5.5.2' };
		case Opcode.Pong: {
			const answer = ctx.lastEvents.some((e) => e.type === 'ping');
			return { ...base, key: answer ? 'out.autopong' : 'out.pong', params: { role }, rfc: 'RFC 6455 §5.5.3' };
		}
		case Opcode.Text:
		case Opcode.Binary: {
			if (deflate?.size !== undefined) {
				const d = { size: deflate.size, compressedSize: deflate.compressedSize ?? r.payload.length, literals: deflate.literals ?? 0, matches: deflate.matches ?? 0 };
				const params = { role, kind, ...d, reachesBack: deflate.reachesBack ?? 0 };
				if (!deflate.reachesBack) return ownText('out.deflate', params, 'RFC 7692 §7.2.1', ctx.maskDetail, deflate);
				// One back-reference as long as the message, reaching exactly its length back, right after a
				// message of that length: the bytes are the previous message's, copied (RFC 7692 §7.2.3.2).
				const prev = ctx.previous;
				const copy = d.literals === 0 && d.matches === 1 && deflate.reachesBack === d.size && prev?.size === d.size;
				return ownText('out.deflate.takeover', { ...params, copy, previousSize: prev?.size ?? null, previousCompressed: prev?.compressedSize ?? null },
					'RFC 7692 §7.1.1', ctx.maskDetail, deflate);
			}
			if (h.fin) return { ...base, key: 'out.message', params: { role, kind, size: r.payload.length, compressed: h.rsv1 }, rfc: 'RFC 6455 §5.6' };
			let count = 1;
			for (let j = i + 1; j < batch.length; j++) {
				const b = batch[j];
				if (b.kind !== 'frame' || b.header.opcode !== Opcode.Continuation) continue;
				count++;
				if (b.header.fin) break;
			}
			return { ...base, key: 'out.fragmentFirst', params: { role, kind, count }, rfc: 'RFC 6455 §5.4' };
		}
		default: {
			const n = batch.slice(0, i + 1).filter((b) => b.kind === 'frame' && !(b.header.opcode & 8)).length;
			return { ...base, key: h.fin ? 'out.fragmentLast' : 'out.fragmentMiddle', params: { role, n }, rfc: 'RFC 6455 §5.4' };
		}
	}
}
