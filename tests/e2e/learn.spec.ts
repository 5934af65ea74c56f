// Lessons: the list, a lesson in English and Korean, its live widgets, and moving between lessons.
import {
	expect,
	expectNoHorizontalOverflow,
	goto,
	loadLessonWidgets,
	localizePath,
	test,
	waitForHydration
} from './helpers';

const text = {
	en: {
		list: 'Learn WebSocket',
		lesson: 'The frame format',
		next: 'Masking',
		prev: 'WebSocket URIs',
		step: /Step 2 of/,
		fin: 'FIN, 1 bit',
		finMeaning: 'final frame of a message',
		decoder: 'Open in the decoder',
		simulator: 'Open in the simulator',
		copy: 'Copy embed code'
	},
	ko: {
		list: '웹소켓 배우기',
		lesson: '프레임 구조',
		next: '마스킹',
		prev: '웹소켓 URI',
		step: /2단계|2\s*\/|Step 2/,
		fin: 'FIN, 1비트',
		finMeaning: '마지막 프레임이면 1',
		decoder: '디코더에서 열기',
		simulator: '시뮬레이터에서 열기',
		copy: '임베드 코드 복사'
	}
} as const;

for (const lang of ['en', 'ko'] as const) {
	const t = text[lang];
	test.describe(`learn (${lang})`, () => {
		test('the lesson list leads to a lesson', async ({ page }) => {
			await goto(page, localizePath('/learn', lang));
			await expect(page.getByRole('heading', { level: 1, name: t.list })).toBeVisible();
			const links = page.getByRole('main').getByRole('listitem').getByRole('link');
			await expect(links).toHaveCount(11);
			await links.filter({ hasText: t.lesson }).click();
			await expect(page).toHaveURL(new RegExp(`${localizePath('/learn/frame-format', lang)}$`));
			await expect(page.getByRole('heading', { level: 1, name: t.lesson })).toBeVisible();
		});

		test('the frame format lesson has live widgets', async ({ page }) => {
			await goto(page, localizePath('/learn/frame-format', lang));
			const figures = page.locator('figure[data-widget]');
			await expect(figures).toHaveCount(3);

			// The frame layout: focusing a field explains it.
			const layout = figures.filter({ has: page.getByRole('group', { name: /RFC 6455 §5\.2/ }) });
			const fin = layout.getByRole('button', { name: t.fin });
			await fin.focus();
			await expect(layout.locator('[aria-live]').first()).toContainText(t.finMeaning);
			await page.keyboard.press('ArrowRight');
			await expect(layout.getByRole('button', { name: /^RSV1/ })).toBeFocused();

			// The simulator's player steps forward, and the link keeps the step it is on.
			const sim = page.locator('figure[data-widget="simulate"]');
			await expect(sim.getByRole('link', { name: t.simulator })).toHaveAttribute('href', /scenario=large-16&step=1$/);
			await sim.getByRole('button', { name: lang === 'en' ? 'Step forward' : '한 단계 앞으로', exact: true }).click();
			await expect(sim.getByRole('link', { name: t.simulator })).toHaveAttribute('href', /scenario=large-16&step=2$/);

			// The decoder's view of 81 05 48 65 6c 6c 6f shows "Hello" and opens in the decoder.
			const dec = page.locator('figure[data-widget="decode"]');
			await expect(dec).toContainText('Hello');
			await expect(dec.getByRole('link', { name: t.decoder })).toHaveAttribute(
				'href',
				localizePath('/decode?hex=810548656c6c6f', lang)
			);
			for (const f of await figures.all()) await expect(f.getByRole('button', { name: t.copy })).toBeVisible();
			await expectNoHorizontalOverflow(page);
		});

		test('next and previous move between lessons', async ({ page }) => {
			await goto(page, localizePath('/learn/frame-format', lang));
			await page
				.getByRole('link', { name: new RegExp(t.next) })
				.and(page.locator('[rel="next"]'))
				.click();
			await expect(page.getByRole('heading', { level: 1, name: t.next })).toBeVisible();
			await page.locator('a[rel="prev"]').click();
			await expect(page.getByRole('heading', { level: 1, name: t.lesson })).toBeVisible();
			await page.locator('a[rel="prev"]').click();
			await expect(page.getByRole('heading', { level: 1, name: new RegExp(t.prev) })).toBeVisible();
		});
	});
}

