/**
 * handshake.ts: Sec-WebSocket-Accept (RFC 6455 §1.3, §4.2.2), the server's checks of a request
 * (§4.2.1) and the client's checks of the answer (§4.1).
 */
import { requestProblemText, responseProblemText } from '$lib/i18n/protocol';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	WEBSOCKET_GUID,
	acceptSteps,
	base64Decode,
	buildClientRequest,
	buildRejection,
	buildServerResponse,
	checkClientRequest,
	checkServerResponse,
	computeAccept,
	fixedRandom,
	generateKey,
	headToText,
	readHead,
	seededRandom,
	type HttpHead
} from '$lib/protocol';
import { toHex } from './helpers';

const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

function head(text: string): HttpHead {
	const r = readHead(new TextEncoder().encode(text.replace(/\n/g, '\r\n') + '\r\n\r\n'));
	if (r.kind !== 'head') throw new Error(`test head did not parse: ${JSON.stringify(r)}`);
	return r.head;
}

/** The client handshake of RFC 6455 §1.2, with lines replaced or removed by name. */
function request(changes: Record<string, string | null> = {}, startLine = 'GET /chat HTTP/1.1'): HttpHead {
	const fields: Record<string, string> = {
		Host: 'server.example.com',
		Upgrade: 'websocket',
		Connection: 'Upgrade',
		'Sec-WebSocket-Key': RFC_KEY,
		Origin: 'http://example.com',
		'Sec-WebSocket-Protocol': 'chat, superchat',
		'Sec-WebSocket-Version': '13'
	};
	for (const [k, v] of Object.entries(changes)) {
		delete fields[k];
		if (v !== null) fields[k] = v;
	}
	return head([startLine, ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`)].join('\n'));
}

describe('Sec-WebSocket-Accept', () => {
	it('turns the RFC key into s3pPLMBiTxaQ9kYGzzhZRbK+xOo=, step by step (§1.3)', () => {
		const s = acceptSteps(RFC_KEY);
		expect(s.key).toBe(RFC_KEY);
		expect(s.concatenated).toBe('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
		expect(toHex(s.digest)).toBe('b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea');
		expect(s.accept).toBe(RFC_ACCEPT);
		expect(computeAccept(RFC_KEY)).toBe(RFC_ACCEPT);
	});

	it('equals base64(SHA-1(key + GUID)) computed by node:crypto for any key (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (nonce) => {
				const key = Buffer.from(nonce).toString('base64');
				expect(computeAccept(key)).toBe(
					createHash('sha1')
						.update(key + WEBSOCKET_GUID)
						.digest('base64')
				);
			})
		);
	});

	it('generates a key of 16 random bytes from the source it is given (§4.1)', () => {
		const key = generateKey(seededRandom(9));
		const d = base64Decode(key);
		expect(d.ok && d.bytes.length).toBe(16);
		expect(generateKey(seededRandom(9))).toBe(key);
		expect(generateKey(fixedRandom(new TextEncoder().encode('the sample nonce')))).toBe(RFC_KEY);
	});
});

describe('checkClientRequest (§4.2.1)', () => {
	it('accepts the RFC example request and reads its parts', () => {
		const r = checkClientRequest(request());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.request).toMatchObject({
			resource: '/chat',
			host: 'server.example.com',
			key: RFC_KEY,
			origin: 'http://example.com',
			protocols: ['chat', 'superchat']
		});
	});

	it('accepts a request the engine builds itself', () => {
		const { bytes } = buildClientRequest({ uri: 'ws://example.com:8080/a?b=1', key: RFC_KEY, protocols: ['chat'] });
		const h = readHead(bytes);
		const r = h.kind === 'head' ? checkClientRequest(h.head) : null;
		expect(r?.ok && r.request).toMatchObject({ resource: '/a?b=1', host: 'example.com:8080', protocols: ['chat'] });
		expect(headToText(bytes).split('\r\n')[0]).toBe('GET /a?b=1 HTTP/1.1');
	});

	it('accepts header names and token values in any case, and Connection: keep-alive, Upgrade', () => {
		const h = head(
			[
				'GET / HTTP/1.1',
				'hOsT: x',
				'UPGRADE: WebSocket',
				'connection: keep-alive, Upgrade',
				'sec-websocket-key: ' + RFC_KEY,
				'SEC-WEBSOCKET-VERSION: 13'
			].join('\n')
		);
		expect(checkClientRequest(h).ok).toBe(true);
	});

	it('accepts a Connection token list split over two header lines', () => {
		const h = head(
			[
				'GET / HTTP/1.1',
				'Host: x',
				'Upgrade: websocket',
				'Connection: keep-alive',
				'Connection: Upgrade',
				'Sec-WebSocket-Key: ' + RFC_KEY,
				'Sec-WebSocket-Version: 13'
			].join('\n')
		);
		expect(checkClientRequest(h).ok).toBe(true);
	});

	it('refuses two Host header fields with 400 (RFC 9112 §3.2)', () => {
		const h = head(
			[
				'GET / HTTP/1.1',
				'Host: a.example',
				'Host: b.example',
				'Upgrade: websocket',
				'Connection: Upgrade',
				'Sec-WebSocket-Key: ' + RFC_KEY,
				'Sec-WebSocket-Version: 13'
			].join('\n')
		);
		const r = checkClientRequest(h);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.status).toBe(400);
	});

	const refusals: [string, HttpHead, 400 | 426][] = [
		['a POST', request({}, 'POST /chat HTTP/1.1'), 400],
		['HTTP/1.0', request({}, 'GET /chat HTTP/1.0'), 400],
		['no Host', request({ Host: null }), 400],
		['no Upgrade', request({ Upgrade: null }), 400],
		['Upgrade: h2c', request({ Upgrade: 'h2c' }), 400],
		['Connection: keep-alive without Upgrade', request({ Connection: 'keep-alive' }), 400],
		['no Connection', request({ Connection: null }), 400],
		['no key', request({ 'Sec-WebSocket-Key': null }), 400],
		['a key that is not base64', request({ 'Sec-WebSocket-Key': 'not base64 at all!' }), 400],
		['a key of 15 bytes', request({ 'Sec-WebSocket-Key': Buffer.alloc(15).toString('base64') }), 400],
		['a key of 17 bytes', request({ 'Sec-WebSocket-Key': Buffer.alloc(17).toString('base64') }), 400],
		['version 8', request({ 'Sec-WebSocket-Version': '8' }), 426],
		['version 14', request({ 'Sec-WebSocket-Version': '14' }), 426]
	];
	for (const [name, h, status] of refusals) {
		it(`refuses ${name} with ${status} and a reason`, () => {
			const r = checkClientRequest(h);
			expect(r.ok).toBe(false);
			if (r.ok) return;
			expect(r.status).toBe(status);
			expect(requestProblemText(r.problem, 'en').length).toBeGreaterThan(0);
			expect(requestProblemText(r.problem, 'ko')).toMatch(/[가-힣]/);
			expect(r.rfc).toMatch(/^RFC 6455 §4\.\d/);
		});
	}
});

describe('buildRejection', () => {
	it('answers 426 with Sec-WebSocket-Version: 13 (§4.4)', () => {
		const text = headToText(buildRejection(426, 'version 8 is not supported'));
		expect(text.startsWith('HTTP/1.1 426 Upgrade Required\r\n')).toBe(true);
		expect(text).toMatch(/\r\nSec-WebSocket-Version: 13\r\n/);
	});

	it('answers 400 with the reason in the body and a correct Content-Length', () => {
		const bytes = buildRejection(400, 'the Host header is missing');
		const r = readHead(bytes);
		expect(r.kind).toBe('head');
		if (r.kind !== 'head') return;
		expect(r.head.startLine).toBe('HTTP/1.1 400 Bad Request');
		const body = bytes.subarray(r.head.length);
		expect(new TextDecoder().decode(body)).toContain('the Host header is missing');
		expect(r.head.fields.find(([n]) => n === 'Content-Length')?.[1]).toBe(String(body.length));
	});
});

/** The server handshake of RFC 6455 §1.3, with lines replaced or removed by name. */
function response(changes: Record<string, string | null> = {}, status = 'HTTP/1.1 101 Switching Protocols'): HttpHead {
	const fields: Record<string, string> = {
		Upgrade: 'websocket',
		Connection: 'Upgrade',
		'Sec-WebSocket-Accept': RFC_ACCEPT,
		'Sec-WebSocket-Protocol': 'chat'
	};
	for (const [k, v] of Object.entries(changes)) {
		delete fields[k];
		if (v !== null) fields[k] = v;
	}
	return head([status, ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`)].join('\n'));
}

