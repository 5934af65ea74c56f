/**
 * One reader's live session: a browser WebSocket to the address they chose, the message log, and,
 * for the project's server or the tap on this machine, the byte side channel that shows what the
 * browser hides. The WebSocket is made through `env.create` so the tests can hand in their own.
 *
 * Connecting to the local server (or tap) goes in this order, so no byte is missed:
 *   1. subscribe to ws://host:port/_bytes?session=<random> and wait for its hello (at most 1.5 s;
 *      a server without a side channel simply stays silent or refuses);
 *   2. open the WebSocket to the address with ?session=<random> added, which the side channel
 *      recognises as this page's connection (RFC 6455 §3: the query is part of the resource name).
 */
import { encodeUtf8, parseWebSocketUri, type WebSocketUri } from '$lib/protocol';
import { loadZlib, zlib } from '$lib/zlib-loader.svelte';
import { reconstructRequest, type BrowserFacts, type ReconstructedRequest } from './handshake';
import { MessageLog } from './log.svelte';
import { SESSION_PARAM, SIDE_CHANNEL_PATH } from '$lib/side-channel/protocol';
import { TrueBytes, type WebSocketFactory, type WebSocketLike } from './true-bytes.svelte';
import {
	checkAddress,
	checkClose,
	checkProtocols,
	type AddressProblem,
	type CloseProblem,
	type ProtocolsProblem
} from './validate';

export const DEFAULT_ADDRESS = 'ws://127.0.0.1:6455/';
export const TAP_ADDRESS = 'ws://127.0.0.1:6456/';
/** Stop a burst while this much is still waiting to be sent (WebSocket.bufferedAmount). */
export const MAX_BUFFERED = 16 * 1024 * 1024;
const SIDE_CHANNEL_WAIT_MS = 1500;
/** A burst sends for this long, then lets the page paint. */
const BURST_SLICE_MS = 8;
/** After the close, the side channel gets this long to deliver the last bytes. */
const SIDE_CHANNEL_LINGER_MS = 3000;

export type Status = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

export type ConnectProblem =
	| { readonly code: 'address'; readonly problem: AddressProblem }
	| { readonly code: 'protocols'; readonly problem: ProtocolsProblem }
	/** An https page may not open ws:// to another machine (mixed content). */
	| { readonly code: 'insecure'; readonly url: string }
	/** new WebSocket() threw: the browser refused the address or a subprotocol. */
	| { readonly code: 'browser-refused'; readonly message: string }
	/** The connection closed before it opened. */
	| {
			readonly code: 'unreachable';
			readonly url: string;
			readonly local: boolean;
			readonly code1006: boolean;
			readonly closeCode: number;
	  };

export interface LiveEnv {
	readonly create: WebSocketFactory;
	readonly random: (n: number) => Uint8Array;
	/** Wall-clock milliseconds, for the log. */
	readonly now: () => number;
	/** Runs a callback before the next paint (requestAnimationFrame). */
	readonly schedule: (cb: () => void) => void;
	/** A fine clock for time budgets (performance.now). */
	readonly clock?: () => number;
	readonly facts: BrowserFacts;
	/** The page itself was loaded over https. */
	readonly secure?: boolean;
}

interface MainSocket extends WebSocketLike {
	readonly protocol?: string;
	readonly extensions?: string;
	readonly bufferedAmount?: number;
}

/** One connection of this page, from Connect to the close. */
export class Attempt {
	protocol = $state<string | null>(null);
	extensions = $state<string | null>(null);
	opened = $state(false);
	sent = 0;
	received = 0;
	ws: MainSocket | null = null;

	constructor(
		readonly id: number,
		/** The address as connected, session parameter included. */
		readonly url: string,
		readonly uri: WebSocketUri,
		readonly local: boolean,
		readonly protocols: readonly string[],
		readonly request: ReconstructedRequest,
		readonly trueBytes: TrueBytes | null
	) {}
}

export type SendOutcome =
	| { readonly ok: true; readonly sent: number }
	| { readonly ok: false; readonly code: 'not-open' | 'buffer-full'; readonly sent: number };

export class LiveSession {
	address = $state(DEFAULT_ADDRESS);
	protocols = $state('');
	/** Follow the side channel when the address is on this machine. */
	trueBytes = $state(true);
	status = $state<Status>('idle');
	/** A burst is being sent. */
	bursting = $state(false);
	problem = $state.raw<ConnectProblem | null>(null);
	attempt = $state.raw<Attempt | null>(null);
	readonly log: MessageLog;
	private readonly env: LiveEnv;
	private attempts = 0;
	/** Recent attempts by id, so older log entries can still find their true bytes. */
	private readonly recent = new Map<number, Attempt>();

	constructor(env: LiveEnv) {
		this.env = env;
		this.log = new MessageLog({ schedule: env.schedule, ...(env.clock ? { clock: env.clock } : {}) });
	}

