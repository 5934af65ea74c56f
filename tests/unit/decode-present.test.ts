// The decoder page's helpers around the analysis: keeping and sharing the input, the words for
// issues in both languages, payload views, and the worker-or-inline client.
import { errorWords } from '$lib/i18n/protocol';
import { describe, expect, it } from 'vitest';
import { hexToBytes, toHex } from '$lib/hex';
import { encodeUtf8 } from '$lib/protocol';
import { decodeText } from '$lib/i18n/decode';
import { analyzeStream } from '$lib/decode/analyze';
import { DecodeClient } from '$lib/decode/client';
import { exampleText, EXAMPLE_IDS } from '$lib/decode/examples';
import { analyzeHttp2 } from '$lib/decode/http2';
import { decodeInput } from '$lib/decode/input';
import { describePayload, hexRows } from '$lib/decode/payload';
import { bitPicture, issueWords } from '$lib/decode/present';
import { rfcHref } from '$lib/rfc';
import { reuseUnchanged } from '$lib/decode/stable';
import { inputFromUrl, loadSaved, save, shareLink, STORAGE_KEY, urlWithInput, URL_TEXT_LIMIT } from '$lib/decode/share';
import type { IssueCode } from '$lib/decode/types';

describe('share', () => {
	const page = new URL('https://example.org/decode/?other=1');

	it('puts the input in the URL and reads it back, formats and roles included', () => {
		const url = urlWithInput(page, { text: '0x81, 0x05', format: 'hex-0x', role: 'client' });
		expect(url.searchParams.get('other')).toBe('1');
		expect(inputFromUrl(url)).toEqual({ text: '0x81, 0x05', format: 'hex-0x', role: 'client', deflate: 'auto' });
		// Defaults stay out of the URL; unknown values read as defaults.
		expect(urlWithInput(page, { text: '81', format: 'auto', role: 'auto' }).search).toBe('?other=1&hex=81');
		expect(inputFromUrl(new URL('https://x/decode/?hex=81&format=nope&role=x'))).toEqual({
			text: '81',
			format: 'auto',
			role: 'auto',
			deflate: 'auto'
		});
		expect(inputFromUrl(page)).toBeNull();
	});

	it('keeps long inputs out of the address bar, and links long inputs as compact hex', () => {
		const long = '81 '.repeat(URL_TEXT_LIMIT);
		expect(urlWithInput(page, { text: long, format: 'auto', role: 'auto' }).searchParams.has('hex')).toBe(false);
		const link = shareLink(page, { text: long, format: 'wireshark', role: 'server', deflate: 'off' }, '8181');
		expect(inputFromUrl(link)).toEqual({ text: '8181', format: 'hex', role: 'server', deflate: 'off' });
		expect(inputFromUrl(shareLink(page, { text: '81 05', format: 'auto', role: 'auto' }, '8105'))?.text).toBe('81 05');
	});

	it('saves to storage and survives broken or blocked storage', () => {
		const store = new Map<string, string>();
		const storage = {
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, v: string) => void store.set(k, v)
		};
		expect(save(storage, { text: 'ab', format: 'base64', role: 'auto', deflate: 'on' })).toBe(true);
		expect(loadSaved(storage)).toEqual({ text: 'ab', format: 'base64', role: 'auto', deflate: 'on' });
		store.set(STORAGE_KEY, '{not json');
		expect(loadSaved(storage)).toBeNull();
		expect(
			save(
				{
					setItem: () => {
						throw new Error('QuotaExceededError');
					}
				},
				{ text: 'x', format: 'auto', role: 'auto' }
			)
		).toBe(false);
		expect(loadSaved(null)).toBeNull();
	});
});

describe('words', () => {
	const every = analyzeStream(
		hexToBytes('c1 02 68 69 80 01 21 09 00 81 02 c3 28 88 02 03 ed 82 7e 00 05 01 02 03 04 05 01 01 61 81 05 48 65')
	);

	it('every issue has a title, an explanation and a place, in English and Korean', () => {
		for (const lang of ['en', 'ko'] as const) {
			const t = decodeText(lang);
			for (const issue of every.issues) {
				const w = issueWords(issue, t, lang);
				expect(w.title.length, issue.code).toBeGreaterThan(5);
				expect(w.explain.length, issue.code).toBeGreaterThan(10);
				expect(w.where, issue.code).toMatch(lang === 'en' ? /byte/ : /바이트/);
			}
		}
		const t = decodeText('ko');
		const close = every.issues.find((i) => i.code === 'INVALID_CLOSE_CODE')!;
		expect(issueWords(close, t, 'ko')).toMatchObject({
			title: '보낼 수 없는 닫기 코드 1005',
			explain:
				'이 닫기 코드는 네트워크로 보낼 수 없습니다. 보낼 수 있는 코드는 1000~1003, 1007~1014, 3000~4999입니다. (코드 1005)',
			consequence: '수신 측은 1002(프로토콜 오류) 코드로 연결을 실패 처리합니다.'
		});
		expect(issueWords(close, decodeText('en'), 'en').consequence).toBe(
			'A receiver fails the connection with 1002 (Protocol Error).'
		);
	});

	it('both languages have a title for every issue code, and a rule for every one only this page reports', () => {
		const codes = Object.keys(decodeText('en').issues.titles) as IssueCode[];
		const engine = Object.keys(errorWords('en'));
		for (const lang of ['en', 'ko'] as const) {
			const t = decodeText(lang).issues;
			expect(Object.keys(t.titles).sort()).toEqual([...codes].sort());
			const page = Object.keys(t.rules);
			// Every code is the engine's (worded in i18n/protocol) or the page's own (worded here), never both.
			expect([...engine, ...page].sort()).toEqual([...codes].sort());
		}
	});

	it('draws sub-byte fields as Wireshark does', () => {
		expect(bitPicture(0x81, [0, 1])).toBe('1... ....');
		expect(bitPicture(0x81, [4, 8])).toBe('.... 0001');
		expect(bitPicture(0x85, [1, 8])).toBe('.000 0101');
	});

	it('links RFC sections', () => {
		expect(rfcHref('RFC 6455 §5.5.1')).toBe('https://www.rfc-editor.org/rfc/rfc6455#section-5.5.1');
		expect(rfcHref('RFC 7692 §6')).toBe('https://www.rfc-editor.org/rfc/rfc7692#section-6');
		expect(rfcHref('nonsense')).toBeNull();
	});
});

