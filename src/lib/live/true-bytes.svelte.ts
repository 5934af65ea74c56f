/**
 * The true bytes of the page's own connection, from the byte side channel of the project's server
 * or the tap ($lib/side-channel/protocol). The page subscribes with its session before it connects,
 * so the first connection announced is its own; every byte is read in the page by the engine's
 * ObservedConnection (two of its Readers), with each direction's rules: client frames masked, server
 * frames not (RFC 6455 §5.1).
 *
 * Bounded like the message log: messages wait in a queue and are read in slices of a few
 * milliseconds per animation frame; past `maxQueued` bytes waiting, the rest of a direction is
 * dropped with a notice (frames cannot be found again after a gap); at most `maxFrames` frames and
 * `maxWireBytes` of their bytes are kept.
 */
import {
	base64Decode,
	headerOf,
	ObservedConnection,
	type FrameHeader,
	type HttpHead,
	type ObservedItem,
	type OtherReason,
	type Role,
	ZlibNotLoaded
} from '$lib/protocol';
import { hexToBytes } from '$lib/hex';
import { parseSideMessage, sessionOf, type Direction, type SideMessage } from '$lib/side-channel/protocol';

/** The side channel names directions from the server's side: 'in' is what the client sent. */
const senderOf = (dir: Direction): Role => (dir === 'in' ? 'client' : 'server');
const dirOf = (sender: Role): Direction => (sender === 'client' ? 'in' : 'out');

/** Least time between two updates of the page. */
const PUBLISH_MS = 250;

export type TrueStatus = 'connecting' | 'listening' | 'following' | 'ended' | 'unavailable' | 'lost';

export interface TrueFrame {
	readonly id: number;
	readonly dir: Direction;
	/** Offset in its direction's stream (the handshake counts). */
	readonly offset: number;
	readonly header: FrameHeader;
	/** Its bytes as they crossed the wire; null once let go to bound memory. */
	readonly wire: Uint8Array | null;
	readonly size: number;
	readonly message: number | null;
	readonly errors: readonly string[];
	readonly t: number;
}

export interface TrueMessage {
	/** Sent with RSV1: permessage-deflate data (RFC 7692 §6). */
	readonly compressed: boolean;
	/** The message's size, inflated. */
	readonly size: number;
	/** Its payload bytes on the wire. */
	readonly compressedSize: number;
	/** The inflated data, for a compressed message (null otherwise). */
	readonly inflated: Uint8Array | null;
	/** Error codes the message rules found (INVALID_UTF8, a failed inflate...). */
	readonly problems: readonly string[];
}

export interface TrueHead {
	readonly dir: Direction;
	readonly head: HttpHead;
	readonly bytes: Uint8Array;
	readonly t: number;
}

export type TrueNotice =
	| { readonly kind: 'dropped'; readonly dir: Direction; readonly bytes: number; readonly by: 'server' | 'page' }
	/** A compressed message arrived and the page has no DEFLATE code (it could not be loaded: offline). */
	| { readonly kind: 'no-zlib' }
	| { readonly kind: 'other'; readonly dir: Direction; readonly bytes: number; readonly reason: OtherReason }
	| {
			readonly kind: 'stopped';
			readonly dir: Direction;
			readonly offset: number;
			readonly reason: OtherReason;
			readonly error?: string;
	  };

export interface WebSocketLike {
	onopen: ((ev: unknown) => void) | null;
	onmessage: ((ev: { data: unknown }) => void) | null;
	onerror: ((ev: unknown) => void) | null;
	onclose: ((ev: { code: number; reason: string; wasClean: boolean }) => void) | null;
	readonly readyState: number;
	binaryType: string;
	send(data: string | ArrayBufferLike | ArrayBufferView): void;
	close(code?: number, reason?: string): void;
}
export type WebSocketFactory = (url: string, protocols?: string[]) => WebSocketLike;

export interface TrueBytesOptions {
	readonly create: WebSocketFactory;
	readonly schedule?: (cb: () => void) => void;
	readonly now?: () => number;
	readonly maxQueued?: number;
	readonly maxFrames?: number;
	readonly maxWireBytes?: number;
	/** Milliseconds of reading per animation frame. */
	readonly budgetMs?: number;
}

