// The frame decoder (/decode): paste bytes in any supported format and see every frame explained;
// problems placed at their bytes; sharing, keeping the input, encoding; English and Korean.
import type { Page } from '@playwright/test';
import { parseInput, type InputFormat } from '$lib/hex';
import { formatName, parseIssueText } from '$lib/i18n/parse';
import { expect, expectAxeClean, expectNoHorizontalOverflow, goto, localizePath, test, type Lang } from './helpers';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** The RFC 6455 §5.7 masked "Hello", in every format people paste. */
const MASKED_HELLO = '81 85 37 fa 21 3d 7f 9f 4d 51 58';

const input = (page: Page) => page.getByRole('textbox', { name: 'Bytes to decode' });
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Read as|could not be read|Paste bytes/ });
const frame = (page: Page, n: number) => page.getByRole('article', { name: new RegExp(`^Frame ${n} `) });
const fields = (page: Page, n: number) => frame(page, n).getByRole('list', { name: `Fields of Frame ${n}` });
const payload = (page: Page, n: number) => frame(page, n).getByLabel(`Payload: Frame ${n}`, { exact: true });

/** The reader's first problem with `text`, as the page should word it in `lang` (the wording is unit-tested). */
function parseProblem(text: string, lang: Lang) {
	const r = parseInput(text);
	if (r.ok) throw new Error(`expected ${JSON.stringify(text)} not to read`);
	return { issue: r.error, text: parseIssueText(r.error, lang) };
}

/** Pastes like a person: the text goes to the clipboard, then Ctrl+V in the empty input. */
async function paste(page: Page, text: string): Promise<void> {
	await input(page).fill('');
	await page.evaluate((t) => navigator.clipboard.writeText(t), text);
	await input(page).focus();
	await page.keyboard.press('ControlOrMeta+V');
}

async function open(page: Page): Promise<void> {
	await goto(page, '/decode/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decode');
}

test.describe('pasted formats', () => {
	const formats: [string, string, InputFormat][] = [
		['hex with spaces', MASKED_HELLO, 'hex'],
		['hex without spaces', MASKED_HELLO.replaceAll(' ', ''), 'hex'],
		['hex with colons', MASKED_HELLO.replaceAll(' ', ':'), 'hex'],
		['hex with dashes', MASKED_HELLO.replaceAll(' ', '-').toUpperCase(), 'hex'],
		[
			'a 0x list',
			MASKED_HELLO.split(' ')
				.map((b) => `0x${b}`)
				.join(', '),
			'hex-0x'
		],
		[
			'a C array',
			`static const uint8_t frame[] = {\n  ${MASKED_HELLO.split(' ')
				.map((b) => `0x${b}`)
				.join(', ')}\n};`,
			'c-array'
		],
		[
			'\\x escapes',
			`"${MASKED_HELLO.split(' ')
				.map((b) => `\\x${b}`)
				.join('')}"`,
			'escape-x'
		],
		[
			'a Wireshark hex dump',
			'Frame (11 bytes):\n0000   81 85 37 fa 21 3d 7f 9f 4d 51 58                  ..7.!=..MQX',
			'wireshark'
		],
		['xxd output', '00000000: 8185 37fa 213d 7f9f 4d51 58              ..7.!=..MQX', 'xxd'],
		['base64', 'gYU3+iE9f59NUVg=', 'base64']
	];

	for (const [name, text, format] of formats) {
		test(`reads ${name} and says so`, async ({ page }) => {
			await open(page);
			await paste(page, text);
			await expect(status(page)).toContainText(formatName(format, 'en'));
			await expect(status(page)).toContainText('11 bytes · 1 frame · 1 message');
			await expect(payload(page, 1)).toHaveText('Hello');
			await expect(fields(page, 1).getByRole('button', { name: /Masking key/ })).toContainText('37 fa 21 3d');
		});
	}

	test('a chosen format overrides detection', async ({ page }) => {
		await open(page);
		await paste(page, '8AAA');
		const then = (format: InputFormat, rest: string) =>
			new RegExp(`${formatName(format, 'en').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*${rest}`);
		await expect(status(page)).toContainText(then('hex', '2 bytes'));
		await page.getByLabel('Format').selectOption({ label: 'Base64' });
		await expect(status(page)).toContainText(then('base64', '3 bytes'));
	});

	test('a dropped or opened binary file is read as bytes', async ({ page }) => {
		await open(page);
		await page.getByLabel('Open a file').setInputFiles({
			name: 'capture.bin',
			mimeType: 'application/octet-stream',
			buffer: Buffer.from(MASKED_HELLO.replaceAll(' ', ''), 'hex')
		});
		await expect(page.getByRole('status').filter({ hasText: 'Read 11 bytes from capture.bin.' })).toBeVisible();
		await expect(payload(page, 1)).toHaveText('Hello');
	});
});

