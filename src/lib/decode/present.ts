/**
 * Analysis → words on the page, in the reader's language. Kept out of the components so the site,
 * an embed and the tests all phrase an issue the same way.
 */
import { closeCodeInfo, type FieldAnnotation, type FieldName, type FrameHeader } from '$lib/protocol';
import type { decodeText } from '$lib/i18n/decode';
import type { ByteIssue, IssueCode } from './types';

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
	readonly explain: string;
	/** What a receiver does about it. */
	readonly consequence: string | null;
	readonly where: string;
}

export function issueWords(issue: ByteIssue, t: Text): IssueWords {
	const ti = t.issues;
	const p = issue.params;
	const explain = ti.explain ? ti.explain[issue.code](p) : issue.message + (issue.detail ? ` (${issue.detail})` : '');
	let consequence: string | null = null;
	if (issue.code === 'UNMASKED_CLIENT_FRAME' || issue.code === 'MASKED_SERVER_FRAME')
		consequence = ti.roleFails(issue.closeCode ?? 1002, p.role === 'client' ? t.status.client : t.status.server);
	else if (issue.code === 'NON_MINIMAL_LENGTH') consequence = ti.nonMinimal(Number(p.minimal));
	else if (issue.code === 'INCOMPLETE_FRAME') consequence = ti.incomplete;
	else if (issue.closeCode !== null) consequence = ti.fails(issue.closeCode, closeCodeInfo(issue.closeCode).name);
	return { title: ti.titles[issue.code](p), explain, consequence, where: ti.where(issue.frame, issue.start, issue.end) };
}

/** A field's sentence: the engine's English annotation, or the Korean table. */
export function fieldMeaning(f: FieldAnnotation, h: FrameHeader, t: Text): string {
	return t.bytes.meanings ? t.bytes.meanings(f.field, f.value, h) : f.meaning;
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
