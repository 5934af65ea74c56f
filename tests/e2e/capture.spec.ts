// Capture and HAR files in the decoder (/decode): opened by the file button, by drag and drop and
// by paste; read in the browser (a worker), their connections listed, the chosen one shown as a
// conversation in capture order; bad files explained with what was read before the fault kept;
// saved again (as from live mode) as a .pcapng that tshark dissects as WebSocket and a .har.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { WebSocketServer } from 'ws';
import { encodeFrame, seededRandom } from '$lib/protocol';
import { LINKTYPE } from '$lib/capture/file';
import { writePcapng } from '$lib/capture/pcapng-writer';
import { tcpConversation } from '$lib/capture/synthesize';
import { engineHandshake } from '$lib/export/engine-handshake';
import { OpenFile } from '$lib/decode/capture-open';
import { captureText } from '$lib/i18n/capture';
import {
	expect,
	expectAxeClean,
	expectNoHorizontalOverflow,
	goto,
	localizePath,
	test,
	tsharkWebSocket,
	type Lang
} from './helpers';
import { startEchoServer } from '../../server/echo-server';
import { createByteSideChannel, SIDE_CHANNEL_PATH } from '../../server/side-channel';

const FIXTURES = 'tests/fixtures/captures';
const fixture = (name: string) => `${FIXTURES}/${name}`;

const capture = (page: Page) => page.getByRole('region', { name: /^(File|파일): / });
const table = (page: Page) => capture(page).getByRole('table');
const conversation = (page: Page) => capture(page).getByRole('region', { name: /^(Connection \d|\d+번 연결)/ });
// The conversation's own items, not the lists inside an opened frame.
const items = (page: Page) => conversation(page).locator('ol.items > li');

async function openFile(page: Page, file: string, lang: Lang = 'en') {
	await goto(page, localizePath('/decode', lang));
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(capture(page)).toBeVisible();
}

/** What the decoder itself makes of a fixture's connection (its reader is unit-tested against the bytes). */
function expected(name: string, stream: number) {
	const open = new OpenFile(new Uint8Array(readFileSync(fixture(name))), seededRandom(1));
	return open.conversation(stream)!;
}

