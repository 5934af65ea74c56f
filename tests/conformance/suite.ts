/**
 * One vitest test per conformance case, against a fresh echo server on a free port, with a table of
 * every case printed at the end of the file's run.
 */

import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEchoServer, type EchoServer } from '../../server/echo-server';
import type { ConformanceCase } from './case-types';
import { report, runCase, type CaseResult } from './runner';

export function conformanceSuite(title: string, cases: readonly ConformanceCase[]): void {
	let server: EchoServer;
	const results: CaseResult[] = [];
	beforeAll(async () => {
		server = await startEchoServer({ port: 0 });
	});
	afterAll(async () => {
		console.log(report(title, results));
		await server?.close();
	});
	for (const c of cases) {
		test(
			`${c.id} ${c.description}`,
			async () => {
				const r = await runCase(server.port, c);
				results.push(r);
				expect(r.problems, `${c.id}: ${r.outcome}`).toEqual([]);
			},
			(c.timeoutMs ?? 5000) + 10_000
		);
	}
}