test.describe('RFC 6455 §5.7 examples', () => {
	test('a single-frame unmasked text message', async ({ page }) => {
		await open(page);
		await paste(page, '0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f');
		const f = frame(page, 1);
		await expect(f).toContainText('text');
		await expect(f.getByRole('list', { name: 'Frame 1', exact: true })).toContainText(/FIN.*unmasked.*5-byte payload/);
		await expect(fields(page, 1).getByRole('button', { name: /Payload length/ })).toContainText('5');
		await expect(payload(page, 1)).toHaveText('Hello');
		await expect(page.getByText('Sent by the server, judging by the MASK bit of the first frame.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Problems' })).toHaveCount(0);
	});

	test('a single-frame masked text message, unmasking worked out', async ({ page }) => {
		await open(page);
		await paste(page, '0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58');
		const table = frame(page, 1).getByRole('table');
		// 0x7f XOR 0x37 = 0x48, "H".
		await expect(table.getByRole('row', { name: /masked/ })).toContainText('7f 9f 4d 51 58'.replaceAll(' ', ''));
		await expect(table.getByRole('row', { name: /data/ })).toContainText('4865 6c6c6f'.replaceAll(' ', ''));
		await expect(table.getByRole('row', { name: /char/ })).toContainText('Hello');
		await expect(page.getByText('Sent by the client, judging by the MASK bit of the first frame.')).toBeVisible();
	});

	test('a fragmented unmasked text message is reassembled', async ({ page }) => {
		await open(page);
		await paste(page, '0x01 0x03 0x48 0x65 0x6c\n0x80 0x02 0x6c 0x6f');
		await expect(frame(page, 1)).toContainText('not final');
		await expect(payload(page, 1)).toHaveText('Hel');
		await expect(frame(page, 2)).toContainText('continuation');
		await expect(payload(page, 2)).toHaveText('lo');
		const messages = page.getByRole('region', { name: 'Messages' }).getByRole('listitem');
		await expect(messages).toHaveCount(1);
		await expect(messages.first()).toContainText(/Message 1 text\s+5 bytes · Frame 1, Frame 2/);
		await expect(messages.first().getByLabel('Payload: Message 1')).toHaveText('Hello');
	});

	test('an unmasked ping and a masked pong', async ({ page }) => {
		await open(page);
		await paste(page, '0x89 0x05 0x48 0x65 0x6c 0x6c 0x6f\n0x8a 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58');
		await expect(frame(page, 1)).toContainText('ping');
		await expect(payload(page, 1)).toHaveText('Hello');
		await expect(frame(page, 2)).toContainText('pong');
		await expect(payload(page, 2)).toHaveText('Hello');
		// The two frames go opposite ways: the pong is flagged as a warning, not an error.
		await expect(status(page)).toContainText('0 errors, 1 warning');
		await expect(page.getByText('Masked frame among server frames').first()).toBeVisible();
	});

	test('256 bytes of binary data in a 16-bit length', async ({ page }) => {
		await open(page);
		await page.getByRole('button', { name: '256-byte binary' }).click();
		await expect(status(page)).toContainText('260 bytes · 1 frame · 1 message · no problems');
		await expect(fields(page, 1).getByRole('button', { name: /Extended payload length/ })).toContainText('256');
		await expect(
			fields(page, 1)
				.getByRole('button', { name: /Payload length/ })
				.first()
		).toContainText('126');
	});

	test('64 KiB of binary data in a 64-bit length (too long to edit: shown as a preview)', async ({ page }) => {
		await open(page);
		await page.getByRole('button', { name: '64 KiB binary' }).click();
		await expect(page.getByText(/too long to edit comfortably here/)).toBeVisible();
		await expect(status(page)).toContainText('65,546 bytes · 1 frame · 1 message · no problems', { timeout: 20_000 });
		await expect(fields(page, 1).getByRole('button', { name: /Extended payload length/ })).toContainText('65536');
		// The map shows the first payload bytes and offers the rest.
		await expect(frame(page, 1).getByRole('button', { name: /Show 256 more bytes/ })).toBeVisible();
	});
});