/** The summary lines of the conversation, as the page writes them: direction then what. */
async function lines(list: Locator): Promise<string[]> {
	return (await list.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

test.describe('opening a capture', () => {
	test('a tcpdump capture: its connections listed, the first WebSocket read as a conversation, in order', async ({
		page
	}) => {
		await openFile(page, fixture('lo.pcap'));
		await expect(page.getByText('Files are read in this browser: nothing is uploaded.')).toBeVisible();
		await expect(capture(page)).toContainText('pcap (microseconds)');
		await expect(capture(page)).toContainText('49 packets, 3 TCP connections');
		const rows = table(page).getByRole('row');
		await expect(rows).toHaveCount(4);
		await expect(rows.nth(1)).toContainText(/127\.0\.0\.1:\d+ → 127\.0\.0\.1:6470\s*WebSocket/);
		await expect(rows.nth(2)).toContainText(/\[::1\]:\d+ → \[::1\]:6470\s*WebSocket/);
		await expect(rows.nth(3)).toContainText('Other');
		await expect(page.getByRole('button', { name: 'Read connection 0' })).toHaveAttribute('aria-pressed', 'true');

		// Every item of the conversation, in the order the decoder's reader puts them.
		const talk = expected('lo.pcap', 0);
		await expect(items(page)).toHaveCount(talk.items.length);
		const shown = await lines(items(page));
		expect(shown[0]).toMatch(/^client → server \+0\.\d{6} s packet 4 HTTP request GET \/ HTTP\/1\.1/);
		expect(shown[1]).toMatch(/^server → client .* HTTP response HTTP\/1\.1 101 Switching Protocols/);
		const frames = talk.items.flatMap((i) => (i.kind === 'frame' ? [i] : []));
		const frameLines = shown.filter((l) => !/HTTP (request|response)/.test(l));
		expect(frameLines).toHaveLength(frames.length);
		frames.forEach((f, i) =>
			expect(frameLines[i]).toContain(`${f.direction === 'to-server' ? 'client → server' : 'server → client'}`)
		);
		expect(frameLines[0]).toMatch(/text 5 bytes “Hello”/);
		expect(frameLines.at(-1)).toMatch(/close 2 bytes 1000 Normal Closure/);

		// A frame opens to the decoder's full view of it.
		await items(page).nth(2).locator('summary').click();
		await expect(
			items(page)
				.nth(2)
				.getByRole('article', { name: /^Frame 1 / })
		).toContainText('masked');

		// The other connections: compressed (permessage-deflate as its handshake agreed), and not WebSocket.
		await page.getByRole('button', { name: 'Read connection 1' }).click();
		await expect(conversation(page)).toContainText('Connection 1');
		await expect(items(page).filter({ hasText: 'compressed' }).first()).toContainText('“Hello”');
		await page.getByRole('button', { name: 'Read connection 2' }).click();
		await expect(capture(page)).toContainText('Neither HTTP nor WebSocket frames.');
		await expect(conversation(page)).toContainText('This connection is not WebSocket');
		await expect(items(page).first()).toContainText('6 bytes PING\\r\\n');
		await expectNoHorizontalOverflow(page);
		await expectAxeClean(page);
	});

	test('a capture with a segment lost before the capture point and one after: in order, with what was fixed', async ({
		page
	}) => {
		await openFile(page, fixture('lossy.pcap'));
		// The conversation comes a moment after the file's summary: read its lines once all are there.
		await expect(items(page)).toHaveCount(expected('lossy.pcap', 0).items.length);
		const shown = await lines(items(page));
		const at = (pattern: RegExp) => shown.findIndex((l) => pattern.test(l));
		await expect(conversation(page)).toContainText(
			'Arrived before packet 18, whose bytes come first: 26,064 bytes put back in their place'
		);
		await expect(conversation(page)).toContainText('Retransmission of 14,480 bytes already received');
		// In order: "before", the out-of-order note, the large message it held up, then "after".
		expect(at(/“before”/)).toBeLessThan(at(/Arrived before/));
		expect(at(/Arrived before/)).toBeLessThan(at(/binary 100,000 bytes/));
		expect(at(/binary 100,000 bytes/)).toBeLessThan(at(/“after”/));
		await expect(conversation(page)).not.toContainText('problem');
	});

	test('Korean: a nanosecond capture of `tcpdump -i any`, in Korean words', async ({ page }) => {
		await openFile(page, fixture('any-ns.pcap'), 'ko');
		const t = captureText('ko');
		await expect(capture(page)).toContainText(t.file.formats['pcap-ns']);
		await expect(capture(page)).toContainText('TCP 연결 3개');
		await expect(page.getByText('파일은 이 브라우저 안에서 읽습니다. 아무것도 업로드하지 않습니다.')).toBeVisible();
		await expect(conversation(page)).toContainText(t.talk.heading(0));
		await expect(items(page).first()).toContainText(t.talk.request);
		await expect(items(page).first()).toContainText(t.talk.toServer);
		await expect(capture(page)).toContainText(t.streams.explain.websocket);
		await page.getByRole('button', { name: t.streams.show(2) }).click();
		await expect(capture(page)).toContainText(t.streams.explain.other);
		await expectAxeClean(page);
	});

	test('a dumpcap .pcapng dropped on the box', async ({ page }) => {
		await goto(page, '/decode/');
		const bytes = [...readFileSync(fixture('dumpcap.pcapng'))];
		const drop = await page.evaluateHandle((data) => {
			const dt = new DataTransfer();
			dt.items.add(new File([new Uint8Array(data)], 'dumpcap.pcapng'));
			return dt;
		}, bytes);
		const box = page.locator('.input-card');
		await box.dispatchEvent('dragover', { dataTransfer: drop });
		await box.dispatchEvent('drop', { dataTransfer: drop });
		await expect(capture(page)).toContainText('pcapng');
		await expect(table(page).getByRole('row')).toHaveCount(4);
		await expect(items(page).filter({ hasText: '“Hello”' })).toHaveCount(2);
		// The box keeps what was in it.
		await expect(page.getByRole('textbox', { name: 'Bytes to decode' })).toHaveValue(
			'81 85 37 fa 21 3d 7f 9f 4d 51 58'
		);
		await page.getByRole('button', { name: 'Close the file' }).click();
		await expect(capture(page)).toHaveCount(0);
		await expect(page.getByRole('article', { name: /^Frame 1 / })).toBeVisible();
	});

	test('a capture file pasted into the box', async ({ page }) => {
		await goto(page, '/decode/');
		const bytes = [...readFileSync(fixture('lo.pcap'))];
		await page.getByRole('textbox', { name: 'Bytes to decode' }).evaluate((el, data) => {
			const dt = new DataTransfer();
			dt.items.add(new File([new Uint8Array(data)], 'pasted.pcap'));
			el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
		}, bytes);
		await expect(capture(page)).toContainText('File: pasted.pcap');
		await expect(capture(page)).toContainText('3 TCP connections');
	});

	test('a 100 MB capture: read off the page, then its connection a page of items at a time', async ({ page }, info) => {
		test.slow();
		const [request, response] = engineHandshake();
		const payload = new Uint8Array(10_000).fill(0x41);
		const messages = [
			{ from: 'client' as const, bytes: request, time: 1_000_000n },
			{ from: 'server' as const, bytes: response, time: 2_000_000n }
		];
		for (let i = 0; i < 5000; i++) {
			const time = BigInt(i + 3) * 1_000_000n;
			messages.push({
				from: 'client',
				bytes: encodeFrame({ opcode: 2, payload, mask: Uint8Array.of(1, 2, 3, 4) }),
				time
			});
			messages.push({ from: 'server', bytes: encodeFrame({ opcode: 2, payload }), time: time + 500_000n });
		}
		const file = info.outputPath('big.pcapng');
		const bytes = writePcapng({
			interfaces: [{ linkType: LINKTYPE.ETHERNET }],
			packets: tcpConversation({ messages })
		});
		expect(bytes.length).toBeGreaterThan(100_000_000);
		writeFileSync(file, bytes);
		await goto(page, '/decode/');
		await page.locator('input[type=file]').setInputFiles(file);
		await expect(capture(page)).toContainText('102.1 MiB', { timeout: 60_000 });
		await expect(items(page)).toHaveCount(200, { timeout: 60_000 });
		// The page answered all along: the box still takes typing.
		await page.getByRole('textbox', { name: 'Bytes to decode' }).fill('81 80 00 00 00 00');
		await conversation(page).getByRole('button', { name: 'Show 200 more' }).click();
		await expect(items(page)).toHaveCount(400);
	});
});

test.describe('every fixture, every WebSocket connection, both languages', () => {
	const files = ['lo.pcap', 'any-ns.pcap', 'dumpcap.pcapng', 'lossy.pcap', 'devtools.har'];
	for (const name of files)
		for (const lang of ['en', 'ko'] as const)
			test(`${name} in ${lang}: each message where the decoder's reader puts it`, async ({ page }) => {
				const t = captureText(lang).talk;
				const open = new OpenFile(new Uint8Array(readFileSync(fixture(name))), seededRandom(1));
				if (open.summary.kind === 'unknown') throw new Error(name);
				const ws = open.summary.streams.filter((s) => s.kind === 'websocket');
				expect(ws.length).toBeGreaterThan(0);
				await openFile(page, fixture(name), lang);
				for (const stream of ws) {
					await page.getByRole('button', { name: captureText(lang).streams.show(stream.id) }).click();
					await expect(conversation(page)).toContainText(t.heading(stream.id));
					const talk = open.conversation(stream.id)!;
					await expect(items(page)).toHaveCount(talk.items.length);
					const shown = await lines(items(page));
					talk.items.forEach((item, i) => {
						expect(shown[i]).toContain(item.direction === 'to-server' ? t.toServer : t.toClient);
						if (item.kind === 'head') expect(shown[i]).toContain(item.head.startLine);
						if (item.kind !== 'frame') return;
						const m = item.frame.inflated?.data ?? (item.frame.compressed ? null : item.frame.payload);
						if (m && (item.frame.inflated?.kind ?? item.frame.kind) === 'text')
							expect(shown[i]).toContain(new TextDecoder().decode(m.subarray(0, 20)));
						expect(shown[i]).toContain(t.frameBytes(item.frame.header.payloadLength));
					});
				}
			});
});

test.describe('bad capture files', () => {
	test('a capture cut short: what the file holds up to the cut, and where it ends', async ({ page }, info) => {
		const whole = readFileSync(fixture('lo.pcap'));
		const file = info.outputPath('cut.pcap');
		writeFileSync(file, whole.subarray(0, 30_000));
		await openFile(page, file);
		const problem = capture(page).getByRole('alert');
		await expect(problem).toContainText(/The file ends early: at byte [\d,]+ a record needs/);
		await expect(problem).toContainText('Everything read before this problem is shown below.');
		await expect(table(page).getByRole('row').nth(1)).toContainText('WebSocket');
		await expect(items(page).filter({ hasText: '“Hello”' })).toHaveCount(2);
	});

	test('a pcapng whose block length points past the end, and one that is not a multiple of 4', async ({
		page
	}, info) => {
		const bytes = new Uint8Array(readFileSync(fixture('dumpcap.pcapng')));
		const past = info.outputPath('past.pcapng');
		const view = new DataView(bytes.buffer, bytes.byteOffset);
		// The second block (the interface description) claims 1 GB.
		const second = view.getUint32(4, true);
		const copy = bytes.slice();
		new DataView(copy.buffer).setUint32(second + 4, 1 << 30, true);
		writeFileSync(past, copy);
		await openFile(page, past);
		await expect(capture(page).getByRole('alert')).toContainText(
			/The file ends early: at byte [\d,]+ a record needs 1,073,741,824 bytes/
		);
		await expect(capture(page)).toContainText('There is no TCP connection in this file.');

		const odd = info.outputPath('odd.pcapng');
		const copy2 = bytes.slice();
		new DataView(copy2.buffer).setUint32(second + 4, 13, true);
		writeFileSync(odd, copy2);
		await page.locator('input[type=file]').setInputFiles(odd);
		await expect(capture(page).getByRole('alert')).toContainText(
			'a pcapng block is a multiple of 4 and at least 12 bytes'
		);
	});

	test('Korean: a HAR that is not JSON', async ({ page }, info) => {
		const file = info.outputPath('broken.har');
		writeFileSync(file, '{"log": {"entries": [ {');
		await openFile(page, file, 'ko');
		await expect(capture(page).getByRole('alert')).toContainText('이 파일은 JSON이 아니므로 HAR가 아닙니다');
	});
});

test.describe('opening a devtools HAR', () => {
	for (const lang of ['en', 'ko'] as const)
		test(`${lang}: its WebSocket, the handshake from its headers, each message as the frame that carries it`, async ({
			page
		}) => {
			const t = captureText(lang);
			await openFile(page, fixture('devtools.har'), lang);
			await expect(capture(page)).toContainText(t.har.note);
			await expect(table(page)).toContainText('ws://127.0.0.1:6470/echo');
			await expect(table(page)).toContainText(t.streams.messages(6));
			await expect(items(page)).toHaveCount(8);
			const shown = await lines(items(page));
			expect(shown[0]).toContain('GET /echo HTTP/1.1');
			expect(shown[2]).toContain('“Hello”');
			expect(shown[4]).toContain('00 01 02 ff');
			expect(shown[6]).toContain('“안녕하세요”');
			// Sent ones masked with a key this page drew; received ones unmasked.
			await items(page).nth(2).locator('summary').click();
			await expect(items(page).nth(2).getByRole('article')).toContainText(lang === 'en' ? 'masked' : '마스킹');
			await expectAxeClean(page);
		});
});

test.describe('saving from the decoder and from live mode', () => {
	test('a capture’s connection: a .pcapng tshark reads as the same WebSocket frames, and a .har', async ({
		page
	}, info) => {
		await openFile(page, fixture('lo.pcap'));
		const [pcapng] = await Promise.all([
			page.waitForEvent('download'),
			capture(page).getByRole('button', { name: 'Save .pcapng' }).click()
		]);
		expect(pcapng.suggestedFilename()).toBe('lo-0.pcapng');
		const file = info.outputPath('lo-0.pcapng');
		await pcapng.saveAs(file);
		const original = tsharkWebSocket(fixture('lo.pcap'), ['tcp.stream', 'websocket.mask', 'websocket.opcode']);
		const saved = tsharkWebSocket(file, ['websocket.mask', 'websocket.opcode']);
		if (original && saved) expect(saved).toEqual(original.filter((r) => r[0] === '0').map((r) => r.slice(1)));

		const [har] = await Promise.all([
			page.waitForEvent('download'),
			capture(page).getByRole('button', { name: 'Save .har' }).click()
		]);
		const json = JSON.parse(readFileSync(await har.path(), 'utf8'));
		expect(json.log.entries[0]._webSocketMessages.map((m: { type: string }) => m.type)).toEqual([
			'send',
			'receive',
			'send',
			'send',
			'receive',
			'receive'
		]);
	});

	test('a paste of frames alone: saved with a handshake the engines made, so tshark knows it is WebSocket', async ({
		page
	}, info) => {
		await goto(page, '/decode/?hex=818537fa213d7f9f4d5158810548656c6c6f');
		const [pcapng] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Save .pcapng' }).click()
		]);
		const file = info.outputPath('decoded.pcapng');
		await pcapng.saveAs(file);
		const rows = tsharkWebSocket(file, ['websocket.mask', 'websocket.opcode', 'websocket.payload.text']);
		if (rows)
			expect(rows).toEqual([
				['1', '1', 'Hello'],
				['0', '1', 'Hello']
			]);
	});

	test('live mode: the true bytes of a connection to the project’s server', async ({ page }, info) => {
		const side = createByteSideChannel({ server: 'echo' });
		const server = await startEchoServer({
			port: 0,
			onConnection: side.observe,
			routes: { [SIDE_CHANNEL_PATH]: side.accept }
		});
		try {
			await goto(page, `/live/?url=${encodeURIComponent(server.url)}`);
			await page.getByRole('button', { name: 'Connect', exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toBeVisible({ timeout: 10_000 });
			await expect(page.getByRole('status').filter({ hasText: 'Following connection' })).toBeVisible();
			await page.getByRole('radio', { name: 'Text', exact: true }).check();
			await page.getByLabel('Message', { exact: true }).fill('Hello, capture');
			await page.getByRole('button', { name: 'Send', exact: true }).click();
			await expect(page.getByRole('list', { name: 'Frames on the wire' }).getByRole('listitem')).toHaveCount(2);
			const [pcapng] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: 'Save .pcapng' }).click()
			]);
			expect(pcapng.suggestedFilename()).toBe('live.pcapng');
			const file = info.outputPath('live.pcapng');
			await pcapng.saveAs(file);
			// The project's server agrees to permessage-deflate: tshark inflates with the handshake it sees.
			const rows = tsharkWebSocket(file, ['websocket.mask', 'websocket.rsv', 'websocket.payload.text']);
			if (rows)
				expect(rows.map(([mask, , text]) => [mask, text])).toEqual([
					['1', 'Hello, capture'],
					['0', 'Hello, capture']
				]);
			const [har] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: 'Save .har' }).click()
			]);
			const json = JSON.parse(readFileSync(await har.path(), 'utf8'));
			expect(
				json.log.entries[0]._webSocketMessages.map((m: { type: string; data: string }) => [m.type, m.data])
			).toEqual([
				['send', 'Hello, capture'],
				['receive', 'Hello, capture']
			]);
		} finally {
			await Promise.all([side.close(), server.close()]);
		}
	});

	test('live mode without the side channel: the messages as frames, after the handshake the page reconstructed', async ({
		page
	}, info) => {
		const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		await new Promise((resolve) => wss.once('listening', resolve));
		wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
		const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
		try {
			await goto(page, `/live/?url=${encodeURIComponent(url)}`);
			await page.getByRole('button', { name: 'Connect', exact: true }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toBeVisible({ timeout: 10_000 });
			await page.getByRole('radio', { name: 'Text', exact: true }).check();
			await page.getByLabel('Message', { exact: true }).fill('no side channel');
			await page.getByRole('button', { name: 'Send', exact: true }).click();
			await expect(
				page.getByRole('list', { name: 'Message log' }).getByRole('listitem').filter({ hasText: 'Received' })
			).toHaveCount(1);
			const [pcapng] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: 'Save .pcapng' }).click()
			]);
			const file = info.outputPath('live-messages.pcapng');
			await pcapng.saveAs(file);
			const rows = tsharkWebSocket(file, ['websocket.mask', 'websocket.opcode', 'websocket.payload.text']);
			if (rows)
				expect(rows).toEqual([
					['1', '1', 'no side channel'],
					['0', '1', 'no side channel']
				]);
			// Read back by the decoder's own reader: a handshake it accepts, and each packet says it was made up.
			const open = new OpenFile(new Uint8Array(readFileSync(file)), seededRandom(1));
			if (open.summary.kind !== 'capture') throw new Error(open.summary.kind);
			expect(open.summary.streams.map((s) => s.kind)).toEqual(['websocket']);
			const talk = open.conversation(0)!;
			expect(talk.toServer!.handshake[0].verdict?.ok).toBe(true);
			expect(talk.toClient!.handshake[0].startLine).toBe('HTTP/1.1 101 Switching Protocols');
		} finally {
			for (const c of wss.clients) c.terminate();
			await new Promise((resolve) => wss.close(resolve));
		}
	});
});
