/**
 * `npm run bench`: how fast is the Frame by Frame engine beside `ws`, in the same run?
 *
 *   1. decode + unmask: a stream of masked binary frames, read in 64 KiB chunks as a socket delivers
 *      them, through our FrameDecoder and through ws's own Receiver;
 *   2. encode + mask: framing a payload as a client does (fresh random mask, the caller's buffer left
 *      untouched), our encodeFrame() beside ws's Sender.frame();
 *   3. masking alone, ours and ws's, beside the machine limit: a bare Uint32Array XOR loop;
 *   4. echo throughput: our server and a ws echo server, each in its own process, under the same ws
 *      client (in a plain Node process of its own: scripts/bench-client.mjs) load (a window of messages in flight, every echo checked byte for byte against what was
 *      sent), with each server's CPU time per echoed message: on two cores the one client is often the
 *      limit, and then messages per second come out level while CPU per message still shows which
 *      server does less work. Two payloads, JSON-like text and semi-random binary, each without and
 *      with permessage-deflate (RFC 7692; both servers and the client compress every message, ws with
 *      its default settings and threshold 0).
 *
 * ws runs without native add-ons (bufferutil and utf-8-validate are not installed; WS_NO_BUFFER_UTIL
 * is set anyway), so both sides frame in plain JavaScript; both compress with zlib (ours through the
 * server's codec). Options: --quick (shorter runs), --only=codec|echo, --deflate-only or --plain-only
 * (the echo rows with or without compression), --sizes=64,1048576 (only those echo message sizes),
 * --rounds=7 (alternating echo rounds per row; the medians are printed, with their spread). MB means 2^20 bytes. */

import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { FrameDecoder, applyMask, cryptoRandom, encodeFrame } from '$lib/protocol';

// Belt and braces: ws only loads these native add-ons when they resolve, and here they must not.
process.env.WS_NO_BUFFER_UTIL = '1';
const require = createRequire(import.meta.url);
for (const addon of ['bufferutil', 'utf-8-validate']) {
	try {
		require.resolve(addon);
		console.error(`${addon} is installed: ws would use native code and the comparison would not be JS against JS.`);
		process.exit(1);
	} catch {
		/* good: not installed */
	}
}
// ws's package "exports" hide lib/; load its Receiver and Sender by path (require('ws/lib/receiver') in CommonJS terms).
const wsLib = (name: string) => require(join(dirname(require.resolve('ws')), 'lib', name));
const Receiver = wsLib('receiver.js') as new (opts: object) => import('node:stream').Writable;
const Sender = wsLib('sender.js') as { frame(data: Buffer, opts: object): Buffer[] };
const wsUnmask = (wsLib('buffer-util.js') as { unmask(data: Buffer, mask: Buffer): void }).unmask;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const serve = args.find((a) => a.startsWith('--serve='))?.slice(8);
const deflateOnly = args.includes('--deflate-only');
const plainOnly = args.includes('--plain-only');
const sizesArg = args.find((a) => a.startsWith('--sizes='))?.slice(8);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? (quick ? 3 : 7));
const KiB = 1024,
	MiB = 1024 * KiB;
const label = (n: number) => (n >= MiB ? `${n / MiB} MiB` : n >= KiB ? `${n / KiB} KiB` : `${n} B`);
const fmt = (n: number) =>
	n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
const row = (cells: (string | number)[], widths: number[]) =>
	cells.map((c, i) => String(c).padStart(widths[i])).join('  ');

/**
 * Ops per second of `a` and of `b` (one call = one pass), measured in alternating slices so that
 * both see the same machine load, keeping each one's best slice: on a shared machine the best is
 * the least disturbed, and the alternation keeps the ratio fair.
 */
