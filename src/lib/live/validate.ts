/**
 * Checking what the reader types before the browser sees it, each problem with a stable code the
 * page translates: the address (RFC 6455 §3, by the engine's parseWebSocketUri), subprotocols
 * (tokens, §4.1, by the engine's buildClientRequest), a close code and reason (§7.4, §5.5, plus
 * the WebSocket API's own rule). Binary data typed as hex is read by ./hex-payload.ts, loaded when
 * the reader chooses to send binary.
 */
import {
	WebSocketUsageError,
	buildClientRequest,
	closeCodeInfo,
	encodeClosePayload,
	encodeUtf8,
	parseWebSocketUri,
	type UriProblem,
	type WebSocketUri
} from '$lib/protocol';

export type Checked<T, E> = ({ readonly ok: true } & T) | ({ readonly ok: false } & E);

/** Loopback hosts: the only ones where the project's server or tap can be running for this reader. */
export function isLocalHost(host: string): boolean {
	const h = host.toLowerCase().replace(/^\[|\]$/g, '');
	return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export type AddressProblem = UriProblem;

export function checkAddress(input: string): Checked<{ uri: WebSocketUri; local: boolean }, AddressProblem> {
	const r = parseWebSocketUri(input);
	if (!r.ok) return r;
	return { ok: true, uri: r.uri, local: isLocalHost(r.uri.host) };
}

export type ProtocolsProblem = { readonly code: 'BAD_SUBPROTOCOL' | 'DUPLICATE_SUBPROTOCOL'; readonly name: string };

/** "chat, superchat" → ['chat', 'superchat']; each must be an HTTP token, offered once (RFC 6455 §4.1). */
export function checkProtocols(input: string, uri: WebSocketUri): Checked<{ list: string[] }, ProtocolsProblem> {
	const list = input
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	try {
		buildClientRequest({ uri, key: 'AAAAAAAAAAAAAAAAAAAAAA==', protocols: list });
	} catch (err) {
		const code =
			err instanceof WebSocketUsageError && err.code === 'DUPLICATE_SUBPROTOCOL'
				? 'DUPLICATE_SUBPROTOCOL'
				: 'BAD_SUBPROTOCOL';
		const name =
			code === 'DUPLICATE_SUBPROTOCOL'
				? (list.find((p, i) => list.indexOf(p) !== i) ?? '')
				: (list.find((p) => !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(p)) ?? '');
		return { ok: false, code, name };
	}
	return { ok: true, list };
}

export type CloseProblem =
	| { readonly code: 'NOT_A_NUMBER'; readonly text: string }
	/** The engine allows it on the wire, but close() in a browser takes only 1000 and 3000-4999. */
	| { readonly code: 'BROWSER_FORBIDS'; readonly value: number; readonly onWire: boolean }
	| { readonly code: 'REASON_TOO_LONG'; readonly bytes: number }
	| { readonly code: 'REASON_WITHOUT_CODE' };

/**
 * What close(code, reason) may be given. RFC 6455 §7.4 allows more codes on the wire, but the
 * WebSocket API (WHATWG "WebSockets", close()) throws InvalidAccessError for anything other than
 * 1000 or 3000-4999, and SyntaxError for a reason over 123 bytes of UTF-8 (§5.5: a control frame
 * carries at most 125 bytes, two of them the code).
 */
export function checkClose(
	codeText: string,
	reason: string
): Checked<{ code: number | undefined; reason: string }, CloseProblem> {
	const text = codeText.trim();
	if (text === '') {
		if (reason !== '') return { ok: false, code: 'REASON_WITHOUT_CODE' };
		return { ok: true, code: undefined, reason: '' };
	}
	if (!/^\d{1,6}$/.test(text)) return { ok: false, code: 'NOT_A_NUMBER', text };
	const value = Number(text);
	if (value !== 1000 && (value < 3000 || value > 4999)) {
		return { ok: false, code: 'BROWSER_FORBIDS', value, onWire: closeCodeInfo(value).onWire };
	}
	try {
		encodeClosePayload(value, reason);
	} catch (err) {
		if (err instanceof WebSocketUsageError && err.code === 'REASON_TOO_LONG')
			return { ok: false, code: 'REASON_TOO_LONG', bytes: encodeUtf8(reason).length };
		throw err;
	}
	return { ok: true, code: value, reason };
}

/** Largest burst: enough to see batching at work, small enough not to flood a public server. */
export const MAX_BURST = 10_000;

export function checkBurst(text: string): Checked<{ count: number }, { code: 'BURST_RANGE'; max: number }> {
	const t = text.trim();
	const n = /^\d{1,6}$/.test(t) ? Number(t) : NaN;
	if (!(n >= 1 && n <= MAX_BURST)) return { ok: false, code: 'BURST_RANGE', max: MAX_BURST };
	return { ok: true, count: n };
}
