/**
 * Lessons, read from content/lessons/<lang>/*.md and rendered at build time (prerender): Markdown by
 * `marked`, code by shiki with a light and a dark theme, so no highlighter ships to the browser.
 * A lesson becomes a list of segments, HTML and widgets, which the page renders in order.
 */
import { Marked, type Tokens } from 'marked';
import { createHighlighter, type Highlighter } from 'shiki';
import type { Lang } from '$lib/i18n';
import { splitFrontmatter } from './frontmatter';
import { parseWidget, type WidgetSpec } from './widgets';

export interface LessonMeta {
	readonly slug: string;
	readonly lang: Lang;
	readonly title: string;
	readonly summary: string;
	readonly order: number;
}

export type Segment =
	{ readonly type: 'html'; readonly html: string } | { readonly type: 'widget'; readonly widget: WidgetSpec };

export interface Lesson extends LessonMeta {
	readonly segments: Segment[];
	readonly headings: { id: string; text: string }[];
}

const files = import.meta.glob('/content/lessons/*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<
	string,
	string
>;

function parsePath(path: string): { lang: Lang; slug: string } | null {
	const m = /\/content\/lessons\/(en|ko)\/(.+)\.md$/.exec(path);
	return m ? { lang: m[1] as Lang, slug: m[2].replace(/^\d+-/, '') } : null;
}

export function listLessons(lang: Lang): LessonMeta[] {
	const out: LessonMeta[] = [];
	for (const [path, raw] of Object.entries(files)) {
		const p = parsePath(path);
		if (!p || p.lang !== lang) continue;
		const { data } = splitFrontmatter(raw);
		out.push({
			slug: p.slug,
			lang,
			title: data.title ?? p.slug,
			summary: data.summary ?? '',
			order: Number(data.order ?? 99)
		});
	}
	return out.sort((a, b) => a.order - b.order);
}

export function lessonSlugs(): string[] {
	return listLessons('en').map((l) => l.slug);
}

let highlighter: Promise<Highlighter> | null = null;
function getHighlighter(): Promise<Highlighter> {
	highlighter ??= createHighlighter({
		themes: ['github-light-default', 'github-dark-default'],
		langs: ['http', 'js', 'ts', 'text', 'json', 'bash']
	});
	return highlighter;
}

function slugify(text: string): string {
	return text
		.toLowerCase()
		.replace(/<[^>]+>/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-|-$/g, '');
}

export async function loadLesson(lang: Lang, slug: string): Promise<Lesson | null> {
	const entry = Object.entries(files).find(([path]) => {
		const p = parsePath(path);
		return p?.lang === lang && p.slug === slug;
	});
	if (!entry) return null;
	const meta = listLessons(lang).find((l) => l.slug === slug)!;
	const { body } = splitFrontmatter(entry[1]);
	const hl = await getHighlighter();
	const headings: { id: string; text: string }[] = [];
	const marked = new Marked({
		tokenizer: {
			// Korean writes ranges with a tilde (0~125, `0x8`~`0xF`); GFM would strike out the text between
			// two of them. Only a double tilde strikes through; a single one is the character itself.
			del(src: string) {
				// A text token where marked's types expect a Del: marked renders any token by its type.
				return /^~(?!~)/.test(src) ? ({ type: 'text', raw: '~', text: '~' } as unknown as Tokens.Del) : false;
			}
		},
		renderer: {
			code({ text, lang: codeLang }: Tokens.Code) {
				const language = codeLang && hl.getLoadedLanguages().includes(codeLang) ? codeLang : 'text';
				return hl.codeToHtml(text, {
					lang: language,
					themes: { light: 'github-light-default', dark: 'github-dark-default' },
					defaultColor: false
				});
			},
			heading({ tokens, depth }: Tokens.Heading) {
				const text = this.parser.parseInline(tokens);
				const id = slugify(text);
				if (depth === 2) headings.push({ id, text: text.replace(/<[^>]+>/g, '') });
				return `<h${depth} id="${id}">${text}</h${depth}>\n`;
			}
		}
	});
	// Cut the Markdown at top-level widget blocks, render the prose between them.
	const segments: Segment[] = [];
	const re = /^```widget\r?\n([\s\S]*?)\r?\n```\s*$/gm;
	let last = 0;
	for (let m = re.exec(body); m; m = re.exec(body)) {
		const prose = body.slice(last, m.index);
		if (prose.trim()) segments.push({ type: 'html', html: await marked.parse(prose) });
		segments.push({ type: 'widget', widget: parseWidget(m[1]) });
		last = m.index + m[0].length;
	}
	const tail = body.slice(last);
	if (tail.trim()) segments.push({ type: 'html', html: await marked.parse(tail) });
	return { ...meta, segments, headings };
}
