// Language in the URL, as pure functions of a path: no $app imports, so the server hook, the
// Playwright tests and the components all share one definition of how a localized URL looks.
// English is unprefixed (`/decode/`), Korean lives under `/ko` (`/ko/decode/`). The site uses
// `trailingSlash: 'always'` (every page is a folder with an index.html), so paths end in `/`.

export const langs = ['en', 'ko'] as const;
export type Lang = (typeof langs)[number];
export const defaultLang: Lang = 'en';

/** Each language's own name, as shown in the language switch. */
export const langNames: Record<Lang, string> = { en: 'English', ko: '한국어' };

export function isLang(value: unknown): value is Lang {
	return typeof value === 'string' && (langs as readonly string[]).includes(value);
}

/** The language of a pathname (without the base path): `/ko/...` is Korean, anything else English. */
export function langFromPath(pathname: string): Lang {
	const first = pathname.split('/')[1];
	return isLang(first) ? first : defaultLang;
}

/** `/ko/decode/` → `/decode/`; `/en/decode` → `/decode`; `/ko` → `/`. Keeps query and hash. */
export function stripLang(path: string): string {
	const match = /^\/(en|ko)(?=\/|$|\?|#)/.exec(path);
	if (!match) return path;
	const rest = path.slice(match[0].length);
	return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * The path of `path` in `lang`, without the base path: `localizePath('/decode', 'ko')` is
 * `/ko/decode/`. `path` may already carry a language prefix, a query and a hash (all kept).
 * A trailing slash is added unless the last segment looks like a file (`/rss.xml`).
 */
export function localizePath(path: string, lang: Lang): string {
	const cut = path.search(/[?#]/);
	let pathname = cut === -1 ? path : path.slice(0, cut);
	const suffix = cut === -1 ? '' : path.slice(cut);
	if (!pathname.startsWith('/')) pathname = `/${pathname}`;
	pathname = stripLang(pathname);
	const last = pathname.slice(pathname.lastIndexOf('/') + 1);
	if (!pathname.endsWith('/') && !last.includes('.')) pathname += '/';
	const prefix = lang === defaultLang ? '' : `/${lang}`;
	return prefix + pathname + suffix;
}

/**
 * A typed message table. English decides the shape; Korean must have exactly the same keys and
 * types (a missing or extra key is a type error). Values may be strings or functions.
 *
 *   export const decodeText = defineMessages({
 *     en: { title: 'Decode', bytes: (n: number) => `${n} bytes` },
 *     ko: { title: '디코더', bytes: (n: number) => `${n}바이트` }
 *   });
 *   const t = $derived(decodeText(getLang()));   // in a component: {t.title} {t.bytes(7)}
 */
export function defineMessages<M extends object>(messages: { en: M; ko: NoInfer<M> }): (lang: Lang) => M {
	return (lang) => messages[lang] ?? messages[defaultLang];
}
