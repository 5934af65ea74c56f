/**
 * One end of a WebSocket connection, sans-I/O (like Python's `websockets` and `h11`): hand it the
 * bytes that arrived (`receive`), get back events; ask it to send, then take the bytes to write
 * (`takeOutgoing`). It never touches a socket, a timer or hidden randomness, so the browser, the
 * Node server, the simulator and the tests all drive the same code.
 *
 * States (RFC 6455 §4, §7), all transitions in this file:
 *   CONNECTING --handshake ok--> OPEN --close sent--> CLOSING --close received--> CLOSED
 *   CONNECTING --handshake refused--> CLOSED        OPEN --close received (answered)--> CLOSED
 *   any --protocol error (close sent with its code)--> CLOSED      any --transport ended--> CLOSED
 */

import { closeCodeInfo, encodeClosePayload, isValidOnWire } from './close-codes';
import { FrameDecoder, type DecodedFrame } from './decoder';
import { WebSocketUsageError, type ProtocolError } from './errors';
import { formatExtension, type ExtensionNegotiator, type ExtensionOffer } from './extensions';
import { encodeHeader, type FrameHeader, type FrameSpec, minimalLengthForm } from './frame';
import {
	buildClientRequest, buildRejection, buildServerResponse, checkClientRequest, checkServerResponse,
	generateKey, type ClientRequest
} from './handshake';
import { readHead } from './http';
import { applyMask } from './mask';
import { MessageAssembler, concat, type MessageCodec } from './message';
import { Opcode, opcodeName } from './opcode';
import { cryptoRandom, type RandomSource } from './random';
import { decodeUtf8, encodeUtf8 } from './utf8';
import type { WebSocketUri } from './uri';

export type Role = 'client' | 'server';
export type ConnectionState = 'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED';

export interface ConnectionOptions {
	readonly role: Role;
	/** Source of keys and masks; defaults to the platform CSPRNG. Pass a seeded one to replay a run. */
	readonly random?: RandomSource;
	/** Largest message accepted, in bytes (default 64 MiB); larger ones fail with 1009. */
	readonly maxMessageSize?: number;
	/** Answer pings with pongs (RFC 6455 §5.5.2); on by default. */
	readonly autoPong?: boolean;
	/** Decode text messages into strings (default true); a relay that forwards bytes can skip it. */
	readonly decodeText?: boolean;
	/** Emit a `frame` event for every frame received (the simulator's trace wants them). */
	readonly frameEvents?: boolean;
	/** receive() may unmask in place inside the chunks it is given (faster; the server owns its reads). */
	readonly mutableInput?: boolean;
	/** Start OPEN, skipping the handshake (a frame-only exchange, a benchmark). */
	readonly skipHandshake?: boolean;
	/** Extensions this end supports, most preferred first (permessage-deflate). */
	readonly extensions?: readonly ExtensionNegotiator[];
	/** Extra header fields for the request or the 101 answer. */
	readonly headers?: ReadonlyArray<readonly [string, string]>;
	// Client only.
	readonly uri?: string | WebSocketUri;
	readonly origin?: string;
	readonly protocols?: readonly string[];
	// Server only.
	/** Subprotocols the server speaks, preferred first; it picks the first of these the client offered. */
	readonly subprotocols?: readonly string[];
	/** An application check of the request: return a reason to refuse it with 400. */
	readonly checkRequest?: (request: ClientRequest) => string | null;
}

interface Explained {
	/** One sentence on what happened and why. */
	readonly explain: string;
	readonly rfc: string;
}

export type ConnectionEvent = Explained &
	(
		| { readonly type: 'handshake-request'; readonly request: ClientRequest; readonly bytes: Uint8Array }
		| { readonly type: 'handshake-response'; readonly status: number | null; readonly bytes: Uint8Array }
		| { readonly type: 'open'; readonly protocol: string | null; readonly extensions: readonly string[] }
		| { readonly type: 'handshake-failed'; readonly status: number | null; readonly reason: string }
		| { readonly type: 'frame'; readonly frame: DecodedFrame }
		| { readonly type: 'fragment'; readonly frame: DecodedFrame; readonly index: number; readonly bufferedBytes: number }
		| {
				readonly type: 'message';
				readonly kind: 'text' | 'binary';
				readonly data: Uint8Array;
				readonly text?: string;
				readonly frameCount: number;
				readonly compressed: boolean;
				readonly compressedSize?: number;
		  }
		| { readonly type: 'ping' | 'pong'; readonly payload: Uint8Array }
		| { readonly type: 'close-received'; readonly code: number | null; readonly reason: string }
		| { readonly type: 'protocol-error'; readonly error: ProtocolError }
		| {
				readonly type: 'closed';
				/** As the WebSocket API reports it: the code received, 1005 if none, 1006 if no close frame came. */
				readonly code: number;
				readonly reason: string;
				readonly wasClean: boolean;
				/** The code this end sent in its own close frame, if it sent one. */
				readonly sentCode: number | null;
		  }
	);

