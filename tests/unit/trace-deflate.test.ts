// The permessage-deflate scenario (RFC 7692): the offer and the answer in the handshake bytes, RSV1 on
// the compressed frames, the second copy of the text smaller on the wire than the first (context
// takeover), the exact text delivered, a clean close, and every byte the same as two lone engines write.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldMeaning } from '$lib/i18n/protocol';
import { explainStep } from '$lib/i18n/steps';
import {
	concat,
	Connection,
	decodeUtf8,
	inflateRaw,
	Opcode,
	permessageDeflate,
	seededRandom,
	type ConnectionEvent
} from '$lib/protocol';
import { DEFAULT_PARAMS, RFC_KEY, runFromQuery, runScenario, simulate, writeParams, type Step } from '$lib/trace';
import { clientRandom } from '$lib/trace/scenario';
import type { Simulation } from '$lib/trace/simulation';
import { DEFLATE_TEXT } from '$lib/trace/scenarios/deflate';

const trace = runScenario('deflate');
const steps = trace.steps;
const text = (bytes: readonly number[] | undefined) => new TextDecoder().decode(new Uint8Array(bytes ?? []));
const sentBy = (side: 'client' | 'server') => steps.filter((s) => s.kind === 'frame-sent' && s.actor === side);
const dataFrames = (side: 'client' | 'server') => sentBy(side).filter((s) => s.frame!.opcode === Opcode.Text);
const payload = (s: Step) => new Uint8Array(s.frame!.payloadPreview);

describe('the handshake negotiates permessage-deflate', () => {
	it('the client offers it as browsers do, and the server accepts it', () => {
		const request = steps.find((s) => s.kind === 'http-request')!;
		const response = steps.find((s) => s.kind === 'http-response')!;
		expect(text(request.bytes)).toContain(
			'\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n'
		);
		expect(text(response.bytes)).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
		expect(text(response.bytes)).toContain('\r\nSec-WebSocket-Extensions: permessage-deflate\r\n');
		expect(request.http!.fields).toContainEqual([
			'Sec-WebSocket-Extensions',
			'permessage-deflate; client_max_window_bits'
		]);
		expect(response.http!.fields).toContainEqual(['Sec-WebSocket-Extensions', 'permessage-deflate']);
		const sim = simulate('deflate') as Simulation;
		expect(sim.client.extensions).toEqual(['permessage-deflate']);
		expect(sim.server.extensions).toEqual(['permessage-deflate']);
	});

	it('explains the offer and the answer with RFC 7692', () => {
		const [request, read, response, check] = ['http-request', 'request-read', 'http-response', 'response-read'].map(
			(k) => steps.find((s) => s.kind === k)!
		);
		expect(request.rfc).toBe('RFC 7692 §5');
		expect(explainStep(request, 'en')).toContain('permessage-deflate; client_max_window_bits');
		expect(explainStep(request, 'en')).toContain('§7.1.2.2');
		for (const s of [read, response, check]) expect(s.rfc).toBe('RFC 7692 §7.1');
		expect(explainStep(response, 'en')).toContain('context takeover');
	});
});

