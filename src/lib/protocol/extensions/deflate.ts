/**
 * permessage-deflate (RFC 7692): the handshake negotiation (§7.1) and the codec a connection uses
 * once it is agreed (§7.2, in deflate-codec.ts). `permessageDeflate(options)` is the one extension
 * negotiator a Connection needs, for either role:
 *
 *   new Connection({ role: 'client', uri, extensions: [permessageDeflate({ clientMaxWindowBits: true })] })
 *
 * The four parameters (§7.1), as the client offers them and the server answers:
 *   server_no_context_takeover  the server starts every message with an empty LZ77 window
 *   client_no_context_takeover  the same for the client
 *   server_max_window_bits=N    the server's LZ77 window is at most 2^N bytes (8 <= N <= 15)
 *   client_max_window_bits[=N]  the same for the client; without a value in an offer it only says
 *                               "you may limit my window", and the server may then answer with a value
 */

import { WebSocketUsageError, describeValue } from '../errors';
import type { MessageCodec } from '../reader/assembler';
import { coded, type Coded, type Role } from '../types';
import {
	MessageDeflater,
	MessageInflater,
	type DeflateBackend,
	type DeflateLevel,
	type InflateResult,
	type WindowBits
} from './deflate-codec';
import type { ExtensionNegotiator, ExtensionOffer } from './extensions';

export * from './deflate-blocks';
export * from './deflate-codec';

export const PERMESSAGE_DEFLATE = 'permessage-deflate';

export interface PermessageDeflateOptions {
	/** Client: ask the server not to take over its window. Server: never take over our own window. */
	readonly serverNoContextTakeover?: boolean;
	/**
	 * Client: promise not to take over our window (and keep the promise). Server: true requires it of
	 * the client, false never asks; unset, the server confirms the client's own offer of it.
	 */
	readonly clientNoContextTakeover?: boolean;
	/** Client: ask the server for a window of at most 2^N bytes. Server: use at most 2^N ourselves. */
	readonly serverMaxWindowBits?: WindowBits;
	/**
	 * Client: `true` offers the parameter without a value (what browsers send), N also promises a window
	 * of at most 2^N. Server: ask a client that offered the parameter for a window of at most 2^N.
	 */
	readonly clientMaxWindowBits?: WindowBits | true;
	/** DEFLATE level for what this end sends: 0 (stored blocks) to 9; default 6. */
	readonly level?: DeflateLevel;
	/** Send messages shorter than this many bytes uncompressed (RSV1 0); default 0, compress all. */
	readonly threshold?: number;
	/** A faster DEFLATE for large messages, lent by the host (the server passes Node's zlib). */
	readonly backend?: DeflateBackend;
}

/**
 * The "agreed parameters" (RFC 7692 §7.1), as this end will act on them. Window bits are 15 when the
 * handshake set no limit.
 */
export interface DeflateParams {
	readonly serverNoContextTakeover: boolean;
	readonly clientNoContextTakeover: boolean;
	readonly serverMaxWindowBits: WindowBits;
	readonly clientMaxWindowBits: WindowBits;
}

/**
 * What "permessage-deflate" with no parameters agrees to (RFC 7692 §7.1): context takeover both
 * ways and 15-bit windows. Also what a reader of a capture assumes: inflating with the window kept is
 * right whatever the sender agreed, since a sender that reset its window never refers back.
 */
export const DEFAULT_DEFLATE_PARAMS: DeflateParams = {
	serverNoContextTakeover: false,
	clientNoContextTakeover: false,
	serverMaxWindowBits: 15,
	clientMaxWindowBits: 15
};

interface ParsedParams {
	serverNoContextTakeover: boolean;
	clientNoContextTakeover: boolean;
	serverMaxWindowBits?: WindowBits;
	clientMaxWindowBits?: WindowBits | true;
}

/** The four parameters of RFC 7692 §7.1, by name. */
export type DeflateParamName =
	'server_no_context_takeover' | 'client_no_context_takeover' | 'server_max_window_bits' | 'client_max_window_bits';

/**
 * Why an offer is declined (by the server) or an answer refused (by the client), RFC 7692 §7.1.
 * The first six judge the parameters themselves; the last three compare an answer with the offer.
 */
