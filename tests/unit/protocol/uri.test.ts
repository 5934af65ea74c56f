/**
 * uri.ts: RFC 6455 §3, ws-URI = "ws:" "//" host [ ":" port ] path [ "?" query ] (wss likewise),
 * default ports 80 and 443, no fragment; the resource name is the path (or "/") with "?query".
 */
import { uriProblemText } from '$lib/i18n/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebSocketUri } from '$lib/protocol';
import { unicodeArb } from './helpers';

const ok = (input: string) => {
	const r = parseWebSocketUri(input);
	if (!r.ok) throw new Error(`${input} refused: ${r.code} ${uriProblemText(r, 'en')}`);
	return r.uri;
};

describe('parseWebSocketUri accepts', () => {
	const cases: [string, Partial<ReturnType<typeof ok>>][] = [
		[
			'ws://example.com',
			{
				scheme: 'ws',
				secure: false,
				host: 'example.com',
				port: 80,
				defaultPort: true,
				resourceName: '/',
				hostHeader: 'example.com',
				href: 'ws://example.com/'
			}
		],
		[
			'wss://example.com',
			{ scheme: 'wss', secure: true, port: 443, defaultPort: true, resourceName: '/', hostHeader: 'example.com' }
		],
		[
			'ws://example.com:8080/chat?x=1&y=2',
			{
				port: 8080,
				defaultPort: false,
				resourceName: '/chat?x=1&y=2',
				hostHeader: 'example.com:8080',
				href: 'ws://example.com:8080/chat?x=1&y=2'
			}
		],
		['wss://example.com:443/a', { port: 443, defaultPort: true, hostHeader: 'example.com' }],
		['ws://example.com:443/', { port: 443, defaultPort: false, hostHeader: 'example.com:443' }],
		['wss://example.com:80/', { port: 80, defaultPort: false, hostHeader: 'example.com:80' }],
		['ws://127.0.0.1:6455/', { host: '127.0.0.1', port: 6455, hostHeader: '127.0.0.1:6455' }],
		['ws://[::1]:6455/echo', { host: '[::1]', port: 6455, hostHeader: '[::1]:6455', resourceName: '/echo' }],
		['wss://[2001:db8::1]/', { host: '[2001:db8::1]', port: 443, hostHeader: '[2001:db8::1]' }],
		['WSS://Example.COM/Chat', { scheme: 'wss', host: 'example.com', resourceName: '/Chat' }],
		['ws://example.com/a%23b', { resourceName: '/a%23b' }],
		['ws://example.com?q', { resourceName: '/?q' }],
		['  ws://example.com/  ', { host: 'example.com', resourceName: '/' }]
	];
	for (const [input, expected] of cases) {
		it(JSON.stringify(input), () => {
			expect(ok(input)).toMatchObject(expected);
		});
	}
});

describe('parseWebSocketUri refuses, with a code and a message', () => {
	const cases: [unknown, string][] = [
		['ws://example.com/#frag', 'FRAGMENT'],
		['ws://example.com/chat#', 'FRAGMENT'],
		['http://example.com/', 'HTTP_SCHEME'],
		['https://example.com/', 'HTTP_SCHEME'],
		['ftp://example.com/', 'BAD_SCHEME'],
		['javascript:alert(1)', 'BAD_SCHEME'],
		['example.com/chat', 'NO_SCHEME'],
		['ws:example.com', 'NO_AUTHORITY'],
		['ws:/example.com', 'NO_AUTHORITY'],
		['ws://user:pw@example.com/', 'USERINFO'],
		['ws://exa mple.com/', 'WHITESPACE'],
		['', 'EMPTY'],
		['   ', 'EMPTY'],
		[null, 'NOT_A_STRING'],
		[undefined, 'NOT_A_STRING'],
		[42, 'NOT_A_STRING'],
		[{ href: 'ws://x/' }, 'NOT_A_STRING'],
		[['ws://x/'], 'NOT_A_STRING']
	];
	for (const [input, code] of cases) {
		it(`${JSON.stringify(input) ?? String(input)} -> ${code}`, () => {
			const r = parseWebSocketUri(input);
			expect(r.ok).toBe(false);
			if (r.ok) return;
			expect(r.code).toBe(code);
			expect(uriProblemText(r, 'en').length).toBeGreaterThan(0);
			expect(uriProblemText(r, 'ko')).toMatch(/[가-힣]/);
			expect(r.rfc).toBe('RFC 6455 §3');
		});
	}

	it('refuses addresses without a usable host or port', () => {
		for (const input of ['ws://', 'wss://', 'ws://:80/', 'ws://example.com:99999/', 'ws://example.com:abc/']) {
			expect(parseWebSocketUri(input).ok, input).toBe(false);
		}
	});

	it('refuses ws:///chat: the host is empty, "chat" is the path (RFC 3986 §3.2)', () => {
		// A WHATWG URL parser skips the extra slash and would connect to a host named "chat".
		expect(parseWebSocketUri('ws:///chat').ok).toBe(false);
	});
});

describe('parseWebSocketUri on anything', () => {
	const anyInput = fc.oneof(
		fc.string(),
		unicodeArb(40),
		fc.tuple(fc.constantFrom('ws://', 'wss://', 'WS://', 'http://', 'ws:', ''), unicodeArb(30)).map(([a, b]) => a + b),
		fc.anything()
	);

	it('never throws, and what it accepts is well formed (property)', () => {
		fc.assert(
			fc.property(anyInput, (input) => {
				const r = parseWebSocketUri(input);
				if (!r.ok) {
					expect(uriProblemText(r, 'en').length).toBeGreaterThan(0);
					return;
				}
				const u = r.uri;
				expect(['ws', 'wss']).toContain(u.scheme);
				expect(u.secure).toBe(u.scheme === 'wss');
				expect(u.port).toBeGreaterThanOrEqual(1);
				expect(u.port).toBeLessThanOrEqual(65535);
				expect(u.defaultPort).toBe(u.port === (u.secure ? 443 : 80));
				expect(u.resourceName.startsWith('/')).toBe(true);
				expect(u.resourceName).not.toMatch(/[#\s]/);
				expect(u.host.length).toBeGreaterThan(0);
				// The normalized form parses to itself.
				const again = parseWebSocketUri(u.href);
				expect(again.ok && again.uri).toEqual(u);
			}),
			{ numRuns: 500 }
		);
	});
});
