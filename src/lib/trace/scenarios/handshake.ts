import { seededRandom } from '$lib/protocol';
import { clientRandom, type ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';

/**
 * The opening handshake of RFC 6455 §1.3, byte for byte: the sample key, the subprotocols chat and
 * superchat, and each stage of the Accept computation. A reader's own key gives its own Accept; a
 * key that is not 16 bytes of base64 is sent anyway, and the server refuses it with 400 (§4.2.1).
 */
export const handshake: ScenarioDef = {
	id: 'handshake',
	run(p) {
		const bad = p.badKey;
		const sim = new Simulation({
			handshake: 'full',
			client: { protocols: ['chat', 'superchat'] },
			server: { subprotocols: ['chat'] },
			clientRandom: clientRandom(bad === null ? p.key : null, seededRandom(p.seed)),
			serverRandom: seededRandom(p.seed + 1),
			...(bad !== null
				? {
						rewriteRequest: {
							fields: (f) => f.map(([n, v]) => [n, n.toLowerCase() === 'sec-websocket-key' ? bad : v]),
							note: {
								explainKey: 'note.requestBadKey',
								params: { key: bad },
								rfc: 'RFC 6455 §4.1'
							}
						}
					}
				: {})
		});
		sim.settle();
		return sim;
	}
};
