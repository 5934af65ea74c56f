/**
 * WebSocket over HTTP/2 (RFC 8441), sans-I/O: an Http2Connection whose extended-CONNECT streams
 * each carry a WebSocket Connection (connection/connection.ts), its frames, masking and closing
 * handshake unchanged (§5). What changes is only the opening: the server announces
 * SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (§3), the client, once it has seen it, sends HEADERS with
 * `:method CONNECT` and `:protocol websocket` (§4), and the server answers `:status 200` (§5), with
 * no Upgrade, Connection, Sec-WebSocket-Key or Sec-WebSocket-Accept. Subprotocols and extensions are
 * negotiated with the same header fields as over HTTP/1.1. Afterwards END_STREAM stands for TCP's
 * orderly close and RST_STREAM for its abort (§5.1).
 */
import { concat } from '../bytes';
import { WebSocketUsageError } from '../errors';
import { Connection, type ConnectionOptions, type SendOptions } from '../connection/connection';
import type { ConnectionEvent } from '../connection/events';
import type { ConnectionState } from '../connection/states';
import {
	formatExtension,
	parseExtensions,
	type ExtensionNegotiator,
	type ExtensionOffer
} from '../extensions/extensions';
import { acceptExtensions, checkUri, type ResponseProblem, type ResponseProblemParams } from '../handshake/client';
import { isToken, tokenList } from '../handshake/http';
import { agree } from '../handshake/server';
import type { RandomSource } from '../random';
import { coded, type Coded, type RfcSection } from '../types';
import { Http2Connection, type Http2Event, type Http2Options, type Http2Outgoing } from './connection';
import { SETTINGS, type Http2Problem } from './frames';

type Fields = readonly (readonly [name: string, value: string])[];

/** An extended CONNECT the server read (RFC 8441 §4). */
export interface ConnectRequest {
	readonly stream: number;
	readonly authority: string;
	readonly scheme: string;
	readonly path: string;
	readonly protocols: readonly string[];
	readonly extensions: readonly ExtensionOffer[];
	readonly origin?: string;
	readonly headers: Fields;
}

/** Why an extended CONNECT did not open a WebSocket, on either side. */
export interface ConnectProblemParams {
	/** Client: the server's SETTINGS did not say ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3). */
	readonly NO_CONNECT_PROTOCOL: Record<string, never>;
	/** Server: a required pseudo-header is missing; the request is malformed (RFC 8441 §4, RFC 7540 §8.1.2.6). */
	readonly PSEUDO_MISSING: { readonly name: string };
	/** Server: a request, but not a CONNECT. */
	readonly NOT_CONNECT: { readonly method: string };
	/** Server: a CONNECT for a protocol other than websocket (answered 501). */
	readonly PROTOCOL_UNSUPPORTED: { readonly protocol: string };
	/** Server: sec-websocket-version missing or not 13 (RFC 6455 §4.4, kept by RFC 8441 §5). */
	readonly VERSION: { readonly version: string | null };
	readonly SUBPROTOCOL_INVALID: { readonly name: string };
	readonly EXTENSIONS_MALFORMED: Record<string, never>;
	/** Server: the application refused the request, in its own words. */
	readonly APP_REFUSED: { readonly reason: string };
	/** Client: the answer was not 200 (RFC 8441 §5: any other status is a refusal). */
	readonly STATUS: { readonly status: number };
	/** Client: the server's subprotocol or extensions are not what it offered. */
	readonly ANSWER: { readonly problem: ResponseProblem };
	/** Either: the stream was reset before the answer. */
	readonly RESET: { readonly error: string | number };
}
export type ConnectProblem = Coded<ConnectProblemParams>;

