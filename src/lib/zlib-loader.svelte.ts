/**
 * The engine's JavaScript DEFLATE (pako), loaded the first time a page compresses or inflates: most
 * visits never do, and it is the largest part of the engine (protocol/extensions/zlib.ts).
 *
 *   const trace = $derived(withZlib(() => runScenario(id)));   // null while it loads
 *   {#if zlib.failed} …could not load… {/if}
 *
 * `withZlib` runs a computation; if the engine needed DEFLATE before it was here, it starts loading
 * it and returns null, and because it reads `zlib.ready`, a $derived that called it runs again once
 * the code has arrived.
 */
import { provideZlib, zlibReady, ZlibNotLoaded } from '$lib/protocol';

export const zlib = $state({ ready: zlibReady(), failed: false });
let loading: Promise<void> | null = null;

export function loadZlib(): Promise<void> {
	if (zlib.ready) return Promise.resolve();
	loading ??= import('pako').then(
		(pako) => {
			provideZlib(pako);
			zlib.ready = true;
			zlib.failed = false;
		},
		(error: unknown) => {
			// Offline, or a deploy replaced the file: say so, and let the next attempt try again.
			loading = null;
			zlib.failed = true;
			throw error;
		}
	);
	return loading;
}

export function withZlib<T>(run: () => T): T | null {
	void zlib.ready; // a dependency: the caller runs again when the code arrives
	try {
		return run();
	} catch (error) {
		if (!(error instanceof ZlibNotLoaded)) throw error;
		loadZlib().catch(() => {});
		return null;
	}
}