test.describe('RFC 7692 §7.2.3 examples (permessage-deflate)', () => {
	const messages = (page: Page) => page.getByRole('region', { name: 'Messages' }).getByRole('listitem');
	const inflated = (page: Page, n: number) =>
		frame(page, n).getByLabel(`Inflated message: Frame ${n}`, { exact: true });

	test('a compressed "Hello": RSV1 read as permessage-deflate, DEFLATE bytes shown and inflated', async ({ page }) => {
		await open(page);
		await paste(page, '0xc1 0x07 0xf2 0x48 0xcd 0xc9 0xc9 0x07 0x00');
		await expect(status(page)).toContainText('9 bytes · 1 frame · 1 message · no problems');
		await expect(page.getByText(/RSV1 is set on 1 message: read as permessage-deflate/)).toBeVisible();
		await expect(frame(page, 1)).toContainText(/DEFLATE data with the final 00 00 ff ff left off/);
		await expect(payload(page, 1)).toContainText('f2 48 cd c9 c9 07 00');
		await expect(inflated(page, 1)).toHaveText('Hello');
		await expect(frame(page, 1)).toContainText('7 bytes on the wire, 5 bytes of message');
		await expect(messages(page).first()).toContainText(/Message 1 text\s+7 bytes compressed → 5 bytes/);
	});

	test('the same, fragmented: inflated once the last fragment arrives', async ({ page }) => {
		await open(page);
		await paste(page, '41 03 f2 48 cd\n80 04 c9 c9 07 00');
		await expect(status(page)).toContainText('no problems');
		await expect(inflated(page, 2)).toHaveText('Hello');
		await expect(messages(page).first().getByLabel('Payload: Message 1')).toHaveText('Hello');
	});

	test('the shared sliding window: the second message is 5 bytes that point back into the first', async ({ page }) => {
		await open(page);
		await page.getByRole('button', { name: 'Shared compression context' }).click();
		await expect(status(page)).toContainText('2 frames · 2 messages · no problems');
		await expect(inflated(page, 1)).toHaveText('Hello');
		await expect(inflated(page, 2)).toHaveText('Hello');
		await expect(messages(page).nth(1)).toContainText('5 bytes compressed → 5 bytes');
		await expect(messages(page).nth(1)).toContainText('Reaches 4 bytes back before this message');
		await messages(page).nth(1).getByText('Compressed bytes (DEFLATE)').click();
		await expect(messages(page).nth(1)).toContainText('fixed Huffman codes: 1 literal, 1 back-reference → 5 bytes');
		// What compression adds to the page (notes, the DEFLATE details, the inflated text) is accessible too.
		await expectAxeClean(page);
		// Turned off, RSV1 is a bit no extension gave a meaning: the receiver fails with 1002.
		await page.getByRole('combobox', { name: 'permessage-deflate' }).selectOption('off');
		await expect(page.getByText('RSV bit set without an extension').first()).toBeVisible();
		await expect(page).toHaveURL(/deflate=off/);
	});

	test('the other examples: a stored block, BFINAL set, two blocks in one message', async ({ page }) => {
		await open(page);
		for (const hex of [
			'c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00',
			'c1 08 f3 48 cd c9 c9 07 00 00',
			'c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00'
		]) {
			await paste(page, hex);
			await expect(status(page)).toContainText('no problems');
			await expect(inflated(page, 1)).toHaveText('Hello');
		}
	});
});

