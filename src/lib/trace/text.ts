/**
 * English for the steps the runner adds itself (the Accept computation, the masking XOR, TCP).
 * Every other step's English is the engine's own `explain`. Korean for all of them lives in
 * src/lib/i18n/simulate.ts under the same keys.
 */

import type { ExplainParams } from './types';

type P = ExplainParams;
const hex = (n: unknown) => Number(n).toString(16).padStart(2, '0');

export const runnerText: Record<string, (p: P) => string> = {
	'accept.concat': () =>
		'The server appends the fixed GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11 to the key, taking the key exactly as the text it received (it never decodes it).',
	'accept.sha1': (p) => `It hashes those ${p.length} characters with SHA-1, which always gives a 20-byte digest.`,
	'accept.base64': (p) => `It writes the 20 bytes in base64: ${p.accept} is the value of Sec-WebSocket-Accept.`,
	'accept.check.ok': () =>
		'The client computes the same value from the key it sent and finds it in Sec-WebSocket-Accept: this server really read a WebSocket request.',
	'accept.check.bad': () =>
		'The client computes the value from the key it sent, but Sec-WebSocket-Accept does not match: it must fail the connection.',
	'mask.byte': (p) =>
		`Payload byte ${p.index} is XORed with key byte ${p.index} mod 4 = ${p.keyIndex}: ${hex(p.input)} XOR ${hex(p.key)} = ${hex(p.output)}.`,
	'mask.rest': (p) => `The other ${p.remaining} bytes are masked the same way, the key repeating every 4 bytes.`,
	'mask.unmask': (p) =>
		`The server XORs the ${p.total} payload bytes with the same key again; XOR twice with the same key gives back the original bytes.`,
	'tcp.close.server': () =>
		'The server closes the TCP connection. The server closes first, so the client need not hold the connection in TIME_WAIT.',
	'tcp.close.fail': (p) =>
		`The ${p.role} closes the TCP connection at once: after failing the connection it does not wait for an answer.`,
	'tcp.close.rejected': () => 'The server closes the TCP connection: the handshake failed, so there is no WebSocket connection.',
	'tcp.close.other': (p) => `The ${p.role} closes the TCP connection.`,
	'wire.dropped': (p) => `The ${p.to} has already closed the TCP connection, so nobody reads these bytes.`,
	'wire.ignored': (p) => `The ${p.to} has already closed the connection and ignores these bytes.`
};

export const runnerRfc: Record<string, string> = {
	'accept.concat': 'RFC 6455 §4.2.2',
	'accept.sha1': 'RFC 6455 §4.2.2',
	'accept.base64': 'RFC 6455 §4.2.2',
	'accept.check.ok': 'RFC 6455 §4.1',
	'accept.check.bad': 'RFC 6455 §4.1',
	'mask.byte': 'RFC 6455 §5.3',
	'mask.rest': 'RFC 6455 §5.3',
	'mask.unmask': 'RFC 6455 §5.3',
	'tcp.close.server': 'RFC 6455 §7.1.1',
	'tcp.close.fail': 'RFC 6455 §7.1.7',
	'tcp.close.rejected': 'RFC 6455 §4.2.2',
	'tcp.close.other': 'RFC 6455 §7.1.1',
	'wire.dropped': 'RFC 6455 §7.1.7',
	'wire.ignored': 'RFC 6455 §7.1.4'
};
