/**
 * permessage-deflate negotiation (RFC 7692 §7.1): offers and answers, valid and invalid, including
 * the offers Autobahn|Testsuite sends in its compression families (12.x and 13.x).
 */
import { deflateProblemText, extensionsProblemText } from '$lib/i18n/protocol';
import { describe, expect, it } from 'vitest';
import {
	acceptDeflateResponse,
	deflateOffer,
	negotiateDeflate,
	parseDeflateParams,
	permessageDeflate,
	type PermessageDeflateOptions
} from '$lib/protocol';
import { formatExtension, parseExtensions, type ExtensionOffer } from '$lib/protocol';
import { WebSocketUsageError } from '$lib/protocol';

function offers(header: string): ExtensionOffer[] {
	const r = parseExtensions(header);
	if (!r.ok) throw new Error(extensionsProblemText(r.problem, 'en'));
	return r.offers;
}

/** What the server answers to a Sec-WebSocket-Extensions request header, or null when it declines all. */
function answer(header: string, opts?: PermessageDeflateOptions): string | null {
	const n = negotiateDeflate(offers(header), opts);
	return n.response ? formatExtension(n.response) : null;
}

describe('server: choosing an offer (RFC 7692 §7, §7.1)', () => {
	// Autobahn's offers: accept_no_context_takeover and accept_max_window_bits are on by default, so
	// client_no_context_takeover and client_max_window_bits come first; then what the case requests.
	const autobahn: [string, string, string][] = [
		[
			'12.x, 13.1 default offer',
			'permessage-deflate; client_no_context_takeover; client_max_window_bits',
			'permessage-deflate; client_no_context_takeover'
		],
		[
			'13.2 server_no_context_takeover',
			'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover',
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover'
		],
		[
			'13.3 server_max_window_bits=8',
			'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=8',
			'permessage-deflate; client_no_context_takeover; server_max_window_bits=8'
		],
		[
			'13.4 server_max_window_bits=15',
			'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=15',
			'permessage-deflate; client_no_context_takeover; server_max_window_bits=15'
		],
		[
			'13.5 both, 8 bits',
			'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; server_max_window_bits=8',
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8'
		],
		[
			'13.6 both, 15 bits',
			'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; server_max_window_bits=15',
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15'
		],
		[
			'13.7 several offers: the first acceptable wins',
			'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; server_max_window_bits=8, permessage-deflate; server_no_context_takeover, permessage-deflate',
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8'
		],
		['a browser', 'permessage-deflate; client_max_window_bits', 'permessage-deflate'],
		[
			'client_no_context_takeover; server_max_window_bits=9',
			'permessage-deflate; client_no_context_takeover; server_max_window_bits=9',
			'permessage-deflate; client_no_context_takeover; server_max_window_bits=9'
		],
		[
			'a quoted value (RFC 6455 §9.1)',
			'permessage-deflate; server_max_window_bits="10"',
			'permessage-deflate; server_max_window_bits=10'
		]
	];
	it.each(autobahn)('%s', (_, offer, expected) => {
		expect(answer(offer)).toBe(expected);
	});

	it('agrees the parameters it answers with', () => {
		const n = negotiateDeflate(offers('permessage-deflate; client_max_window_bits=10; server_max_window_bits=12'), {
			clientMaxWindowBits: 9
		});
		expect(formatExtension(n.response!)).toBe(
			'permessage-deflate; server_max_window_bits=12; client_max_window_bits=9'
		);
		expect(n.params).toEqual({
			serverNoContextTakeover: false,
			clientNoContextTakeover: false,
			serverMaxWindowBits: 12,
			clientMaxWindowBits: 9
		});
	});

	it.each([
		['server_max_window_bits=7', 'permessage-deflate; server_max_window_bits=7', 'DEFLATE_BAD_BITS', /from 8 to 15/],
		['server_max_window_bits=16', 'permessage-deflate; server_max_window_bits=16', 'DEFLATE_BAD_BITS', /from 8 to 15/],
		[
			'server_max_window_bits=abc',
			'permessage-deflate; server_max_window_bits=abc',
			'DEFLATE_BAD_BITS',
			/from 8 to 15/
		],
		['a leading zero', 'permessage-deflate; server_max_window_bits=09', 'DEFLATE_BAD_BITS', /leading zeros/],
		[
			'server_max_window_bits without a value',
			'permessage-deflate; server_max_window_bits',
			'DEFLATE_VALUE_NEEDED',
			/needs a value/
		],
		['client_max_window_bits=16', 'permessage-deflate; client_max_window_bits=16', 'DEFLATE_BAD_BITS', /from 8 to 15/],
		['a value on a flag', 'permessage-deflate; server_no_context_takeover=1', 'DEFLATE_NO_VALUE', /takes no value/],
		[
			'an unknown parameter',
			'permessage-deflate; max_window_bits=10',
			'DEFLATE_UNKNOWN_PARAM',
			/max_window_bits is not a parameter/
		]
	])('declines an offer with %s, and accepts the next one', (_, bad, code, words) => {
		const n = negotiateDeflate(offers(`${bad}, permessage-deflate; server_no_context_takeover`));
		expect(n.declined).toMatchObject([{ index: 0, problem: { code } }]);
		expect(deflateProblemText(n.declined[0].problem, 'en')).toMatch(words);
		expect(deflateProblemText(n.declined[0].problem, 'ko')).toMatch(/[가-힣]/);
		expect(n.index).toBe(1);
		expect(formatExtension(n.response!)).toBe('permessage-deflate; server_no_context_takeover');
		expect(negotiateDeflate(offers(bad)).response).toBeNull();
	});

	it('declines an offer that repeats a parameter (RFC 7692 §7.1), when the parser reports it', () => {
		const repeated = {
			name: 'permessage-deflate',
			params: { server_max_window_bits: '10' },
			duplicates: ['server_max_window_bits']
		};
		expect(negotiateDeflate([repeated]).declined[0].problem).toEqual({
			code: 'DEFLATE_REPEATED',
			params: { param: 'server_max_window_bits' }
		});
	});

	it('applies its own options: its window limit, and context takeover for either side', () => {
		expect(answer('permessage-deflate', { serverMaxWindowBits: 10 })).toBe(
			'permessage-deflate; server_max_window_bits=10'
		);
		expect(answer('permessage-deflate; server_max_window_bits=12', { serverMaxWindowBits: 10 })).toBe(
			'permessage-deflate; server_max_window_bits=10'
		);
		expect(answer('permessage-deflate', { serverNoContextTakeover: true, clientNoContextTakeover: true })).toBe(
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover'
		);
		expect(answer('permessage-deflate; client_no_context_takeover', { clientNoContextTakeover: false })).toBe(
			'permessage-deflate'
		);
		// client_max_window_bits may go only to a client that offered it (RFC 7692 §7.1.2.2).
		expect(answer('permessage-deflate', { clientMaxWindowBits: 9 })).toBe('permessage-deflate');
		expect(answer('permessage-deflate; client_max_window_bits', { clientMaxWindowBits: 9 })).toBe(
			'permessage-deflate; client_max_window_bits=9'
		);
	});

	it('ignores other extensions', () => {
		expect(negotiateDeflate(offers('x-webkit-deflate-frame')).declined[0].problem).toEqual({
			code: 'DEFLATE_NOT_DEFLATE',
			params: { name: 'x-webkit-deflate-frame' }
		});
	});
});

