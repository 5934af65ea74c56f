#!/usr/bin/env node
// Makes sure tshark (Wireshark's command-line reader) is there for the end-to-end tests that check
// saved .pcapng files dissect as WebSocket (npm run test:e2e runs this after ensure-browser.mjs).
// If it is missing and we are root on Debian/Ubuntu, installs Debian's `tshark` with apt-get;
// otherwise says how, and those checks are skipped. Never fails the run by itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const has = () => spawnSync('sh', ['-c', 'command -v tshark'], { stdio: 'ignore' }).status === 0;
const debianLike = () =>
	existsSync('/etc/os-release') && /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (has()) {
	console.log('ensure-tshark: using tshark');
} else if (process.platform === 'linux' && isRoot && debianLike()) {
	console.log("ensure-tshark: no tshark found; installing Debian's tshark package.");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		execFileSync('apt-get', ['install', '-y', '-q', 'tshark'], { stdio: 'inherit', env });
	} catch {
		// The package lists may be missing on a fresh machine: fetch them once, then try again.
		try {
			execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
			execFileSync('apt-get', ['install', '-y', '-q', 'tshark'], { stdio: 'inherit', env });
		} catch {
			console.error('ensure-tshark: apt-get could not install tshark; the Wireshark checks will be skipped.');
		}
	}
	if (has()) console.log('ensure-tshark: installed tshark');
} else {
	console.error(`ensure-tshark: no tshark found; the checks that Wireshark reads saved files will be skipped.
  Debian/Ubuntu:  sudo apt-get install -y tshark
  macOS:          brew install wireshark`);
}
