/**
 * Analysis → words on the page, in the reader's language. Kept out of the components so the site,
 * an embed and the tests all phrase an issue the same way. The engine's rules are worded in
 * src/lib/i18n/protocol; the titles and the page's own rules in src/lib/i18n/decode.ts.
 */
import { PROTOCOL_ERRORS, type ErrorCode, type FieldName, type ProtocolError } from '$lib/protocol';
import type { decodeText } from '$lib/i18n/decode';
import type { Lang } from '$lib/i18n/lang';
import { closeName, errorDetail, errorWords } from '$lib/i18n/protocol';
import type { ByteIssue, FrameAnalysis, IssueCode, PageIssueParams } from './types';

type Text = ReturnType<typeof decodeText>;

/** The fields an issue is about, so the byte map flags those bits and not the whole byte. */
const ISSUE_FIELDS: Partial<Record<IssueCode, readonly FieldName[]>> = {
	RESERVED_OPCODE: ['opcode'],
	RSV_WITHOUT_EXTENSION: ['rsv1', 'rsv2', 'rsv3'],
	RSV1_ON_CONTINUATION: ['rsv1'],
	RSV1_ON_CONTROL: ['rsv1'],
	CONTROL_FRAGMENTED: ['fin'],
	CONTROL_TOO_LONG: ['length', 'extended-length'],
	MESSAGE_TOO_BIG: ['length', 'extended-length'],
	NON_MINIMAL_LENGTH: ['length', 'extended-length'],
	LENGTH_TOP_BIT: ['extended-length'],
	UNMASKED_CLIENT_FRAME: ['mask'],
	MASKED_SERVER_FRAME: ['mask'],
	UNEXPECTED_CONTINUATION: ['opcode'],
	EXPECTED_CONTINUATION: ['opcode'],
	UNFINISHED_MESSAGE: ['fin'],
	ABANDONED_MESSAGE: ['fin']
};

export function issueFields(code: IssueCode): readonly FieldName[] | undefined {
	return ISSUE_FIELDS[code];
}

export interface IssueWords {
	readonly title: string;
	/** The rule, then what this case adds. */
	readonly explain: string;
	/** What a receiver does about it. */
	readonly consequence: string | null;
	readonly where: string;
}

// The engine's own errors are the keys of PROTOCOL_ERRORS; every other issue is the page's.
function isPageIssue(issue: ByteIssue): issue is Extract<ByteIssue, { code: keyof PageIssueParams }> {
	return !Object.hasOwn(PROTOCOL_ERRORS, issue.code);
}

export function issueWords(issue: ByteIssue, t: Text, lang: Lang): IssueWords {
	const ti = t.issues;
	let explain: string;
	if (isPageIssue(issue)) explain = (ti.rules[issue.code] as (p: unknown) => string)(issue.params);
	else {
		const e = { code: issue.code as ErrorCode, params: issue.params } as ProtocolError;
		const detail = errorDetail(e, lang);
		explain = `${errorWords(lang)[e.code].rule}${detail ? ` (${detail})` : ''}`;
	}
	let consequence: string | null = null;
	if (issue.role)
		consequence = ti.roleFails(issue.closeCode ?? 1002, issue.role === 'client' ? t.status.client : t.status.server);
	else if (issue.code === 'NON_MINIMAL_LENGTH') consequence = ti.nonMinimal(issue.params.minimal);
	else if (issue.code === 'INCOMPLETE_FRAME') consequence = ti.incomplete;
	else if (issue.closeCode !== null) consequence = ti.fails(issue.closeCode, closeName(issue.closeCode, lang));
	const title = (ti.titles[issue.code] as (p: unknown) => string)(issue.params);
	return { title, explain, consequence, where: ti.where(issue.frame, issue.start, issue.end) };
}

/** Wireshark-style bit picture of a sub-byte field: opcode bits 4-7 of 0x81 → ".... 0001". */
export function bitPicture(byte: number, bits: readonly [number, number]): string {
	let s = '';
	for (let i = 0; i < 8; i++) {
		if (i === 4) s += ' ';
		s += i >= bits[0] && i < bits[1] ? String((byte >> (7 - i)) & 1) : '.';
	}
	return s;
}

export type FramePreview =
	| { readonly kind: 'text'; readonly text: string; readonly more: boolean }
	| { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly more: boolean }
	| { readonly kind: 'close'; readonly code: number | null; readonly reason: string };

/**
 * A line's worth of what a frame carries, for a list of frames: its text (the inflated message's on
 * the frame that completes a compressed one), its first bytes, or its close code and reason.
 */
export function framePreview(frame: FrameAnalysis, chars = 80): FramePreview | null {
	if (frame.close) return { kind: 'close', code: frame.close.code, reason: frame.close.reason };
	const data = frame.inflated?.data ?? (frame.compressed ? null : frame.payload);
	if (!data || data.length === 0) return null;
	const kind = frame.inflated?.kind ?? frame.kind;
	if (kind === 'text' || (kind === 'continuation' && isText(data))) {
		const text = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, chars * 4));
		return { kind: 'text', text: text.slice(0, chars), more: text.length > chars || data.length > chars * 4 };
	}
	const n = Math.min(data.length, 16);
	return { kind: 'bytes', bytes: data.subarray(0, n), more: data.length > n };
}

/** Printable UTF-8 (a continuation frame's kind is its message's, which a list does not carry). */
function isText(data: Uint8Array): boolean {
	const sample = data.subarray(0, 64);
	return sample.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

/** The first bytes of a packet that is not WebSocket: as text when they read as text, else as bytes. */
export function bytesGlimpse(start: Uint8Array, total: number, chars = 48): FramePreview {
	const bytes = start.subarray(0, chars);
	const more = total > bytes.length;
	if (bytes.length > 0 && isText(bytes)) {
		const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
		// Line ends shown, not taken: "GET / HTTP/1.1\r\nHost…" on one line.
		return { kind: 'text', text: text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t'), more };
	}
	return { kind: 'bytes', bytes: bytes.subarray(0, 16), more: total > 16 };
}