/** Bytes to write, with what they are, so a trace can show each piece on the wire. */
export type Outgoing =
	| { readonly kind: 'handshake'; readonly bytes: Uint8Array; readonly explain: string }
	| {
			readonly kind: 'frame';
			/** Header, then payload (masked for clients): written in order, never copied together. */
			readonly parts: readonly Uint8Array[];
			readonly header: FrameHeader;
			/** The payload before masking. */
			readonly payload: Uint8Array;
			readonly explain: string;
	  };

export interface SendOptions {
	/** Split the message into frames of at most this many payload bytes (RFC 6455 §5.4). */
	readonly fragmentSize?: number;
	/** Compress with the negotiated extension (default: whenever one is negotiated). */
	readonly compress?: boolean;
}

const DEFAULT_MAX_MESSAGE = 64 * 1024 * 1024;

export class Connection {
	readonly role: Role;
	private st: ConnectionState;
	private readonly opts: ConnectionOptions;
	private readonly random: RandomSource;
	private readonly max: number;
	private out: Outgoing[] = [];
	private decoder!: FrameDecoder;
	private assembler!: MessageAssembler;
	private codec: MessageCodec | null = null;
	private headBuf: Uint8Array | null = null;
	private key = '';
	private offeredExtensions: ExtensionOffer[] = [];
	private closeSent: number | null | undefined = undefined;
	private closeReceived: { code: number | null; reason: string } | null = null;
	private transportShouldClose = false;
	/** The subprotocol and extensions agreed in the handshake. */
	protocol: string | null = null;
	extensions: string[] = [];
	/** The request the client sent or the server received. */
	request: ClientRequest | null = null;
	/** The handshake URI (client). */
	readonly uri: WebSocketUri | null = null;

	constructor(opts: ConnectionOptions) {
		if (!opts || (opts.role !== 'client' && opts.role !== 'server'))
			throw new WebSocketUsageError('BAD_ROLE', 'A connection is either a "client" or a "server".');
		if (opts.maxMessageSize !== undefined && !(opts.maxMessageSize > 0))
			throw new WebSocketUsageError('BAD_LIMIT', 'maxMessageSize must be a positive number of bytes.');
		this.role = opts.role;
		this.opts = opts;
		this.random = opts.random ?? cryptoRandom;
		this.max = opts.maxMessageSize ?? DEFAULT_MAX_MESSAGE;
		this.st = 'CONNECTING';
		if (opts.skipHandshake) {
			this.st = 'OPEN';
			this.startFraming(null);
		} else if (this.role === 'client') {
			if (!opts.uri) throw new WebSocketUsageError('NO_URI', 'A client needs the ws:// or wss:// URI to connect to.', 'RFC 6455 §3');
			this.key = generateKey(this.random);
			this.offeredExtensions = (opts.extensions ?? []).flatMap((e) => e.offer());
			const { bytes, uri } = buildClientRequest({
				uri: opts.uri, key: this.key, origin: opts.origin, protocols: opts.protocols,
				extensions: this.offeredExtensions, headers: opts.headers
			});
			this.uri = uri;
			this.out.push({ kind: 'handshake', bytes, explain: 'The client asks to upgrade the HTTP connection to WebSocket, with a fresh random key.' });
		}
	}

	get state(): ConnectionState {
		return this.st;
	}

	/** The key the client sent (for showing the Accept computation). */
	get handshakeKey(): string {
		return this.key;
	}

	/** True once the transport should be closed: after the closing handshake or a failure (RFC 6455 §7.1.1). */
	get shouldCloseTransport(): boolean {
		return this.transportShouldClose;
	}