function median(values: number[]): number {
	const v = [...values].sort((x, y) => x - y);
	return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

function compare(a: () => void, b: () => void, ms: number, slices = 8): [number, number] {
	const best = [0, 0];
	const fns = [a, b];
	for (let s = 0; s < slices; s++) {
		for (let k = 0; k < 2; k++) {
			const fn = fns[(s + k) % 2];
			const idx = (s + k) % 2;
			let passes = 0;
			const start = performance.now();
			let now = start;
			while (now - start < ms / slices / 2) {
				fn();
				passes++;
				now = performance.now();
			}
			best[idx] = Math.max(best[idx], passes / ((now - start) / 1000));
		}
	}
	return [best[0], best[1]];
}

// ---- 1. decode + unmask --------------------------------------------------------------------------

function decodeBench(sizes: number[], ms: number): void {
	console.log('\nDecode + unmask (masked binary frames, fed in 64 KiB chunks)');
	const w = [8, 12, 10, 12, 10, 8];
	console.log(row(['payload', 'ours fr/s', 'ours MB/s', 'ws fr/s', 'ws MB/s', 'ours/ws'], w));
	for (const size of sizes) {
		const count = Math.max(1, Math.floor((4 * MiB) / (size + 14)));
		const payload = new Uint8Array(size).map((_, i) => i * 7);
		const one = encodeFrame({ opcode: 2, payload, mask: cryptoRandom(4) });
		const stream = Buffer.alloc(one.length * count);
		for (let i = 0; i < count; i++) stream.set(one, i * one.length);
		const chunks: Buffer[] = [];
		for (let i = 0; i < stream.length; i += 64 * KiB) chunks.push(stream.subarray(i, i + 64 * KiB));
		let seen = 0;
		const decoder = () => {
			const d = new FrameDecoder({ expectMasked: 'masked' });
			for (const c of chunks) seen += d.push(c).length;
		};
		const receiver = () => {
			const r = new Receiver({ isServer: true, binaryType: 'nodebuffer' });
			r.on('message', () => seen++);
			r.on('error', (e: Error) => {
				throw e;
			});
			for (const c of chunks) r.write(c);
		};
		decoder();
		receiver();
		if (seen !== 2 * count) throw new Error(`decoded ${seen} frames, expected ${2 * count}`);
		const [a, b] = compare(decoder, receiver, ms);
		console.log(
			row(
				[
					label(size),
					fmt(a * count),
					((a * count * size) / MiB).toFixed(0),
					fmt(b * count),
					((b * count * size) / MiB).toFixed(0),
					(a / b).toFixed(2) + 'x'
				],
				w
			)
		);
	}
}

// ---- 2. encode + mask ----------------------------------------------------------------------------

function encodeBench(sizes: number[], ms: number): void {
	console.log("\nEncode + mask (client frames: fresh random mask, payload copied, caller's buffer untouched)");
	const w = [8, 12, 10, 12, 10, 8];
	console.log(row(['payload', 'ours fr/s', 'ours MB/s', 'ws fr/s', 'ws MB/s', 'ours/ws'], w));
	for (const size of sizes) {
		const payload = Buffer.alloc(size, 0x2a);
		const batch = Math.max(1, Math.floor(MiB / size));
		let sink = 0;
		const [a, b] = compare(
			() => {
				for (let i = 0; i < batch; i++) sink += encodeFrame({ opcode: 2, payload, mask: cryptoRandom(4) }).length;
			},
			() => {
				for (let i = 0; i < batch; i++)
					sink += Sender.frame(payload, { fin: true, opcode: 2, mask: true, readOnly: true })[0].length;
			},
			ms
		);
		if (sink === 0) throw new Error('nothing encoded');
		console.log(
			row(
				[
					label(size),
					fmt(a * batch),
					((a * batch * size) / MiB).toFixed(0),
					fmt(b * batch),
					((b * batch * size) / MiB).toFixed(0),
					(a / b).toFixed(2) + 'x'
				],
				w
			)
		);
	}
}

// ---- 3. machine limit ----------------------------------------------------------------------------

function maskBench(ms: number): void {
	console.log('\nMasking alone, in place over 1 MiB');
	const data = new Uint8Array(MiB).map((_, i) => i);
	const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
	const key = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
	const words = new Uint32Array(data.buffer, 0, MiB / 4);
	const word = 0x3d21fa37;
	const [ours, theirs] = compare(
		() => applyMask(data, key),
		() => wsUnmask(buf, Buffer.from(key)),
		ms
	);
	// The limit is measured alternating with ours again, so the percentage compares like with like.
	const [ours2, limit] = compare(
		() => applyMask(data, key),
		() => {
			for (let i = 0; i < words.length; i++) words[i] ^= word;
		},
		ms
	);
	console.log(
		`  ours (applyMask): ${ours.toFixed(0)} MB/s   ws (unmask): ${theirs.toFixed(0)} MB/s   ours/ws: ${(ours / theirs).toFixed(2)}x`
	);
	console.log(
		`  machine limit (a bare Uint32Array XOR loop): ${limit.toFixed(0)} MB/s; ours reaches ${((ours2 / limit) * 100).toFixed(0)}% of it`
	);
}

// ---- 4. echo throughput --------------------------------------------------------------------------

/** Child mode: run one echo server and report its port. */
async function runServer(kind: string): Promise<void> {
	let port: number;
	if (kind === 'ours') {
		const { startEchoServer } = await import('../server/echo-server');
		port = (await startEchoServer({ port: 0 })).port;
	} else {
		// Compression when the client offers it, with ws's defaults but for the threshold: every message.
		const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: { threshold: 0 } });
		wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary })));
		await new Promise((r) => wss.once('listening', r));
		port = (wss.address() as { port: number }).port;
	}
	process.send?.({ port });
	// The parent asks for CPU time around each run: on a small machine the client can be the limit,
	// and then the server's CPU per message tells the two apart where messages per second cannot.
	process.on('message', (m) => {
		if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
	});
}

