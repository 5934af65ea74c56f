import type { Handle } from '@sveltejs/kit';
import { base } from '$app/paths';
import { langFromPath } from '$lib/i18n/lang';

// Prerendering runs this hook for every page, so each HTML file is written with the right
// <html lang> (app.html has a %lang% placeholder). The browser build reads it to load that language's
// words (scripts/i18n-per-language.ts); a page of the other language is always a new document.
export const handle: Handle = ({ event, resolve }) => {
	const pathname = event.url.pathname.slice(base.length) || '/';
	const lang = langFromPath(pathname);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang)
	});
};
