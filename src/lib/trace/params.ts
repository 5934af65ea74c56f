/**
 * Scenario parameters: what a reader can choose (a handshake key, a masking key, messages, a
 * fragment size, who closes), read from the URL and checked. Bad input never throws: each problem
 * becomes an issue the page shows next to the field, and the run uses the default for that field.
 * Key and hex checks go through the engine's base64 and the shared hex reader, never a copy.
 */

import { base64Decode, base64Encode, encodeUtf8, type Base64Problem } from '$lib/protocol';

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
	key: RFC_KEY,
	badKey: null,
	mask: null,
	text: 'Hello',
	messages: ['Hello', 'How are you?'],
	fragment: null,
	closeBy: 'client',
	deflate: false,
	seed: 6455
};

export const LIMITS = {
	keyChars: 64,
	textBytes: 32,
	messages: 4,
	messageBytes: 300,
	fragments: 32,
	fragment: 300
} as const;

export type ParamName = 'key' | 'mask' | 'text' | 'msg' | 'frag' | 'close' | 'deflate' | 'seed';

/** Why text is not a key a client may send (RFC 6455 §4.1): its characters, or what base64 makes of it. */
export type KeyProblem =
	| { readonly code: 'KEY_CHAR'; readonly char: string }
	| { readonly code: 'KEY_LONG'; readonly length: number }
	| { readonly code: 'KEY_SPACE' }
	| { readonly code: 'KEY_BASE64'; readonly problem: Base64Problem }
	| { readonly code: 'KEY_BYTES'; readonly bytes: number };

/** A problem with one parameter: a stable code and its values; src/lib/i18n/simulate.ts words it. */
export type ParamIssue =
	| { readonly param: 'key'; readonly code: 'key-canonical'; readonly values: { readonly key: string } }
	| { readonly param: 'key'; readonly code: 'key-invalid'; readonly values: { readonly problem: KeyProblem } }
	| { readonly param: 'key'; readonly code: 'key-unsendable'; readonly values: { readonly problem: KeyProblem } }
	| { readonly param: 'mask'; readonly code: 'mask-hex'; readonly values: Record<string, never> }
	| { readonly param: 'mask'; readonly code: 'mask-length'; readonly values: { readonly n: number } }
	| {
			readonly param: 'text';
			readonly code: 'text-long';
			readonly values: { readonly bytes: number; readonly max: number };
	  }
	| { readonly param: 'msg'; readonly code: 'msg-many'; readonly values: { readonly max: number } }
	| {
			readonly param: 'msg';
			readonly code: 'msg-long';
			readonly values: { readonly n: number; readonly bytes: number; readonly max: number };
	  }
	| {
			readonly param: 'frag';
			readonly code: 'frag-range';
			readonly values: { readonly value: string; readonly max: number };
	  }
	| {
			readonly param: 'frag';
			readonly code: 'frag-many';
			readonly values: { readonly size: number; readonly frames: number; readonly max: number; readonly min: number };
	  }
	| { readonly param: 'close'; readonly code: 'close-choice'; readonly values: { readonly value: string } }
	| { readonly param: 'deflate'; readonly code: 'deflate-choice'; readonly values: { readonly value: string } };

export type ParamIssueCode = ParamIssue['code'];

export type RawParams = Readonly<Record<string, string | readonly string[] | undefined>>;

const first = (v: string | readonly string[] | undefined): string | undefined => (typeof v === 'string' ? v : v?.[0]);
const list = (v: string | readonly string[] | undefined): string[] =>
	v === undefined ? [] : typeof v === 'string' ? [v] : [...v];

