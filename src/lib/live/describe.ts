/**
 * One line of plain English per thing read off the wire (wire.ts): the tap prints these in its
 * terminal. Opcode, flags, mask key, length, and what the payload says: text quoted with control
 * characters escaped (a terminal must not run them), binary as hex, a close's code with its
 * registered name (RFC 6455 §7.4), and any rule the frame breaks with its close code and section.
 */
import { closeCodeInfo, decodeUtf8, header, opcodeName, parseClosePayload, type ProtocolError } from '../protocol';
import type { WireItem } from './wire';

const arrow = { in: 'client → server', out: 'server → client' } as const;

/** A line for the terminal, or null for what needs none (an uncompressed message: its frames said it all). */
export function describeItem(item: WireItem): string | null {
	const dir = arrow[item.dir];
	if (item.kind === 'message') {
		if (!item.compressed && !item.problems.length) return null;
		const what = item.opcode === 1 ? preview(item.data) : hex(item.data.subarray(0, 16)) + (item.data.length > 16 ? ' …' : '');
		const inflated = item.compressed ? `inflated (permessage-deflate, RFC 7692): ${item.compressedSize ?? '?'} → ${item.data.length} bytes  ${what}` : `message ${item.index + 1}`;
		return `${dir}  ↳ ${inflated}${problemText(item.problems)}`;
	}
	if (item.kind === 'head') {
		const extra = item.dir === 'out'
			? ['Sec-WebSocket-Protocol', 'Sec-WebSocket-Extensions'].map((n) => (header(item.head.fields, n) ? `${n}: ${safe(header(item.head.fields, n)!)}` : '')).filter(Boolean)
			: [];
		return `${dir}  ${safe(item.head.startLine)}  (handshake, ${item.bytes.length} bytes${extra.length ? `; ${extra.join('; ')}` : ''})`;
	}
	if (item.kind === 'other') return `${dir}  ${item.bytes.length} bytes that are not frames (${otherText[item.reason]})`;
	if (item.kind === 'stopped') return `${dir}  stopped reading frames at byte ${item.offset}: ${item.error ? `${item.error.message} (${item.error.rfc})` : otherText[item.reason]}`;
	const f = item.frame;
	const flags = [f.fin ? 'FIN' : 'fin=0', f.rsv1 ? 'RSV1' : '', f.rsv2 ? 'RSV2' : '', f.rsv3 ? 'RSV3' : ''].filter(Boolean).join(' ');
	const mask = f.maskKey ? `mask ${hex(f.maskKey)}` : 'unmasked';
	let what = '';
	if (f.opcode === 8) {
		const c = parseClosePayload(f.payload);
		what = c.code === null ? 'no status code' : `${c.code} ${closeCodeInfo(c.code).name}${c.ok && c.reason ? ` ${safe(JSON.stringify(c.reason))}` : ''}`;
	} else if (f.rsv1 && (f.opcode === 1 || f.opcode === 2)) what = '(compressed, permessage-deflate)';
	else if (f.opcode === 1 || f.opcode === 9 || f.opcode === 10 || (f.opcode === 0 && isText(f.payload))) what = preview(f.payload);
	else if (f.payload.length) what = hex(f.payload.subarray(0, 16)) + (f.payload.length > 16 ? ' …' : '');
	const errors = problemText(f.errors);
	return `${dir}  ${opcodeName(f.opcode).padEnd(12)} ${flags.padEnd(8)} ${mask.padEnd(22)} ${String(f.payloadLength).padStart(7)} ${f.payloadLength === 1 ? 'byte ' : 'bytes'}  ${what}${errors}`;
}

const otherText: Record<string, string> = {
	'not-http': 'not an HTTP handshake',
	'not-upgraded': 'the server did not switch protocols, so no frames follow',
	gap: 'bytes were lost',
	undecodable: 'the frame decoder cannot go past this frame',
	'too-big': 'a frame too large to hold'
};

function problemText(list: readonly ProtocolError[]): string {
	return list.map((e) => `  ! ${e.code}: ${e.message} (${e.closeCode}, ${e.rfc})`).join('');
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
	return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
		const code = c.charCodeAt(0);
		return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
	});
}
