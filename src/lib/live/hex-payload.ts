/**
 * Binary data typed as hex for the send panel, read by the decoder's reader of dumps (src/lib/hex's
 * parseInput: plain hex, 0x lists, C arrays, \x escapes, xxd, Wireshark, base64), and its problems
 * in words. The send panel loads this module when the reader chooses to send binary: a page that
 * only sends text never needs the dump reader.
 */
import { parseInput, type InputFormat, type ParseIssue } from '$lib/hex';
import { parseIssueText } from '$lib/i18n/parse';
import type { Checked } from './validate';

export { parseIssueText };

export function checkHexPayload(
	text: string
): Checked<{ bytes: Uint8Array<ArrayBuffer>; format: InputFormat }, { issue: ParseIssue }> {
	const r = parseInput(text);
	if (!r.ok) return { ok: false, issue: r.error };
	return { ok: true, bytes: r.bytes, format: r.format };
}
