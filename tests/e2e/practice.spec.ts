// Practice: every lesson, in English and Korean, ends with exercises the engine makes and checks.
// The page's questions are compared with the exercise module's own for the link's seed; each one is
// answered wrong (the feedback is the checker's specific problem, never a bare "not quite") and then
// right. Also: "another one", the seeded link and embed for a class, progress on the lesson list and
// its reset, a typed frame shown in the decoder's byte map, and keyboard-only use.
import type { Locator, Page } from '@playwright/test';
import { check, makeExercise, solution, type Exercise } from '$lib/practice/exercises';
import { answerShape } from '$lib/practice/present';
import { exerciseSeed, practiceSet, PRACTICE_SETS } from '$lib/practice/sets';
import { practiceText, problemText, questionText } from '$lib/i18n/practice';
import { practiceUiText } from '$lib/i18n/practice-ui';
import { unmarked } from '$lib/i18n/marked';
import { expect, expectAxeClean, expectNoHorizontalOverflow, goto, localizePath, test, type Lang } from './helpers';

const slugs = Object.keys(PRACTICE_SETS);

/** A near miss of the answer's own shape: the other choice, a number off by one, a byte changed. */
function nearMiss(e: Exercise): string {
	const answer = solution(e);
	switch (answerShape(e)) {
		case 'yes-no':
			return answer === 'yes' ? 'no' : 'yes';
		case 'bit':
			return answer === '1' ? '0' : '1';
		case 'number':
			return String(Number(answer) + 1);
		case 'order':
			return ['1 2 3', '3 2 1', '2 1 3'].find((o) => o !== answer)!;
		case 'hex':
			return answer.replace(/..$/, (b) => ((parseInt(b, 16) + 1) % 256).toString(16).padStart(2, '0'));
		case 'text':
			return answer === 'host' ? 'upgrade' : answer.startsWith('/') ? `${answer}x` : 'host';
	}
}

/** Give `value` as the page takes it: a choice for yes/no and 1/0, else typed; then Check. */
async function answer(ex: Locator, e: Exercise, value: string, lang: Lang): Promise<void> {
	const ui = practiceUiText(lang);
	const shape = answerShape(e);
	if (shape === 'yes-no' || shape === 'bit') {
		const name = shape === 'bit' ? value : value === 'yes' ? ui.yes : ui.no;
		await ex.getByRole('radio', { name, exact: true }).check();
	} else await ex.getByRole('textbox', { name: ui.answer }).fill(value);
	await ex.getByRole('button', { name: practiceText(lang).check, exact: true }).click();
}

async function openPractice(page: Page, path: string): Promise<Locator> {
	await goto(page, path);
	const set = page.locator('.practice-set[data-seed]');
	await expect(set.locator('.exercise').first()).toBeVisible();
	return set;
}

