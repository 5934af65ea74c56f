/**
 * Every way a peer can break RFC 6455 (or RFC 7692), as data: a stable code, the close code a
 * receiver answers with, the RFC section the rule comes from, and typed parameters (the opcode seen,
 * the length, the limit). No sentence lives here: each code's explanation, in English and Korean,
 * is in src/lib/i18n/protocol, keyed by the code, so the decoder, the simulator, the tap and the
 * tests share the facts and each language phrases them itself.
 */

import type { RfcSection } from './types';

/** A reserved bit of the first header byte (RFC 6455 §5.2). */
export type RsvBit = 'rsv1' | 'rsv2' | 'rsv3';

/** What there is to say about a rule with nothing more to say than its code. */
export type NoParams = Readonly<Record<string, never>>;

/** Each error's parameters: what the receiver saw that broke the rule. */
export interface ProtocolErrorParams {
	readonly RESERVED_OPCODE: { readonly opcode: number };
	readonly RSV_WITHOUT_EXTENSION: { readonly bits: readonly RsvBit[] };
	/** `length` null: the 16- or 64-bit length form alone says more than 125, before its bytes arrive. */
	readonly CONTROL_TOO_LONG: { readonly length: number | null };
	readonly CONTROL_FRAGMENTED: NoParams;
	readonly LENGTH_TOP_BIT: NoParams;
	readonly UNMASKED_CLIENT_FRAME: NoParams;
	readonly MASKED_SERVER_FRAME: NoParams;
	readonly UNEXPECTED_CONTINUATION: NoParams;
	readonly EXPECTED_CONTINUATION: NoParams;
	/**
	 * `at`: offset in the message of the first byte that cannot be UTF-8. `stage`: found while the
	 * bytes arrived ('message'), after inflating a compressed message ('inflated'), or because the
	 * message ends in the middle of a character ('end').
	 */
	readonly INVALID_UTF8: { readonly at: number; readonly stage: 'message' | 'inflated' | 'end' };
	/** `at`: offset in the reason of the first invalid byte. */
	readonly INVALID_CLOSE_REASON: { readonly at: number };
	readonly CLOSE_PAYLOAD_ONE_BYTE: NoParams;
	readonly INVALID_CLOSE_CODE: { readonly code: number };
	/**
	 * `size` null when it is only known to exceed the limit (inflating stopped there). `stage`: one
	 * frame's declared length, the message's frames so far, its compressed bytes, its inflated bytes,
	 * or a budget for all inflated messages together (a page reading a paste full of bombs).
	 */
	readonly MESSAGE_TOO_BIG: {
		readonly size: number | null;
		readonly limit: number;
		readonly stage: 'frame' | 'message' | 'compressed' | 'inflated' | 'budget';
	};
	/** 'corrupt': the DEFLATE data cannot be decoded; 'unfinished': it stops inside a block. */
	readonly INVALID_COMPRESSED_DATA: { readonly problem: 'corrupt' | 'unfinished' };
	readonly RSV1_ON_CONTINUATION: NoParams;
	readonly RSV1_ON_CONTROL: NoParams;
}

export type ErrorCode = keyof ProtocolErrorParams;

interface ErrorSpec {
	readonly closeCode: number;
	readonly rfc: RfcSection;
}

/** The close code each error leads to and the section that makes it an error. */
export const PROTOCOL_ERRORS = {
	RESERVED_OPCODE: { closeCode: 1002, rfc: 'RFC 6455 §5.2' },
	RSV_WITHOUT_EXTENSION: { closeCode: 1002, rfc: 'RFC 6455 §5.2' },
	CONTROL_TOO_LONG: { closeCode: 1002, rfc: 'RFC 6455 §5.5' },
	CONTROL_FRAGMENTED: { closeCode: 1002, rfc: 'RFC 6455 §5.5' },
	LENGTH_TOP_BIT: { closeCode: 1002, rfc: 'RFC 6455 §5.2' },
	UNMASKED_CLIENT_FRAME: { closeCode: 1002, rfc: 'RFC 6455 §5.1' },
	MASKED_SERVER_FRAME: { closeCode: 1002, rfc: 'RFC 6455 §5.1' },
	UNEXPECTED_CONTINUATION: { closeCode: 1002, rfc: 'RFC 6455 §5.4' },
	EXPECTED_CONTINUATION: { closeCode: 1002, rfc: 'RFC 6455 §5.4' },
	INVALID_UTF8: { closeCode: 1007, rfc: 'RFC 6455 §8.1' },
	INVALID_CLOSE_REASON: { closeCode: 1007, rfc: 'RFC 6455 §5.5.1' },
	CLOSE_PAYLOAD_ONE_BYTE: { closeCode: 1002, rfc: 'RFC 6455 §5.5.1' },
	INVALID_CLOSE_CODE: { closeCode: 1002, rfc: 'RFC 6455 §7.4' },
	MESSAGE_TOO_BIG: { closeCode: 1009, rfc: 'RFC 6455 §7.4.1' },
	INVALID_COMPRESSED_DATA: { closeCode: 1007, rfc: 'RFC 7692 §6.2' },
	RSV1_ON_CONTINUATION: { closeCode: 1002, rfc: 'RFC 7692 §6' },
	RSV1_ON_CONTROL: { closeCode: 1002, rfc: 'RFC 7692 §6' }
} as const satisfies Record<ErrorCode, ErrorSpec>;