export type H2WebSocketEvent =
	| { readonly type: 'h2'; readonly event: Http2Event }
	/** Client: the server's SETTINGS, read for SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3). */
	| { readonly type: 'connect-enabled'; readonly enabled: boolean; readonly rfc: RfcSection }
	/** Client: the extended CONNECT went out on `stream`. */
	| { readonly type: 'connect-sent'; readonly stream: number; readonly headers: Fields; readonly rfc: RfcSection }
	/** Server: an extended CONNECT accepted, answered 200. */
	| { readonly type: 'connect-request'; readonly request: ConnectRequest; readonly rfc: RfcSection }
	/** Client: the 200, with what the server agreed. */
	| {
			readonly type: 'connect-response';
			readonly stream: number;
			readonly status: number;
			readonly protocol: string | null;
			readonly extensions: readonly string[];
			readonly rfc: RfcSection;
	  }
	/** Either side: no WebSocket on this stream (the status the server sent or the client read). */
	| {
			readonly type: 'connect-refused';
			readonly stream: number;
			readonly status: number | null;
			readonly problem: ConnectProblem;
			readonly rfc: RfcSection;
	  }
	/** What the WebSocket Connection on `stream` reported. */
	| { readonly type: 'ws'; readonly stream: number; readonly event: ConnectionEvent };

export interface H2WebSocketOptions {
	readonly role: 'client' | 'server';
	readonly random?: RandomSource;
	/** HTTP/2 settings to announce besides RFC 8441's (which a server always sends, as 1). */
	readonly settings?: Http2Options['settings'];
	readonly windowUpdateThreshold?: number;
	readonly extensions?: readonly ExtensionNegotiator[];
	/** Passed to each stream's WebSocket Connection. */
	readonly maxMessageSize?: number;
	readonly frameEvents?: boolean;
	readonly decodeText?: boolean;
	// Client only.
	/** ws:// or wss:// (as over HTTP/1.1): gives :scheme (http or https), :authority and :path. */
	readonly uri?: string;
	readonly origin?: string;
	readonly protocols?: readonly string[];
	readonly headers?: Fields;
	// Server only.
	readonly subprotocols?: readonly string[];
	readonly checkRequest?: (request: ConnectRequest) => string | null;
	/** The body of a refusal (default: the problem's code and values). */
	readonly refusalBody?: (problem: ConnectProblem) => string;
}

const STATUS_OF: Partial<Record<keyof ConnectProblemParams, number>> = {
	NOT_CONNECT: 405,
	PROTOCOL_UNSUPPORTED: 501,
	APP_REFUSED: 403
};

export class WebSocketOverHttp2 {
	readonly role: 'client' | 'server';
	readonly h2: Http2Connection;
	private readonly opts: H2WebSocketOptions;
	private readonly sockets = new Map<number, Connection>();
	/** Streams whose END_STREAM this side has sent. */
	private readonly ended = new Set<number>();
	/** Client: the stream of its extended CONNECT, and what it offered there. */
	stream: number | null = null;
	/** Client: the server's first SETTINGS has been read (the CONNECT goes, or cannot, once). */
	private settled = false;
	private offers: readonly ExtensionOffer[] = [];

	constructor(opts: H2WebSocketOptions) {
		this.opts = opts;
		this.role = opts.role;
		const settings = [...(opts.settings ?? [])];
		if (opts.role === 'server') settings.push([SETTINGS.ENABLE_CONNECT_PROTOCOL, 1]);
		else checkUri(opts.uri);
		this.h2 = new Http2Connection({
			role: opts.role,
			settings,
			...(opts.windowUpdateThreshold !== undefined ? { windowUpdateThreshold: opts.windowUpdateThreshold } : {})
		});
	}

	/** The WebSocket on a stream (when none is given: the client's one, or the server's first). */
	socket(stream = this.stream ?? this.streams[0] ?? 0): Connection | undefined {
		return this.sockets.get(stream);
	}

	/** That WebSocket's state: CONNECTING until the extended CONNECT is answered. */
	get state(): ConnectionState {
		return this.socket()?.state ?? 'CONNECTING';
	}

	get streams(): number[] {
		return [...this.sockets.keys()];
	}

	takeOutgoing(): Http2Outgoing[] {
		return this.h2.takeOutgoing();
	}

	dataToSend(): Uint8Array[] {
		return this.h2.dataToSend();
	}

	receive(data: Uint8Array): H2WebSocketEvent[] {
		const events: H2WebSocketEvent[] = [];
		for (const e of this.h2.receive(data)) {
			events.push({ type: 'h2', event: e });
			this.handle(e, events);
		}
		this.pumpAll();
		return events;
	}