/** The child's CPU time so far (user + system), in microseconds. */
function cpuOf(child: ChildProcess): Promise<number> {
	return new Promise((resolve) => {
		const on = (m: { cpu?: NodeJS.CpuUsage }) => {
			if (!m.cpu) return;
			child.off('message', on);
			resolve(m.cpu.user + m.cpu.system);
		};
		child.on('message', on);
		child.send('cpu');
	});
}

/** A run of load() with the server's CPU microseconds per echoed message. */
async function measured(
	client: ChildProcess,
	server: { child: ChildProcess; port: number },
	kind: Payload,
	deflate: boolean,
	size: number,
	window: number,
	ms: number
): Promise<{ rate: number; cpu: number }> {
	const before = await cpuOf(server.child);
	const t0 = performance.now();
	const rate = await load(client, server.port, kind, deflate, size, window, ms);
	const seconds = (performance.now() - t0) / 1000;
	const cpu = (await cpuOf(server.child)) - before;
	return { rate, cpu: cpu / (rate * seconds) };
}

function startChild(kind: string): Promise<{ child: ChildProcess; port: number }> {
	const child = fork(fileURLToPath(import.meta.url), [`--serve=${kind}`], {
		execArgv: ['--import', 'tsx'],
		env: { ...process.env }
	});
	return new Promise((resolve, reject) => {
		child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
		child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
	});
}

type Payload = 'json' | 'binary';

/**
 * The ws client, in a plain Node process of its own (scripts/bench-client.mjs says why); one job at
 * a time: keep `window` messages in flight for `ms`, check every echo, answer messages per second.
 */
function startClient(): ChildProcess {
	return fork(fileURLToPath(new URL('./bench-client.mjs', import.meta.url)), [], { execArgv: [] });
}

function load(
	client: ChildProcess,
	port: number,
	kind: Payload,
	deflate: boolean,
	size: number,
	window: number,
	ms: number
): Promise<number> {
	return new Promise((resolve, reject) => {
		const on = (m: { rate?: number; error?: string }) => {
			client.off('message', on);
			if (m.error !== undefined) reject(new Error(m.error));
			else resolve(m.rate!);
		};
		client.on('message', on);
		client.send({ port, kind, deflate, size, window, ms });
	});
}

