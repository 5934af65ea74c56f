/**
 * An opening handshake made by the engines, for a saved file whose session has none (a simulator
 * scenario that starts open, a paste of frames alone): without one, Wireshark cannot know that the
 * bytes on port 80 are WebSocket. A client and a server Connection, seeded, so the same session
 * always makes the same file.
 */
import { concat } from '$lib/protocol/bytes';
import { Connection, seededRandom } from '$lib/protocol';

/** The client's request and the server's 101 response. */
export function engineHandshake(): [Uint8Array, Uint8Array] {
	const client = new Connection({ role: 'client', uri: 'ws://server.example.com/chat', random: seededRandom(1) });
	const server = new Connection({ role: 'server', random: seededRandom(2) });
	const request = concat(client.dataToSend());
	server.receive(request);
	return [request, concat(server.dataToSend())];
}
