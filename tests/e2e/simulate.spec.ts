// The simulator (/simulate): every scenario played to its end and back, with the bytes on the page
// compared against the engine's own run of the same scenario; the handshake computed for any key;
// the URL, the keyboard, the reader's parameters, Korean, reduced motion, layout and accessibility;
// the session saved as .pcapng (read back by tshark) and .har.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { Connection, seededRandom } from '$lib/protocol';
import { explainStep } from '$lib/i18n/steps';
import { unmarked } from '$lib/i18n/marked';
import { simulateText } from '$lib/i18n/simulate';
import { runFromQuery, runScenario, scenarioIds, type Step, type Trace } from '$lib/trace';
import {
	expect,
	expectAxeClean,
	expectNoHorizontalOverflow,
	goto,
	localizePath,
	test,
	tsharkWebSocket
} from './helpers';

const hex = (bytes: readonly number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const accept = (key: string) =>
	createHash('sha1')
		.update(key + GUID)
		.digest('base64');

/** The bytes a step is about: its own when it sent them, the sender's when it read them. */
function source(trace: Trace, step: Step): Step | null {
	return step.bytes ? step : step.wire !== undefined ? trace.steps[step.wire] : null;
}

/** An HTTP head as the page prints it: CRLFs as line ends, no trailing blank line. */
function httpText(bytes: readonly number[]): string {
	return new TextDecoder().decode(new Uint8Array(bytes)).replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

/** Check that the page shows exactly this step of the trace: number, sentence, bytes. */
async function expectStep(page: Page, trace: Trace, i: number): Promise<void> {
	const step = trace.steps[i];
	await expect(page.getByText(`Step ${i + 1} of ${trace.steps.length}`, { exact: true })).toBeVisible();
	await expect(page.getByText(unmarked(explainStep(step, 'en')), { exact: true })).toBeVisible();
	const src = source(trace, step);
	if (src?.bytes && src.frame) {
		const shown = Math.min(src.bytes.length, src.frame.headerLength + 48);
		const wire = page.getByRole('figure', { name: `Bytes on the wire (${src.bytes.length})` });
		await expect(wire.locator('code')).toHaveText(hex(src.bytes.slice(0, shown)));
	}
	if (src?.bytes && step.http) {
		const pre = page.getByRole('figure', { name: /^HTTP (request|response)$/ }).locator('pre');
		const expected = httpText(src.bytes);
		// A reader shows the head it read; the sender's bytes may carry a body after it.
		const text = (await pre.textContent())!.replace(/\n+$/, '');
		expect(
			step.kind.endsWith('-read') ? expected.startsWith(text) : text === expected,
			`HTTP text of step ${i + 1}`
		).toBe(true);
	}
}

test.describe('every scenario, to its end and back', () => {
	test.skip(({ isMobile }) => isMobile, 'the walk-through runs once, on the desktop project');

	for (const id of scenarioIds) {
		test(`${id}: the page shows the engine's bytes at every step`, async ({ page }) => {
			const trace = runScenario(id);
			await goto(page, `/simulate/?scenario=${id}`);
			const forward = page.getByRole('button', { name: 'Step forward', exact: true });
			const back = page.getByRole('button', { name: 'Step back', exact: true });
			for (let i = 0; i < trace.steps.length; i++) {
				await expectStep(page, trace, i);
				if (i < trace.steps.length - 1) await forward.click();
			}
			await expect(forward).toBeDisabled();
			for (let i = trace.steps.length - 1; i > 0; i--) {
				await back.click();
				await expectStep(page, trace, i - 1);
			}
			await expect(back).toBeDisabled();
		});
	}
});

test('the engine alone gives the same bytes as the page (echo, masking, closing)', async ({ page }) => {
	// Independent of the trace runner: a lone engine, the RFC's example, the lesson's bytes.
	const client = new Connection({ role: 'client', skipHandshake: true, random: seededRandom(1) });
	client.sendText('Hello');
	const own = client.dataToSend();
	await goto(page, '/simulate/?scenario=masking&step=6');
	await expect(page.getByRole('figure', { name: 'Bytes on the wire (11)' }).locator('code')).toHaveText(
		'81 85 37 fa 21 3d 7f 9f 4d 51 58'
	);
	expect(own[0].length).toBe(11);
	await goto(page, '/simulate/?scenario=close-client&step=1');
	await expect(page.getByRole('figure', { name: 'Bytes on the wire (8)' }).locator('code')).toHaveText(
		'88 82 37 fa 21 3d 34 12'
	);
	await goto(page, '/simulate/?scenario=echo&step=10');
	await expect(page.getByRole('figure', { name: 'Bytes on the wire (7)' }).locator('code')).toHaveText(
		'81 05 48 65 6c 6c 6f'
	);
});

test.describe('the handshake is computed', () => {
	test('the RFC key gives the RFC accept, with every stage', async ({ page }) => {
		await goto(page, '/simulate/?scenario=handshake&step=4');
		const calc = page.getByRole('figure', { name: 'Computing Sec-WebSocket-Accept' });
		await expect(calc).toContainText('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
		await expect(calc).toContainText('b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea');
		// The base64 stage is not shown before its step.
		await expect(calc).not.toContainText('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
		await page.getByRole('button', { name: 'Step forward', exact: true }).click();
		await expect(calc).toContainText('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
	});

	test('a different key gives its own, correct accept', async ({ page }) => {
		const key = 'x3JJHMbDL1EzLkh9GBhXDw==';
		await goto(page, '/simulate/?scenario=handshake&step=7');
		const input = page.getByLabel('Sec-WebSocket-Key');
		await input.fill(key);
		const pre = page.getByRole('figure', { name: 'HTTP response' }).locator('pre');
		await expect(pre).toContainText(`Sec-WebSocket-Accept: ${accept(key)}`);
		expect(accept(key)).not.toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
		await expect(page).toHaveURL(/key=x3JJHMbDL1EzLkh9GBhXDw%3D%3D/);
		await page.getByRole('button', { name: 'New random key' }).click();
		const random = await input.inputValue();
		expect(random).toMatch(/^[A-Za-z0-9+/]{22}==$/);
		await expect(pre).toContainText(`Sec-WebSocket-Accept: ${accept(random)}`);
		// A link with the key opens the same handshake.
		await goto(page, `/simulate/?scenario=handshake&step=5&key=${encodeURIComponent(key)}`);
		await expect(page.getByRole('figure', { name: 'Computing Sec-WebSocket-Accept' })).toContainText(accept(key));
	});

	test('an invalid key gets a clear message, and the server refuses it', async ({ page }) => {
		await goto(page, '/simulate/?scenario=handshake');
		const input = page.getByLabel('Sec-WebSocket-Key');
		await input.fill('hello');
		await expect(page.getByText(/Not a valid key: base64 text must come in groups of 4 characters/)).toBeVisible();
		await expect(input).toHaveAttribute('aria-invalid', 'true');
		await expect(input).toHaveValue('hello');
		const trace = runFromQuery('handshake', { key: 'hello' }).trace;
		await page.getByRole('button', { name: 'Last step', exact: true }).click();
		await expectStep(page, trace, trace.steps.length - 1);
		await page.getByRole('button', { name: /^3\. Server/ }).click();
		await expect(page.getByRole('figure', { name: 'HTTP response' }).locator('pre')).toContainText(
			'HTTP/1.1 400 Bad Request'
		);
		await input.fill('dGhlIHNhbXBsZSBub25jZQ==');
		await expect(page.getByText(/Not a valid key/)).toHaveCount(0);
	});
});

test('the URL holds the scenario and the step, and a link opens there', async ({ page }) => {
	await goto(page, '/simulate/?scenario=echo&step=7');
	const trace = runScenario('echo');
	await expectStep(page, trace, 6);
	await page.getByRole('button', { name: 'Step forward', exact: true }).click();
	await expect(page).toHaveURL(/scenario=echo&step=8$/);
	await page.getByLabel('Scenario', { exact: true }).selectOption('fragmented');
	await expect(page).toHaveURL(/scenario=fragmented&step=1$/);
	await expectStep(page, runScenario('fragmented'), 0);
	await goto(page, '/simulate/?scenario=no-such-thing&step=99');
	await expect(
		page.getByText('There is no scenario “no-such-thing”; showing the opening handshake instead.')
	).toBeVisible();
	await goto(page, '/simulate/?scenario=ping-pong&step=999');
	await expectStep(page, runScenario('ping-pong'), 11);
});

test('keyboard: arrows step, space plays and pauses, the timeline jumps', async ({ page }) => {
	const trace = runScenario('echo');
	await goto(page, '/simulate/?scenario=echo');
	await page.keyboard.press('ArrowRight');
	await expectStep(page, trace, 1);
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowLeft');
	await expectStep(page, trace, 1);
	await page.keyboard.press(' ');
	await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
	await expect(page.getByText('Step 3 of 21', { exact: true })).toBeVisible({ timeout: 6000 });
	await page.keyboard.press(' ');
	await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
	const paused = await page.getByText(/^Step \d+ of 21$/).textContent();
	await page.waitForTimeout(3000);
	await expect(page.getByText(/^Step \d+ of 21$/)).toHaveText(paused!);
	await page.getByRole('button', { name: '13. Client: Frame sent' }).click();
	await expectStep(page, trace, 12);
	await page.keyboard.press('End');
	await expectStep(page, trace, 20);
	// Typing in a field never moves the player.
	await goto(page, '/simulate/?scenario=handshake&step=2');
	await page.getByLabel('Sec-WebSocket-Key').press('ArrowRight');
	await expectStep(page, runScenario('handshake'), 1);
});

test('pointing at or focusing a header byte says what it means', async ({ page }) => {
	await goto(page, '/simulate/?scenario=echo&step=7');
	const bytes = page.locator('.header-bits button.byte');
	const byte1 = bytes.nth(1);
	// Named by what it shows, its index and hex first (WCAG 2.5.3 Label in Name); described by its meaning.
	await expect(byte1).toHaveAccessibleName(/^1\s*85\b/);
	await expect(byte1).toHaveAccessibleDescription(/^Byte 1: 0x85 = 10000101\. MASK 1: The payload is masked/);
	await expect(byte1).toHaveAccessibleDescription(/Payload length 5: The payload is 5 bytes/);
	await byte1.focus();
	await expect(page.getByText('Byte 1: 0x85 = 10000101', { exact: true })).toBeVisible();
	await bytes.nth(2).hover();
	await expect(page.getByText('Byte 2: 0x24 = 00100100', { exact: true })).toBeVisible();
	await expect(page.getByText('Byte 1: 0x85 = 10000101', { exact: true })).toHaveCount(0);
});

test('the sequence diagram draws one arrow per message, in step with the player', async ({ page }) => {
	await goto(page, '/simulate/?scenario=echo&step=7');
	const diagram = page.getByRole('img', { name: 'Sequence diagram of the scenario “Echo”' });
	for (const label of ['GET /chat', '101 Switching Protocols', 'Text “Hello”', 'Close 1000'])
		await expect(diagram.getByText(label).first()).toBeVisible();
	await expect(diagram.getByText('Text “Hello”')).toHaveCount(2);
	await expect(diagram.getByText('Close 1000')).toHaveCount(2);
});

test('custom: the reader’s messages, fragments, key and closer, in the URL too', async ({ page }) => {
	await goto(page, '/simulate/?scenario=custom');
	await page.getByLabel('Messages, one per line').fill('abc\n한글');
	await page.getByLabel('Fragment size (bytes)').fill('2');
	await page.getByLabel('Masking key (hex)').fill('01 02 03 04');
	await page.getByRole('radio', { name: 'Server' }).check();
	await expect(page).toHaveURL(
		/\?scenario=custom&mask=01020304&msg=abc&msg=%ED%95%9C%EA%B8%80&frag=2&close=server&step=1$/
	);
	const trace = runFromQuery('custom', { msg: ['abc', '한글'], frag: '2', mask: '01 02 03 04', close: 'server' }).trace;
	await expectStep(page, trace, 0);
	for (let i = 1; i < trace.steps.length; i++) {
		await page.getByRole('button', { name: 'Step forward', exact: true }).click();
		await expectStep(page, trace, i);
	}
	// Bad input stays as typed, gets a specific message, and the rest still runs.
	const frag = page.getByLabel('Fragment size (bytes)');
	await frag.fill('0');
	await expect(page.getByText('The fragment size is a whole number of bytes from 1 to 300; “0” is not.')).toBeVisible();
	await expect(frag).toHaveValue('0');
	await expect(frag).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Masking key (hex)').fill('37fa21');
	await expect(page.getByText('A masking key is exactly 4 bytes (8 hex digits); this is 3.')).toBeVisible();
});

test("custom, compressed: the reader's own messages through permessage-deflate, step by step", async ({ page }) => {
	await goto(page, '/simulate/?scenario=custom');
	await page.getByLabel('Messages, one per line').fill('{"user":"ana","text":"hi"}\n{"user":"ana","text":"hi again"}');
	await page.getByLabel('Compress (permessage-deflate)').check();
	await expect(page).toHaveURL(/&deflate=on&step=1$/);
	const trace = runFromQuery('custom', {
		msg: ['{"user":"ana","text":"hi"}', '{"user":"ana","text":"hi again"}'],
		deflate: 'on'
	}).trace;
	await expectStep(page, trace, 0);
	for (let i = 1; i < trace.steps.length; i++) {
		await page.getByRole('button', { name: 'Step forward', exact: true }).click();
		await expectStep(page, trace, i);
	}
	// A reload keeps it: the choice is in the URL.
	await page.reload();
	await expect(page.getByLabel('Compress (permessage-deflate)')).toBeChecked();
});

test('Korean: the same steps, explained in Korean', async ({ page }) => {
	const trace = runScenario('masking');
	await goto(page, `${localizePath('/simulate', 'ko')}?scenario=masking&step=3`);
	await expect(page.getByText('9단계 중 3단계', { exact: true })).toBeVisible();
	await expect(page.getByText(unmarked(explainStep(trace.steps[2], 'ko')), { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('시뮬레이터');
	await page.getByRole('button', { name: '한 단계 앞으로' }).click();
	await expect(page.getByText(unmarked(explainStep(trace.steps[3], 'ko')), { exact: true })).toBeVisible();
	await expectNoHorizontalOverflow(page);
	await expectAxeClean(page);
});

test('reduced motion: every header byte is there at once; otherwise they appear in turn', async ({ page }) => {
	// Step forward and look at the last header byte in the very next frame, as a reader would see it.
	const lastByteOpacity = () =>
		page.getByRole('button', { name: 'Step forward', exact: true }).evaluate(async (forward) => {
			(forward as HTMLButtonElement).click();
			await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
			const byte = [...document.querySelectorAll('button')].find((b) =>
				document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent?.startsWith('Byte 5: 0x')
			);
			return byte ? Number(getComputedStyle(byte.parentElement!).opacity) : NaN;
		});
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await goto(page, '/simulate/?scenario=echo&step=6');
	expect(await lastByteOpacity()).toBe(1);
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	await goto(page, '/simulate/?scenario=echo&step=6');
	expect(await lastByteOpacity()).toBeLessThan(1);
});

test.describe('layout and accessibility', () => {
	for (const [id, step] of [
		['handshake', 5],
		['echo', 7],
		['masking', 3],
		['fragmented', 12],
		['error-unmasked', 2],
		['custom', 1],
		['large-64', 1]
	] as const) {
		test(`${id} at step ${step} fits and passes axe, light and dark`, async ({ page }) => {
			for (const colorScheme of ['light', 'dark'] as const) {
				await page.emulateMedia({ colorScheme });
				await goto(page, `/simulate/?scenario=${id}&step=${step}`);
				await expect(page.getByText(/^Step \d+ of \d+$/)).toHaveText(new RegExp(`^Step ${step} of`));
				await page.waitForTimeout(1600); // let the bytes settle
				await expectNoHorizontalOverflow(page);
				await expectAxeClean(page);
			}
		});
	}
});

test('deflate: RSV1 marks the compressed frame, and the second copy of the text is smaller, with both sizes said', async ({
	page
}) => {
	const trace = runScenario('deflate');
	const clientFrames = trace.steps.filter((s) => s.kind === 'frame-sent' && s.actor === 'client' && s.frame!.rsv1);
	const [first, second] = clientFrames;
	expect(second.frame!.payloadLength).toBeLessThan(first.frame!.payloadLength);
	await goto(page, '/simulate/?scenario=deflate');
	const forward = page.getByRole('button', { name: 'Step forward', exact: true });
	for (let i = 0; i < trace.steps.length; i++) {
		await expectStep(page, trace, i);
		if (i === 0)
			await expect(page.getByRole('figure', { name: 'HTTP request' }).locator('pre')).toContainText(
				'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits'
			);
		if (trace.steps[i].kind === 'http-response')
			await expect(page.getByRole('figure', { name: 'HTTP response' }).locator('pre')).toContainText(
				'Sec-WebSocket-Extensions: permessage-deflate'
			);
		if (i === first.index) {
			// c1: FIN 1, RSV1 1, opcode 1; RSV1 is read as compression, since the extension was agreed.
			const byte0 = page.locator('.header-bits button.byte').first();
			await expect(byte0).toHaveAccessibleDescription(
				/^Byte 0: 0xc1 = 11000001\. FIN 1: .* RSV1 1: Compressed \(permessage-deflate\)/
			);
			await expect(byte0).toBeVisible();
			const rsv1 = page.getByRole('row', { name: /^RSV1 1 Compressed \(permessage-deflate\)/ });
			await expect(rsv1).toBeVisible();
			await expect(page.getByText(`Payload (${first.frame!.payloadLength} B)`)).toBeVisible();
			await expect(page.getByText(/^DEFLATE data, its final 00 00 ff ff left off\. Inflated: 23 B$/)).toBeVisible();
		}
		if (i === second.index) {
			const sentence = page.getByText(unmarked(explainStep(second, 'en')), { exact: true });
			await expect(sentence).toContainText(
				`The first time they were compressed to ${first.frame!.payloadLength} bytes; now they take ${second.frame!.payloadLength}`
			);
			await expect(page.getByRole('link', { name: 'Read RFC 7692 §7.1.1' })).toBeVisible();
		}
		if (i < trace.steps.length - 1) await forward.click();
	}
	await expect(forward).toBeDisabled();
	await expect(page.getByText('wasClean: true · code: 1000')).toBeVisible();
	const diagram = page.getByRole('img', {
		name: 'Sequence diagram of the scenario “Compression (permessage-deflate)”'
	});
	await expect(diagram.getByText(`Text ${first.frame!.payloadLength} B · deflated`)).toHaveCount(2);
	await expect(diagram.getByText(`Text ${second.frame!.payloadLength} B · deflated`)).toHaveCount(2);
	// A link to the compressed frame's step opens there.
	await goto(page, `/simulate/?scenario=deflate&step=${first.index + 1}`);
	await expectStep(page, trace, first.index);
});

test.describe('saving the session', () => {
	for (const id of ['echo', 'fragmented'])
		test(`${id}: .pcapng that Wireshark dissects as WebSocket, frame for frame, and .har in devtools’ shape`, async ({
			page
		}, info) => {
			const trace = runScenario(id);
			await goto(page, `/simulate/?scenario=${id}`);
			const [pcapng] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: 'Save .pcapng' }).click()
			]);
			expect(pcapng.suggestedFilename()).toBe(`websocket-${id}.pcapng`);
			await expect(page.getByText(`Saved websocket-${id}.pcapng.`)).toBeVisible();
			const file = info.outputPath(`${id}.pcapng`);
			await pcapng.saveAs(file);
			const sent = trace.steps.filter((s) => s.kind === 'frame-sent');
			// tshark's own reading: every frame the engines sent, as WebSocket, masked from the client only.
			const rows = tsharkWebSocket(file, ['websocket.mask', 'websocket.opcode']);
			if (rows)
				expect(rows.map((r) => r.map(Number))).toEqual(
					sent.map((s) => [s.actor === 'client' ? 1 : 0, s.frame!.opcode])
				);

			const [har] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: 'Save .har' }).click()
			]);
			expect(har.suggestedFilename()).toBe(`websocket-${id}.har`);
			const json = JSON.parse(readFileSync(await har.path(), 'utf8'));
			const [entry] = json.log.entries;
			expect(entry._resourceType).toBe('websocket');
			expect(entry.response.status).toBe(101);
			const delivered = trace.steps.filter((s) => s.kind === 'message');
			expect(entry._webSocketMessages.map((m: { type: string; opcode: number }) => [m.type, m.opcode])).toEqual(
				delivered.map((s) => [s.actor === 'server' ? 'send' : 'receive', s.message!.kind === 'text' ? 1 : 2])
			);
		});
});

