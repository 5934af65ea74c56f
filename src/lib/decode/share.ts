/**
 * Keeping the input: in the address bar (?hex=…&format=…&role=…) so a link reproduces the decode,
 * and in localStorage so a reload never loses it, even when it is too long for a URL.
 */
import type { FormatChoice } from '$lib/hex';
import type { DeflateChoice, RoleChoice } from './types';

export interface SavedInput {
	readonly text: string;
	readonly format: FormatChoice;
	readonly role: RoleChoice;
	/** permessage-deflate; 'auto' when not given (older links and saves). */
	readonly deflate?: DeflateChoice;
}

export const STORAGE_KEY = 'fbf-decode-input';
/** Inputs longer than this stay out of the address bar (browsers and servers cap URLs). */
export const URL_TEXT_LIMIT = 4000;
/** A copied link carries compact hex instead of the text beyond this length. */
export const LINK_TEXT_LIMIT = 2000;

export const FORMAT_CHOICES: readonly FormatChoice[] = [
	'auto',
	'hex',
	'hex-0x',
	'c-array',
	'escape-x',
	'xxd',
	'wireshark',
	'base64'
];
export const ROLE_CHOICES: readonly RoleChoice[] = ['auto', 'client', 'server'];
export const DEFLATE_CHOICES: readonly DeflateChoice[] = ['auto', 'on', 'off'];

function deflateOf(v: unknown): DeflateChoice {
	return DEFLATE_CHOICES.includes(v as DeflateChoice) ? (v as DeflateChoice) : 'auto';
}

function formatOf(v: unknown): FormatChoice {
	return FORMAT_CHOICES.includes(v as FormatChoice) ? (v as FormatChoice) : 'auto';
}

function roleOf(v: unknown): RoleChoice {
	return ROLE_CHOICES.includes(v as RoleChoice) ? (v as RoleChoice) : 'auto';
}

/** The input a URL asks for, or null when it names no bytes. */
export function inputFromUrl(url: URL): SavedInput | null {
	const text = url.searchParams.get('hex');
	if (text === null) return null;
	return {
		text,
		format: formatOf(url.searchParams.get('format')),
		role: roleOf(url.searchParams.get('role')),
		deflate: deflateOf(url.searchParams.get('deflate'))
	};
}

/** `url` with the input in its query (or without it, when the text is too long or empty). */
export function urlWithInput(url: URL, input: SavedInput, limit = URL_TEXT_LIMIT): URL {
	const out = new URL(url);
	const fits = input.text.length > 0 && input.text.length <= limit;
	if (fits) out.searchParams.set('hex', input.text);
	else out.searchParams.delete('hex');
	if (fits && input.format !== 'auto') out.searchParams.set('format', input.format);
	else out.searchParams.delete('format');
	if (fits && input.role !== 'auto') out.searchParams.set('role', input.role);
	else out.searchParams.delete('role');
	const deflate = input.deflate ?? 'auto';
	if (fits && deflate !== 'auto') out.searchParams.set('deflate', deflate);
	else out.searchParams.delete('deflate');
	return out;
}

/**
 * The link the "copy link" button copies: the text as typed when it is short, otherwise the bytes
 * as compact hex (a Wireshark dump of a megabyte is four times longer than its hex).
 */
export function shareLink(url: URL, input: SavedInput, compactHex: string | null): URL {
	if (input.text.length <= LINK_TEXT_LIMIT || compactHex === null) return urlWithInput(url, input, Infinity);
	return urlWithInput(url, { ...input, text: compactHex, format: 'hex' }, Infinity);
}

export function loadSaved(storage: Pick<Storage, 'getItem'> | null): SavedInput | null {
	try {
		const raw = storage?.getItem(STORAGE_KEY);
		if (!raw) return null;
		const v = JSON.parse(raw) as Partial<SavedInput>;
		if (typeof v?.text !== 'string') return null;
		return { text: v.text, format: formatOf(v.format), role: roleOf(v.role), deflate: deflateOf(v.deflate) };
	} catch {
		return null;
	}
}

/** false when the browser refused (quota, private mode). */
export function save(storage: Pick<Storage, 'setItem'> | null, input: SavedInput): boolean {
	try {
		storage?.setItem(STORAGE_KEY, JSON.stringify(input));
		return storage !== null;
	} catch {
		return false;
	}
}
