import { seededRandom } from '$lib/protocol';
import { RFC_KEY } from '$lib/trace/params';
import { clientRandom, type ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';

/** A whole connection: handshake, "Hello" and its echo, and the closing handshake. */
export const echo: ScenarioDef = {
	id: 'echo',
	run(p) {
		const sim = new Simulation({
			handshake: 'brief',
			clientRandom: clientRandom(RFC_KEY, seededRandom(p.seed)),
			serverRandom: seededRandom(p.seed + 1)
		});
		sim.settle();
		sim.act('client', (c) => c.sendText('Hello'));
		echoLast(sim);
		sim.act('client', (c) => c.close(1000));
		return sim;
	}
};

/** The echo server's application: send back what arrived, as it arrived (text or binary). */
export function echoLast(sim: Simulation): void {
	const m = sim.received.server.at(-1);
	if (m) sim.act('server', (s) => s.sendMessage(m.kind === 'text' ? 1 : 2, m.data));
}
