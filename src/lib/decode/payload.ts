/**
 * How a payload is shown: as UTF-8 text, as pretty JSON when it parses as a JSON object or array,
 * or as a hex dump. Long payloads are cut to a window the page can render at once; the component
 * offers the rest on demand.
 */
import { decodeUtf8, Utf8Validator } from '$lib/protocol';
import { toHex } from '$lib/hex';
import type { FrameKind, MessageKind } from './types';

export type PayloadView = 'text' | 'json' | 'hex';

export interface PayloadDisplay {
	/** The bytes are valid UTF-8 (a character cut off at the end counts as valid when `partial`). */
	readonly validUtf8: boolean;
	/** Pretty-printed JSON, when the text is a JSON object or array. */
	readonly json: string | null;
	/** The view to open with. */
	readonly suggested: PayloadView;
	/** Mostly printable text: worth offering the text view for binary data too. */
	readonly printable: boolean;
}

/** Larger payloads are not tried as JSON (parsing would block the page for nothing). */
const JSON_LIMIT = 1024 * 1024;

export function describePayload(bytes: Uint8Array, kind: FrameKind | MessageKind, partial = false): PayloadDisplay {
	const v = new Utf8Validator().push(bytes);
	const validUtf8 = v.ok && (partial || !v.incomplete);
	let json: string | null = null;
	if (validUtf8 && bytes.length <= JSON_LIMIT && looksLikeJson(bytes)) {
		try {
			json = JSON.stringify(JSON.parse(decodeUtf8(bytes)), null, 2);
		} catch {
			json = null;
		}
	}
	const printable = validUtf8 && bytes.length > 0 && printableShare(bytes) > 0.9;
	const textual =
		kind === 'text' ||
		((kind === 'ping' || kind === 'pong' || kind === 'continuation' || kind === 'close') && printable);
	const suggested: PayloadView = json && textual ? 'json' : textual ? 'text' : 'hex';
	return { validUtf8, json, suggested, printable };
}

function looksLikeJson(bytes: Uint8Array): boolean {
	let i = 0;
	while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
	return bytes[i] === 0x7b || bytes[i] === 0x5b; // { or [
}

/** Share of bytes (in the first 4 KiB) that are not C0 controls other than tab and newlines. */
function printableShare(bytes: Uint8Array): number {
	const n = Math.min(bytes.length, 4096);
	let ok = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i];
		if (b >= 0x20 ? b !== 0x7f : b === 0x09 || b === 0x0a || b === 0x0d) ok++;
	}
	return n ? ok / n : 1;
}

export interface HexRow {
	readonly offset: string;
	readonly hex: string;
	readonly ascii: string;
}

/** xxd-style rows of 16 bytes: offset, hex, and the printable ASCII (others as "."). */
export function hexRows(bytes: Uint8Array, limit = bytes.length): HexRow[] {
	const rows: HexRow[] = [];
	const end = Math.min(limit, bytes.length);
	for (let o = 0; o < end; o += 16) {
		const chunk = bytes.subarray(o, Math.min(o + 16, end));
		let ascii = '';
		for (const b of chunk) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
		rows.push({ offset: o.toString(16).padStart(8, '0'), hex: toHex(chunk), ascii });
	}
	return rows;
}

/** A byte as a visible character for the unmasking table: ASCII, or a middle dot. */
export function byteChar(b: number): string {
	return b >= 0x21 && b < 0x7f ? String.fromCharCode(b) : b === 0x20 ? '␠' : '·';
}
