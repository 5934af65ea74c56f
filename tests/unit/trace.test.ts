// The simulator's traces: every scenario runs to its end, the same seed gives the same bytes, every
// frame's annotations cover its bytes exactly once, traces survive JSON, and the error scenarios end
// with the close codes (and status) RFC 6455 prescribes.
import { explainStep } from '$lib/i18n/steps';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Connection, seededRandom } from '$lib/protocol';
import {
	checkKey,
	parseMaskKey,
	readParams,
	runFromQuery,
	runScenario,
	scenarioIds,
	simulate,
	writeParams,
	type Step,
	type Trace
} from '$lib/trace';
import { scriptIds } from '$lib/trace/scenarios';

const hex = (bytes: readonly number[] | undefined) =>
	(bytes ?? []).map((b) => b.toString(16).padStart(2, '0')).join(' ');
const sent = (t: Trace) => t.steps.filter((s) => s.kind === 'frame-sent');
const last = (t: Trace) => t.steps[t.steps.length - 1];

describe('the catalogue', () => {
	// The simulator lists scenarios from the catalogue before it loads their scripts: a script the
	// catalogue forgot could never be chosen, and a listed scenario without a script would fail.
	it('lists every scenario script exactly once, and nothing else', () => {
		expect([...scenarioIds].sort()).toEqual([...scriptIds].sort());
		expect(new Set(scenarioIds).size).toBe(scenarioIds.length);
	});
});

describe('every scenario', () => {
	it.each(scenarioIds)('%s runs to completion, its shown states agreeing with the engines', (id) => {
		const sim = simulate(id);
		const t = runScenario(id);
		expect(t.steps.length).toBeGreaterThan(2);
		// The states the steps show are the engines' own (their state events), never a copy kept aside.
		for (const side of ['client', 'server'] as const) expect(sim.shownState(side), side).toBe(sim.conn(side).state);
		expect(last(t).states).toEqual({ client: sim.client.state, server: sim.server.state });
		t.steps.forEach((s, i) => expect(s.index).toBe(i));
		for (const s of t.steps) {
			for (const lang of ['en', 'ko'] as const)
				expect(explainStep(s, lang).length, `step ${s.index} explains itself in ${lang}`).toBeGreaterThan(10);
			expect(s.rfc).toMatch(/^RFC (6455|7692|7540|7541|8441)/);
		}
		// Nothing is left unsaid on the wire: every sent step was read, or visibly dropped.
		for (const s of t.steps.filter((x) => x.bytes))
			expect(s.deliveredAt, `step ${s.index} is delivered`).toBeGreaterThan(s.index);
	});

	it.each(scenarioIds)('%s is byte-exact deterministic', (id) => {
		expect(JSON.stringify(runScenario(id))).toBe(JSON.stringify(runScenario(id)));
		expect(JSON.stringify(runScenario(id, { seed: 7 }))).toBe(JSON.stringify(runScenario(id, { seed: 7 })));
	});

	it.each(scenarioIds)('%s is plain JSON data', (id) => {
		const t = runScenario(id);
		const walk = (v: unknown, path: string): void => {
			if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) {
				if (typeof v === 'number') expect(Number.isFinite(v), path).toBe(true);
				return;
			}
			expect(
				typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype),
				`${path} is a plain value`
			).toBe(true);
			for (const [k, x] of Object.entries(v as object)) if (x !== undefined) walk(x, `${path}.${k}`);
		};
		walk(t, id);
		expect(JSON.parse(JSON.stringify(t))).toEqual(t);
	});

	it.each(scenarioIds)('%s: every frame step is annotated, each bit and byte exactly once', (id) => {
		const frames = sent(runScenario(id));
		for (const s of frames) {
			const n = s.bytes!.length;
			const cover = new Array<number>(n).fill(0);
			const bits = [new Array<number>(8).fill(0), new Array<number>(8).fill(0)];
			for (const f of s.fields!) {
				if (f.bits) {
					expect(f.end - f.start).toBe(1);
					for (let b = f.bits[0]; b < f.bits[1]; b++) bits[f.start][b]++;
				} else for (let i = f.start; i < f.end; i++) cover[i]++;
			}
			expect(bits, `step ${s.index}: bits of the first two bytes`).toEqual([
				new Array(8).fill(1),
				new Array(8).fill(1)
			]);
			expect(cover.slice(2), `step ${s.index}: bytes 2..${n}`).toEqual(new Array(n - 2).fill(1));
			expect(s.frame!.headerLength + s.frame!.payloadLength).toBe(n);
		}
	});
});

