/**
 * One line per thing read off the wire (the engine's ObservedConnection): the tap prints these in its
 * terminal. Opcode, flags, mask key, length, and what the payload says: text quoted with control
 * characters escaped (a terminal must not run them), binary as hex, a close's code with its name
 * (RFC 6455 §7.4), and any rule the frame breaks with its close code and section. Every word comes
 * from src/lib/i18n, in the terminal's language.
 */
import { decodeUtf8, header, parseClosePayload, type ObservedItem, type ProtocolError } from '$lib/protocol';
import type { Lang } from '$lib/i18n/lang';
import { closeCodeText, errorText, errorWords, opcodeLabel } from '$lib/i18n/protocol';
import { tapWords } from '$lib/i18n/tap';

/** A line for the terminal, or null for what needs none (an uncompressed message: its frames said it all). */
export function describeItem(item: ObservedItem, lang: Lang = 'en'): string | null {
	const w = tapWords(lang);
	const dir = w.arrow[item.sender];
	if (item.kind === 'message') {
		if (!item.compressed && !item.problems.length) return null;
		const what =
			item.opcode === 1 ? preview(item.data) : hex(item.data.subarray(0, 16)) + (item.data.length > 16 ? ' …' : '');
		const inflated = item.compressed
			? w.inflated(item.compressedSize ?? null, item.data.length, what)
			: w.message(item.index + 1);
		return `${dir}  ↳ ${inflated}${problemText(item.problems, lang)}`;
	}
	if (item.kind === 'head') {
		const extra =
			item.sender === 'server'
				? ['Sec-WebSocket-Protocol', 'Sec-WebSocket-Extensions']
						.map((n) => (header(item.head.fields, n) ? `${n}: ${safe(header(item.head.fields, n)!)}` : ''))
						.filter(Boolean)
				: [];
		return `${dir}  ${safe(item.head.startLine)}  ${w.handshake(item.bytes.length, extra.join('; '))}`;
	}
	if (item.kind === 'other') return `${dir}  ${w.other(item.bytes.length, item.reason)}`;
	if (item.kind === 'stopped')
		return `${dir}  ${w.stopped(item.offset, item.error ? `${errorText(item.error, lang)} (${item.error.rfc})` : w.reasons[item.reason])}`;
	const f = item.frame;
	const flags = [f.fin ? 'FIN' : 'fin=0', f.rsv1 ? 'RSV1' : '', f.rsv2 ? 'RSV2' : '', f.rsv3 ? 'RSV3' : '']
		.filter(Boolean)
		.join(' ');
	const mask = f.maskKey ? w.masked(hex(f.maskKey)) : w.unmasked;
	let what = '';
	if (f.opcode === 8) {
		const c = parseClosePayload(f.payload);
		what =
			c.code === null
				? w.noStatus
				: `${closeCodeText(c.code, lang)}${c.ok && c.reason ? ` ${safe(JSON.stringify(c.reason))}` : ''}`;
	} else if (f.rsv1 && (f.opcode === 1 || f.opcode === 2)) what = w.compressed;
	else if (f.opcode === 1 || f.opcode === 9 || f.opcode === 10 || (f.opcode === 0 && isText(f.payload)))
		what = preview(f.payload);
	else if (f.payload.length) what = hex(f.payload.subarray(0, 16)) + (f.payload.length > 16 ? ' …' : '');
	const errors = problemText(f.errors, lang);
	return `${dir}  ${opcodeLabel(f.opcode, lang).padEnd(12)} ${flags.padEnd(8)} ${mask.padEnd(22)} ${String(f.payloadLength).padStart(7)} ${w.bytes(f.payloadLength)}  ${what}${errors}`;
}

function problemText(list: readonly ProtocolError[], lang: Lang): string {
	const w = tapWords(lang);
	return list.map((e) => w.problem(e.code, errorWords(lang)[e.code].rule, e.closeCode, e.rfc)).join('');
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

function isText(b: Uint8Array): boolean {
	return b.length > 0 && b.every((x) => x >= 0x20 || x === 9 || x === 10 || x === 13);
}

/** The first 60 characters, quoted, control characters escaped. */
function preview(b: Uint8Array): string {
	const text = decodeUtf8(b.subarray(0, 240));
	const cut = text.length > 60 || b.length > 240;
	return safe(JSON.stringify(text.slice(0, 60))) + (cut ? ' …' : '');
}

/**
 * Control characters as \xNN: bytes from the network must never reach a terminal raw (ESC and the
 * C1 controls start escape sequences), nor reorder the line (bidirectional overrides).
 */
export function safe(text: string): string {
	// eslint-disable-next-line no-control-regex -- these are exactly the characters to escape
	return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
		const code = c.charCodeAt(0);
		return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
	});
}
