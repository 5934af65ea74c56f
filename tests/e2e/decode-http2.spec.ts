// The decoder (/decode) with a pasted HTTP/2 byte stream (RFC 7540, RFC 8441): it is recognised by its
// preface and shown as HTTP/2 frames with the WebSocket frames inside DATA; problems name their HTTP/2
// error code, connection or stream, and RFC section. The bytes are made with the engine.
import type { Page } from '@playwright/test';
import { concat } from '$lib/protocol';
import { encodeFrame, encodeSettings, FLAGS, FRAME_TYPES, PREFACE, SETTINGS } from '$lib/protocol/http2/frames';
import { encodeHeaders } from '$lib/protocol/http2/hpack';
import { toHex } from '$lib/hex';
import { decodeText } from '$lib/i18n/decode';
import { expect, expectAxeClean, expectNoHorizontalOverflow, goto, localizePath, test } from './helpers';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const input = (page: Page) => page.getByRole('textbox', { name: 'Bytes to decode' });
const h2Frame = (page: Page, n: number) => page.getByRole('article', { name: new RegExp(`^HTTP/2 frame ${n} `) });
const problems = (page: Page) => page.getByRole('region', { name: 'Problems' });

const settings = encodeFrame({ type: FRAME_TYPES.SETTINGS, payload: encodeSettings([[SETTINGS.ENABLE_PUSH, 0]]) });
const connect = encodeFrame({
	type: FRAME_TYPES.HEADERS,
	flags: FLAGS.END_HEADERS,
	stream: 1,
	payload: encodeHeaders([
		[':method', 'CONNECT'],
		[':protocol', 'websocket'],
		[':scheme', 'https'],
		[':path', '/chat'],
		[':authority', 'example.com'],
		['sec-websocket-version', '13']
	])
});
const hex = (...parts: Uint8Array[]) => toHex(concat(parts));

async function open(page: Page, lang: 'en' | 'ko' = 'en'): Promise<void> {
	await goto(page, localizePath('/decode/', lang));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(decodeText(lang).title);
}

/** Pastes like a person: the text goes to the clipboard, then Ctrl+V in the empty input. */
async function paste(page: Page, text: string): Promise<void> {
	await input(page).fill('');
	await page.evaluate((t) => navigator.clipboard.writeText(t), text);
	await input(page).focus();
	await page.keyboard.press('ControlOrMeta+V');
}