describe('client: the offer and the check of the answer (RFC 7692 §7.1)', () => {
	it('offers exactly the parameters configured', () => {
		expect(formatExtension(deflateOffer())).toBe('permessage-deflate');
		expect(formatExtension(deflateOffer({ clientMaxWindowBits: true }))).toBe(
			'permessage-deflate; client_max_window_bits'
		);
		expect(
			formatExtension(
				deflateOffer({
					serverNoContextTakeover: true,
					clientNoContextTakeover: true,
					serverMaxWindowBits: 9,
					clientMaxWindowBits: 12
				})
			)
		).toBe(
			'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=12'
		);
		expect(permessageDeflate({ clientMaxWindowBits: true }).offer()).toEqual([
			deflateOffer({ clientMaxWindowBits: true })
		]);
	});

	const check = (response: string, opts?: PermessageDeflateOptions) => acceptDeflateResponse(offers(response)[0], opts);

	it.each([
		[
			'the bare name',
			'permessage-deflate',
			{},
			{
				serverNoContextTakeover: false,
				clientNoContextTakeover: false,
				serverMaxWindowBits: 15,
				clientMaxWindowBits: 15
			}
		],
		[
			'server_no_context_takeover, not asked for',
			'permessage-deflate; server_no_context_takeover',
			{},
			{ serverNoContextTakeover: true }
		],
		[
			'client_no_context_takeover, imposed',
			'permessage-deflate; client_no_context_takeover',
			{},
			{ clientNoContextTakeover: true }
		],
		[
			'a server window limit, not asked for',
			'permessage-deflate; server_max_window_bits=10',
			{},
			{ serverMaxWindowBits: 10 }
		],
		[
			'a client window given to a client that offered the parameter',
			'permessage-deflate; client_max_window_bits=9',
			{ clientMaxWindowBits: true },
			{ clientMaxWindowBits: 9 }
		],
		[
			'a smaller server window than asked',
			'permessage-deflate; server_max_window_bits=9',
			{ serverMaxWindowBits: 12 },
			{ serverMaxWindowBits: 9 }
		],
		[
			'no client window in the answer: the offered one holds',
			'permessage-deflate',
			{ clientMaxWindowBits: 11 },
			{ clientMaxWindowBits: 11 }
		],
		[
			'our own no-takeover hint, kept',
			'permessage-deflate',
			{ clientNoContextTakeover: true },
			{ clientNoContextTakeover: true }
		]
	] as const)('accepts %s', (_, response, opts, params) => {
		const r = check(response, opts);
		expect(r.ok).toBe(true);
		expect(r.ok && r.params).toMatchObject(params);
	});

	it.each([
		[
			'client_max_window_bits when the client did not offer it',
			'permessage-deflate; client_max_window_bits=10',
			{},
			'DEFLATE_NOT_OFFERED',
			/did not offer/
		],
		[
			'client_max_window_bits without a value',
			'permessage-deflate; client_max_window_bits',
			{ clientMaxWindowBits: true },
			'DEFLATE_VALUE_NEEDED',
			/needs a value/
		],
		[
			'a client window larger than offered',
			'permessage-deflate; client_max_window_bits=12',
			{ clientMaxWindowBits: 10 },
			'DEFLATE_WINDOW_LARGER',
			/larger than/
		],
		[
			'server_max_window_bits=16',
			'permessage-deflate; server_max_window_bits=16',
			{},
			'DEFLATE_BAD_BITS',
			/from 8 to 15/
		],
		[
			'server_max_window_bits=7',
			'permessage-deflate; server_max_window_bits=7',
			{},
			'DEFLATE_BAD_BITS',
			/from 8 to 15/
		],
		[
			'a larger server window than asked',
			'permessage-deflate; server_max_window_bits=12',
			{ serverMaxWindowBits: 10 },
			'DEFLATE_WINDOW_LARGER',
			/larger than/
		],
		[
			'an answer without the requested server window',
			'permessage-deflate',
			{ serverMaxWindowBits: 10 },
			'DEFLATE_NOT_GRANTED',
			/does not grant/
		],
		[
			'an answer without the requested server_no_context_takeover',
			'permessage-deflate',
			{ serverNoContextTakeover: true },
			'DEFLATE_NOT_GRANTED',
			/does not grant/
		],
		['an unknown parameter', 'permessage-deflate; foo', {}, 'DEFLATE_UNKNOWN_PARAM', /foo is not a parameter/],
		[
			'a value on a flag',
			'permessage-deflate; client_no_context_takeover=yes',
			{},
			'DEFLATE_NO_VALUE',
			/takes no value/
		]
	] as const)('fails on %s', (_, response, opts, code, words) => {
		const r = check(response, opts);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.problem.code).toBe(code);
		expect(deflateProblemText(r.problem, 'en')).toMatch(words);
		expect(permessageDeflate(opts).accept(offers(response)[0])).toEqual({ ok: false, problem: r.problem });
	});
});

describe('options', () => {
	it('rejects impossible options with a usage error', () => {
		expect(() => permessageDeflate({ serverMaxWindowBits: 16 as 15 })).toThrow(WebSocketUsageError);
		expect(() => permessageDeflate({ clientMaxWindowBits: 7 as 8 })).toThrow(/BAD_DEFLATE_OPTION.*clientMaxWindowBits/);
		expect(() => permessageDeflate({ level: 10 as 9 })).toThrow(/level/);
		expect(() => permessageDeflate({ threshold: -1 })).toThrow(/threshold/);
	});

	it('parseDeflateParams tells offers from answers: a bare client_max_window_bits is for offers only', () => {
		const [e] = offers('permessage-deflate; client_max_window_bits');
		expect(parseDeflateParams(e, 'offer')).toMatchObject({ ok: true, params: { clientMaxWindowBits: true } });
		expect(parseDeflateParams(e, 'response')).toMatchObject({ ok: false });
	});
});
