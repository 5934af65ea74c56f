/**
 * Where a widget lives as an embed (/embed/<kind>/?...) and in the full tools (/simulate, /decode),
 * and how an embed page reads its widget back from the query. One table, so a lesson widget, its
 * "copy embed code" button and the embed page always agree on the URL of the same state.
 */
import type { WidgetKind, WidgetSpec } from '$lib/content/widgets';

/** What an embed shows when its query names nothing: the examples of the RFC (§1.3, §5.7). */
export const EMBED_DEFAULTS: Record<WidgetKind, Record<string, string>> = {
	'frame-layout': {},
	decode: { hex: '818537fa213d7f9f4d5158' },
	mask: { key: '37fa213d', text: 'Hello' },
	accept: { key: 'dGhlIHNhbXBsZSBub25jZQ==' },
	simulate: { scenario: 'handshake', step: '1' },
	sequence: { scenario: 'echo' }
};

/** The query parameters each embed reads. */
const PARAMS: Record<WidgetKind, readonly string[]> = {
	'frame-layout': [],
	decode: ['hex'],
	mask: ['key', 'text'],
	accept: ['key'],
	simulate: ['scenario', 'step'],
	sequence: ['scenario']
};

/** A height that shows the whole diagram in a typical column (the host may change it). */
export const EMBED_HEIGHT: Record<WidgetKind, number> = {
	'frame-layout': 560,
	decode: 720,
	mask: 620,
	accept: 460,
	simulate: 820,
	sequence: 600
};

function query(pairs: [string, string][]): string {
	const q = new URLSearchParams(pairs).toString().replace(/\+/g, '%20');
	return q ? `?${q}` : '';
}

/** `/embed/decode/?hex=…`: site-relative, without the language prefix (localizeHref adds it). */
export function embedPath(spec: WidgetSpec): string {
	const pairs = PARAMS[spec.kind].filter((p) => spec.args[p] !== undefined).map((p): [string, string] => [p, spec.args[p]]);
	return `/embed/${spec.kind}/${query(pairs)}`;
}

/** The full tool that opens this widget's state, or null when none does. */
export function openLink(spec: WidgetSpec): { tool: 'simulator' | 'decoder'; path: string } {
	const a = spec.args;
	switch (spec.kind) {
		case 'frame-layout':
			return { tool: 'decoder', path: `/decode/${query([['hex', '810548656c6c6f']])}` };
		case 'decode':
			return { tool: 'decoder', path: `/decode/${query([['hex', a.hex ?? '']])}` };
		case 'mask':
			return { tool: 'simulator', path: `/simulate/${query([['scenario', 'masking'], ['mask', a.key ?? ''], ['text', a.text ?? '']])}` };
		case 'accept':
			return { tool: 'simulator', path: `/simulate/${query([['scenario', 'handshake'], ['key', a.key ?? '']])}` };
		case 'simulate':
			return { tool: 'simulator', path: `/simulate/${query([['scenario', a.scenario ?? ''], ['step', a.step ?? '1']])}` };
		case 'sequence':
			return { tool: 'simulator', path: `/simulate/${query([['scenario', a.scenario ?? '']])}` };
	}
}

/** The widget an embed page shows: its query over the defaults (empty values count as absent). */
export function specFromQuery(kind: WidgetKind, q: URLSearchParams): WidgetSpec {
	const args: Record<string, string> = { ...EMBED_DEFAULTS[kind] };
	for (const p of PARAMS[kind]) {
		const v = q.get(p);
		if (v !== null && v !== '') args[p] = v;
	}
	return { kind, args };
}

/** `step=3` in a widget or URL counts from 1 (as /simulate does); the player counts from 0. */
export function stepIndex(value: string | undefined): number {
	const n = Number(value);
	return Number.isInteger(n) && n >= 1 ? n - 1 : 0;
}
