import { seededRandom } from '$lib/protocol';
import type { ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';

/**
 * "Hello, world" in three fragments, with a ping between the first two: control frames may be
 * injected in the middle of a fragmented message (RFC 6455 §5.4), and the client answers it at once.
 */
export const fragmented: ScenarioDef = {
	id: 'fragmented',
	run(p) {
		const sim = new Simulation({
			handshake: 'none',
			clientRandom: seededRandom(p.seed),
			serverRandom: seededRandom(p.seed + 1)
		});
		sim.server.sendText('Hello, world', { fragmentSize: 5 });
		const [first, ...rest] = sim.take('server');
		sim.transmit('server', first);
		sim.act('server', (s) => s.ping());
		for (const r of rest) sim.transmit('server', r);
		return sim;
	}
};
