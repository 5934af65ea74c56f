/**
 * The scenario scripts, by id. To add one: write scenarios/<id>.ts exporting a ScenarioDef, import
 * it here and add it to `scripts`, list it (group, parameters) in ../catalogue.ts, and give it a
 * name and summary in src/lib/i18n/simulate.ts.
 */

import type { ScenarioDef } from '$lib/trace/scenario';
import { closeClient, closeServer } from './close';
import { custom } from './custom';
import { deflate } from './deflate';
import { echo } from './echo';
import { errorControlTooLong, errorUnmasked, errorUtf8, rejectedVersion } from './errors';
import { fragmented } from './fragmented';
import { handshake } from './handshake';
import { http2 } from './http2';
import { large16, large64 } from './large';
import { masking } from './masking';
import { pingPong } from './ping-pong';

const scripts: readonly ScenarioDef[] = [
	handshake,
	echo,
	masking,
	large16,
	large64,
	fragmented,
	pingPong,
	closeClient,
	closeServer,
	deflate,
	errorUnmasked,
	errorUtf8,
	errorControlTooLong,
	rejectedVersion,
	http2,
	custom
];

/** Every script's id, for the test that the catalogue lists each exactly once. */
export const scriptIds: readonly string[] = scripts.map((s) => s.id);

/** The script of a scenario the catalogue lists. */
export function getScript(id: string): ScenarioDef | undefined {
	return scripts.find((s) => s.id === id);
}
