/**
 * Practice exercises, made from a seed and checked by the engine (issue: every lesson ends with
 * exercises). An exercise is plain data: its kind, its seed, and what the question shows (bytes, a
 * key, an index). Nothing stores an answer string: `check` works the answer out by running the
 * engine on the question (the decoder's reader for bytes, the handshake code for keys) and compares
 * the student's answer with that, saying what is wrong as a code with parameters and, for bytes,
 * the field and the offset it is about. `solution` gives the answer and what it rests on; the words
 * are in src/lib/i18n/practice.ts.
 *
 * The same seed always gives the same exercise (seededRandom): a teacher's link with a seed gives
 * the class the same questions.
 */
import {
	computeAccept,
	encodeFrame,
	encodeUtf8,
	generateKey,
	masked,
	parseWebSocketUri,
	buildClientRequest,
	checkClientRequest,
	checkServerResponse,
	parseExtensions,
	encodeClosePayload,
	headToText,
	readHead,
	seededRandom,
	type FieldName
} from '$lib/protocol';
import type { RandomSource } from '$lib/protocol';
import { parseInput, toHex as hex } from '$lib/hex';
import { analyzeStream, frameFields } from '$lib/decode/analyze';
import type { ByteIssue, FrameAnalysis } from '$lib/decode/types';
import {
	checkHttp2Connect,
	checkHttp2Field,
	http2ConnectSolution,
	http2FieldSolution,
	makeHttp2Connect,
	makeHttp2Field,
	type Http2ConnectExercise,
	type Http2FieldExercise,
	type Http2Problem
} from './http2';

// ---- the exercises ------------------------------------------------------------------------------

/** Read one field of a frame's header from its bytes (RFC 6455 §5.2). */
export interface ReadFieldExercise {
	readonly kind: 'read-field';
	readonly seed: number;
	readonly bytes: Uint8Array;
	readonly field: 'fin' | 'opcode' | 'payload-length' | 'mask' | 'masking-key';
}

/** Unmask one payload byte by hand: masked byte XOR key[i mod 4] (RFC 6455 §5.3). */
export interface UnmaskByteExercise {
	readonly kind: 'unmask-byte';
	readonly seed: number;
	readonly key: Uint8Array;
	readonly masked: Uint8Array;
	readonly index: number;
}

/** Type the bytes of a client's text frame with a given key (RFC 6455 §5.2, §5.3). */
export interface BuildFrameExercise {
	readonly kind: 'build-frame';
	readonly seed: number;
	readonly text: string;
	readonly key: Uint8Array;
}

/** Is this Sec-WebSocket-Accept right for this key? (RFC 6455 §4.2.2) */
export interface AcceptExercise {
	readonly kind: 'accept';
	readonly seed: number;
	readonly key: string;
	readonly accept: string;
}

/** Which close code a receiver fails the connection with on these bytes (RFC 6455 §7.4.1). */
export interface CloseCodeExercise {
	readonly kind: 'close-code';
	readonly seed: number;
	/** Who sent the bytes: the receiver is the other side. */
	readonly from: 'client' | 'server';
	readonly bytes: Uint8Array;
}

/** How many bytes a message takes on the wire in one frame, header included (RFC 6455 §5.2). */
export interface WireSizeExercise {
	readonly kind: 'wire-size';
	readonly seed: number;
	readonly from: 'client' | 'server';
	readonly size: number;
}

/** What a WebSocket URI says: the port, whether it is secure, the resource name (RFC 6455 §3). */
export interface UriPartExercise {
	readonly kind: 'uri-part';
	readonly seed: number;
	readonly uri: string;
	readonly part: 'port' | 'secure' | 'resource';
}

/** Fragments of one message, shown out of order: in which order do they go? (RFC 6455 §5.4) */
export interface FragmentOrderExercise {
	readonly kind: 'fragment-order';
	readonly seed: number;
	/** The frames as shown, labelled 1, 2, 3 in this order. */
	readonly frames: readonly Uint8Array[];
}

/** A client's opening request with one thing wrong: what does the server refuse it for? (RFC 6455 §4.2.1) */
export interface RequestProblemExercise {
	readonly kind: 'request-problem';
	readonly seed: number;
	/** The request as text (the head, CRLFs and all). */
	readonly request: string;
}

/** Type the bytes of a close frame with a code and a reason (RFC 6455 §5.5.1). */
export interface CloseFrameExercise {
	readonly kind: 'close-frame';
	readonly seed: number;
	readonly from: 'client' | 'server';
	readonly code: number;
	readonly reason: string;
	/** The key a client's frame is masked with (null from a server). */
	readonly key: Uint8Array | null;
}

/** A client's offer and a server's answer: does the client go on with it? (RFC 6455 §4.1, §9.1) */
export interface NegotiationExercise {
	readonly kind: 'negotiation';
	readonly seed: number;
	readonly key: string;
	/** Subprotocols the client offered, in its order. */
	readonly offered: readonly string[];
	/** Extensions the client offered (Sec-WebSocket-Extensions), or none. */
	readonly extensions: string | null;
	/** The server's answer, as text. */
	readonly response: string;
}

/** How many bytes a text message takes on the wire: its UTF-8 bytes, not its characters (RFC 6455 §5.2, §5.6). */
export interface TextFrameSizeExercise {
	readonly kind: 'text-frame-size';
	readonly seed: number;
	readonly from: 'client' | 'server';
	readonly text: string;
}

/** Bytes from a server: how many whole messages do they carry? (RFC 6455 §5.4, §5.5) */
export interface MessageCountExercise {
	readonly kind: 'message-count';
	readonly seed: number;
	readonly bytes: Uint8Array;
}

/** A client's key and a server's answer: does the client open the WebSocket? (RFC 6455 §4.1) */
export interface ResponseOkExercise {
	readonly kind: 'response-ok';
	readonly seed: number;
	readonly key: string;
	/** The server's answer, as text. */
	readonly response: string;
}