	/** The TCP connection under HTTP/2 is gone: every WebSocket on it ends with 1006. */
	receiveEof(): H2WebSocketEvent[] {
		const events: H2WebSocketEvent[] = [];
		for (const [stream, ws] of this.sockets)
			for (const event of ws.receiveEof()) events.push({ type: 'ws', stream, event });
		return events;
	}

	send(data: string | Uint8Array, opts: SendOptions = {}, stream?: number): void {
		this.with(stream, (ws) => ws.send(data, opts));
	}

	/** A message whose bytes are given (text already UTF-8), as the echo sends back what it read. */
	sendMessage(opcode: 1 | 2, data: Uint8Array, stream?: number): void {
		this.with(stream, (ws) => ws.sendMessage(opcode, data));
	}

	ping(payload?: Uint8Array | string, stream?: number): void {
		this.with(stream, (ws) => ws.ping(payload));
	}

	close(code: number | null = 1000, reason = '', stream?: number): H2WebSocketEvent[] {
		const s = stream ?? this.stream ?? 0;
		return this.with(stream, (ws) =>
			ws.close(code, reason).map((event) => ({ type: 'ws' as const, stream: s, event }))
		);
	}

	/** Abandon a WebSocket: RST_STREAM CANCEL, the HTTP/2 form of a TCP reset (RFC 8441 §5.1). */
	abort(stream = this.stream ?? 0): H2WebSocketEvent[] {
		const ws = this.sockets.get(stream);
		this.h2.reset(stream, 'CANCEL', 'RFC 8441 §5.1');
		this.ended.add(stream);
		return ws ? ws.receiveEof().map((event) => ({ type: 'ws' as const, stream, event })) : [];
	}

	private with<T>(stream: number | undefined, fn: (ws: Connection) => T): T {
		const s = stream ?? this.stream ?? 0;
		const ws = this.sockets.get(s);
		if (!ws) throw new WebSocketUsageError('NOT_OPEN', { fn: 'send', state: 'CONNECTING' }, 'RFC 8441 §5');
		const r = fn(ws);
		this.pump(s, ws);
		return r;
	}

	/** What a stream's WebSocket queued goes out as DATA; once it is done, END_STREAM (RFC 8441 §5.1). */
	private pump(stream: number, ws: Connection): void {
		const chunks = ws.dataToSend();
		if (chunks.length && !this.ended.has(stream)) this.h2.sendData(stream, concat(chunks));
		if (ws.state === 'CLOSED' && !this.ended.has(stream)) {
			this.ended.add(stream);
			this.h2.endStream(stream);
		}
	}

	private pumpAll(): void {
		for (const [stream, ws] of this.sockets) this.pump(stream, ws);
	}

	private handle(e: Http2Event, events: H2WebSocketEvent[]): void {
		switch (e.type) {
			case 'settings':
				if (this.role === 'client' && !this.settled) {
					this.settled = true;
					this.connect(events);
				}
				return;
			case 'headers':
				if (this.role === 'server') this.answer(e.stream, e.headers, events);
				else if (e.stream === this.stream && !this.sockets.has(e.stream)) this.judge(e.stream, e.headers, events);
				return;
			case 'data': {
				const ws = this.sockets.get(e.stream);
				if (ws && e.data.length)
					for (const event of ws.receive(e.data)) events.push({ type: 'ws', stream: e.stream, event });
				// The peer's END_STREAM: its half of the "TCP connection" is closed (RFC 8441 §5.1).
				if (ws && e.endStream)
					for (const event of ws.receiveEof()) events.push({ type: 'ws', stream: e.stream, event });
				return;
			}
			case 'reset': {
				const ws = this.sockets.get(e.stream);
				if (ws) for (const event of ws.receiveEof()) events.push({ type: 'ws', stream: e.stream, event });
				else if (e.stream === this.stream)
					events.push({
						type: 'connect-refused',
						stream: e.stream,
						status: null,
						problem: coded('RESET', { error: e.error }),
						rfc: 'RFC 7540 §6.4'
					});
				this.ended.add(e.stream);
				return;
			}
		}
	}

