import type { Handle } from '@sveltejs/kit';
import { base } from '$app/paths';
import { langFromPath } from '$lib/i18n/lang';

// Prerendering runs this hook for every page, so each HTML file is written with the right
// <html lang> (app.html has a %lang% placeholder). Client-side navigation keeps it in step from
// src/routes/[[lang=lang]]/+layout.svelte.
export const handle: Handle = ({ event, resolve }) => {
	const pathname = event.url.pathname.slice(base.length) || '/';
	const lang = langFromPath(pathname);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang)
	});
};
