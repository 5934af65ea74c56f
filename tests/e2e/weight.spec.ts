// Page weight on the built site the other specs run against (npm run weight): no page makes a
// reader download and parse more than 100 KB of gzipped JavaScript before it works. A page that
// needs more loads it beside itself with import() (the decoder's results, the simulator's engine).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from './helpers';

const BUDGET_KB = 100;

// eslint-disable-next-line no-empty-pattern -- Playwright's fixtures are the first argument
test('every page loads at most 100 KB of gzipped JavaScript before it runs', async ({}, info) => {
	test.skip(info.project.name !== 'desktop', 'the build is the same for every viewport');
	test.skip(!!process.env.E2E_BASE_URL || !existsSync('build/index.html'), 'needs the local build');
	const rows: { page: string; js: number }[] = JSON.parse(
		execFileSync(process.execPath, ['scripts/page-weight.mjs', 'build', '--json'], { encoding: 'utf8' })
	);
	// Every prerendered page is counted, in both languages (a script that found none would pass).
	expect(rows.map((r) => r.page)).toEqual(
		expect.arrayContaining(['/', '/ko/', '/decode/', '/ko/simulate/', '/embed/decode/'])
	);
	expect(rows.every((r) => r.js > 20_000)).toBe(true);
	const over = rows.filter((r) => r.js > BUDGET_KB * 1000).map((r) => `${r.page} ${(r.js / 1000).toFixed(1)} KB`);
	expect(over, `pages over ${BUDGET_KB} KB`).toEqual([]);
});