	/** Client: the extended CONNECT, only once the server has said it may (RFC 8441 §3, §4). */
	private connect(events: H2WebSocketEvent[]): void {
		const enabled = this.h2.peerSettings.enableConnectProtocol;
		events.push({ type: 'connect-enabled', enabled, rfc: 'RFC 8441 §3' });
		if (!enabled) {
			events.push({
				type: 'connect-refused',
				stream: 0,
				status: null,
				problem: coded('NO_CONNECT_PROTOCOL', {}),
				rfc: 'RFC 8441 §3'
			});
			return;
		}
		const uri = checkUri(this.opts.uri);
		this.offers = (this.opts.extensions ?? []).flatMap((n) => n.offer());
		const headers: [string, string][] = [
			[':method', 'CONNECT'],
			[':protocol', 'websocket'],
			[':scheme', uri.secure ? 'https' : 'http'],
			[':path', uri.resourceName],
			[':authority', uri.hostHeader],
			['sec-websocket-version', '13']
		];
		if (this.opts.protocols?.length) headers.push(['sec-websocket-protocol', this.opts.protocols.join(', ')]);
		if (this.offers.length) headers.push(['sec-websocket-extensions', this.offers.map(formatExtension).join(', ')]);
		if (this.opts.origin) headers.push(['origin', this.opts.origin]);
		// HTTP/2 field names are lower case (RFC 7540 §8.1.2).
		for (const [n, v] of this.opts.headers ?? []) headers.push([n.toLowerCase(), v]);
		this.stream = this.h2.request(headers);
		events.push({ type: 'connect-sent', stream: this.stream, headers, rfc: 'RFC 8441 §4' });
	}

	/** Client: the answer on its stream. 200 opens the WebSocket; anything else refuses it (RFC 8441 §5). */
	private judge(stream: number, headers: Fields, events: H2WebSocketEvent[]): void {
		const status = Number(field(headers, ':status'));
		const refuse = (problem: ConnectProblem) => {
			events.push({ type: 'connect-refused', stream, status, problem, rfc: 'RFC 8441 §5' });
			this.h2.reset(stream, 'CANCEL', 'RFC 8441 §5');
			this.ended.add(stream);
		};
		if (status !== 200) return refuse(coded('STATUS', { status }));
		const protocol = field(headers, 'sec-websocket-protocol') ?? null;
		if (protocol !== null && !(this.opts.protocols ?? []).includes(protocol))
			return refuse(
				coded('ANSWER', {
					problem: coded<ResponseProblemParams, 'SUBPROTOCOL_NOT_OFFERED'>('SUBPROTOCOL_NOT_OFFERED', {
						name: protocol
					})
				})
			);
		const ext = parseExtensions(field(headers, 'sec-websocket-extensions'));
		if (!ext.ok)
			return refuse(
				coded('ANSWER', {
					problem: coded<ResponseProblemParams, 'EXTENSIONS_MALFORMED'>('EXTENSIONS_MALFORMED', {
						problem: ext.problem
					})
				})
			);
		const v = acceptExtensions(protocol, ext.offers, this.opts.extensions ?? [], 200);
		if (!v.ok) return refuse(coded('ANSWER', { problem: v.problem }));
		events.push({
			type: 'connect-response',
			stream,
			status,
			protocol: v.protocol,
			extensions: v.extensions,
			rfc: 'RFC 8441 §5'
		});
		this.open(stream, 'client', { protocol: v.protocol, extensions: v.extensions, codec: v.codec }, events);
	}

