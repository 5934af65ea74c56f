/**
 * Runs decodeInput where it suits the input: small inputs on the main thread (no worker start-up),
 * large ones in a Web Worker. Only the newest request's answer is delivered: older ones resolve to
 * null, so fast typing never shows a stale decode.
 *
 * The reader (the input parser, the analysis and the engine under them) is loaded with import() when
 * the page starts, beside the page rather than before it: the input box is usable at once, and the
 * decode page's first script stays small (npm run weight).
 */
import { loadZlib } from '$lib/zlib-loader.svelte';
import type { DecodeOutcome, DecodeRequest } from './input';

type Reader = typeof import('./input');

/** Inputs up to this many characters decode on the main thread (well under a millisecond). */
export const INLINE_LIMIT = 16 * 1024;

type Pending = (outcome: DecodeOutcome | null) => void;

export class DecodeClient {
	private worker: Worker | null = null;
	private workerBroken = false;
	private latest = 0;
	private reader: Promise<Reader> | null = null;
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
	 * Decode on the main thread once the reader is here; a compressed message that finds the DEFLATE
	 * code not yet loaded waits for it. After each wait only the newest request is still answered.
	 */
	private async here(id: number, request: DecodeRequest): Promise<DecodeOutcome | null> {
		const reader = await this.load();
		if (id !== this.latest) return null;
		try {
			return reader.decodeInput(request);
		} catch (error) {
			if (!(error instanceof reader.ZlibNotLoaded)) throw error;
			await loadZlib();
			return id === this.latest ? reader.decodeInput(request) : null;
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
