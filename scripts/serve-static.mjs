#!/usr/bin/env node
// Serve a built site (plain files) under a base path, as a static host does: a request for
// <base>/learn/ gets <dir>/learn/index.html, <base>/x.js gets <dir>/x.js, anything outside <base>
// or missing gets 404 (so a test sees a link that leaves the base path). For checking a
// BASE_PATH build (README: hosting) and for the e2e suite's base-path crawl.
//
//   node scripts/serve-static.mjs --dir build-fbf --base /fbf --port 4174 [--host 127.0.0.1]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(opt('dir', 'build'));
const base = opt('base', '').replace(/\/+$/, '');
const port = Number(opt('port', '4174'));
const host = opt('host', '127.0.0.1');

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.webmanifest': 'application/manifest+json',
	'.txt': 'text/plain; charset=utf-8',
	'.wasm': 'application/wasm',
	'.pcap': 'application/vnd.tcpdump.pcap',
	'.pcapng': 'application/octet-stream'
};

/** The file a URL path names inside root, or null (outside the base, or escaping root). */
function fileFor(pathname) {
	if (base && pathname !== base && !pathname.startsWith(`${base}/`)) return null;
	let rel = decodeURIComponent(pathname.slice(base.length)) || '/';
	if (rel.endsWith('/')) rel += 'index.html';
	const file = normalize(join(root, rel));
	return file === root || file.startsWith(root + sep) ? file : null;
}

createServer(async (req, res) => {
	const { pathname } = new URL(req.url ?? '/', 'http://x');
	let file = fileFor(pathname);
	try {
		if (!file) throw new Error('outside');
		// A directory without the trailing slash: redirect, as static hosts do.
		if ((await stat(file)).isDirectory()) {
			res.writeHead(301, { location: `${pathname}/` }).end();
			return;
		}
		const body = await readFile(file);
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		res.end(req.method === 'HEAD' ? undefined : body);
	} catch {
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
	}
}).listen(port, host, () => console.log(`Serving ${root} at http://${host}:${port}${base}/`));
