import { encodeUtf8, Opcode, seededRandom } from '$lib/protocol';
import { RFC_KEY } from '$lib/trace/params';
import { clientRandom, type ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';

/**
 * Peers that break the rules, written with the engine's sendFrame (which encodes malformed frames on
 * purpose), so the reader sees the receiving engine fail the connection with the right code.
 */
const frames = (seed: number) =>
	new Simulation({ handshake: 'none', clientRandom: seededRandom(seed), serverRandom: seededRandom(seed + 1) });

/** A client frame with MASK = 0: the server must close with 1002 (RFC 6455 §5.1). */
export const errorUnmasked: ScenarioDef = {
	id: 'error-unmasked',
	run(p) {
		const sim = frames(p.seed);
		sim.act('client', (c) => c.sendFrame({ opcode: Opcode.Text, payload: encodeUtf8('Hello'), mask: null }), {
			note: { explainKey: 'note.unmasked', rfc: 'RFC 6455 §5.1' }
		});
		return sim;
	}
};

/** "caf" then c3 28: c3 starts a 2-byte character, and 28 cannot continue it (RFC 6455 §8.1 → 1007). */
export const errorUtf8: ScenarioDef = {
	id: 'error-utf8',
	run(p) {
		const sim = frames(p.seed);
		sim.act(
			'client',
			(c) => c.sendFrame({ opcode: Opcode.Text, payload: new Uint8Array([0x63, 0x61, 0x66, 0xc3, 0x28]) }),
			{ note: { explainKey: 'note.badUtf8', rfc: 'RFC 6455 §8.1' } }
		);
		return sim;
	}
};

/** A 126-byte ping: control frames carry at most 125 bytes (RFC 6455 §5.5), so the client fails with 1002. */
export const errorControlTooLong: ScenarioDef = {
	id: 'error-control-too-long',
	run(p) {
		const sim = frames(p.seed);
		const payload = new Uint8Array(126);
		for (let i = 0; i < payload.length; i++) payload[i] = 0x61 + (i % 26);
		sim.act('server', (s) => s.sendFrame({ opcode: Opcode.Ping, payload }), {
			note: { explainKey: 'note.longPing', rfc: 'RFC 6455 §5.5' }
		});
		return sim;
	}
};

/** A client asking for version 25: the server answers 426 and names the version it speaks (§4.4). */
export const rejectedVersion: ScenarioDef = {
	id: 'rejected-version',
	run(p) {
		const sim = new Simulation({
			handshake: 'brief',
			clientRandom: clientRandom(RFC_KEY, seededRandom(p.seed)),
			serverRandom: seededRandom(p.seed + 1),
			rewriteRequest: {
				fields: (f) => f.map(([n, v]) => [n, n.toLowerCase() === 'sec-websocket-version' ? '25' : v]),
				note: { explainKey: 'note.requestVersion', params: { version: 25 }, rfc: 'RFC 6455 §4.4' }
			}
		});
		sim.settle();
		return sim;
	}
};