export interface DeflateProblemParams {
	readonly DEFLATE_NOT_DEFLATE: { readonly name: string };
	readonly DEFLATE_REPEATED: { readonly param: string };
	/** A *_no_context_takeover parameter with a value (it takes none, §7.1.1). */
	readonly DEFLATE_NO_VALUE: { readonly param: DeflateParamName; readonly value: string };
	/** A window-bits parameter without the value it needs here (§7.1.2). */
	readonly DEFLATE_VALUE_NEEDED: { readonly param: DeflateParamName; readonly in: 'offer' | 'response' };
	/** Not a decimal number from 8 to 15 without leading zeros (§7.1.2). */
	readonly DEFLATE_BAD_BITS: { readonly param: DeflateParamName; readonly value: string };
	readonly DEFLATE_UNKNOWN_PARAM: { readonly param: string };
	/** The client asked for this and the answer does not grant it (§7.1.1.1, §7.1.2.1). */
	readonly DEFLATE_NOT_GRANTED: { readonly param: DeflateParamName; readonly asked: number | null };
	/** A window larger than the one asked for or offered (§7.1.2.1, §7.1.2.2). */
	readonly DEFLATE_WINDOW_LARGER: { readonly param: DeflateParamName; readonly got: number; readonly asked: number };
	/** client_max_window_bits in an answer to a client that did not offer it (§7.1.2.2). */
	readonly DEFLATE_NOT_OFFERED: { readonly param: DeflateParamName };
}
export type DeflateProblem = Coded<DeflateProblemParams>;

type Parsed =
	{ readonly ok: true; readonly params: ParsedParams } | { readonly ok: false; readonly problem: DeflateProblem };

// "a decimal integer value without leading zeroes between 8 to 15, inclusive" (§7.1.2.1, §7.1.2.2).
const WINDOW_BITS = /^(?:8|9|1[0-5])$/;

const fail = <C extends keyof DeflateProblemParams>(code: C, params: DeflateProblemParams[C]) => ({
	ok: false as const,
	problem: coded(code, params)
});

/** Check the parameters of one offer or response against §7.1; the problem names the rule broken. */
export function parseDeflateParams(e: ExtensionOffer, kind: 'offer' | 'response'): Parsed {
	if (e.name.toLowerCase() !== PERMESSAGE_DEFLATE) return fail('DEFLATE_NOT_DEFLATE', { name: e.name });
	if (e.duplicates?.length) return fail('DEFLATE_REPEATED', { param: e.duplicates[0] });
	const p: ParsedParams = { serverNoContextTakeover: false, clientNoContextTakeover: false };
	for (const [key, value] of Object.entries(e.params)) {
		switch (key) {
			case 'server_no_context_takeover':
			case 'client_no_context_takeover':
				if (value !== true) return fail('DEFLATE_NO_VALUE', { param: key, value });
				if (key === 'server_no_context_takeover') p.serverNoContextTakeover = true;
				else p.clientNoContextTakeover = true;
				break;
			case 'server_max_window_bits':
			case 'client_max_window_bits': {
				const bare = value === true && key === 'client_max_window_bits' && kind === 'offer';
				if (!bare && value === true) return fail('DEFLATE_VALUE_NEEDED', { param: key, in: kind });
				if (!bare && value !== true && !WINDOW_BITS.test(value)) return fail('DEFLATE_BAD_BITS', { param: key, value });
				const bits = value === true ? true : (Number(value) as WindowBits);
				if (key === 'server_max_window_bits') p.serverMaxWindowBits = bits as WindowBits;
				else p.clientMaxWindowBits = bits;
				break;
			}
			default:
				return fail('DEFLATE_UNKNOWN_PARAM', { param: key });
		}
	}
	return { ok: true, params: p };
}

export interface DeflateNegotiation {
	/** The offer accepted, or -1 when the server declines them all (and answers without the extension). */
	readonly index: number;
	readonly response: ExtensionOffer | null;
	readonly params: DeflateParams | null;
	readonly declined: readonly { readonly index: number; readonly problem: DeflateProblem }[];
}

/**
 * The server's choice (RFC 7692 §7): go through the offers in order, decline those with unknown,
 * repeated or invalid parameters (§7.1), accept the first other one and answer per §7.1.1-§7.1.2.
 */
