/** Reading pasted bytes for /decode. parseInput (parse.ts) detects the format; see its header. */
export { parseInput } from './parse';
export { hexToBytes, toHex } from './plain';
export { INPUT_FORMATS } from './types';
export type * from './types';
