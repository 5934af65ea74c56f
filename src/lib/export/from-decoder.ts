/**
 * What the decoder shows, as a session to save (.pcapng, .har): a capture's or a HAR's connection
 * (its bytes each way, as captured, up to the first hole), or a paste (its handshake heads by who
 * sent them, its frames by their MASK bit, RFC 6455 §5.1). A paste has no clock: its writes are one
 * millisecond apart from `start`. Without a handshake, the engines make one (see engine-handshake).
 */
import type { SavedWrite } from '$lib/decode/capture-open';
import type { StreamAnalysis } from '$lib/decode/types';
import { engineHandshake } from './engine-handshake';
import type { WireSession, WireWrite } from './session';

const MS = 1_000_000n;

export interface SessionWords {
	/** The comment on packets of a handshake the engines made. */
	readonly handshakeMade: string;
	/** The file's own comment. */
	readonly description: string;
}

/**
 * A connection of an opened capture or HAR: its writes (OpenFile.writes), and whether its request
 * is among them (a capture that started after the handshake has none: the engines make one).
 */
export function conversationSession(
	saved: readonly SavedWrite[],
	hasRequest: boolean,
	words: SessionWords,
	start: bigint
): WireSession {
	const writes: WireWrite[] = [];
	let last = saved.find((w) => w.time !== null)?.time ?? start;
	if (!hasRequest) last = handshake(writes, last - 2n * MS, words.handshakeMade);
	for (const w of saved) {
		last = w.time ?? last + MS;
		writes.push({ from: w.from, bytes: w.bytes, time: last });
	}
	return { writes, description: words.description };
}

/** A paste: the handshake heads, then each frame from the side its MASK bit says sent it. */
export function analysisSession(analysis: StreamAnalysis, words: SessionWords, start: bigint): WireSession {
	const writes: WireWrite[] = [];
	let time = start;
	const next = () => (time += MS);
	const heads = analysis.handshake;
	if (!heads.some((h) => h.role === 'client')) time = handshake(writes, time, words.handshakeMade);
	for (const h of heads) writes.push({ from: h.role, bytes: analysis.bytes.subarray(h.start, h.end), time: next() });
	for (const f of analysis.frames) {
		if (!f.complete) break; // a frame cut short would make the file's stream wrong from there on
		// Whoever the paste was read as: a masked frame is a client's, RFC 6455 §5.1.
		writes.push({ from: f.header.masked ? 'client' : 'server', bytes: f.wire, time: next() });
	}
	return { writes, description: words.description };
}

/** Put an engine-made handshake first; returns the time of its last write. */
function handshake(writes: WireWrite[], start: bigint, comment: string): bigint {
	const [request, response] = engineHandshake();
	writes.push({ from: 'client', bytes: request, time: start, comment });
	writes.push({ from: 'server', bytes: response, time: start + MS, comment });
	return start + MS;
}
