// Shared Playwright helpers. Import `test` and `expect` from here instead of '@playwright/test':
// every test then fails on a console error or an uncaught page error.
//
//   import { test, expect, goto, expectAxeClean, expectNoHorizontalOverflow, localizePath } from './helpers';
//
//   test('decoder explains a frame', async ({ page }) => {
//     await goto(page, localizePath('/decode', 'ko'));       // '/ko/decode/', once hydrated
//     await expectNoHorizontalOverflow(page);
//     await expectAxeClean(page);
//   });
//
// A test that expects an error in the console (a refused WebSocket connection, say) lists it:
//   test.use({ allowedConsoleErrors: [/WebSocket connection to .* failed/] });
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import * as pako from 'pako';
import { provideZlib } from '$lib/protocol';
import { test as base, expect, type Page } from '@playwright/test';

// Tests compute what a page should show with the engine itself (runScenario, analyzeStream), which
// needs its DEFLATE for the compressed scenarios, as any Node program does.
provideZlib(pako);

export { expect };
export { localizePath, stripLang, type Lang } from '$lib/i18n/lang';

export type ErrorPattern = string | RegExp;

/**
 * Starts collecting console errors and uncaught exceptions of `page` and returns a function that
 * lists them so far. The `test` fixture does this for the default `page`; call it yourself for
 * pages you open from `browser.newContext()`.
 */
export function watchPageErrors(page: Page, allowed: readonly ErrorPattern[] = []): () => string[] {
	const problems: string[] = [];
	const isAllowed = (text: string) =>
		allowed.some((pattern) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)));
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const { url, lineNumber } = message.location();
		const text = `console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`;
		if (!isAllowed(text)) problems.push(text);
	});
	page.on('pageerror', (error) => {
		const text = `page error: ${error.stack ?? error.message}`;
		if (!isAllowed(text)) problems.push(text);
	});
	return () => [...problems];
}

export const test = base.extend<{ allowedConsoleErrors: ErrorPattern[]; failOnPageErrors: void }>({
	allowedConsoleErrors: [[], { option: true }],
	failOnPageErrors: [
		async ({ page, allowedConsoleErrors }, use) => {
			const problems = watchPageErrors(page, allowedConsoleErrors);
			await use();
			expect(problems(), 'the page logged errors').toEqual([]);
		},
		{ auto: true }
	]
});

/**
 * Waits until SvelteKit has hydrated the page (html[data-hydrated], set by the root layout):
 * before that, a prerendered page shows its buttons but they do nothing when clicked.
 */
export async function waitForHydration(page: Page): Promise<void> {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** `page.goto(path)` and then `waitForHydration(page)`. */
export async function goto(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitForHydration(page);
	// Parts whose code loads beside the page (the decoder's results, the simulator's player, an
	// embed's diagram): a reader waits the moment they take to appear, and so does a test.
	await expect(page.locator('[data-code-pending]')).toHaveCount(0);
	// A lesson loads each widget as it nears the viewport: read to the end, as a reader would, so that
	// tests find every widget on the page.
	if (/\/learn\/[^/?#]+\/?(?:[?#]|$)/.test(path)) await loadLessonWidgets(page);
}

/** Scroll to the bottom a screen at a time, until every lesson widget has loaded; then back to the top. */
export async function loadLessonWidgets(page: Page): Promise<void> {
	await page.evaluate(() => window.scrollTo(0, 0));
	for (let i = 0; i < 200; i++) {
		const done = await page.evaluate(() => {
			window.scrollBy(0, window.innerHeight);
			return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
		});
		await page.waitForTimeout(30);
		if (done) break;
	}
	await expect(page.locator('[data-widget-pending]')).toHaveCount(0);
	await page.evaluate(() => window.scrollTo(0, 0));
}

/** Fails when the page scrolls sideways, naming the elements that stick out. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
	const { overflow, culprits } = await page.evaluate(() => {
		const root = document.documentElement;
		const width = root.clientWidth;
		const overflow = root.scrollWidth - width;
		const culprits: string[] = [];
		if (overflow > 0) {
			for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
				const rect = el.getBoundingClientRect();
				if (rect.width > 1 && rect.right > width + 1) {
					const id = el.id ? `#${el.id}` : '';
					const cls =
						typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
					culprits.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(rect.right)}px)`);
					if (culprits.length === 8) break;
				}
			}
		}
		return { overflow, culprits };
	});
	expect(
		overflow,
		`page is ${overflow}px wider than the ${page.viewportSize()?.width}px viewport; sticking out: ${culprits.join(', ')}`
	).toBeLessThanOrEqual(0);
}

export interface AxeOptions {
	/** CSS selectors to check (default: the whole page). */
	include?: string[];
	/** CSS selectors to leave out. */
	exclude?: string[];
	/** axe rule ids to skip, each with a reason in the calling test. */
	disableRules?: string[];
}

export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core with the WCAG 2.1 A and AA rules and fails on any violation, listing them. Rules axe
 * still calls experimental are on too when they test a WCAG 2.1 A/AA criterion: label-content-name-
 * mismatch is 2.5.3 Label in Name (a cell showing "1 FIN" must not be named "FIN: 1").
 */
export async function expectAxeClean(page: Page, options: AxeOptions = {}): Promise<void> {
	// One options object: AxeBuilder.options() replaces what withTags() set, which would run every rule.
	let builder = new AxeBuilder({ page }).options({
		runOnly: { type: 'tag', values: WCAG_21_AA_TAGS },
		rules: { 'label-content-name-mismatch': { enabled: true } }
	});
	for (const selector of options.include ?? []) builder = builder.include(selector);
	for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
	if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
	// Colours are judged at rest: a byte fading in is, for a moment, paler than any reader sees it
	// settle (finite animations only; an endless one, such as a spinner, would never end).
	await page.waitForFunction(() =>
		document
			.getAnimations()
			.every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)
	);
	const { violations } = await builder.analyze();
	const report = violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes
				.slice(0, 5)
				.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`)
				.join('\n')
	);
	expect(report, 'axe found WCAG 2.1 AA violations').toEqual([]);
}

/**
 * tshark's own reading of a capture file: the given fields of every packet it dissects as WebSocket,
 * one row per frame. null (with the test annotated) where tshark is not installed: the rest of the
 * test still runs. `npm run test:e2e` installs it (scripts/ensure-tshark.mjs).
 */
export function tsharkWebSocket(file: string, fields: readonly string[]): string[][] | null {
	try {
		execFileSync('tshark', ['--version'], { stdio: 'ignore' });
	} catch {
		test.info().annotations.push({ type: 'skipped', description: 'tshark is not installed' });
		return null;
	}
	const out = execFileSync(
		'tshark',
		['-r', file, '-Y', 'websocket', '-T', 'fields', ...fields.flatMap((f) => ['-e', f])],
		{
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'] // tshark warns on stderr when run as root
		}
	);
	return out
		.trim()
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => line.split('\t'));
}
