/**
 * Where the codec finds its JavaScript DEFLATE (pako, a port of zlib). The engine does not import it:
 * at about 15 KB gzipped it is the largest part of the engine, and most pages never compress. The
 * host provides it once, before the first compressed message: Node programs at start-up (the server,
 * the tap, the tests), the site when a page first needs it (src/lib/zlib-loader). A codec that needs
 * it before then throws ZlibNotLoaded, which no part of the engine catches, so the caller can load it
 * and run again: the engine keeps no state that such a run would have spoiled.
 */
import type { Deflate, Inflate, constants } from 'pako';

/** The parts of pako the codec uses (`import * as pako from 'pako'` is one). */
export interface Zlib {
	readonly Deflate: typeof Deflate;
	readonly Inflate: typeof Inflate;
	readonly constants: typeof constants;
}

let zlib: Zlib | null = null;

/** Thrown by a codec that must compress or inflate before provideZlib() was called. */
export class ZlibNotLoaded extends Error {
	constructor() {
		super('permessage-deflate needs pako: call provideZlib(await import("pako")) first');
		this.name = 'ZlibNotLoaded';
	}
}

export function provideZlib(implementation: Zlib): void {
	zlib = implementation;
}

export function zlibReady(): boolean {
	return zlib !== null;
}

export function requireZlib(): Zlib {
	if (!zlib) throw new ZlibNotLoaded();
	return zlib;
}
