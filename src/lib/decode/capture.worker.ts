/**
 * Opens capture and HAR files off the main thread: a 100 MB capture takes seconds to read and
 * reassemble, and the page must go on answering (and show how far it is) meanwhile. The file stays
 * here once read; the page asks for one stream's conversation at a time.
 */
import * as pako from 'pako';
import { cryptoRandom, provideZlib } from '$lib/protocol';
import { OpenFile } from './capture-open';
import type { CaptureReply, CaptureRequest } from './capture-client';

// Captures of compressed connections are common: this worker has DEFLATE from the start.
provideZlib(pako);

// Typed by hand: the project's DOM typings and the webworker lib do not mix in one program.
const scope = self as unknown as {
	onmessage: ((event: MessageEvent<CaptureRequest>) => void) | null;
	postMessage(message: CaptureReply): void;
};

let open: { id: number; file: OpenFile } | null = null;

scope.onmessage = async (event) => {
	const request = event.data;
	try {
		if (request.type === 'open') {
			const bytes = new Uint8Array(await request.file.arrayBuffer());
			const file = new OpenFile(bytes, cryptoRandom, (phase, done, total) =>
				scope.postMessage({ type: 'progress', id: request.id, phase, done, total })
			);
			open = { id: request.id, file };
			scope.postMessage({ type: 'opened', id: request.id, summary: file.summary });
		} else {
			const file = open?.id === request.file ? open.file : null;
			if (request.type === 'writes')
				scope.postMessage({ type: 'writes', id: request.id, writes: file?.writes(request.stream) ?? null });
			else
				scope.postMessage({
					type: 'conversation',
					id: request.id,
					conversation: file?.conversation(request.stream) ?? null
				});
		}
	} catch (error) {
		// A bug, not bad input (the readers return faults as data): the page says so and keeps the rest.
		scope.postMessage({ type: 'error', id: request.id, error: String(error) });
	}
};
