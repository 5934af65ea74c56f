/**
 * Reading a HAR (HTTP Archive 1.2) saved by a browser's devtools: its WebSocket entries, with the
 * handshake's headers and Chrome's `_webSocketMessages` (type send or receive, time in seconds,
 * opcode 1 with the text, or 2 with base64 bytes). A HAR holds messages, not frames: no pings, no
 * fragmentation, no compression. `harFrames` shows each message as the frame that would carry it
 * whole: a browser's masked with a key drawn from `random` (RFC 6455 §5.3), a server's unmasked.
 *
 * Problems are data (a code and where), never exceptions: a file that is not JSON, not a HAR, or a
 * message that cannot be read is reported, and every entry and message read before it is kept.
 */
import { base64Decode, encodeFrame, encodeUtf8, type RandomSource } from '$lib/protocol';

export interface HarWebSocketMessage {
	readonly type: 'send' | 'receive';
	/** Seconds since 1970. */
	readonly time: number | null;
	readonly opcode: 1 | 2;
	/** The message's bytes: the text as UTF-8, or the binary data decoded from base64. */
	readonly data: Uint8Array;
}

export interface HarWebSocket {
	/** Index of the entry in log.entries. */
	readonly entry: number;
	readonly url: string;
	readonly startedDateTime: string | null;
	readonly status: number | null;
	readonly requestHeaders: ReadonlyArray<readonly [string, string]>;
	readonly responseHeaders: ReadonlyArray<readonly [string, string]>;
	readonly messages: readonly HarWebSocketMessage[];
}

export type HarIssue =
	| { readonly code: 'not-json'; readonly params: { readonly detail: string } }
	| { readonly code: 'not-har'; readonly params: Record<string, never> }
	| { readonly code: 'no-websocket'; readonly params: { readonly entries: number } }
	| { readonly code: 'bad-message'; readonly params: { readonly entry: number; readonly message: number } };

export interface HarReading {
	readonly sockets: readonly HarWebSocket[];
	readonly issues: readonly HarIssue[];
}

/** A text looks like a HAR (JSON with a log): for telling a dropped file's kind. */
export { sniffHar as looksLikeHar } from './sniff';

export function readHar(text: string): HarReading {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		return {
			sockets: [],
			issues: [{ code: 'not-json', params: { detail: e instanceof Error ? e.message : String(e) } }]
		};
	}
	const entries = (json as { log?: { entries?: unknown } } | null)?.log?.entries;
	if (!Array.isArray(entries)) return { sockets: [], issues: [{ code: 'not-har', params: {} }] };
	const sockets: HarWebSocket[] = [];
	const issues: HarIssue[] = [];
	entries.forEach((raw, entry) => {
		const e = (raw ?? {}) as Record<string, unknown>;
		const list = e._webSocketMessages;
		const request = (e.request ?? {}) as Record<string, unknown>;
		const url = typeof request.url === 'string' ? request.url : '';
		if (e._resourceType !== 'websocket' && !Array.isArray(list) && !/^wss?:/i.test(url)) return;
		const messages: HarWebSocketMessage[] = [];
		(Array.isArray(list) ? list : []).forEach((m: unknown, index: number) => {
			const read = message(m);
			if (read) messages.push(read);
			else issues.push({ code: 'bad-message', params: { entry, message: index } });
		});
		const response = (e.response ?? {}) as Record<string, unknown>;
		sockets.push({
			entry,
			url,
			startedDateTime: typeof e.startedDateTime === 'string' ? e.startedDateTime : null,
			status: typeof response.status === 'number' ? response.status : null,
			requestHeaders: headers(request.headers),
			responseHeaders: headers(response.headers),
			messages
		});
	});
	if (sockets.length === 0) issues.push({ code: 'no-websocket', params: { entries: entries.length } });
	return { sockets, issues };
}

function message(raw: unknown): HarWebSocketMessage | null {
	const m = (raw ?? {}) as Record<string, unknown>;
	if ((m.type !== 'send' && m.type !== 'receive') || typeof m.data !== 'string') return null;
	const time = typeof m.time === 'number' && Number.isFinite(m.time) ? m.time : null;
	if (m.opcode === 1) return { type: m.type, time, opcode: 1, data: encodeUtf8(m.data) };
	if (m.opcode !== 2) return null;
	const decoded = base64Decode(m.data);
	return decoded.ok ? { type: m.type, time, opcode: 2, data: decoded.bytes } : null;
}

function headers(raw: unknown): [string, string][] {
	if (!Array.isArray(raw)) return [];
	return raw.flatMap((h: unknown) => {
		const { name, value } = (h ?? {}) as Record<string, unknown>;
		return typeof name === 'string' && typeof value === 'string' ? [[name, value] as [string, string]] : [];
	});
}

/**
 * Each message as the single frame that would carry it (FIN set, the shortest length form): sent
 * messages as a browser writes them, masked with four bytes from `random`; received ones unmasked.
 */
export function harFrames(
	socket: HarWebSocket,
	random: RandomSource
): { readonly from: 'client' | 'server'; readonly bytes: Uint8Array; readonly mask: Uint8Array | null }[] {
	return socket.messages.map((m) => {
		const mask = m.type === 'send' ? random(4) : null;
		return {
			from: m.type === 'send' ? 'client' : 'server',
			bytes: encodeFrame({ opcode: m.opcode, payload: m.data, fin: true, mask }),
			mask
		};
	});
}