describe('bytes the engine itself produces', () => {
	it('masking shows RFC 6455 §5.7: "Hello" masked with 37 fa 21 3d, then XORed back', () => {
		const t = runScenario('masking');
		expect(hex(sent(t)[0].bytes)).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58');
		const masks = t.steps.filter((s) => s.kind === 'mask' && s.mask!.direction === 'mask');
		expect(masks.map((s) => s.mask!.steps[s.mask!.upTo].output)).toEqual([0x7f, 0x9f, 0x4d, 0x51, 0x58]);
		expect(masks.map((s) => s.mask!.upTo)).toEqual([0, 1, 2, 3, 4]);
		const unmask = t.steps.find((s) => s.kind === 'mask' && s.mask!.direction === 'unmask')!;
		expect(unmask.mask!.steps.map((m) => m.output)).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f]);
		expect(last(t).message!.text).toBe('Hello');
	});

	it('echo: the client frame equals what a lone client engine with the same seed writes', () => {
		const t = runScenario('echo', { seed: 99 });
		const client = new Connection({ role: 'client', skipHandshake: true, random: seededRandom(99) });
		client.sendText('Hello');
		const own = client.takeOutgoing()[0];
		expect(own.kind).toBe('frame');
		// The handshaking client drew 16 key bytes first, so compare structure and the unmasked payload.
		const frame = sent(t)[0];
		expect(hex(frame.bytes!.slice(0, 2))).toBe('81 85');
		expect(frame.frame!.text).toBe('Hello');
		expect(hex(sent(t)[1].bytes)).toBe('81 05 48 65 6c 6c 6f');
	});

	it('large-16 and large-64 use the 16-bit and 64-bit length forms', () => {
		const l16 = sent(runScenario('large-16'));
		expect(hex(l16[0].bytes!.slice(0, 4))).toBe('81 fe 01 2c');
		expect(hex(l16[1].bytes!.slice(0, 4))).toBe('81 7e 01 2c');
		const l64 = sent(runScenario('large-64'));
		expect(hex(l64[0].bytes!.slice(0, 10))).toBe('82 7f 00 00 00 00 00 01 11 70');
		expect(l64[0].bytes!.length).toBe(70010);
		expect(l64[0].frame!.payloadPreview.length).toBeLessThanOrEqual(64);
	});

	it('fragmented: the buffer fills fragment by fragment around the ping, and completes', () => {
		const t = runScenario('fragmented');
		expect(sent(t).map((s) => hex(s.bytes!.slice(0, 2)))).toEqual(['01 05', '89 00', '8a 80', '00 05', '80 02']);
		const sizes = t.steps.filter((s) => s.kind === 'fragment-buffered').map((s) => s.reassembly!.bytes);
		expect(sizes).toEqual([5, 10]);
		// While the message is open, every step (the ping and pong included) carries the buffer.
		const open = t.steps.slice(2, -1);
		expect(open.every((s) => s.reassembly && !s.reassembly.complete)).toBe(true);
		expect(last(t).reassembly).toMatchObject({ complete: true, bytes: 12, text: 'Hello, world' });
		expect(last(t).reassembly!.fragments.map((f) => f.text)).toEqual(['Hello', ', wor', 'ld']);
		expect(last(t).message).toMatchObject({ text: 'Hello, world', frameCount: 3 });
	});

	it('close-client and close-server: the bytes of the closing lesson, and the server closes TCP', () => {
		const c = runScenario('close-client');
		expect(sent(c).map((s) => hex(s.bytes))).toEqual(['88 82 37 fa 21 3d 34 12', '88 02 03 e8']);
		expect(c.steps.find((s) => s.kind === 'tcp-close')!.actor).toBe('server');
		const s = runScenario('close-server');
		expect(hex(sent(s)[0].bytes)).toBe('88 02 03 e9');
		expect(sent(s)[1].frame!.close!.code).toBe(1001);
		expect(s.steps.find((x) => x.kind === 'tcp-close')!.actor).toBe('server');
		for (const t of [c, s]) expect(last(t).states).toEqual({ client: 'CLOSED', server: 'CLOSED' });
	});
});

