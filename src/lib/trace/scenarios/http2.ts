import { seededRandom } from '$lib/protocol';
import { SETTINGS } from '$lib/protocol/http2/frames';
import type { ScenarioDef } from '$lib/trace/scenario';
import { Http2Simulation } from '$lib/trace/http2-simulation';

/**
 * WebSocket over HTTP/2 (RFC 8441): the preface, both SETTINGS (the server's says
 * ENABLE_CONNECT_PROTOCOL = 1), the extended CONNECT and its 200, then a text message and its echo
 * in DATA frames, and the closing handshake ended by END_STREAM each way. The server grants a stream
 * window of only 16 octets (SETTINGS_INITIAL_WINDOW_SIZE) and gives credit back every 8, so the
 * client's WebSocket frame is cut across two DATA frames with a WINDOW_UPDATE between them: a DATA
 * boundary is not a WebSocket frame boundary.
 */
export const http2: ScenarioDef = {
	id: 'http2',
	run(p) {
		const sim = new Http2Simulation({
			clientRandom: seededRandom(p.seed),
			serverRandom: seededRandom(p.seed + 1),
			server: { settings: [[SETTINGS.INITIAL_WINDOW_SIZE, 16]], windowUpdateThreshold: 8 },
			echo: true
		});
		sim.act('client', (c) => c.send('Hello over HTTP/2'));
		sim.act('client', (c) => c.close(1000));
		sim.finish();
		return sim;
	}
};
