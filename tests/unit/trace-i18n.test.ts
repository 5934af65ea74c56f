// Every step of every scenario explains itself in Korean too, and the Korean is really Korean
// (not the English fallback), with the numbers of the step in it.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_ERRORS } from '../../src/lib/protocol';
import { errorKo, explainStep, koStepKeys, reasonKo, simulateText } from '../../src/lib/i18n/simulate';
import { runFromQuery, runScenario, scenarioIds } from '../../src/lib/trace';

const hangul = /[\uac00-\ud7a3]/;

describe('Korean step explanations', () => {
	it.each(scenarioIds)('%s: every step has Korean text', (id) => {
		for (const s of runScenario(id).steps) {
			expect(koStepKeys, `${id} step ${s.index + 1} (${s.explainKey})`).toContain(s.explainKey);
			const ko = explainStep(s, 'ko');
			expect(ko).toMatch(hangul);
			expect(ko).not.toBe(s.explain);
			expect(explainStep(s, 'en')).toBe(s.explain);
		}
	});

	it('keeps the numbers of the step', () => {
		const mask = runScenario('masking').steps[2];
		expect(explainStep(mask, 'ko')).toContain('6c XOR 21 = 4d');
		const frag = runScenario('fragmented').steps.find((s) => s.kind === 'fragment-buffered')!;
		expect(explainStep(frag, 'ko')).toContain('5바이트');
	});

	it('translates every engine error and the handshake reasons the scenarios meet', () => {
		for (const code of Object.keys(PROTOCOL_ERRORS)) expect(errorKo[code], code).toMatch(hangul);
		for (const id of ['rejected-version']) for (const s of runScenario(id).steps) if (s.params.reason) expect(reasonKo(String(s.params.reason))).toMatch(hangul);
		const bad = runFromQuery('handshake', { key: 'abc' });
		for (const s of bad.trace.steps) if (s.params.reason) expect(reasonKo(String(s.params.reason)), String(s.params.reason)).toMatch(hangul);
	});

	it('names every scenario in both languages', () => {
		for (const lang of ['en', 'ko'] as const)
			for (const id of scenarioIds) expect(simulateText(lang).scenarios[id]?.[0], `${lang} ${id}`).toBeTruthy();
	});
});
