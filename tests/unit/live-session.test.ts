/**
 * Live mode's session (src/lib/live/session.svelte.ts) with a stand-in WebSocket: checking input
 * before the browser sees it (RFC 6455 §3, §4.1, §7.4), the order side channel → connection, the
 * message log, bursts, closing, and reconnecting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkClientRequest, readHead, seededRandom } from '$lib/protocol';
import { LiveSession, MAX_BUFFERED, type LiveEnv } from '$lib/live/session.svelte';
import { MessageLog } from '$lib/live/log.svelte';
import { acceptLanguage } from '$lib/live/handshake';
import { frameOf } from '$lib/live/frames';
import { checkBurst, checkClose, checkProtocols, checkAddress } from '$lib/live/validate';
import { checkHexPayload } from '$lib/live/hex-payload';
import { fakeSockets, type FakeSocket } from './live-fake-socket';

function setup(extra: Partial<LiveEnv> = {}) {
	const sockets = fakeSockets();
	let clock = 0;
	const env: LiveEnv = {
		create: sockets.create,
		random: seededRandom(42),
		now: () => 1_700_000_000_000,
		clock: () => (clock += 1000),
		schedule: (cb) => cb(),
		facts: { origin: 'http://127.0.0.1:5173', userAgent: 'TestBrowser/1.0', languages: ['ko-KR', 'ko', 'en'] },
		...extra
	};
	const session = new LiveSession(env);
	return { session, sockets: sockets.all };
}

/** Flush the log (it updates at most every 250 ms) and return its entries. */
function entries(session: LiveSession) {
	session.log.flush();
	return session.log.entries;
}

async function openRemote(session: LiveSession, sockets: FakeSocket[], address = 'ws://example.org/chat') {
	session.address = address;
	await session.connect();
	const ws = sockets[sockets.length - 1];
	ws.open();
	return ws;
}

beforeEach(() => vi.useRealTimers());
afterEach(() => vi.useRealTimers());

