/**
 * Example inputs for the page. The first five are the examples of RFC 6455 §5.7, byte for byte;
 * the RFC leaves the data of its 256-byte and 64 KiB binary examples open, so they count up. The
 * compressed ones are RFC 7692 §7.2.3's.
 */
import { toHex } from '$lib/hex';

export type ExampleId =
	| 'hello'
	| 'maskedHello'
	| 'fragmented'
	| 'pingPong'
	| 'binary256'
	| 'binary64k'
	| 'close'
	| 'deflateHello'
	| 'deflateShared'
	| 'tcpStream'
	| 'http2'
	| 'broken';

/** Text as the hex of its bytes, 16 to a line (heads are ASCII). */
function ascii(text: string): string {
	const lines: string[] = [];
	const bytes = new TextEncoder().encode(text);
	for (let i = 0; i < bytes.length; i += 16) lines.push(toHex(bytes.subarray(i, i + 16)));
	return lines.join('\n');
}

function counting(n: number): string {
	const data = new Uint8Array(n);
	for (let i = 0; i < n; i++) data[i] = i & 0xff;
	return toHex(data);
}

const EXAMPLES: Record<ExampleId, () => string> = {
	// RFC 6455 §5.7: a single-frame unmasked text message.
	hello: () => '81 05 48 65 6c 6c 6f',
	// A single-frame masked text message.
	maskedHello: () => '81 85 37 fa 21 3d 7f 9f 4d 51 58',
	// A fragmented unmasked text message: "Hel", then "lo".
	fragmented: () => '01 03 48 65 6c\n80 02 6c 6f',
	// An unmasked ping and the masked pong that answers it.
	pingPong: () => '89 05 48 65 6c 6c 6f\n8a 85 37 fa 21 3d 7f 9f 4d 51 58',
	// 256 bytes of binary data in a single unmasked frame: 16-bit length.
	binary256: () => `82 7e 01 00\n${counting(256)}`,
	// 64 KiB of binary data in a single unmasked frame: 64-bit length.
	binary64k: () => `82 7f 00 00 00 00 00 01 00 00\n${counting(65536)}`,
	// A masked close frame from a client: code 1000 (Normal Closure), reason "bye".
	close: () => '88 85 1a 2b 3c 4d 19 c3 5e 34 7f',
	// RFC 7692 §7.2.3.1: "Hello" compressed, RSV1 set, the trailing 00 00 ff ff removed.
	deflateHello: () => 'c1 07 f2 48 cd c9 c9 07 00',
	// RFC 7692 §7.2.3.2: "Hello" twice with context takeover: the second refers back to the first.
	deflateShared: () => 'c1 07 f2 48 cd c9 c9 07 00\nc1 05 f2 00 11 00 00',
	// A whole connection as "Follow TCP Stream" shows it: the upgrade (RFC 6455 §1.3's key), the 101
	// agreeing to permessage-deflate, then "Hello" compressed by the client (masked) and by the server.
	tcpStream: () =>
		[
			ascii(
				'GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
					'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
					'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n'
			),
			ascii(
				'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
					'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n'
			),
			'c1 87 37 fa 21 3d c5 b2 ec f4 fe fd 21',
			'c1 07 f2 48 cd c9 c9 07 00'
		].join('\n'),
	// WebSocket over HTTP/2 (RFC 8441), the client's direction, as our engines wrote it (a
	// WebSocketOverHttp2 client, seededRandom(6455), against a server announcing INITIAL_WINDOW_SIZE 8;
	// tests/unit/decode-http2.test.ts makes it again and compares): the preface, SETTINGS (ENABLE_PUSH
	// 0), the ACK of the server's, the extended CONNECT for ws://server.example.com/chat (HPACK,
	// Huffman-coded), the masked text "Hello" cut by the 8-octet window into two DATA frames, a
	// WINDOW_UPDATE for the server's "Hi!", the close (1000) cut the same way, another WINDOW_UPDATE
	// for the server's close, and END_STREAM.
	http2: () =>
		[
			ascii('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
			'00 00 06 04 00 00 00 00 00 00 02 00 00 00 00',
			'00 00 00 04 01 00 00 00 00',
			'00 00 44 01 04 00 00 00 01',
			'02 87 bd ab 4e 9c 17 b7 ff 00 87 b9 5d 87 49 c8 7a 3f 87 f0 58 d0 72 75 2a 7f 86 04 84 60 93',
			'8d 3f 01 8d 41 6c ee 5b 17 2f 91 d3 5d 05 5c 87 a7 00 8f 41 48 b7 82 c6 83 93 a9 52 b7 72 d8',
			'83 1e af 82 0b 3f',
			'00 00 08 00 00 00 00 00 01 81 85 24 5a 35 1e 6c 3f',
			'00 00 03 00 00 00 00 00 01 59 72 4b',
			'00 00 04 08 00 00 00 00 01 00 00 00 05',
			'00 00 05 00 00 00 00 00 01 88 82 21 f5 77',
			'00 00 03 00 00 00 00 00 01 70 22 1d',
			'00 00 04 08 00 00 00 00 01 00 00 00 04',
			'00 00 00 00 01 00 00 00 01'
		].join('\n'),
	// One of each common mistake: an RSV bit no extension uses (RSV2; RSV1 would read as deflate), a stray continuation, a fragmented ping,
	// invalid UTF-8, a close code that may not be sent, a non-minimal length, a frame cut short.
	broken: () =>
		[
			'a1 02 68 69',
			'80 01 21',
			'09 00',
			'81 02 c3 28',
			'88 02 03 ed',
			'82 7e 00 05 01 02 03 04 05',
			'81 05 48 65'
		].join('\n')
};

export const EXAMPLE_IDS = Object.keys(EXAMPLES) as ExampleId[];

export function exampleText(id: ExampleId): string {
	return EXAMPLES[id]();
}
