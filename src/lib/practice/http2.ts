/**
 * The HTTP/2 lesson's exercises (RFC 7540, RFC 8441), made from a seed and checked by the engine
 * like the others (exercises.ts): a field of an HTTP/2 frame read from its octets, checked against
 * the engine's describeHttp2Frame; and what a server answers an extended CONNECT, checked by running
 * the engine's RFC 8441 server on the request.
 */
import { concat, type RandomSource } from '$lib/protocol';
import { describeHttp2Frame } from '$lib/protocol/http2/annotate';
import {
	encodeFrame,
	encodeSettings,
	FLAGS,
	FRAME_TYPES,
	PREFACE,
	SETTINGS,
	type FrameTypeName
} from '$lib/protocol/http2/frames';
import { encodeHeaders } from '$lib/protocol/http2/hpack';
import { WebSocketOverHttp2 } from '$lib/protocol/http2/websocket';

/** Read one field of an HTTP/2 frame's 9-octet header (RFC 7540 §4.1). */
export interface Http2FieldExercise {
	readonly kind: 'h2-field';
	readonly seed: number;
	readonly bytes: Uint8Array;
	readonly field: 'length' | 'type' | 'stream';
}

/** An extended CONNECT (RFC 8441 §4): what does the server answer? A status, or RST_STREAM. */
export interface Http2ConnectExercise {
	readonly kind: 'h2-connect';
	readonly seed: number;
	readonly headers: readonly (readonly [string, string])[];
}

export type Http2Problem =
	/** A header field read wrong: which octets hold it. */
	| {
			readonly code: 'h2-misread';
			readonly field: Http2FieldExercise['field'];
			readonly start: number;
			readonly end: number;
	  }
	/** The server's answer named wrong: the header that decides it (null: nothing is wrong with the request). */
	| { readonly code: 'h2-look-at'; readonly name: string | null }
	| { readonly code: 'h2-not-an-answer' };

type Pick = (n: number) => number;

export function makeHttp2Field(seed: number, random: RandomSource, pick: Pick): Http2FieldExercise {
	const field = (['length', 'type', 'stream'] as const)[pick(3)];
	const stream = 1 + 2 * pick(50);
	const frames = [
		() => encodeFrame({ type: FRAME_TYPES.SETTINGS, payload: encodeSettings([[SETTINGS.ENABLE_CONNECT_PROTOCOL, 1]]) }),
		() => encodeFrame({ type: FRAME_TYPES.DATA, stream, payload: random(4 + pick(300)) }),
		() => {
			const payload = new Uint8Array(4);
			new DataView(payload.buffer).setUint32(0, 1 + pick(70000));
			return encodeFrame({ type: FRAME_TYPES.WINDOW_UPDATE, stream: pick(2) ? stream : 0, payload });
		},
		() =>
			encodeFrame({
				type: FRAME_TYPES.HEADERS,
				flags: FLAGS.END_HEADERS,
				stream,
				payload: encodeHeaders([[':status', '200']])
			}),
		() => encodeFrame({ type: FRAME_TYPES.RST_STREAM, stream, payload: Uint8Array.of(0, 0, 0, 8) }),
		() => encodeFrame({ type: FRAME_TYPES.PING, payload: random(8) })
	];
	return { kind: 'h2-field', seed, bytes: frames[pick(frames.length)](), field };
}

export function makeHttp2Connect(seed: number, pick: Pick): Http2ConnectExercise {
	const good: [string, string][] = [
		[':method', 'CONNECT'],
		[':protocol', 'websocket'],
		[':scheme', 'https'],
		[':path', ['/chat', '/ws', '/live?room=7', '/'][pick(4)]],
		[':authority', ['example.com', 'chat.example.org', 'localhost:8443'][pick(3)]],
		['sec-websocket-version', '13']
	];
	// Right, or one thing off, as clients and proxies get it wrong.
	const faults: ((h: [string, string][]) => [string, string][])[] = [
		(h) => h,
		(h) => [...h, ['sec-websocket-protocol', 'chat']],
		(h) => h.filter(([n]) => n !== ':path'),
		(h) => h.filter(([n]) => n !== ':authority'),
		(h) => h.map(([n, v]) => [n, n === ':protocol' ? 'webtransport' : v]),
		(h) => h.map(([n, v]) => [n, n === 'sec-websocket-version' ? '8' : v]),
		(h) => h.filter(([n]) => n !== 'sec-websocket-version'),
		(h) => h.map(([n, v]) => [n, n === ':method' ? 'GET' : v])
	];
	return { kind: 'h2-connect', seed, headers: faults[pick(faults.length)](good) };
}

/** The field's value, from the engine's reading of the frame: a number, or the type's name. */
export function http2FieldSolution(e: Http2FieldExercise): string {
	const f = describeHttp2Frame(e.bytes);
	return e.field === 'type' ? (f.typeName ?? String(f.type)) : String(e.field === 'length' ? f.length : f.stream);
}

/** What the engine's RFC 8441 server answers: the status it sends, or RST_STREAM (a malformed request). */
export function http2ConnectSolution(e: Http2ConnectExercise): { answer: string; name: string | null } {
	const server = new WebSocketOverHttp2({ role: 'server' });
	const client = concat([
		PREFACE,
		encodeFrame({ type: FRAME_TYPES.SETTINGS }),
		encodeFrame({ type: FRAME_TYPES.SETTINGS, flags: FLAGS.ACK }),
		encodeFrame({ type: FRAME_TYPES.HEADERS, flags: FLAGS.END_HEADERS, stream: 1, payload: encodeHeaders(e.headers) })
	]);
	for (const ev of server.receive(client)) {
		if (ev.type === 'connect-request') return { answer: '200', name: null };
		if (ev.type === 'connect-refused') {
			const p = ev.problem;
			const name =
				p.code === 'PSEUDO_MISSING'
					? p.params.name
					: p.code === 'NOT_CONNECT'
						? ':method'
						: p.code === 'PROTOCOL_UNSUPPORTED'
							? ':protocol'
							: p.code === 'VERSION'
								? 'sec-websocket-version'
								: null;
			return { answer: ev.status === null ? 'RST_STREAM' : String(ev.status), name };
		}
	}
	return { answer: '', name: null };
}

/** Numbers in decimal or 0x hex; a type by its name (DATA) or its number. */
export function checkHttp2Field(e: Http2FieldExercise, text: string): Http2Problem | null {
	const f = describeHttp2Frame(e.bytes);
	const value = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : null;
	const right =
		e.field === 'type'
			? value === f.type || text.toUpperCase() === f.typeName
			: value === (e.field === 'length' ? f.length : f.stream);
	if (right) return null;
	const at = f.fields.find((x) => x.key === e.field)!;
	return { code: 'h2-misread', field: e.field, start: at.start, end: at.end };
}

/** "200", "501 Not Implemented", "RST_STREAM", "reset": the status or the reset, checked against the engine. */
export function checkHttp2Connect(e: Http2ConnectExercise, text: string): Http2Problem | null {
	const t = text.trim().toUpperCase();
	const given = /^RST|RESET|리셋/.test(t) ? 'RST_STREAM' : (/^(\d{3})\b/.exec(t)?.[1] ?? null);
	if (given === null) return { code: 'h2-not-an-answer' };
	const want = http2ConnectSolution(e);
	return given === want.answer ? null : { code: 'h2-look-at', name: want.name };
}

export type { FrameTypeName };
