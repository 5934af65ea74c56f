import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every page is prerendered: the build is plain files any static host serves.
		// BUILD_DIR: where the site is written (the e2e suite builds a second copy under a base path).
		adapter: adapter({
			pages: process.env.BUILD_DIR || 'build',
			assets: process.env.BUILD_DIR || 'build',
			fallback: undefined,
			strict: true
		}),
		// Absolute links (`/ko/decode/`, not `../decode/`): the i18n helpers work on `page.url`
		// paths, and `base` from $app/paths is then the same string on the server and in the browser.
		// BASE_PATH=/some/path builds a site served under that path (README: hosting); the default is the root.
		paths: { relative: false, base: process.env.BASE_PATH ?? '' },
		// '/ko/' seeds the crawl of the Korean pages even if no English page links to them.
		prerender: { entries: ['*', '/ko/'], handleHttpError: 'fail', handleMissingId: 'warn' }
	}
};

export default config;