export function negotiateDeflate(
	offers: readonly ExtensionOffer[],
	opts: PermessageDeflateOptions = {}
): DeflateNegotiation {
	const declined: { index: number; problem: DeflateProblem }[] = [];
	for (let index = 0; index < offers.length; index++) {
		const parsed = parseDeflateParams(offers[index], 'offer');
		if (!parsed.ok) {
			declined.push({ index, problem: parsed.problem });
			continue;
		}
		const o = parsed.params;
		const response: Record<string, string | true> = {};
		// §7.1.1.1: accept a request by echoing it; the server may also decide on its own.
		const serverNoContextTakeover = o.serverNoContextTakeover || !!opts.serverNoContextTakeover;
		if (serverNoContextTakeover) response.server_no_context_takeover = true;
		// §7.1.1.2: the client's offer of it is a hint; confirming it lets us drop our window too.
		const clientNoContextTakeover = opts.clientNoContextTakeover ?? o.clientNoContextTakeover;
		if (clientNoContextTakeover) response.client_no_context_takeover = true;
		// §7.1.2.1: answer a requested limit with the same or a smaller value; add our own limit if any.
		const ours = opts.serverMaxWindowBits ?? 15;
		const serverMaxWindowBits = Math.min(o.serverMaxWindowBits ?? 15, ours) as WindowBits;
		if (o.serverMaxWindowBits !== undefined || ours < 15) response.server_max_window_bits = String(serverMaxWindowBits);
		// §7.1.2.2: only a client that offered client_max_window_bits may be given a limit.
		let clientMaxWindowBits: WindowBits = typeof o.clientMaxWindowBits === 'number' ? o.clientMaxWindowBits : 15;
		if (o.clientMaxWindowBits !== undefined && typeof opts.clientMaxWindowBits === 'number') {
			clientMaxWindowBits = Math.min(clientMaxWindowBits, opts.clientMaxWindowBits) as WindowBits;
			response.client_max_window_bits = String(clientMaxWindowBits);
		}
		return {
			index,
			response: { name: PERMESSAGE_DEFLATE, params: response },
			params: { serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBits },
			declined
		};
	}
	return { index: -1, response: null, params: null, declined };
}

/** The client's offer: exactly the parameters configured. */
export function deflateOffer(opts: PermessageDeflateOptions = {}): ExtensionOffer {
	const params: Record<string, string | true> = {};
	if (opts.serverNoContextTakeover) params.server_no_context_takeover = true;
	if (opts.clientNoContextTakeover) params.client_no_context_takeover = true;
	if (opts.serverMaxWindowBits !== undefined) params.server_max_window_bits = String(opts.serverMaxWindowBits);
	if (opts.clientMaxWindowBits !== undefined)
		params.client_max_window_bits = opts.clientMaxWindowBits === true ? true : String(opts.clientMaxWindowBits);
	return { name: PERMESSAGE_DEFLATE, params };
}

/**
 * The client's check of the server's answer (RFC 7692 §7.1): anything it did not allow, or that does
 * not accept what it asked for, fails the connection.
 */
export function acceptDeflateResponse(
	response: ExtensionOffer,
	opts: PermessageDeflateOptions = {}
): { readonly ok: true; readonly params: DeflateParams } | { readonly ok: false; readonly problem: DeflateProblem } {
	const parsed = parseDeflateParams(response, 'response');
	if (!parsed.ok) return parsed;
	const r = parsed.params;
	if (opts.serverNoContextTakeover && !r.serverNoContextTakeover)
		return fail('DEFLATE_NOT_GRANTED', { param: 'server_no_context_takeover', asked: null });
	if (opts.serverMaxWindowBits !== undefined) {
		if (r.serverMaxWindowBits === undefined)
			return fail('DEFLATE_NOT_GRANTED', { param: 'server_max_window_bits', asked: opts.serverMaxWindowBits });
		if (r.serverMaxWindowBits > opts.serverMaxWindowBits)
			return fail('DEFLATE_WINDOW_LARGER', {
				param: 'server_max_window_bits',
				got: r.serverMaxWindowBits,
				asked: opts.serverMaxWindowBits
			});
	}
	const offered = opts.clientMaxWindowBits;
	if (r.clientMaxWindowBits !== undefined) {
		if (offered === undefined) return fail('DEFLATE_NOT_OFFERED', { param: 'client_max_window_bits' });
		if (typeof offered === 'number' && (r.clientMaxWindowBits as number) > offered)
			return fail('DEFLATE_WINDOW_LARGER', {
				param: 'client_max_window_bits',
				got: r.clientMaxWindowBits as number,
				asked: offered
			});
	}
	const clientBits = r.clientMaxWindowBits ?? (typeof offered === 'number' ? offered : 15);
	return {
		ok: true,
		params: {
			serverNoContextTakeover: r.serverNoContextTakeover,
			// A client that offered client_no_context_takeover keeps its word even if not asked to.
			clientNoContextTakeover: r.clientNoContextTakeover || !!opts.clientNoContextTakeover,
			serverMaxWindowBits: r.serverMaxWindowBits ?? 15,
			clientMaxWindowBits: clientBits as WindowBits
		}
	};
}

