import { fixedRandom, permessageDeflate, seededRandom } from '$lib/protocol';
import { parseMaskKey, RFC_KEY } from '$lib/trace/params';
import { clientRandom, type ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';
import { echoLast } from './echo';

/**
 * The reader's own connection: their messages from the client, fragmented as they choose and masked
 * with their key, compressed if they ask (permessage-deflate), each echoed by the server; then
 * whoever they pick closes.
 */
export const custom: ScenarioDef = {
	id: 'custom',
	run(p) {
		const key = p.mask === null ? null : parseMaskKey(p.mask);
		const masks = key?.ok ? fixedRandom(key.bytes) : seededRandom(p.seed);
		// With compression, both ends agree permessage-deflate as in the deflate scenario (RFC 7692).
		const extensions = p.deflate
			? {
					client: { extensions: [permessageDeflate({ clientMaxWindowBits: true })] },
					server: { extensions: [permessageDeflate()] }
				}
			: {};
		const sim = new Simulation({
			handshake: 'brief',
			...extensions,
			clientRandom: clientRandom(RFC_KEY, masks),
			serverRandom: seededRandom(p.seed + 1)
		});
		sim.settle();
		for (const m of p.messages) {
			sim.act('client', (c) => c.sendText(m, p.fragment ? { fragmentSize: p.fragment } : {}));
			echoLast(sim);
		}
		if (p.closeBy !== 'none') sim.act(p.closeBy, (c) => c.close(1000));
		return sim;
	}
};
