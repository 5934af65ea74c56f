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
import { WebSocketUsageError, describeValue, type ProtocolError } from './errors';
import { formatExtension, type ExtensionNegotiator, type ExtensionOffer } from './extensions';
import { encodeFrameParts, headerLength, type FrameHeader, type FrameSpec, minimalLengthForm } from './frame';
import {
	buildClientRequest, buildRejection, buildServerResponse, checkClientRequest, checkServerResponse,
	checkSubprotocols, checkUri, generateKey, type ClientRequest
} from './handshake';
import { checkHeaderFields, readHead } from './http';
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

/** The event for a complete message. */
export type MessageConnectionEvent = Extract<ConnectionEvent, { type: 'message' }>;

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

/** Where events go as they happen: the array receive() returns, or the handler given to receiveEach(). */
interface EventSink {
	push(event: ConnectionEvent): void;
}

export interface SendOptions {
	/** Split the message into frames of at most this many payload bytes (RFC 6455 §5.4). */
	readonly fragmentSize?: number;
	/** Compress with the negotiated extension (default: whenever one is negotiated). */
	readonly compress?: boolean;
}

const DEFAULT_MAX_MESSAGE = 64 * 1024 * 1024;
const EMPTY = new Uint8Array(0);

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
		checkOptions(opts);
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
			for (const o of this.offeredExtensions) formatExtension(o); // a malformed offer throws here, not inside the request
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

	/** Feed bytes from the transport; returns what they meant, once all of them are processed. */
	receive(data: Uint8Array): ConnectionEvent[] {
		const events: ConnectionEvent[] = [];
		this.process(data, events, 'receive');
		return events;
	}

	/**
	 * Feed bytes and hand each event to `handle` the moment it happens, before the next frame is looked
	 * at. What the handler sends is queued ahead of anything later frames cause: a message followed by a
	 * bad frame in the same read is echoed before the close that the bad frame triggers, as a peer that
	 * handled the frames one by one would (RFC 6455 §5.4: frames are processed in order). A server
	 * wants this; receive() suits a trace that looks at all the events of a read together.
	 */
	receiveEach(data: Uint8Array, handle: (event: ConnectionEvent) => void): void {
		if (typeof handle !== 'function')
			throw new WebSocketUsageError('BAD_HANDLER', 'receiveEach() takes the bytes and a function to call with each event.');
		this.process(data, { push: handle }, 'receiveEach');
	}

	/** The transport closed (TCP FIN or error). After a completed closing handshake or a failure, nothing is left to report. */
	receiveEof(): ConnectionEvent[] {
		this.transportShouldClose = true;
		if (this.st === 'CLOSED') return [];
		this.st = 'CLOSED';
		return [this.closedEvent(1006, '', false, 'The transport closed without a closing handshake: the close is abnormal (1006).', 'RFC 6455 §7.1.5')];
	}

	private process(data: Uint8Array, events: EventSink, method: string): void {
		if (!(data instanceof Uint8Array))
			throw new WebSocketUsageError('BAD_INPUT', `${method}() takes the bytes that arrived, as a Uint8Array.`);
		if (this.busy)
			throw new WebSocketUsageError('REENTRANT', `${method}() was called from an event handler of the same connection; feed the next bytes after the handler returns.`);
		if (this.st === 'CLOSED' || this.closeReceived || data.length === 0) return;
		// A copy, so unmasking in place leaves the caller's bytes alone. Not data.slice(): on a Node Buffer that is a view.
		if (!this.opts.mutableInput) data = new Uint8Array(data);
		this.busy = true;
		try {
			if (this.st === 'CONNECTING') {
				data = this.receiveHandshake(data, events);
				if ((this.st as ConnectionState) !== 'OPEN' || data.length === 0) return;
			}
			this.receiveFrames(data, events);
		} finally {
			this.busy = false;
		}
	}
	private busy = false;

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
		if (opcode !== Opcode.Text && opcode !== Opcode.Binary)
			throw new WebSocketUsageError('BAD_OPCODE', `A message is text (1) or binary (2), not ${describeValue(opcode)}; use sendFrame() for other frames.`, 'RFC 6455 §5.6');
		if (!(data instanceof Uint8Array)) throw new WebSocketUsageError('BAD_DATA', 'sendMessage() takes the message bytes as a Uint8Array.');
		if (opts === null || typeof opts !== 'object') throw new WebSocketUsageError('BAD_OPTIONS', 'Send options are an object such as { fragmentSize: 1024 }.');
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
		if (this.closeSent !== undefined) throw new WebSocketUsageError('ALREADY_CLOSING', 'A close frame was already sent on this connection.', 'RFC 6455 §5.5.1');
		if (this.st === 'CLOSED') throw new WebSocketUsageError('NOT_OPEN', 'The connection is already closed.', 'RFC 6455 §7.1.4');
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
		if (spec === null || typeof spec !== 'object')
			throw new WebSocketUsageError('BAD_FRAME_SPEC', 'A frame is described by an object with at least an opcode.');
		if (this.st === 'CONNECTING' || this.st === 'CLOSED') throw new WebSocketUsageError('NOT_OPEN', `Cannot send a frame while the connection is ${this.st}.`);
		if (typeof explain !== 'string') throw new WebSocketUsageError('BAD_EXPLAIN', 'The explanation of a hand-written frame is a string.');
		this.queueFrame(spec, explain);
	}

	/** Fail the connection ourselves (RFC 6455 §7.1.7), e.g. for a policy violation (1008). */
	fail(code: number, reason = ''): ConnectionEvent[] {
		if (!Number.isInteger(code) || !isValidOnWire(code))
			throw new WebSocketUsageError('INVALID_CLOSE_CODE', `Close code ${describeValue(code)} may not be sent.`, 'RFC 6455 §7.4');
		encodeClosePayload(code, reason); // throws a WebSocketUsageError for a reason that does not fit
		const events: ConnectionEvent[] = [];
		if (this.st === 'CLOSED') return events;
		this.failWith(null, code, reason, events);
		return events;
	}

	// ---- internals -----------------------------------------------------------------------------

	private requireOpen(what: string): void {
		if (this.st !== 'OPEN')
			throw new WebSocketUsageError('NOT_OPEN', `Cannot ${what} while the connection is ${this.st}${this.st === 'CLOSING' ? ' (no data after a close frame)' : ''}.`, 'RFC 6455 §5.5.1');
	}

	private sendControl(opcode: number, payload: Uint8Array | string, explain: string): void {
		// A pong may still answer a ping after our close frame (RFC 6455 §5.5.2); nothing else may.
		if (!(opcode === Opcode.Pong && this.st === 'CLOSING')) this.requireOpen(`send a ${opcodeName(opcode)}`);
		const bytes = typeof payload === 'string' ? encodeUtf8(payload) : payload;
		if (!(bytes instanceof Uint8Array)) throw new WebSocketUsageError('BAD_DATA', 'A control payload is a string or a Uint8Array.');
		if (bytes.length > 125) throw new WebSocketUsageError('CONTROL_TOO_LONG', `A ${opcodeName(opcode)} payload may be at most 125 bytes, not ${bytes.length}.`, 'RFC 6455 §5.5');
		this.queueFrame({ opcode, payload: bytes }, explain);
	}

	private queueFrame(spec: FrameSpec, explain: string): void {
		const payload = spec.payload ?? EMPTY;
		if (!(payload instanceof Uint8Array)) throw new WebSocketUsageError('BAD_PAYLOAD', 'The payload must be a Uint8Array.');
		let mask = spec.mask;
		// A client masks every frame with a fresh key (RFC 6455 §5.3); masking copies, so the caller's buffer stays as it was.
		if (mask === undefined) mask = this.role === 'client' ? this.random(4) : null;
		const full: FrameSpec = {
			opcode: spec.opcode, payload, fin: !!(spec.fin ?? true), rsv1: !!spec.rsv1, rsv2: !!spec.rsv2, rsv3: !!spec.rsv3,
			mask, lengthForm: spec.lengthForm ?? minimalLengthForm(payload.length)
		};
		const parts = encodeFrameParts(full);
		const header: FrameHeader = {
			fin: full.fin!, rsv1: full.rsv1!, rsv2: full.rsv2!, rsv3: full.rsv3!, opcode: full.opcode,
			masked: mask != null, payloadLength: payload.length, lengthForm: full.lengthForm!,
			maskKey: mask ?? null, headerLength: headerLength(full.lengthForm!, mask != null)
		};
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

	private receiveHandshake(data: Uint8Array, events: EventSink): Uint8Array {
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
		const headBytes = new Uint8Array(buf.subarray(0, r.head.length));
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
				if (codec) {
					// Two compression extensions would both claim RSV1 (RFC 7692 §5).
					this.handshakeFailed(101, 'the server accepted more than one extension using RSV1', 'RFC 7692 §5', events);
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

	private open(codec: MessageCodec | null, events: EventSink): void {
		this.st = 'OPEN';
		this.startFraming(codec);
		const what = [this.protocol && `subprotocol ${this.protocol}`, ...this.extensions].filter(Boolean).join(', ');
		events.push({ type: 'open', protocol: this.protocol, extensions: this.extensions, rfc: 'RFC 6455 §4.1',
			explain: `The handshake is complete: the connection is OPEN${what ? ` with ${what}` : ''}, and frames can flow both ways.` });
	}

	private reject(status: 400 | 426, reason: string, rfc: string, events: EventSink): void {
		this.out.push({ kind: 'handshake', bytes: buildRejection(status, reason),
			explain: status === 426 ? 'The server refuses with 426 Upgrade Required and says which version it speaks.' : `The server refuses with 400 Bad Request: ${reason}.` });
		this.handshakeFailed(status, reason, rfc, events);
	}

	private handshakeFailed(status: number | null, reason: string, rfc: string, events: EventSink): void {
		this.st = 'CLOSED';
		this.transportShouldClose = true;
		events.push({ type: 'handshake-failed', status, reason, rfc,
			explain: `The opening handshake failed${status ? ` (${status})` : ''}: ${reason}. No WebSocket connection exists.` });
	}

	private receiveFrames(data: Uint8Array, events: EventSink): void {
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

	private handleAssembled(e: ReturnType<MessageAssembler['frame']>[number], events: EventSink): void {
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
				const ev: { -readonly [K in keyof MessageConnectionEvent]: MessageConnectionEvent[K] } = {
					type: 'message', kind, data: e.data, frameCount: e.frameCount, compressed: e.compressed, rfc: 'RFC 6455 §5.6',
					explain: `A complete ${kind} message of ${e.data.length} bytes${e.compressed ? ` (inflated from ${e.compressedSize})` : ''}${kind === 'text' ? ', valid UTF-8' : ''}.`
				};
				if (kind === 'text' && this.opts.decodeText !== false) ev.text = decodeUtf8(e.data);
				if (e.compressedSize !== undefined) ev.compressedSize = e.compressedSize;
				events.push(ev);
				return;
			}
			case 'ping': {
				// The engine's own answer is queued before the event is handed on, so a handler sees the
				// state after it (the same rule holds for closes and failures below).
				// "Unless it already received a Close frame" (RFC 6455 §5.5.2): having sent one is no excuse.
				const answer = (this.st === 'OPEN' || this.st === 'CLOSING') && this.opts.autoPong !== false;
				if (answer)
					this.queueFrame({ opcode: Opcode.Pong, payload: new Uint8Array(e.frame.payload) }, 'The automatic answer to the ping: a pong with the same payload (RFC 6455 §5.5.3).');
				events.push({ type: 'ping', payload: e.frame.payload, rfc: 'RFC 6455 §5.5.2',
					explain: answer
						? 'A ping arrives; the receiver answers with a pong carrying the same payload, as soon as it can.'
						: 'A ping arrives; automatic pongs are off, so the application answers it.' });
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

	private receiveClose(code: number | null, reason: string, events: EventSink): void {
		this.closeReceived = { code, reason };
		const name = code === null ? 'no status code' : `${code} (${closeCodeInfo(code).name})`;
		const answering = this.closeSent === undefined;
		if (answering) {
			// Echo the code (RFC 6455 §5.5.1); an empty close is answered with an empty one.
			this.queueFrame({ opcode: Opcode.Close, payload: encodeClosePayload(code ?? undefined) },
				`The ${this.role} answers the close${code === null ? '' : ` with the same code, ${code}`}.`);
			this.closeSent = code;
		}
		this.st = 'CLOSED';
		// The server closes TCP first, so the client need not hold TIME_WAIT (RFC 6455 §7.1.1).
		this.transportShouldClose = this.role === 'server';
		events.push({ type: 'close-received', code, reason, rfc: 'RFC 6455 §5.5.1',
			explain: answering
				? `A close frame arrives with ${name}; the receiver answers with a close frame of its own.`
				: `The peer answers our close with ${name}: the closing handshake is complete.` });
		events.push(this.closedEvent(code ?? 1005, reason, true,
			this.role === 'server' ? 'Both close frames have been exchanged; the server now closes the TCP connection.'
				: 'Both close frames have been exchanged; the client waits for the server to close the TCP connection.', 'RFC 6455 §7.1.1'));
	}

	/** Fail the connection (RFC 6455 §7.1.7): for a peer's protocol error, or at the application's request. */
	private failWith(error: ProtocolError | null, code: number, reason: string, events: EventSink): void {
		if (this.closeSent === undefined && (this.st === 'OPEN' || this.st === 'CLOSING')) {
			// fail() checked the application's code and reason; the engine's own are short and valid.
			const payload = encodeClosePayload(code, reason);
			this.queueFrame({ opcode: Opcode.Close, payload }, `The ${this.role} fails the connection: it sends a close frame with ${code} (${closeCodeInfo(code).name}) and closes the transport.`);
			this.closeSent = code;
		}
		this.st = 'CLOSED';
		this.transportShouldClose = true;
		if (error)
			events.push({ type: 'protocol-error', error, rfc: error.rfc, explain: `${error.message}${error.detail ? ` (${error.detail})` : ''}` });
		events.push(this.closedEvent(1006, '', false, `The connection failed: the ${this.role} sent ${code} (${closeCodeInfo(code).name}) and drops it without waiting for an answer.`, 'RFC 6455 §7.1.7'));
	}

	private closedEvent(code: number, reason: string, wasClean: boolean, explain: string, rfc: string): ConnectionEvent {
		return { type: 'closed', code, reason, wasClean, sentCode: this.closeSent ?? null, explain, rfc };
	}
}

/** Every option checked up front: a bad one is the caller's mistake, reported here rather than mid-handshake. */
function checkOptions(opts: ConnectionOptions): void {
	if (opts === null || typeof opts !== 'object' || (opts.role !== 'client' && opts.role !== 'server'))
		throw new WebSocketUsageError('BAD_ROLE', 'A connection is either a "client" or a "server": new Connection({ role: "server" }).');
	if (opts.maxMessageSize !== undefined && !(typeof opts.maxMessageSize === 'number' && opts.maxMessageSize > 0))
		throw new WebSocketUsageError('BAD_LIMIT', 'maxMessageSize must be a positive number of bytes.');
	if (opts.random !== undefined && typeof opts.random !== 'function')
		throw new WebSocketUsageError('BAD_RANDOM', `random is a function (n) => n random bytes, not ${describeValue(opts.random)}.`);
	if (opts.extensions !== undefined && (!Array.isArray(opts.extensions) || !opts.extensions.every((e) => e !== null && typeof e === 'object'
		&& typeof e.name === 'string' && typeof e.offer === 'function' && typeof e.accept === 'function' && typeof e.negotiate === 'function')))
		throw new WebSocketUsageError('BAD_EXTENSIONS', 'extensions is a list of extension negotiators (see ExtensionNegotiator).', 'RFC 6455 §9');
	checkHeaderFields(opts.headers);
	if (opts.checkRequest !== undefined && typeof opts.checkRequest !== 'function')
		throw new WebSocketUsageError('BAD_OPTIONS', `checkRequest is a function of the request, not ${describeValue(opts.checkRequest)}.`);
	checkSubprotocols(opts.subprotocols, 'subprotocols');
	if (opts.role === 'client' && !opts.skipHandshake) {
		checkSubprotocols(opts.protocols);
		if (opts.uri !== undefined) checkUri(opts.uri);
		if (opts.origin !== undefined && (typeof opts.origin !== 'string' || /[\r\n\0]/.test(opts.origin)))
			throw new WebSocketUsageError('BAD_ORIGIN', 'The origin is one line of text, such as https://example.com.', 'RFC 6454 §7');
	}
}

function shortReason(code: string): string {
	return code.toLowerCase().replace(/_/g, ' ');
}