test('a lesson loads each widget as it comes near, and shows it where the placeholder was', async ({ page }) => {
	// page.goto, not goto: the helper scrolls through the lesson, and here the reader has not yet.
	await page.goto('/learn/opening-handshake/');
	await waitForHydration(page);
	const pending = page.locator('[data-widget-pending]');
	const loaded = page.locator('figure[data-widget]');
	const total = (await pending.count()) + (await loaded.count());
	expect(total).toBeGreaterThan(0);
	// The last widget is far below the first screen: not loaded until the reader gets near it.
	await expect(pending.last()).toBeAttached();
	await pending.last().scrollIntoViewIfNeeded();
	await expect(loaded.last()).toBeVisible();
	await loadLessonWidgets(page);
	await expect(loaded).toHaveCount(total);
});

test('a placeholder reserves about its widget’s height, so the text below moves little when it loads', async ({
	page
}) => {
	await page.goto('/learn/frame-format/');
	await waitForHydration(page);
	const pending = page.locator('[data-widget-pending]').last();
	const reserved = (await pending.boundingBox())!.height;
	await pending.scrollIntoViewIfNeeded();
	const widget = page.locator('figure[data-widget]').last();
	await expect(widget).toBeVisible();
	const actual = (await widget.boundingBox())!.height;
	// The reservation is the least height measured for its kind: never more, and not far below.
	expect(reserved).toBeLessThanOrEqual(actual + 1);
	expect(reserved).toBeGreaterThan(actual * 0.6);
});

test('a lesson table wider than the column scrolls by keyboard, and one that fits adds no tab stop', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await goto(page, '/learn/frame-format/');
	// Lesson 5 has no table; add two as Markdown renders them, one that fits and one that cannot.
	await page.evaluate(() => {
		const prose = document.querySelector('.prose')!;
		for (const [id, cell] of [
			['fits', 'FIN'],
			['wide', '0123456789abcdef'.repeat(12)]
		]) {
			const table = document.createElement('table');
			table.id = id;
			table.innerHTML = `<thead><tr><th>Field</th><th>Value</th></tr></thead><tbody><tr><td>${cell}</td><td>1</td></tr></tbody>`;
			prose.prepend(table);
		}
		dispatchEvent(new Event('resize'));
	});
	await expect(page.locator('#wide')).toHaveAttribute('tabindex', '0');
	await expect(page.locator('#fits')).not.toHaveAttribute('tabindex');
	await page.locator('#wide').focus();
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => page.locator('#wide').evaluate((t) => t.scrollLeft)).toBeGreaterThan(0);
});

test('masking lesson: the mask and accept widgets use the engine', async ({ page }) => {
	await goto(page, '/learn/masking/');
	const mask = page.locator('figure[data-widget="mask"]');
	// "Hello" masked with 37 fa 21 3d is 7f 9f 4d 51 58 (RFC 6455 §5.7).
	for (const b of ['7f', '9f', '4d', '51', '58'])
		await expect(mask.getByRole('cell', { name: b, exact: true }).first()).toBeVisible();
	await expect(mask.getByRole('link', { name: 'Open in the simulator' })).toHaveAttribute(
		'href',
		'/simulate/?scenario=masking&mask=37fa213d&text=Hello'
	);

	await goto(page, '/learn/opening-handshake/');
	// The RFC's own example: dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo= (§1.3).
	await expect(page.locator('figure[data-widget="accept"]')).toContainText('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
	await expect(
		page.locator('figure[data-widget="sequence"]').getByRole('img', { name: /Sequence diagram/ })
	).toBeVisible();
});

test('a widget naming a scenario that does not exist shows a note, not a crash', async ({ page }) => {
	await goto(page, '/learn/extensions-subprotocols/');
	const figures = page.locator('figure[data-widget="simulate"], figure[data-widget="sequence"]');
	await expect(figures.first()).toBeVisible();
	// permessage-deflate may not be a scenario yet; either it renders or the reader is told why.
	for (const f of await figures.all()) {
		const note = f.getByRole('note');
		if (await note.count()) await expect(note).toContainText('“deflate”');
		else await expect(f.locator('svg').first()).toBeVisible();
	}
});
