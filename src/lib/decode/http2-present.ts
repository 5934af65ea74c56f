/**
 * An HTTP/2 analysis → words and values on the page, in the reader's language, so the view's
 * components only lay them out (as present.ts does for WebSocket frames). The rules' and codes'
 * meanings are ./i18n/protocol/http2's; the page's own words are ./i18n/decode-http2's.
 */
import { toHex } from '$lib/hex';
import { decodeHttp2Text } from '$lib/i18n/decode-http2';
import { formatNumber } from '$lib/i18n/format';
import type { Lang } from '$lib/i18n/lang';
import { connectProblemText, http2ProblemText, http2Words } from '$lib/i18n/protocol/http2';
import type { ErrorCodeName } from '$lib/protocol/http2/frames';
import type { H2FieldInfo, H2FrameInfo, H2Problem, H2Stream, Http2Analysis } from './http2-types';

/** A code as the RFC names it, or its number when it has no name (§7: unknown codes are not errors). */
export function codeName(code: ErrorCodeName | number | undefined, lang: Lang): string {
	if (code === undefined) return '';
	return typeof code === 'number' ? decodeHttp2Text(lang).types.unknownCode(code) : code;
}

/** What a code means, when it has a name. */
export function codeMeaning(code: ErrorCodeName | number | undefined, lang: Lang): string | null {
	return typeof code === 'string' ? http2Words(lang).errors[code] : null;
}

/** A field's value as the byte map's caption and the field list show it. */
export function fieldValue(f: H2FieldInfo, frame: H2FrameInfo, lang: Lang): string {
	const t = decodeHttp2Text(lang).fields;
	const num = (v: number | undefined) => formatNumber(lang, v ?? 0);
	const octets = t.octets(f.end - f.start);
	switch (f.key) {
		case 'length':
		case 'stream':
		case 'pad-length':
		case 'increment':
		case 'last-stream':
			return num(f.value);
		case 'type':
			return `0x${(f.value ?? 0).toString(16).padStart(2, '0')}${frame.view.typeName ? ` ${frame.view.typeName}` : ''}`;
		case 'flags': {
			const names = frame.view.flagNames;
			return `0x${(f.value ?? 0).toString(16).padStart(2, '0')}${names.length ? ` ${names.join(' ')}` : ''}`;
		}
		case 'setting':
			return f.setting ? `${f.setting.name ?? t.unknownSetting(f.setting.id)} = ${num(f.setting.value)}` : octets;
		case 'hpack': {
			const h = f.hpack;
			if (!h) return octets;
			if (h.kind === 'table-size') return decodeHttp2Text(lang).headers.sizeUpdate(h.size ?? 0);
			return h.field ? `${h.field[0]}: ${h.field[1]}` : octets;
		}
		case 'error-code':
			return codeName(f.error, lang);
		default:
			return octets;
	}
}

/** The short caption over a field's octets in the byte map. */
export function fieldCaption(f: H2FieldInfo, frame: H2FrameInfo, lang: Lang): string {
	const t = decodeHttp2Text(lang).fields;
	if (f.key === 'hpack' && f.hpack?.field) return f.hpack.field[0];
	if (f.key === 'setting' && f.setting)
		return `${f.setting.name ?? t.unknownSetting(f.setting.id)} = ${formatNumber(lang, f.setting.value)}`;
	const value = fieldValue(f, frame, lang);
	const long =
		f.key === 'data' ||
		f.key === 'header-block' ||
		f.key === 'payload' ||
		f.key === 'opaque' ||
		f.key === 'debug' ||
		f.key === 'padding' ||
		f.key === 'priority';
	return long ? t.short[f.key] : `${t.short[f.key]} = ${value}`;
}

/** A field's meaning: the page's words for the field, with what the frame's own values say. */
export function fieldMeaning(f: H2FieldInfo, lang: Lang): string {
	const w = http2Words(lang);
	if (f.setting?.name) return w.settings[f.setting.name];
	if (f.hpack) return w.representations[f.hpack.kind];
	if (f.key === 'error-code' && typeof f.error === 'string') return `${f.error}: ${w.errors[f.error]}`;
	return decodeHttp2Text(lang).fields.meanings[f.key];
}

/** The words of one problem: title, the rule, what a receiver does, where. */
export function problemWords(
	p: H2Problem,
	lang: Lang
): { title: string; explain: string; code: string; consequence: string; where: string } {
	const t = decodeHttp2Text(lang).problems;
	const e = p.problem.error;
	const connection = p.problem.scope === 'connection';
	const rule = http2ProblemText(p.problem, lang);
	return {
		title: connection ? t.connection(e) : t.stream(e, p.problem.stream),
		// The engine's words are a clause: here it is a sentence.
		explain: `${rule.charAt(0).toUpperCase()}${rule.slice(1)}.`,
		code: t.code(e, http2Words(lang).errors[e]),
		consequence: connection ? t.goaway(e, p.unread ?? 0) : t.rst(e, p.problem.stream),
		where: t.where(p.frame, p.start, p.end)
	};
}

/** What a stream's request or answer is, as a sentence (marked: quotes of the wire in backticks). */
export function streamWords(s: H2Stream, lang: Lang): { what: string | null; verdict: string | null; ok: boolean } {
	const t = decodeHttp2Text(lang).streams;
	const r = s.request;
	let what: string | null = null;
	if (r) {
		if (r.kind === 'websocket')
			what = t.websocket(`${r.scheme === 'https' ? 'wss' : 'ws'}://${r.authority ?? ''}${r.path ?? ''}`);
		else if (r.kind === 'extended') what = t.extended(r.protocol ?? '');
		else if (r.kind === 'connect') what = t.connect;
		else what = r.method === null ? t.noRequest : t.request(r.method);
	} else if (s.status !== null) what = s.status === '200' ? t.status200 : t.statusOther(s.status);
	const v = s.verdict;
	let verdict: string | null = null;
	if (v?.ok) verdict = t.verdictOk;
	else if (v) {
		const reason = connectProblemText(v.problem, lang);
		verdict = v.status === null ? t.verdictReset(reason) : t.verdictRefused(v.status, reason);
	}
	return { what, verdict, ok: v ? v.ok : s.status === null || s.status === '200' };
}

/** The frame a stream's WebSocket frame is shown whole in: the DATA frame holding its last octets. */
export function wsFrameHome(s: H2Stream, wsFrame: number): number | null {
	return s.carriedBy[wsFrame]?.at(-1) ?? null;
}

/** The page's element id of a stream's WebSocket frame. */
export const wsFrameId = (stream: number, wsFrame: number) => `h2-ws-${stream}-${wsFrame}`;
/** The page's element id of an HTTP/2 frame. */
export const h2FrameId = (index: number) => `h2-frame-${index}`;

/** Octets as hex for a table cell: all of them up to `max`, then an ellipsis. */
export function octetsHex(bytes: Uint8Array, max = 24): string {
	return toHex(bytes.subarray(0, max)) + (bytes.length > max ? ' …' : '');
}

/** The analysis's stream by id. */
export function streamOf(a: Http2Analysis, id: number): H2Stream | undefined {
	return a.streams.find((s) => s.id === id);
}
