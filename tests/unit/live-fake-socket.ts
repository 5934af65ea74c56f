/** A stand-in for the browser's WebSocket, driven by the live-mode tests. */
import type { WebSocketLike } from '$lib/live/true-bytes.svelte';

export class FakeSocket implements WebSocketLike {
	onopen: ((ev: unknown) => void) | null = null;
	onmessage: ((ev: { data: unknown }) => void) | null = null;
	onerror: ((ev: unknown) => void) | null = null;
	onclose: ((ev: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
	readyState = 0;
	binaryType = 'blob';
	protocol = '';
	extensions = '';
	bufferedAmount = 0;
	readonly sent: (string | Uint8Array)[] = [];
	closedWith: { code?: number; reason?: string } | null = null;

	constructor(
		readonly url: string,
		readonly protocols?: string[]
	) {}

	send(data: string | ArrayBufferLike | ArrayBufferView): void {
		this.sent.push(data as string | Uint8Array);
	}

	close(code?: number, reason?: string): void {
		this.closedWith = { code, reason };
		this.readyState = 2;
	}

	// ── driven by the test ──
	open(protocol = '', extensions = ''): void {
		this.readyState = 1;
		this.protocol = protocol;
		this.extensions = extensions;
		this.onopen?.({});
	}

	receive(data: unknown): void {
		this.onmessage?.({ data });
	}

	closed(code: number, reason = '', wasClean = code !== 1006): void {
		this.readyState = 3;
		this.onclose?.({ code, reason, wasClean });
	}
}

export function fakeSockets() {
	const all: FakeSocket[] = [];
	return {
		all,
		create: (url: string, protocols?: string[]) => {
			const s = new FakeSocket(url, protocols);
			all.push(s);
			return s;
		}
	};
}