	/** Take the pieces queued for the wire, in order. */
	takeOutgoing(): Outgoing[] {
		const o = this.out;
		this.out = [];
		return o;
	}

	/** Take the bytes queued for the wire as a list of buffers to write in order. */
	dataToSend(): Uint8Array[] {
		const chunks: Uint8Array[] = [];
		for (const o of this.takeOutgoing()) {
			if (o.kind === 'handshake') chunks.push(o.bytes);
			else for (const p of o.parts) chunks.push(p);
		}
		return chunks;
	}

	/** Feed bytes from the transport; returns what they meant. */
	receive(data: Uint8Array): ConnectionEvent[] {
		if (!(data instanceof Uint8Array)) throw new WebSocketUsageError('BAD_INPUT', 'receive() takes the bytes that arrived, as a Uint8Array.');
		const events: ConnectionEvent[] = [];
		if (this.st === 'CLOSED' || this.closeReceived || data.length === 0) return events;
		if (!this.opts.mutableInput) data = data.slice();
		if (this.st === 'CONNECTING') {
			data = this.receiveHandshake(data, events);
			if ((this.st as ConnectionState) !== 'OPEN' || data.length === 0) return events;
		}
		this.receiveFrames(data, events);
		return events;
	}

	/** The transport closed (TCP FIN or error). */
	receiveEof(): ConnectionEvent[] {
		if (this.st === 'CLOSED' && !this.awaitingEof) return [];
		const clean = this.closeSent !== undefined && this.closeReceived !== null;
		this.st = 'CLOSED';
		this.awaitingEof = false;
		if (clean) return [];
		return [this.closedEvent(1006, '', false, 'The transport closed without a closing handshake: the close is abnormal (1006).', 'RFC 6455 §7.1.5')];
	}
	private awaitingEof = false;

	// ---- sending --------------------------------------------------------------------------------

	send(data: string | Uint8Array, opts: SendOptions = {}): void {
		if (typeof data === 'string') this.sendMessage(Opcode.Text, encodeUtf8(data), opts);
		else if (data instanceof Uint8Array) this.sendMessage(Opcode.Binary, data, opts);
		else throw new WebSocketUsageError('BAD_DATA', 'send() takes a string (text) or a Uint8Array (binary).');
	}

	sendText(text: string, opts: SendOptions = {}): void {
		if (typeof text !== 'string') throw new WebSocketUsageError('BAD_DATA', 'sendText() takes a string.');
		this.sendMessage(Opcode.Text, encodeUtf8(text), opts);
	}

	sendBinary(data: Uint8Array, opts: SendOptions = {}): void {
		if (!(data instanceof Uint8Array)) throw new WebSocketUsageError('BAD_DATA', 'sendBinary() takes a Uint8Array.');
		this.sendMessage(Opcode.Binary, data, opts);
	}

	/** Send a message whose bytes are given (text already encoded as UTF-8, or binary). */
	sendMessage(opcode: 1 | 2, data: Uint8Array, opts: SendOptions = {}): void {
		this.requireOpen('send a message');
		const size = opts.fragmentSize;
		if (size !== undefined && !(Number.isInteger(size) && size > 0))
			throw new WebSocketUsageError('BAD_FRAGMENT_SIZE', 'fragmentSize must be a positive whole number of bytes.', 'RFC 6455 §5.4');
		let payload = data;
		let rsv1 = false;
		if (this.codec && opts.compress !== false) {
			const c = this.codec.compress(data);
			if (c) {
				payload = c;
				rsv1 = true;
			}
		}
		const kind = opcode === Opcode.Text ? 'text' : 'binary';
		if (size === undefined || payload.length <= size) {
			this.queueFrame({ opcode, payload, rsv1 }, `The ${this.role} sends a ${kind} message of ${data.length} bytes in one frame${rsv1 ? `, compressed to ${payload.length} bytes` : ''}.`);
			return;
		}
		const count = Math.ceil(payload.length / size);
		for (let i = 0; i < count; i++) {
			const piece = payload.subarray(i * size, Math.min(payload.length, (i + 1) * size));
			const fin = i === count - 1;
			this.queueFrame(
				{ opcode: i === 0 ? opcode : Opcode.Continuation, payload: piece, fin, rsv1: i === 0 && rsv1 },
				i === 0 ? `The ${this.role} starts a ${kind} message in ${count} fragments: FIN is 0, more frames follow.`
					: fin ? `The last fragment (continuation, FIN 1) completes the message.` : `Fragment ${i + 1} of ${count}: a continuation frame, FIN still 0.`
			);
		}
	}

