/**
 * Scenario parameters: what a reader can choose (a handshake key, a masking key, messages, a
 * fragment size, who closes), read from the URL and checked. Bad input never throws: each problem
 * becomes an issue the page shows next to the field, and the run uses the default for that field.
 * Key and hex checks go through the engine's base64 and the shared hex reader, never a copy.
 */

import { base64Decode, base64Encode, encodeUtf8 } from '../protocol';
import { parseInput } from '../hex';

export type CloseBy = 'client' | 'server' | 'none';

export interface ScenarioParams {
	/** The Sec-WebSocket-Key the client sends (handshake); the RFC's sample nonce by default. */
	readonly key: string;
	/** A key that is not 16 bytes of base64, sent anyway so the reader sees the server refuse it. */
	readonly badKey: string | null;
	/** The masking key (8 hex digits), or null for the seeded random one. */
	readonly mask: string | null;
	/** The text the masking scenario masks. */
	readonly text: string;
	/** The custom scenario's messages, sent by the client and echoed by the server. */
	readonly messages: readonly string[];
	/** Fragment size in bytes for the custom scenario's messages, or null for one frame each. */
	readonly fragment: number | null;
	readonly closeBy: CloseBy;
	/** The custom scenario agrees permessage-deflate (RFC 7692), so its messages go compressed. */
	readonly deflate: boolean;
	readonly seed: number;
}

export const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

export const DEFAULT_PARAMS: ScenarioParams = {
	key: RFC_KEY, badKey: null, mask: null, text: 'Hello', messages: ['Hello', 'How are you?'],
	fragment: null, closeBy: 'client', deflate: false, seed: 6455
};

export const LIMITS = { keyChars: 64, textBytes: 32, messages: 4, messageBytes: 300, fragments: 32, fragment: 300 } as const;

export type ParamName = 'key' | 'mask' | 'text' | 'msg' | 'frag' | 'close' | 'deflate' | 'seed';

/** A problem with one parameter: a stable code, values for the message, and English. */
export interface ParamIssue {
	readonly param: ParamName;
	readonly code: string;
	readonly values: Record<string, string | number>;
	readonly message: string;
}

export type RawParams = Readonly<Record<string, string | readonly string[] | undefined>>;

const first = (v: string | readonly string[] | undefined): string | undefined => (typeof v === 'string' ? v : v?.[0]);
const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);

/** Read the parameters a scenario uses; anything else is ignored. */
export function readParams(raw: RawParams, used: readonly ParamName[]): { params: ScenarioParams; issues: ParamIssue[] } {
	const issues: ParamIssue[] = [];
	const issue = (param: ParamName, code: string, message: string, values: Record<string, string | number> = {}) =>
		issues.push({ param, code, values, message });
	let p: { -readonly [K in keyof ScenarioParams]: ScenarioParams[K] } = { ...DEFAULT_PARAMS, messages: [...DEFAULT_PARAMS.messages] };

	if (used.includes('key')) {
		const k = first(raw.key);
		if (k !== undefined && k !== '') {
			const r = checkKey(k);
			if (r.ok) {
				p.key = r.key;
				if (r.key !== k) issue('key', 'key-canonical', `This key decodes to 16 bytes, which base64 writes as ${r.key}; that is what the client sends.`, { key: r.key });
			} else if (r.sendable) {
				p.badKey = k;
				issue('key', 'key-invalid', `Not a valid key: ${r.reason}. A key is 16 random bytes in base64 (24 characters ending in ==). The client sends it anyway, and the server refuses with 400.`, { reason: r.reason });
			} else issue('key', 'key-unsendable', `This key cannot be sent in an HTTP header: ${r.reason}. The RFC's sample key is used instead.`, { reason: r.reason });
		}
	}
	if (used.includes('mask')) {
		const m = first(raw.mask);
		if (m !== undefined && m.trim() !== '') {
			const r = parseMaskKey(m);
			if (r.ok) p.mask = r.hex;
			else issue('mask', r.code, r.message, r.values);
		}
	}
	if (used.includes('text')) {
		const t = first(raw.text);
		if (t !== undefined) {
			const n = encodeUtf8(t).length;
			if (n > LIMITS.textBytes) issue('text', 'text-long', `This text is ${n} bytes of UTF-8; the masking view takes at most ${LIMITS.textBytes}.`, { bytes: n, max: LIMITS.textBytes });
			else p.text = t;
		}
	}
	if (used.includes('msg')) {
		// Empty lines are not messages; a lone empty `msg=` says "no messages" (absent means the defaults).
		const msgs = list(raw.msg).filter((m) => m !== '');
		if (msgs.length > LIMITS.messages)
			issue('msg', 'msg-many', `Only the first ${LIMITS.messages} messages are sent.`, { max: LIMITS.messages });
		const kept = msgs.slice(0, LIMITS.messages).filter((m, i) => {
			const n = encodeUtf8(m).length;
			if (n <= LIMITS.messageBytes) return true;
			issue('msg', 'msg-long', `Message ${i + 1} is ${n} bytes of UTF-8; the simulator sends messages of up to ${LIMITS.messageBytes} bytes, so it is left out.`, { n: i + 1, bytes: n, max: LIMITS.messageBytes });
			return false;
		});
		if (raw.msg !== undefined) p.messages = kept;
	}
	if (used.includes('frag')) {
		const f = first(raw.frag);
		if (f !== undefined && f.trim() !== '') {
			const n = Number(f.trim());
			if (!/^\d+$/.test(f.trim()) || n < 1 || n > LIMITS.fragment)
				issue('frag', 'frag-range', `The fragment size is a whole number of bytes from 1 to ${LIMITS.fragment}; "${f}" is not.`, { value: f, max: LIMITS.fragment });
			else {
				const longest = Math.max(0, ...p.messages.map((m) => encodeUtf8(m).length));
				const need = Math.ceil(longest / LIMITS.fragments);
				if (n < need) issue('frag', 'frag-many', `${n}-byte fragments would split the longest message into ${Math.ceil(longest / n)} frames; the simulator shows at most ${LIMITS.fragments}, so use ${need} bytes or more.`, { size: n, frames: Math.ceil(longest / n), max: LIMITS.fragments, min: need });
				else p.fragment = n;
			}
		}
	}
	if (used.includes('close')) {
		const c = first(raw.close);
		if (c === 'client' || c === 'server' || c === 'none') p.closeBy = c;
		else if (c !== undefined) issue('close', 'close-choice', `Who closes is "client", "server" or "none", not "${c}".`, { value: c });
	}
	if (used.includes('deflate')) {
		const d = first(raw.deflate);
		if (d === 'on' || d === 'off') p.deflate = d === 'on';
		else if (d !== undefined && d !== '') issue('deflate', 'deflate-choice', `Compression is "on" or "off", not "${d}".`, { value: d });
	}
	const s = first(raw.seed);
	if (s !== undefined && /^\d{1,9}$/.test(s)) p.seed = Number(s);
	return { params: p, issues };
}

