#!/usr/bin/env node
// Makes sure a Chromium is there for the end-to-end tests (npm run test:e2e runs this first).
// Finds one (scripts/browser-path.mjs); if there is none and we are root on Debian/Ubuntu,
// installs Debian's `chromium` with apt-get; otherwise explains how to get one. Writes nothing
// to the repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolveBrowserPath } from './browser-path.mjs';

function found() {
	try {
		return resolveBrowserPath();
	} catch (error) {
		console.error(`ensure-browser: ${error instanceof Error ? error.message : error}`);
		process.exit(1);
	}
}

function isDebianLike() {
	if (!existsSync('/etc/os-release')) return false;
	const osRelease = readFileSync('/etc/os-release', 'utf8');
	return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
}

function hasAptGet() {
	return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

let path = found();
if (path) {
	console.log(`ensure-browser: using ${path}`);
	process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.platform === 'linux' && isRoot && isDebianLike() && hasAptGet()) {
	console.log("ensure-browser: no Chromium found; installing Debian's chromium package.");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', 'chromium']]) {
		console.log(`ensure-browser: $ apt-get ${args.join(' ')}`);
		try {
			execFileSync('apt-get', args, { stdio: 'inherit', env });
		} catch {
			console.error(`ensure-browser: apt-get ${args[0]} failed.`);
			process.exit(1);
		}
	}
	path = found();
	if (path) {
		console.log(`ensure-browser: installed, using ${path}`);
		process.exit(0);
	}
}

console.error(`ensure-browser: no Chromium or Chrome found for the end-to-end tests.
Install one, then run the tests again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium
  macOS:          install Google Chrome, or: brew install --cask chromium
  any system:     npx playwright install chromium
Or point CHROMIUM_PATH at a Chromium or Chrome executable.`);
process.exit(1);
