/** Frame opcodes (RFC 6455 §5.2, §11.8). */

import { WebSocketUsageError, describeValue } from '../errors';

export const Opcode = {
	Continuation: 0x0,
	Text: 0x1,
	Binary: 0x2,
	Close: 0x8,
	Ping: 0x9,
	Pong: 0xa
} as const;
export type OpcodeValue = (typeof Opcode)[keyof typeof Opcode];

/** The RFC's name of each defined opcode; the values it leaves for future use are 'reserved'. */
export type OpcodeName = 'continuation' | 'text' | 'binary' | 'close' | 'ping' | 'pong' | 'reserved';

const NAMES: Record<number, OpcodeName> = {
	0x0: 'continuation',
	0x1: 'text',
	0x2: 'binary',
	0x8: 'close',
	0x9: 'ping',
	0xa: 'pong'
};

/** 'text', 'close', ... or 'reserved' (0x3-0x7, 0xB-0xF). */
export function opcodeName(op: number): OpcodeName {
	checkOpcode(op);
	return NAMES[op] ?? 'reserved';
}

/** 0x3-0x7 are reserved for further non-control frames, 0xB-0xF for further control frames. */
export function isReservedOpcode(op: number): boolean {
	checkOpcode(op);
	return NAMES[op] === undefined;
}

function checkOpcode(op: number): void {
	if (typeof op !== 'number' || !Number.isInteger(op) || op < 0 || op > 15)
		throw new WebSocketUsageError('BAD_OPCODE', { got: describeValue(op) }, 'RFC 6455 §5.2');
}
