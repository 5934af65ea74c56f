// Parts of a page whose code loads beside it (the decoder's reader, the simulator's engine, an
// embed's diagram): when that code cannot be fetched (offline, or a deploy replaced the files), the
// page says so in place, keeps what the reader typed, and "Try again" loads it once it can.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { expect, test, waitForHydration } from './helpers';

test.use({
	allowedConsoleErrors: [/Failed to load resource|dynamically imported module|Importing a module script failed/]
});

/** Each built page's up-front scripts, as npm run weight finds them (its static import closure). */
function upFrontScripts(): Map<string, Set<string>> {
	const rows: { page: string; scripts: string[] }[] = JSON.parse(
		execFileSync(process.execPath, ['scripts/page-weight.mjs', 'build', '--json'], { encoding: 'utf8' })
	);
	return new Map(rows.map((r) => [r.page, new Set(r.scripts)]));
}

/** Open `path` with every script it would fetch with import() failing, until the returned `lift()`. */
async function offlineAfterLoad(page: Page, path: string): Promise<() => Promise<void>> {
	const upFront = upFrontScripts().get(new URL(path, 'http://x').pathname)!;
	const handler = (route: Route) => {
		const file = new URL(route.request().url()).pathname.replace(/^.*?(_app\/)/, '$1');
		// Route nodes (SvelteKit loads the error page's at start) load: this is about the page's own parts.
		return upFront.has(file) || file.includes('/nodes/') ? route.continue() : route.abort('internetdisconnected');
	};
	await page.route('**/_app/immutable/**/*.js', handler);
	await page.goto(path);
	await waitForHydration(page);
	return () => page.unroute('**/_app/immutable/**/*.js', handler);
}

test.skip(!!process.env.E2E_BASE_URL || !existsSync('build/index.html'), 'needs the local build');

test('the decoder says it could not load its reader, keeps the input, and tries again', async ({ page }) => {
	const lift = await offlineAfterLoad(page, '/decode/?hex=81%2005%2048%2065%206c%206c%206f');
	const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' }).first();
	await expect(alert).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Bytes to decode' })).toHaveValue('81 05 48 65 6c 6c 6f');
	await lift();
	await page
		.getByRole('alert')
		.filter({ hasText: 'could not be loaded' })
		.getByRole('button', { name: 'Try again' })
		.first()
		.click();
	await expect(page.getByRole('article', { name: /^Frame 1 / })).toBeVisible();
});

test('the simulator says it could not load the engine, and tries again', async ({ page }) => {
	const lift = await offlineAfterLoad(page, '/simulate/?scenario=echo&step=3');
	await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toBeVisible();
	// The scenario list works without the engine.
	await expect(page.getByLabel('Scenario')).toHaveValue('echo');
	await lift();
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByText('Step 3 of 21', { exact: true })).toBeVisible();
});

test('an embed says it could not load its diagram, and tries again', async ({ page }) => {
	const lift = await offlineAfterLoad(page, '/embed/sequence/?scenario=echo');
	await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toBeVisible();
	await lift();
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.locator('[data-embed="sequence"][data-ready]')).toBeVisible();
	await expect(page.getByRole('img').first()).toBeVisible();
});
