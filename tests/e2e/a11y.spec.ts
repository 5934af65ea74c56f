// Every page, in English and Korean, in light and dark: clean under axe (WCAG 2.1 AA), no sideways
// scrolling, no console errors (the `test` fixture fails on those). Runs in both projects (1280 and
// 390 px wide). Each page is loaded once and checked in both colour schemes (emulateMedia switches
// prefers-color-scheme live; the site's colours follow it through light-dark()).
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
		test(`${localizePath(path, lang)} is accessible in light and dark`, async ({ page }) => {
			await goto(page, localizePath(path, lang));
			for (const colorScheme of ['light', 'dark'] as const) {
				await page.emulateMedia({ colorScheme });
				// Let colour transitions finish before axe measures contrast.
				await page.waitForTimeout(300);
				await test.step(`${colorScheme}`, async () => {
					await expectNoHorizontalOverflow(page);
					await expectAxeClean(page);
				});
			}
		});
	}
}
