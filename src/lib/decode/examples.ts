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