test.describe('a pasted HTTP/2 stream', () => {
	test('the example: HTTP/2 frames, the extended CONNECT, and a WebSocket frame found whole across two DATA frames', async ({
		page
	}) => {
		await open(page);
		await page.getByRole('button', { name: 'WebSocket over HTTP/2 (client side)', exact: true }).click();
		await expect(
			page.getByRole('heading', { level: 2, name: 'HTTP/2 connection (client side): preface, 10 frames, 1 stream' })
		).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'Read as' })).toContainText(
			'215 bytes · HTTP/2, client side · 10 HTTP/2 frames · 1 stream · 2 WebSocket frames · 2 messages · no problems'
		);

		// The stream: what its HEADERS ask for, and what a server answers.
		const stream = page.getByRole('region', { name: /^Stream 1/ });
		await expect(stream).toContainText('An extended CONNECT (RFC 8441 §4)');
		await expect(stream.getByText('ws://server.example.com/chat')).toBeVisible();
		await expect(stream).toContainText('answers :status 200');

		// Frame by frame: the type, flags by name, the stream.
		await expect(h2Frame(page, 2).getByRole('list', { name: 'HTTP/2 frame 2', exact: true })).toContainText('ACK');
		await expect(h2Frame(page, 3)).toContainText(':method CONNECT');
		await expect(h2Frame(page, 3).getByRole('list', { name: 'HTTP/2 frame 3', exact: true })).toContainText(
			'END_HEADERS'
		);

		// "Hello" is cut by the 8-octet window: its first 8 octets in frame 4, the rest in frame 5, found whole there.
		await expect(h2Frame(page, 4)).toContainText(
			'The first 8 octets of frame 1; it continues in the next DATA frame on this stream, HTTP/2 frame 5.'
		);
		const five = h2Frame(page, 5);
		await expect(five).toContainText('The last 3 octets of frame 1, begun in HTTP/2 frame 4.');
		await expect(five).toContainText('came in HTTP/2 frames 4 and 5');
		const ws = five.getByRole('article', { name: /^Frame 1 / });
		await expect(ws.getByLabel('Payload: Frame 1', { exact: true })).toHaveText('Hello');
		await expect(
			ws.getByRole('list', { name: 'Fields of Frame 1' }).getByRole('button', { name: /Masking key/ })
		).toContainText('24 5a 35 1e');
		await expect(h2Frame(page, 10).getByRole('list', { name: 'HTTP/2 frame 10', exact: true })).toContainText(
			'END_STREAM'
		);

		// A message link goes to the DATA frame where the WebSocket frame is whole.
		await stream.getByRole('link', { name: 'Frame 1 (text): in HTTP/2 frames 4 and 5' }).click();
		await expect(ws).toBeInViewport();
	});

	test('the bytes and fields: settings by name, the header block decoded with each HPACK representation', async ({
		page
	}) => {
		await open(page);
		await page.getByRole('button', { name: 'WebSocket over HTTP/2 (client side)', exact: true }).click();
		const settingsFrame = h2Frame(page, 1);
		await settingsFrame.getByText('Bytes and fields').click();
		await expect(settingsFrame.getByRole('table', { name: 'Settings' })).toContainText('SETTINGS_ENABLE_PUSH');
		const fields = settingsFrame.getByRole('list', { name: 'Fields of HTTP/2 frame 1' });
		await fields.getByRole('button', { name: /Type/ }).click();
		await expect(fields).toContainText('0x04 SETTINGS');
		await expect(settingsFrame.getByRole('list', { name: 'Bytes of HTTP/2 frame 1' })).toContainText(
			'00 02 00 00 00 00'
		);

		const headers = h2Frame(page, 3);
		await headers.getByText('Bytes and fields').click();
		const table = headers.getByRole('table', { name: 'Header block, decoded' });
		await expect(table.getByRole('row', { name: /:protocol/ })).toContainText('websocket');
		await expect(table.getByRole('row', { name: /:protocol/ })).toContainText('new name');
		await expect(table.getByRole('row', { name: /:scheme/ })).toContainText('indexed: the whole field from the table');
		await expect(table.getByRole('row', { name: /:scheme/ })).toContainText('static table, index 6');
		await expect(headers).toContainText('Dynamic table after this block: 0 entries');

		await page.getByRole('button', { name: 'Open all' }).click();
		await expect(h2Frame(page, 6)).toContainText('may send 5 more octets of DATA on stream 1');
		await expectNoHorizontalOverflow(page);
		await expectAxeClean(page);
	});

	test('the server’s settings announce WebSocket over HTTP/2, when “Sent by” says server', async ({ page }) => {
		await open(page);
		await page.getByLabel('Sent by').selectOption({ label: 'Server (frames unmasked)' });
		const server = encodeFrame({
			type: FRAME_TYPES.SETTINGS,
			payload: encodeSettings([[SETTINGS.ENABLE_CONNECT_PROTOCOL, 1]])
		});
		const ok = encodeFrame({
			type: FRAME_TYPES.HEADERS,
			flags: FLAGS.END_HEADERS,
			stream: 1,
			payload: encodeHeaders([[':status', '200']])
		});
		const data = encodeFrame({ type: FRAME_TYPES.DATA, stream: 1, payload: Uint8Array.of(0x81, 0x02, 0x68, 0x69) });
		await paste(page, hex(server, ok, data));
		await expect(page.getByRole('heading', { level: 2, name: /^HTTP\/2 connection \(server side\)/ })).toBeVisible();
		await expect(h2Frame(page, 1)).toContainText('ENABLE_CONNECT_PROTOCOL = 1');
		await expect(page.getByRole('region', { name: /^Stream 1/ })).toContainText('the stream is now the WebSocket');
		await expect(h2Frame(page, 3).getByLabel('Payload: Frame 1', { exact: true })).toHaveText('hi');
	});
});

