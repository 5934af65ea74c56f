/**
 * What an exercise shows and what kind of answer it takes, and the byte map of a typed frame with
 * the field a problem is about marked: plain data for the practice components, which render it and
 * compute nothing. The byte map is the decoder's (frameFields over the decoder's reader), so a
 * typed answer is shown exactly as the decoder would show the same bytes.
 */
import type { FieldAnnotation, FieldName } from '$lib/protocol';
import { analyzeStream, frameFields } from '$lib/decode/analyze';
import { hexBytes, solution, type Exercise, type Problem } from './exercises';

export type ExhibitLabel = 'bytes' | 'frame-start' | 'key' | 'masked';
export type TextLabel = 'request' | 'response' | 'client-key' | 'text' | 'uri' | 'h2-headers';

/** One thing the question shows: bytes, numbered frames, or text quoted as it is on the wire. */
export type Exhibit =
	| { readonly kind: 'bytes'; readonly label: ExhibitLabel; readonly bytes: Uint8Array }
	| { readonly kind: 'frames'; readonly frames: readonly Uint8Array[] }
	| { readonly kind: 'text'; readonly label: TextLabel; readonly text: string };

export function exhibits(e: Exercise): Exhibit[] {
	switch (e.kind) {
		case 'read-field': {
			const a = analyzeStream(e.bytes, { role: e.bytes[1] & 0x80 ? 'client' : 'server', maxFrames: 1 });
			return [{ kind: 'bytes', label: a.frames[0]?.complete ? 'bytes' : 'frame-start', bytes: e.bytes }];
		}
		case 'h2-field':
			return [{ kind: 'bytes', label: 'bytes', bytes: e.bytes }];
		case 'h2-connect':
			return [{ kind: 'text', label: 'h2-headers', text: e.headers.map(([n, v]) => `${n}: ${v}`).join('\n') }];
		case 'unmask-byte':
			return [
				{ kind: 'bytes', label: 'key', bytes: e.key },
				{ kind: 'bytes', label: 'masked', bytes: e.masked }
			];
		case 'close-code':
		case 'message-count':
			return [{ kind: 'bytes', label: 'bytes', bytes: e.bytes }];
		case 'fragment-order':
			return [{ kind: 'frames', frames: e.frames }];
		case 'request-problem':
			return [{ kind: 'text', label: 'request', text: e.request }];
		case 'negotiation':
			return [{ kind: 'text', label: 'response', text: e.response }];
		case 'response-ok':
			return [
				{ kind: 'text', label: 'client-key', text: e.key },
				{ kind: 'text', label: 'response', text: e.response }
			];
		case 'text-frame-size':
			return [{ kind: 'text', label: 'text', text: e.text }];
		case 'uri-part':
			return [{ kind: 'text', label: 'uri', text: e.uri }];
		case 'build-frame':
		case 'accept':
		case 'wire-size':
		case 'close-frame':
			// Everything these need is in the question's sentence.
			return [];
	}
}

/** How an answer is typed: the input the page offers for it. */
export type AnswerShape = 'hex' | 'number' | 'yes-no' | 'bit' | 'order' | 'text';

export function answerShape(e: Exercise): AnswerShape {
	switch (e.kind) {
		case 'h2-field':
			return e.field === 'type' ? 'text' : 'number';
		case 'h2-connect':
			return 'text';
		case 'read-field':
			return e.field === 'fin' || e.field === 'mask' ? 'bit' : e.field === 'masking-key' ? 'hex' : 'number';
		case 'unmask-byte':
		case 'build-frame':
		case 'close-frame':
			return 'hex';
		case 'accept':
		case 'negotiation':
		case 'response-ok':
			return 'yes-no';
		case 'uri-part':
			return e.part === 'secure' ? 'yes-no' : e.part === 'port' ? 'number' : 'text';
		case 'fragment-order':
			return 'order';
		case 'request-problem':
			return 'text';
		case 'close-code':
		case 'wire-size':
		case 'text-frame-size':
		case 'message-count':
			return 'number';
	}
}

/** A frame's bytes for the decoder's byte map, with the bytes a problem is about marked. */
export interface ByteView {
	readonly bytes: Uint8Array;
	readonly fields: readonly FieldAnnotation[];
	readonly missing: number;
	readonly mark: { readonly start: number; readonly end: number; readonly fields?: readonly FieldName[] } | null;
}

/** Does this exercise's answer make a frame (so that a byte map can show it)? */
export function answersWithFrame(e: Exercise): boolean {
	return e.kind === 'build-frame' || e.kind === 'close-frame';
}

/**
 * The student's typed frame as the decoder reads it, with what `problem` is about marked; null
 * when there is no frame to show (not hex, no bytes, or an exercise whose answer is not a frame).
 */
export function answerView(e: Exercise, answer: string, problem: Problem | null): ByteView | null {
	if (!answersWithFrame(e)) return null;
	const bytes = hexBytes(answer);
	if (!bytes.ok || bytes.value.length === 0) return null;
	return view(bytes.value, e.kind === 'close-frame' ? e.from : 'client', problem);
}

/** The answer's frame (what `solution` gives), for "show the answer". */
export function solutionView(e: Exercise): ByteView | null {
	if (!answersWithFrame(e)) return null;
	const bytes = hexBytes(solution(e));
	return bytes.ok ? view(bytes.value, e.kind === 'close-frame' ? e.from : 'client', null) : null;
}

function view(bytes: Uint8Array, role: 'client' | 'server', problem: Problem | null): ByteView {
	const f = analyzeStream(bytes, { role, deflate: 'off', maxFrames: 1 }).frames[0];
	const fields = frameFields(f);
	return { bytes: f.wire, fields, missing: f.missing, mark: problem ? markOf(problem, fields, f.wire.length) : null };
}

/** The bytes a problem points at, as a mark on the map. */
function markOf(
	p: Problem,
	fields: readonly FieldAnnotation[],
	end: number
): { start: number; end: number; fields?: readonly FieldName[] } | null {
	switch (p.code) {
		case 'wrong-field': {
			const f = fields.find((a) => a.field === p.field);
			return f ? { start: f.start, end: f.end, fields: [p.field] } : { start: p.start, end: p.start + 1 };
		}
		case 'wrong-close-code':
			return { start: p.start, end: Math.min(end, p.start + 2) };
		case 'wrong-reason':
		case 'payload-not-masked':
		case 'wrong-payload':
			return { start: p.start, end };
		case 'frame-problem':
			return { start: p.issue.start, end: Math.max(p.issue.start + 1, p.issue.end) };
		case 'not-close': {
			const f = fields.find((a) => a.field === 'opcode');
			return f ? { start: f.start, end: f.end, fields: ['opcode'] } : null;
		}
		default:
			return null;
	}
}
