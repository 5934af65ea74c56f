/**
 * A live connection as a session to save (.pcapng, .har). With the side channel, the bytes that
 * truly crossed the wire: both handshake heads and every frame still kept, at the server's times.
 * Without it, the page knows messages, not frames: each logged message becomes the frame that would
 * carry it whole (a sent one masked with the key the page drew for it, RFC 6455 §5.3), after the
 * request the page reconstructed and the 101 its key calls for (§4.2.2), commented as made up.
 */
import { encodeFrame, encodeUtf8, type RandomSource } from '$lib/protocol';
import type { LogEntry } from '$lib/live/log.svelte';
import type { TrueFrame, TrueHead } from '$lib/live/true-bytes.svelte';
import type { WireSession, WireWrite } from './session';

export interface LiveSaveInput {
	readonly url: string;
	/** The side channel's bytes, when it followed this connection. */
	readonly heads: readonly TrueHead[];
	readonly frames: readonly TrueFrame[];
	/** The log's entries of this connection. */
	readonly entries: readonly LogEntry[];
	/** The request the page reconstructed, and the accept value its stand-in key calls for. */
	readonly request: { readonly bytes: Uint8Array; readonly accept: string };
}

export interface LiveSaveWords {
	readonly description: string;
	/** Commented on every packet of a file made from messages rather than true bytes. */
	readonly messagesOnly: string;
}

const ns = (ms: number) => BigInt(Math.round(ms * 1000)) * 1000n;

export function liveSession(input: LiveSaveInput, words: LiveSaveWords, random: RandomSource): WireSession {
	const session = input.heads.some((h) => h.dir === 'in') ? trueSession(input) : messageSession(input, words, random);
	return { ...session, url: input.url, description: words.description };
}

/** The true bytes: heads, then whole frames (one let go to bound memory is left out), in time order. */
function trueSession(input: LiveSaveInput): WireSession {
	const writes: WireWrite[] = [];
	for (const h of input.heads)
		writes.push({ from: h.dir === 'in' ? 'client' : 'server', bytes: h.bytes, time: ns(h.t) });
	for (const f of input.frames) {
		if (!f.wire || f.wire.length < f.size) continue;
		writes.push({ from: f.dir === 'in' ? 'client' : 'server', bytes: f.wire, time: ns(f.t) });
	}
	// Stable: writes at the same millisecond keep their order within each direction.
	return {
		writes: writes
			.map((w, i) => ({ w, i }))
			.sort((a, b) => (a.w.time === b.w.time ? a.i - b.i : a.w.time < b.w.time ? -1 : 1))
			.map((x) => x.w)
	};
}

function messageSession(input: LiveSaveInput, words: LiveSaveWords, random: RandomSource): WireSession {
	const comment = words.messagesOnly;
	const started = input.entries.find((e) => e.kind === 'connecting')?.t ?? input.entries[0]?.t ?? 0;
	const open = input.entries.find((e) => e.kind === 'open');
	const writes: WireWrite[] = [{ from: 'client', bytes: input.request.bytes, time: ns(started), comment }];
	const response = [
		'HTTP/1.1 101 Switching Protocols',
		'Upgrade: websocket',
		'Connection: Upgrade',
		`Sec-WebSocket-Accept: ${input.request.accept}`,
		...(open?.kind === 'open' && open.protocol ? [`Sec-WebSocket-Protocol: ${open.protocol}`] : []),
		...(open?.kind === 'open' && open.extensions ? [`Sec-WebSocket-Extensions: ${open.extensions}`] : [])
	];
	writes.push({
		from: 'server',
		bytes: encodeUtf8(`${response.join('\r\n')}\r\n\r\n`),
		time: ns(open?.t ?? started),
		comment
	});
	for (const e of input.entries) {
		if (e.kind !== 'message' || e.data === null) continue;
		const payload = typeof e.data === 'string' ? encodeUtf8(e.data) : e.data;
		const mask = e.dir === 'sent' ? (e.mask ?? random(4)) : null;
		writes.push({
			from: e.dir === 'sent' ? 'client' : 'server',
			bytes: encodeFrame({ opcode: e.opcode, payload, fin: true, mask }),
			time: ns(e.t),
			comment
		});
	}
	return { writes };
}
