/**
 * Analysis → words on the page, in the reader's language. Kept out of the components so the site,
 * an embed and the tests all phrase an issue the same way. The engine's rules are worded in
 * src/lib/i18n/protocol; the titles and the page's own rules in src/lib/i18n/decode.ts.
 */
import { PROTOCOL_ERRORS, type ErrorCode, type FieldName, type ProtocolError } from '$lib/protocol';
import type { decodeText } from '$lib/i18n/decode';
import type { Lang } from '$lib/i18n/lang';
import { closeName, errorDetail, errorWords } from '$lib/i18n/protocol';
import type { ByteIssue, IssueCode, PageIssueParams } from './types';

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
