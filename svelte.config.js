import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every page is prerendered: the build is plain files any static host serves.
		adapter: adapter({ fallback: undefined, strict: true }),
		// Absolute links (`/ko/decode/`, not `../decode/`): the i18n helpers work on `page.url`
		// paths, and `base` from $app/paths is then the same string on the server and in the browser.
		paths: { relative: false },
		// '/ko/' seeds the crawl of the Korean pages even if no English page links to them.
		prerender: { entries: ['*', '/ko/'], handleHttpError: 'fail', handleMissingId: 'warn' }
	}
};

export default config;
