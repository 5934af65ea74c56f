// After one visit, the whole site works offline (src/service-worker.ts caches every built file):
// pages in both languages, lessons with their widgets and practice, the decoder (its reader and
// worker), the simulator's engine, embeds; under a base path too. Only live connections need a
// network, and the live page says so when it cannot connect.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, loadLessonWidgets, test } from './helpers';

test.use({ serviceWorkers: 'allow' });

/** Visit `url` once online and wait until the service worker has cached the site and controls the page. */
async function visitOnce(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
	});
	// The whole build is in the cache: both languages' pages and their data, every script.
	const cached = await page.evaluate(async () => {
		const name = (await caches.keys()).find((k) => k.startsWith('fbf-'));
		return name ? (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname) : [];
	});
	expect(cached.length).toBeGreaterThan(100);
	for (const p of ['/ko/learn/masking/', '/decode/', '/embed/practice/'])
		expect(cached.some((c) => c.endsWith(p))).toBe(true);
}

async function offline(context: BrowserContext, page: Page, url: string): Promise<void> {
	await context.setOffline(true);
	const response = await page.goto(url);
	expect(response?.fromServiceWorker()).toBe(true);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.locator('[data-code-pending]')).toHaveCount(0);
}

for (const [origin, base] of [
	['http://127.0.0.1:4173', ''],
	['http://127.0.0.1:4174', '/fbf']
] as const) {
	test.describe(`offline after one visit${base ? ` (under ${base}/)` : ''}`, () => {
		test.skip(({ isMobile }) => isMobile && !!base, 'the base-path copy once, on the desktop project');
		test.skip(!!process.env.E2E_BASE_URL, 'needs the local builds');

		test('every kind of page loads and works with the network gone', async ({ page, context }) => {
			test.setTimeout(180_000);
			await visitOnce(page, `${origin}${base}/`);

			// A lesson in Korean, read to the end: its widgets and its practice load from the cache.
			await offline(context, page, `${origin}${base}/ko/learn/masking/?seed=5`);
			await loadLessonWidgets(page);
			await expect(page.locator('.practice-set[data-seed="5"] .exercise')).toHaveCount(3);
			await expect(page.locator('figure.widget').first()).toBeVisible();

			// The decoder reads a paste (its reader is a separate script).
			await page.goto(`${origin}${base}/decode/?hex=818537fa213d7f9f4d5158`);
			await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			await expect(page.getByRole('article', { name: /^Frame 1 / })).toBeVisible();

			// The simulator runs its engine.
			await page.goto(`${origin}${base}/simulate/?scenario=echo&step=3`);
			await expect(page.getByText('Step 3 of 21', { exact: true })).toBeVisible();

			// An embed, and a page never visited before in this context.
			await page.goto(`${origin}${base}/ko/embed/sequence/?scenario=echo`);
			await expect(page.locator('[data-embed="sequence"][data-ready]')).toBeAttached();
			await page.goto(`${origin}${base}/learn/closing/`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Closing the connection');

			// Back online, pages still load (from the cache, then the network for what is new).
			await context.setOffline(false);
			await page.goto(`${origin}${base}/learn/`);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		});
	});
}
