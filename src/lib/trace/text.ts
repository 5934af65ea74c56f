/**
 * English for the steps the runner adds itself (the Accept computation, the masking XOR, TCP), and
 * for the steps of a permessage-deflate connection, where the engine's sentence gives the sizes but
 * the reader also needs what was agreed and what the DEFLATE data holds (keys ending in `.deflate`,
 * and `ev.message.inflated`). Every other step's English is the engine's own `explain`. Korean for all
 * of them lives in src/lib/i18n/simulate.ts under the same keys.
 */

import type { ExplainParams } from './types';

type P = ExplainParams;
const hex = (n: unknown) => Number(n).toString(16).padStart(2, '0');
const peer = (role: unknown) => (role === 'client' ? 'server' : 'client');
const plural = (n: unknown, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;
/** What a DEFLATE message is made of: bytes written as they are, and copies of earlier bytes. */
const made = (p: P) =>
	`${plural(p.literals, 'byte as it is', 'bytes as they are')}, ${plural(p.matches, 'back-reference', 'back-references')} to earlier bytes`;
const opName = (op: unknown) => (Number(op) === 2 ? 'binary' : Number(op) === 0 ? 'continuation' : 'text');

/** What RSV1 means on a connection with permessage-deflate agreed (RFC 7692 §6), by DeflateView.rsv1. */
export const deflateRsv1Text: Record<'compressed' | 'uncompressed' | 'control' | 'continuation', string> = {
	compressed: 'Compressed (permessage-deflate): the payload is DEFLATE data, inflated once the message is whole.',
	uncompressed: 'Not compressed: permessage-deflate is agreed, but this message is sent as it is.',
	control: 'Always 0 here: permessage-deflate never compresses control frames.',
	continuation: 'Always 0 here: only the first frame of a message says whether it is compressed.'
};

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
	'wire.ignored': (p) => `The ${p.to} has already closed the connection and ignores these bytes.`,
	'out.request.deflate': (p) =>
		`The client asks to upgrade the HTTP connection to WebSocket, with a fresh random key, and offers compression: Sec-WebSocket-Extensions: ${p.offer}.`
		+ (p.windowHint ? " Its client_max_window_bits, without a value, tells the server it may limit the client's LZ77 window (RFC 7692 §7.1.2.2)." : ''),
	'ev.request.deflate': (p) =>
		`The server reads the upgrade request: GET over HTTP/1.1, Upgrade: websocket, Connection: Upgrade, a 16-byte key, version 13, and the offer ${p.offer}, whose parameters it checks against RFC 7692 §7.1.`,
	'out.response.deflate': (p) =>
		`The server agrees: 101 Switching Protocols, with Sec-WebSocket-Accept computed from the client's key, and accepts compression: Sec-WebSocket-Extensions: ${p.extensions}.`
		+ (p.noParams ? ' With no parameters, each side keeps its LZ77 window from one message to the next (context takeover), up to 32 KiB.' : ''),
	'ev.response.deflate': () =>
		'The client checks the answer: status 101, Upgrade and Connection headers, the Accept value it computed itself, and the extension: permessage-deflate is what it offered, with parameters it allows, so messages may now be compressed both ways.',
	'out.deflate': (p) =>
		`The ${p.role} sends a ${p.kind} message of ${p.size} bytes compressed to ${p.compressedSize} (${made(p)}), in one frame with RSV1 = 1. `
		+ `Like every message, its DEFLATE data ends in 00 00 ff ff, so those 4 bytes are left off; the ${peer(p.role)} puts them back to inflate (RFC 7692 §7.2.1, §7.2.2).`,
	'out.deflate.takeover': (p) =>
		p.copy
			? `The ${p.role} sends the same ${p.size} bytes of ${p.kind} again. The first time they were compressed to ${p.previousCompressed} bytes; now they take ${p.compressedSize}, `
				+ `because the DEFLATE data is a single back-reference, “copy the ${p.size} bytes just before this”, and those bytes are the previous message, still in the ${p.role}'s LZ77 window (context takeover, RFC 7692 §7.1.1).`
			: `The ${p.role} sends a ${p.kind} message of ${p.size} bytes compressed to ${p.compressedSize}, in one frame with RSV1 = 1. `
				+ `Its DEFLATE data is ${made(p)}; some of the back-references reach up to ${p.reachesBack} bytes before the message, into earlier messages the ${p.role}'s LZ77 window still holds (context takeover, RFC 7692 §7.1.1). `
				+ 'As always, the final 00 00 ff ff is left off (§7.2.1).',
	'ev.frame.deflate': (p) =>
		`A ${opName(p.opcode)} frame arrives with RSV1 = 1: FIN ${p.fin ? 1 : 0}, ${p.length} bytes of payload${p.masked ? ', masked' : ''}. `
		+ 'permessage-deflate was agreed, so RSV1 means “compressed” (RFC 7692 §6): the payload is DEFLATE data, not yet the message.',
	'ev.message.inflated': (p) =>
		`The ${p.role} appends 00 00 ff ff to the ${p.compressedSize} bytes it received and inflates them`
		+ (p.takeover ? ', with the LZ77 window it kept from earlier messages' : '')
		+ ` (RFC 7692 §7.2.2): a complete ${p.kind} message of ${p.size} bytes${p.kind === 'text' ? ', valid UTF-8' : ''}.`
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
	'wire.ignored': 'RFC 6455 §7.1.4',
	'out.request.deflate': 'RFC 7692 §5',
	'ev.request.deflate': 'RFC 7692 §7.1',
	'out.response.deflate': 'RFC 7692 §7.1',
	'ev.response.deflate': 'RFC 7692 §7.1',
	'out.deflate': 'RFC 7692 §7.2.1',
	'out.deflate.takeover': 'RFC 7692 §7.1.1',
	'ev.frame.deflate': 'RFC 7692 §6',
	'ev.message.inflated': 'RFC 7692 §7.2.2'
};
