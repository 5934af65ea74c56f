// /live: a real connection from the browser, to the project's server (with its byte side channel),
// to a `ws` echo server, and through the tap. Every server is started here, on a free port.
import { WebSocketServer } from 'ws';
import { startEchoServer } from '../../server/echo-server';
import { createByteSideChannel, SIDE_CHANNEL_PATH } from '../../server/side-channel';
import { startTap } from '../../server/tap';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, expectNoHorizontalOverflow, goto, localizePath, test } from './helpers';

interface Running {
	url: string;
	port: number;
	close(): Promise<unknown>;
}

/** The project's server as `npm run server` runs it: echo on /, the side channel on /_bytes. */
async function projectServer(port = 0): Promise<Running> {
	const side = createByteSideChannel({ server: 'echo' });
	const server = await startEchoServer({
		port,
		onConnection: side.observe,
		routes: { [SIDE_CHANNEL_PATH]: side.accept }
	});
	return { url: server.url, port: server.port, close: () => Promise.all([side.close(), server.close()]) };
}

/** A plain `ws` echo server, with an optional greeting sent to every new connection. */
async function wsEchoServer(greet?: (send: (data: string | Buffer) => void) => void): Promise<Running> {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise((resolve) => wss.once('listening', resolve));
	wss.on('connection', (socket) => {
		socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
		greet?.((data) => socket.send(data));
	});
	const port = (wss.address() as { port: number }).port;
	return {
		url: `ws://127.0.0.1:${port}/`,
		port,
		close: () => {
			for (const c of wss.clients) c.terminate();
			return new Promise((resolve) => wss.close(resolve));
		}
	};
}

const servers: Running[] = [];
test.afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function track(s: Promise<Running>): Promise<Running> {
	const r = await s;
	servers.push(r);
	return r;
}

const log = (page: Page) => page.getByRole('list', { name: 'Message log' });
const trueFrames = (page: Page) => page.getByRole('list', { name: 'Frames on the wire' });

async function connect(page: Page, url: string) {
	await goto(page, `/live/?url=${encodeURIComponent(url)}`);
	await expect(page.getByLabel('Server address')).toHaveValue(url);
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toBeVisible({ timeout: 10_000 });
}

