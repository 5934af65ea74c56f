// Every step of every scenario explains itself in both languages, and the Korean is really Korean,
// with the numbers of the step in it. The engine's facts (its errors, the handshake problems the
// scenarios meet) are worded in both languages too.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_ERRORS, type ErrorCode } from '$lib/protocol';
import { errorWords, handshakeProblemText } from '$lib/i18n/protocol';
import { simulateText } from '$lib/i18n/simulate';
import { explainStep, paramIssueText, stepWords } from '$lib/i18n/steps';
import { runFromQuery, runScenario, scenarioIds } from '$lib/trace';
import type { HandshakeProblem } from '$lib/protocol';

const hangul = /[\uac00-\ud7a3]/;

describe('step explanations', () => {
	it.each(scenarioIds)('%s: every step has English and Korean text, and they differ', (id) => {
		for (const s of runScenario(id).steps) {
			const en = explainStep(s, 'en');
			const ko = explainStep(s, 'ko');
			expect(en, `${id} step ${s.index + 1} (${s.explainKey})`).toMatch(/[a-z]{3}/);
			expect(ko, `${id} step ${s.index + 1} (${s.explainKey})`).toMatch(hangul);
			expect(ko).not.toBe(en);
			// Quotes of the wire come in pairs of backticks (shown as code, see $lib/i18n/marked).
			for (const text of [en, ko]) expect(text.split('`').length % 2, text).toBe(1);
		}
	});

	it('both tables word the same keys (a missing one is also a type error)', () => {
		expect(Object.keys(stepWords('ko').steps).sort()).toEqual(Object.keys(stepWords('en').steps).sort());
	});

	it('keeps the numbers of the step', () => {
		const mask = runScenario('masking').steps[2];
		expect(explainStep(mask, 'ko')).toContain('6c XOR 21 = 4d');
		expect(explainStep(mask, 'en')).toContain('6c XOR 21 = 4d');
		const frag = runScenario('fragmented').steps.find((s) => s.kind === 'fragment-buffered')!;
		expect(explainStep(frag, 'ko')).toContain('5바이트');
		expect(explainStep(frag, 'en')).toContain('5 bytes so far');
	});

	it('words every engine error, and the handshake problems the scenarios meet, in both languages', () => {
		for (const code of Object.keys(PROTOCOL_ERRORS) as ErrorCode[]) {
			expect(errorWords('en')[code].rule.length, code).toBeGreaterThan(20);
			expect(errorWords('ko')[code].rule, code).toMatch(hangul);
		}
		const problems = [
			...runScenario('rejected-version').steps,
			...runFromQuery('handshake', { key: 'abc' }).trace.steps
		]
			.map((s) => s.params.problem)
			.filter((p): p is HandshakeProblem => !!p && typeof p === 'object');
		expect(problems.length).toBeGreaterThan(2);
		for (const p of problems) {
			expect(handshakeProblemText(p, 'ko'), p.code).toMatch(hangul);
			expect(handshakeProblemText(p, 'en'), p.code).not.toMatch(hangul);
		}
	});

	it('words every scenario parameter problem in both languages', () => {
		const { issues } = runFromQuery('custom', {
			msg: ['a'.repeat(301)],
			frag: '0',
			mask: 'zz',
			close: 'nobody',
			deflate: 'maybe'
		});
		expect(issues.length).toBe(5);
		for (const i of issues) {
			expect(paramIssueText(i, 'ko'), i.code).toMatch(hangul);
			expect(paramIssueText(i, 'en').length, i.code).toBeGreaterThan(10);
		}
	});

	it('names every scenario in both languages', () => {
		for (const lang of ['en', 'ko'] as const)
			for (const id of scenarioIds) expect(simulateText(lang).scenarios[id]?.[0], `${lang} ${id}`).toBeTruthy();
	});
});
