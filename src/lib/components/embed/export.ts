/**
 * Diagram export for slides: an on-screen SVG becomes a standalone SVG file (the styles it gets
 * from CSS custom properties and the current theme written into each element) or a PNG (that SVG
 * drawn onto a canvas at 2×). Only presentation properties are copied, so the file stays small.
 */

import { download } from '$lib/download';

const PROPS = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-dashoffset',
	'stroke-opacity',
	'stroke-linejoin',
	'stroke-linecap',
	'paint-order',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'letter-spacing',
	'text-anchor',
	'dominant-baseline',
	'visibility',
	'display'
];

/** A colour custom property resolved to rgb() in the current theme (light-dark() needs an element). */
export function resolveColor(variable: string, at: Element = document.body): string {
	const probe = document.createElement('span');
	probe.style.color = `var(${variable})`;
	probe.style.display = 'none';
	at.appendChild(probe);
	const color = getComputedStyle(probe).color;
	probe.remove();
	return color;
}

/** The SVG as a standalone document, on a solid background so it reads on any slide. */
export function serializeSvg(svg: SVGSVGElement, scale = 1): { text: string; width: number; height: number } {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const from = [svg, ...svg.querySelectorAll('*')];
	const to = [clone, ...clone.querySelectorAll('*')];
	from.forEach((el, i) => {
		const cs = getComputedStyle(el);
		const style = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
		to[i].setAttribute('style', style);
		to[i].removeAttribute('class');
		to[i].removeAttribute('tabindex');
	});
	// Animations are decoration; the file shows their end state.
	for (const el of clone.querySelectorAll<SVGElement>('[style]')) el.style.removeProperty('animation');
	const vb = svg.viewBox.baseVal;
	const width = Math.round((vb?.width || svg.clientWidth) * scale);
	const height = Math.round((vb?.height || svg.clientHeight) * scale);
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	clone.setAttribute('width', String(width));
	clone.setAttribute('height', String(height));
	clone.style.removeProperty('display');
	const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
	bg.setAttribute('x', String(vb?.x ?? 0));
	bg.setAttribute('y', String(vb?.y ?? 0));
	bg.setAttribute('width', '100%');
	bg.setAttribute('height', '100%');
	bg.setAttribute('fill', resolveColor('--surface', svg.parentElement ?? document.body));
	clone.insertBefore(bg, clone.firstChild);
	return { text: new XMLSerializer().serializeToString(clone), width, height };
}

export function exportSvg(svg: SVGSVGElement, name: string): void {
	const { text } = serializeSvg(svg);
	download(new Blob([text], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** PNG at `scale`× the SVG's own size (2× keeps text sharp on a projector). */
export async function exportPng(svg: SVGSVGElement, name: string, scale = 2): Promise<void> {
	const { text, width, height } = serializeSvg(svg);
	const img = new Image();
	const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
	try {
		img.src = url;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = width * scale;
		canvas.height = height * scale;
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('no 2d context');
		ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
		const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
		if (!blob) throw new Error('toBlob failed');
		download(blob, `${name}.png`);
	} finally {
		URL.revokeObjectURL(url);
	}
}
