/**
 * Keeping what did not change. Each keystroke in a large input yields a whole new analysis from the
 * worker; most of its frames are the same as before. Handing the views the previous objects for
 * those lets Svelte skip them entirely, so typing at the end of 64 KiB re-renders only the end.
 */
import type { ByteIssue, FrameAnalysis, MessageAnalysis, StreamAnalysis } from './types';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

function sameIssues(a: readonly ByteIssue[], b: readonly ByteIssue[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		const x = a[i];
		const y = b[i];
		if (x.code !== y.code || x.start !== y.start || x.end !== y.end || x.severity !== y.severity || x.frame !== y.frame)
			return false;
		if (JSON.stringify(x.params) !== JSON.stringify(y.params)) return false;
	}
	return true;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function sameFrame(a: FrameAnalysis, b: FrameAnalysis): boolean {
	return (
		a.offset === b.offset &&
		a.size === b.size &&
		a.complete === b.complete &&
		a.missing === b.missing &&
		a.fatal === b.fatal &&
		a.headerKnown === b.headerKnown &&
		a.kind === b.kind &&
		a.message === b.message &&
		sameBytes(a.wire, b.wire) &&
		sameIssues(a.issues, b.issues)
	);
}

function sameMessage(a: MessageAnalysis, b: MessageAnalysis): boolean {
	return (
		a.kind === b.kind &&
		a.complete === b.complete &&
		a.invalid === b.invalid &&
		a.compressed === b.compressed &&
		sameList(a.frames, b.frames) &&
		sameList(a.interleaved, b.interleaved) &&
		sameBytes(a.data, b.data)
	);
}

/** `next`, with the frames and messages that equal those of `prev` replaced by prev's objects. */
export function reuseUnchanged(prev: StreamAnalysis | null, next: StreamAnalysis): StreamAnalysis {
	if (!prev) return next;
	const frames = next.frames.map((f, i) => (prev.frames[i] && sameFrame(prev.frames[i], f) ? prev.frames[i] : f));
	const messages = next.messages.map((m, i) =>
		prev.messages[i] && sameMessage(prev.messages[i], m) ? prev.messages[i] : m
	);
	return { ...next, frames, messages };
}
