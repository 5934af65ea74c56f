/**
 * Which exercises end which lesson, and the seed of each. Kept apart from the exercises themselves
 * (no engine here), so the lesson list can count a lesson's exercises without loading the engine.
 *
 * A set has a seed: the teacher's link carries it (?seed=), and everyone who opens that link gets
 * the same questions. Exercise i of a set, after "another one" has been pressed r times, is made
 * from exerciseSeed(seed, i, r): the same numbers for the same seed, position and round.
 */
import type { ExerciseKind } from './exercises';

/** Three or more exercises per lesson, on what that lesson teaches (lesson slugs, content/lessons). */
export const PRACTICE_SETS: Readonly<Record<string, readonly ExerciseKind[]>> = {
	'why-websocket': ['text-frame-size', 'wire-size', 'message-count'],
	'how-it-works': ['response-ok', 'uri-part', 'message-count'],
	'opening-handshake': ['accept', 'request-problem', 'response-ok'],
	uris: ['uri-part', 'uri-part', 'uri-part'],
	'frame-format': ['read-field', 'read-field', 'wire-size', 'build-frame'],
	masking: ['unmask-byte', 'unmask-byte', 'build-frame'],
	fragmentation: ['fragment-order', 'message-count', 'close-code'],
	'control-frames': ['close-code', 'read-field', 'message-count'],
	closing: ['close-frame', 'close-code', 'close-frame'],
	'extensions-subprotocols': ['negotiation', 'negotiation', 'response-ok'],
	'websocket-over-http2': ['h2-field', 'h2-connect', 'h2-field', 'h2-connect']
};

export function practiceSet(slug: string): readonly ExerciseKind[] {
	return Object.hasOwn(PRACTICE_SETS, slug) ? PRACTICE_SETS[slug] : [];
}

/** Largest seed a link carries: small enough to read out to a class. */
export const MAX_SEED = 999_999;

/** A seed from a link (?seed=), or null when it is missing or not a seed. */
export function seedFromQuery(value: string | null): number | null {
	if (value === null || !/^\d{1,6}$/.test(value.trim())) return null;
	return Number(value.trim());
}

/** A fresh seed for a visit without one, from the caller's random source (crypto in the page). */
export function freshSeed(random: (n: number) => Uint8Array): number {
	const [a, b, c] = random(3);
	return ((a << 16) | (b << 8) | c) % (MAX_SEED + 1);
}

/** The seed of exercise `position` of a set, after `round` presses of "another one". */
export function exerciseSeed(seed: number, position: number, round: number): number {
	return (seed * 31 + position) * 1009 + round;
}
