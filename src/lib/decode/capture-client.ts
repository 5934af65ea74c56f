/**
 * The page's side of opening a capture or HAR file: the reading runs in a worker
 * (capture.worker.ts), which reports progress and keeps the file; the page asks for the summary
 * once and for one stream's conversation at a time. Where a worker cannot start (blocked, an old
 * browser), the same code runs on the page instead, loaded with import().
 */
import type { OpenedFile, SavedWrite, StreamConversation } from './capture-open';

export type CaptureRequest =
	| { readonly type: 'open'; readonly id: number; readonly file: Blob }
	| { readonly type: 'conversation'; readonly id: number; readonly file: number; readonly stream: number }
	| { readonly type: 'writes'; readonly id: number; readonly file: number; readonly stream: number };

export type CaptureReply =
	| {
			readonly type: 'progress';
			readonly id: number;
			readonly phase: 'reading' | 'streams';
			readonly done: number;
			readonly total: number;
	  }
	| { readonly type: 'opened'; readonly id: number; readonly summary: OpenedFile }
	| { readonly type: 'conversation'; readonly id: number; readonly conversation: StreamConversation | null }
	| { readonly type: 'writes'; readonly id: number; readonly writes: SavedWrite[] | null }
	| { readonly type: 'error'; readonly id: number; readonly error: string };

export interface CaptureProgress {
	readonly phase: 'reading' | 'streams';
	readonly done: number;
	readonly total: number;
}

type Waiting = {
	request: CaptureRequest;
	resolve: (reply: CaptureReply) => void;
	onprogress?: (p: CaptureProgress) => void;
};

export class CaptureClient {
	private worker: Worker | null = null;
	private broken = false;
	private next = 0;
	private readonly waiting = new Map<number, Waiting>();
	/** The file open on the page itself, when there is no worker. */
	private here: Promise<{ id: number; file: import('./capture-open').OpenFile } | null> = Promise.resolve(null);

	/** Open `file`; resolves with its summary and the id to ask for its streams by. */
	async open(file: Blob, onprogress?: (p: CaptureProgress) => void): Promise<{ file: number; summary: OpenedFile }> {
		const id = ++this.next;
		const reply = await this.ask({ type: 'open', id, file }, onprogress);
		if (reply.type !== 'opened') throw new Error(reply.type === 'error' ? reply.error : 'no answer');
		return { file: id, summary: reply.summary };
	}

	async conversation(file: number, stream: number): Promise<StreamConversation | null> {
		const reply = await this.ask({ type: 'conversation', id: ++this.next, file, stream });
		if (reply.type === 'error') throw new Error(reply.error);
		return reply.type === 'conversation' ? reply.conversation : null;
	}

	/** A stream's bytes each way, for saving it. */
	async writes(file: number, stream: number): Promise<SavedWrite[] | null> {
		const reply = await this.ask({ type: 'writes', id: ++this.next, file, stream });
		if (reply.type === 'error') throw new Error(reply.error);
		return reply.type === 'writes' ? reply.writes : null;
	}

	dispose(): void {
		this.worker?.terminate();
		this.worker = null;
		this.waiting.clear();
	}

	private ask(request: CaptureRequest, onprogress?: (p: CaptureProgress) => void): Promise<CaptureReply> {
		const worker = this.getWorker();
		if (!worker) return this.onPage(request);
		return new Promise((resolve) => {
			this.waiting.set(request.id, { request, resolve, onprogress });
			worker.postMessage(request);
		});
	}

	private getWorker(): Worker | null {
		if (this.worker || this.broken || typeof Worker === 'undefined') return this.worker;
		try {
			const worker = new Worker(new URL('./capture.worker.ts', import.meta.url), { type: 'module' });
			worker.onmessage = (event: MessageEvent<CaptureReply>) => {
				const reply = event.data;
				const w = this.waiting.get(reply.id);
				if (!w) return;
				if (reply.type === 'progress') {
					w.onprogress?.(reply);
					return;
				}
				this.waiting.delete(reply.id);
				w.resolve(reply);
			};
			worker.onerror = (event) => {
				// The worker could not start: read on the page (the file is asked for again there).
				event.preventDefault();
				this.fallBack();
			};
			this.worker = worker;
		} catch {
			this.broken = true;
		}
		return this.worker;
	}

	private fallBack(): void {
		this.broken = true;
		this.worker?.terminate();
		this.worker = null;
		const waiting = [...this.waiting.values()];
		this.waiting.clear();
		for (const w of waiting) void this.onPage(w.request).then(w.resolve);
	}

	/** The worker's work, on the page: the same module, so the same answers. */
	private async onPage(request: CaptureRequest): Promise<CaptureReply> {
		try {
			const { OpenFile } = await import('./capture-open');
			const { cryptoRandom } = await import('$lib/protocol');
			if (request.type === 'open') {
				const file = new OpenFile(new Uint8Array(await request.file.arrayBuffer()), cryptoRandom);
				this.here = Promise.resolve({ id: request.id, file });
				return { type: 'opened', id: request.id, summary: file.summary };
			}
			const open = await this.here;
			const file = open?.id === request.file ? open.file : null;
			if (request.type === 'writes')
				return { type: 'writes', id: request.id, writes: file?.writes(request.stream) ?? null };
			return { type: 'conversation', id: request.id, conversation: file?.conversation(request.stream) ?? null };
		} catch (error) {
			return { type: 'error', id: request.id, error: String(error) };
		}
	}
}