describe('errors end with the right codes', () => {
	const failure = (t: Trace) => {
		const err = t.steps.find((s) => s.kind === 'error')!;
		const close = t.steps.find((s) => s.kind === 'frame-sent' && s.explainKey === 'out.fail')!;
		return { err, close };
	};
	it.each([
		['error-unmasked', 'server', 'UNMASKED_CLIENT_FRAME', 1002],
		['error-utf8', 'server', 'INVALID_UTF8', 1007],
		['error-control-too-long', 'client', 'CONTROL_TOO_LONG', 1002]
	] as const)('%s: the %s fails with %s and sends close %d', (id, side, code, closeCode) => {
		const t = runScenario(id);
		const { err, close } = failure(t);
		expect(err.actor).toBe(side);
		expect(err.error).toMatchObject({ kind: 'protocol', error: { code }, closeCode });
		expect(close.actor).toBe(side);
		expect(close.frame!.close!.code).toBe(closeCode);
		const closed = t.steps.find((s) => s.actor === side && s.closed)!;
		expect(closed.closed).toMatchObject({ sentCode: closeCode, wasClean: false });
		// The peer reads the close code too, and the message never reaches the application.
		expect(t.steps.find((s) => s.kind === 'close')!.params.code).toBe(closeCode);
		expect(t.steps.some((s) => s.kind === 'message')).toBe(false);
	});

	it('rejected-version: 426 with the version the server speaks, and no frames', () => {
		const t = runScenario('rejected-version');
		expect(t.steps[0].http!.fields).toContainEqual(['Sec-WebSocket-Version', '25']);
		const res = t.steps.find((s) => s.kind === 'http-response')!;
		expect(res.http!.startLine).toBe('HTTP/1.1 426 Upgrade Required');
		expect(res.http!.fields).toContainEqual(['Sec-WebSocket-Version', '13']);
		expect(last(t).error).toMatchObject({
			kind: 'handshake',
			problem: { of: 'response', code: 'NOT_101', params: { status: 426, version: '13' } },
			status: 426
		});
		// The server's own refusal: the version it does not speak.
		expect(t.steps.find((s) => s.actor === 'server' && s.kind === 'error')!.error).toMatchObject({
			kind: 'handshake',
			problem: { of: 'request', code: 'VERSION_UNSUPPORTED', params: { version: '25' } },
			status: 426
		});
		expect(sent(t)).toEqual([]);
		expect(last(t).states).toEqual({ client: 'CLOSED', server: 'CLOSED' });
	});
});