	ping(payload: Uint8Array | string = new Uint8Array(0)): void {
		this.sendControl(Opcode.Ping, payload, 'The ' + this.role + ' sends a ping; the peer must answer with a pong carrying the same payload.');
	}

	pong(payload: Uint8Array | string = new Uint8Array(0)): void {
		this.sendControl(Opcode.Pong, payload, 'The ' + this.role + ' sends an unsolicited pong (a heartbeat); no answer is expected.');
	}

	/** Start (or answer) the closing handshake (RFC 6455 §7.1.2). `code` null sends an empty close payload. */
	close(code: number | null = 1000, reason = ''): void {
		if (this.st === 'CONNECTING') throw new WebSocketUsageError('NOT_OPEN', 'The handshake has not completed; there is no connection to close yet.');
		if (this.closeSent !== undefined || this.st === 'CLOSED') throw new WebSocketUsageError('ALREADY_CLOSING', 'A close frame was already sent on this connection.', 'RFC 6455 §5.5.1');
		const payload = encodeClosePayload(code ?? undefined, reason);
		const name = code === null ? 'no status code' : `${code} (${closeCodeInfo(code).name})`;
		this.queueFrame({ opcode: Opcode.Close, payload }, `The ${this.role} starts the closing handshake with ${name}; it sends no more data after this.`);
		this.closeSent = code;
		this.st = 'CLOSING';
	}

	/**
	 * Send any frame, malformed ones included (the simulator shows what receivers do with them).
	 * Clients mask with a fresh key unless `mask` is given; `mask: null` sends a client frame unmasked.
	 */
	sendFrame(spec: FrameSpec, explain = 'A frame written by hand.'): void {
		if (this.st === 'CONNECTING' || this.st === 'CLOSED') throw new WebSocketUsageError('NOT_OPEN', `Cannot send a frame while the connection is ${this.st}.`);
		this.queueFrame(spec, explain);
	}

	/** Fail the connection ourselves (RFC 6455 §7.1.7), e.g. for a policy violation (1008). */
	fail(code: number, reason = ''): ConnectionEvent[] {
		if (!Number.isInteger(code) || !isValidOnWire(code))
			throw new WebSocketUsageError('INVALID_CLOSE_CODE', `Close code ${code} may not be sent.`, 'RFC 6455 §7.4');
		const events: ConnectionEvent[] = [];
		this.failWith(null, code, reason, events);
		return events;
	}

	// ---- internals -----------------------------------------------------------------------------

	private requireOpen(what: string): void {
		if (this.st !== 'OPEN')
			throw new WebSocketUsageError('NOT_OPEN', `Cannot ${what} while the connection is ${this.st}${this.st === 'CLOSING' ? ' (no data after a close frame)' : ''}.`, 'RFC 6455 §5.5.1');
	}

	private sendControl(opcode: number, payload: Uint8Array | string, explain: string): void {
		this.requireOpen(`send a ${opcodeName(opcode)}`);
		const bytes = typeof payload === 'string' ? encodeUtf8(payload) : payload;
		if (!(bytes instanceof Uint8Array)) throw new WebSocketUsageError('BAD_DATA', 'A control payload is a string or a Uint8Array.');
		if (bytes.length > 125) throw new WebSocketUsageError('CONTROL_TOO_LONG', `A ${opcodeName(opcode)} payload may be at most 125 bytes, not ${bytes.length}.`, 'RFC 6455 §5.5');
		this.queueFrame({ opcode, payload: bytes }, explain);
	}

