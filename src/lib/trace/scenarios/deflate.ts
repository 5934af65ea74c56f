import { permessageDeflate, seededRandom } from '$lib/protocol';
import { RFC_KEY } from '$lib/trace/params';
import { clientRandom, type ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';
import { echoLast } from './echo';

/** Repetitive enough that even the first message shrinks (the second "Hello" refers to the first). */
export const DEFLATE_TEXT = 'Hello Hello Hello Hello';

/**
 * permessage-deflate (RFC 7692): the client offers it as browsers do (`client_max_window_bits`, no
 * value: "you may limit my window", §7.1.2.2), the server accepts it with no parameters, so both
 * directions keep their LZ77 window between messages (context takeover, §7.1.1). The client sends the
 * same text twice and the echo server answers each: the second copy each way is a back-reference into
 * the first, a few bytes on the wire.
 */
export const deflate: ScenarioDef = {
	id: 'deflate',
	run(p) {
		const sim = new Simulation({
			handshake: 'brief',
			client: { extensions: [permessageDeflate({ clientMaxWindowBits: true })] },
			server: { extensions: [permessageDeflate()] },
			clientRandom: clientRandom(RFC_KEY, seededRandom(p.seed)),
			serverRandom: seededRandom(p.seed + 1)
		});
		sim.settle();
		for (let i = 0; i < 2; i++) {
			sim.act('client', (c) => c.sendText(DEFLATE_TEXT));
			echoLast(sim);
		}
		sim.act('client', (c) => c.close(1000));
		return sim;
	}
};
