// A copy of the site built with BASE_PATH=/fbf and served under /fbf/ only (scripts/serve-static.mjs,
// started by playwright.config.ts), as a school or a GitHub Pages project site hosts it. Every page
// both languages, every embed, is crawled: no request may leave /fbf/ (a link, an asset, a worker,
// a lesson widget's code), and none may fail. A few things that build URLs at run time are used too:
// the language switch, the decoder's capture worker, a lesson's embed code and practice link.
import type { Page, Request } from '@playwright/test';
import { expect, loadLessonWidgets, test } from './helpers';

const ORIGIN = 'http://127.0.0.1:4174';
const BASE = '/fbf';

test.describe('served under a base path', () => {
	test.skip(({ isMobile }) => isMobile, 'the crawl runs once, on the desktop project');
	test.skip(!!process.env.E2E_BASE_URL, 'needs the local base-path build');

	/** Watch every request and every failed response of `page`: what left the base path, what failed. */
	function watch(page: Page): { outside: string[]; failed: string[] } {
		const outside: string[] = [];
		const failed: string[] = [];
		page.on('request', (r: Request) => {
			const url = r.url();
			if (url.startsWith('data:') || url.startsWith('blob:')) return;
			if (!url.startsWith(`${ORIGIN}${BASE}/`)) outside.push(`${url} (from ${page.url()})`);
		});
		page.on('response', (r) => {
			if (r.status() >= 400) failed.push(`${r.status()} ${r.url()} (from ${page.url()})`);
		});
		// ERR_ABORTED is the browser dropping a preload when the test navigates on, not a missing file.
		page.on('requestfailed', (r) => {
			const error = r.failure()?.errorText ?? '';
			if (!error.includes('ERR_ABORTED')) failed.push(`${error} ${r.url()} (from ${page.url()})`);
		});
		return { outside, failed };
	}

	async function open(page: Page, path: string): Promise<void> {
		await page.goto(`${ORIGIN}${path}`);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		if (/\/learn\/[^/?#]+\/?(?:[?#]|$)/.test(path)) await loadLessonWidgets(page);
		await expect(page.locator('[data-code-pending]')).toHaveCount(0);
	}

	test('a crawl of every page stays under /fbf/', async ({ page }) => {
		test.setTimeout(300_000);
		const { outside, failed } = watch(page);
		const embeds = [
			'frame-layout',
			'decode',
			'mask',
			'accept',
			'simulate',
			'sequence',
			'practice/?lesson=masking&seed=1'
		];
		const queue = [
			`${BASE}/`,
			`${BASE}/ko/`,
			...embeds.flatMap((e) => [`${BASE}/embed/${e}`, `${BASE}/ko/embed/${e}`])
		].map((p) => p.replace(/\/embed\/([a-z-]+)$/, '/embed/$1/'));
		const seen = new Set<string>();
		while (queue.length) {
			const path = queue.shift()!;
			const key = path.split('?')[0];
			if (seen.has(key)) continue;
			seen.add(key);
			await open(page, path);
			const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
			for (const href of links) {
				const url = new URL(href);
				if (url.origin !== ORIGIN) continue;
				expect(url.pathname, `a link on ${path}`).toMatch(new RegExp(`^${BASE}/`));
				if (!seen.has(url.pathname)) queue.push(url.pathname + url.search);
			}
		}
		// Both languages, every lesson, every tool.
		expect(seen.size).toBeGreaterThanOrEqual(40);
		for (const p of ['/learn/masking/', '/ko/learn/closing/', '/decode/', '/ko/simulate/', '/live/'])
			expect(seen).toContain(`${BASE}${p}`);
		expect(outside).toEqual([]);
		expect(failed).toEqual([]);
	});

	test('what builds URLs at run time keeps the base: language switch, worker, embed code, practice link', async ({
		page,
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		const { outside, failed } = watch(page);
		await open(page, `${BASE}/learn/masking/?seed=5`);
		await page.getByRole('link', { name: '한국어' }).click();
		await expect(page).toHaveURL(`${ORIGIN}${BASE}/ko/learn/masking/?seed=5`);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await open(page, `${BASE}/learn/masking/?seed=5`);
		await page.getByRole('button', { name: 'Copy embed code' }).first().click();
		expect(await page.locator('.widget textarea').first().inputValue()).toContain(`src="${ORIGIN}${BASE}/embed/`);
		await page.getByText('For a class').click();
		expect(await page.getByRole('textbox', { name: 'Link to these exercises' }).inputValue()).toBe(
			`${ORIGIN}${BASE}/learn/masking/?seed=5#practice`
		);
		// A capture opens in a worker whose script comes from under the base path.
		await open(page, `${BASE}/decode/`);
		await page.locator('input[type=file]').setInputFiles('tests/fixtures/captures/lo.pcap');
		await expect(page.locator('.talk').first()).toBeVisible();
		expect(outside).toEqual([]);
		expect(failed).toEqual([]);
	});
});
