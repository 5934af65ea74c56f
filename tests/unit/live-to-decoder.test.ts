// Live mode's "Open in the decoder": a connection's true bytes, handshake and frames of both
// directions in wire order, become one stream the decoder reads back exactly.
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '$lib/hex';
import { concat, Connection, decodeUtf8, FrameDecoder, permessageDeflate, readHead, seededRandom } from '$lib/protocol';
import { analyzeStream } from '$lib/decode/analyze';
import { decoderStream } from '$lib/live/to-decoder';
import type { TrueFrame, TrueHead } from '$lib/live/true-bytes.svelte';

function connection(messages: string[]) {
	const client = new Connection({
		role: 'client',
		uri: 'ws://127.0.0.1:6455/',
		random: seededRandom(5),
		extensions: [permessageDeflate({ clientMaxWindowBits: true })]
	});
	const server = new Connection({ role: 'server', extensions: [permessageDeflate()] });
	const request = concat(client.dataToSend());
	server.receive(request);
	const response = concat(server.dataToSend());
	client.receive(response);
	const heads: TrueHead[] = [request, response].map((bytes, i) => {
		const r = readHead(bytes);
		if (r.kind !== 'head') throw new Error('no head');
		return { dir: i === 0 ? 'in' : 'out', head: r.head, bytes, t: i };
	});
	const frames: TrueFrame[] = [];
	const take = (bytes: Uint8Array, dir: 'in' | 'out') => {
		for (const r of new FrameDecoder({ allowedRsv: 0x40 }).push(bytes.slice())) {
			if (r.type !== 'frame') continue;
			const size = r.frame.headerLength + r.frame.payloadLength;
			frames.push({
				id: frames.length,
				dir,
				offset: 0,
				header: r.frame,
				wire: bytes.subarray(r.frame.offset, r.frame.offset + size),
				size,
				message: null,
				errors: [],
				t: 0
			} as unknown as TrueFrame);
		}
	};
	for (const m of messages) {
		client.send(m);
		const c = concat(client.dataToSend());
		server.receive(c);
		take(c, 'in');
		server.send(m);
		take(concat(server.dataToSend()), 'out');
	}
	return { heads, frames, request, response };
}

describe('decoderStream', () => {
	it('is the handshake then every frame in wire order, and the decoder reads it back exactly', () => {
		const said = ['{"n":1}', '{"n":2}', '{"n":3}'];
		const c = connection(said);
		const s = decoderStream(c.heads, c.frames)!;
		expect(s.leftOut).toBe(0);
		const a = analyzeStream(hexToBytes(s.hex), { deflate: 'auto' });
		expect(a.handshake.map((h) => h.role)).toEqual(['client', 'server']);
		expect(a.handshake.every((h) => h.verdict?.ok)).toBe(true);
		expect(a.messages.map((m) => decodeUtf8(m.data))).toEqual(said.flatMap((m) => [m, m]));
		expect(a.errorCount + a.warningCount).toBe(0);
	});

	it('keeps to the limit with whole frames, from the start, and says how many it left out', () => {
		const c = connection(['a'.repeat(200), 'b'.repeat(200), 'c'.repeat(200)]);
		const headBytes = c.request.length + c.response.length;
		const s = decoderStream(c.heads, c.frames, headBytes + c.frames[0].size + c.frames[1].size)!;
		expect(s.bytes).toBe(headBytes + c.frames[0].size + c.frames[1].size);
		expect(s.leftOut).toBe(c.frames.length - 2);
		// A frame the page let go of (wire null) is skipped, not cut.
		const gone = c.frames.map((f, i) => (i === 0 ? { ...f, wire: null } : f));
		expect(decoderStream(c.heads, gone)!.leftOut).toBe(1);
		expect(decoderStream([], [])).toBeNull();
	});
});