export class TrueBytes {
	status = $state<TrueStatus>('connecting');
	server = $state<'echo' | 'tap' | null>(null);
	target = $state<string | null>(null);
	conn = $state<number | null>(null);
	remotePort = $state<number | null>(null);
	heads = $state.raw<TrueHead[]>([]);
	/** The newest frames, oldest first. */
	frames = $state.raw<TrueFrame[]>([]);
	/** Frames read in all (kept or not). */
	frameCount = $state(0);
	bytes = $state<Record<Direction, number>>({ in: 0, out: 0 });
	notices = $state.raw<TrueNotice[]>([]);

	readonly url: string;
	readonly session: string;
	private readonly ws: WebSocketLike | null = null;
	private readonly reader = new ObservedConnection();
	/** Reading stopped at a compressed message: the DEFLATE code is not loaded. */
	private noZlib = false;
	private queue: SideMessage[] = [];
	private queued = 0;
	private scheduled = false;
	private nextId = 1;
	private kept = 0;
	private readonly pageDropped: Record<Direction, number> = { in: 0, out: 0 };
	private readonly byMessage = new Map<string, TrueFrame[]>();
	private readonly byMessageInfo = new Map<string, TrueMessage>();
	private readonly opts: Required<Omit<TrueBytesOptions, 'create'>>;
	private readyResolve: ((ok: boolean) => void) | null = null;
	private closedByPage = false;
	private pendingItems: { item: ObservedItem; t: number }[] = [];
	private pendingNotices: TrueNotice[] = [];
	private endedPending = false;
	private lastPublish = -Infinity;
	private publishTimer: ReturnType<typeof setTimeout> | null = null;
	private readonly readyPromise: Promise<boolean>;

	constructor(url: string, session: string, opts: TrueBytesOptions) {
		this.url = url;
		this.session = session;
		this.opts = {
			schedule: opts.schedule ?? ((cb) => setTimeout(cb, 0)),
			now: opts.now ?? (() => Date.now()),
			maxQueued: opts.maxQueued ?? 64 * 1024 * 1024,
			maxFrames: opts.maxFrames ?? 2000,
			maxWireBytes: opts.maxWireBytes ?? 48 * 1024 * 1024,
			budgetMs: opts.budgetMs ?? 8
		};
		this.readyPromise = new Promise((resolve) => (this.readyResolve = resolve));
		let ws: WebSocketLike;
		try {
			ws = opts.create(url);
		} catch {
			this.fail('unavailable');
			return;
		}
		this.ws = ws;
		ws.onmessage = (ev) => this.receive(ev.data);
		ws.onerror = () => {};
		ws.onclose = () => {
			if (this.status === 'connecting') this.fail('unavailable');
			else if (this.status === 'listening' || this.status === 'following')
				this.status = this.closedByPage ? 'ended' : 'lost';
		};
	}

	/** True once the side channel said hello; false if it failed or stayed silent for `timeoutMs`. */
	ready(timeoutMs = 1500): Promise<boolean> {
		const timer = setTimeout(() => {
			if (this.status === 'connecting') {
				// Something answered on /_bytes but it is not our side channel (a plain echo server).
				this.fail('unavailable');
				this.ws?.close();
			}
		}, timeoutMs);
		return this.readyPromise.finally(() => clearTimeout(timer));
	}

	close(): void {
		this.closedByPage = true;
		const ws = this.ws;
		if (ws && ws.readyState <= 1) ws.close(1000);
		if (this.status === 'connecting') this.fail('unavailable');
	}

	/** What a whole data message turned out to be (inflated, for a compressed one), once its last frame came. */
	messageInfo(dir: Direction, message: number): TrueMessage | null {
		return this.byMessageInfo.get(`${dir}:${message}`) ?? null;
	}

	/** The frames a data message travelled as, in order, if they are still kept. */
	messageFrames(dir: Direction, message: number): TrueFrame[] {
		return this.byMessage.get(`${dir}:${message}`) ?? [];
	}

	private fail(status: TrueStatus): void {
		this.status = status;
		this.readyResolve?.(false);
		this.readyResolve = null;
	}

