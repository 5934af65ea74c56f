/**
 * Runs decodeInput where it suits the input: small inputs on the main thread (no worker start-up),
 * large ones in a Web Worker. Only the newest request's answer is delivered: older ones resolve to
 * null, so fast typing never shows a stale decode.
 *
 * The reader (the input parser, the analysis and the engine under them) is loaded with import() when
 * the page starts, beside the page rather than before it: the input box is usable at once, and the
 * decode page's first script stays small (npm run weight). The HTTP/2 reading (./http2, with the
 * HTTP/2 engine) is loaded the same way, only when a paste starts as HTTP/2 does.
 */
import { loadZlib } from '$lib/zlib-loader.svelte';
import type { DecodeOutcome, DecodeRequest, Http2Reader } from './input';

type Reader = typeof import('./input');

/** Inputs up to this many characters decode on the main thread (well under a millisecond). */
export const INLINE_LIMIT = 16 * 1024;

type Pending = (outcome: DecodeOutcome | null) => void;

export class DecodeClient {
	private worker: Worker | null = null;
	private workerBroken = false;
	private latest = 0;
	private reader: Promise<Reader> | null = null;
	private http2: Promise<Http2Reader> | null = null;
	/** The HTTP/2 reading once loaded, handed to every decode from then on (no parse is asked twice). */
	private http2Ready: Http2Reader | undefined;
	private readonly pending = new Map<number, { resolve: Pending; request: DecodeRequest }>();

	/** The outcome, or null if a newer request was made meanwhile. */
	decode(request: DecodeRequest): Promise<DecodeOutcome | null> {
		const id = ++this.latest;
		for (const [old, p] of this.pending) if (old < id) p.resolve(null);
		const worker = request.text.length > INLINE_LIMIT ? this.getWorker() : null;
		// A compressed message loads the DEFLATE code on the way (the worker has it from the start).
		if (!worker) return this.here(id, request);
		return new Promise((resolve) => {
			this.pending.set(id, { resolve, request });
			worker.postMessage({ id, request });
		});
	}

	/** Start the worker ahead of the first large input, so that paste does not wait for it to load. */
	warm(): void {
		this.getWorker();
	}

	/** The reader's code, loaded once; a failed load (offline) is tried again by the next request. */
	load(): Promise<Reader> {
		this.reader ??= import('./input').catch((error: unknown) => {
			this.reader = null;
			throw error;
		});
		return this.reader;
	}

	/** The HTTP/2 reading, loaded once when first needed; a failed load is tried again next time. */
	loadHttp2(): Promise<Http2Reader> {
		this.http2 ??= import('./http2').then(
			(m) => (this.http2Ready = m.analyzeHttp2),
			(error: unknown) => {
				this.http2 = null;
				throw error;
			}
		);
		return this.http2;
	}

	/** Forget every request made so far (the input was cleared). */
	cancel(): void {
		this.latest++;
		for (const p of this.pending.values()) p.resolve(null);
		this.pending.clear();
	}

	dispose(): void {
		this.worker?.terminate();
		this.worker = null;
		for (const p of this.pending.values()) p.resolve(null);
		this.pending.clear();
	}

	private getWorker(): Worker | null {
		if (this.worker || this.workerBroken || typeof Worker === 'undefined') return this.worker;
		try {
			const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
			worker.onmessage = (event: MessageEvent<{ id: number; outcome?: DecodeOutcome; error?: string }>) => {
				const { id, outcome } = event.data;
				const p = this.pending.get(id);
				if (!p) return;
				this.pending.delete(id);
				// An exception in the worker would be a bug; decode here instead of showing nothing.
				if (outcome || id !== this.latest) p.resolve(outcome ?? null);
				else void this.here(id, p.request).then(p.resolve);
			};
			worker.onerror = (event) => {
				// The worker could not start (blocked, or an old browser): decode on the main thread.
				event.preventDefault();
				this.fallBack();
			};
			this.worker = worker;
		} catch {
			this.workerBroken = true;
		}
		return this.worker;
	}

	/**
	 * Decode on the main thread once the reader is here; bytes that are HTTP/2 wait for its reading,
	 * a compressed message for the DEFLATE code. After each wait only the newest request is still
	 * answered.
	 */
	private async here(id: number, request: DecodeRequest): Promise<DecodeOutcome | null> {
		const reader = await this.load();
		if (id !== this.latest) return null;
		let http2 = this.http2Ready;
		// Each of the two is loaded at most once, so this asks at most three times.
		for (let attempt = 0; ; attempt++) {
			try {
				return reader.decodeInput(request, http2);
			} catch (error) {
				if (attempt >= 2) throw error;
				if (error instanceof reader.Http2NotLoaded) http2 = await this.loadHttp2();
				else if (error instanceof reader.ZlibNotLoaded) await loadZlib();
				else throw error;
				if (id !== this.latest) return null;
			}
		}
	}

	private fallBack(): void {
		this.workerBroken = true;
		this.worker?.terminate();
		this.worker = null;
		for (const [id, p] of this.pending) void this.here(id, p.request).then(p.resolve);
		this.pending.clear();
	}
}
