// Where is a Chromium for Playwright? Shared by scripts/ensure-browser.mjs and playwright.config.ts.
// Order: $CHROMIUM_PATH, Debian/Ubuntu's Chromium, Google Chrome, then a browser that
// `npx playwright install chromium` downloaded (on a laptop that has one).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const KNOWN_BROWSER_PATHS = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/Applications/Chromium.app/Contents/MacOS/Chromium'
];

/** @returns {string | undefined} Playwright's own downloaded Chromium, if it is there. */
function playwrightChromium() {
	try {
		const require = createRequire(import.meta.url);
		/** @type {import('playwright-core')} */
		const { chromium } = require('playwright-core');
		const path = chromium.executablePath();
		return path && existsSync(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The Chromium executable to test with, or undefined when none is installed.
 * A CHROMIUM_PATH that does not exist is an error, not a silent fallback.
 * @returns {string | undefined}
 */
export function resolveBrowserPath() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
		return fromEnv;
	}
	return KNOWN_BROWSER_PATHS.find((path) => existsSync(path)) ?? playwrightChromium();
}
