/**
 * A Vite plugin for the client build: each page loads the words of its own language only.
 *
 * The text tables in src/lib/i18n keep English and Korean side by side (`{ en: …, ko: … }`), which is
 * how they are written, reviewed and type-checked. Shipped as written, every page would carry both
 * languages. In the browser build only, this plugin turns each table module into two variants,
 * `table.ts?lang=en` and `table.ts?lang=ko`, in which the other language's values are `void 0` (so
 * the bundler drops them), and replaces the module itself by a small wrapper that awaits the variant
 * of the page's language (`<html lang>`, written at prerender by src/hooks.server.ts). A variant's
 * imports of other table modules go to the same language's variants.
 *
 * The page's language is fixed for the life of the page: src/routes/[[lang=lang]]/+layout.svelte
 * loads a page of the other language as a new document. Prerendering (the server build) and
 * `vite dev` see the modules as written, both languages together.
 *
 * The output names which chunks hold which language (`_app/i18n-chunks.json`), for
 * scripts/page-weight.mjs to count the page's own language with the page.
 */
import { readFileSync } from 'node:fs';
import MagicString from 'magic-string';
import type { Plugin } from 'vite';
import { defaultLang, langs } from '../src/lib/i18n/lang.ts';

const TABLES = /\/src\/lib\/i18n\/(?!lang\.ts$|index\.ts$)[\w/-]+\.ts$/;
const clean = (id: string) => id.replace(/[?#].*$/, '');
const variantLang = (id: string) => /[?&]lang=([a-z]+)/.exec(id)?.[1];
const isTable = (id: string) => TABLES.test(clean(id));

interface Node {
	type: string;
	start: number;
	end: number;
	[key: string]: unknown;
}

function walk(node: unknown, visit: (n: Node) => void): void {
	if (Array.isArray(node)) for (const child of node) walk(child, visit);
	else if (node && typeof node === 'object' && typeof (node as Node).type === 'string') {
		visit(node as Node);
		for (const key in node) if (key !== 'type') walk((node as Record<string, unknown>)[key], visit);
	}
}

const keyName = (p: Node): string | undefined => {
	const key = p.key as Node & { name?: string; value?: unknown };
	if (p.computed) return undefined;
	return key.type === 'Identifier' ? key.name : typeof key.value === 'string' ? key.value : undefined;
};

/** In `{ en: A, ko: B }` (every language, nothing else), every value but `lang`'s becomes `void 0`. */
export function keepOnly(
	code: string,
	ast: unknown,
	lang: string
): { code: string; map: ReturnType<MagicString['generateMap']> } {
	const s = new MagicString(code);
	walk(ast, (n) => {
		if (n.type !== 'ObjectExpression') return;
		const props = n.properties as Node[];
		if (props.some((p) => p.type !== 'Property')) return;
		const keys = props.map(keyName);
		if (keys.length !== langs.length || !langs.every((l) => keys.includes(l))) return;
		for (const p of props) {
			if (keyName(p) === lang) continue;
			if (p.shorthand) s.overwrite(p.start, p.end, `${keyName(p)}: void 0`);
			else s.overwrite((p.value as Node).start, (p.value as Node).end, 'void 0');
		}
	});
	return { code: s.toString(), map: s.generateMap({ hires: 'boundary' }) };
}

/** The names a module exports (declarations and `{ names }`; see isIndex for `export *`). */
export function exportNames(ast: { body: Node[] }, id: string): string[] {
	const names: string[] = [];
	for (const n of ast.body) {
		if (n.type === 'ExportDefaultDeclaration') names.push('default');
		if (n.type !== 'ExportNamedDeclaration') continue;
		const decl = n.declaration as Node | null;
		if (decl?.type === 'VariableDeclaration')
			for (const d of decl.declarations as Node[]) {
				const idNode = d.id as Node & { name?: string };
				if (idNode.type !== 'Identifier') throw new Error(`${id}: export a table by a plain name.`);
				names.push(idNode.name!);
			}
		else if (decl) names.push((decl.id as { name: string }).name);
		for (const sp of (n.specifiers as Node[]) ?? []) {
			const exported = sp.exported as Node & { name?: string; value?: string };
			names.push(exported.name ?? exported.value!);
		}
	}
	return names;
}

export function wrapper(id: string, names: string[]): string {
	const file = JSON.stringify(clean(id));
	const variants = langs.map((l) => `${l}: () => import(${JSON.stringify(`${clean(id)}?lang=${l}`)})`).join(', ');
	const exports = names.map((n) =>
		n === 'default' ? 'export default words.default;' : `export const ${n} = words[${JSON.stringify(n)}];`
	);
	return [
		`// ${file}: the words of the page's language only (scripts/i18n-per-language.ts).`,
		`const variants = { ${variants} };`,
		`const lang = document.documentElement.lang;`,
		`const words = await (Object.hasOwn(variants, lang) ? variants[lang] : variants[${JSON.stringify(defaultLang)}])();`,
		...exports
	].join('\n');
}

export function i18nPerLanguage(): Plugin {
	return {
		name: 'fbf:i18n-per-language',
		apply: 'build',
		applyToEnvironment: (environment) => environment.name === 'client',
		async resolveId(source, importer, options) {
			const lang = importer && isTable(importer) ? variantLang(importer) : undefined;
			if (!lang) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			if (!resolved || resolved.external || !isTable(resolved.id)) return null;
			return `${clean(resolved.id)}?lang=${lang}`;
		},
		load(id) {
			return isTable(id) && variantLang(id) ? readFileSync(clean(id), 'utf8') : null;
		},
		transform(code, id) {
			if (!isTable(id)) return null;
			const ast = this.parse(code) as unknown as { body: Node[] };
			const lang = variantLang(id);
			if (lang) return keepOnly(code, ast, lang);
			// An index of `export * from './x'` needs no wrapper: each x it names is wrapped itself.
			if (ast.body.some((n) => n.type === 'ExportAllDeclaration')) return null;
			return { code: wrapper(id, exportNames(ast, id)), map: null };
		},
		generateBundle(_options, bundle) {
			const chunks: Record<string, string[]> = Object.fromEntries(langs.map((l) => [l, []]));
			for (const out of Object.values(bundle)) {
				if (out.type !== 'chunk') continue;
				const lang = out.moduleIds.map(variantLang).find(Boolean);
				if (lang) chunks[lang].push(out.fileName);
			}
			this.emitFile({ type: 'asset', fileName: '_app/i18n-chunks.json', source: JSON.stringify(chunks) });
		}
	};
}