	private queueFrame(spec: FrameSpec, explain: string): void {
		const payload = spec.payload ?? new Uint8Array(0);
		let mask = spec.mask;
		if (mask === undefined) mask = this.role === 'client' ? this.random(4) : null;
		const head = encodeHeader({ ...spec, mask }, payload.length);
		const header: FrameHeader = {
			fin: spec.fin ?? true, rsv1: !!spec.rsv1, rsv2: !!spec.rsv2, rsv3: !!spec.rsv3, opcode: spec.opcode,
			masked: mask != null, payloadLength: payload.length, lengthForm: spec.lengthForm ?? minimalLengthForm(payload.length),
			maskKey: mask ?? null, headerLength: head.length
		};
		let parts: Uint8Array[];
		if (mask) {
			// Mask a copy: the caller's buffer stays as it was.
			const buf = new Uint8Array(head.length + payload.length);
			buf.set(head);
			buf.set(payload, head.length);
			applyMask(buf.subarray(head.length), mask);
			parts = [buf];
		} else parts = payload.length ? [head, payload] : [head];
		this.out.push({ kind: 'frame', parts, header, payload, explain });
	}

	private startFraming(codec: MessageCodec | null): void {
		this.codec = codec;
		this.assembler = new MessageAssembler({ maxMessageSize: this.max, codec, keepFrames: false });
		this.decoder = new FrameDecoder({
			expectMasked: this.role === 'server' ? 'masked' : 'unmasked',
			allowedRsv: codec?.rsvBits ?? 0,
			maxPayload: this.max,
			inspectHeader: (h, at) => this.assembler.inspectHeader(h, at)
		});
	}

	private receiveHandshake(data: Uint8Array, events: ConnectionEvent[]): Uint8Array {
		const buf = this.headBuf ? concat([this.headBuf, data]) : data;
		const r = readHead(buf);
		if (r.kind === 'incomplete') {
			this.headBuf = buf;
			return new Uint8Array(0);
		}
		this.headBuf = null;
		if (r.kind === 'error') {
			if (this.role === 'server') this.reject(400, r.reason, 'RFC 6455 §4.2.1', events);
			else this.handshakeFailed(null, `the answer is not valid HTTP: ${r.reason}`, 'RFC 6455 §4.1', events);
			return new Uint8Array(0);
		}
		const headBytes = buf.slice(0, r.head.length);
		const rest = buf.subarray(r.head.length);
		if (this.role === 'server') {
			const check = checkClientRequest(r.head);
			if (!check.ok) {
				this.reject(check.status, check.reason, check.rfc, events);
				return new Uint8Array(0);
			}
			const req = check.request;
			this.request = req;
			events.push({ type: 'handshake-request', request: req, bytes: headBytes, rfc: 'RFC 6455 §4.2.1',
				explain: 'The server reads the upgrade request: GET over HTTP/1.1, Upgrade: websocket, Connection: Upgrade, a 16-byte key and version 13.' });
			const refusal = this.opts.checkRequest?.(req);
			if (refusal) {
				this.reject(400, refusal, 'RFC 6455 §4.2.2', events);
				return new Uint8Array(0);
			}
			const protocol = (this.opts.subprotocols ?? []).find((p) => req.protocols.includes(p)) ?? null;
			let codec: MessageCodec | null = null;
			const accepted: ExtensionOffer[] = [];
			for (const n of this.opts.extensions ?? []) {
				const offers = req.extensions.filter((e) => e.name.toLowerCase() === n.name.toLowerCase());
				if (offers.length === 0 || codec) continue;
				const chosen = n.negotiate(offers);
				if (chosen) {
					codec = chosen.codec;
					accepted.push(chosen.response);
				}
			}
			this.protocol = protocol;
			this.extensions = accepted.map(formatExtension);
			this.out.push({ kind: 'handshake', bytes: buildServerResponse({ key: req.key, protocol, extensions: accepted, headers: this.opts.headers }),
				explain: 'The server agrees: 101 Switching Protocols, with Sec-WebSocket-Accept computed from the client\'s key.' });
			this.open(codec, events);
		} else {
			const check = checkServerResponse(r.head, { key: this.key, protocols: this.opts.protocols, extensions: this.offeredExtensions });
			events.push({ type: 'handshake-response', status: check.status, bytes: headBytes, rfc: 'RFC 6455 §4.1',
				explain: check.ok ? 'The client checks the answer: status 101, Upgrade and Connection headers, and the Accept value it computed itself.'
					: `The client checks the answer and refuses it: ${check.reason}.` });
			if (!check.ok) {
				this.handshakeFailed(check.status, check.reason, check.rfc, events);
				return new Uint8Array(0);
			}
			let codec: MessageCodec | null = null;
			for (const e of check.extensions) {
				const n = (this.opts.extensions ?? []).find((x) => x.name.toLowerCase() === e.name.toLowerCase());
				const r2 = n ? n.accept(e) : `extension ${e.name} was not offered`;
				if (typeof r2 === 'string') {
					this.handshakeFailed(101, r2, 'RFC 6455 §9.1', events);
					return new Uint8Array(0);
				}
				codec = r2;
			}
			this.protocol = check.protocol;
			this.extensions = check.extensions.map(formatExtension);
			this.open(codec, events);
		}
		return rest;
	}

