/**
 * What a scenario's script is: its id and a function that drives a Simulation. Scripts are a
 * registry (scenarios/index.ts), one file each; what the page lists (group, parameters) is in
 * catalogue.ts. A new scenario is a file, a line there and a line in the catalogue. Randomness is
 * always seeded: the same parameters give the same bytes.
 */

import { base64Decode, type RandomSource } from '$lib/protocol';
import type { ScenarioParams } from './params';
import type { Http2Simulation } from './http2-simulation';
import type { Simulation } from './simulation';

export type { ScenarioGroup } from './catalogue';

export interface ScenarioDef {
	readonly id: string;
	/** Two engines run: over HTTP/1.1 (Simulation), or over HTTP/2 (Http2Simulation, RFC 8441). */
	run(params: ScenarioParams): Simulation | Http2Simulation;
}

/**
 * The client's randomness: its first 16-byte draw is the handshake key (RFC 6455 §4.1), the rest
 * are masking keys. Choosing the key's bytes makes the handshake of the RFC's example.
 */
export function clientRandom(key: string | null, masks: RandomSource): RandomSource {
	const decoded = key === null ? null : base64Decode(key);
	let keyBytes = decoded?.ok && decoded.bytes.length === 16 ? decoded.bytes : null;
	return (n) => {
		if (keyBytes && n === 16) {
			const k = keyBytes;
			keyBytes = null;
			return k.slice();
		}
		keyBytes = null;
		return masks(n);
	};
}

/** Bytes of a fixed size with a readable pattern, for large payloads. */
export function patternText(size: number): string {
	const line = 'WebSocket frames say how long their payload is: 7 bits, or 16, or 64. ';
	return line.repeat(Math.ceil(size / line.length)).slice(0, size);
}