/** Read the parameters a scenario uses; anything else is ignored. */
export function readParams(
	raw: RawParams,
	used: readonly ParamName[]
): { params: ScenarioParams; issues: ParamIssue[] } {
	const issues: ParamIssue[] = [];
	const issue = (i: ParamIssue) => issues.push(i);
	const p: { -readonly [K in keyof ScenarioParams]: ScenarioParams[K] } = {
		...DEFAULT_PARAMS,
		messages: [...DEFAULT_PARAMS.messages]
	};

	if (used.includes('key')) {
		const k = first(raw.key);
		if (k !== undefined && k !== '') {
			const r = checkKey(k);
			if (r.ok) {
				p.key = r.key;
				if (r.key !== k) issue({ param: 'key', code: 'key-canonical', values: { key: r.key } });
			} else if (r.sendable) {
				p.badKey = k;
				issue({ param: 'key', code: 'key-invalid', values: { problem: r.problem } });
			} else issue({ param: 'key', code: 'key-unsendable', values: { problem: r.problem } });
		}
	}
	if (used.includes('mask')) {
		const m = first(raw.mask);
		if (m !== undefined && m.trim() !== '') {
			const r = parseMaskKey(m);
			if (r.ok) p.mask = r.hex;
			else issue(r.issue);
		}
	}
	if (used.includes('text')) {
		const t = first(raw.text);
		if (t !== undefined) {
			const n = encodeUtf8(t).length;
			if (n > LIMITS.textBytes)
				issue({ param: 'text', code: 'text-long', values: { bytes: n, max: LIMITS.textBytes } });
			else p.text = t;
		}
	}
	if (used.includes('msg')) {
		// Empty lines are not messages; a lone empty `msg=` says "no messages" (absent means the defaults).
		const msgs = list(raw.msg).filter((m) => m !== '');
		if (msgs.length > LIMITS.messages) issue({ param: 'msg', code: 'msg-many', values: { max: LIMITS.messages } });
		const kept = msgs.slice(0, LIMITS.messages).filter((m, i) => {
			const n = encodeUtf8(m).length;
			if (n <= LIMITS.messageBytes) return true;
			issue({ param: 'msg', code: 'msg-long', values: { n: i + 1, bytes: n, max: LIMITS.messageBytes } });
			return false;
		});
		if (raw.msg !== undefined) p.messages = kept;
	}
	if (used.includes('frag')) {
		const f = first(raw.frag);
		if (f !== undefined && f.trim() !== '') {
			const n = Number(f.trim());
			if (!/^\d+$/.test(f.trim()) || n < 1 || n > LIMITS.fragment)
				issue({ param: 'frag', code: 'frag-range', values: { value: f, max: LIMITS.fragment } });
			else {
				const longest = Math.max(0, ...p.messages.map((m) => encodeUtf8(m).length));
				const need = Math.ceil(longest / LIMITS.fragments);
				if (n < need)
					issue({
						param: 'frag',
						code: 'frag-many',
						values: { size: n, frames: Math.ceil(longest / n), max: LIMITS.fragments, min: need }
					});
				else p.fragment = n;
			}
		}
	}
	if (used.includes('close')) {
		const c = first(raw.close);
		if (c === 'client' || c === 'server' || c === 'none') p.closeBy = c;
		else if (c !== undefined) issue({ param: 'close', code: 'close-choice', values: { value: c } });
	}
	if (used.includes('deflate')) {
		const d = first(raw.deflate);
		if (d === 'on' || d === 'off') p.deflate = d === 'on';
		else if (d !== undefined && d !== '') issue({ param: 'deflate', code: 'deflate-choice', values: { value: d } });
	}
	const s = first(raw.seed);
	if (s !== undefined && /^\d{1,9}$/.test(s)) p.seed = Number(s);
	return { params: p, issues };
}

export type KeyCheck =
	| { readonly ok: true; readonly key: string }
	| { readonly ok: false; readonly problem: KeyProblem; readonly sendable: boolean };

/** Is this a key a client may send (RFC 6455 §4.1: 16 bytes, base64)? Uses the engine's decoder. */
export function checkKey(text: string): KeyCheck {
	const bad = [...text].find((c) => c < ' ' || c > '~');
	if (bad !== undefined) return { ok: false, sendable: false, problem: { code: 'KEY_CHAR', char: bad } };
	if (text.length > LIMITS.keyChars)
		return { ok: false, sendable: false, problem: { code: 'KEY_LONG', length: text.length } };
	if (text.trim() !== text) return { ok: false, sendable: false, problem: { code: 'KEY_SPACE' } };
	const d = base64Decode(text);
	if (!d.ok) return { ok: false, sendable: true, problem: { code: 'KEY_BASE64', problem: d.problem } };
	if (d.bytes.length !== 16)
		return { ok: false, sendable: true, problem: { code: 'KEY_BYTES', bytes: d.bytes.length } };
	return { ok: true, key: base64Encode(d.bytes) };
}

export type MaskKeyCheck =
	| { readonly ok: true; readonly bytes: Uint8Array; readonly hex: string }
	| { readonly ok: false; readonly issue: Extract<ParamIssue, { param: 'mask' }> };

// One group of bytes in a key: pairs of hex digits, each pair or the group with an optional 0x or \x.
const KEY_GROUP = /^(?:0x|\\x)?[0-9a-f]{2}(?:(?:0x|\\x)?[0-9a-f]{2})*$/i;

/**
 * A masking key typed as hex, the ways people write a few bytes ("37fa213d", "37 fa 21 3d",
 * "37:fa:21:3d", "0x37, 0xfa, 0x21, 0x3d", "0x37fa213d", "\\x37\\xfa\\x21\\x3d"): exactly 4 bytes.
 * Four bytes need none of the decoder's dump formats (src/lib/hex), so the simulator does not load them.
 */
export function parseMaskKey(text: string): MaskKeyCheck {
	const groups = text
		.trim()
		.split(/[\s,:;-]+/)
		.filter(Boolean);
	if (!groups.length || !groups.every((g) => KEY_GROUP.test(g)))
		return { ok: false, issue: { param: 'mask', code: 'mask-hex', values: {} } };
	const hex = groups
		.join('')
		.replace(/0x|\\x/gi, '')
		.toLowerCase();
	if (hex.length !== 8)
		return { ok: false, issue: { param: 'mask', code: 'mask-length', values: { n: hex.length / 2 } } };
	const bytes = new Uint8Array(4);
	for (let i = 0; i < 4; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
	return { ok: true, bytes, hex };
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
