// The site chrome and the landing page: navigation, language, theme, accessibility, layout.
import {
	expect,
	expectAxeClean,
	expectNoHorizontalOverflow,
	goto,
	localizePath,
	test,
	type Lang,
	waitForHydration
} from './helpers';

const nav: Record<Lang, Record<'learn' | 'simulate' | 'decode' | 'live', string>> = {
	en: { learn: 'Learn', simulate: 'Simulate', decode: 'Decode', live: 'Live' },
	ko: { learn: '배우기', simulate: '시뮬레이터', decode: '디코더', live: '라이브' }
};
const navLabel: Record<Lang, string> = { en: 'Main', ko: '주 메뉴' };
const langLabel: Record<Lang, string> = { en: 'Language', ko: '언어' };

for (const lang of ['en', 'ko'] as const) {
	test.describe(`landing (${lang})`, () => {
		test('introduces WebSocket and the four sections, in the right language', async ({ page }) => {
			await goto(page, localizePath('/', lang));
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page).toHaveTitle(/Frame by Frame/);

			const cards = page.getByRole('main').getByRole('listitem');
			await expect(cards).toHaveCount(4);
			for (const label of Object.values(nav[lang])) {
				await expect(page.getByRole('main').getByRole('link', { name: label, exact: true })).toBeVisible();
			}
			// The frame art has a text alternative naming its bytes.
			await expect(page.getByRole('figure')).toContainText('81 05 48 65 6c 6c 6f');
		});

		test('navigates to each section from the header', async ({ page }) => {
			await goto(page, localizePath('/', lang));
			const mainNav = page.getByRole('navigation', { name: navLabel[lang] });
			for (const [section, label] of Object.entries(nav[lang])) {
				await mainNav.getByRole('link', { name: label }).click();
				// The simulator and the decoder write their state into the query soon after they load.
				await expect(page).toHaveURL(new RegExp(`${localizePath(`/${section}`, lang)}(\\?.*)?$`));
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expect(mainNav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
			}
			await page
				.getByRole('link', { name: /Frame by Frame/ })
				.first()
				.click();
			await expect(page).toHaveURL(localizePath('/', lang));
		});

		test('is accessible and fits the viewport, light and dark', async ({ page }) => {
			for (const colorScheme of ['light', 'dark'] as const) {
				await page.emulateMedia({ colorScheme });
				await goto(page, localizePath('/', lang));
				await expectNoHorizontalOverflow(page);
				await expectAxeClean(page);
			}
		});
	});
}

test('the language switch keeps the page and the query, and remembers the choice', async ({ page }) => {
	await goto(page, '/decode/?hex=81%2005');
	await page.getByRole('navigation', { name: langLabel.en }).getByRole('link', { name: '한국어' }).click();
	await expect(page).toHaveURL('/ko/decode/?hex=81%2005');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
	await expect(
		page.getByRole('navigation', { name: navLabel.ko }).getByRole('link', { name: nav.ko.decode })
	).toHaveAttribute('aria-current', 'page');
	expect(await page.evaluate(() => localStorage.getItem('fbf-lang'))).toBe('ko');

	await page.getByRole('navigation', { name: langLabel.ko }).getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL('/decode/?hex=81%2005');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	expect(await page.evaluate(() => localStorage.getItem('fbf-lang'))).toBe('en');
});

// The browser build ships each page the words of its own language (scripts/i18n-per-language.ts).
for (const [lang, path] of [
	['en', '/live/'],
	['ko', '/ko/live/'],
	['en', '/decode/'],
	['ko', '/ko/simulate/']
] as const) {
	test(`${path} loads the words of its own language and not the other's`, async ({ page }) => {
		const scripts: string[] = [];
		page.on('response', async (response) => {
			if (response.url().endsWith('.js')) scripts.push(await response.text().catch(() => ''));
		});
		await goto(page, path);
		await page.waitForLoadState('networkidle');
		const all = scripts.join('\n');
		// Sentences of each language's table in src/lib/i18n/site.ts, which every page loads.
		const english = 'Skip to content';
		const korean = '본문으로 건너뛰기';
		expect(all.includes(english)).toBe(lang === 'en');
		expect(all.includes(korean)).toBe(lang === 'ko');
		if (lang === 'en') expect(all.replaceAll('한국어', '')).not.toMatch(/[가-힣]/);
	});
}

test('a link to a page of the other language loads it as a new document, in that language', async ({ page }) => {
	await goto(page, '/decode/');
	await page.evaluate(() => {
		const a = document.createElement('a');
		a.href = '/ko/learn/';
		a.textContent = 'to Korean';
		document.body.prepend(a);
	});
	await page.getByRole('link', { name: 'to Korean' }).click();
	await expect(page).toHaveURL('/ko/learn/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
	await expect(page.getByRole('navigation', { name: navLabel.ko })).toBeVisible();
});

test('the language switch keeps the step the simulator has moved to since the page opened', async ({ page }) => {
	await goto(page, '/simulate/?scenario=echo&step=3');
	await page.getByRole('button', { name: 'Step forward' }).first().click();
	await expect(page).toHaveURL(/step=4/);
	await page.getByRole('navigation', { name: langLabel.en }).getByRole('link', { name: '한국어' }).click();
	await expect(page).toHaveURL('/ko/simulate/?scenario=echo&step=4');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

test('the theme toggle cycles system, light and dark, and the choice survives a reload', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await goto(page, '/');
	const html = page.locator('html');
	const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	await expect(html).not.toHaveAttribute('data-theme');
	const lightBackground = await background();

	await page.getByRole('button', { name: 'Theme: system' }).click();
	await expect(html).toHaveAttribute('data-theme', 'light');
	await page.getByRole('button', { name: 'Theme: light' }).click();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	expect(await background()).not.toBe(lightBackground);

	await page.reload();
	await waitForHydration(page);
	await expect(html).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('button', { name: 'Theme: dark' })).toBeVisible();
	expect(await background()).not.toBe(lightBackground);

	await page.getByRole('button', { name: 'Theme: dark' }).click();
	await expect(html).not.toHaveAttribute('data-theme');
	await page.reload();
	await waitForHydration(page);
	await expect(html).not.toHaveAttribute('data-theme');
	expect(await background()).toBe(lightBackground);
});

test('the skip link moves focus to the content', async ({ page, isMobile }) => {
	test.skip(isMobile, 'keyboard navigation is checked on desktop');
	await goto(page, '/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('main')).toBeFocused();
});

test.describe('first visit with a Korean browser', () => {
	test.use({ locale: 'ko-KR' });

	test('goes to the Korean home page', async ({ page }) => {
		await goto(page, '/');
		await expect(page).toHaveURL('/ko/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
	});

	test('stays in English once English was chosen', async ({ page }) => {
		await page.addInitScript(() => localStorage.setItem('fbf-lang', 'en'));
		await goto(page, '/');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page).toHaveURL('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});

test('an English browser stays on the English home page', async ({ page }) => {
	await goto(page, '/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page).toHaveURL('/');
});