/** The codec for one end of a connection with permessage-deflate agreed. */
export class PermessageDeflateCodec implements MessageCodec {
	readonly name = PERMESSAGE_DEFLATE;
	/** RSV1, the "Per-Message Compressed" bit (RFC 7692 §6). */
	readonly rsvBits = 0x40;
	readonly params: DeflateParams;
	readonly role: Role;
	private readonly threshold: number;
	private readonly deflater: MessageDeflater;
	private readonly inflater: MessageInflater;

	constructor(
		params: DeflateParams,
		role: Role,
		opts: { readonly level?: DeflateLevel; readonly threshold?: number; readonly backend?: DeflateBackend } = {}
	) {
		this.params = params;
		this.role = role;
		this.threshold = opts.threshold ?? 0;
		const server = role === 'server';
		// Each direction has its own window, limit and takeover rule (§7.2.1, §7.2.2).
		this.deflater = new MessageDeflater(
			opts.level ?? 6,
			server ? params.serverMaxWindowBits : params.clientMaxWindowBits,
			server ? params.serverNoContextTakeover : params.clientNoContextTakeover,
			opts.backend
		);
		this.inflater = new MessageInflater(
			server ? params.clientNoContextTakeover : params.serverNoContextTakeover,
			opts.backend
		);
	}

	compress(data: Uint8Array): Uint8Array | null {
		// An uncompressed message (RSV1 0) is allowed at any time and leaves both windows as they are.
		if (data.length < this.threshold) return null;
		return this.deflater.compress(data);
	}

	decompress(payload: Uint8Array, maxSize: number): InflateResult {
		return this.inflater.decompress(payload, maxSize);
	}
}

function checkOptions(o: PermessageDeflateOptions): void {
	const bad = (option: string, value: unknown) => {
		throw new WebSocketUsageError('BAD_DEFLATE_OPTION', { option, got: describeValue(value) }, 'RFC 7692 §7.1');
	};
	const bits = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 8 && v <= 15;
	if (o.serverMaxWindowBits !== undefined && !bits(o.serverMaxWindowBits))
		bad('serverMaxWindowBits', o.serverMaxWindowBits);
	if (o.clientMaxWindowBits !== undefined && o.clientMaxWindowBits !== true && !bits(o.clientMaxWindowBits))
		bad('clientMaxWindowBits', o.clientMaxWindowBits);
	if (o.level !== undefined && !(Number.isInteger(o.level) && o.level >= 0 && o.level <= 9)) bad('level', o.level);
	if (o.threshold !== undefined && !(o.threshold >= 0)) bad('threshold', o.threshold);
}

/** The permessage-deflate extension for a Connection, either role. Each handshake gets its own codec. */
export function permessageDeflate(options: PermessageDeflateOptions = {}): ExtensionNegotiator {
	checkOptions(options);
	const codecOpts = { level: options.level, threshold: options.threshold, backend: options.backend };
	return {
		name: PERMESSAGE_DEFLATE,
		offer: () => [deflateOffer(options)],
		accept: (response) => {
			const r = acceptDeflateResponse(response, options);
			return r.ok ? { ok: true, codec: new PermessageDeflateCodec(r.params, 'client', codecOpts) } : r;
		},
		negotiate: (offers) => {
			const n = negotiateDeflate(offers, options);
			return n.response && n.params
				? { response: n.response, codec: new PermessageDeflateCodec(n.params, 'server', codecOpts) }
				: null;
		}
	};
}