async function sendText(page: Page, text: string) {
	await page.getByRole('radio', { name: 'Text', exact: true }).check();
	await page.getByLabel('Message', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
}

async function sendHex(page: Page, hex: string) {
	await page.getByRole('radio', { name: 'Binary (hex)' }).check();
	await page.getByLabel('Message', { exact: true }).fill(hex);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
}

const entry = (page: Page, dir: 'Sent' | 'Received', text: string | RegExp) =>
	log(page).getByRole('listitem').filter({ hasText: dir }).filter({ hasText: text });

test.describe('live mode', () => {
	// Real sockets, several servers, and frames opened on request: more than the default 30 s on a busy machine.
	test.describe.configure({ timeout: 60_000 });

	test('points at the project’s server by default and explains what the browser hides', async ({ page }) => {
		await goto(page, '/live/');
		await expect(page.getByRole('heading', { level: 1, name: 'Live' })).toBeVisible();
		await expect(page.getByLabel('Server address')).toHaveValue('ws://127.0.0.1:6455/');
		const hides = page.getByRole('complementary', { name: 'What the browser does not show you' });
		for (const hidden of ['handshake bytes', 'Pings and pongs', 'real mask key', 'Fragmentation', 'Compression'])
			await expect(hides).toContainText(hidden);
		await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
		await expect(page.getByText('npm run tap -- --target')).toBeVisible();
		await expectNoHorizontalOverflow(page);
		await expectAxeClean(page);
	});

	test('talks to the project’s server and shows the true bytes, handshake and real mask keys included', async ({
		page
	}) => {
		const server = await track(projectServer());
		await connect(page, server.url);
		await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toContainText(
			new RegExp(`ws://127\\.0\\.0\\.1:${server.port}/\\?session=[0-9a-f]{16}`)
		);

		await sendText(page, 'Hello, frames');
		await expect(entry(page, 'Received', 'Hello, frames')).toBeVisible();
		await expect(entry(page, 'Sent', 'Hello, frames')).toContainText('13 bytes');
		await sendHex(page, 'de ad be ef');
		await expect(entry(page, 'Received', 'de ad be ef')).toContainText('binary');

		// The true bytes: four frames, the client's masked with the browser's own keys.
		await expect(page.getByRole('status').filter({ hasText: 'Following connection' })).toBeVisible();
		const frames = trueFrames(page).getByRole('listitem');
		await expect(frames).toHaveCount(4);
		// The project's server agrees to permessage-deflate, so both directions are compressed (RSV1).
		await expect(frames.nth(0)).toContainText(
			/browser → server\s*text\s*FIN RSV1\s*mask [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}\s*\d+ bytes/
		);
		await expect(frames.nth(1)).toContainText(/server → browser\s*text\s*FIN RSV1\s*unmasked\s*\d+ bytes/);
		await expect(frames.nth(2)).toContainText(/browser → server\s*binary/);
		const realKey = (await frames.nth(0).textContent())!.match(/mask ((?:[0-9a-f]{2} ){3}[0-9a-f]{2})/)![1];

		// The sent message's frame, from the side channel, carries that same real key.
		await entry(page, 'Sent', 'Hello, frames').getByRole('button', { name: 'Show frame' }).click();
		const sentFrame = page.getByRole('region', { name: 'Frame of sent message 1' });
		await expect(sentFrame).toContainText('The real frame, exactly as it crossed the wire');
		await expect(sentFrame).toContainText(`masking key = ${realKey}`);
		await expect(sentFrame).toContainText(
			/Compressed with permessage-deflate \(RFC 7692\), which the server agreed to: \d+ bytes on the wire carry a message of 13 bytes/
		);
		// RSV1 has a meaning here: the frame is not flagged for it.
		await expect(sentFrame).not.toContainText('RSV bit set');
		// The echo's frame: unmasked, FIN, opcode 0x1, payload "Hello, frames".
		await entry(page, 'Received', 'Hello, frames').getByRole('button', { name: 'Show frame' }).click();
		const receivedFrame = page.getByRole('region', { name: 'Frame of received message 1' });
		await expect(receivedFrame.getByRole('listbox')).toHaveAttribute('aria-label', /Frame 1/);
		await expect(receivedFrame).toContainText('unmasked');
		await expect(receivedFrame.getByRole('option').first()).toHaveAttribute('aria-label', /FIN/);

		// The real handshake: the request the browser sent, the 101, the Accept checked.
		const handshake = page.getByRole('region', { name: 'Opening handshake' });
		await expect(handshake).toContainText(/GET \/\?session=[0-9a-f]{16} HTTP\/1\.1/);
		await expect(handshake).toContainText('from the side channel');
		await expect(handshake).toContainText(/Sec-WebSocket-Key: \S+==/);
		await expect(handshake).toContainText('HTTP/1.1 101 Switching Protocols');
		await expect(handshake).toContainText(/Sec-WebSocket-Extensions: permessage-deflate/);
		await expect(handshake).toContainText(/Sec-WebSocket-Accept \S+ is base64\(SHA-1\(key \+ GUID\)\)/);
		await expect(handshake).not.toContainText('reconstructed');
		await expectNoHorizontalOverflow(page);

		// Close with a code the browser refuses, then with one it allows.
		await page.getByLabel('Close code').fill('1001');
		await page.getByRole('button', { name: 'Close', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('does not let a page close with 1001 (Going Away)');
		await page.getByLabel('Close code').fill('4000');
		await page.getByLabel('Reason').fill('done here');
		await page.getByRole('button', { name: 'Close', exact: true }).click();
		await expect(log(page)).toContainText(
			'Closing: the page sent a close frame with 4000 Private use (4000-4999), reason “done here”.'
		);
		// The server answers with the code alone (RFC 6455 §5.5.1), and the close event reports its frame.
		await expect(log(page)).toContainText('Closed: 4000 Private use (4000-4999).');
		await expect(log(page)).toContainText('Clean: both close frames were exchanged');
		await expect(trueFrames(page).getByRole('listitem').filter({ hasText: 'close' })).toHaveCount(2);
		await expect(page.getByRole('status').filter({ hasText: 'The connection has ended' })).toBeVisible();

		// The whole connection, read again by the decoder: the handshake as HTTP, then all six frames,
		// both directions, compressed ones inflated as the handshake agreed.
		const [decoder] = await Promise.all([
			page.context().waitForEvent('page'),
			page.getByRole('link', { name: 'Open in the decoder' }).click()
		]);
		const opened = decoder.getByRole('region', { name: 'Opening handshake' });
		await expect(opened).toContainText(/GET \/\?session=[0-9a-f]{16} HTTP\/1\.1/);
		await expect(opened).toContainText('The client accepts this answer');
		await expect(decoder.getByRole('status').filter({ hasText: 'Read as' })).toContainText(
			'6 frames · 6 messages · no problems'
		);
		await expect(decoder.getByLabel('Inflated message: Frame 1', { exact: true })).toHaveText('Hello, frames');
		await decoder.close();
	});

	test.describe('served from another origin', () => {
		// The browser itself logs the side channel's refusal (403): that refusal is what this is about.
		test.use({ allowedConsoleErrors: [/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/_bytes.*403/] });

		test('a copy of the site hosted elsewhere is told which command lets its origin read the true bytes', async ({
			page,
			context,
			baseURL
		}) => {
			// A public page reaching 127.0.0.1 needs the reader's leave in Chromium (Local Network Access).
			await context.grantPermissions(['local-network-access'], { origin: 'https://frames.example' });
			// The built site, as if served from https://frames.example (a school's copy): every request
			// there is answered from the local build. The project's server refuses that origin (403).
			await page.route('https://frames.example/**', async (route) => {
				const url = new URL(route.request().url());
				const response = await route.fetch({ url: new URL(url.pathname + url.search, baseURL).href });
				await route.fulfill({ response });
			});
			const server = await track(projectServer());
			await page.goto(`https://frames.example/live/?url=${encodeURIComponent(server.url)}`);
			await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			await page.getByRole('button', { name: 'Connect', exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toBeVisible({ timeout: 10_000 });
			const status = page.getByRole('status').filter({ hasText: 'No byte side channel answered' });
			await expect(status).toContainText('This page is served from https://frames.example');
			await expect(status).toContainText('npm run server -- --allow-origin https://frames.example');
			await expect(status).toContainText('npm run tap -- --target');
			// The connection itself works; only the true bytes need the origin allowed.
			await sendText(page, 'hello from afar');
			await expect(entry(page, 'Received', 'hello from afar')).toBeVisible();
		});
	});

	test('talks to a ws echo server: echoes, their frames, and a close with a code', async ({ page }) => {
		const server = await track(wsEchoServer());
		await connect(page, server.url);
		// A server without a side channel: the page says so and shows reconstructed frames.
		await expect(page.getByRole('status').filter({ hasText: 'No byte side channel answered' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Opening handshake' })).toContainText('reconstructed');
		await sendText(page, 'ping?');
		await expect(entry(page, 'Received', 'ping?')).toBeVisible();
		await sendHex(page, '0x01, 0x02, 0xff');
		await expect(entry(page, 'Received', '01 02 ff')).toContainText('3 bytes');

		await entry(page, 'Sent', 'ping?').getByRole('button', { name: 'Show frame' }).click();
		const sent = page.getByRole('region', { name: 'Frame of sent message 1' });
		await expect(sent).toContainText('The mask key is illustrative');
		await expect(sent).toContainText(/masking key = (?:[0-9a-f]{2} ){3}[0-9a-f]{2}/);
		await entry(page, 'Received', '01 02 ff').getByRole('button', { name: 'Show frame' }).click();
		const received = page.getByRole('region', { name: 'Frame of received message 2' });
		await expect(received).toContainText('unmasked, FIN set, the same opcode');
		await expect(received.getByRole('listbox')).toHaveAttribute('aria-label', /Frame 1/);
		await expect(received).toContainText('binary');

		await page.getByLabel('Close code').fill('3000');
		await page.getByRole('button', { name: 'Close', exact: true }).click();
		await expect(log(page)).toContainText('Closed: 3000 Registered (3000-3999).');
		await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
	});

	test('reconnects after the project’s server restarts on the same port', async ({ page }) => {
		let server = await projectServer();
		const port = server.port;
		try {
			await connect(page, server.url);
			await sendText(page, 'before');
			await expect(entry(page, 'Received', 'before')).toBeVisible();
			await server.close();
			await expect(log(page)).toContainText('Closed: 1001 Going Away, reason “server shutting down”.');
			await expect(page.getByRole('status').filter({ hasText: 'Closed. Connect again' })).toBeVisible();
			server = await projectServer(port);
			await page.getByRole('button', { name: 'Connect', exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toBeVisible();
			await sendText(page, 'after');
			await expect(entry(page, 'Received', 'after')).toBeVisible();
			await expect(page.getByRole('status').filter({ hasText: 'Following connection' })).toBeVisible();
			await expect(trueFrames(page).getByRole('listitem')).toHaveCount(2);
		} finally {
			await server.close();
		}
	});

	test.describe('offline after the page loaded', () => {
		test.use({ allowedConsoleErrors: [/Failed to load resource|Failed to fetch dynamically imported module/] });

		test('the page says what could not be loaded, the connection still works, and “Try again” loads it', async ({
			page
		}) => {
			const server = await track(projectServer());
			await goto(page, `/live/?url=${encodeURIComponent(server.url)}`);
			// Offline from here on: the log's frames view and the DEFLATE code load on use (Deferred, zlib-loader).
			await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
			await page.getByRole('button', { name: 'Connect', exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toBeVisible({ timeout: 10_000 });
			const messages = page.getByRole('region', { name: 'Messages' });
			const failed = messages.getByRole('alert').filter({ hasText: 'could not be loaded' });
			await expect(failed).toBeVisible();
			await sendText(page, 'while offline');
			// The browser and the server agreed permessage-deflate; without the code the true bytes say so.
			await expect(page.getByRole('region', { name: 'True bytes' })).toContainText(
				'the compression code could not be loaded'
			);
			await page.unroute('**/_app/immutable/**/*.js');
			await failed.getByRole('button', { name: 'Try again' }).click();
			await expect(entry(page, 'Received', 'while offline')).toBeVisible();
			await expect(failed).toHaveCount(0);
			// Its frame is drawn from the message (no DEFLATE code needed), and nothing on the page breaks.
			await entry(page, 'Received', 'while offline').getByRole('button', { name: 'Show frame' }).click();
			await expect(entry(page, 'Received', 'while offline')).toContainText('FIN');
		});
	});

	test.describe('when the server cannot be reached', () => {
		test.use({ allowedConsoleErrors: [/WebSocket connection to .* failed/] });

		test('says so clearly in the page', async ({ page }) => {
			const gone = await projectServer();
			await gone.close();
			await goto(page, `/live/?url=${encodeURIComponent(gone.url)}`);
			await page.getByRole('button', { name: 'Connect', exact: true }).click();
			const alert = page.getByRole('alert');
			await expect(alert).toContainText(`Could not connect to ${gone.url}`);
			await expect(alert).toContainText('Is the server running? Start the project’s server with npm start');
			await expect(log(page)).toContainText('It never opened.');
			await expect(page.getByLabel('Server address')).toHaveAttribute('aria-invalid', 'true');
		});
	});

	test('checks the address before connecting (RFC 6455 §3)', async ({ page }) => {
		await goto(page, `/live/?url=${encodeURIComponent('http://127.0.0.1:6455/')}`);
		await page.getByRole('button', { name: 'Connect', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('“http:” is an HTTP address; use ws:// for WebSocket.');
		await page.getByLabel('Server address').fill('ws://127.0.0.1:6455/#frag');
		await page.getByRole('button', { name: 'Connect', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('Fragment identifiers (#...) are not allowed');
		await expect(page.getByLabel('Server address')).toHaveValue('ws://127.0.0.1:6455/#frag');
	});

	test('stays responsive under 10,000 messages and a 10 MiB one', async ({ page }) => {
		test.setTimeout(90_000);
		const server = await track(
			wsEchoServer((send) => {
				send('first');
				for (let i = 0; i < 10_000; i++) send(`flood ${i}`);
				send('z'.repeat(10 * 1024 * 1024));
			})
		);
		await goto(page, `/live/?url=${encodeURIComponent(server.url)}`);
		await page.getByLabel(/Show the true bytes/).uncheck();
		await page.getByRole('button', { name: 'Connect', exact: true }).click();
		await expect(entry(page, 'Received', '10.0 MiB')).toBeVisible({ timeout: 20_000 });
		await expect(page.getByText(/^[\d,]+ older entries hidden/)).toBeVisible();
		await expect(page.getByText('10,004 entries')).toBeVisible(); // connecting, open, 10,002 messages
		// Only a window of the log is in the page.
		expect(await log(page).getByRole('listitem').count()).toBeLessThanOrEqual(100);
		// Still responsive: older entries on request, and the big message's frame opens lazily.
		await page.getByRole('button', { name: 'Show 100 more' }).click();
		expect(await log(page).getByRole('listitem').count()).toBe(200);
		await entry(page, 'Received', '10.0 MiB').getByRole('button', { name: 'Show frame' }).click();
		await expect(page.getByRole('region', { name: 'Frame of received message 10,002' })).toContainText('10,485,760');
		await page.getByRole('button', { name: 'Clear' }).click();
		await expect(page.getByText('0 entries')).toBeVisible();
	});

	test('renders a message as text, never as HTML', async ({ page }) => {
		const markup = '<img src=x onerror="document.title=\'owned\'"><b>bold?</b>';
		const server = await track(wsEchoServer((send) => send(markup)));
		await connect(page, server.url);
		await expect(entry(page, 'Received', markup)).toBeVisible();
		await expect(log(page).locator('img, b')).toHaveCount(0);
		await expect(page).not.toHaveTitle('owned');
	});

	test('shows the true bytes through the tap', async ({ page }) => {
		const echo = await track(wsEchoServer());
		const tap = await startTap({ target: echo.url, port: 0 });
		servers.push({ url: tap.url, port: tap.port, close: () => tap.close() });
		await connect(page, tap.url);
		await expect(page.getByRole('status').filter({ hasText: `on the tap to ${echo.url}` })).toBeVisible();
		await sendText(page, 'through the tap');
		await expect(entry(page, 'Received', 'through the tap')).toBeVisible();
		await expect(trueFrames(page).getByRole('listitem')).toHaveCount(2);
		await expect(page.getByRole('region', { name: 'Opening handshake' })).toContainText(`Host: 127.0.0.1:${echo.port}`);
	});

	test('works in Korean, fits the screen, and is accessible, light and dark', async ({ page }) => {
		test.setTimeout(120_000);
		const server = await track(projectServer());
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			await goto(page, `${localizePath('/live', 'ko')}?url=${encodeURIComponent(server.url)}`);
			await expect(page.getByRole('heading', { level: 1, name: '라이브' })).toBeVisible();
			await page.getByRole('button', { name: '연결', exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: '연결됨' })).toBeVisible();
			await page.getByRole('textbox', { name: '메시지', exact: true }).fill('안녕하세요');
			await page.getByRole('button', { name: '보내기', exact: true }).click();
			const received = page
				.getByRole('list', { name: '메시지 기록' })
				.getByRole('listitem')
				.filter({ hasText: '받음' })
				.filter({ hasText: '안녕하세요' });
			await expect(received).toContainText('15바이트');
			await received.getByRole('button', { name: '프레임 보기' }).click();
			await expect(page.getByRole('region', { name: '받음 메시지 1의 프레임' })).toContainText('실제로 오간 프레임');
			await page.getByLabel('종료 코드').fill('1006');
			await page.getByRole('button', { name: '닫기', exact: true }).click();
			await expect(page.getByRole('alert')).toContainText('브라우저에서는 1006(비정상 종료)로 연결을 닫을 수 없습니다');
			await expectNoHorizontalOverflow(page);
			await expectAxeClean(page);
			await page.getByRole('button', { name: '연결 끊기' }).click();
			await expect(page.getByRole('status').filter({ hasText: '연결이 닫혔습니다' })).toBeVisible();
		}
	});
});