	private open(codec: MessageCodec | null, events: ConnectionEvent[]): void {
		this.st = 'OPEN';
		this.startFraming(codec);
		const what = [this.protocol && `subprotocol ${this.protocol}`, ...this.extensions].filter(Boolean).join(', ');
		events.push({ type: 'open', protocol: this.protocol, extensions: this.extensions, rfc: 'RFC 6455 §4.1',
			explain: `The handshake is complete: the connection is OPEN${what ? ` with ${what}` : ''}, and frames can flow both ways.` });
	}

	private reject(status: 400 | 426, reason: string, rfc: string, events: ConnectionEvent[]): void {
		this.out.push({ kind: 'handshake', bytes: buildRejection(status, reason),
			explain: status === 426 ? 'The server refuses with 426 Upgrade Required and says which version it speaks.' : `The server refuses with 400 Bad Request: ${reason}.` });
		this.handshakeFailed(status, reason, rfc, events);
	}

	private handshakeFailed(status: number | null, reason: string, rfc: string, events: ConnectionEvent[]): void {
		this.st = 'CLOSED';
		this.transportShouldClose = true;
		events.push({ type: 'handshake-failed', status, reason, rfc,
			explain: `The opening handshake failed${status ? ` (${status})` : ''}: ${reason}. No WebSocket connection exists.` });
	}

	private receiveFrames(data: Uint8Array, events: ConnectionEvent[]): void {
		const results = this.decoder.push(data);
		for (const r of results) {
			if (this.st === 'CLOSED' || this.closeReceived) return;
			if (r.type === 'error') {
				this.failWith(r.error, r.error.closeCode, shortReason(r.error.code), events);
				return;
			}
			const f = r.frame;
			if (this.opts.frameEvents)
				events.push({ type: 'frame', frame: f, rfc: 'RFC 6455 §5.2', explain: `A ${opcodeName(f.opcode)} frame arrives: FIN ${f.fin ? 1 : 0}, ${f.payloadLength} bytes of payload${f.masked ? ', masked' : ''}.` });
			for (const e of this.assembler.frame(f)) {
				if ((this.st as ConnectionState) === 'CLOSED') return;
				this.handleAssembled(e, events);
			}
		}
		if (this.st === 'CLOSED' || this.closeReceived) return;
		const p = this.decoder.partial();
		if (p) {
			const err = this.assembler.checkPartial(p.header, p.offset, p.received);
			if (err) this.failWith(err, err.closeCode, shortReason(err.code), events);
		}
	}