describe('the handshake is computed, not canned', () => {
	const accept = (key: string) =>
		createHash('sha1')
			.update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
			.digest('base64');
	const acceptOf = (t: Trace) =>
		t.steps.find((s) => s.kind === 'http-response')!.http!.fields.find(([n]) => n === 'Sec-WebSocket-Accept')![1];

	it('the RFC key gives the RFC accept, and every stage is shown', () => {
		const t = runScenario('handshake');
		expect(acceptOf(t)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
		const phases = t.steps.filter((s) => s.kind === 'accept').map((s) => s.accept!.phase);
		expect(phases).toEqual(['concat', 'sha1', 'base64', 'check']);
		const sha = t.steps.find((s) => s.accept?.phase === 'sha1')!;
		expect(hex(sha.accept!.digest)).toBe('b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea');
		expect(t.steps.find((s) => s.accept?.phase === 'check')!.accept).toMatchObject({
			match: true,
			received: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
		});
		expect(last(t).states).toEqual({ client: 'OPEN', server: 'OPEN' });
	});

	it.each(['AAAAAAAAAAAAAAAAAAAAAA==', 'x3JJHMbDL1EzLkh9GBhXDw==', '/////////////////////w=='])(
		'key %s gives its own accept',
		(key) => {
			const { trace, issues } = runFromQuery('handshake', { key });
			expect(issues).toEqual([]);
			expect(trace.steps[0].http!.fields).toContainEqual(['Sec-WebSocket-Key', key]);
			expect(acceptOf(trace)).toBe(accept(key));
			expect(acceptOf(trace)).not.toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
		}
	);

	it('an invalid key is explained, sent anyway, and refused with 400', () => {
		const { trace, issues } = runFromQuery('handshake', { key: 'hello' });
		expect(issues).toMatchObject([{ param: 'key', code: 'key-invalid' }]);
		expect(trace.steps[0].http!.fields).toContainEqual(['Sec-WebSocket-Key', 'hello']);
		expect(trace.steps.find((s) => s.kind === 'http-response')!.http!.startLine).toBe('HTTP/1.1 400 Bad Request');
		expect(last(trace).error).toMatchObject({
			kind: 'handshake',
			problem: { of: 'response', code: 'NOT_101' },
			status: 400
		});
		expect(trace.steps.find((s) => s.actor === 'server' && s.kind === 'error')!.error).toMatchObject({
			problem: { of: 'request', code: 'KEY_NOT_BASE64', params: { key: 'hello', problem: { code: 'BASE64_GROUPS' } } }
		});
		expect(checkKey('dGhlIHNhbXBsZSBub25jZQ')).toMatchObject({ ok: false, sendable: true });
		expect(checkKey('abc=')).toMatchObject({ ok: false, problem: { code: 'KEY_BYTES', bytes: 2 } });
	});

	it('a key that cannot go in a header is refused before sending, keeping the RFC key', () => {
		const { trace, issues } = runFromQuery('handshake', { key: 'ключ' });
		expect(issues).toMatchObject([{ param: 'key', code: 'key-unsendable' }]);
		expect(acceptOf(trace)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
	});
});

describe('custom parameters', () => {
	it('sends the messages fragmented and masked as asked, echoes them, and lets the server close', () => {
		const { trace, issues } = runFromQuery('custom', {
			msg: ['Hi there', '안녕'],
			frag: '3',
			mask: '01 02 03 04',
			close: 'server'
		});
		expect(issues).toEqual([]);
		const client = sent(trace).filter((s) => s.actor === 'client' && s.frame!.opcode !== 8);
		expect(client.map((s) => s.frame!.payloadLength)).toEqual([3, 3, 2, 3, 3]);
		expect(client.every((s) => hex(s.frame!.maskKey!) === '01 02 03 04')).toBe(true);
		const messages = trace.steps
			.filter((s) => s.kind === 'message' && s.actor === 'client')
			.map((s) => s.message!.text);
		expect(messages).toEqual(['Hi there', '안녕']);
		expect(sent(trace).find((s) => s.frame!.opcode === 8)!.actor).toBe('server');
	});

	it('reports bad input precisely and runs with the defaults for that field', () => {
		const { params, issues } = readParams(
			{ msg: ['a'.repeat(301), 'ok'], frag: '0', mask: '37fa21', close: 'nobody' },
			['msg', 'frag', 'mask', 'close']
		);
		expect(issues.map((i) => i.code)).toEqual(['mask-length', 'msg-long', 'frag-range', 'close-choice']);
		expect(params).toMatchObject({ messages: ['ok'], fragment: null, mask: null, closeBy: 'client' });
		expect(readParams({ msg: 'x'.repeat(300), frag: '2' }, ['msg', 'frag']).issues[0]).toMatchObject({
			code: 'frag-many',
			values: { min: 10 }
		});
		expect(parseMaskKey('zz')).toMatchObject({ ok: false, issue: { code: 'mask-hex' } });
		expect(parseMaskKey('0x37 0xfa 0x21 0x3d')).toMatchObject({ ok: true, hex: '37fa213d' });
		for (const written of [
			'37FA213D',
			' 37 fa 21 3d ',
			'37:fa:21:3d',
			'0x37, 0xfa, 0x21, 0x3d',
			'0x37fa213d',
			'\\x37\\xfa\\x21\\x3d'
		])
			expect(parseMaskKey(written), written).toMatchObject({
				ok: true,
				hex: '37fa213d',
				bytes: new Uint8Array([0x37, 0xfa, 0x21, 0x3d])
			});
		for (const bad of ['', '37fa213', '37 f a2 13d', '0x0x37fa213d', 'g7fa213d', 'N/Ohgg=='])
			expect(parseMaskKey(bad), bad).toMatchObject({ ok: false, issue: { code: 'mask-hex' } });
		expect(parseMaskKey('37 fa 21 3d 00')).toMatchObject({
			ok: false,
			issue: { code: 'mask-length', values: { n: 5 } }
		});
	});

	it('writes only what differs from the defaults, and reads it back', () => {
		const q = writeParams({ messages: ['a', 'b'], fragment: 2, mask: '01020304', closeBy: 'none' }, [
			'msg',
			'frag',
			'mask',
			'close'
		]);
		expect(q).toEqual([
			['mask', '01020304'],
			['msg', 'a'],
			['msg', 'b'],
			['frag', '2'],
			['close', 'none']
		]);
		expect(writeParams({ messages: [] }, ['msg'])).toEqual([['msg', '']]);
		expect(readParams({ msg: [''] }, ['msg']).params.messages).toEqual([]);
	});
});

// Keep the Step type honest: a received step points back at the bytes it read.
it('received steps point at the step that sent their bytes', () => {
	for (const id of scenarioIds) {
		const t = runScenario(id);
		for (const s of t.steps.filter((x): x is Step & { wire: number } => x.wire !== undefined)) {
			const from = t.steps[s.wire];
			expect(from.bytes, `${id} step ${s.index}`).toBeDefined();
			expect(from.actor).not.toBe(s.actor);
		}
	}
});

it('an error points at the byte that broke the rule', () => {
	const byteOf = (id: string) => runScenario(id).steps.find((s) => s.kind === 'error')!.error!.byte;
	expect(byteOf('error-unmasked')).toBe(1); // the MASK bit lives in byte 1
	expect(byteOf('error-control-too-long')).toBe(1); // so does the payload length
	expect(byteOf('error-utf8')).toBe(6 + 4); // header 2 + key 4, then "caf" c3, and 28 is payload byte 4
});
