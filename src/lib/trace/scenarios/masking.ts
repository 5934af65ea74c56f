import { fixedRandom } from '$lib/protocol';
import { parseMaskKey } from '$lib/trace/params';
import type { ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';

/** The masked "Hello" of RFC 6455 §5.7 (key 37 fa 21 3d), XORed byte by byte, then unmasked. */
export const masking: ScenarioDef = {
	id: 'masking',
	run(p) {
		const key = parseMaskKey(p.mask ?? '37fa213d');
		const masks = fixedRandom(key.ok ? key.bytes : new Uint8Array([0x37, 0xfa, 0x21, 0x3d]));
		const sim = new Simulation({ handshake: 'none', clientRandom: masks, serverRandom: masks });
		sim.act('client', (c) => c.sendText(p.text), { maskDetail: true });
		return sim;
	}
};