	private receive(data: unknown): void {
		const m = parseSideMessage(data);
		if (!m) return;
		if (m.type === 'hello') {
			if (this.status !== 'connecting') return;
			this.status = 'listening';
			this.server = m.server;
			this.target = m.target ?? null;
			this.readyResolve?.(true);
			this.readyResolve = null;
			return;
		}
		if (m.type === 'open') {
			if (this.conn === null && sessionOf(m.resource) === this.session) {
				this.conn = m.conn;
				this.remotePort = m.remotePort;
				this.status = 'following';
			}
			return;
		}
		if (m.conn !== this.conn) return;
		if (m.type === 'bytes') {
			const size = sizeOf(m);
			if (this.pageDropped[m.dir] > 0 || this.queued + size > this.opts.maxQueued) {
				// The page is behind: drop, and drop the rest of this direction too (no frame boundary to resume at).
				this.pageDropped[m.dir] += size;
				return;
			}
			this.queued += size;
		}
		this.queue.push(m);
		if (!this.scheduled) {
			this.scheduled = true;
			this.opts.schedule(() => this.drain());
		}
	}

	/** Read queued messages for a few milliseconds, then publish what was found in one update. */
	private drain(): void {
		this.scheduled = false;
		const start = this.opts.now();
		const items: { item: ObservedItem; t: number }[] = [];
		const notices: TrueNotice[] = [];
		let ended = false;
		// At least one message per turn, however slow the clock says it is: the queue always shrinks.
		for (
			let first = true;
			this.queue.length && (first || this.opts.now() - start < this.opts.budgetMs);
			first = false
		) {
			const m = this.queue.shift()!;
			if (m.type === 'bytes') {
				const bytes = m.base64 !== undefined ? decode64(m.base64) : safeHex(m.hex ?? '');
				this.queued -= sizeOf(m);
				if (this.noZlib) continue;
				try {
					for (const item of this.reader.push(senderOf(m.dir), bytes)) items.push({ item, t: m.t });
				} catch (e) {
					if (!(e instanceof ZlibNotLoaded)) throw e;
					// Offline, the code could not be loaded (LiveSession.connect tried): the connection goes on,
					// its frames can no longer be read from here on, and the page says why.
					this.noZlib = true;
					notices.push({ kind: 'no-zlib' });
				}
			} else if (m.type === 'dropped') {
				notices.push({ kind: 'dropped', dir: m.dir, bytes: m.bytes, by: 'server' });
				for (const item of this.reader.gap(senderOf(m.dir), 0)) items.push({ item, t: m.t });
			} else if (m.type === 'close') ended = true;
		}
		if (!this.queue.length) {
			for (const dir of ['in', 'out'] as const) {
				const told = [...this.notices, ...this.pendingNotices, ...notices].some(
					(n) => n.kind === 'dropped' && n.by === 'page' && n.dir === dir
				);
				if (this.pageDropped[dir] > 0 && !told) {
					notices.push({ kind: 'dropped', dir, bytes: Math.round(this.pageDropped[dir]), by: 'page' });
					for (const item of this.reader.gap(senderOf(dir), 0)) items.push({ item, t: this.opts.now() });
				}
			}
		}
		this.pendingItems.push(...items);
		this.pendingNotices.push(...notices);
		if (ended) this.endedPending = true;
		this.requestPublish();
		if (this.queue.length) {
			this.scheduled = true;
			this.opts.schedule(() => this.drain());
		}
	}

	/** Publish what was read, at most every PUBLISH_MS: each update re-renders the frame list. */
	private requestPublish(): void {
		if (this.publishTimer !== null) return;
		const wait = PUBLISH_MS - (this.opts.now() - this.lastPublish);
		if (wait <= 0) this.publishPending();
		else this.publishTimer = setTimeout(() => this.publishPending(), wait);
	}

	private publishPending(): void {
		this.publishTimer = null;
		this.lastPublish = this.opts.now();
		const items = this.pendingItems;
		const notices = this.pendingNotices;
		this.pendingItems = [];
		this.pendingNotices = [];
		this.publish(items, notices);
		if (this.endedPending) this.status = 'ended';
	}

