import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { i18nPerLanguage } from './scripts/i18n-per-language.ts';

export default defineConfig({
	plugins: [sveltekit(), i18nPerLanguage()],
	// SOURCEMAP=1 npm run build: maps, to see which module each byte of a chunk comes from.
	build: { sourcemap: !!process.env.SOURCEMAP },
	// Several dev servers may run side by side (one per engineer or test run); each can keep its own cache.
	cacheDir: process.env.VITE_CACHE_DIR ?? 'node_modules/.vite',
	server: { host: '127.0.0.1', port: 5173 },
	preview: { host: '127.0.0.1', port: 4173 },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/setup-zlib.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
