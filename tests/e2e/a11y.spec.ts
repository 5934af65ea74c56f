// Every page, in English and Korean, in light and dark: clean under axe (WCAG 2.1 A and AA, with
// label-content-name-mismatch on), no sideways scrolling, no console errors (the `test` fixture fails
// on those). Runs in both projects (1280 and 390 px wide). Lesson pages are scrolled through first
// (goto does it) so that every widget, loaded as it nears the viewport, is on the page; the decoder
// is checked with each of its examples open and the simulator in the middle of each scenario. Each
// page is loaded afresh in each colour scheme: switching prefers-color-scheme on a rendered page can
// leave Chromium's color-mix(light-dark()) tints stale, which is not what a reader who opens the page
// in dark mode sees.
import { readdirSync } from 'node:fs';
import { EXAMPLE_IDS } from '$lib/decode/examples';
import { runScenario, scenarioIds } from '$lib/trace';
import { expect, expectAxeClean, expectNoHorizontalOverflow, goto, localizePath, test } from './helpers';

const lessons = readdirSync('content/lessons/en')
	.filter((f) => f.endsWith('.md'))
	.map((f) => `/learn/${f.replace(/^\d+-/, '').replace(/\.md$/, '')}/`);

const pages = [
	'/',
	'/learn/',
	...lessons,
	'/simulate/',
	'/decode/',
	'/live/',
	'/embed/frame-layout/',
	'/embed/decode/',
	'/embed/mask/',
	'/embed/accept/',
	'/embed/simulate/',
	'/embed/sequence/',
	'/embed/practice/?lesson=frame-format&seed=5'
];

for (const lang of ['en', 'ko'] as const) {
	for (const colorScheme of ['light', 'dark'] as const) {
		for (const path of pages) {
			test(`${localizePath(path, lang)} is accessible (${colorScheme})`, async ({ page }) => {
				await page.emulateMedia({ colorScheme });
				await goto(page, localizePath(path, lang));
				// Let entrance transitions finish before axe measures contrast.
				await page.waitForTimeout(300);
				await expectNoHorizontalOverflow(page);
				await expectAxeClean(page);
			});
		}
	}
}

// The decoder with each example open and the simulator in the middle of each scenario: every example
// and scenario once per width, the languages and colour schemes taken in turn (each combination
// comes up several times; every page above is already checked in all four).
const combos = [
	['en', 'light'],
	['ko', 'dark'],
	['en', 'dark'],
	['ko', 'light']
] as const;

for (const [i, example] of EXAMPLE_IDS.entries()) {
	const [lang, colorScheme] = combos[i % combos.length];
	test(`${localizePath('/decode/', lang)} with the example “${example}” open is accessible (${colorScheme})`, async ({
		page
	}) => {
		await page.emulateMedia({ colorScheme });
		await goto(page, localizePath('/decode/', lang));
		const examples = page.locator('.examples li button');
		await expect(examples).toHaveCount(EXAMPLE_IDS.length);
		await examples.nth(i).click();
		await page.waitForTimeout(300);
		await expectNoHorizontalOverflow(page);
		await expectAxeClean(page);
	});
}

for (const [i, id] of scenarioIds.entries()) {
	const [lang, colorScheme] = combos[i % combos.length];
	test(`${localizePath('/simulate/', lang)} in the middle of “${id}” is accessible (${colorScheme})`, async ({
		page
	}) => {
		await page.emulateMedia({ colorScheme });
		const middle = Math.floor(runScenario(id).steps.length / 2);
		await goto(page, localizePath(`/simulate/?scenario=${id}&step=${middle}`, lang));
		await page.waitForTimeout(300);
		await expectNoHorizontalOverflow(page);
		await expectAxeClean(page);
	});
}