export type KeyCheck =
	| { readonly ok: true; readonly key: string }
	| { readonly ok: false; readonly reason: string; readonly sendable: boolean };

/** Is this a key a client may send (RFC 6455 §4.1: 16 bytes, base64)? Uses the engine's decoder. */
export function checkKey(text: string): KeyCheck {
	const bad = [...text].find((c) => c < ' ' || c > '~');
	if (bad !== undefined) return { ok: false, sendable: false, reason: `${JSON.stringify(bad)} is not a printable ASCII character` };
	if (text.length > LIMITS.keyChars) return { ok: false, sendable: false, reason: `it is ${text.length} characters long` };
	if (text.trim() !== text) return { ok: false, sendable: false, reason: 'it starts or ends with a space' };
	const d = base64Decode(text);
	if (!d.ok) return { ok: false, sendable: true, reason: d.reason };
	if (d.bytes.length !== 16) return { ok: false, sendable: true, reason: `it decodes to ${d.bytes.length} bytes, not 16` };
	return { ok: true, key: base64Encode(d.bytes) };
}

export type MaskKeyCheck =
	| { readonly ok: true; readonly bytes: Uint8Array; readonly hex: string }
	| { readonly ok: false; readonly code: string; readonly message: string; readonly values: Record<string, string | number> };

/** A masking key typed as hex ("37fa213d", "37 fa 21 3d", "0x37 0xfa 0x21 0x3d"): exactly 4 bytes. */
export function parseMaskKey(text: string): MaskKeyCheck {
	const r = parseInput(text, 'auto');
	if (!r.ok || r.format === 'base64')
		return { ok: false, code: 'mask-hex', message: `A masking key is 4 bytes written in hex, like 37fa213d${r.ok ? '' : `: ${r.error.message}`}`, values: {} };
	if (r.bytes.length !== 4)
		return { ok: false, code: 'mask-length', message: `A masking key is exactly 4 bytes (8 hex digits); this is ${r.bytes.length}.`, values: { n: r.bytes.length } };
	const hex = Array.from(r.bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return { ok: true, bytes: r.bytes, hex };
}

/** The URL query for a scenario's parameters: only what differs from the defaults. */
export function writeParams(params: Partial<ScenarioParams>, used: readonly ParamName[]): [string, string][] {
	const out: [string, string][] = [];
	const d = DEFAULT_PARAMS;
	if (used.includes('key') && params.badKey) out.push(['key', params.badKey]);
	else if (used.includes('key') && params.key && params.key !== d.key) out.push(['key', params.key]);
	if (used.includes('mask') && params.mask) out.push(['mask', params.mask]);
	if (used.includes('text') && params.text !== undefined && params.text !== d.text) out.push(['text', params.text]);
	if (used.includes('msg') && params.messages && params.messages.join('\n') !== d.messages.join('\n'))
		if (params.messages.length === 0) out.push(['msg', '']);
		else for (const m of params.messages) out.push(['msg', m]);
	if (used.includes('frag') && params.fragment) out.push(['frag', String(params.fragment)]);
	if (used.includes('close') && params.closeBy && params.closeBy !== d.closeBy) out.push(['close', params.closeBy]);
	if (used.includes('deflate') && params.deflate) out.push(['deflate', 'on']);
	return out;
}
