/** Reading pasted bytes for /decode. Everything public lives in parse.ts; see its header for detection. */
export { formatLabel, hexToBytes, parseInput, toHex } from './parse';
export type { FormatChoice, InputFormat, ParseIssue, ParseResult } from './parse';