	private handleAssembled(e: ReturnType<MessageAssembler['frame']>[number], events: ConnectionEvent[]): void {
		switch (e.kind) {
			case 'error':
				this.failWith(e.error, e.error.closeCode, shortReason(e.error.code), events);
				return;
			case 'fragment':
				events.push({ type: 'fragment', frame: e.frame, index: e.index, bufferedBytes: e.bufferedBytes, rfc: 'RFC 6455 §5.4',
					explain: `Fragment ${e.index + 1} arrives (FIN 0): the receiver buffers it (${e.bufferedBytes} bytes so far) and waits for the rest.` });
				return;
			case 'message': {
				const kind = e.opcode === Opcode.Text ? 'text' : 'binary';
				const count = e.frames.length || 1;
				const text = kind === 'text' && this.opts.decodeText !== false ? decodeUtf8(e.data) : undefined;
				events.push({ type: 'message', kind, data: e.data, frameCount: count, compressed: e.compressed,
					...(text !== undefined ? { text } : {}), ...(e.compressedSize !== undefined ? { compressedSize: e.compressedSize } : {}),
					rfc: kind === 'text' ? 'RFC 6455 §5.6' : 'RFC 6455 §5.6',
					explain: `A complete ${kind} message of ${e.data.length} bytes${e.compressed ? ` (inflated from ${e.compressedSize})` : ''}${kind === 'text' ? ', valid UTF-8' : ''}.` });
				return;
			}
			case 'ping': {
				events.push({ type: 'ping', payload: e.frame.payload, rfc: 'RFC 6455 §5.5.2',
					explain: this.st === 'OPEN' && this.opts.autoPong !== false
						? 'A ping arrives; the receiver answers with a pong carrying the same payload, as soon as it can.'
						: 'A ping arrives while closing; no pong is sent after a close frame.' });
				if (this.st === 'OPEN' && this.opts.autoPong !== false)
					this.queueFrame({ opcode: Opcode.Pong, payload: e.frame.payload.slice() }, 'The automatic answer to the ping: a pong with the same payload (RFC 6455 §5.5.3).');
				return;
			}
			case 'pong':
				events.push({ type: 'pong', payload: e.frame.payload, rfc: 'RFC 6455 §5.5.3', explain: 'A pong arrives: the answer to a ping, or a one-way heartbeat.' });
				return;
			case 'close':
				this.receiveClose(e.code, e.reason, events);
				return;
		}
	}

	private receiveClose(code: number | null, reason: string, events: ConnectionEvent[]): void {
		this.closeReceived = { code, reason };
		const name = code === null ? 'no status code' : `${code} (${closeCodeInfo(code).name})`;
		events.push({ type: 'close-received', code, reason, rfc: 'RFC 6455 §5.5.1',
			explain: this.closeSent === undefined
				? `A close frame arrives with ${name}; the receiver answers with a close frame of its own.`
				: `The peer answers our close with ${name}: the closing handshake is complete.` });
		if (this.closeSent === undefined) {
			// Echo the code (RFC 6455 §5.5.1); an empty close is answered with an empty one.
			this.queueFrame({ opcode: Opcode.Close, payload: encodeClosePayload(code ?? undefined) },
				`The ${this.role} answers the close${code === null ? '' : ` with the same code, ${code}`}.`);
			this.closeSent = code;
		}
		this.st = 'CLOSED';
		// The server closes TCP first, so the client need not hold TIME_WAIT (RFC 6455 §7.1.1).
		this.transportShouldClose = this.role === 'server';
		this.awaitingEof = true;
		events.push(this.closedEvent(code ?? 1005, reason, true,
			this.role === 'server' ? 'Both close frames have been exchanged; the server now closes the TCP connection.'
				: 'Both close frames have been exchanged; the client waits for the server to close the TCP connection.', 'RFC 6455 §7.1.1'));
	}

	/** Fail the connection (RFC 6455 §7.1.7): for a peer's protocol error, or at the application's request. */
	private failWith(error: ProtocolError | null, code: number, reason: string, events: ConnectionEvent[]): void {
		if (error)
			events.push({ type: 'protocol-error', error, rfc: error.rfc, explain: `${error.message}${error.detail ? ` (${error.detail})` : ''}` });
		if (this.closeSent === undefined && (this.st === 'OPEN' || this.st === 'CLOSING')) {
			let payload: Uint8Array;
			try {
				payload = encodeClosePayload(code, reason);
			} catch {
				payload = encodeClosePayload(1011);
			}
			this.queueFrame({ opcode: Opcode.Close, payload }, `The ${this.role} fails the connection: it sends a close frame with ${code} (${closeCodeInfo(code).name}) and closes the transport.`);
			this.closeSent = code;
		}
		this.st = 'CLOSED';
		this.transportShouldClose = true;
		this.awaitingEof = true;
		events.push(this.closedEvent(1006, '', false, `The connection failed: the ${this.role} sent ${code} (${closeCodeInfo(code).name}) and drops it without waiting for an answer.`, 'RFC 6455 §7.1.7'));
	}

	private closedEvent(code: number, reason: string, wasClean: boolean, explain: string, rfc: string): ConnectionEvent {
		return { type: 'closed', code, reason, wasClean, sentCode: this.closeSent ?? null, explain, rfc };
	}
}

function shortReason(code: string): string {
	return code.toLowerCase().replace(/_/g, ' ');
}