describe('checkServerResponse (§4.1)', () => {
	const sent = { key: RFC_KEY, protocols: ['chat', 'superchat'] };

	it('accepts the RFC example answer and reports the subprotocol', () => {
		expect(checkServerResponse(response(), sent)).toEqual({ ok: true, status: 101, protocol: 'chat', extensions: [] });
	});

	it('accepts what buildServerResponse writes', () => {
		const r = readHead(buildServerResponse({ key: RFC_KEY, protocol: 'superchat' }));
		expect(r.kind === 'head' && checkServerResponse(r.head, sent)).toMatchObject({ ok: true, protocol: 'superchat' });
	});

	it('accepts header names and values in any case', () => {
		const h = head(
			[
				'HTTP/1.1 101 Switching Protocols',
				'UPGRADE: WebSocket',
				'connection: upgrade',
				`sec-websocket-accept: ${RFC_ACCEPT}`
			].join('\n')
		);
		expect(checkServerResponse(h, { key: RFC_KEY }).ok).toBe(true);
	});

	const refusals: [string, HttpHead, typeof sent | { key: string }, number | null][] = [
		['a 200 answer', response({}, 'HTTP/1.1 200 OK'), sent, 200],
		['a 426 answer', response({ 'Sec-WebSocket-Version': '13' }, 'HTTP/1.1 426 Upgrade Required'), sent, 426],
		['a wrong Accept', response({ 'Sec-WebSocket-Accept': computeAccept('AAAAAAAAAAAAAAAAAAAAAA==') }), sent, 101],
		['a missing Accept', response({ 'Sec-WebSocket-Accept': null }), sent, 101],
		['a missing Upgrade', response({ Upgrade: null }), sent, 101],
		['Upgrade: h2c', response({ Upgrade: 'h2c' }), sent, 101],
		['a missing Connection', response({ Connection: null }), sent, 101],
		['a subprotocol that was not offered', response({ 'Sec-WebSocket-Protocol': 'mqtt' }), sent, 101],
		['a subprotocol when none was offered', response(), { key: RFC_KEY }, 101],
		['two subprotocols', response({ 'Sec-WebSocket-Protocol': 'chat, superchat' }), sent, 101],
		['an extension that was not offered', response({ 'Sec-WebSocket-Extensions': 'permessage-deflate' }), sent, 101],
		['something that is not HTTP', head('SSH-2.0-OpenSSH'), sent, null]
	];
	for (const [name, h, s, status] of refusals) {
		it(`refuses ${name}`, () => {
			const r = checkServerResponse(h, s);
			expect(r.ok).toBe(false);
			if (r.ok) return;
			expect(r.status).toBe(status);
			expect(responseProblemText(r.problem, 'en').length).toBeGreaterThan(0);
			expect(responseProblemText(r.problem, 'ko')).toMatch(/[가-힣]/);
			expect(r.rfc).toMatch(/^RFC 6455 §/);
		});
	}
});