test.describe('presenter mode', () => {
	for (const lang of ['en', 'ko'] as const) {
		test(`fills the screen in large type, steps with PageDown and PageUp, keeps the step in the URL (${lang})`, async ({
			page
		}) => {
			const t = simulateText(lang);
			await goto(page, localizePath('/simulate/?scenario=echo&step=2', lang));
			await expect(page.getByText(t.controls.stepOf(2, 21), { exact: true })).toBeVisible();
			const explanationSize = () =>
				page
					.locator('.player')
					.first()
					.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
			const before = await explanationSize();
			await page.getByRole('button', { name: t.present.start }).click();
			const bar = page.getByText(t.present.label(t.scenarios.echo[0]));
			await expect(bar).toBeVisible();
			// The page's other parts step aside; the player fills the window, in larger type.
			await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeHidden();
			const box = await page.locator('.simulate').boundingBox();
			const viewport = page.viewportSize()!;
			expect(Math.round(box!.width)).toBe(viewport.width);
			expect(await explanationSize()).toBeGreaterThan(before * 1.2);

			await page.keyboard.press('PageDown');
			await expect(page.getByText(t.controls.stepOf(3, 21), { exact: true })).toBeVisible();
			await page.keyboard.press('PageDown');
			await page.keyboard.press('PageUp');
			await expect(page.getByText(t.controls.stepOf(3, 21), { exact: true })).toBeVisible();
			await expect(page).toHaveURL(/[?&]step=3(&|$)/);
			await expect(page).toHaveURL(/[?&]present=1(&|$)/);

			// A reload (or the link) comes back to the same slide, presenting.
			await page.reload();
			await expect(page.getByText(t.controls.stepOf(3, 21), { exact: true })).toBeVisible();
			await expect(bar).toBeVisible();
			await page.keyboard.press('Escape');
			await expect(bar).toBeHidden();
			await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
			await expect(page).not.toHaveURL(/present=1/);
			await expect(page).toHaveURL(/[?&]step=3(&|$)/);
			await expectNoHorizontalOverflow(page);
		});
	}
});
