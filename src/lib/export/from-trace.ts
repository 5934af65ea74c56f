/**
 * A simulator trace as a session to save: every step that put bytes on the wire (the HTTP request
 * and response, each frame), in order, one millisecond apart from `start` (the simulated wire has
 * no clock), with the step's explanation as the packet's comment when `describe` gives one, and
 * `description` as the file's.
 *
 * A scenario that starts with the connection already open has no handshake on its wire, and without
 * one Wireshark cannot know the bytes are WebSocket: the engines then make one (a client and a
 * server Connection, seeded), put first and commented with `opening`.
 */
import { engineHandshake } from './engine-handshake';
import type { Step, Trace } from '$lib/trace/types';
import type { WireSession, WireWrite } from './session';

const WRITES = new Set<Step['kind']>(['http-request', 'http-response', 'frame-sent']);

export function traceSession(
	trace: Trace,
	start: bigint,
	describe?: (step: Step) => string,
	opening?: string,
	description?: string
): WireSession {
	const writes: WireWrite[] = [];
	if (!trace.steps.some((s) => s.kind === 'http-request')) {
		const [request, response] = engineHandshake();
		const comment = opening ? { comment: opening } : {};
		writes.push({ from: 'client', bytes: request, time: start, ...comment });
		writes.push({ from: 'server', bytes: response, time: start + 1_000_000n, ...comment });
	}
	for (const step of trace.steps) {
		if (!WRITES.has(step.kind) || !step.bytes || (step.actor !== 'client' && step.actor !== 'server')) continue;
		const comment = describe?.(step);
		writes.push({
			from: step.actor,
			bytes: Uint8Array.from(step.bytes),
			time: start + BigInt(writes.length) * 1_000_000n,
			...(comment ? { comment } : {})
		});
	}
	return { writes, ...(description ? { description } : {}) };
}
