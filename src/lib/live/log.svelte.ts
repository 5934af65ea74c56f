/**
 * The message log: every message sent and received, and what happened to the connection, in order.
 * Built to survive a server that sends 10,000 messages a second or one of 10 MiB:
 *   - entries arrive into a plain array and reach the page in one new array per update, before a
 *     paint and at most every 100 ms ($state.raw: thousands of entries must not be deep proxies);
 *   - at most `maxEntries` are kept (older ones are counted, not kept), and message data beyond
 *     `maxBytes` in all is let go from the oldest on (the entry stays, marked);
 *   - the view renders only the newest few hundred (see LiveLog.svelte).
 */
export type LogEntry =
	| {
			readonly kind: 'message';
			readonly id: number;
			readonly t: number;
			/** Which connection of this page (1, 2, ...). */
			readonly attempt: number;
			readonly dir: 'sent' | 'received';
			readonly opcode: 1 | 2;
			/** Text as a string, binary as bytes; null once let go to bound memory. */
			readonly data: string | Uint8Array | null;
			/** Size of the message in bytes (UTF-8 for text). */
			readonly size: number;
			/** Its number among the messages sent (or received) on this connection: 0, 1, ... */
			readonly seq: number;
			/** The mask key this page drew to illustrate a sent frame. */
			readonly mask?: Uint8Array;
	  }
	| {
			readonly kind: 'connecting';
			readonly id: number;
			readonly t: number;
			readonly attempt: number;
			readonly url: string;
			readonly protocols: readonly string[];
	  }
	| {
			readonly kind: 'open';
			readonly id: number;
			readonly t: number;
			readonly attempt: number;
			readonly protocol: string;
			readonly extensions: string;
	  }
	| {
			readonly kind: 'error';
			readonly id: number;
			readonly t: number;
			readonly attempt: number;
			readonly opened: boolean;
	  }
	/** The page called close(): what its close frame carries (RFC 6455 §5.5.1). */
	| {
			readonly kind: 'closing';
			readonly id: number;
			readonly t: number;
			readonly attempt: number;
			readonly code: number | null;
			readonly reason: string;
	  }
	| {
			readonly kind: 'close';
			readonly id: number;
			readonly t: number;
			readonly attempt: number;
			readonly code: number;
			readonly reason: string;
			readonly wasClean: boolean;
			readonly opened: boolean;
	  }
	| {
			readonly kind: 'notice';
			readonly id: number;
			readonly t: number;
			readonly attempt: number;
			readonly code: LogNotice;
			readonly count?: number;
	  };

export type LogNotice = 'burst-stopped' | 'send-buffer-full';

type NewEntry = LogEntry extends infer E ? (E extends LogEntry ? Omit<E, 'id'> : never) : never;

export interface LogOptions {
	readonly maxEntries?: number;
	readonly maxBytes?: number;
	/** Runs a callback before the next paint (requestAnimationFrame in a page). */
	readonly schedule?: (cb: () => void) => void;
	/** Milliseconds, for spacing updates. */
	readonly clock?: () => number;
	/** Least time between two updates of the list (default 100 ms). */
	readonly interval?: number;
}

export const DEFAULT_MAX_ENTRIES = 5000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_INTERVAL_MS = 250;

export class MessageLog {
	/** The entries kept, oldest first. */
	entries = $state.raw<LogEntry[]>([]);
	/** Entries ever logged (kept or not). */
	total = $state(0);
	/** Messages whose data was let go. */
	released = $state(0);

	private pending: LogEntry[] = [];
	private scheduled = false;
	private nextId = 1;
	private retained = 0;
	private readonly maxEntries: number;
	private readonly maxBytes: number;
	private readonly schedule: (cb: () => void) => void;
	private readonly clock: () => number;
	private readonly interval: number;
	private lastFlush = -Infinity;

	constructor(opts: LogOptions = {}) {
		this.maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
		this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
		this.schedule = opts.schedule ?? ((cb) => queueMicrotask(cb));
		this.clock = opts.clock ?? (() => Date.now());
		this.interval = opts.interval ?? DEFAULT_INTERVAL_MS;
	}

	/** Entries dropped from memory (older than the kept ones). */
	get dropped(): number {
		return this.total - this.entries.length - this.pending.length;
	}

	add(entry: NewEntry): LogEntry {
		const e = { ...entry, id: this.nextId++ } as LogEntry;
		this.pending.push(e);
		if (e.kind === 'message' && e.data !== null) this.retained += e.size;
		if (this.pending.length > this.maxEntries)
			this.flush(); // no paint for a while (a hidden tab): stay bounded
		else if (!this.scheduled) {
			this.scheduled = true;
			// At most `interval` ms apart: nobody reads 10,000 lines a second, and each update costs a render.
			const wait = this.interval - (this.clock() - this.lastFlush);
			if (wait > 0) setTimeout(() => this.schedule(() => this.flush()), wait);
			else this.schedule(() => this.flush());
		}
		return e;
	}

	/** Move what arrived since the last paint into the visible list, within the limits. */
	flush(): void {
		this.scheduled = false;
		this.lastFlush = this.clock();
		if (!this.pending.length) return;
		const added = this.pending.length;
		let next = this.entries.concat(this.pending);
		this.pending = [];
		if (next.length > this.maxEntries) {
			const gone = next.slice(0, next.length - this.maxEntries);
			for (const e of gone) if (e.kind === 'message' && e.data !== null) this.retained -= e.size;
			next = next.slice(gone.length);
		}
		let released = 0;
		if (this.retained > this.maxBytes) {
			// Keep the newest data; the oldest entries keep their size and time but not their bytes.
			next = next.slice();
			for (let i = 0; i < next.length && this.retained > this.maxBytes; i++) {
				const e = next[i];
				if (e.kind !== 'message' || e.data === null) continue;
				this.retained -= e.size;
				next[i] = { ...e, data: null };
				released++;
			}
		}
		this.entries = next;
		this.total += added;
		if (released) this.released += released;
	}

	clear(): void {
		this.pending = [];
		this.entries = [];
		this.total = 0;
		this.released = 0;
		this.retained = 0;
	}
}
