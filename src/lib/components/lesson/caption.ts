/** A widget's caption in the reader's language: what it shows, with the values it shows. */
import type { WidgetSpec } from '$lib/content/widgets';
import type { Lang } from '$lib/i18n';
import { embedText } from '$lib/i18n/embed';
import { simulateText } from '$lib/i18n/simulate';
import { stepIndex } from '$lib/components/embed/links';

export function widgetCaption(spec: WidgetSpec, lang: Lang): string {
	const c = embedText(lang).captions;
	const a = spec.args;
	const name = (id: string) => simulateText(lang).scenarios[id]?.[0] ?? id;
	switch (spec.kind) {
		case 'frame-layout':
			return c.frameLayout;
		case 'decode':
			return c.decode((a.hex ?? '').replace(/\s+/g, '').replace(/(..)(?=.)/g, '$1 '));
		case 'mask':
			return c.mask(a.text ?? '', a.key ?? '');
		case 'accept':
			return c.accept(a.key ?? '');
		case 'simulate':
			return c.simulate(name(a.scenario ?? ''), stepIndex(a.step) + 1);
		case 'sequence':
			return c.sequence(name(a.scenario ?? ''));
	}
}
