/**
 * Which explanation the engine gave an outgoing record, as a key and parameters, so the step can
 * be told in Korean too (src/lib/i18n/simulate.ts). The English stays the engine's own `explain`;
 * this only recognises which of its sentences it is, from the frame and what the sender just read.
 */

import { closeCodeInfo, Opcode, type ConnectionEvent, type Outgoing } from '../protocol';
import type { ExplainParams, Side } from './types';
import type { Note } from './wire';

export interface Meta {
	key: string;
	params: ExplainParams;
	explain: string;
	rfc: string;
	maskDetail: boolean;
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
}

export function classify(side: Side, r: Outgoing, batch: readonly Outgoing[], i: number, ctx: ClassifyContext): Meta {
	const note = ctx.note;
	const base = { explain: r.explain, maskDetail: ctx.maskDetail };
	if (r.kind === 'handshake') {
		if (side === 'client') return { ...base, key: 'out.request', params: {}, rfc: 'RFC 6455 §4.1' };
		const failed = ctx.serverEvents.find((e) => e.type === 'handshake-failed');
		if (!failed) return { ...base, key: 'out.response', params: {}, rfc: 'RFC 6455 §4.2.2' };
		const status = failed.type === 'handshake-failed' ? failed.status : null;
		return { ...base, key: 'out.reject', params: { status, reason: failed.type === 'handshake-failed' ? failed.reason : '' }, rfc: status === 426 ? 'RFC 6455 §4.4' : 'RFC 6455 §4.2.1' };
	}
	if (note) return { ...base, key: note.explainKey, params: note.params ?? {}, explain: note.explain, rfc: note.rfc ?? 'RFC 6455 §5.2' };
	const h = r.header;
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