export type Exercise =
	| Http2FieldExercise
	| Http2ConnectExercise
	| TextFrameSizeExercise
	| MessageCountExercise
	| ResponseOkExercise
	| NegotiationExercise
	| RequestProblemExercise
	| CloseFrameExercise
	| ReadFieldExercise
	| UnmaskByteExercise
	| BuildFrameExercise
	| AcceptExercise
	| CloseCodeExercise
	| WireSizeExercise
	| UriPartExercise
	| FragmentOrderExercise;
export type ExerciseKind = Exercise['kind'];

/** What is wrong with an answer: a code, its numbers, and for bytes where. */
export type Problem =
	| Http2Problem
	| { readonly code: 'empty' }
	| { readonly code: 'not-a-number' }
	| { readonly code: 'not-yes-no' }
	| { readonly code: 'not-hex'; readonly at: number }
	| { readonly code: 'wrong-count'; readonly expected: number; readonly got: number }
	| { readonly code: 'wrong-value' }
	| { readonly code: 'wrong-key-byte'; readonly used: number; readonly right: number }
	| { readonly code: 'not-xored' }
	| { readonly code: 'not-one-frame'; readonly frames: number }
	| { readonly code: 'frame-problem'; readonly issue: ByteIssue; readonly start: number }
	| { readonly code: 'incomplete'; readonly missing: number }
	| { readonly code: 'extra-bytes'; readonly count: number }
	| {
			readonly code: 'wrong-field';
			readonly field: FieldName;
			readonly expected: string;
			readonly got: string;
			readonly start: number;
	  }
	| { readonly code: 'payload-not-masked'; readonly start: number }
	/** A wire size that leaves out a part of the header (the extended length, the masking key) or the payload. */
	| { readonly code: 'size-without'; readonly part: 'extended-length' | 'masking-key' | 'payload' }
	| { readonly code: 'size-with-mask-key' }
	| { readonly code: 'not-an-order'; readonly count: number }
	| { readonly code: 'not-a-header' }
	| {
			readonly code: 'wrong-close-code';
			readonly expected: number;
			readonly got: number | null;
			readonly start: number;
	  }
	| { readonly code: 'wrong-reason'; readonly expected: string; readonly got: string; readonly start: number }
	| { readonly code: 'not-close'; readonly opcode: number }
	| { readonly code: 'wrong-order'; readonly problem: 'first-not-start' | 'fin-not-last' | 'middle' }
	| { readonly code: 'wrong-payload'; readonly expected: string; readonly got: string; readonly start: number }
	/** A field of the question's bytes read wrong: where the field is (its first byte). */
	| { readonly code: 'misread'; readonly field: FieldName; readonly start: number }
	/** A text's characters counted instead of its UTF-8 bytes. */
	| { readonly code: 'counted-characters'; readonly characters: number; readonly bytes: number }
	/** Frames counted (or control frames with the messages) instead of messages. */
	| { readonly code: 'counted-frames'; readonly what: 'frames' | 'control' }
	/** A response the client refuses, taken as fine: the line the engine refuses it for. */
	| { readonly code: 'look-at'; readonly line: string }
	/** A response the client accepts, taken as refused. */
	| { readonly code: 'nothing-wrong' }
	/** A byte unmasked wrong: the two bytes to XOR (at i, and key byte i mod 4). */
	| { readonly code: 'xor-again'; readonly masked: number; readonly key: number; readonly keyIndex: number }
	/** A wire size that is no sum of the parts: the parts to add. */
	| { readonly code: 'size-parts'; readonly payload: number; readonly from: 'client' | 'server' }
	/** A message count off for no one reason: how to count. */
	| { readonly code: 'count-fin' }
	/** The wrong close code: the rule these bytes break, as the decoder reports it, and where. */
	| { readonly code: 'which-rule'; readonly issue: ByteIssue }
	/** A right Sec-WebSocket-Accept taken as wrong, or a wrong one as right (and how it was made). */
	| { readonly code: 'accept-matches' }
	| { readonly code: 'accept-wrong'; readonly made: 'the-key' | 'other-key' }
	/** A port read wrong: given in the URI, or the scheme's default. */
	| { readonly code: 'port-from'; readonly source: 'uri' | 'default'; readonly scheme: 'ws' | 'wss' }
	/** TLS or not, read wrong: the scheme says it. */
	| { readonly code: 'secure-from'; readonly scheme: 'ws' | 'wss' }
	/** A resource name with what it leaves out or should not have. */
	| { readonly code: 'resource'; readonly problem: 'with-host' | 'without-query' | 'without-slash' | 'other' }
	/** A request header named that the server finds fine. */
	| { readonly code: 'header-fine'; readonly header: string };

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly problem: Problem };

const right: Verdict = { ok: true };
const wrong = (problem: Problem): Verdict => ({ ok: false, problem });

// ---- making them --------------------------------------------------------------------------------

const WORDS = ['Hi', 'Hello', 'ping', 'chat', 'ok', 'frame', 'byte', 'mask', 'data', 'close'];

/** A number in [0, n) from `random`. */
function pick(random: RandomSource, n: number): number {
	const [a, b, c] = random(3);
	return ((a << 16) | (b << 8) | c) % n;
}