test.describe('problems, each with its HTTP/2 error code and section', () => {
	test('a preface that goes wrong: a connection error PROTOCOL_ERROR, and nothing after it is read', async ({
		page
	}) => {
		await open(page);
		await paste(page, toHex(new TextEncoder().encode('PRI * HTTP/1.1\r\n\r\nSM\r\n\r\n')));
		const p = problems(page);
		await expect(p).toContainText('Connection error PROTOCOL_ERROR');
		await expect(p).toContainText('Preface, byte 11');
		await expect(p).toContainText('The connection does not start with the client preface');
		await expect(p).toContainText('A receiver sends GOAWAY with PROTOCOL_ERROR and reads nothing more.');
		await expect(p.getByRole('link', { name: 'RFC 7540 §3.5' })).toHaveAttribute('href', /rfc7540#section-3\.5$/);
		await expect(page.getByRole('article', { name: 'Connection preface' })).toContainText(
			'Byte 11 is not the preface’s.'
		);
	});

	test('only the start of the preface: how many octets are still to come', async ({ page }) => {
		await open(page);
		await paste(page, toHex(new TextEncoder().encode('PRI * HTTP/2.0')));
		await expect(problems(page)).toContainText('The input ends inside the preface: 10 more octets needed');
	});

	test('an oversized frame: FRAME_SIZE_ERROR at its length field (RFC 7540 §4.2)', async ({ page }) => {
		await open(page);
		const big = encodeFrame({ type: FRAME_TYPES.DATA, stream: 1, payload: new Uint8Array(16385) });
		await paste(page, hex(PREFACE, settings, connect, big.subarray(0, 40)));
		const p = problems(page);
		await expect(p).toContainText('Connection error FRAME_SIZE_ERROR');
		await expect(p).toContainText('The frame is larger than SETTINGS_MAX_FRAME_SIZE.');
		await expect(p.getByRole('link', { name: 'RFC 7540 §4.2' })).toBeVisible();
		await p.getByRole('button', { name: 'Show the frame' }).click();
		await expect(h2Frame(page, 3)).toBeInViewport();
		await expect(h2Frame(page, 3).getByRole('list', { name: 'Bytes of HTTP/2 frame 3' })).toBeVisible();
	});

	test('an HPACK index past both tables: COMPRESSION_ERROR', async ({ page }) => {
		await open(page);
		const bad = encodeFrame({
			type: FRAME_TYPES.HEADERS,
			flags: FLAGS.END_HEADERS,
			stream: 1,
			payload: Uint8Array.of(0x82, 0xff, 0x00)
		});
		await paste(page, hex(PREFACE, settings, bad));
		const p = problems(page);
		await expect(p).toContainText('Connection error COMPRESSION_ERROR');
		await expect(p).toContainText('index 127 is past the 61 entries of the static and dynamic tables');
		await expect(p).toContainText('COMPRESSION_ERROR: the header block could not be decoded (HPACK).');
	});

	test('DATA on a closed stream: a stream error STREAM_CLOSED, and the connection goes on', async ({ page }) => {
		await open(page);
		const end = encodeFrame({
			type: FRAME_TYPES.DATA,
			flags: FLAGS.END_STREAM,
			stream: 1,
			payload: Uint8Array.of(0x88, 0x80, 1, 2, 3, 4)
		});
		const late = encodeFrame({ type: FRAME_TYPES.DATA, stream: 1, payload: Uint8Array.of(0x81, 0x80, 1, 2, 3, 4) });
		const ping = encodeFrame({ type: FRAME_TYPES.PING, payload: new Uint8Array(8) });
		await paste(page, hex(PREFACE, settings, connect, end, late, ping));
		const p = problems(page);
		await expect(p).toContainText('Stream error STREAM_CLOSED on stream 1');
		await expect(p).toContainText(
			'A receiver sends RST_STREAM with STREAM_CLOSED on stream 1; the connection goes on.'
		);
		await expect(h2Frame(page, 5)).toContainText('Asks for an answer with the same eight octets.');
	});

	test('input cut short inside a frame: how many octets are missing', async ({ page }) => {
		await open(page);
		const data = encodeFrame({
			type: FRAME_TYPES.DATA,
			stream: 1,
			payload: Uint8Array.of(0x81, 0x82, 1, 2, 3, 4, 0x69, 0x6b)
		});
		await paste(page, hex(PREFACE, settings, connect, data.subarray(0, 12)));
		await expect(problems(page)).toContainText('The input ends inside the last frame: 5 more octets needed');
		await expect(h2Frame(page, 3).getByRole('list', { name: 'HTTP/2 frame 3', exact: true })).toContainText(
			'cut short'
		);
	});
});

test('in Korean, the HTTP/2 view speaks Korean', async ({ page }) => {
	await open(page, 'ko');
	await page.getByRole('button', { name: 'HTTP/2 위 웹소켓 (클라이언트 쪽)', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 2, name: 'HTTP/2 연결(클라이언트 쪽): 프리페이스, 프레임 10개, 스트림 1개' })
	).toBeVisible();
	await expect(page.getByRole('article', { name: /^HTTP\/2 프레임 5 / })).toContainText(
		'HTTP/2 프레임 4에서 시작한 프레임 1의 마지막 3옥텟입니다.'
	);
	await expectNoHorizontalOverflow(page);
});
