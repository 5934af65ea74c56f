import { isLang } from '$lib/i18n/lang';
import { listLessons } from '$lib/content/lessons.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const lang = isLang(params.lang) ? params.lang : 'en';
	return { lessons: listLessons(lang) };
};