export function makeExercise(kind: ExerciseKind, seed: number): Exercise {
	const random = seededRandom(seed * 2654435761 + KINDS.indexOf(kind) + 1);
	switch (kind) {
		case 'read-field': {
			const field = (['fin', 'opcode', 'payload-length', 'mask', 'masking-key'] as const)[pick(random, 5)];
			// Lengths in all three forms (§5.2: 7 bits, then 16, then 64), so that reading them is practised.
			const length = [pick(random, 126), 126 + pick(random, 2000), 65536 + pick(random, 5000)][pick(random, 3)];
			const opcode = [1, 2, 0, 9, 10, 8][pick(random, 6)];
			const control = opcode >= 8;
			const isMasked = field === 'masking-key' || pick(random, 2) === 0;
			const frame = encodeFrame({
				opcode,
				fin: control || pick(random, 3) > 0,
				payload: random(control ? Math.min(length, 125) : length),
				mask: isMasked ? random(4) : null
			});
			// The question shows the header and the payload's first bytes (a long frame is shown cut).
			const header = 2 + (length >= 65536 && !control ? 8 : length >= 126 && !control ? 2 : 0) + (isMasked ? 4 : 0);
			const bytes = frame.slice(0, header + 8);
			return { kind, seed, bytes, field };
		}
		case 'unmask-byte': {
			const text = encodeUtf8(WORDS[pick(random, WORDS.length)] + ' ' + WORDS[pick(random, WORDS.length)]);
			const key = random(4);
			return { kind, seed, key, masked: masked(text, key), index: pick(random, text.length) };
		}
		case 'build-frame':
			return { kind, seed, text: WORDS[pick(random, WORDS.length)], key: random(4) };
		case 'accept': {
			const key = generateKey(random);
			const good = pick(random, 2) === 0;
			// A wrong one people really make: the key hashed alone, or the key as given, base64 and all.
			const accept = good ? computeAccept(key) : pick(random, 2) === 0 ? computeAccept(`${key} `) : key;
			return { kind, seed, key, accept };
		}
		case 'close-code': {
			const cases = [
				// Invalid UTF-8 in a text frame: 1007 (§8.1).
				() => ({
					from: 'client' as const,
					bytes: encodeFrame({ opcode: 1, payload: Uint8Array.of(0x48, 0xc3, 0x28), mask: random(4) })
				}),
				// A ping with more than 125 bytes: 1002 (§5.5).
				() => ({ from: 'server' as const, bytes: encodeFrame({ opcode: 9, payload: random(126 + pick(random, 40)) }) }),
				// An unmasked frame from a client: 1002 (§5.1).
				() => ({
					from: 'client' as const,
					bytes: encodeFrame({ opcode: 1, payload: encodeUtf8(WORDS[pick(random, WORDS.length)]) })
				}),
				// A reserved opcode: 1002 (§5.2).
				() => ({ from: 'server' as const, bytes: encodeFrame({ opcode: 3 + pick(random, 5), payload: random(3) }) }),
				// A fragmented control frame: 1002 (§5.5).
				() => ({ from: 'server' as const, bytes: encodeFrame({ opcode: 10, fin: false, payload: random(2) }) })
			];
			return { kind, seed, ...cases[pick(random, cases.length)]() };
		}
		case 'wire-size': {
			// Sizes on both sides of each length form's edge (125/126, 65535/65536), and some in between.
			const edges = [0, 5, 125, 126, 127, 1000, 65535, 65536, 100000];
			const size = pick(random, 3) === 0 ? pick(random, 70000) : edges[pick(random, edges.length)];
			return { kind, seed, from: pick(random, 2) === 0 ? 'client' : 'server', size };
		}
		case 'uri-part': {
			const secure = pick(random, 2) === 0;
			const port = pick(random, 3) === 0 ? `:${[80, 443, 8080, 6455, 9000][pick(random, 5)]}` : '';
			const query = pick(random, 3) === 0 ? `?room=${pick(random, 100)}` : '';
			const uri = `${secure ? 'wss' : 'ws'}://${HOSTS[pick(random, HOSTS.length)]}${port}${PATHS[pick(random, PATHS.length)]}${query}`;
			return { kind, seed, uri, part: (['port', 'secure', 'resource'] as const)[pick(random, 3)] };
		}
		case 'request-problem': {
			const key = generateKey(random);
			const { bytes } = buildClientRequest({
				uri: `ws://${HOSTS[pick(random, 3)]}${PATHS[pick(random, PATHS.length)]}`,
				key
			});
			const [start, ...lines] = headToText(bytes).split('\r\n').filter(Boolean);
			const b = BREAKS[pick(random, BREAKS.length)];
			const fields = lines
				.filter((l) => !b.remove || !l.toLowerCase().startsWith(`${b.remove.toLowerCase()}:`))
				.map((l) =>
					b.set && l.toLowerCase().startsWith(`${b.set[0].toLowerCase()}:`) ? `${b.set[0]}: ${b.set[1]}` : l
				);
			const line = b.method ? start.replace(/^GET/, b.method) : start;
			return { kind, seed, request: `${line}\r\n${fields.join('\r\n')}\r\n\r\n` };
		}
		case 'negotiation': {
			const key = generateKey(random);
			const start = pick(random, SUBPROTOCOLS.length);
			const offered = [SUBPROTOCOLS[start], SUBPROTOCOLS[(start + 1 + pick(random, 3)) % SUBPROTOCOLS.length]];
			const other = SUBPROTOCOLS.find((p) => !offered.includes(p))!;
			const deflate = pick(random, 2) === 0;
			// The answer picks one offered subprotocol, one never offered, both at once, or none; and
			// answers permessage-deflate, an extension never offered, or nothing.
			const protocol = [offered[pick(random, 2)], other, offered.join(', '), null][pick(random, 4)];
			const extension = [deflate ? 'permessage-deflate' : null, 'x-webkit-deflate-frame', null][pick(random, 3)];
			const response = [
				'HTTP/1.1 101 Switching Protocols',
				'Upgrade: websocket',
				'Connection: Upgrade',
				`Sec-WebSocket-Accept: ${computeAccept(key)}`,
				...(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : []),
				...(extension ? [`Sec-WebSocket-Extensions: ${extension}`] : [])
			].join('\r\n');
			return {
				kind,
				seed,
				key,
				offered,
				extensions: deflate ? 'permessage-deflate' : null,
				response: `${response}\r\n\r\n`
			};
		}
		case 'close-frame': {
			const [code, reason] = CLOSES[pick(random, CLOSES.length)];
			const from = pick(random, 2) === 0 ? 'client' : 'server';
			return { kind, seed, from, code, reason, key: from === 'client' ? random(4) : null };
		}
		case 'text-frame-size': {
			// A chat message as JSON, sometimes with a name or a word outside ASCII: UTF-8 bytes are
			// then more than characters, which is the point. Long enough, sometimes, for a 16-bit length.
			const name = NAMES[pick(random, NAMES.length)];
			const words = Array.from({ length: 1 + pick(random, 3) }, () => CHAT[pick(random, CHAT.length)]);
			const long = pick(random, 4) === 0 ? ' ' + words.join(' ').repeat(12 + pick(random, 10)) : '';
			const text = JSON.stringify({ user: name, text: words.join(' ') + long });
			return { kind, seed, from: pick(random, 2) === 0 ? 'client' : 'server', text };
		}
		case 'message-count': {
			// Two to four messages, some cut into fragments, with a ping or a pong now and then between
			// two frames (§5.4 lets control frames in between fragments).
			const parts: Uint8Array[] = [];
			const messages = 2 + pick(random, 3);
			for (let m = 0; m < messages; m++) {
				const data = encodeUtf8(WORDS[pick(random, WORDS.length)]);
				const pieces = pick(random, 2) === 0 ? 1 : 2 + pick(random, 2);
				const cuts = Array.from({ length: pieces + 1 }, (_, i) => Math.round((i * data.length) / pieces));
				for (let i = 0; i < pieces; i++) {
					if (i > 0 && pick(random, 3) === 0)
						parts.push(encodeFrame({ opcode: 9 + pick(random, 2), payload: random(2) }));
					parts.push(
						encodeFrame({
							opcode: i === 0 ? 1 : 0,
							fin: i === pieces - 1,
							payload: data.subarray(cuts[i], cuts[i + 1])
						})
					);
				}
				if (pick(random, 4) === 0) parts.push(encodeFrame({ opcode: 9, payload: new Uint8Array(0) }));
			}
			const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
			parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
			return { kind, seed, bytes };
		}
		case 'h2-field':
			return makeHttp2Field(seed, random, (n) => pick(random, n));
		case 'h2-connect':
			return makeHttp2Connect(seed, (n) => pick(random, n));
		case 'response-ok': {
			const key = generateKey(random);
			const good = computeAccept(key);
			// A right 101, or one thing off in it, as servers and proxies really get it wrong.
			const lines = [
				'HTTP/1.1 101 Switching Protocols',
				'Upgrade: websocket',
				'Connection: Upgrade',
				`Sec-WebSocket-Accept: ${good}`
			];
			const faults: ((l: string[]) => string[])[] = [
				(l) => l,
				(l) => l,
				(l) => ['HTTP/1.1 200 OK', ...l.slice(1)],
				() => ['HTTP/1.1 426 Upgrade Required', 'Sec-WebSocket-Version: 13'],
				() => ['HTTP/1.1 302 Found', 'Location: /login'],
				(l) => l.filter((x) => !x.startsWith('Upgrade')),
				(l) => l.map((x) => (x.startsWith('Connection') ? 'Connection: keep-alive' : x)),
				(l) => l.map((x) => (x.startsWith('Sec-WebSocket-Accept') ? `Sec-WebSocket-Accept: ${key}` : x)),
				(l) => l.filter((x) => !x.startsWith('Sec-WebSocket-Accept')),
				(l) =>
					[...l.slice(0, 3), `sec-websocket-accept: ${good}`, 'upgrade: WebSocket'].filter(
						(x) => !x.startsWith('Upgrade')
					)
			];
			const response = faults[pick(random, faults.length)](lines).join('\r\n');
			return { kind, seed, key, response: `${response}\r\n\r\n` };
		}
		case 'fragment-order': {
			const text = encodeUtf8(
				`${WORDS[pick(random, WORDS.length)]} ${WORDS[pick(random, WORDS.length)]} ${WORDS[pick(random, WORDS.length)]}`
			);
			// Three: the first (opcode 1, FIN 0), a continuation (FIN 0), the last (FIN 1). The framing
			// rules alone then fix the order; with two middle pieces only the text would.
			const count = 3;
			const cuts = [
				0,
				...Array.from({ length: count - 1 }, (_, i) => Math.round(((i + 1) * text.length) / count)),
				text.length
			];
			const inOrder = cuts
				.slice(0, -1)
				.map((at, i) =>
					encodeFrame({ opcode: i === 0 ? 1 : 0, fin: i === count - 1, payload: text.subarray(at, cuts[i + 1]) })
				);
			// Shuffled, but never left in order: there would be nothing to do.
			let order = inOrder.map((_, i) => i);
			for (let tries = 0; order.every((v, i) => v === i) && tries < 10; tries++)
				order = order
					.map((v) => [v, pick(random, 1000)] as const)
					.sort((a, b) => a[1] - b[1])
					.map(([v]) => v);
			if (order.every((v, i) => v === i)) order.reverse();
			return { kind, seed, frames: order.map((i) => inOrder[i]) };
		}
	}
}

