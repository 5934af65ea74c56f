// WebSocket over HTTP/2 (RFC 8441) on the pages: the simulator's scenario, stepped as a student
// steps it, in English and Korean (the setting, the extended CONNECT beside HTTP/1.1, the 200, a
// WebSocket frame cut across two DATA frames, the window update, the close), and lesson 11 with its
// widgets. Every value checked here is the engine's own run of the same scenario.
import { explainStep } from '$lib/i18n/steps';
import { unmarked } from '$lib/i18n/marked';
import { simulateText } from '$lib/i18n/simulate';
import { runScenario } from '$lib/trace';
import { expect, expectAxeClean, expectNoHorizontalOverflow, goto, localizePath, test } from './helpers';

const trace = runScenario('http2');
const at = (key: string) => trace.steps.find((s) => s.explainKey === key)!;

for (const lang of ['en', 'ko'] as const) {
	const t = simulateText(lang);
	test.describe(`the HTTP/2 scenario (${lang})`, () => {
		test('the server’s SETTINGS say ENABLE_CONNECT_PROTOCOL = 1, every octet in the table', async ({ page }) => {
			const step = trace.steps.find((s) => s.actor === 'server' && s.explainKey === 'h2.out.settings')!;
			await goto(page, localizePath(`/simulate/?scenario=http2&step=${step.index + 1}`, lang));
			await expect(page.getByText(unmarked(explainStep(step, lang)), { exact: true })).toBeVisible();
			const map = page.getByRole('region', { name: t.h2.mapLabel });
			await expect(map.getByRole('rowheader')).toHaveCount(step.h2!.frame!.fields.length);
			await expect(map.getByRole('row', { name: /SETTINGS_ENABLE_CONNECT_PROTOCOL = 1/ })).toBeVisible();
			await expect(map.getByRole('row', { name: /SETTINGS_INITIAL_WINDOW_SIZE = 16/ })).toBeVisible();
			await expectNoHorizontalOverflow(page);
		});

		test('the extended CONNECT, beside the HTTP/1.1 request it replaces; then the 200', async ({ page }) => {
			const connect = at('h2.out.connect');
			await goto(page, localizePath(`/simulate/?scenario=http2&step=${connect.index + 1}`, lang));
			const map = page.getByRole('region', { name: t.h2.mapLabel });
			await expect(map.getByRole('row', { name: /:protocol: websocket/ })).toBeVisible();
			await expect(map.getByRole('row', { name: /:method: CONNECT/ })).toBeVisible();
			const http1 = page.getByRole('figure', { name: t.h2.overHttp1 });
			await expect(http1).toContainText('GET /chat HTTP/1.1');
			await expect(http1).toContainText('Sec-WebSocket-Key');
			await expect(page.getByRole('figure', { name: t.h2.overHttp2 })).not.toContainText('sec-websocket-key');
			const status = at('h2.out.status');
			await goto(page, localizePath(`/simulate/?scenario=http2&step=${status.index + 1}`, lang));
			await expect(
				page.getByRole('region', { name: t.h2.mapLabel }).getByRole('row', { name: /:status: 200/ })
			).toBeVisible();
			await expectAxeClean(page);
		});

		test('a WebSocket frame cut across two DATA frames, with the WINDOW_UPDATE between', async ({ page }) => {
			const held = at('h2.out.dataHeld');
			await goto(page, localizePath(`/simulate/?scenario=http2&step=${held.index + 1}`, lang));
			await expect(page.getByText(t.h2.parts.start)).toBeVisible();
			const forward = page.getByRole('button', { name: t.controls.forward, exact: true });
			const update = trace.steps.find((s) => s.index > held.index && s.h2?.frame?.typeName === 'WINDOW_UPDATE')!;
			for (let i = held.index; i < update.index; i++) await forward.click();
			await expect(page.getByRole('region', { name: t.h2.mapLabel }).getByRole('row', { name: /\+16/ })).toBeVisible();
			const rest = trace.steps.find((s) => s.index > update.index && s.explainKey === 'h2.out.data')!;
			for (let i = update.index; i < rest.index; i++) await forward.click();
			await expect(page.getByText(t.h2.parts.end)).toBeVisible();
		});
	});
}

test('the sequence diagram labels each HTTP/2 frame by its type', async ({ page }) => {
	await goto(page, '/simulate/?scenario=http2');
	const diagram = page.getByRole('img', { name: /WebSocket over HTTP\/2/ });
	await expect(diagram.getByText('HTTP/2 preface')).toBeVisible();
	await expect(diagram.getByText('HEADERS :protocol websocket')).toBeVisible();
	await expect(diagram.getByText('HEADERS :status 200')).toBeVisible();
	await expect(diagram.getByText('WINDOW_UPDATE +16')).toBeVisible();
});

for (const lang of ['en', 'ko'] as const)
	test(`lesson 11 (${lang}): its simulator widget steps through the HTTP/2 scenario`, async ({ page }) => {
		await goto(page, localizePath('/learn/websocket-over-http2/', lang));
		await expect(page.getByRole('heading', { level: 1 })).toContainText(lang === 'en' ? 'HTTP/2' : 'HTTP/2');
		const first = trace.steps[0];
		await expect(page.getByText(unmarked(explainStep(first, lang)), { exact: true }).first()).toBeVisible({
			timeout: 15_000
		});
		await expect(
			page
				.getByRole('table', {
					name: lang === 'en' ? /What carries WebSocket frames/ : /웹소켓 프레임을 실어 나르는 계층/
				})
				.first()
		).toBeVisible();
		await expectNoHorizontalOverflow(page);
	});
