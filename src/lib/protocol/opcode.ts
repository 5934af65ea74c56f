/** Frame opcodes (RFC 6455 §5.2, §11.8). */

import { WebSocketUsageError, describeValue } from './errors';

export const Opcode = {
	Continuation: 0x0,
	Text: 0x1,
	Binary: 0x2,
	Close: 0x8,
	Ping: 0x9,
	Pong: 0xa
} as const;
export type OpcodeValue = (typeof Opcode)[keyof typeof Opcode];

const NAMES: Record<number, string> = {
	0x0: 'continuation',
	0x1: 'text',
	0x2: 'binary',
	0x8: 'close',
	0x9: 'ping',
	0xa: 'pong'
};

/** 'text', 'close', ... or 'reserved (0x3)' for the values the RFC leaves for future use. */
export function opcodeName(op: number): string {
	checkOpcode(op);
	return NAMES[op] ?? `reserved (0x${op.toString(16)})`;
}

/** Control frames are the ones whose opcode has its high bit set (RFC 6455 §5.5). */
export function isControl(op: number): boolean {
	checkOpcode(op);
	return (op & 0x8) !== 0;
}

/** 0x3-0x7 are reserved for further non-control frames, 0xB-0xF for further control frames. */
export function isReservedOpcode(op: number): boolean {
	checkOpcode(op);
	return NAMES[op] === undefined;
}

function checkOpcode(op: number): void {
	if (typeof op !== 'number' || !Number.isInteger(op) || op < 0 || op > 15)
		throw new WebSocketUsageError('BAD_OPCODE', `An opcode is 4 bits, a whole number 0-15; got ${describeValue(op)}.`, 'RFC 6455 §5.2');
}