export const KINDS: readonly ExerciseKind[] = [
	'read-field',
	'unmask-byte',
	'build-frame',
	'accept',
	'close-code',
	'wire-size',
	'uri-part',
	'fragment-order',
	'request-problem',
	'close-frame',
	'negotiation',
	'text-frame-size',
	'message-count',
	'response-ok',
	'h2-field',
	'h2-connect'
];

const NAMES = ['mina', 'jun', 'José', 'Zoë', '지민', '서연', 'ana'];
const CHAT = ['hi', 'hello', 'on my way', '안녕', 'café?', 'ok', 'see you', '좋아요'];

const SUBPROTOCOLS = ['chat', 'superchat', 'v2.json', 'mqtt', 'graphql-ws', 'wamp'];

/** What a request can lack or get wrong, and the header (or line) a student names for it. */
const BREAKS: readonly {
	readonly remove?: string;
	readonly set?: readonly [string, string];
	readonly method?: string;
}[] = [
	{ remove: 'Host' },
	{ remove: 'Upgrade' },
	{ remove: 'Connection' },
	{ remove: 'Sec-WebSocket-Version' },
	{ remove: 'Sec-WebSocket-Key' },
	{ set: ['Sec-WebSocket-Version', '8'] },
	{ set: ['Upgrade', 'h2c'] },
	{ set: ['Connection', 'keep-alive'] },
	{ set: ['Sec-WebSocket-Key', 'c2hvcnQ='] },
	{ method: 'POST' }
];

