// Every page, in English and Korean, in light and dark: clean under axe (WCAG 2.1 AA), no sideways
// scrolling, no console errors (the `test` fixture fails on those). Runs in both projects (1280 and
// 390 px wide). The page is loaded afresh in each colour scheme: switching prefers-color-scheme on
// a rendered page can leave Chromium's color-mix(light-dark()) tints stale, which is not what a
// reader who opens the page in dark mode sees.
import { expectAxeClean, expectNoHorizontalOverflow, goto, localizePath, test } from './helpers';

const pages = [
	'/',
	'/learn/',
	'/learn/frame-format/',
	'/simulate/',
	'/decode/',
	'/live/',
	'/embed/frame-layout/',
	'/embed/decode/',
	'/embed/mask/',
	'/embed/accept/',
	'/embed/simulate/',
	'/embed/sequence/'
];

for (const lang of ['en', 'ko'] as const) {
	for (const path of pages) {
		for (const colorScheme of ['light', 'dark'] as const) {
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