describe('connecting', () => {
	it('checks the address with the engine and says what is wrong, without opening anything', async () => {
		const { session, sockets } = setup();
		for (const [address, code] of [
			['http://127.0.0.1:6455/', 'HTTP_SCHEME'],
			['127.0.0.1:6455', 'NO_SCHEME'],
			['ws://x/#top', 'FRAGMENT'],
			['', 'EMPTY']
		] as const) {
			session.address = address;
			await session.connect();
			expect(session.problem).toMatchObject({ code: 'address', problem: { code } });
			expect(session.status).toBe('idle');
		}
		expect(sockets).toHaveLength(0);
	});

	it('checks subprotocols (tokens, offered once; RFC 6455 §4.1)', async () => {
		const { session, sockets } = setup();
		session.address = 'ws://example.org/';
		session.protocols = 'chat, bad name';
		await session.connect();
		expect(session.problem).toEqual({
			code: 'protocols',
			problem: { ok: false, code: 'BAD_SUBPROTOCOL', name: 'bad name' }
		});
		session.protocols = 'chat, v2, chat';
		await session.connect();
		expect(session.problem).toMatchObject({
			code: 'protocols',
			problem: { code: 'DUPLICATE_SUBPROTOCOL', name: 'chat' }
		});
		expect(sockets).toHaveLength(0);
	});

	it('opens a remote address directly, with the subprotocols, and logs what the answer revealed', async () => {
		const { session, sockets } = setup();
		session.address = 'wss://echo.example.org/chat?x=1';
		session.protocols = 'chat, superchat';
		await session.connect();
		expect(sockets.map((s) => [s.url, s.protocols])).toEqual([
			['wss://echo.example.org/chat?x=1', ['chat', 'superchat']]
		]);
		expect(sockets[0].binaryType).toBe('arraybuffer');
		expect(session.status).toBe('connecting');
		sockets[0].open('chat', 'permessage-deflate; client_max_window_bits=15');
		expect(session.status).toBe('open');
		expect(session.attempt?.protocol).toBe('chat');
		expect(entries(session).map((e) => e.kind)).toEqual(['connecting', 'open']);
		expect(entries(session)[1]).toMatchObject({
			protocol: 'chat',
			extensions: 'permessage-deflate; client_max_window_bits=15'
		});
		expect(session.attempt?.trueBytes).toBeNull();
	});

	it('reconstructs the request the browser sends, and the engine accepts it as a valid handshake', async () => {
		const { session, sockets } = setup();
		session.protocols = 'chat';
		await openRemote(session, sockets, 'ws://example.org:8080/socket');
		const req = session.attempt!.request;
		const head = readHead(req.bytes);
		expect(head.kind).toBe('head');
		if (head.kind !== 'head') return;
		const checked = checkClientRequest(head.head);
		expect(checked.ok).toBe(true);
		expect(req.text).toMatch(/^GET \/socket HTTP\/1\.1\r\nHost: example\.org:8080\r\n/);
		for (const line of [
			'Origin: http://127.0.0.1:5173',
			'Sec-WebSocket-Protocol: chat',
			'Sec-WebSocket-Version: 13',
			'User-Agent: TestBrowser/1.0',
			'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits',
			'Cache-Control: no-cache',
			'Pragma: no-cache',
			'Accept-Language: ko-KR,ko;q=0.9,en;q=0.8'
		])
			expect(req.text).toContain(`${line}\r\n`);
		expect(acceptLanguage([])).toBe('en-US,en;q=0.9');
	});

	it('subscribes to the side channel first for a local server, then connects with its session', async () => {
		const { session, sockets } = setup();
		session.address = 'ws://127.0.0.1:6455/';
		const connecting = session.connect();
		expect(sockets).toHaveLength(1);
		const side = sockets[0];
		const m = /^ws:\/\/127\.0\.0\.1:6455\/_bytes\?session=([0-9a-f]{16})$/.exec(side.url);
		expect(m).not.toBeNull();
		side.receive(JSON.stringify({ type: 'hello', version: 1, server: 'echo', filter: m![1], t: 1 }));
		await connecting;
		expect(sockets).toHaveLength(2);
		expect(sockets[1].url).toBe(`ws://127.0.0.1:6455/?session=${m![1]}`);
		expect(session.attempt?.trueBytes?.status).toBe('listening');
		expect(session.attempt?.trueBytes?.server).toBe('echo');
	});

	it('connects anyway when nothing answers on /_bytes (a plain echo server), after a short wait', async () => {
		vi.useFakeTimers();
		const { session, sockets } = setup();
		session.address = 'ws://localhost:9001/';
		const connecting = session.connect();
		sockets[0].open(); // the other server accepts /_bytes but never says hello
		await vi.advanceTimersByTimeAsync(1500);
		await connecting;
		expect(sockets).toHaveLength(2);
		expect(sockets[0].closedWith).not.toBeNull();
		expect(session.attempt?.trueBytes?.status).toBe('unavailable');
		expect(sockets[1].url).toMatch(/^ws:\/\/localhost:9001\/\?session=[0-9a-f]{16}$/);
	});

	it('does not look for a side channel when the reader turned it off', async () => {
		const { session, sockets } = setup();
		session.trueBytes = false;
		session.address = 'ws://127.0.0.1:6455/';
		await session.connect();
		expect(sockets.map((s) => s.url)).toEqual(['ws://127.0.0.1:6455/']);
	});

	it('refuses ws:// to another machine from an https page (mixed content), but not to this machine', async () => {
		const { session, sockets } = setup({ secure: true });
		session.address = 'ws://example.org/';
		await session.connect();
		expect(session.problem).toEqual({ code: 'insecure', url: 'ws://example.org/' });
		session.trueBytes = false;
		session.address = 'ws://127.0.0.1:6455/';
		await session.connect();
		expect(session.problem).toBeNull();
		expect(sockets).toHaveLength(1);
	});

	it('says clearly when the server cannot be reached', async () => {
		const { session, sockets } = setup();
		session.trueBytes = false;
		session.address = 'ws://127.0.0.1:1/';
		await session.connect();
		sockets[0].onerror?.({});
		sockets[0].closed(1006);
		expect(session.status).toBe('closed');
		expect(session.problem).toEqual({
			code: 'unreachable',
			url: 'ws://127.0.0.1:1/',
			local: true,
			code1006: true,
			closeCode: 1006
		});
		expect(entries(session).map((e) => e.kind)).toEqual(['connecting', 'error', 'close']);
		expect(entries(session)[2]).toMatchObject({ code: 1006, wasClean: false, opened: false });
	});

	it('reports a constructor that throws as the browser refusing', async () => {
		const { session } = setup({
			create: () => {
				throw new SyntaxError("The subprotocol 'x' is invalid.");
			}
		});
		session.address = 'ws://example.org/';
		await session.connect();
		expect(session.problem).toEqual({ code: 'browser-refused', message: "The subprotocol 'x' is invalid." });
		expect(session.status).toBe('closed');
	});

	it('reconnects after the server went away, keeping the two connections apart', async () => {
		const { session, sockets } = setup();
		const first = await openRemote(session, sockets);
		first.closed(1001, 'server shutting down', true);
		expect(session.status).toBe('closed');
		const second = await openRemote(session, sockets);
		expect(second).not.toBe(first);
		expect(session.status).toBe('open');
		first.receive('one');
		second.receive('two');
		// Each message stays with the connection it arrived on, numbered within it.
		const msgs = entries(session).filter((e) => e.kind === 'message');
		expect(msgs.map((e) => (e.kind === 'message' ? [e.attempt, e.seq, e.data] : null))).toEqual([
			[1, 0, 'one'],
			[2, 0, 'two']
		]);
		// The old socket's close does not close the new connection.
		first.closed(1006);
		expect(session.status).toBe('open');
		expect(entries(session).find((e) => e.kind === 'close')).toMatchObject({
			code: 1001,
			reason: 'server shutting down',
			wasClean: true,
			opened: true
		});
	});
});

