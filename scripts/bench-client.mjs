/**
 * The echo benchmark's client (scripts/bench.ts forks it): the `ws` library as its users run it, in
 * a plain Node process of its own. Not under the bench's TypeScript loader (tsx): loaded through it,
 * ws's client ran about 30% slower here, and unevenly, more so against one server than the other
 * (16 KiB JSON, 2 cores: 45 µs a message against our server and 54 µs against ws's in plain Node,
 * 60 and 56 µs under tsx), which would have measured the loader rather than the servers.
 *
 * Parent → child: { port, kind: 'json' | 'binary', deflate, size, window, ms }.
 * Child → parent: { rate } (echoed messages per second) or { error }.
 */
import WebSocket from 'ws';

/** 16 different messages of `size` bytes: JSON-like text, or binary that compresses about 2:1. */
function payloads(kind, size) {
	return Array.from({ length: 16 }, (_, k) => {
		if (kind === 'json') {
			let s = '';
			for (let i = k * 1000; s.length < size; i++)
				s += `{"id":${i},"user":"user${(i * 7919) % 1000}","text":"message ${i} about frames","ok":${i % 3 === 0},"t":${1700000000000 + i * 37}},`;
			return Buffer.from(s.slice(0, size));
		}
		// A random walk over a few byte values: half-predictable, like sensor data or game state.
		const b = Buffer.alloc(size);
		let x = k * 2654435761;
		for (let i = 0; i < size; i++) {
			x = (x * 1103515245 + 12345) >>> 0;
			b[i] = (b[i - 1] ?? 128) + ((x >>> 16) % 5) - 2;
		}
		return b;
	});
}

/**
 * One ws client keeps `window` messages in flight for `ms` and checks every echo, byte for byte, in
 * order; resolves to echoed messages per second.
 */
function load({ port, kind, deflate, size, window, ms }) {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: deflate ? { threshold: 0 } : false });
		const pool = payloads(kind, size);
		const binary = kind === 'binary';
		let sent = 0,
			echoed = 0,
			start = 0,
			done = false;
		const send = () => ws.send(pool[sent++ % pool.length], { binary });
		ws.on('error', reject);
		ws.on('open', () => {
			if (deflate && !ws.extensions.includes('permessage-deflate'))
				return reject(new Error('the server did not agree permessage-deflate'));
			start = performance.now();
			for (let i = 0; i < window; i++) send();
		});
		ws.on('message', (data, isBinary) => {
			if (done) return;
			if (isBinary !== binary || !data.equals(pool[echoed % pool.length]))
				return reject(new Error(`echo ${echoed} (${data.length} bytes) differs from what was sent`));
			echoed++;
			const elapsed = performance.now() - start;
			if (elapsed >= ms) {
				done = true;
				ws.close(1000);
				resolve(echoed / (elapsed / 1000));
			} else send();
		});
	});
}

process.on('message', (job) => {
	load(job).then(
		(rate) => process.send({ rate }),
		(error) => process.send({ error: String(error?.message ?? error) })
	);
});
process.on('disconnect', () => process.exit(0));