	/** Server: check an extended CONNECT (RFC 8441 §4, §5), then 200 and a WebSocket, or a refusal. */
	private answer(stream: number, headers: Fields, events: H2WebSocketEvent[]): void {
		if (this.sockets.has(stream)) return; // trailers on an open tunnel: nothing to do
		const refuse = (problem: ConnectProblem, rfc: RfcSection) => {
			if (problem.code === 'PSEUDO_MISSING') {
				// A malformed request is a stream error PROTOCOL_ERROR (RFC 7540 §8.1.2.6).
				this.h2.reset(stream, 'PROTOCOL_ERROR', 'RFC 7540 §8.1.2.6');
				events.push({ type: 'connect-refused', stream, status: null, problem, rfc });
				return;
			}
			const status = STATUS_OF[problem.code] ?? 400;
			const answer: [string, string][] = [
				[':status', String(status)],
				['content-type', 'text/plain; charset=utf-8']
			];
			if (problem.code === 'VERSION') answer.push(['sec-websocket-version', '13']);
			this.h2.respond(stream, answer);
			const body = (this.opts.refusalBody ?? ((p) => `${p.code} ${JSON.stringify(p.params)}`))(problem);
			this.h2.sendData(stream, new TextEncoder().encode(body.endsWith('\n') ? body : body + '\n'), {
				endStream: true
			});
			this.ended.add(stream);
			events.push({ type: 'connect-refused', stream, status, problem, rfc });
		};
		const method = field(headers, ':method');
		if (method === undefined) return refuse(coded('PSEUDO_MISSING', { name: ':method' }), 'RFC 7540 §8.1.2.3');
		if (method !== 'CONNECT') return refuse(coded('NOT_CONNECT', { method }), 'RFC 8441 §4');
		const protocol = field(headers, ':protocol');
		if (protocol === undefined) return refuse(coded('PSEUDO_MISSING', { name: ':protocol' }), 'RFC 8441 §4');
		// §4: with :protocol, :scheme and :path are required as well, and :authority as for any CONNECT.
		for (const name of [':scheme', ':path', ':authority'])
			if (!field(headers, name)) return refuse(coded('PSEUDO_MISSING', { name }), 'RFC 8441 §4');
		if (protocol !== 'websocket') return refuse(coded('PROTOCOL_UNSUPPORTED', { protocol }), 'RFC 8441 §4');
		const version = field(headers, 'sec-websocket-version') ?? null;
		if (version?.trim() !== '13') return refuse(coded('VERSION', { version }), 'RFC 6455 §4.4');
		const protocols = tokenList(field(headers, 'sec-websocket-protocol'));
		for (const p of protocols)
			if (!isToken(p)) return refuse(coded('SUBPROTOCOL_INVALID', { name: p }), 'RFC 6455 §4.1');
		const ext = parseExtensions(field(headers, 'sec-websocket-extensions'));
		if (!ext.ok) return refuse(coded('EXTENSIONS_MALFORMED', {}), 'RFC 6455 §9.1');
		const origin = field(headers, 'origin');
		const request: ConnectRequest = {
			stream,
			authority: field(headers, ':authority')!,
			scheme: field(headers, ':scheme')!,
			path: field(headers, ':path')!,
			protocols,
			extensions: ext.offers,
			headers,
			...(origin !== undefined ? { origin } : {})
		};
		const reason = this.opts.checkRequest?.(request);
		if (reason) return refuse(coded('APP_REFUSED', { reason }), 'RFC 8441 §5');
		const chosen = agree(protocols, ext.offers, this.opts);
		const extensions = chosen.accepted.map(formatExtension);
		const answer: [string, string][] = [[':status', '200']];
		if (chosen.protocol) answer.push(['sec-websocket-protocol', chosen.protocol]);
		if (extensions.length) answer.push(['sec-websocket-extensions', extensions.join(', ')]);
		this.h2.respond(stream, answer);
		events.push({ type: 'connect-request', request, rfc: 'RFC 8441 §5' });
		this.open(stream, 'server', { protocol: chosen.protocol, extensions, codec: chosen.codec }, events);
	}

	private open(
		stream: number,
		role: 'client' | 'server',
		agreed: NonNullable<ConnectionOptions['agreed']>,
		events: H2WebSocketEvent[]
	): void {
		const ws = new Connection({
			role,
			agreed,
			...(this.opts.random ? { random: this.opts.random } : {}),
			...(this.opts.maxMessageSize ? { maxMessageSize: this.opts.maxMessageSize } : {}),
			...(this.opts.frameEvents ? { frameEvents: true } : {}),
			...(this.opts.decodeText === false ? { decodeText: false } : {})
		});
		this.sockets.set(stream, ws);
		events.push({
			type: 'ws',
			stream,
			event: { type: 'open', protocol: agreed.protocol, extensions: agreed.extensions, rfc: 'RFC 8441 §5' }
		});
	}
}

/** A field's value by its (lower-case, RFC 7540 §8.1.2) name. */
function field(headers: Fields, name: string): string | undefined {
	return headers.find(([n]) => n === name)?.[1];
}

export type { Http2Problem };
