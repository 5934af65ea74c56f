import { seededRandom } from '$lib/protocol';
import type { ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';

/** A heartbeat each way: a ping, answered by a pong with the same payload (RFC 6455 §5.5.2, §5.5.3). */
export const pingPong: ScenarioDef = {
	id: 'ping-pong',
	run(p) {
		const sim = new Simulation({
			handshake: 'none',
			clientRandom: seededRandom(p.seed),
			serverRandom: seededRandom(p.seed + 1)
		});
		sim.act('server', (s) => s.ping('heartbeat'));
		sim.act('client', (c) => c.ping('still there?'));
		return sim;
	}
};