/** The engine's reason for refusing a request, as the header (or "method") it is about. */
const PROBLEM_HEADER: Partial<Record<string, string>> = {
	HOST_MISSING: 'host',
	HOST_REPEATED: 'host',
	UPGRADE_NOT_WEBSOCKET: 'upgrade',
	CONNECTION_NOT_UPGRADE: 'connection',
	VERSION_MISSING: 'sec-websocket-version',
	VERSION_UNSUPPORTED: 'sec-websocket-version',
	KEY_MISSING: 'sec-websocket-key',
	KEY_NOT_BASE64: 'sec-websocket-key',
	KEY_LENGTH: 'sec-websocket-key',
	METHOD: 'method'
};

const CLOSES: readonly (readonly [number, string])[] = [
	[1000, 'bye'],
	[1001, 'going away'],
	[1001, 'page closed'],
	[1008, 'policy'],
	[1011, 'oops'],
	[4000, 'custom']
];

const HOSTS = ['example.com', 'chat.example.org', 'localhost', '127.0.0.1', '[::1]', 'ws.example.net'];
const PATHS = ['/', '/chat', '/socket', '/live/feed', '/v2/stream'];

// ---- what the engine says -----------------------------------------------------------------------

/** The frame of a question's bytes, as the decoder's reader reads it. */
function frameOf(bytes: Uint8Array, role: 'client' | 'server'): FrameAnalysis {
	return analyzeStream(bytes, { role, maxFrames: 1 }).frames[0];
}

/** The answer, worked out by the engine from the question: what `check` compares with. */
export function solution(e: Exercise): string {
	switch (e.kind) {
		case 'h2-field':
			return http2FieldSolution(e);
		case 'h2-connect':
			return http2ConnectSolution(e).answer;
		case 'read-field': {
			const h = frameOf(e.bytes, e.bytes[1] & 0x80 ? 'client' : 'server').header;
			if (e.field === 'fin') return h.fin ? '1' : '0';
			if (e.field === 'opcode') return String(h.opcode);
			if (e.field === 'payload-length') return String(h.payloadLength);
			if (e.field === 'mask') return h.masked ? '1' : '0';
			return hex(h.maskKey ?? new Uint8Array(0));
		}
		case 'unmask-byte':
			return hex(masked(e.masked, e.key).subarray(e.index, e.index + 1));
		case 'build-frame':
			return hex(encodeFrame({ opcode: 1, payload: encodeUtf8(e.text), mask: e.key }));
		case 'accept':
			return computeAccept(e.key) === e.accept ? 'yes' : 'no';
		case 'request-problem': {
			const head = readHead(encodeUtf8(e.request));
			if (head.kind !== 'head') return '';
			const verdict = checkClientRequest(head.head);
			return verdict.ok ? '' : (PROBLEM_HEADER[verdict.problem.code] ?? '');
		}
		case 'negotiation':
		case 'response-ok':
			return responseRefusal(e) === null ? 'yes' : 'no';
		case 'text-frame-size':
			return String(textFrame(e).length);
		case 'message-count':
			return String(dataMessages(e.bytes));
		case 'close-frame':
			return hex(encodeFrame({ opcode: 8, payload: encodeClosePayload(e.code, e.reason), mask: e.key }));
		case 'wire-size':
			return String(
				encodeFrame({
					opcode: 2,
					payload: new Uint8Array(e.size),
					mask: e.from === 'client' ? new Uint8Array(4) : null
				}).length
			);
		case 'uri-part': {
			const r = parseWebSocketUri(e.uri);
			if (!r.ok) return '';
			return e.part === 'port'
				? String(r.uri.port)
				: e.part === 'secure'
					? r.uri.secure
						? 'yes'
						: 'no'
					: r.uri.resourceName;
		}
		case 'fragment-order': {
			// Try every order the engine would accept as one whole message: there is exactly one.
			const orders = permutations(e.frames.length).filter((o) => readsWhole(e.frames, o));
			return orders.length === 1 ? orders[0].map((i) => i + 1).join(' ') : '';
		}
		case 'close-code': {
			const a = analyzeStream(e.bytes, { role: e.from, deflate: 'off' });
			// The first rule the bytes break that makes a receiver fail the connection (§7.1.7).
			return String(a.issues.find((i) => i.closeCode !== null)?.closeCode ?? '');
		}
	}
}

// ---- checking -----------------------------------------------------------------------------------

