import { fixedRandom, seededRandom } from '$lib/protocol';
import type { ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';

/** The client starts the closing handshake with 1000 (the mask of RFC 6455 §5.7, as in the lesson). */
export const closeClient: ScenarioDef = {
	id: 'close-client',
	run(p) {
		const sim = new Simulation({
			handshake: 'none',
			clientRandom: fixedRandom(new Uint8Array([0x37, 0xfa, 0x21, 0x3d])),
			serverRandom: seededRandom(p.seed + 1)
		});
		sim.act('client', (c) => c.close(1000));
		return sim;
	}
};

/** The server starts it with 1001 (Going Away); the server still closes TCP first (§7.1.1). */
export const closeServer: ScenarioDef = {
	id: 'close-server',
	run(p) {
		const sim = new Simulation({
			handshake: 'none',
			clientRandom: seededRandom(p.seed),
			serverRandom: seededRandom(p.seed + 1)
		});
		sim.act('server', (s) => s.close(1001));
		return sim;
	}
};
