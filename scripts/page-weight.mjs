/**
 * `npm run weight`: the JavaScript every page of the built site loads before it can run, gzipped.
 *
 * For each page (every index.html under build/), the scripts it names (<script src>, <link
 * rel="modulepreload">, the import("…") calls of SvelteKit's start-up script) and, from each of those,
 * every module it imports statically, followed to the end: what the browser must fetch and parse
 * before the page works. Modules a page imports with import() (a lesson's widgets when they come
 * near the viewport, the compression codec when a connection agrees it) are listed apart as "later":
 * they are loaded only when used. Each file is counted once per page, gzipped at level 9 (as Vite
 * reports sizes). KB means 1000 bytes.
 *
 * The words of each language are chunks of their own, loaded with import() by the page as it starts
 * (scripts/i18n-per-language.ts lists them in _app/i18n-chunks.json): a page counts those of its
 * <html lang> as loaded up front, and never the other language's.
 *
 *   node scripts/page-weight.mjs [build dir] [--budget=100] [--json]
 *
 * --json prints the rows as JSON, each with the list of its up-front scripts (`scripts`).
 *
 * With --budget, exits with 1 when any page loads more than that many KB of gzipped JavaScript.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const root = resolve(args.find((a) => !a.startsWith('--')) ?? 'build');
const budgetArg = args.find((a) => a.startsWith('--budget='));
const budget = budgetArg ? Number(budgetArg.slice(9)) : null;
const asJson = args.includes('--json');

/** Every index.html under dir. */
function pages(dir) {
	const out = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...pages(path));
		else if (name === 'index.html') out.push(path);
	}
	return out;
}

/** The file a URL in `from` (a file under root) points at; absolute URLs may carry a base path. */
function fileOf(url, from) {
	const clean = url.split(/[?#]/)[0];
	if (clean.startsWith('/')) {
		// /base/_app/… → the _app folder is at the root of the build whatever the base path.
		const at = clean.indexOf('/_app/');
		return at === -1 ? join(root, clean) : join(root, clean.slice(at + 1));
	}
	return join(dirname(from), clean);
}

const gz = new Map();
function gzipped(file) {
	if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
	return gz.get(file);
}

// Static imports and re-exports in minified ES modules: import{a}from"./x.js", import"./x.js",
// export*from"./x.js". A dynamic import("./x.js") has a parenthesis after `import` and is not matched.
const STATIC = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

const parsed = new Map();
function importsOf(file) {
	if (!parsed.has(file)) {
		const code = readFileSync(file, 'utf8');
		const statics = [...code.matchAll(STATIC)].map((m) => fileOf(m[1], file));
		// SvelteKit's app entry lists every route's node as an import(): those are other pages, not this one's.
		const dynamics = /[\\/]entry[\\/]/.test(file) ? [] : [...code.matchAll(DYNAMIC)].map((m) => fileOf(m[1], file));
		parsed.set(file, { statics, dynamics });
	}
	return parsed.get(file);
}

/** Chunk file → its language, for the per-language word chunks; empty for a build without them. */
const langOfChunk = new Map();
try {
	const listed = JSON.parse(readFileSync(join(root, '_app', 'i18n-chunks.json'), 'utf8'));
	for (const [lang, files] of Object.entries(listed)) for (const f of files) langOfChunk.set(join(root, f), lang);
} catch {
	/* no per-language chunks in this build */
}

/** The static closure of `entries` (with the words of `lang`), and the modules only reachable through import(). */
function closure(entries, lang) {
	const loaded = new Set();
	const later = new Set();
	const stack = [...entries];
	while (stack.length) {
		const f = stack.pop();
		if (loaded.has(f)) continue;
		loaded.add(f);
		const { statics, dynamics } = importsOf(f);
		stack.push(...statics);
		for (const d of dynamics) {
			const wordsOf = langOfChunk.get(d);
			if (wordsOf === lang) stack.push(d);
			else if (!wordsOf) later.add(d);
		}
	}
	// Everything a lazy module pulls in that the page did not already load.
	const lazy = new Set();
	const lazyStack = [...later];
	while (lazyStack.length) {
		const f = lazyStack.pop();
		if (loaded.has(f) || lazy.has(f)) continue;
		lazy.add(f);
		const { statics, dynamics } = importsOf(f);
		lazyStack.push(...statics, ...dynamics.filter((d) => [undefined, lang].includes(langOfChunk.get(d))));
	}
	return { loaded, lazy };
}

function entriesOf(html, file) {
	const urls = [
		...[...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]),
		...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*>/g)].map((m) => /href="([^"]+)"/.exec(m[0])?.[1]),
		// SvelteKit's inline start-up script: import("./_app/immutable/entry/start.js") and the like.
		...[...html.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)].map((m) => m[1])
	].filter((u) => u && u.endsWith('.js') && !/^[a-z]+:/.test(u));
	return [...new Set(urls.map((u) => fileOf(u, file)))];
}

const sum = (files) => [...files].reduce((n, f) => n + gzipped(f), 0);
const rows = pages(root).map((file) => {
	const html = readFileSync(file, 'utf8');
	const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];
	const { loaded, lazy } = closure(entriesOf(html, file), lang);
	const parts = relative(root, dirname(file)).split(/[\\/]/).filter(Boolean);
	const page = parts.length ? `/${posix.join(...parts)}/` : '/';
	const row = { page, files: loaded.size, js: sum(loaded), later: sum(lazy) };
	// With --json, also the scripts themselves (paths under the build): what loads before the page runs.
	return asJson ? { ...row, scripts: [...loaded].map((f) => relative(root, f).split(/[\\/]/).join('/')).sort() } : row;
});
rows.sort((a, b) => b.js - a.js);

const kb = (n) => (n / 1000).toFixed(1);
if (asJson) console.log(JSON.stringify(rows, null, '\t'));
else {
	console.log(`Gzipped JavaScript per page of ${relative(process.cwd(), root) || '.'} (KB = 1000 bytes, gzip -9)`);
	console.log(`${'page'.padEnd(34)} ${'loads'.padStart(8)} ${'files'.padStart(6)} ${'later'.padStart(8)}`);
	for (const r of rows)
		console.log(
			`${r.page.padEnd(34)} ${kb(r.js).padStart(8)} ${String(r.files).padStart(6)} ${kb(r.later).padStart(8)}`
		);
	const top = rows[0];
	if (top) console.log(`\nLargest: ${top.page}, ${kb(top.js)} KB over ${rows.length} pages.`);
}
if (budget !== null && rows.some((r) => r.js > budget * 1000)) {
	const over = rows.filter((r) => r.js > budget * 1000).map((r) => `${r.page} (${kb(r.js)} KB)`);
	console.error(`Over the ${budget} KB budget: ${over.join(', ')}`);
	process.exit(1);
}
