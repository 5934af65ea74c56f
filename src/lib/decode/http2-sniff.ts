/**
 * Does a paste hold HTTP/2 rather than WebSocket frames? Small on purpose: the reader asks it of every
 * paste, and the HTTP/2 reading (./http2) is loaded only when the answer is yes.
 */
import { PREFACE } from '$lib/protocol/http2/frames';
import type { H2Side } from './http2-types';
import type { RoleChoice } from './types';

/** `PRI `: no WebSocket frame starts so, and a client's HTTP/2 bytes always do (RFC 7540 §3.5). */
const PRI = PREFACE.subarray(0, 4);

/**
 * 'client' when the bytes start as the client preface does (the rest of it, right or wrong, is for
 * the reading to judge); 'server' when "Sent by" says server and they start with a SETTINGS frame
 * header on stream 0, as a server's first frame is (§3.5): that alone would be a guess, since a
 * WebSocket paste may start with the same octets. Otherwise null: WebSocket frames.
 */
export function http2Side(bytes: Uint8Array, role: RoleChoice): H2Side | null {
	if (bytes.length >= PRI.length && PRI.every((b, i) => bytes[i] === b)) return 'client';
	if (role !== 'server' || bytes.length < 9) return null;
	const length = (bytes[0] << 16) | (bytes[1] << 8) | bytes[2];
	const settings =
		bytes[3] === 0x4 && bytes[4] === 0 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0 && bytes[8] === 0;
	return settings && length % 6 === 0 ? 'server' : null;
}