async function echoBench(ms: number): Promise<void> {
	console.log('\nEcho (one ws client, a window in flight, every echo checked; each server in its own process)');
	const w = [22, 8, 7, 11, 11, 8, 10, 11, 11, 8, 10];
	console.log(
		row(
			[
				'payload',
				'message',
				'window',
				'ours msg/s',
				'ws msg/s',
				'wall',
				'spread',
				'ours CPU',
				'ws CPU',
				'CPU',
				'spread'
			],
			w
		)
	);
	console.log(row(['', '', '', '', '', 'ours/ws', '', '/msg', '/msg', 'ours/ws', ''], w));
	console.log(`(medians of ${rounds} alternating rounds; wall is time per message, below 1 when ours is faster)`);
	const ours = await startChild('ours');
	const theirs = await startChild('ws');
	const client = startClient();
	try {
		for (const deflate of deflateOnly ? [true] : plainOnly ? [false] : [false, true])
			for (const kind of ['json', 'binary'] as const)
				for (const [size, window] of (
					[
						[64, 256],
						[16 * KiB, 64],
						[MiB, 4]
					] as const
				).filter(([size]) => !sizesArg || sizesArg.split(',').map(Number).includes(size))) {
					await load(client, ours.port, kind, deflate, size, window, 300); // warm up both
					await load(client, theirs.port, kind, deflate, size, window, 300);
					// Alternating rounds, the order swapped each time; each round gives a ratio of two runs
					// made seconds apart, and the median of those ratios is what this machine's noise (often
					// ±15% from one run to the next at 1 MiB) disturbs least. The spread is printed beside it.
					const wall: number[] = [],
						cpu: number[] = [],
						rateA: number[] = [],
						rateB: number[] = [],
						cpuA: number[] = [],
						cpuB: number[] = [];
					for (let r = 0; r < rounds; r++) {
						const first = r % 2 === 0 ? ours : theirs;
						const second = first === ours ? theirs : ours;
						const p = await measured(client, first, kind, deflate, size, window, ms / 3);
						const q = await measured(client, second, kind, deflate, size, window, ms / 3);
						const [x, y] = first === ours ? [p, q] : [q, p];
						rateA.push(x.rate);
						rateB.push(y.rate);
						cpuA.push(x.cpu);
						cpuB.push(y.cpu);
						wall.push(y.rate / x.rate); // time per message, ours over ws
						cpu.push(x.cpu / y.cpu);
					}
					const us = (v: number) => `${v.toFixed(1)} µs`;
					const ratio = (v: number[]) => `${median(v).toFixed(2)}x`;
					const spread = (v: number[]) => `${Math.min(...v).toFixed(2)}-${Math.max(...v).toFixed(2)}`;
					const what = `${kind === 'json' ? 'JSON text' : 'binary'}${deflate ? ', deflate' : ''}`;
					console.log(
						row(
							[
								what,
								label(size),
								window,
								fmt(median(rateA)),
								fmt(median(rateB)),
								ratio(wall),
								spread(wall),
								us(median(cpuA)),
								us(median(cpuB)),
								ratio(cpu),
								spread(cpu)
							],
							w
						)
					);
				}
	} finally {
		ours.child.kill();
		theirs.child.kill();
		client.kill();
	}
}

// ---- main ------------------------------------------------------------------------------------------

if (serve) await runServer(serve);
else {
	const ms = quick ? 600 : 2000;
	const sizes = [16, KiB, 64 * KiB, MiB];
	console.log(
		`Frame by Frame engine beside ws ${require(join(dirname(require.resolve('ws')), 'package.json')).version} on Node ${process.version} (${quick ? 'quick' : 'full'} run)`
	);
	if (only !== 'echo') {
		decodeBench(sizes, ms);
		encodeBench(sizes, ms);
		maskBench(ms);
	}
	if (only !== 'codec') await echoBench(quick ? 1500 : 4500);
}
