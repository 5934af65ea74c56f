// Each language's site is in that language. Walks every page a reader can reach, in Korean and in
// English: every lesson, every simulator scenario step by step, every decoder example and a few
// bad inputs, the live page connected to the project's server, every embed. On each, the visible
// text and the accessible names are searched for the other language: on /ko/, a run of English
// words; on the English site, any Hangul. Bytes, code and HTTP heads are quoted as they are on the
// wire (code, pre, kbd, samp, the byte views, translate="no"), and a quotation marked with its own
// lang (an RFC's words in a Korean lesson, the language switch's "한국어") is foreign on purpose;
// everything else is ours to translate.
import type { Page } from '@playwright/test';
import { exampleText, type ExampleId } from '$lib/decode/examples';
import { runScenario, scenarioIds } from '$lib/trace';
import { decodeText } from '$lib/i18n/decode';
import { liveText } from '$lib/i18n/live';
import { simulateText } from '$lib/i18n/simulate';
import { hexToBytes } from '$lib/hex';
import { expect, goto, localizePath, test, type Lang } from './helpers';

/**
 * Text on the page that is not in `lang`. For Korean: runs of four or more English words
 * (technical names that Korean text uses as they are, FIN, opcode, permessage-deflate,
 * Sec-WebSocket-Key, are single words and rarely four in a row). For English: any Hangul.
 * Closed <details> are opened first, so what they hide is read too.
 */
async function foreignOn(page: Page, lang: Lang): Promise<string[]> {
	return page.evaluate((lang) => {
		for (const d of document.querySelectorAll('details')) d.open = true;
		const other = lang === 'ko' ? 'en' : 'ko';
		const QUOTED = `code, pre, kbd, samp, script, style, svg text, [lang="${other}"], [translate="no"], .mono, .hex`;
		const RUN =
			lang === 'ko'
				? /[A-Za-z][A-Za-z'’]+(?:[ ,:;.()-]+[A-Za-z][A-Za-z'’]*){3,}/g
				: /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+/g;
		const found = new Set<string>();
		const check = (text: string, where: string) => {
			for (const m of text.matchAll(RUN)) found.add(`${where}: “${m[0]}” in “${text.trim().slice(0, 160)}”`);
		};
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || parent.closest(QUOTED) || !parent.checkVisibility()) continue;
			check(node.textContent ?? '', parent.tagName.toLowerCase());
		}
		for (const el of document.body.querySelectorAll<HTMLElement>('[aria-label], [title], [alt], [placeholder]')) {
			if (el.closest(`[lang="${other}"], [translate="no"]`)) continue;
			for (const attr of ['aria-label', 'title', 'alt', 'placeholder']) {
				const value = el.getAttribute(attr);
				if (value) check(value, `${el.tagName.toLowerCase()}[${attr}]`);
			}
		}
		return [...found];
	}, lang);
}

