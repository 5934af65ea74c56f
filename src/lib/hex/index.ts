/** Reading pasted bytes for /decode. Everything public lives in parse.ts; see its header for detection. */
export { hexToBytes, INPUT_FORMATS, parseInput, toHex } from './parse';
export type {
	BadBase64Params,
	BadCharParams,
	BadEscapeParams,
	CharPlace,
	DumpKind,
	Excerpt,
	FormatChoice,
	FoundChar,
	InputFormat,
	ParseErrorCode,
	ParseErrorParams,
	ParseIssue,
	ParseIssueCode,
	ParseIssueOf,
	ParseIssueParams,
	ParseResult,
	ParseWarningCode,
	ParseWarningParams
} from './parse';
