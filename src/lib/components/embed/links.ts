/**
 * Where a widget lives as an embed (/embed/<kind>/?...) and in the full tools (/simulate, /decode),
 * and how an embed page reads its widget back from the query. One table, so a lesson widget, its
 * "copy embed code" button and the embed page always agree on the URL of the same state.
 */
import type { WidgetKind, WidgetSpec } from '$lib/content/widgets';
import type { ParamName } from '$lib/trace/params';

/** What an embed shows when its query names nothing: the examples of the RFC (§1.3, §5.7). */
export const EMBED_DEFAULTS: Record<WidgetKind, Record<string, string>> = {
	'frame-layout': {},
	decode: { hex: '818537fa213d7f9f4d5158' },
	mask: { key: '37fa213d', text: 'Hello' },
	accept: { key: 'dGhlIHNhbXBsZSBub25jZQ==' },
	simulate: { scenario: 'handshake', step: '1' },
	sequence: { scenario: 'echo' }
};

/**
 * A scenario's own parameters (the custom scenario's messages, a masking key...), so an embed shows
 * the run the teacher set up, not the defaults. `msg` holds several messages, one per line.
 */
export const SCENARIO_PARAMS: readonly ParamName[] = ['key', 'mask', 'text', 'msg', 'frag', 'close', 'deflate', 'seed'];

/** The query parameters each embed reads. */
const PARAMS: Record<WidgetKind, readonly string[]> = {
	'frame-layout': [],
	decode: ['hex', 'deflate'],
	mask: ['key', 'text'],
	accept: ['key'],
	simulate: ['scenario', 'step', ...SCENARIO_PARAMS],
	sequence: ['scenario', ...SCENARIO_PARAMS]
};

/** A widget's args as the scenario runner takes them (runFromQuery): messages one per line. */
export function scenarioRaw(args: Readonly<Record<string, string>>): Record<string, string | string[]> {
	const raw: Record<string, string | string[]> = {};
	for (const name of SCENARIO_PARAMS) {
		const v = args[name];
		if (v === undefined) continue;
		raw[name] = name === 'msg' ? v.split('\n') : v;
	}
	return raw;
}

/** The other way: the simulator's parameters as widget args (messages joined, one per line). */
export function scenarioArgs(raw: Readonly<Record<string, string | string[]>>): Record<string, string> {
	const args: Record<string, string> = {};
	for (const name of SCENARIO_PARAMS) {
		const v = raw[name];
		if (v === undefined) continue;
		args[name] = Array.isArray(v) ? v.join('\n') : v;
	}
	return args;
}

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
	const pairs = PARAMS[spec.kind]
		.filter((p) => spec.args[p] !== undefined)
		.map((p): [string, string] => [p, spec.args[p]]);
	return `/embed/${spec.kind}/${query(pairs)}`;
}

/** The full tool that opens this widget's state, or null when none does. */
export function openLink(spec: WidgetSpec): { tool: 'simulator' | 'decoder'; path: string } {
	const a = spec.args;
	switch (spec.kind) {
		case 'frame-layout':
			return { tool: 'decoder', path: `/decode/${query([['hex', '810548656c6c6f']])}` };
		case 'decode':
			return {
				tool: 'decoder',
				path: `/decode/${query([['hex', a.hex ?? ''], ...(a.deflate ? [['deflate', a.deflate] as [string, string]] : [])])}`
			};
		case 'mask':
			return {
				tool: 'simulator',
				path: `/simulate/${query([
					['scenario', 'masking'],
					['mask', a.key ?? ''],
					['text', a.text ?? '']
				])}`
			};
		case 'accept':
			return {
				tool: 'simulator',
				path: `/simulate/${query([
					['scenario', 'handshake'],
					['key', a.key ?? '']
				])}`
			};
		case 'simulate':
			return {
				tool: 'simulator',
				path: `/simulate/${query([['scenario', a.scenario ?? ''], ...scenarioPairs(a), ['step', a.step ?? '1']])}`
			};
		case 'sequence':
			return { tool: 'simulator', path: `/simulate/${query([['scenario', a.scenario ?? ''], ...scenarioPairs(a)])}` };
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

/** The scenario parameters as /simulate reads them: `msg` once per message. */
function scenarioPairs(a: Readonly<Record<string, string>>): [string, string][] {
	return Object.entries(scenarioRaw(a)).flatMap(([k, v]) =>
		Array.isArray(v) ? v.map((m): [string, string] => [k, m]) : [[k, v] as [string, string]]
	);
}