for (const lang of ['ko', 'en'] as const) {
	const name = lang === 'ko' ? 'Korean' : 'English';

	async function expectOnlyLang(page: Page, where: string): Promise<void> {
		// Soft: one walk lists every page with foreign words on it, not just the first.
		expect.soft(await foreignOn(page, lang), `not ${name}, on ${where}`).toEqual([]);
	}

	test.describe(`the ${name} site is in ${name}`, () => {
		test.skip(({ isMobile }) => isMobile, 'the walk runs once, on the desktop project');

		test('the home page and every lesson', async ({ page }) => {
			// Ten lessons, each read to the end so that its widgets load: longer than one page's test.
			test.setTimeout(300_000);
			await goto(page, localizePath('/', lang));
			await expectOnlyLang(page, 'the home page');
			await goto(page, localizePath('/learn', lang));
			await expectOnlyLang(page, 'the lesson list');
			const links = await page
				.getByRole('main')
				.getByRole('link')
				.evaluateAll((as) => [
					...new Set(as.map((a) => (a as HTMLAnchorElement).pathname).filter((p) => /\/learn\/[^/]+\/?$/.test(p)))
				]);
			expect(links.length).toBeGreaterThanOrEqual(10);
			for (const path of links) {
				await goto(page, path);
				await expectOnlyLang(page, path);
			}
		});

		for (const id of scenarioIds) {
			test(`the simulator, every step of ${id}`, async ({ page }) => {
				const steps = runScenario(id).steps.length;
				const c = simulateText(lang).controls;
				await goto(page, `${localizePath('/simulate', lang)}?scenario=${id}`);
				const forward = page.getByRole('button', { name: c.forward, exact: true });
				for (let i = 1; i <= steps; i++) {
					await expect(page.getByText(c.stepOf(i, steps), { exact: true })).toBeVisible();
					await expectOnlyLang(page, `${id}, step ${i}`);
					if (i < steps) await forward.click();
				}
			});
		}

		test('the simulator, with parameters it cannot use', async ({ page }) => {
			await goto(page, `${localizePath('/simulate', lang)}?scenario=handshake&key=not-base64&protocols=a%20b`);
			await expectOnlyLang(page, 'the simulator with a bad key');
			await goto(page, `${localizePath('/simulate', lang)}?scenario=echo&mask=zz`);
			await expectOnlyLang(page, 'the simulator with a bad mask key');
		});

		test('the decoder, every example and bad input', async ({ page }) => {
			const t = decodeText(lang);
			await goto(page, localizePath('/decode', lang));
			await expectOnlyLang(page, 'the empty decoder');
			const input = page.getByRole('textbox', { name: t.input.label, exact: true });
			const status = page.getByRole('status').filter({ hasText: t.status.readAs });
			for (const id of Object.keys(t.examples) as ExampleId[]) {
				await page.getByRole('button', { name: t.examples[id], exact: true }).click();
				// The 64 KiB example is too long for the text box; the status line says what was read.
				await expect(status).toContainText(t.status.bytes(hexToBytes(exampleText(id)).length));
				await expectOnlyLang(page, `the decoder, example ${id}`);
			}
			const bad = [
				'81 05 48 65 6c zz 6f', // not hex
				'81 05 48 65', // cut off
				'81 7e 00 05 48 65 6c 6c 6f', // a 16-bit length for 5 bytes
				'88 01 03', // a close frame with a 1-byte payload
				'88 02 03 ed', // close code 1005 on the wire
				'81 85 00 00 00 00 ff', // masked, invalid UTF-8, cut off
				'GET / HTTP/1.1\nHost: x\n\n' // a request without the WebSocket headers, as text
			];
			for (const text of bad) {
				await input.fill(text);
				await expect(input).toHaveValue(text);
				await expect(
					page
						.getByRole('status')
						.filter({ hasText: t.status.readAs })
						.or(page.getByRole('status').filter({ hasText: t.parse.heading }))
						.first()
				).toBeVisible();
				await expectOnlyLang(page, `the decoder, input ${JSON.stringify(text)}`);
			}
		});

		test('live mode, connected to the project’s server', async ({ page }) => {
			const t = liveText(lang);
			await goto(page, localizePath('/live', lang));
			await expectOnlyLang(page, 'the live page');
			const address = page.getByRole('textbox', { name: t.connect.address, exact: true });
			const connect = page.getByRole('button', { name: t.connect.connect, exact: true });
			await address.fill('http://127.0.0.1:6455/');
			await connect.click();
			await expect(page.getByRole('alert')).toBeVisible();
			await expectOnlyLang(page, 'the live page with an http: address');
			await address.fill('ws://127.0.0.1:6455/');
			await connect.click();
			await expect(page.getByRole('status').filter({ hasText: t.connect.status.open('') })).toBeVisible();
			await page
				.getByRole('textbox', { name: t.send.message, exact: true })
				.fill(lang === 'ko' ? '안녕하세요' : 'hello');
			await page.getByRole('button', { name: t.send.send, exact: true }).click();
			const log = page.getByRole('list', { name: t.log.label });
			const received = log.getByRole('listitem').filter({ hasText: t.log.received }).first();
			await received.getByRole('button', { name: t.log.showFrame }).click();
			await expectOnlyLang(page, 'the live page, connected');
			await page.getByLabel(t.send.code).fill('4000');
			await page.getByRole('button', { name: t.send.closeButton, exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: t.connect.status.closed })).toBeVisible();
			await expectOnlyLang(page, 'the live page, closed');
		});

		test('every embed', async ({ page }) => {
			for (const path of [
				'accept',
				'decode',
				'frame-layout',
				'mask',
				'sequence',
				'simulate',
				'practice/?lesson=opening-handshake&seed=3'
			]) {
				await goto(page, localizePath(`/embed/${path}`, lang));
				await expectOnlyLang(page, `the ${path} embed`);
			}
		});
	});
}