test('a whole TCP stream: the handshake is read as HTTP, what it agreed is how the frames are read', async ({
	page
}) => {
	await open(page);
	await page.getByRole('button', { name: 'Whole TCP stream' }).click();
	const handshake = page.getByRole('region', { name: 'Opening handshake' });
	await expect(handshake.getByRole('figure').first()).toContainText('GET /chat HTTP/1.1');
	await expect(handshake.getByRole('figure').nth(1)).toContainText('Sec-WebSocket-Extensions: permessage-deflate');
	// Each head as the other side's engine judges it: the key calls for the accept the server sent.
	await expect(handshake.getByRole('figure').first()).toContainText(
		'A server accepts this request (RFC 6455 §4.2.1); its key calls for Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='
	);
	await expect(handshake.getByRole('figure').nth(1)).toContainText('The client accepts this answer (RFC 6455 §4.1)');
	await expect(status(page)).toContainText('2 frames · 2 messages · no problems');
	await expect(page.getByText(/handshake's response agreed to permessage-deflate/)).toBeVisible();
	await expect(
		page.getByText(/Both directions, after the handshake: 1 masked frame from the client, 1 unmasked from the server/)
	).toBeVisible();
	// The first frame starts where the response ended.
	await expect(handshake.getByRole('figure').nth(1)).toContainText(/bytes \d+–405/);
	await expect(frame(page, 1).getByRole('list', { name: 'Frame 1', exact: true })).toContainText('bytes 406–418');
	for (const n of [1, 2])
		await expect(frame(page, n).getByLabel(`Inflated message: Frame ${n}`, { exact: true })).toHaveText('Hello');
	await expectAxeClean(page);
});

test.describe('problems', () => {
	test('each is placed at its byte, says what a receiver does and cites the RFC', async ({ page }) => {
		await open(page);
		await page.getByRole('button', { name: 'With errors' }).click();
		const problems = page.getByRole('region', { name: 'Problems' }).getByRole('listitem');
		await expect(problems).toHaveCount(7);
		const expected: [string, string, string][] = [
			['RSV bit set without an extension', 'Frame 1, byte 0', 'fails the connection with 1002'],
			['Continuation frame with no message to continue', 'Frame 2, byte 4', 'RFC 6455 §5.4'],
			['Fragmented control frame (FIN = 0)', 'Frame 3, byte 7', 'RFC 6455 §5.5'],
			['Invalid UTF-8 in a text message', 'Frame 4, byte 12', 'fails the connection with 1007'],
			['Close code 1005 may not be sent', 'Frame 5, bytes 15–16', 'RFC 6455 §7.4'],
			['5-byte length written in the 16-bit form', 'Frame 6, bytes 18–20', 'strict one fails the connection with 1002'],
			['Incomplete frame: 3 bytes missing', 'Frame 7, byte 29', 'abnormal closure (1006)']
		];
		for (const [i, [title, where, what]] of expected.entries()) {
			await expect(problems.nth(i)).toContainText(title);
			await expect(problems.nth(i)).toContainText(where);
			await expect(problems.nth(i)).toContainText(what);
		}

		// "Show the bytes" goes to the frame and selects the field at fault.
		await problems.nth(2).getByRole('button', { name: 'Show the bytes' }).click();
		await expect(frame(page, 3).getByRole('heading', { name: /Frame 3/ })).toBeFocused();
		await expect(fields(page, 3).getByRole('button', { name: /FIN/ })).toHaveAttribute('aria-pressed', 'true');
		const map = frame(page, 3).getByRole('listbox', { name: 'Bytes of Frame 3' });
		await expect(map.getByRole('option', { name: /^0 FIN: .*problem here/ })).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByRole('region', { name: 'Summary' })).toContainText(/Errors\s*6/);
	});

	test('a typo in the input is located, can be selected, and what came before still decodes', async ({ page }) => {
		await open(page);
		await paste(page, '81 05 48 65 6c zz 6f');
		const typo = parseProblem('81 05 48 65 6c zz 6f', 'en');
		expect(typo.issue).toMatchObject({
			code: 'bad-char',
			start: 15,
			end: 16,
			line: 1,
			column: 16,
			params: { kind: 'not-hex', char: { text: 'z' } }
		});
		await expect(status(page)).toContainText('The input could not be read to the end');
		await expect(status(page)).toContainText(typo.text);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByText('Below: the 5 bytes read before that point.')).toBeVisible();
		await expect(page.getByText('Incomplete frame: 2 bytes missing').first()).toBeVisible();
		await page.getByRole('button', { name: 'Select it in the input' }).click();
		await expect(input(page)).toBeFocused();
		expect(await input(page).evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([
			15, 16
		]);
		// The input is kept as typed.
		await expect(input(page)).toHaveValue('81 05 48 65 6c zz 6f');

		await paste(page, '81 05 4');
		const lone = parseProblem('81 05 4', 'en');
		expect(lone.issue).toMatchObject({ code: 'odd-digits', line: 1, column: 7, params: { digit: '4', group: 1 } });
		await expect(status(page)).toContainText(lone.text);
	});

	test('no input, however broken, blanks the page or throws', async ({ page }) => {
		await open(page);
		const inputs = [
			'81',
			'81 7e 01',
			'82 7f 80 00 00 00 00 00 00 01 aa bb',
			'ff ff ff ff',
			'   ',
			'zz',
			'====',
			'0x',
			'{ 0x81, 0x',
			'"\\x8',
			'00'.repeat(300)
		];
		for (const text of inputs) {
			await input(page).fill(text);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(input(page)).toHaveValue(text);
			await expect(page.getByRole('status').first()).not.toBeEmpty();
		}
		await expect(page.getByText('64-bit length with its top bit set')).toHaveCount(0); // the last input replaced it
		await input(page).fill('82 7f 80 00 00 00 00 00 00 01 aa bb');
		await expect(page.getByText('64-bit length with its top bit set').first()).toBeVisible();
		await expect(page.getByText('2 bytes that cannot be framed').first()).toBeVisible();
	});

	test('the role is inferred from the MASK bit and can be set; a mismatch is a warning', async ({ page }) => {
		await open(page);
		await paste(page, MASKED_HELLO);
		await expect(status(page)).toContainText('no problems');
		await page.getByLabel('Sent by').selectOption({ label: 'Server (frames unmasked)' });
		await expect(page.getByText('Checked as sent by the server.')).toBeVisible();
		await expect(status(page)).toContainText('0 errors, 1 warning');
		await expect(page.getByRole('region', { name: 'Problems' })).toContainText('If the server really sent it');
	});
});

test.describe('the byte map', () => {
	test('links each byte to its field on hover and keyboard focus', async ({ page }) => {
		await open(page);
		await paste(page, MASKED_HELLO);
		const map = frame(page, 1).getByRole('listbox', { name: 'Bytes of Frame 1' });
		await map.focus();
		await page.keyboard.press('ArrowRight');
		await expect(map.getByRole('option', { name: /^0 RSV1: / })).toHaveAttribute('aria-selected', 'true');
		await expect(fields(page, 1).getByRole('button', { name: /RSV1/ })).toHaveAttribute('aria-pressed', 'true');
		await page.keyboard.press('End');
		await expect(fields(page, 1).getByRole('button', { name: /Payload data/ })).toHaveAttribute('aria-pressed', 'true');
		await expect(frame(page, 1)).toContainText('The masked payload: unmask it to read the data.');

		// Each cell is named by its hex first (WCAG 2.5.3 Label in Name), then what it is.
		await map.getByRole('option', { name: /^37: Masking key \(37 fa 21 3d\), byte 2/ }).hover();
		await expect(frame(page, 1).getByText('Payload byte i is XORed with key byte i mod 4.')).toBeVisible();
	});

	test('long inputs render frames a few at a time, more as the reader scrolls', async ({ page }) => {
		test.setTimeout(120_000);
		await page.emulateMedia({ reducedMotion: 'reduce' }); // jump when scrolling, no smooth animation
		await open(page);
		await paste(page, Array.from({ length: 25 }, (_, i) => `81 01 ${(0x61 + i).toString(16)}`).join('\n'));
		await expect(status(page)).toContainText('25 frames');
		const articles = page.getByRole('article');
		await expect(articles).toHaveCount(3);
		await expect(page.getByRole('button', { name: 'Show 6 more frames' })).toBeVisible();
		await expect
			.poll(
				async () => {
					// A screen at a time, as a reader scrolls.
					await page.evaluate(() => window.scrollBy(0, window.innerHeight));
					return articles.count();
				},
				{ timeout: 60_000, intervals: [250] }
			)
			.toBe(25);
		await expect(payload(page, 25)).toHaveText('y');
	});
});

test.describe('sharing and keeping the input', () => {
	test('?hex= opens with those bytes decoded, in any format', async ({ page }) => {
		await goto(page, `/decode/?hex=${encodeURIComponent('0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f')}`);
		await expect(status(page)).toContainText(formatName('hex-0x', 'en'));
		await expect(payload(page, 1)).toHaveText('Hello');
	});

	test('"Copy link" copies a link that reproduces the decode', async ({ page, context }) => {
		await open(page);
		await paste(page, '88 82 1a 2b 3c 4d 19 c3');
		await page.getByRole('button', { name: 'Copy link' }).click();
		await expect(page.getByText('Link copied.')).toBeVisible();
		const link = await page.evaluate(() => navigator.clipboard.readText());
		expect(new URL(link).searchParams.get('hex')).toBe('88 82 1a 2b 3c 4d 19 c3');
		const other = await context.newPage();
		await goto(other, link);
		await expect(frame(other, 1).getByRole('term').first()).toHaveText('Status code');
		await expect(frame(other, 1)).toContainText(/1000\s*Normal Closure/);
	});

	test('a reload never loses the input, short (address bar) or long (this browser)', async ({ page }) => {
		await open(page);
		await paste(page, '81 02 68 69');
		await expect(page).toHaveURL(/hex=81\+02\+68\+69/);
		await page.reload();
		await expect(input(page)).toHaveValue('81 02 68 69');
		await expect(payload(page, 1)).toHaveText('hi');

		await page.getByRole('button', { name: '64 KiB binary' }).click();
		await expect(status(page)).toContainText('65,546 bytes', { timeout: 20_000 });
		await expect(page).not.toHaveURL(/hex=/);
		await page.waitForTimeout(2500); // saved when the page is idle
		await page.reload();
		await expect(status(page)).toContainText('65,546 bytes', { timeout: 20_000 });
	});
});

test('leaving the page keeps the input for next time and leaves the next address alone', async ({ page }) => {
	await open(page);
	await paste(page, '81 02 68 69');
	const nav = page.getByRole('navigation', { name: 'Main' });
	await nav.getByRole('link', { name: 'Learn' }).click();
	await expect(page).toHaveURL('/learn/');
	await page.waitForTimeout(2500); // any save still scheduled has run by now
	await expect(page).toHaveURL('/learn/');
	await nav.getByRole('link', { name: 'Decode' }).click();
	await expect(input(page)).toHaveValue('81 02 68 69');
	await expect(payload(page, 1)).toHaveText('hi');
});

test('building a frame gives its bytes, which decode back', async ({ page }) => {
	await open(page);
	const build = page.getByRole('region', { name: 'Build a frame' });
	await build.getByRole('combobox', { name: 'Opcode' }).selectOption({ label: '0x9 · ping' });
	await build.getByLabel('Mask the payload (client to server)').uncheck();
	await build.getByRole('textbox', { name: 'Payload' }).fill('hi');
	await expect(build.getByRole('status')).toHaveText('89 02 68 69');
	await build.getByLabel('Mask the payload (client to server)').check();
	await build.getByLabel('Masking key (8 hex digits)').fill('01020304');
	await expect(build.getByRole('status')).toHaveText('89 82 01 02 03 04 69 6b');
	await build.getByRole('button', { name: 'Decode these bytes' }).click();
	await expect(input(page)).toHaveValue('89 82 01 02 03 04 69 6b');
	await expect(payload(page, 1)).toHaveText('hi');
	// A malformed choice is explained instead of built.
	await build.getByLabel('Masking key (8 hex digits)').fill('0102');
	await expect(build.getByText('The masking key is 4 bytes: write exactly 8 hex digits.')).toBeVisible();
});

test('building a compressed frame: the engine deflates it, RSV1 is set, and it decodes back to the text', async ({
	page
}) => {
	await open(page);
	const build = page.getByRole('region', { name: 'Build a frame' });
	await build.getByLabel('Mask the payload (client to server)').uncheck();
	await build.getByRole('textbox', { name: 'Payload' }).fill('Hello');
	await build.getByLabel('Compress (permessage-deflate)').check();
	await expect(build.getByLabel('RSV1', { exact: true })).toBeChecked();
	// The RFC 7692 §7.2.3.1 bytes: what any DEFLATE at the default level makes of "Hello".
	await expect(build.getByRole('status')).toHaveText('c1 07 f2 48 cd c9 c9 07 00');
	await build.getByRole('button', { name: 'Decode these bytes' }).click();
	await expect(frame(page, 1).getByLabel('Inflated message: Frame 1', { exact: true })).toHaveText('Hello');
});

test('in Korean', async ({ page }) => {
	await goto(page, localizePath('/decode', 'ko'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('디코더');
	await page.getByRole('button', { name: '오류가 있는 예' }).click();
	const problems = page.getByRole('region', { name: '문제' });
	await expect(problems).toContainText('조각난 제어 프레임 (FIN = 0)');
	await expect(problems).toContainText('수신 측은 1002(프로토콜 오류) 코드로 연결을 실패 처리합니다.');
	await expect(page.getByRole('status').filter({ hasText: '읽은 형식' })).toContainText('프레임 7개');
	await expect(page.getByRole('article', { name: /^프레임 1 / })).toBeVisible();

	// What the reader could not read, and the format it read, in Korean too.
	await page.getByRole('textbox', { name: '디코딩할 바이트' }).fill('81 05 48 65 6c zz 6f');
	const koStatus = page.getByRole('status').filter({ hasText: '입력을 끝까지 읽지 못했습니다' });
	await expect(koStatus).toContainText(parseProblem('81 05 48 65 6c zz 6f', 'ko').text);
	await expect(koStatus).toContainText(formatName('hex', 'ko'));
});

for (const lang of ['en', 'ko'] as const) {
	for (const colorScheme of ['light', 'dark'] as const) {
		test(`fits the viewport and is accessible (${lang}, ${colorScheme})`, async ({ page }) => {
			test.setTimeout(120_000); // axe over a page of frames takes a while
			await page.emulateMedia({ colorScheme });
			await goto(page, localizePath('/decode', lang));
			await page.getByRole('button', { name: lang === 'en' ? 'With errors' : '오류가 있는 예' }).click();
			await expect(page.getByRole('article').first()).toBeVisible();
			await expectNoHorizontalOverflow(page);
			await expectAxeClean(page);
		});
	}
}
