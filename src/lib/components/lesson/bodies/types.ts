import type { WidgetSpec } from '$lib/content/widgets';

/** What every widget body takes: the lesson widget and the embed pages pass the same. */
export interface BodyProps {
	spec: WidgetSpec;
	/** The simulate widget's step, 0-based (bindable, so "copy embed code" keeps it). */
	step?: number;
	/** Heading level of a decoded frame's title. */
	headingLevel?: 2 | 3 | 4;
}
