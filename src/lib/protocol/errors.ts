/**
 * Every way a peer can break RFC 6455 (or RFC 7692), as data: a stable code, one sentence a student
 * understands, the close code a receiver answers with, and the section of the RFC the rule comes from.
 * The decoder page, the simulator and the tests all read this one table.
 */

export type ErrorCode = keyof typeof PROTOCOL_ERRORS;

interface ErrorSpec {
	readonly closeCode: number;
	readonly rfc: string;
	readonly message: string;
}

export const PROTOCOL_ERRORS = {
	RESERVED_OPCODE: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.2',
		message: 'Opcodes 0x3-0x7 and 0xB-0xF are reserved; a receiver must fail the connection.'
	},
	RSV_WITHOUT_EXTENSION: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.2',
		message: 'An RSV bit is set but no negotiated extension gives it a meaning.'
	},
	CONTROL_TOO_LONG: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.5',
		message: 'Control frames (close, ping, pong) may carry at most 125 bytes of payload.'
	},
	CONTROL_FRAGMENTED: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.5',
		message: 'Control frames must not be fragmented: their FIN bit must be 1.'
	},
	LENGTH_TOP_BIT: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.2',
		message: 'The most significant bit of a 64-bit payload length must be 0.'
	},
	UNMASKED_CLIENT_FRAME: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.1',
		message: 'A client must mask every frame it sends; a server receiving an unmasked frame closes the connection.'
	},
	MASKED_SERVER_FRAME: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.1',
		message: 'A server must not mask its frames; a client receiving a masked frame closes the connection.'
	},
	UNEXPECTED_CONTINUATION: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.4',
		message: 'A continuation frame arrived but no fragmented message was in progress.'
	},
	EXPECTED_CONTINUATION: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.4',
		message: 'A new text or binary frame arrived before the previous fragmented message was finished.'
	},
	INVALID_UTF8: {
		closeCode: 1007,
		rfc: 'RFC 6455 §8.1',
		message: 'A text message must be valid UTF-8; on invalid data the receiver fails the connection with 1007.'
	},
	INVALID_CLOSE_REASON: {
		closeCode: 1007,
		rfc: 'RFC 6455 §5.5.1',
		message: 'The reason in a close frame must be valid UTF-8.'
	},
	CLOSE_PAYLOAD_ONE_BYTE: {
		closeCode: 1002,
		rfc: 'RFC 6455 §5.5.1',
		message: 'A close payload is empty or starts with a 2-byte status code; one byte alone is malformed.'
	},
	INVALID_CLOSE_CODE: {
		closeCode: 1002,
		rfc: 'RFC 6455 §7.4',
		message: 'This close code may not appear on the wire (valid: 1000-1003, 1007-1014, 3000-4999).'
	},
	MESSAGE_TOO_BIG: {
		closeCode: 1009,
		rfc: 'RFC 6455 §7.4.1',
		message: 'The message is larger than this endpoint accepts, so it closes with 1009 (Message Too Big).'
	},
	INVALID_COMPRESSED_DATA: {
		closeCode: 1007,
		rfc: 'RFC 7692 §6.2',
		message: 'A compressed message could not be inflated: the DEFLATE data is corrupt.'
	},
	RSV1_ON_CONTINUATION: {
		closeCode: 1002,
		rfc: 'RFC 7692 §6',
		message: 'permessage-deflate sets RSV1 on the first frame of a message only, never on a continuation frame.'
	},
	RSV1_ON_CONTROL: {
		closeCode: 1002,
		rfc: 'RFC 7692 §6',
		message: 'permessage-deflate never compresses control frames, so RSV1 must be 0 on them.'
	}
} as const satisfies Record<string, ErrorSpec>;

/** A protocol violation by the peer, located in the byte stream where we can. */
export interface ProtocolError {
	readonly code: ErrorCode;
	readonly message: string;
	readonly closeCode: number;
	readonly rfc: string;
	/** Offset of the offending byte in the stream the decoder has seen, when known. */
	readonly offset?: number;
	/** Extra, specific detail ("opcode 0x3", "code 1005"). */
	readonly detail?: string;
}

export function protocolError(code: ErrorCode, detail?: string, offset?: number): ProtocolError {
	if (typeof code !== 'string' || !Object.prototype.hasOwnProperty.call(PROTOCOL_ERRORS, code))
		throw new WebSocketUsageError('UNKNOWN_ERROR_CODE', `${describeValue(code)} is not one of the protocol error codes (${Object.keys(PROTOCOL_ERRORS).join(', ')}).`);
	const spec = PROTOCOL_ERRORS[code];
	return {
		code,
		message: spec.message,
		closeCode: spec.closeCode,
		rfc: spec.rfc,
		...(detail !== undefined ? { detail } : {}),
		...(offset !== undefined ? { offset } : {})
	};
}

/**
 * A mistake by the caller of a public function (a bad argument, sending after close), as opposed to a
 * ProtocolError made by the peer. Like h11's LocalProtocolError: typed, explained, never a bare throw.
 */
export class WebSocketUsageError extends Error {
	readonly code: string;
	readonly rfc?: string;
	constructor(code: string, message: string, rfc?: string) {
		super(message);
		this.name = 'WebSocketUsageError';
		this.code = code;
		if (rfc) this.rfc = rfc;
	}
}

/**
 * A short, safe description of any value for an error message: String() throws on a Symbol or an
 * object without a prototype, and an error message must never be the thing that throws.
 */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
	if (typeof value === 'symbol') return value.toString();
	if (typeof value === 'bigint') return `${value}n`;
	if (value === null || typeof value !== 'object') return String(value);
	if (Array.isArray(value)) return `an array of ${value.length}`;
	if (value instanceof Uint8Array) return `${value.length} bytes`;
	const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
	return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'an object';
}