/** Check a student's answer: right, or what is wrong with it (and where, for bytes). */
export function check(e: Exercise, answer: string): Verdict {
	const text = answer.trim();
	if (text === '') return wrong({ code: 'empty' });
	switch (e.kind) {
		case 'h2-field': {
			const p = checkHttp2Field(e, text);
			return p ? wrong(p) : right;
		}
		case 'h2-connect': {
			const p = checkHttp2Connect(e, text);
			return p ? wrong(p) : right;
		}
		case 'read-field': {
			const want = solution(e);
			if (e.field === 'masking-key') {
				const verdict = compareBytes(text, want);
				return verdict.ok || verdict.problem.code !== 'wrong-value' ? verdict : misread(e);
			}
			const verdict =
				e.field === 'fin' || e.field === 'mask' ? yesNoAnswer(text, want === '1') : numberAnswer(text, want);
			return verdict.ok || verdict.problem.code !== 'wrong-value' ? verdict : misread(e);
		}
		case 'unmask-byte': {
			const bytes = hexBytes(text);
			if (!bytes.ok) return wrong({ code: 'not-hex', at: bytes.at });
			if (bytes.value.length !== 1) return wrong({ code: 'wrong-count', expected: 1, got: bytes.value.length });
			const got = bytes.value[0];
			const want = e.masked[e.index] ^ e.key[e.index % 4];
			if (got === want) return right;
			if (got === e.masked[e.index]) return wrong({ code: 'not-xored' });
			// XORed with the wrong key byte: say which one was used and which is right (i mod 4).
			const used = [0, 1, 2, 3].find((k) => (e.masked[e.index] ^ e.key[k]) === got);
			if (used !== undefined) return wrong({ code: 'wrong-key-byte', used, right: e.index % 4 });
			return wrong({ code: 'xor-again', masked: e.masked[e.index], key: e.key[e.index % 4], keyIndex: e.index % 4 });
		}
		case 'build-frame':
			return checkFrame(e, text);
		case 'accept': {
			const bit = yesNo(text);
			if (bit === null) return wrong({ code: 'not-yes-no' });
			const good = computeAccept(e.key) === e.accept;
			if (bit === good) return right;
			return good
				? wrong({ code: 'accept-matches' })
				: wrong({ code: 'accept-wrong', made: e.accept === e.key ? 'the-key' : 'other-key' });
		}
		case 'negotiation':
		case 'response-ok': {
			const bit = yesNo(text);
			if (bit === null) return wrong({ code: 'not-yes-no' });
			const refusal = responseRefusal(e);
			if (bit === (refusal === null)) return right;
			// Said yes to a refused answer: point at the line the client refuses it for.
			return refusal === null ? wrong({ code: 'nothing-wrong' }) : wrong({ code: 'look-at', line: refusal });
		}
		case 'text-frame-size': {
			const n = number(text);
			if (n === null) return wrong({ code: 'not-a-number' });
			const want = Number(solution(e));
			if (n === want) return right;
			const characters = [...e.text].length;
			const bytes = encodeUtf8(e.text).length;
			if (characters !== bytes && n === want - bytes + characters)
				return wrong({ code: 'counted-characters', characters, bytes });
			return sizeSlip(n, want, e.from, bytes);
		}
		case 'message-count': {
			const n = number(text);
			if (n === null) return wrong({ code: 'not-a-number' });
			const a = analyzeStream(e.bytes, { role: 'server', deflate: 'off' });
			const want = dataMessages(e.bytes);
			if (n === want) return right;
			if (n === a.frames.length) return wrong({ code: 'counted-frames', what: 'frames' });
			if (n === a.messages.length) return wrong({ code: 'counted-frames', what: 'control' });
			return wrong({ code: 'count-fin' });
		}
		case 'close-code': {
			const verdict = numberAnswer(text, solution(e));
			if (verdict.ok || verdict.problem.code !== 'wrong-value') return verdict;
			// The rule the bytes break, as the decoder reads them: the student maps it to its code.
			const issue = analyzeStream(e.bytes, { role: e.from, deflate: 'off' }).issues.find((i) => i.closeCode !== null);
			return issue ? wrong({ code: 'which-rule', issue }) : verdict;
		}
		case 'request-problem': {
			// "Sec-WebSocket-Key", "sec-websocket-key:", "the Host header", "GET" or "method".
			const named = text
				.toLowerCase()
				.replace(/^the\s+|\s+(header|헤더)$|:$/g, '')
				.trim();
			const answer =
				named === 'get' || named === 'request line' || named === '요청 줄' || named === '메서드' ? 'method' : named;
			if (!/^[a-z-]+$/.test(answer)) return wrong({ code: 'not-a-header' });
			return answer === solution(e) ? right : wrong({ code: 'header-fine', header: answer });
		}
		case 'close-frame':
			return checkClose(e, text);
		case 'wire-size': {
			const n = number(text);
			if (n === null) return wrong({ code: 'not-a-number' });
			const want = Number(solution(e));
			return n === want ? right : sizeSlip(n, want, e.from, e.size);
		}
		case 'uri-part': {
			const want = solution(e);
			const scheme = e.uri.startsWith('wss:') ? 'wss' : 'ws';
			if (e.part === 'secure') {
				const verdict = yesNoAnswer(text, want === 'yes');
				return verdict.ok || verdict.problem.code !== 'wrong-value' ? verdict : wrong({ code: 'secure-from', scheme });
			}
			const authority = e.uri.slice(e.uri.indexOf('//') + 2).split(/[/?]/)[0];
			if (e.part === 'port') {
				const verdict = numberAnswer(text, want);
				if (verdict.ok || verdict.problem.code !== 'wrong-value') return verdict;
				return wrong({ code: 'port-from', source: /:\d+$/.test(authority) ? 'uri' : 'default', scheme });
			}
			if (text === want) return right;
			const query = want.includes('?') ? want.slice(want.indexOf('?')) : '';
			const problem =
				text.includes(authority) || text.includes('://')
					? 'with-host'
					: query && text === want.slice(0, want.length - query.length)
						? 'without-query'
						: `/${text}` === want
							? 'without-slash'
							: 'other';
			return wrong({ code: 'resource', problem });
		}
		case 'fragment-order': {
			const order = text
				.split(/[\s,>→-]+/)
				.filter(Boolean)
				.map(Number);
			const count = e.frames.length;
			const valid =
				order.length === count &&
				order.every((v) => Number.isInteger(v) && v >= 1 && v <= count) &&
				new Set(order).size === count;
			if (!valid) return wrong({ code: 'not-an-order', count });
			const zero = order.map((v) => v - 1);
			if (readsWhole(e.frames, zero)) return right;
			// What the engine finds wrong with that order, first thing first (§5.4).
			const first = analyzeStream(e.frames[zero[0]], { role: 'server', maxFrames: 1 }).frames[0];
			if (first.kind === 'continuation') return wrong({ code: 'wrong-order', problem: 'first-not-start' });
			const last = analyzeStream(e.frames[zero[count - 1]], { role: 'server', maxFrames: 1 }).frames[0];
			if (!last.header.fin) return wrong({ code: 'wrong-order', problem: 'fin-not-last' });
			return wrong({ code: 'wrong-order', problem: 'middle' });
		}
	}
}