for (const lang of ['en', 'ko'] as const) {
	const t = practiceText(lang);
	const ui = practiceUiText(lang);

	test.describe(`practice (${lang})`, () => {
		test('every lesson ends with three or more exercises, each answered wrong and then right', async ({
			page,
			isMobile
		}) => {
			test.skip(isMobile, 'every lesson once, on the desktop project; the phone answers one lesson below');
			test.setTimeout(240_000);
			for (const [n, slug] of slugs.entries()) {
				const seed = 500 + n;
				const set = await openPractice(page, `${localizePath(`/learn/${slug}/`, lang)}?seed=${seed}`);
				// The section is the lesson's last: after it come only the links to the lessons around it.
				await expect(page.getByRole('heading', { level: 2, name: ui.heading })).toBeVisible();
				const items = set.locator('.exercise');
				const kinds = practiceSet(slug);
				expect(kinds.length).toBeGreaterThanOrEqual(3);
				await expect(items).toHaveCount(kinds.length);
				for (const [i, kind] of kinds.entries()) {
					const e = makeExercise(kind, exerciseSeed(seed, i, 0));
					const ex = items.nth(i);
					await expect(ex.locator('.question')).toHaveText(unmarked(questionText(e, lang)));
					const miss = nearMiss(e);
					const verdict = check(e, miss);
					expect(verdict.ok, `${slug} ${kind}: ${miss}`).toBe(false);
					if (verdict.ok) continue;
					expect(verdict.problem.code).not.toBe('wrong-value');
					await answer(ex, e, miss, lang);
					await expect(ex.locator('.feedback')).toHaveText(unmarked(problemText(verdict.problem, lang)));
					await answer(ex, e, solution(e), lang);
					await expect(ex.locator('.feedback')).toHaveText(t.right);
					await expect(ex.getByRole('heading', { level: 3 })).toContainText(ui.solved);
				}
				await expect(set.locator('.progress')).toHaveText(ui.progress(kinds.length, kinds.length));
			}
			// All of it is kept, and the lesson list says so for every lesson.
			await goto(page, localizePath('/learn/', lang));
			for (const slug of slugs)
				await expect(page.locator(`[data-practice-progress="${slug}"]`)).toContainText(
					ui.listProgress(practiceSet(slug).length, practiceSet(slug).length)
				);
		});

		test('a typed frame with a field wrong is shown in the decoder’s byte map, that field marked', async ({ page }) => {
			// Each language in its own scheme: the feedback's tints are checked in both.
			await page.emulateMedia({ colorScheme: lang === 'ko' ? 'dark' : 'light' });
			const seed = 11;
			const set = await openPractice(page, `${localizePath('/learn/masking/', lang)}?seed=${seed}`);
			const ex = set.locator('.exercise[data-kind="build-frame"]');
			const e = makeExercise('build-frame', exerciseSeed(seed, 2, 0)) as Extract<Exercise, { kind: 'build-frame' }>;
			// The text typed as it is, not masked: the mask bit is 0 and there is no key.
			const bytes = new TextEncoder().encode(e.text);
			const typed = ['81', bytes.length.toString(16).padStart(2, '0'), ...[...bytes].map((b) => b.toString(16))];
			await answer(ex, e, typed.join(' '), lang);
			const verdict = check(e, typed.join(' '));
			expect(verdict).toMatchObject({ ok: false, problem: { code: 'wrong-field', field: 'mask', start: 1 } });
			if (verdict.ok) return;
			await expect(ex.locator('.feedback')).toHaveText(unmarked(problemText(verdict.problem, lang)));
			const map = ex.getByRole('listbox', { name: ui.yourBytes });
			await expect(map).toBeVisible();
			await expect(map.locator('.mark-error').first()).toBeVisible();
			// Nothing typed is lost.
			await expect(ex.getByRole('textbox', { name: ui.answer })).toHaveValue(typed.join(' '));
			// The answer, revealed, is explained and drawn in the same map; it is then not counted as solved.
			await ex.getByRole('button', { name: t.reveal }).click();
			await expect(ex.getByRole('listbox', { name: ui.answerBytes })).toBeVisible();
			await expect(ex.locator('.reveal code').first()).toHaveText(solution(e));
			await answer(ex, e, solution(e), lang);
			await expect(ex.locator('.feedback')).toHaveText(t.right);
			await expect(ex.getByRole('heading', { level: 3 })).not.toContainText(ui.solved);
			// Feedback, byte maps, hint and answer open: still clean under axe, and nothing scrolls sideways.
			await ex.getByRole('button', { name: t.hint }).click();
			await expectNoHorizontalOverflow(page);
			await expectAxeClean(page);
		});

		test('“another one” gives new numbers; the same link gives the same ones', async ({ page }) => {
			const path = `${localizePath('/learn/frame-format/', lang)}?seed=77`;
			const set = await openPractice(page, path);
			const questions = await set.locator('.exercise .question').allTextContents();
			const seeds = await set.locator('.exercise').evaluateAll((els) => els.map((el) => el.getAttribute('data-seed')));
			const ex = set.locator('.exercise').nth(3);
			await ex.getByRole('button', { name: t.another }).click();
			const next = makeExercise('build-frame', exerciseSeed(77, 3, 1));
			await expect(set.locator('.exercise').nth(3)).toHaveAttribute('data-seed', String(next.seed));
			expect(next.seed).not.toBe(Number(seeds[3]));
			await expect(set.locator('.exercise').nth(3).locator('.question')).toHaveText(unmarked(questionText(next, lang)));
			// The others stay as they were; the new one is checked like any.
			await expect(set.locator('.exercise').nth(0)).toHaveAttribute('data-seed', seeds[0]!);
			await answer(set.locator('.exercise').nth(3), next, solution(next), lang);
			await expect(set.locator('.exercise').nth(3).locator('.feedback')).toHaveText(t.right);

			const again = await openPractice(page, path);
			expect(await again.locator('.exercise .question').allTextContents()).toEqual(questions);
			// Without a seed each visit draws its own.
			const a = await (await openPractice(page, localizePath('/learn/frame-format/', lang))).getAttribute('data-seed');
			const b = await (await openPractice(page, localizePath('/learn/frame-format/', lang))).getAttribute('data-seed');
			expect(a).not.toBe(b);
		});

		test('for a class: the link and the embed give everyone the same questions', async ({ page, context }) => {
			await context.grantPermissions(['clipboard-read', 'clipboard-write']);
			const set = await openPractice(page, `${localizePath('/learn/closing/', lang)}?seed=4242`);
			await set.getByText(ui.classHeading).click();
			await expect(set.getByText(ui.classNote(4242))).toBeVisible();
			const link = await set.getByRole('textbox', { name: ui.linkLabel }).inputValue();
			expect(new URL(link).searchParams.get('seed')).toBe('4242');
			expect(new URL(link).pathname).toBe(localizePath('/learn/closing/', lang));
			await set.getByRole('button', { name: ui.copyLink }).click();
			await expect(set.getByText(ui.linkCopied)).toBeVisible();

			await set.getByRole('button', { name: /embed|임베드/i }).click();
			const snippet = await set.locator('textarea').inputValue();
			const src = /src="([^"]+)"/.exec(snippet)?.[1].replace(/&amp;/g, '&');
			expect(src).toBeDefined();
			const url = new URL(src!);
			expect(url.pathname).toBe(localizePath('/embed/practice/', lang));
			expect(url.searchParams.get('lesson')).toBe('closing');
			expect(url.searchParams.get('seed')).toBe('4242');

			const questions = await set.locator('.exercise .question').allTextContents();
			await goto(page, `${url.pathname}${url.search}`);
			const embedded = page.locator('.practice-set[data-seed] .exercise .question');
			await expect(embedded.first()).toBeVisible();
			expect(await embedded.allTextContents()).toEqual(questions);
			// An embed is the exercises alone: no class panel inside a class's page.
			await expect(page.getByText(ui.classHeading)).toHaveCount(0);
		});

		test('an embed naming no lesson says what its link needs', async ({ page }) => {
			await goto(page, `${localizePath('/embed/practice/', lang)}?lesson=nope`);
			await expect(page.getByRole('alert')).toHaveText(ui.noLesson);
		});

		test('progress shows on the lesson list, and a reset clears it', async ({ page }) => {
			const set = await openPractice(page, `${localizePath('/learn/uris/', lang)}?seed=9`);
			const e = makeExercise('uri-part', exerciseSeed(9, 0, 0));
			await answer(set.locator('.exercise').first(), e, solution(e), lang);
			await expect(set.locator('.progress')).toHaveText(ui.progress(1, 3));
			await goto(page, localizePath('/learn/', lang));
			await expect(page.locator('[data-practice-progress="uris"]')).toHaveText(ui.listProgress(1, 3));
			await expect(page.locator('[data-practice-progress="masking"]')).toHaveText(ui.listProgress(0, 3));
			await expectAxeClean(page);
			await page.getByRole('button', { name: ui.reset }).click();
			await expect(page.getByRole('status').filter({ hasText: ui.resetDone })).toBeVisible();
			await expect(page.locator('[data-practice-progress="uris"]')).toHaveText(ui.listProgress(0, 3));
			await page.reload();
			await expect(page.locator('[data-practice-progress="uris"]')).toHaveText(ui.listProgress(0, 3));
		});

		test('keyboard only: type, Enter to check, the hint and the answer by Tab and Enter', async ({ page }) => {
			const set = await openPractice(page, `${localizePath('/learn/masking/', lang)}?seed=3`);
			const ex = set.locator('.exercise').first();
			const e = makeExercise('unmask-byte', exerciseSeed(3, 0, 0));
			const box = ex.getByRole('textbox', { name: ui.answer });
			await box.focus();
			await page.keyboard.type('zz');
			await page.keyboard.press('Enter');
			await expect(ex.locator('.feedback')).toHaveText(unmarked(problemText({ code: 'not-hex', at: 0 }, lang)));
			await expect(box).toHaveAttribute('aria-invalid', 'true');
			await box.fill('');
			await page.keyboard.type(solution(e));
			await page.keyboard.press('Enter');
			await expect(ex.locator('.feedback')).toHaveText(t.right);
			// Tab: Check, then Hint.
			await page.keyboard.press('Tab');
			await page.keyboard.press('Tab');
			await expect(ex.getByRole('button', { name: t.hint })).toBeFocused();
			await page.keyboard.press('Enter');
			await expect(ex.getByRole('button', { name: t.hint })).toHaveAttribute('aria-expanded', 'true');
			await expect(ex.locator('.hint')).toBeVisible();
			await page.keyboard.press('Tab');
			await page.keyboard.press('Tab');
			await expect(ex.getByRole('button', { name: t.another })).toBeFocused();
			await page.keyboard.press('Enter');
			// Straight on to the next question's answer box.
			await expect(ex.getByRole('textbox', { name: ui.answer })).toBeFocused();
		});
	});
}