describe('messages', () => {
	it('logs what was sent and received: type, size in bytes, order, and an illustrative mask for sent frames', async () => {
		const { session, sockets } = setup();
		const ws = await openRemote(session, sockets);
		expect(session.send('héllo')).toEqual({ ok: true, sent: 1 });
		expect(session.send(new Uint8Array([1, 2, 3]))).toEqual({ ok: true, sent: 1 });
		ws.receive('héllo');
		ws.receive(new Uint8Array([9, 8]).buffer);
		ws.receive(new Blob(['ignored'])); // binaryType is arraybuffer; anything else is not logged
		expect(ws.sent).toEqual(['héllo', new Uint8Array([1, 2, 3])]);
		const msgs = entries(session).flatMap((e) => (e.kind === 'message' ? [e] : []));
		expect(msgs.map((m) => [m.dir, m.opcode, m.size, m.seq])).toEqual([
			['sent', 1, 6, 0],
			['sent', 2, 3, 1],
			['received', 1, 6, 0],
			['received', 2, 2, 1]
		]);
		expect(msgs[0].mask).toHaveLength(4);
		expect(msgs[2].mask).toBeUndefined();
		expect(msgs[3].data).toEqual(new Uint8Array([9, 8]));
	});

	it('sends nothing while not open', () => {
		const { session } = setup();
		expect(session.send('x')).toEqual({ ok: false, code: 'not-open', sent: 0 });
	});

	it('sends a burst, and stops when the browser has too much waiting to send', async () => {
		const { session, sockets } = setup();
		const ws = await openRemote(session, sockets);
		expect(await session.burst('x', 25)).toEqual({ ok: true, sent: 25 });
		expect(ws.sent).toHaveLength(25);
		ws.bufferedAmount = MAX_BUFFERED + 1;
		expect(await session.burst('y', 5)).toEqual({ ok: false, code: 'buffer-full', sent: 0 });
		expect(entries(session).at(-1)).toMatchObject({ kind: 'notice', code: 'send-buffer-full', count: 0 });
	});

	it('stops a burst when the connection closes mid-way', async () => {
		const { session, sockets } = setup();
		const ws = await openRemote(session, sockets);
		const burst = session.burst('x', 1000);
		ws.closed(1000, '', true);
		const out = await burst;
		expect(out.ok).toBe(false);
		expect(out.sent).toBeLessThan(1000);
	});
});

describe('closing', () => {
	it('closes with the chosen code and reason', async () => {
		const { session, sockets } = setup();
		const ws = await openRemote(session, sockets);
		expect(session.closeWith('4001', 'bye')).toEqual({ ok: true });
		expect(ws.closedWith).toEqual({ code: 4001, reason: 'bye' });
		expect(session.status).toBe('closing');
		ws.closed(4001, 'bye', true);
		expect(session.status).toBe('closed');
		expect(session.problem).toBeNull();
	});

	it('refuses codes the browser would reject, saying why (close() takes 1000 or 3000-4999)', async () => {
		const { session, sockets } = setup();
		const ws = await openRemote(session, sockets);
		expect(session.closeWith('1001', '')).toEqual({
			ok: false,
			problem: { ok: false, code: 'BROWSER_FORBIDS', value: 1001, onWire: true }
		});
		expect(session.closeWith('1005', '')).toMatchObject({ problem: { code: 'BROWSER_FORBIDS', onWire: false } });
		expect(session.closeWith('abc', '')).toMatchObject({ problem: { code: 'NOT_A_NUMBER' } });
		expect(session.closeWith('4000', 'é'.repeat(62))).toMatchObject({
			problem: { code: 'REASON_TOO_LONG', bytes: 124 }
		});
		expect(session.closeWith('', 'why')).toMatchObject({ problem: { code: 'REASON_WITHOUT_CODE' } });
		expect(ws.closedWith).toBeNull();
		expect(session.closeWith('', '')).toEqual({ ok: true });
		expect(ws.closedWith).toEqual({ code: undefined, reason: undefined });
	});

	it('gives up while still waiting for the side channel', async () => {
		const { session, sockets } = setup();
		session.address = 'ws://127.0.0.1:6455/';
		const connecting = session.connect();
		session.disconnect();
		sockets[0].closed(1000, '', true);
		await connecting;
		expect(sockets).toHaveLength(1);
		expect(session.status).toBe('closed');
	});
});

