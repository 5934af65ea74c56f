import { seededRandom } from '$lib/protocol';
import { patternText, type ScenarioDef } from '$lib/trace/scenario';
import { Simulation } from '$lib/trace/simulation';
import { echoLast } from './echo';

/** 300 bytes need the 16-bit length (RFC 6455 §5.2): 126, then the length in 2 bytes. Both directions. */
export const large16: ScenarioDef = {
	id: 'large-16',
	run(p) {
		const sim = new Simulation({
			handshake: 'none',
			clientRandom: seededRandom(p.seed),
			serverRandom: seededRandom(p.seed + 1)
		});
		sim.act('client', (c) => c.sendText(patternText(300)));
		echoLast(sim);
		return sim;
	}
};

/** 70000 bytes need the 64-bit length: 127, then the length in 8 bytes (RFC 6455 §5.2). */
export const large64: ScenarioDef = {
	id: 'large-64',
	run(p) {
		const sim = new Simulation({
			handshake: 'none',
			clientRandom: seededRandom(p.seed),
			serverRandom: seededRandom(p.seed + 1)
		});
		const file = new Uint8Array(70000);
		for (let i = 0; i < file.length; i++) file[i] = i & 0xff;
		sim.act('server', (s) => s.sendBinary(file));
		return sim;
	}
};