/** The usual slips in a frame's size, each said: a part of the header left out, or a key counted that a server never sends. */
function sizeSlip(n: number, want: number, from: 'client' | 'server', size: number): Verdict {
	const extended = size >= 65536 ? 8 : size >= 126 ? 2 : 0;
	if (extended > 0 && n === want - extended) return wrong({ code: 'size-without', part: 'extended-length' });
	if (from === 'client' && n === want - 4) return wrong({ code: 'size-without', part: 'masking-key' });
	if (from === 'server' && n === want + 4) return wrong({ code: 'size-with-mask-key' });
	if (n === want - size && size > 0) return wrong({ code: 'size-without', part: 'payload' });
	return wrong({ code: 'size-parts', payload: size, from });
}

/** A field read wrong from the question's bytes: where that field starts, from the engine's annotation. */
function misread(e: ReadFieldExercise): Verdict {
	const f = frameOf(e.bytes, e.bytes[1] & 0x80 ? 'client' : 'server');
	const name: FieldName =
		e.field === 'payload-length' && f.header.payloadLength >= 126
			? 'extended-length'
			: e.field === 'payload-length'
				? 'length'
				: e.field;
	const at = frameFields(f).find((a) => a.field === name);
	return wrong({ code: 'misread', field: name, start: at?.start ?? 0 });
}

/** The frame a text message takes, as the engine encodes it (masked from a client; the key's value does not change the size). */
function textFrame(e: TextFrameSizeExercise): Uint8Array {
	return encodeFrame({ opcode: 1, payload: encodeUtf8(e.text), mask: e.from === 'client' ? new Uint8Array(4) : null });
}

/** Whole data messages (text or binary) the decoder's reader finds in a server's bytes: control frames are not counted. */
function dataMessages(bytes: Uint8Array): number {
	const a = analyzeStream(bytes, { role: 'server', deflate: 'off' });
	return a.messages.filter((m) => m.complete && (m.kind === 'text' || m.kind === 'binary')).length;
}

/**
 * What the engine's client check refuses a server's answer for, as the header (or "status") it is
 * about; null when the client goes on (RFC 6455 §4.1 and, for the offers, §9.1).
 */
function responseRefusal(e: NegotiationExercise | ResponseOkExercise): string | null {
	const head = readHead(encodeUtf8(e.response));
	if (head.kind !== 'head') return 'status';
	const offers = e.kind === 'negotiation' && e.extensions ? parseExtensions(e.extensions) : null;
	const verdict = checkServerResponse(head.head, {
		key: e.key,
		protocols: e.kind === 'negotiation' ? e.offered : [],
		extensions: offers?.ok ? offers.offers : []
	});
	if (verdict.ok) return null;
	return RESPONSE_LINE[verdict.problem.code] ?? 'status';
}

/** The engine's reason for refusing a response, as the line it is about. */
const RESPONSE_LINE: Partial<Record<string, string>> = {
	STATUS_LINE: 'status',
	NOT_101: 'status',
	UPGRADE_NOT_WEBSOCKET: 'Upgrade',
	CONNECTION_NOT_UPGRADE: 'Connection',
	ACCEPT_MISSING: 'Sec-WebSocket-Accept',
	ACCEPT_MISMATCH: 'Sec-WebSocket-Accept',
	SUBPROTOCOL_NOT_ONE: 'Sec-WebSocket-Protocol',
	SUBPROTOCOL_NOT_OFFERED: 'Sec-WebSocket-Protocol',
	EXTENSIONS_MALFORMED: 'Sec-WebSocket-Extensions',
	EXTENSION_NOT_OFFERED: 'Sec-WebSocket-Extensions',
	EXTENSION_REFUSED: 'Sec-WebSocket-Extensions',
	EXTENSIONS_CONFLICT: 'Sec-WebSocket-Extensions'
};

/** A typed close frame against the one asked for: the frame, then its code, then its reason. */
function checkClose(e: CloseFrameExercise, text: string): Verdict {
	const f = oneFrame(text, e.from);
	if ('ok' in f) return f;
	const h = f.header;
	if (h.opcode !== 8) return wrong({ code: 'not-close', opcode: h.opcode });
	if (!h.fin) return wrong({ code: 'wrong-field', field: 'fin', expected: '1', got: '0', start: 0 });
	if (h.masked !== (e.key !== null))
		return wrong({
			code: 'wrong-field',
			field: 'mask',
			expected: e.key ? '1' : '0',
			got: h.masked ? '1' : '0',
			start: 1
		});
	if (e.key && h.maskKey && hex(h.maskKey) !== hex(e.key))
		return wrong({ code: 'wrong-field', field: 'masking-key', expected: hex(e.key), got: hex(h.maskKey), start: 2 });
	const start = h.headerLength;
	if (f.close?.code !== e.code)
		return wrong({ code: 'wrong-close-code', expected: e.code, got: f.close?.code ?? null, start });
	if (f.close.reason !== e.reason)
		return wrong({ code: 'wrong-reason', expected: e.reason, got: f.close.reason, start: start + 2 });
	const issue = f.issues.find((i) => i.severity === 'error');
	if (issue) return wrong({ code: 'frame-problem', issue, start: issue.start });
	return right;
}