describe('payload views', () => {
	it('opens JSON as JSON, text as text, binary as hex', () => {
		expect(describePayload(encodeUtf8('{"a":[1,2]}'), 'text')).toMatchObject({
			suggested: 'json',
			json: '{\n  "a": [\n    1,\n    2\n  ]\n}'
		});
		expect(describePayload(encodeUtf8('hello'), 'text')).toMatchObject({
			suggested: 'text',
			json: null,
			validUtf8: true
		});
		expect(describePayload(Uint8Array.of(0, 1, 2, 0xff), 'binary')).toMatchObject({
			suggested: 'hex',
			validUtf8: false
		});
		expect(describePayload(encodeUtf8('ping!'), 'ping').suggested).toBe('text');
		// A character cut off by the end of a partial frame is not called invalid.
		expect(describePayload(Uint8Array.of(0x61, 0xc3), 'text', true).validUtf8).toBe(true);
		expect(describePayload(Uint8Array.of(0x61, 0xc3), 'text', false).validUtf8).toBe(false);
	});

	it('dumps hex in rows of 16 with offsets and ASCII', () => {
		const rows = hexRows(encodeUtf8('Hello, WebSocket frames!'));
		expect(rows).toHaveLength(2);
		expect(rows[0]).toEqual({
			offset: '00000000',
			hex: toHex(encodeUtf8('Hello, WebSocket')),
			ascii: 'Hello, WebSocket'
		});
		expect(rows[1].offset).toBe('00000010');
	});
});

describe('examples and the decode pipeline', () => {
	it('every example decodes; the RFC ones without a problem', () => {
		for (const id of EXAMPLE_IDS) {
			const out = decodeInput({ text: exampleText(id), format: 'auto', role: 'auto' }, analyzeHttp2);
			expect(out.parse.ok, id).toBe(true);
			// The HTTP/2 example is read as HTTP/2 (tests/unit/decode-http2.test.ts), with no problem.
			if (id === 'http2') {
				expect(out.http2?.frames.length, id).toBeGreaterThan(0);
				expect(out.http2?.errorCount, id).toBe(0);
				continue;
			}
			expect(out.analysis?.frames.length, id).toBeGreaterThan(0);
			if (id === 'broken') expect(out.analysis!.errorCount).toBeGreaterThan(5);
			else if (id !== 'pingPong') expect(out.analysis!.issues, id).toEqual([]);
		}
		// The outcome does not carry the (possibly megabytes of) text back.
		expect(decodeInput({ text: '81 00', format: 'auto', role: 'auto' }).request).toEqual({
			format: 'auto',
			role: 'auto',
			textLength: 5
		});
	});

	it('the client decodes small inputs inline and answers only the newest request', async () => {
		const client = new DecodeClient(); // no Worker in Node: everything inline
		const first = await client.decode({ text: '81 01 60', format: 'auto', role: 'auto' });
		expect(first?.analysis?.frames[0].payload[0]).toBe(0x60);
		// Typing fast: the older request is overtaken before its answer and resolves to null.
		const [a, b] = await Promise.all([
			client.decode({ text: '81 01 61', format: 'auto', role: 'auto' }),
			client.decode({ text: '81 01 62', format: 'auto', role: 'auto' })
		]);
		expect(a).toBeNull();
		expect(b?.analysis?.frames[0].payload[0]).toBe(0x62);
		const big = 'ab '.repeat(10_000);
		const out = await client.decode({ text: big, format: 'auto', role: 'auto' });
		expect(out?.analysis?.bytes.length).toBe(10_000);
		client.dispose();
	});
});

describe('reuseUnchanged', () => {
	it('keeps the objects of frames and messages an edit did not touch, and only those', () => {
		const before = analyzeStream(hexToBytes('81 01 61 81 01 62 81 01 63'));
		const after = reuseUnchanged(before, analyzeStream(hexToBytes('81 01 61 81 01 62 81 01 64')));
		expect(after.frames[0]).toBe(before.frames[0]);
		expect(after.frames[1]).toBe(before.frames[1]);
		expect(after.frames[2]).not.toBe(before.frames[2]);
		expect(after.frames[2].payload[0]).toBe(0x64);
		expect(after.messages[1]).toBe(before.messages[1]);
		expect(after.messages[2]).not.toBe(before.messages[2]);
		// A change in what is said about a frame counts as a change.
		const role = reuseUnchanged(before, analyzeStream(hexToBytes('81 01 61 81 01 62 81 01 63'), { role: 'client' }));
		expect(role.frames[0]).not.toBe(before.frames[0]);
	});
});