describe('compressed frames', () => {
	it('every text frame has RSV1 set, control frames do not, and RSV1 is annotated as compression', () => {
		for (const side of ['client', 'server'] as const) {
			const frames = dataFrames(side);
			expect(frames).toHaveLength(2);
			for (const s of frames) {
				expect(s.frame!.rsv1).toBe(true);
				expect(s.bytes![0]).toBe(0xc1); // FIN 1, RSV1 1, opcode 1
				const rsv1 = s.fields!.find((f) => f.field === 'rsv1')!;
				expect(rsv1).toMatchObject({ value: 1, meaning: { key: 'rsv1.compressed' } });
				expect(fieldMeaning(rsv1, 'en')).toMatch(/^Compressed \(permessage-deflate\)/);
				expect(rsv1.rfc).toBe('RFC 7692 §6');
				// RSV2 and RSV3 keep no meaning under permessage-deflate: said so, not "unless negotiated".
				for (const name of ['rsv2', 'rsv3'] as const)
					expect(
						fieldMeaning(
							s.fields!.find((f) => f.field === name)!,
							'en'
						)
					).toMatch(/uses only RSV1/);
				expect(s.frame!.deflate).toMatchObject({
					rsv1: 'compressed',
					size: DEFLATE_TEXT.length,
					compressedSize: s.frame!.payloadLength
				});
				// Compressed bytes are not text until inflated.
				expect(s.frame!.text).toBeUndefined();
			}
			const close = sentBy(side).find((s) => s.frame!.opcode === Opcode.Close)!;
			expect(close.frame!.rsv1).toBe(false);
			expect(close.frame!.deflate).toEqual({ rsv1: 'control' });
			expect(
				fieldMeaning(
					close.fields!.find((f) => f.field === 'rsv1')!,
					'en'
				)
			).toMatch(/never compresses control frames/);
		}
		for (const s of steps.filter((x) => x.kind === 'frame-received' && x.frame!.opcode === Opcode.Text)) {
			expect(s.frame!.rsv1).toBe(true);
			expect(s.rfc).toBe('RFC 7692 §6');
		}
	});

	it('the first frame explains the DEFLATE data and the 00 00 ff ff left off it (RFC 7692 §7.2.1)', () => {
		const first = dataFrames('client')[0];
		expect(first.rfc).toBe('RFC 7692 §7.2.1');
		expect(explainStep(first, 'en')).toContain(
			`${DEFLATE_TEXT.length} bytes compressed to ${first.frame!.payloadLength}`
		);
		expect(explainStep(first, 'en')).toContain('00 00 ff ff');
		expect(explainStep(first, 'en')).toContain('§7.2.2');
		expect(first.frame!.deflate!.reachesBack).toBe(0);
		// What the lesson says: the payload does not end with the empty stored block's 00 00 ff ff.
		expect([...payload(first).slice(-4)]).not.toEqual([0x00, 0x00, 0xff, 0xff]);
	});

	it('the same text again is strictly smaller on the wire, each way: the window still holds the first (§7.1.1)', () => {
		for (const side of ['client', 'server'] as const) {
			const [first, second] = dataFrames(side);
			expect(second.frame!.payloadLength).toBeLessThan(first.frame!.payloadLength);
			expect(second.bytes!.length).toBeLessThan(first.bytes!.length);
			expect(second.frame!.deflate).toMatchObject({
				size: DEFLATE_TEXT.length,
				literals: 0
			});
			// zlib rebuilds it from the previous message in two references, the farther 17 bytes back.
			expect(second.frame!.deflate!.matches).toBeGreaterThan(0);
			expect(second.frame!.deflate!.reachesBack).toBeGreaterThan(0);
			expect(second.explainKey).toBe('out.deflate.takeover');
			expect(second.params.copy).toBe(true);
			expect(second.rfc).toBe('RFC 7692 §7.1.1');
			// Both sizes, in the sentence, in both languages.
			for (const lang of ['en', 'ko'] as const) {
				const sentence = explainStep(second, lang);
				expect(sentence).toContain(String(first.frame!.payloadLength));
				expect(sentence).toContain(String(second.frame!.payloadLength));
			}
			expect(explainStep(second, 'en')).toContain(
				`compressed to ${first.frame!.payloadLength} bytes; now they take ${second.frame!.payloadLength}`
			);
		}
	});

	it('the payloads inflate to the text, in order, with the window carried over (the engine’s inflater)', () => {
		for (const side of ['client', 'server'] as const) {
			const results = inflateRaw(dataFrames(side).map(payload));
			expect(results.map((r) => (r.ok ? decodeUtf8(r.data) : r.error.code))).toEqual([DEFLATE_TEXT, DEFLATE_TEXT]);
			// Alone, without the first message's window, the second payload means nothing.
			expect(inflateRaw([payload(dataFrames(side)[1])])[0].ok).toBe(false);
		}
	});
});

describe('delivery and the close', () => {
	it('the server receives the exact text twice, and the client its echoes, inflated (RFC 7692 §7.2.2)', () => {
		const sim = simulate('deflate') as Simulation;
		expect(sim.received.server.map((m) => [m.kind, decodeUtf8(m.data)])).toEqual([
			['text', DEFLATE_TEXT],
			['text', DEFLATE_TEXT]
		]);
		expect(sim.received.client.map((m) => [m.kind, decodeUtf8(m.data)])).toEqual([
			['text', DEFLATE_TEXT],
			['text', DEFLATE_TEXT]
		]);
		const messages = steps.filter((s) => s.kind === 'message');
		expect(messages.map((s) => s.actor)).toEqual(['server', 'client', 'server', 'client']);
		for (const s of messages) {
			expect(s.message).toMatchObject({
				kind: 'text',
				text: DEFLATE_TEXT,
				size: DEFLATE_TEXT.length,
				compressed: true,
				frameCount: 1
			});
			expect(s.message!.compressedSize).toBe(steps[s.wire!].frame!.payloadLength);
			expect(s.rfc).toBe('RFC 7692 §7.2.2');
			expect(explainStep(s, 'en')).toContain('00 00 ff ff');
		}
		expect(messages.map((s) => s.params.takeover)).toEqual([false, false, true, true]);
	});

	it('closes cleanly with 1000, both sides', () => {
		const sim = simulate('deflate') as Simulation;
		for (const side of ['client', 'server'] as const) expect(sim.shownState(side)).toBe(sim.conn(side).state);
		expect(sim.client.state).toBe('CLOSED');
		expect(sim.server.state).toBe('CLOSED');
		const closed = steps.filter((s) => s.closed);
		expect(closed.map((s) => [s.actor, s.closed!.wasClean, s.closed!.code])).toEqual([
			['server', true, 1000],
			['client', true, 1000]
		]);
		expect(steps.at(-1)!.states).toEqual({ client: 'CLOSED', server: 'CLOSED' });
	});
});

