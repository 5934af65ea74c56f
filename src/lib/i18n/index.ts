// i18n for Frame by Frame. The language comes from the URL ([[lang=lang]] in src/routes); each
// feature keeps its interface text in its own file (`src/lib/i18n/<feature>.ts`, made with
// `defineMessages`; site.ts is the example). Pure path helpers live in lang.ts; this module adds
// the parts that need SvelteKit (the current page, the base path).
import { base } from '$app/paths';
import { page } from '$app/state';
import { defaultLang, isLang, localizePath, type Lang } from './lang';

export { defaultLang, defineMessages, isLang, langFromPath, langNames, langs, localizePath, stripLang } from './lang';
export type { Lang } from './lang';

/** localStorage key of the reader's explicit language choice (set by the language switch). */
export const LANG_STORAGE_KEY = 'fbf-lang';

/**
 * The current page's language, from its route params. Reactive: read it inside `$derived`
 * (or markup) and it follows client-side navigation.
 */
export function getLang(): Lang {
	const lang = page.params.lang;
	return isLang(lang) ? lang : defaultLang;
}

/**
 * An href for `path` in `lang`, with the base path: `localizeHref('/decode', 'ko')` is
 * `/ko/decode/`, `localizeHref('/decode?hex=81', 'en')` is `/decode/?hex=81`.
 */
export function localizeHref(path: string, lang: Lang): string {
	return base + localizePath(path, lang);
}