	get busy(): boolean {
		return this.status === 'connecting' || this.status === 'open' || this.status === 'closing';
	}

	async connect(): Promise<void> {
		if (this.busy) return;
		this.problem = null;
		const a = checkAddress(this.address);
		if (!a.ok) {
			this.problem = { code: 'address', problem: a };
			return;
		}
		const p = checkProtocols(this.protocols, a.uri);
		if (!p.ok) {
			this.problem = { code: 'protocols', problem: p };
			return;
		}
		if (this.env.secure && !a.uri.secure && !a.local) {
			this.problem = { code: 'insecure', url: a.uri.href };
			return;
		}
		const id = ++this.attempts;
		// Browsers offer permessage-deflate and servers often agree: the true bytes then need inflating.
		// Without the code (offline) the connection still works; only compressed frames stay unread.
		if (!zlib.ready) {
			await loadZlib().catch(() => {});
			if (id !== this.attempts) return;
		}
		let uri = a.uri;
		let trueBytes: TrueBytes | null = null;
		if (this.trueBytes && a.local) {
			const session = hexId(this.env.random(8));
			const sep = uri.resourceName.includes('?') ? '&' : '?';
			const withSession = parseWebSocketUri(
				`${uri.scheme}://${uri.hostHeader}${uri.resourceName}${sep}${SESSION_PARAM}=${session}`
			);
			if (withSession.ok) uri = withSession.uri;
			trueBytes = new TrueBytes(
				`${uri.scheme}://${uri.hostHeader}${SIDE_CHANNEL_PATH}?${SESSION_PARAM}=${session}`,
				session,
				{
					create: this.env.create,
					schedule: this.env.schedule,
					...(this.env.clock ? { now: this.env.clock } : {})
				}
			);
		}
		const request = reconstructRequest(uri, p.list, this.env.facts, this.env.random);
		const attempt = new Attempt(id, uri.href, uri, a.local, p.list, request, trueBytes);
		this.attempt = attempt;
		this.recent.set(id, attempt);
		for (const old of this.recent.keys()) if (old <= id - 5) this.recent.delete(old);
		this.status = 'connecting';
		this.log.add({ kind: 'connecting', t: this.env.now(), attempt: id, url: uri.href, protocols: p.list });
		if (trueBytes) {
			await trueBytes.ready(SIDE_CHANNEL_WAIT_MS);
			// The reader may have pressed Disconnect while we waited.
			if (this.attempt !== attempt || this.status !== 'connecting') {
				trueBytes.close();
				return;
			}
		}
		let ws: MainSocket;
		try {
			ws = this.env.create(uri.href, [...p.list]) as MainSocket;
		} catch (err) {
			this.problem = { code: 'browser-refused', message: err instanceof Error ? err.message : String(err) };
			this.status = 'closed';
			trueBytes?.close();
			return;
		}
		attempt.ws = ws;
		ws.binaryType = 'arraybuffer';
		ws.onopen = () => {
			if (this.attempt !== attempt) return;
			attempt.opened = true;
			attempt.protocol = ws.protocol ?? '';
			attempt.extensions = ws.extensions ?? '';
			this.status = 'open';
			this.log.add({
				kind: 'open',
				t: this.env.now(),
				attempt: id,
				protocol: attempt.protocol,
				extensions: attempt.extensions
			});
		};
		ws.onmessage = (ev) => {
			const data =
				typeof ev.data === 'string' ? ev.data : ev.data instanceof ArrayBuffer ? new Uint8Array(ev.data) : null;
			if (data === null) return;
			this.log.add({
				kind: 'message',
				t: this.env.now(),
				attempt: id,
				dir: 'received',
				opcode: typeof data === 'string' ? 1 : 2,
				data,
				size: messageSize(data),
				seq: attempt.received++
			});
		};
		ws.onerror = () => {
			this.log.add({ kind: 'error', t: this.env.now(), attempt: id, opened: attempt.opened });
		};
		ws.onclose = (ev) => {
			this.log.add({
				kind: 'close',
				t: this.env.now(),
				attempt: id,
				code: ev.code,
				reason: ev.reason,
				wasClean: ev.wasClean,
				opened: attempt.opened
			});
			if (this.attempt !== attempt) return;
			this.status = 'closed';
			if (!attempt.opened)
				// The address as the reader typed it (the session parameter is this page's business).
				this.problem = {
					code: 'unreachable',
					url: a.uri.href,
					local: a.local,
					code1006: ev.code === 1006,
					closeCode: ev.code
				};
			if (trueBytes) setTimeout(() => trueBytes.close(), SIDE_CHANNEL_LINGER_MS);
		};
	}

	/** The page is going away: close the connection and the side channel. */
	dispose(): void {
		const attempt = this.attempt;
		if (!attempt) return;
		if (attempt.ws && attempt.ws.readyState <= 1) attempt.ws.close(1000);
		attempt.trueBytes?.close();
	}

