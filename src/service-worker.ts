/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline: the first visit caches the whole built site (every page in both languages, every script,
 * style and asset: SvelteKit lists them in $service-worker), so afterwards every page and feature
 * works without a network, except live connections, which need one.
 *
 * One cache per build version. A new version is fetched whole into its own cache while the old one
 * keeps serving; once it takes over it deletes the old caches, so a page is never served a mix of
 * two builds' files. Everything here is the same-origin site under its base path; requests to other
 * origins (and WebSockets, which never reach a service worker) are left alone.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `fbf-${version}`;
const ASSETS = [...build, ...files, ...prerendered];

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith('fbf-') && k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	event.respondWith(respond(request, url));
});

async function respond(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	// The build's own files never change under one version: from the cache, always.
	if (ASSETS.includes(url.pathname)) {
		const hit = await cache.match(url.pathname);
		if (hit) return hit;
	}
	try {
		const response = await fetch(request);
		// Anything else of the site that loads (a page's data, a query of a prerendered page) is kept
		// too, for the next time the network is gone.
		if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
		return response;
	} catch (error) {
		// Offline: the page as cached, whatever its query (/learn/masking/?seed=5 is /learn/masking/).
		const hit = (await cache.match(request)) ?? (await cache.match(url.pathname, { ignoreSearch: true }));
		if (hit) return hit;
		throw error;
	}
}
