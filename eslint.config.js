// ESLint for the whole repository (npm run lint): TypeScript and Svelte by their recommended rules,
// formatting left to Prettier (eslint-config-prettier turns off the rules it covers).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: ['build/', 'build-*/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'static/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			// `_`-prefixed names are unused on purpose (a parameter a signature requires).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			],
			// The site is prerendered and every link goes through localizeHref(), which adds the base path.
			'svelte/no-navigation-without-resolve': 'off',
			// State that holds a Set or Map is replaced, never mutated (`expanded = next`), and the
			// Maps inside .svelte.ts modules are private indexes nothing renders from directly.
			'svelte/prefer-svelte-reactivity': 'off',
			// `{' '}` keeps a space between inline elements that a formatter would otherwise fold away.
			'svelte/no-useless-mustaches': 'off'
		}
	}
);
