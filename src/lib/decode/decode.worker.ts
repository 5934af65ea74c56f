/**
 * Parses and analyses large inputs off the main thread, so pasting a megabyte never freezes the
 * page. Requests are answered in order; the client ignores answers it no longer needs.
 */
import * as pako from 'pako';
import { provideZlib } from '$lib/protocol';
import { analyzeHttp2 } from './http2';
import { decodeInput, type DecodeRequest } from './input';

// Large inputs come here, often captures of compressed connections: the worker has DEFLATE from the start.
provideZlib(pako);

export interface WorkerRequest {
	readonly id: number;
	readonly request: DecodeRequest;
}

// Typed by hand: the project's DOM typings and the webworker lib do not mix in one program.
const scope = self as unknown as {
	onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
	postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
	const { id, request } = event.data;
	try {
		// No transfer list: the engine may hand back views of buffers it keeps (an empty payload),
		// and detaching those would break the next decode. Cloning a few megabytes takes milliseconds.
		// Large pastes come here, HTTP/2 ones too: the worker reads those from the start.
		scope.postMessage({ id, outcome: decodeInput(request, analyzeHttp2) });
	} catch (error) {
		scope.postMessage({ id, error: String(error) });
	}
};
