/**
 * Sec-WebSocket-Key and Sec-WebSocket-Accept (RFC 6455 §1.3, §4.1, §4.2.2): the key is 16 random
 * bytes in base64; the server proves it read a WebSocket request by hashing the key with a fixed GUID.
 */

import { WebSocketUsageError, describeValue } from '../errors';
import { base64Encode } from './base64';
import { sha1 } from './sha1';

/** The GUID every server appends to the key (RFC 6455 §1.3). */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface AcceptSteps {
	readonly key: string;
	readonly concatenated: string;
	readonly digest: Uint8Array;
	readonly accept: string;
}

/** Sec-WebSocket-Accept = base64(SHA-1(key + GUID)), each step kept for the visualizer. */
export function acceptSteps(key: string): AcceptSteps {
	if (typeof key !== 'string') throw new WebSocketUsageError('BAD_KEY', { got: describeValue(key) }, 'RFC 6455 §4.2.2');
	const concatenated = key + WEBSOCKET_GUID;
	const bytes = new Uint8Array(concatenated.length);
	for (let i = 0; i < concatenated.length; i++) bytes[i] = concatenated.charCodeAt(i) & 0xff;
	const digest = sha1(bytes);
	return { key, concatenated, digest, accept: base64Encode(digest) };
}

export function computeAccept(key: string): string {
	return acceptSteps(key).accept;
}

/** A random 16-byte nonce, base64-encoded (RFC 6455 §4.1); randomness comes from the caller. */
export function generateKey(random: (n: number) => Uint8Array): string {
	if (typeof random !== 'function') throw new WebSocketUsageError('BAD_RANDOM', { got: describeValue(random) });
	const bytes = random(16);
	if (!(bytes instanceof Uint8Array) || bytes.length !== 16)
		throw new WebSocketUsageError('BAD_RANDOM', { asked: 16, got: describeValue(bytes) });
	return base64Encode(bytes);
}
