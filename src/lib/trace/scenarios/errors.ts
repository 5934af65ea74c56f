import { encodeUtf8, Opcode, seededRandom } from '../../protocol';
import { RFC_KEY } from '../params';
import { clientRandom, type ScenarioDef } from '../scenario';
import { Simulation } from '../wire';

/**
 * Peers that break the rules, written with the engine's sendFrame (which encodes malformed frames on
 * purpose), so the reader sees the receiving engine fail the connection with the right code.
 */
const frames = (seed: number) =>
	new Simulation({ handshake: 'none', clientRandom: seededRandom(seed), serverRandom: seededRandom(seed + 1) });

/** A client frame with MASK = 0: the server must close with 1002 (RFC 6455 §5.1). */
export const errorUnmasked: ScenarioDef = {
	id: 'error-unmasked',
	group: 'errors',
	params: [],
	run(p) {
		const sim = frames(p.seed);
		const explain = 'The client sends "Hello" in a text frame without masking it (MASK = 0), which RFC 6455 forbids: every client frame must be masked.';
		sim.act('client', (c) => c.sendFrame({ opcode: Opcode.Text, payload: encodeUtf8('Hello'), mask: null }, explain),
			{ note: { explainKey: 'note.unmasked', explain, rfc: 'RFC 6455 §5.1' } });
		return sim;
	}
};

/** "caf" then c3 28: c3 starts a 2-byte character, and 28 cannot continue it (RFC 6455 §8.1 → 1007). */
export const errorUtf8: ScenarioDef = {
	id: 'error-utf8',
	group: 'errors',
	params: [],
	run(p) {
		const sim = frames(p.seed);
		const explain = 'The client sends a text frame whose payload is not UTF-8: 63 61 66 is "caf", but c3 must be followed by a byte from 80 to bf, and 28 is not one.';
		sim.act('client', (c) => c.sendFrame({ opcode: Opcode.Text, payload: new Uint8Array([0x63, 0x61, 0x66, 0xc3, 0x28]) }, explain),
			{ note: { explainKey: 'note.badUtf8', explain, rfc: 'RFC 6455 §8.1' } });
		return sim;
	}
};

/** A 126-byte ping: control frames carry at most 125 bytes (RFC 6455 §5.5), so the client fails with 1002. */
export const errorControlTooLong: ScenarioDef = {
	id: 'error-control-too-long',
	group: 'errors',
	params: [],
	run(p) {
		const sim = frames(p.seed);
		const payload = new Uint8Array(126);
		for (let i = 0; i < payload.length; i++) payload[i] = 0x61 + (i % 26);
		const explain = 'The server sends a ping with 126 bytes of payload, so its header needs the 16-bit length form. Control frames may carry at most 125 bytes.';
		sim.act('server', (s) => s.sendFrame({ opcode: Opcode.Ping, payload }, explain),
			{ note: { explainKey: 'note.longPing', explain, rfc: 'RFC 6455 §5.5' } });
		return sim;
	}
};

/** A client asking for version 25: the server answers 426 and names the version it speaks (§4.4). */
export const rejectedVersion: ScenarioDef = {
	id: 'rejected-version',
	group: 'errors',
	params: [],
	run(p) {
		const explain = 'The client asks to upgrade with Sec-WebSocket-Version: 25, a version this server does not speak (RFC 6455 is version 13).';
		const sim = new Simulation({
			handshake: 'brief', clientRandom: clientRandom(RFC_KEY, seededRandom(p.seed)), serverRandom: seededRandom(p.seed + 1),
			rewriteRequest: {
				fields: (f) => f.map(([n, v]) => [n, n.toLowerCase() === 'sec-websocket-version' ? '25' : v]),
				note: { explainKey: 'note.requestVersion', params: { version: 25 }, explain, rfc: 'RFC 6455 §4.4' }
			}
		});
		sim.settle();
		return sim;
	}
};
