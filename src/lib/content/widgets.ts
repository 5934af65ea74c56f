/**
 * Lesson widgets: a fenced block with the language `widget` holds one line such as
 * `simulate scenario=handshake step=3` (docs/ARCHITECTURE.md). Parsing is shared by the build-time
 * renderer and the tests, so a typo in a lesson fails the build instead of rendering nothing.
 */

export const WIDGET_KINDS = ['frame-layout', 'decode', 'mask', 'accept', 'simulate', 'sequence'] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];

export interface WidgetSpec {
	readonly kind: WidgetKind;
	readonly args: Readonly<Record<string, string>>;
}

const REQUIRED: Record<WidgetKind, readonly string[]> = {
	'frame-layout': [],
	decode: ['hex'],
	mask: ['key', 'text'],
	accept: ['key'],
	simulate: ['scenario'],
	sequence: ['scenario']
};

export function parseWidget(source: string): WidgetSpec {
	const [kind, ...rest] = source.trim().split(/\s+/);
	if (!(WIDGET_KINDS as readonly string[]).includes(kind))
		throw new Error(`Unknown lesson widget "${kind}" (known: ${WIDGET_KINDS.join(', ')})`);
	const args: Record<string, string> = {};
	for (const part of rest) {
		const eq = part.indexOf('=');
		if (eq <= 0) throw new Error(`Widget argument "${part}" is not name=value`);
		args[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1));
	}
	for (const name of REQUIRED[kind as WidgetKind])
		if (!(name in args)) throw new Error(`Widget "${kind}" needs ${name}=...`);
	return { kind: kind as WidgetKind, args };
}