/** A protocol violation by the peer, located in the byte stream where we can. */
export type ProtocolError = {
	readonly [C in ErrorCode]: {
		readonly code: C;
		readonly params: ProtocolErrorParams[C];
		readonly closeCode: number;
		readonly rfc: RfcSection;
		/** Offset of the offending byte in the stream the reader has seen, when known. */
		readonly offset?: number;
	};
}[ErrorCode];

/** The error of one code, with its parameters narrowed. */
export type ProtocolErrorOf<C extends ErrorCode> = Extract<ProtocolError, { code: C }>;

type ParamsArg<C extends ErrorCode> = NoParams extends ProtocolErrorParams[C]
	? [params?: ProtocolErrorParams[C], offset?: number]
	: [params: ProtocolErrorParams[C], offset?: number];

const NO_PARAMS: NoParams = Object.freeze({});

export function protocolError<C extends ErrorCode>(code: C, ...[params, offset]: ParamsArg<C>): ProtocolErrorOf<C> {
	if (typeof code !== 'string' || !Object.prototype.hasOwnProperty.call(PROTOCOL_ERRORS, code))
		throw new WebSocketUsageError('UNKNOWN_ERROR_CODE', { got: describeValue(code) });
	const spec: ErrorSpec = PROTOCOL_ERRORS[code];
	const error = {
		code,
		params: params ?? NO_PARAMS,
		closeCode: spec.closeCode,
		rfc: spec.rfc,
		...(offset !== undefined ? { offset } : {})
	};
	return error as ProtocolErrorOf<C>;
}

/** The same error found somewhere else: offsets relative to a payload become stream offsets. */
export function movedError(e: ProtocolError, offset: number | undefined): ProtocolError {
	return offset === undefined ? e : { ...e, offset };
}

/**
 * A mistake by the caller of a public function (a bad argument, sending after close), as opposed to
 * a ProtocolError made by the peer. Like h11's LocalProtocolError: typed, never a bare throw. Its
 * `code` is the stable key, `params` the facts (which function, what it got); the words for it are
 * in src/lib/i18n/protocol/usage.ts. The Error's own message is only the code and those facts, for
 * a stack trace.
 */
export type UsageErrorCode =
	| 'ALREADY_CLOSING'
	| 'BAD_BYTES'
	| 'BAD_CLOSE_CODE'
	| 'BAD_CODEC'
	| 'BAD_COUNT'
	| 'BAD_DATA'
	| 'BAD_DEFLATE_OPTION'
	| 'BAD_EXTENSION'
	| 'BAD_EXTENSIONS'
	| 'BAD_FRAGMENT_SIZE'
	| 'BAD_FRAME'
	| 'BAD_FRAME_SPEC'
	| 'BAD_HANDLER'
	| 'BAD_HEAD'
	| 'BAD_HEADER'
	| 'BAD_HEADERS'
	| 'BAD_HEADER_NAME'
	| 'BAD_HEADER_VALUE'
	| 'BAD_INPUT'
	| 'BAD_KEY'
	| 'BAD_LENGTH'
	| 'BAD_LENGTH_FORM'
	| 'BAD_LIMIT'
	| 'BAD_MASK'
	| 'BAD_OFFSET'
	| 'BAD_OPCODE'
	| 'BAD_OPTIONS'
	| 'BAD_ORIGIN'
	| 'BAD_PAYLOAD'
	| 'BAD_PHASE'
	| 'BAD_RANDOM'
	| 'BAD_REASON'
	| 'BAD_ROLE'
	| 'BAD_SEED'
	| 'BAD_SIZE'
	| 'BAD_START_LINE'
	| 'BAD_STATUS'
	| 'BAD_SUBPROTOCOL'
	| 'BAD_TARGET'
	| 'BAD_URI'
	| 'CONTROL_TOO_LONG'
	| 'DUPLICATE_SUBPROTOCOL'
	| 'INVALID_CLOSE_CODE'
	| 'LENGTH_DOES_NOT_FIT'
	| 'NOT_OPEN'
	| 'NO_URI'
	| 'REASON_TOO_LONG'
	| 'REASON_WITHOUT_CODE'
	| 'REENTRANT'
	| 'UNKNOWN_ERROR_CODE';

/** What a usage error knows: the function or option involved, the value it got, the limit it broke. */
export type UsageParams = Readonly<Record<string, string | number | boolean | null>>;

export class WebSocketUsageError extends Error {
	readonly code: UsageErrorCode;
	readonly params: UsageParams;
	readonly rfc?: RfcSection;
	constructor(code: UsageErrorCode, params: UsageParams = {}, rfc?: RfcSection) {
		const facts = Object.entries(params).map(
			([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`
		);
		super(facts.length ? `${code} (${facts.join(', ')})` : code);
		this.name = 'WebSocketUsageError';
		this.code = code;
		this.params = params;
		if (rfc) this.rfc = rfc;
	}
}

/**
 * A short, safe token for any value, for a usage error's parameters: its type, and its value when
 * that is short. String() throws on a Symbol or an object without a prototype, and building an error
 * must never be the thing that throws.
 */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
	if (typeof value === 'symbol') return 'symbol';
	if (typeof value === 'bigint') return `${value}n`;
	if (value === null || typeof value !== 'object') return String(value);
	if (Array.isArray(value)) return `Array(${value.length})`;
	if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
	const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
	return typeof name === 'string' ? name : 'object';
}