	/** The attempt a log entry belongs to, while it is remembered. */
	attemptById(id: number): Attempt | null {
		return this.recent.get(id) ?? null;
	}

	/** Close the connection normally (1000), or stop connecting. */
	disconnect(): void {
		this.closeWith('1000', '');
	}

	/** close(code, reason) after checking them; while connecting, this gives up. */
	closeWith(codeText: string, reason: string): { ok: true } | { ok: false; problem: CloseProblem } {
		const c = checkClose(codeText, reason);
		if (!c.ok) return { ok: false, problem: c };
		const attempt = this.attempt;
		if (!attempt) return { ok: true };
		if (this.status === 'connecting' && !attempt.ws) {
			// Still waiting for the side channel: nothing to close but that.
			attempt.trueBytes?.close();
			this.status = 'closed';
			this.log.add({
				kind: 'close',
				t: this.env.now(),
				attempt: attempt.id,
				code: 1005,
				reason: '',
				wasClean: false,
				opened: false
			});
			return { ok: true };
		}
		if (attempt.ws && (this.status === 'open' || this.status === 'connecting')) {
			if (c.code === undefined) attempt.ws.close();
			else attempt.ws.close(c.code, c.reason);
			if (this.status === 'open')
				this.log.add({
					kind: 'closing',
					t: this.env.now(),
					attempt: attempt.id,
					code: c.code ?? null,
					reason: c.reason
				});
			this.status = 'closing';
		}
		return { ok: true };
	}

	send(data: string | Uint8Array): SendOutcome {
		const target = this.target();
		if (!target) return { ok: false, code: 'not-open', sent: 0 };
		return this.sendOne(target.attempt, target.ws, data, messageSize(data))
			? { ok: true, sent: 1 }
			: this.bufferFull(target.attempt, 0);
	}

	/**
	 * Send the same message `count` times, a few milliseconds' worth at a time so the page keeps
	 * painting, stopping early if the connection closes or the browser's send buffer fills up.
	 */
	async burst(data: string | Uint8Array, count: number): Promise<SendOutcome> {
		const target = this.target();
		if (!target) return { ok: false, code: 'not-open', sent: 0 };
		const clock = this.env.clock ?? this.env.now;
		const size = messageSize(data);
		this.bursting = true;
		let sent = 0;
		try {
			while (sent < count) {
				const start = clock();
				do {
					if (this.attempt !== target.attempt || this.status !== 'open') return { ok: false, code: 'not-open', sent };
					if (!this.sendOne(target.attempt, target.ws, data, size)) return this.bufferFull(target.attempt, sent);
					sent++;
				} while (sent < count && clock() - start < BURST_SLICE_MS);
				if (sent < count) await new Promise((resolve) => setTimeout(resolve, 0));
			}
			return { ok: true, sent };
		} finally {
			this.bursting = false;
		}
	}

	private target(): { attempt: Attempt; ws: MainSocket } | null {
		const attempt = this.attempt;
		return attempt?.ws && this.status === 'open' ? { attempt, ws: attempt.ws } : null;
	}

	private sendOne(attempt: Attempt, ws: MainSocket, data: string | Uint8Array, size: number): boolean {
		if ((ws.bufferedAmount ?? 0) > MAX_BUFFERED) return false;
		ws.send(data);
		this.log.add({
			kind: 'message',
			t: this.env.now(),
			attempt: attempt.id,
			dir: 'sent',
			opcode: typeof data === 'string' ? 1 : 2,
			data,
			size,
			seq: attempt.sent++,
			mask: this.env.random(4)
		});
		return true;
	}

	private bufferFull(attempt: Attempt, sent: number): SendOutcome {
		this.log.add({ kind: 'notice', t: this.env.now(), attempt: attempt.id, code: 'send-buffer-full', count: sent });
		return { ok: false, code: 'buffer-full', sent };
	}
}

function messageSize(data: string | Uint8Array): number {
	return typeof data === 'string' ? encodeUtf8(data).length : data.length;
}

function hexId(bytes: Uint8Array): string {
	return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The real browser: WebSocket, crypto, requestAnimationFrame, navigator. Read lazily, so a session
 * can be made while the page is prerendered. A hidden tab gets no animation frames, so a timer
 * stands in after 100 ms (the log's limits then still apply).
 */
export function browserEnv(random: (n: number) => Uint8Array): LiveEnv {
	return {
		create: (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
		random,
		now: () => Date.now(),
		clock: () => performance.now(),
		schedule: (cb) => {
			let done = false;
			const run = () => {
				if (done) return;
				done = true;
				cb();
			};
			requestAnimationFrame(run);
			setTimeout(run, 100);
		},
		get facts() {
			return {
				origin: location.origin,
				userAgent: navigator.userAgent,
				languages: navigator.languages ?? [navigator.language]
			};
		},
		get secure() {
			return location.protocol === 'https:';
		}
	};
}
