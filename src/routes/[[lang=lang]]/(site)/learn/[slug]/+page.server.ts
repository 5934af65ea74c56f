import { error } from '@sveltejs/kit';
import { isLang } from '$lib/i18n/lang';
import { lessonSlugs, listLessons, loadLesson } from '$lib/content/lessons.server';
import type { EntryGenerator, PageServerLoad } from './$types';

// Every lesson in both languages is prerendered; English is unprefixed.
export const entries: EntryGenerator = () => lessonSlugs().flatMap((slug) => [{ slug }, { lang: 'ko', slug }]);

export const load: PageServerLoad = async ({ params }) => {
	const lang = isLang(params.lang) ? params.lang : 'en';
	const lesson = await loadLesson(lang, params.slug);
	if (!lesson) error(404, 'No such lesson');
	const all = listLessons(lang);
	const i = all.findIndex((l) => l.slug === lesson.slug);
	return { lesson, prev: all[i - 1] ?? null, next: all[i + 1] ?? null, count: all.length, index: i };
};
