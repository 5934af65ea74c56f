import { describe, expect, it } from 'vitest';
import { lessonSlugs, listLessons, loadLesson } from '$lib/content/lessons.server';
import { parseWidget } from '$lib/content/widgets';

describe('lessons', () => {
	it('exist in English and Korean with the same slugs, in order', () => {
		const en = listLessons('en');
		const ko = listLessons('ko');
		expect(en.length).toBeGreaterThanOrEqual(10);
		expect(ko.map((l) => l.slug)).toEqual(en.map((l) => l.slug));
		expect(en.map((l) => l.order)).toEqual([...en.map((l) => l.order)].sort((a, b) => a - b));
		for (const l of [...en, ...ko]) {
			expect(l.title.trim().length).toBeGreaterThan(1);
			expect(l.summary.length).toBeGreaterThan(10);
		}
	});

	it('render to HTML with highlighted code and valid widgets, the same widgets in both languages', async () => {
		for (const slug of lessonSlugs()) {
			const [en, ko] = await Promise.all([loadLesson('en', slug), loadLesson('ko', slug)]);
			expect(en && ko).toBeTruthy();
			const widgets = (l: NonNullable<typeof en>) =>
				l.segments.filter((s) => s.type === 'widget').map((s) => JSON.stringify(s));
			expect(widgets(ko!)).toEqual(widgets(en!));
			expect(widgets(en!).length).toBeGreaterThan(0);
			const html = en!.segments.map((s) => (s.type === 'html' ? s.html : '')).join('');
			expect(html).not.toContain('```');
			if (html.includes('<pre')) expect(html).toContain('class="shiki');
		}
	});

	it('are not found for unknown slugs', async () => {
		expect(await loadLesson('en', 'no-such-lesson')).toBeNull();
	});
});

describe('widget blocks', () => {
	it('parse kind and arguments, URL-decoding values', () => {
		expect(parseWidget('mask key=37fa213d text=Hello%20world')).toEqual({
			kind: 'mask',
			args: { key: '37fa213d', text: 'Hello world' }
		});
		expect(parseWidget('frame-layout')).toEqual({ kind: 'frame-layout', args: {} });
	});
	it('reject unknown kinds and missing arguments, so a typo fails the build', () => {
		expect(() => parseWidget('simulat scenario=x')).toThrow(/Unknown lesson widget/);
		expect(() => parseWidget('decode')).toThrow(/needs hex/);
		expect(() => parseWidget('decode 81')).toThrow(/name=value/);
	});
});

describe('lesson Markdown', () => {
	it('a range written with tildes stays text in Korean (GFM would strike out what lies between)', async () => {
		const lesson = await loadLesson('ko', 'control-frames');
		const html = lesson!.segments.map((s) => (s.type === 'html' ? s.html : '')).join('');
		expect(html).not.toContain('<del>');
		expect(html).toContain('<code>0x8</code>~<code>0xF</code>');
		const closing = await loadLesson('ko', 'closing');
		const all = closing!.segments.map((s) => (s.type === 'html' ? s.html : '')).join('');
		expect(all).toContain('1000~2999');
	});
});
