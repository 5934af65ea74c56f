import { existsSync } from 'node:fs';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { resolveBrowserPath } from './scripts/browser-path.mjs';

// End-to-end tests run in a system Chromium (Debian's on CI; see scripts/ensure-browser.mjs,
// which `npm run test:e2e` runs first) against the prerendered build served by `vite preview`.
const CI = !!process.env.CI;
// E2E_BASE_URL points the tests at a server that is already running (a dev server while working
// on one page); then no server is started here.
const SITE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:4173';
const EXTERNAL = !!process.env.E2E_BASE_URL;

const webServer: NonNullable<PlaywrightTestConfig['webServer']> = EXTERNAL
	? []
	: [
			{
				// The copy under /fbf/ is built first: both builds write .svelte-kit/output, which
				// vite preview serves, so the site at the root must be the last one built.
				command: 'npm run build:fbf && npm run build && npx vite preview --port 4173 --strictPort --host 127.0.0.1',
				url: SITE_URL,
				reuseExistingServer: !CI,
				timeout: 180_000,
				stdout: 'ignore',
				stderr: 'pipe'
			}
		];

// The site built with BASE_PATH=/fbf (above), served under /fbf/ only, as a static host would
// (tests/e2e/base-path.spec.ts). It answers 404 until that build exists; Playwright waits.
if (!EXTERNAL)
	webServer.push({
		command: 'node scripts/serve-static.mjs --dir build-fbf --base /fbf --port 4174 --host 127.0.0.1',
		url: 'http://127.0.0.1:4174/fbf/',
		reuseExistingServer: !CI,
		timeout: 240_000,
		stdout: 'ignore',
		stderr: 'pipe'
	});

// ── Local WebSocket server: server/main.ts, on 127.0.0.1:6455 ──────────────────────────────
// Echo on ws://127.0.0.1:6455/, the byte side channel on /_bytes (docs/ARCHITECTURE.md).
// Started for the live-mode tests as soon as the server exists. A WebSocket endpoint need not
// answer a plain GET with 2xx, so readiness is "127.0.0.1:6455 accepts connections".
if (!EXTERNAL && existsSync('server/main.ts')) {
	webServer.push({
		command: 'npm run server -- --port 6455 --host 127.0.0.1',
		port: 6455,
		reuseExistingServer: !CI,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe'
	});
}

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: CI,
	workers: 2,
	retries: CI ? 1 : 0,
	reporter: 'list',
	// Generous: 2-core CI machines run two browsers at once; this is a hang guard, not a speed check.
	timeout: 90_000,
	expect: { timeout: 15_000 },
	use: {
		baseURL: SITE_URL,
		// Each test starts without the site's service worker (src/service-worker.ts), so what it
		// checks is the page and the network; tests/e2e/offline-site.spec.ts allows it.
		serviceWorkers: 'block',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: resolveBrowserPath(),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{ name: 'desktop', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } },
		{
			name: 'mobile',
			use: {
				browserName: 'chromium',
				viewport: { width: 390, height: 844 },
				deviceScaleFactor: 2,
				isMobile: true,
				hasTouch: true
			}
		}
	],
	webServer
});
