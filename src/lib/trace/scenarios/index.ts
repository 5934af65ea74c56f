/**
 * The scenario registry, in the order the page lists them. To add one (permessage-deflate, say):
 * write scenarios/<id>.ts exporting a ScenarioDef, import it here, add it to `scenarios` and
 * its name and summary to src/lib/i18n/simulate.ts.
 */

import type { ScenarioDef } from '$lib/trace/scenario';
import { closeClient, closeServer } from './close';
import { custom } from './custom';
import { deflate } from './deflate';
import { echo } from './echo';
import { errorControlTooLong, errorUnmasked, errorUtf8, rejectedVersion } from './errors';
import { fragmented } from './fragmented';
import { handshake } from './handshake';
import { large16, large64 } from './large';
import { masking } from './masking';
import { pingPong } from './ping-pong';

export const scenarios: readonly ScenarioDef[] = [
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
	custom
];

export const scenarioIds: readonly string[] = scenarios.map((s) => s.id);

export function getScenario(id: string): ScenarioDef | undefined {
	return scenarios.find((s) => s.id === id);
}
