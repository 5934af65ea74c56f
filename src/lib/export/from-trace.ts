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
import { base64Encode } from '$lib/protocol';
import type { Http2Exchange, WireSession, WireWrite } from './session';

const WRITES = new Set<Step['kind']>(['http-request', 'http-response', 'frame-sent', 'h2-sent']);

export function traceSession(
	trace: Trace,
	start: bigint,
	describe?: (step: Step) => string,
	opening?: string,
	description?: string
): WireSession {
	const writes: WireWrite[] = [];
	const h2 = trace.steps.some((s) => s.kind === 'h2-sent');
	if (!h2 && !trace.steps.some((s) => s.kind === 'http-request')) {
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
	return { writes, ...(h2 ? { http2: http2Exchange(trace, writes) } : {}), ...(description ? { description } : {}) };
}

/** Over HTTP/2: the CONNECT and its answer as the engines decoded them, and each message delivered. */
function http2Exchange(trace: Trace, writes: readonly WireWrite[]): Http2Exchange {
	const headersOf = (side: 'client' | 'server') =>
		trace.steps.find((s) => s.kind === 'h2-sent' && s.actor === side && s.h2?.frame?.headers)?.h2?.frame?.headers ?? [];
	// A message's time: that of the last write before the step that delivered it.
	const timeAt = (index: number) => {
		const n = trace.steps.slice(0, index).filter((s) => s.kind === 'h2-sent').length;
		return writes[Math.max(0, n - 1)]?.time ?? 0n;
	};
	return {
		request: headersOf('client'),
		response: headersOf('server'),
		messages: trace.steps.flatMap((s) =>
			s.kind === 'message' && s.message
				? [
						{
							// Seen from the client, as devtools shows it: what the server received, the client sent.
							type: s.actor === 'server' ? ('send' as const) : ('receive' as const),
							opcode: s.message.kind === 'text' ? (1 as const) : (2 as const),
							data: s.message.text ?? base64Encode(Uint8Array.from(s.message.preview)),
							time: timeAt(s.index)
						}
					]
				: []
		)
	};
}