describe('checks', () => {
	it("reads hex with the decoder's parser, locating mistakes", () => {
		expect(checkHexPayload('48 65 6c')).toMatchObject({ ok: true, bytes: new Uint8Array([0x48, 0x65, 0x6c]) });
		expect(checkHexPayload('0x01, 0x02')).toMatchObject({ ok: true, bytes: new Uint8Array([1, 2]) });
		const bad = checkHexPayload('48 6');
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.issue.code).toBe('odd-digits');
		expect(checkHexPayload('   ')).toMatchObject({ ok: false, issue: { code: 'empty' } });
	});

	it('bounds bursts', () => {
		expect(checkBurst('100')).toEqual({ ok: true, count: 100 });
		for (const t of ['0', '10001', 'ten', '', '-1']) expect(checkBurst(t).ok, t).toBe(false);
	});

	it('knows which addresses are this machine', () => {
		for (const a of ['ws://127.0.0.1:6455/', 'ws://localhost/', 'ws://[::1]:6455/', 'wss://127.1.2.3/'])
			expect((checkAddress(a) as { local: boolean }).local, a).toBe(true);
		for (const a of ['ws://example.org/', 'ws://10.0.0.2/', 'ws://127.0.0.1.example.org/'])
			expect((checkAddress(a) as { local: boolean }).local, a).toBe(false);
	});

	it('accepts 1000 and 3000-4999 only, as close() does', () => {
		expect(checkClose('1000', 'ok')).toEqual({ ok: true, code: 1000, reason: 'ok' });
		expect(checkClose('3000', '')).toMatchObject({ ok: true });
		expect(checkClose('4999', '')).toMatchObject({ ok: true });
		for (const c of ['999', '1002', '2999', '5000']) expect(checkClose(c, '').ok, c).toBe(false);
		expect(checkClose('4000', 'x'.repeat(123)).ok).toBe(true);
		expect(checkProtocols('', (checkAddress('ws://x/') as never as { uri: never }).uri)).toEqual({
			ok: true,
			list: []
		});
	});
});

describe('frames of logged messages', () => {
	it('builds the server frame unmasked with FIN and the same opcode, the client frame masked with its key', () => {
		const received = frameOf(1, 'Hello', null);
		expect([...received.wire]).toEqual([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
		expect(received.issues).toEqual([]);
		const key = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
		const sent = frameOf(1, 'Hello', key);
		expect([...sent.wire]).toEqual([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]); // RFC 6455 §5.7
		expect(sent.issues).toEqual([]);
		const binary = frameOf(2, new Uint8Array(300), null);
		expect([...binary.wire.subarray(0, 4)]).toEqual([0x82, 126, 0x01, 0x2c]);
	});
});

describe('message log limits', () => {
	it('keeps the newest entries, counts the rest, and lets go of old data past its byte budget', () => {
		const log = new MessageLog({ maxEntries: 10, maxBytes: 100, schedule: () => {} });
		for (let i = 0; i < 25; i++)
			log.add({
				kind: 'message',
				t: i,
				attempt: 1,
				dir: 'received',
				opcode: 1,
				data: 'x'.repeat(20),
				size: 20,
				seq: i
			});
		log.flush();
		expect(log.entries).toHaveLength(10);
		expect(log.total).toBe(25);
		expect(log.dropped).toBe(15);
		const kept = log.entries.map((e) => (e.kind === 'message' ? e.data !== null : null));
		// 100 bytes hold five 20-byte messages: the newest five keep their data.
		expect(kept).toEqual([false, false, false, false, false, true, true, true, true, true]);
		expect(log.entries.every((e) => e.kind === 'message' && e.size === 20)).toBe(true);
		log.clear();
		expect([log.entries.length, log.total]).toEqual([0, 0]);
	});

	it('updates the list once for many entries, and at most every interval', () => {
		const scheduled: (() => void)[] = [];
		let now = 0;
		const log = new MessageLog({ schedule: (cb) => scheduled.push(cb), clock: () => now, interval: 250 });
		for (let i = 0; i < 1000; i++) log.add({ kind: 'notice', t: 0, attempt: 1, code: 'burst-stopped' });
		expect(scheduled).toHaveLength(1);
		expect(log.entries).toHaveLength(0);
		scheduled.shift()!();
		expect(log.entries).toHaveLength(1000);
		vi.useFakeTimers();
		log.add({ kind: 'notice', t: 0, attempt: 1, code: 'burst-stopped' });
		expect(scheduled).toHaveLength(0); // waits for the interval first
		now = 250;
		vi.advanceTimersByTime(250);
		expect(scheduled).toHaveLength(1);
	});
});