it('every byte in the trace is what two lone engines write for the same script', () => {
	// The same options and randomness as the scenario, with no Simulation in between.
	const client = new Connection({
		role: 'client',
		uri: 'ws://server.example.com/chat',
		origin: 'http://example.com',
		frameEvents: true,
		extensions: [permessageDeflate({ clientMaxWindowBits: true })],
		random: clientRandom(RFC_KEY, seededRandom(DEFAULT_PARAMS.seed))
	});
	const server = new Connection({
		role: 'server',
		frameEvents: true,
		extensions: [permessageDeflate()],
		random: seededRandom(DEFAULT_PARAMS.seed + 1)
	});
	const written: Uint8Array[] = [];
	const send = (from: Connection, to: Connection): ConnectionEvent[] => {
		const out = from.dataToSend();
		if (out.length === 0) return [];
		// One record per call here (the request, the answer, a frame), written as one step's bytes.
		const bytes = concat(out);
		written.push(bytes);
		return to.receive(bytes);
	};
	send(client, server);
	send(server, client);
	for (let i = 0; i < 2; i++) {
		client.sendText(DEFLATE_TEXT);
		const events = send(client, server);
		const m = events.find((e) => e.type === 'message');
		if (m?.type !== 'message') throw new Error('no message');
		server.sendMessage(1, m.data);
		send(server, client);
	}
	client.close(1000);
	send(client, server);
	send(server, client);
	expect(client.state).toBe('CLOSED');
	const traced = steps.filter((s) => s.bytes).map((s) => s.bytes!);
	expect(traced).toEqual(written.map((b) => [...b]));
});

it('the lessons’ deflate widgets point at the client’s compressed frame', () => {
	for (const lang of ['en', 'ko']) {
		const lesson = readFileSync(`content/lessons/${lang}/10-extensions-subprotocols.md`, 'utf8');
		const m = /^simulate scenario=deflate step=(\d+)$/m.exec(lesson);
		expect(m, lang).not.toBeNull();
		const s = steps[Number(m![1]) - 1];
		expect(s, `${lang}: step ${m![1]}`).toMatchObject({ kind: 'frame-sent', actor: 'client', frame: { rsv1: true } });
		expect(s).toBe(dataFrames('client')[0]);
	}
});

describe('the custom scenario, compressed on request', () => {
	const json = ['{"user":"ana","text":"hi"}', '{"user":"ana","text":"hi again"}'];
	const sentFrames = (t: ReturnType<typeof runFromQuery>['trace'], side: 'client' | 'server') =>
		t.steps.filter((s) => s.kind === 'frame-sent' && s.actor === side && s.frame!.opcode !== Opcode.Close);

	it("agrees permessage-deflate, sends the reader's messages compressed, and the later one smaller", () => {
		const { trace: t, issues } = runFromQuery('custom', { msg: json, deflate: 'on' });
		expect(issues).toEqual([]);
		expect(text(t.steps.find((s) => s.kind === 'http-request')!.bytes)).toContain(
			'Sec-WebSocket-Extensions: permessage-deflate'
		);
		const frames = sentFrames(t, 'client');
		expect(frames.map((s) => s.frame!.rsv1)).toEqual([true, true]);
		// The second message shares most of its bytes with the first: context takeover makes it cheaper.
		expect(frames[1].frame!.payloadLength).toBeLessThan(frames[0].frame!.payloadLength);
		const sim = simulate('custom', { messages: json, deflate: true }) as Simulation;
		expect(sim.received.server.map((m) => decodeUtf8(m.data))).toEqual(json);
		expect(sim.received.client.map((m) => decodeUtf8(m.data))).toEqual(json);
	});

	it('fragments a compressed message with RSV1 on its first frame only (RFC 7692 §6.1)', () => {
		const { trace: t } = runFromQuery('custom', { msg: ['Hello Hello Hello Hello Hello'], deflate: 'on', frag: '3' });
		const frames = sentFrames(t, 'client');
		expect(frames.length).toBeGreaterThan(1);
		expect(frames.map((s) => s.frame!.rsv1)).toEqual([true, ...Array(frames.length - 1).fill(false)]);
		expect(
			(
				simulate('custom', {
					messages: ['Hello Hello Hello Hello Hello'],
					deflate: true,
					fragment: 3
				}) as Simulation
			).received.server.map((m) => decodeUtf8(m.data))
		).toEqual(['Hello Hello Hello Hello Hello']);
	});

	it('is off unless asked, and a wrong value is explained and ignored', () => {
		expect(sentFrames(runFromQuery('custom', { msg: json }).trace, 'client').map((s) => s.frame!.rsv1)).toEqual([
			false,
			false
		]);
		const { issues } = runFromQuery('custom', { msg: json, deflate: 'yes' });
		expect(issues).toMatchObject([{ param: 'deflate', code: 'deflate-choice' }]);
		expect(writeParams({ ...DEFAULT_PARAMS, deflate: true }, ['deflate'])).toEqual([['deflate', 'on']]);
		expect(writeParams(DEFAULT_PARAMS, ['deflate'])).toEqual([]);
	});
});