/** The frames in `order` read by the engine as one whole, valid text message, as it was cut up. */
function readsWhole(frames: readonly Uint8Array[], order: readonly number[]): boolean {
	const bytes = new Uint8Array(order.reduce((n, i) => n + frames[i].length, 0));
	let at = 0;
	for (const i of order) {
		bytes.set(frames[i], at);
		at += frames[i].length;
	}
	const a = analyzeStream(bytes, { role: 'server', deflate: 'off' });
	return a.errorCount === 0 && a.messages.length === 1 && a.messages[0].complete;
}

/** Every order of 0..n-1. */
function permutations(n: number): number[][] {
	if (n === 0) return [[]];
	return permutations(n - 1).flatMap((p) =>
		Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])
	);
}

/**
 * A typed frame against the one asked for: read by the decoder's reader as a client's, then field
 * by field in header order, so that the first thing wrong is the one pointed at.
 */
function checkFrame(e: BuildFrameExercise, text: string): Verdict {
	const f = oneFrame(text, 'client');
	if ('ok' in f) return f;
	const h = f.header;
	const field = (name: FieldName, expected: string, got: string, start: number): Verdict =>
		wrong({ code: 'wrong-field', field: name, expected, got, start });
	if (!h.fin) return field('fin', '1', '0', 0);
	if (h.rsv1 || h.rsv2 || h.rsv3) return field(h.rsv1 ? 'rsv1' : h.rsv2 ? 'rsv2' : 'rsv3', '0', '1', 0);
	if (h.opcode !== 1) return field('opcode', '1', String(h.opcode), 0);
	if (!h.masked) return field('mask', '1', '0', 1);
	const want = encodeUtf8(e.text);
	if (h.payloadLength !== want.length) return field('length', String(want.length), String(h.payloadLength), 1);
	if (h.maskKey && hex(h.maskKey) !== hex(e.key)) return field('masking-key', hex(e.key), hex(h.maskKey), 2);
	const start = h.headerLength;
	// The text typed as it is, not masked: the most common slip, said as such.
	if (hex(f.wire.subarray(start)) === hex(want)) return wrong({ code: 'payload-not-masked', start });
	if (hex(f.payload) !== hex(want))
		return wrong({ code: 'wrong-payload', expected: e.text, got: hex(f.payload), start });
	const issue = f.issues.find((i) => i.severity === 'error');
	if (issue) return wrong({ code: 'frame-problem', issue, start: issue.start });
	return right;
}

/** Typed hex that should be one whole frame from `role`: the frame, or what is wrong with the bytes. */
function oneFrame(text: string, role: 'client' | 'server'): FrameAnalysis | Verdict {
	const bytes = hexBytes(text);
	if (!bytes.ok) return wrong({ code: 'not-hex', at: bytes.at });
	const a = analyzeStream(bytes.value, { role, deflate: 'off' });
	if (a.frames.length !== 1) return wrong({ code: 'not-one-frame', frames: a.frames.length });
	const f = a.frames[0];
	if (!f.complete) return wrong({ code: 'incomplete', missing: f.missing });
	const end = f.offset + f.wire.length;
	if (end < bytes.value.length) return wrong({ code: 'extra-bytes', count: bytes.value.length - end });
	return f;
}

/** A yes/no answer (in either language, or 1/0) against the engine's. */
function yesNoAnswer(text: string, want: boolean): Verdict {
	const bit = yesNo(text);
	if (bit === null) return wrong({ code: 'not-yes-no' });
	return bit === want ? right : wrong({ code: 'wrong-value' });
}

/** A number (decimal, or 0x hex) against the engine's. */
function numberAnswer(text: string, want: string): Verdict {
	const n = number(text);
	if (n === null) return wrong({ code: 'not-a-number' });
	return String(n) === want ? right : wrong({ code: 'wrong-value' });
}

function compareBytes(text: string, want: string): Verdict {
	const bytes = hexBytes(text);
	if (!bytes.ok) return wrong({ code: 'not-hex', at: bytes.at });
	const expected = want.split(' ').length;
	if (bytes.value.length !== expected) return wrong({ code: 'wrong-count', expected, got: bytes.value.length });
	return hex(bytes.value) === want ? right : wrong({ code: 'wrong-value' });
}

// ---- reading answers ----------------------------------------------------------------------------

/**
 * Hex in any common spacing and case, read by the decoder's own input reader: 81 85, 8185, 0x81,0x85,
 * \x81\x85, a C array. Never base64 (which "dead" also is): an answer here is hex.
 */
const HEX_FORMATS = ['hex', 'hex-0x', 'escape-x', 'c-array'] as const;

export function hexBytes(text: string): { ok: true; value: Uint8Array } | { ok: false; at: number } {
	let first: number | null = null;
	for (const format of HEX_FORMATS) {
		const r = parseInput(text, format);
		if (r.ok) return { ok: true, value: r.bytes };
		first ??= r.error.start;
	}
	return { ok: false, at: first ?? 0 };
}

/** A number as decimal, or hex with 0x: 126, 0x7e. */
function number(text: string): number | null {
	const t = text.replace(/[\s,_]/g, '');
	if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
	return /^\d+$/.test(t) ? Number(t) : null;
}

/** 1/0, yes/no, true/false, set/not set, and the same in Korean (예/아니요, 네/아니오). */
function yesNo(text: string): boolean | null {
	const t = text.toLowerCase().replace(/[.!。]$/, '');
	if (['1', 'yes', 'y', 'true', 'set', 'on', '예', '네', '응', '맞다', '맞음', 'o'].includes(t)) return true;
	if (['0', 'no', 'n', 'false', 'not set', 'unset', 'off', '아니요', '아니오', '아니', '아님', '틀림', 'x'].includes(t))
		return false;
	return null;
}
