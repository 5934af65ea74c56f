// Embeds (/embed/<diagram>/): each renders its diagram alone, in the theme ?theme asks for, and the
// "copy embed code" snippet works when pasted into a page on another origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, expectNoHorizontalOverflow, goto, localizePath, test } from './helpers';

interface Case {
	path: string;
	/** Something only this diagram shows, with these parameters. */
	shows: (lang: 'en' | 'ko') => RegExp | string;
}

const cases: Case[] = [
	{ path: '/embed/frame-layout/', shows: (l) => (l === 'en' ? 'Extended payload length' : '확장 페이로드 길이') },
	{ path: '/embed/decode/?hex=880203e8', shows: () => '1000' },
	{ path: '/embed/mask/?key=37fa213d&text=Hi', shows: () => /7f[\s\S]*93/ },
	{ path: '/embed/accept/?key=dGhlIHNhbXBsZSBub25jZQ%3D%3D', shows: () => 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' },
	{ path: '/embed/simulate/?scenario=echo&step=3', shows: (l) => (l === 'en' ? /Step 3 of/ : /3/) },
	{ path: '/embed/sequence/?scenario=ping-pong', shows: () => /Ping|핑/i }
];

for (const theme of ['light', 'dark'] as const) {
	for (const lang of ['en', 'ko'] as const) {
		for (const c of cases) {
			test(`${c.path} renders (${lang}, ${theme})`, async ({ page }) => {
				const sep = c.path.includes('?') ? '&' : '?';
				await goto(page, localizePath(`${c.path}${sep}theme=${theme}`, lang));
				await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				await expect(page.locator('[data-embed][data-ready]')).toBeVisible();
				await expect(page.locator('[data-embed] .body')).toContainText(c.shows(lang));
				// No site chrome: no header navigation, just the diagram and a link to the full page.
				await expect(page.getByRole('navigation')).toHaveCount(0);
				const home = page.getByRole('link', { name: /Frame by Frame/ });
				await expect(home).toHaveAttribute('target', '_blank');
				await expect(home).toHaveAttribute('rel', /noopener/);
				await expectNoHorizontalOverflow(page);
			});
		}
	}
}

test('an embed follows ?lang= as well as its path, and keeps the rest of its query', async ({ page }) => {
	await goto(page, '/embed/mask/?key=37fa213d&text=Hi&lang=ko&theme=dark');
	await expect(page).toHaveURL(/\/ko\/embed\/mask\/\?key=37fa213d&text=Hi&theme=dark$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.locator('[data-embed="mask"][data-ready]')).toBeVisible();
	await goto(page, '/ko/embed/accept/?lang=en');
	await expect(page).toHaveURL(/\/embed\/accept\/$/);
	await expect(page).not.toHaveURL(/\/ko\//);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('an embed with an unknown scenario says so', async ({ page }) => {
	await goto(page, '/embed/sequence/?scenario=no-such-thing');
	await expect(page.getByRole('note')).toContainText('“no-such-thing”');
});

test('an embed with unreadable hex says so', async ({ page }) => {
	await goto(page, '/embed/decode/?hex=zz');
	await expect(page.getByRole('note')).toBeVisible();
});

test('the simulate embed has step controls', async ({ page }) => {
	await goto(page, '/embed/simulate/?scenario=echo&step=2');
	await expect(page.getByText(/Step 2 of/)).toBeVisible();
	await page.getByRole('button', { name: 'Step forward' }).click();
	await expect(page.getByText(/Step 3 of/)).toBeVisible();
});

test.describe('copy embed code', () => {
	let server: Server;
	let snippet = '';
	let hostUrl = '';

	test.beforeAll(async () => {
		// Another origin: a page on its own port that holds only the copied snippet.
		server = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(
				`<!doctype html><html lang="en"><title>Host</title><body><h1>A teacher's page</h1>${snippet}</body></html>`
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	});
	test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	test('a lesson widget gives an iframe that renders on another origin', async ({ page, context, baseURL }) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
		await goto(page, '/learn/masking/');
		const widget = page.locator('figure[data-widget="mask"]');
		await widget.getByRole('button', { name: 'Copy embed code' }).click();
		await expect(widget.getByRole('status').filter({ hasText: /copied|Ctrl\+C/ })).toBeVisible();
		snippet = await widget.getByRole('textbox', { name: 'Embed code' }).inputValue();
		expect(snippet).toMatch(
			/^<iframe src="http:\/\/[^"]+\/embed\/mask\/\?key=37fa213d&amp;text=Hello" title="[^"]+" width="100%" height="\d+" style="border:0" loading="lazy"><\/iframe><script>.+<\/script>$/
		);
		expect(new URL(snippet.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&')).origin).toBe(new URL(baseURL!).origin);

		await page.goto(hostUrl);
		expect(new URL(page.url()).origin).not.toBe(new URL(baseURL!).origin);
		const frame = page.frameLocator('iframe');
		// "Hello" masked with 37 fa 21 3d (RFC 6455 §5.7) starts 7f 9f.
		await expect(frame.locator('[data-embed="mask"][data-ready]')).toBeVisible({ timeout: 15_000 });
		await expect(frame.getByRole('cell', { name: '7f', exact: true }).first()).toBeVisible();
		await expect(frame.getByRole('link', { name: /Frame by Frame/ })).toHaveAttribute('target', '_blank');
	});

	test('the iframe fits its content, and follows it as it grows and shrinks', async ({ page }) => {
		await goto(page, '/learn/frame-format/');
		const widget = page.locator('figure[data-widget="simulate"]');
		await widget.getByRole('button', { name: 'Copy embed code' }).click();
		snippet = await widget.getByRole('textbox', { name: 'Embed code' }).inputValue();
		const declared = Number(/height="(\d+)"/.exec(snippet)![1]);
		await page.goto(hostUrl);
		const iframe = page.locator('iframe');
		const frame = page.frameLocator('iframe');
		await expect(frame.locator('[data-embed="simulate"][data-ready]')).toBeVisible({ timeout: 15_000 });
		/** The embed's content height, measured inside the iframe, and the iframe's own height. */
		const heights = async () => ({
			content: await frame
				.locator('main')
				.evaluate((m) => Math.ceil(m.getBoundingClientRect().bottom + window.scrollY)),
			iframe: await iframe.evaluate((f) => Math.round(f.getBoundingClientRect().height))
		});
		await expect.poll(async () => (await heights()).iframe).toBe((await heights()).content);
		const first = await heights();
		expect(first.iframe).not.toBe(declared);
		const seen = new Set<number>([first.iframe]);
		// Forward to the end, then back to the start: the explanation and the bytes change, and so does the height.
		for (const name of ['Step forward', 'Step back']) {
			const button = frame.getByRole('button', { name });
			for (let i = 0; i < 12 && (await button.isEnabled()); i++) {
				await button.click();
				await expect
					.poll(async () => {
						const h = await heights();
						return h.iframe === h.content;
					})
					.toBe(true);
				seen.add((await heights()).iframe);
			}
		}
		expect(seen.size).toBeGreaterThan(1);
		// No scrollbar inside: everything the embed shows is in view of the host page.
		expect(await frame.locator('html').evaluate((h) => h.scrollHeight <= window.innerHeight + 1)).toBe(true);
	});

	test('without its script the iframe keeps the height the snippet declares', async ({ page }) => {
		await goto(page, '/learn/masking/');
		const widget = page.locator('figure[data-widget="mask"]');
		await widget.getByRole('button', { name: 'Copy embed code' }).click();
		const full = await widget.getByRole('textbox', { name: 'Embed code' }).inputValue();
		snippet = full.replace(/<script>[\s\S]*<\/script>$/, '');
		const declared = Number(/height="(\d+)"/.exec(snippet)![1]);
		await page.goto(hostUrl);
		await expect(page.frameLocator('iframe').locator('[data-embed="mask"][data-ready]')).toBeVisible({
			timeout: 15_000
		});
		expect(await page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().height))).toBe(declared);
	});

	test('the simulate widget embeds the step the reader is on', async ({ page }) => {
		await goto(page, '/learn/frame-format/');
		const widget = page.locator('figure[data-widget="simulate"]');
		await widget.getByRole('button', { name: 'Step forward' }).click();
		await widget.getByRole('button', { name: 'Copy embed code' }).click();
		snippet = await widget.getByRole('textbox', { name: 'Embed code' }).inputValue();
		expect(snippet).toContain('/embed/simulate/?scenario=large-16&amp;step=2"');
		await page.goto(hostUrl);
		await expect(page.frameLocator('iframe').getByText(/Step 2 of/)).toBeVisible({ timeout: 15_000 });
	});

	test('the simulator embeds a custom scenario as set up, at the step shown', async ({ page }) => {
		await goto(page, '/simulate/?scenario=custom&msg=Bonjour%20la%20classe&step=9');
		await expect(page.getByText(/Step 9 of/).first()).toBeVisible();
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		snippet = await page.getByRole('textbox', { name: 'Embed code' }).inputValue();
		expect(snippet).toMatch(/\/embed\/simulate\/\?scenario=custom&amp;step=9&amp;msg=Bonjour%20la%20classe"/);
		await page.goto(hostUrl);
		const frame = page.frameLocator('iframe');
		await expect(frame.getByText(/Step 9 of/)).toBeVisible({ timeout: 15_000 });
		// The teacher's message, not the default one, is what the embedded engines sent.
		await expect(
			frame
				.locator('[data-embed]')
				.getByText(/Bonjour la classe/)
				.first()
		).toBeVisible();
	});

	test('the decoder embeds the frames pasted, whatever format they came in', async ({ page }) => {
		await goto(page, '/decode/?hex=' + encodeURIComponent('0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00'));
		await expect(page.getByRole('article', { name: /^Frame 1 / })).toBeVisible();
		await page.getByRole('button', { name: 'Copy embed code' }).click();
		snippet = await page.getByRole('textbox', { name: 'Embed code' }).inputValue();
		expect(snippet).toContain('/embed/decode/?hex=c107f248cdc9c90700"');
		await page.goto(hostUrl);
		const frame = page.frameLocator('iframe');
		await expect(frame.locator('[data-embed="decode"][data-ready]')).toBeVisible({ timeout: 15_000 });
		await expect(frame.getByLabel('Inflated message: Frame 1', { exact: true })).toHaveText('Hello');
	});
});

test('diagrams download as SVG and PNG', async ({ page }) => {
	await goto(page, '/embed/sequence/?scenario=echo');
	const [svg] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download SVG' }).click()
	]);
	expect(svg.suggestedFilename()).toBe('sequence-echo.svg');
	const svgText = await (await svg.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
	expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
	expect(svgText).toContain('Client');
	// Colours are written in, so the file looks the same outside the site.
	expect(svgText).not.toContain('var(--');

	const [png] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download PNG' }).click()
	]);
	expect(png.suggestedFilename()).toBe('sequence-echo.png');
	const head = await (await png.createReadStream()).toArray().then((c) => Buffer.concat(c).subarray(0, 8));
	expect([...head]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	await expect(page.getByRole('status').filter({ hasText: 'sequence-echo.png' })).toBeVisible();
});
