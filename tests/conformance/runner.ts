/**
 * Runs one conformance case against a server over raw TCP and judges it strictly: exactly the
 * expected echoes and pongs, the expected close code from the expected side, no protocol violation by
 * the server, and then a clean TCP close started by the server (a FIN, not a reset; RFC 6455 §7.1.1).
 */

import { type CaseBody, type ConformanceCase, type ExpectedEvent, type Step, bodyOf } from './case-types';
import { RawClient, type ReceivedEvent } from './raw-client';

export interface CaseResult {
	readonly id: string;
	readonly description: string;
	readonly passed: boolean;
	readonly problems: readonly string[];
	readonly sentBytes: number;
	/** The first bytes sent, in hex, so a report shows what the case put on the wire. */
	readonly sentPreview: string;
	readonly expectation: string;
	readonly outcome: string;
	readonly ms: number;
}

const FIN_TIMEOUT_MS = 4000;

export async function runCase(port: number, c: ConformanceCase): Promise<CaseResult> {
	const started = performance.now();
	const body = bodyOf(c);
	const problems: string[] = [];
	const client = await RawClient.connect(port);
	let timedOut = false;
	const timer = new Promise<void>((resolve) =>
		setTimeout(() => {
			timedOut = true;
			resolve();
		}, c.timeoutMs ?? 5000)
	);
	await Promise.race([drive(client, body, problems), timer]);
	if (timedOut) problems.push(`the case did not finish within ${c.timeoutMs ?? 5000} ms`);
	client.destroy();
	judge(client, body, problems);
	const sent = client.sent.length ? client.sent[0] : new Uint8Array(0);
	const close = client.serverClose;
	return {
		id: c.id,
		description: c.description,
		passed: problems.length === 0,
		problems,
		sentBytes: client.sentBytes,
		sentPreview:
			[...sent.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ') +
			(client.sentBytes > 16 ? ' ...' : ''),
		expectation: `${summarize(body.expect.events)}; closed by ${body.expect.closedBy} with ${body.expect.codes.map((x) => x ?? 'no code').join('/')}`,
		outcome: `${summarize(eventsBeforeClose(client.events))}; ${close ? `close ${close.code ?? 'no code'} ${client.clientClosedFirst ? 'answering ours' : 'first'}` : 'no close'}; ${client.finAt !== null ? 'FIN' : (client.error ?? 'no FIN')}`,
		ms: Math.round(performance.now() - started)
	};
}

async function drive(client: RawClient, body: CaseBody, problems: string[]): Promise<void> {
	for (const [i, step] of body.steps.entries()) {
		// Like Autobahn's client, stop sending once the server has closed (its "if state == OPEN").
		if (client.serverClose || client.transportGone) break;
		await runStep(client, step, i, problems);
	}
	const expect = body.expect;
	if (expect.closedBy === 'client' && !client.clientSentClose) {
		// Autobahn closes once the expected events are in (or after a wait): so do we.
		await client.until(
			() =>
				eventsBeforeClose(client.events).length >= expect.events.length || !!client.serverClose || client.transportGone,
			3000
		);
		if (!client.serverClose && !client.transportGone) await client.sendClose(1000);
	}
	await client.until(() => client.transportGone, FIN_TIMEOUT_MS);
}

async function runStep(client: RawClient, step: Step, i: number, problems: string[]): Promise<void> {
	switch (step.kind) {
		case 'send':
			if (step.hasClose) client.noteClose();
			await client.write(step.bytes, step.chop);
			return;
		case 'expect-open':
			await new Promise((r) => setTimeout(r, step.ms));
			if (client.serverClose || client.transportGone)
				problems.push(`the server closed while the bytes so far were still valid (step ${i + 1})`);
			return;
		case 'expect-close':
			if (!(await client.until(() => !!client.serverClose || client.transportGone, step.ms)))
				problems.push(`not failed fast: no close frame within ${step.ms} ms of the invalid bytes (step ${i + 1})`);
			return;
		case 'expect-events':
			if (!(await client.until(() => client.events.length >= step.count, step.ms)))
				problems.push(`expected ${step.count} answer(s) within ${step.ms} ms, before the rest is sent (step ${i + 1})`);
			return;
		case 'round-trips':
			for (let k = 0; k < step.count; k++) {
				const n = client.events.length;
				await client.write(step.frame);
				if (!(await client.until(() => client.events.length > n, 5000))) {
					problems.push(`round trip ${k + 1} of ${step.count}: no echo within 5 s`);
					return;
				}
			}
	}
}

function judge(client: RawClient, body: CaseBody, problems: string[]): void {
	const { expect } = body;
	const before = eventsBeforeClose(client.events);
	if (!sameEvents(before, expect.events))
		problems.push(
			`events differ: expected ${summarize(expect.events)}, got ${summarize(before)}${firstDifference(before, expect.events)}`
		);
	const closeIndex = client.events.findIndex((e) => e.kind === 'close');
	if (closeIndex >= 0 && closeIndex < client.events.length - 1)
		problems.push(`the server sent ${client.events.length - 1 - closeIndex} frame(s) after its close frame`);
	const close = client.serverClose;
	if (!close) problems.push('the server sent no close frame');
	else {
		if (expect.closedBy === 'server' && client.clientClosedFirst)
			problems.push('the server should have failed the connection first, but only answered our close');
		if (expect.closedBy === 'client' && !client.clientClosedFirst)
			problems.push(`the server closed first (code ${close.code}) instead of answering our close`);
		if (!expect.codes.includes(close.code))
			problems.push(
				`close code ${close.code ?? '(none)'}, expected ${expect.codes.map((x) => x ?? '(none)').join(' or ')}`
			);
	}
	for (const v of client.serverViolations) problems.push(`the server broke the protocol: ${v}`);
	if (client.finAt === null)
		problems.push(
			client.error
				? `the TCP connection ended with ${client.error}, not a clean close`
				: 'the server did not close the TCP connection'
		);
	else if (client.error) problems.push(`TCP error after the FIN: ${client.error}`);
}

function eventsBeforeClose(events: readonly ReceivedEvent[]): ReceivedEvent[] {
	const i = events.findIndex((e) => e.kind === 'close');
	return i < 0 ? [...events] : events.slice(0, i);
}

function sameEvents(got: readonly ReceivedEvent[], want: readonly ExpectedEvent[]): boolean {
	return got.length === want.length && got.every((g, i) => sameEvent(g, want[i]));
}

function sameEvent(g: ReceivedEvent, w: ExpectedEvent): boolean {
	if (g.kind !== w.kind) return false;
	if (g.kind === 'message' && w.kind === 'message' && g.opcode !== w.opcode) return false;
	const a = 'data' in g ? g.data : new Uint8Array(0);
	return (
		a.length === w.data.length &&
		Buffer.compare(
			Buffer.from(a.buffer, a.byteOffset, a.length),
			Buffer.from(w.data.buffer, w.data.byteOffset, w.data.length)
		) === 0
	);
}

function firstDifference(got: readonly ReceivedEvent[], want: readonly ExpectedEvent[]): string {
	const i = got.findIndex((g, k) => k >= want.length || !sameEvent(g, want[k]));
	return i < 0 ? '' : ` (first difference at event ${i + 1})`;
}

function summarize(events: readonly (ReceivedEvent | ExpectedEvent)[]): string {
	if (events.length === 0) return 'nothing';
	const parts: string[] = [];
	for (const e of events) {
		const label =
			e.kind === 'message'
				? `${e.opcode === 1 ? 'text' : 'binary'}(${e.data.length})`
				: e.kind === 'close'
					? 'close'
					: `${e.kind}(${e.data.length})`;
		const last = parts[parts.length - 1];
		const m = last && /^(.*) x(\d+)$/.exec(last);
		if (m && m[1] === label) parts[parts.length - 1] = `${label} x${Number(m[2]) + 1}`;
		else if (last === label) parts[parts.length - 1] = `${label} x2`;
		else parts.push(label);
	}
	return parts.join(', ');
}

/** A table of results, one line per case, for the end of a run. */
export function report(title: string, results: readonly CaseResult[]): string {
	const passed = results.filter((r) => r.passed).length;
	const lines = [`${title}: ${passed}/${results.length} cases passed strictly`];
	for (const r of results) {
		lines.push(
			`  ${r.passed ? 'OK  ' : 'FAIL'} ${r.id.padEnd(8)} ${String(r.ms).padStart(5)} ms  sent ${String(r.sentBytes).padStart(9)} B [${r.sentPreview}]  expected ${r.expectation}`
		);
		if (!r.passed) {
			lines.push(`       got:      ${r.outcome}`);
			for (const p of r.problems) lines.push(`       - ${p}`);
		}
	}
	return lines.join('\n');
}