	private publish(items: { item: ObservedItem; t: number }[], notices: TrueNotice[]): void {
		const frames: TrueFrame[] = [];
		const heads: TrueHead[] = [];
		for (const { item, t } of items) {
			const dir = dirOf(item.sender);
			if (item.kind === 'head') heads.push({ dir, head: item.head, bytes: item.bytes, t });
			else if (item.kind === 'frame') {
				const f = item.frame;
				const frame: TrueFrame = {
					id: this.nextId++,
					dir,
					offset: item.offset,
					wire: item.wire,
					size: item.wire.length,
					message: item.message,
					t,
					errors: f.errors.map((e) => e.code),
					header: headerOf(f)
				};
				frames.push(frame);
				if (frame.message !== null) {
					const key = `${frame.dir}:${frame.message}`;
					const list = this.byMessage.get(key);
					if (list) list.push(frame);
					else this.byMessage.set(key, [frame]);
				}
			} else if (item.kind === 'other') {
				// One notice per direction and reason, its count growing (a long body is many chunks).
				const all = this.notices.concat(notices);
				const i = all.findIndex((n) => n.kind === 'other' && n.dir === dir && n.reason === item.reason);
				const before = i < 0 ? 0 : (all[i] as { bytes: number }).bytes;
				const updated: TrueNotice = { kind: 'other', dir, bytes: before + item.bytes.length, reason: item.reason };
				if (i < 0) notices.push(updated);
				else if (i < this.notices.length) this.notices = this.notices.with(i, updated);
				else notices[i - this.notices.length] = updated;
			} else if (item.kind === 'message') {
				// Kept for compressed messages only: their inflated data is what the page cannot see otherwise.
				const info: TrueMessage = {
					compressed: item.compressed,
					size: item.data.length,
					compressedSize: item.compressedSize ?? item.data.length,
					inflated: item.compressed ? item.data : null,
					problems: item.problems.map((e) => e.code)
				};
				this.byMessageInfo.set(`${dir}:${item.index}`, info);
				if (info.inflated) this.kept += info.inflated.length;
			} else if (item.reason !== 'gap') {
				// (A gap already has its 'dropped' notice.)
				notices.push({
					kind: 'stopped',
					dir,
					offset: item.offset,
					reason: item.reason,
					...(item.error ? { error: item.error.code } : {})
				});
			}
		}
		if (heads.length) this.heads = this.heads.concat(heads);
		if (notices.length) this.notices = this.notices.concat(notices);
		this.bytes = { in: this.reader.bytes('client'), out: this.reader.bytes('server') };
		if (!frames.length) return;
		this.frameCount += frames.length;
		let next = this.frames.concat(frames);
		for (const f of frames) this.kept += f.size;
		if (next.length > this.opts.maxFrames) {
			const gone = next.slice(0, next.length - this.opts.maxFrames);
			for (const f of gone) this.forget(f);
			next = next.slice(gone.length);
		}
		if (this.kept > this.opts.maxWireBytes) {
			next = next.slice();
			for (let i = 0; i < next.length && this.kept > this.opts.maxWireBytes; i++) {
				if (next[i].wire === null) continue;
				this.forget(next[i]);
				next[i] = { ...next[i], wire: null };
			}
		}
		this.frames = next;
	}

	private forget(f: TrueFrame): void {
		if (f.wire) this.kept -= f.size;
		if (f.message === null) return;
		const key = `${f.dir}:${f.message}`;
		this.byMessage.delete(key);
		const info = this.byMessageInfo.get(key);
		if (info?.inflated) this.kept -= info.inflated.length;
		this.byMessageInfo.delete(key);
	}
}

/** Bytes a 'bytes' message carries, without decoding it. */
function sizeOf(m: { base64?: string; hex?: string }): number {
	if (m.base64 !== undefined) {
		const b = m.base64;
		const pad = b.endsWith('==') ? 2 : b.endsWith('=') ? 1 : 0;
		return Math.max(0, Math.floor((b.length * 3) / 4) - pad);
	}
	return Math.floor((m.hex?.length ?? 0) / 2);
}

function decode64(text: string): Uint8Array {
	const r = base64Decode(text);
	return r.ok ? r.bytes : new Uint8Array(0);
}

function safeHex(text: string): Uint8Array {
	try {
		return hexToBytes(text);
	} catch {
		return new Uint8Array(0);
	}
}
