/**
 * A simulator trace as a session to save, its packets commented in the reader's language: each
 * with the step's explanation, the engine-made handshake (if any) saying what it is, and the file
 * saying which scenario it holds.
 */
import type { Lang } from '$lib/i18n';
import { captureText } from '$lib/i18n/capture';
import { unmarked } from '$lib/i18n/marked';
import { simulateText } from '$lib/i18n/simulate';
import { explainStep } from '$lib/i18n/steps';
import type { Trace } from '$lib/trace/types';
import { traceSession } from './from-trace';
import type { WireSession } from './session';

export function traceFile(trace: Trace, lang: Lang, nowMs = Date.now()): WireSession {
	return traceSession(
		trace,
		BigInt(Math.round(nowMs)) * 1_000_000n,
		(step) => unmarked(explainStep(step, lang)),
		captureText(lang).handshakeMade,
		captureText(lang).fileComment(simulateText(lang).scenarios[trace.scenario]?.[0] ?? trace.scenario)
	);
}
