// Fuzzing the decoder page's pipeline: 100,000 random byte strings through the stream analysis and
// 100,000 random texts through the input parser and the analysis. Nothing may throw or hang, and
// every run ends in frames or a located error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInput } from '$lib/hex';
import { analyzeStream } from '$lib/decode/analyze';
import { decodeInput } from '$lib/decode/input';
import { parseIssueText } from '$lib/i18n/parse';
import type { StreamAnalysis } from '$lib/decode/types';

const RUNS = 100_000;
// A hang fails these tests through their timeout; how fast each input goes is measured by
// scripts/bench-decode.ts, not asserted here (timings on a shared machine are not behaviour).

/** Plain checks in the hot loop: `expect` is too slow to call millions of times. */
function check(ok: boolean, what: string): void {
	if (!ok) throw new Error(what);
}

/** The promises the page relies on for any analysis of `n` bytes. */
function checkAnalysis(a: StreamAnalysis, n: number): void {
	if (n === 0) return check(a.frames.length === 0, 'no bytes, no frames');
	// An opening handshake the bytes start with comes first, head after head from byte 0.
	let next = 0;
	for (const h of a.handshake) {
		check(h.start === next && h.end > h.start, 'handshake heads follow each other from the start');
		next = h.end;
	}
	if (a.issues.some((i) => i.code === 'INCOMPLETE_HTTP_HEAD'))
		return check(a.frames.length === 0, 'nothing framed after a cut head');
	// Any byte after the handshake starts a frame, so there is at least one (possibly incomplete) frame.
	if (next < n) check(a.frames.length > 0, 'at least one frame');
	for (const f of a.frames) {
		// Frames follow each other without gaps or overlaps.
		check(f.offset === next, `frame ${f.index} starts at ${f.offset}, expected ${next}`);
		check(f.wire.length <= f.size, `frame ${f.index} has more bytes than its size`);
		if (f.complete) check(f.wire.length === f.size, `complete frame ${f.index} has all its bytes`);
		else if (!f.fatal)
			check(
				f.issues.some((i) => i.code === 'INCOMPLETE_FRAME'),
				`frame ${f.index} is incomplete and says so`
			);
		next = f.offset + f.wire.length;
	}
	check(next === a.analysedBytes, 'frames end where the analysis ends');
	if (a.analysedBytes < n)
		check(
			a.issues.some((i) => i.code === 'UNFRAMED_BYTES' || i.code === 'NOT_ANALYSED'),
			'bytes left over are reported'
		);
	// Every issue is placed inside the input, with its RFC section.
	for (const i of a.issues) {
		check(i.start >= 0 && i.end > i.start && i.end <= n, `${i.code} at [${i.start}, ${i.end}) is inside ${n} bytes`);
		check(/^RFC \d+ §[\d.]+$/.test(i.rfc), `${i.code} cites a section`);
	}
	for (const m of a.messages)
		for (const fi of m.frames) check(a.frames[fi].message === m.index, 'frames point to their message');
}

function timed<T>(fn: () => T, worst: { ms: number }): T {
	const t0 = performance.now();
	const out = fn();
	worst.ms = Math.max(worst.ms, performance.now() - t0);
	return out;
}

describe('decoder fuzz', () => {
	it(`${RUNS.toLocaleString()} random byte strings: frames or located errors, never a throw`, () => {
		const worst = { ms: 0 };
		// Biased towards headers that mean something: real opcodes, the length escapes 126 and 127.
		const byte = fc.oneof(
			fc.integer({ min: 0, max: 255 }),
			fc.constantFrom(
				0x00,
				0x01,
				0x02,
				0x08,
				0x09,
				0x0a,
				0x80,
				0x81,
				0x82,
				0x88,
				0x89,
				0x8a,
				0x7e,
				0x7f,
				0xfe,
				0xff,
				0xc1,
				0xc2,
				0x41
			)
		);
		const roles = fc.constantFrom('auto', 'client', 'server') as fc.Arbitrary<'auto' | 'client' | 'server'>;
		// permessage-deflate too: random bytes behind RSV1 are random DEFLATE data to inflate.
		const deflates = fc.constantFrom('auto', 'off') as fc.Arbitrary<'auto' | 'off'>;
		fc.assert(
			fc.property(fc.array(byte, { maxLength: 48 }), roles, deflates, (arr, role, deflate) => {
				const bytes = Uint8Array.from(arr);
				const a = timed(() => analyzeStream(bytes, { role, deflate }), worst);
				checkAnalysis(a, bytes.length);
			}),
			{ numRuns: RUNS }
		);
	}, 300_000);

	it('20,000 random streams that start with an opening handshake, whole or cut', () => {
		const enc = (t: string) => new TextEncoder().encode(t);
		const request = enc(
			'GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
		);
		const response = enc(
			'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n'
		);
		const both = new Uint8Array([...request, ...response]);
		const heads = fc.oneof(
			fc.constant(request),
			fc.constant(response),
			fc.constant(both),
			fc.nat({ max: both.length }).map((cut) => both.subarray(0, cut))
		);
		fc.assert(
			fc.property(
				heads,
				fc.uint8Array({ maxLength: 40 }),
				fc.constantFrom('auto', 'on', 'off') as fc.Arbitrary<'auto' | 'on' | 'off'>,
				(head, rest, deflate) => {
					const bytes = new Uint8Array([...head, ...rest]);
					checkAnalysis(analyzeStream(bytes, { deflate }), bytes.length);
				}
			),
			{ numRuns: 20_000 }
		);
	}, 300_000);

	it(`${RUNS.toLocaleString()} random texts: bytes or a located parse error, then an analysis`, () => {
		const worst = { ms: 0 };
		const token = fc.constantFrom(
			'81',
			'05',
			'7e',
			'7f',
			'ff',
			'00',
			'8',
			'a',
			' ',
			'  ',
			':',
			'-',
			',',
			'\n',
			'\r\n',
			'\t',
			'0x',
			'0X81',
			'\\x',
			'\\x8',
			'\\n',
			'"',
			"'",
			'{',
			'}',
			'[',
			']',
			';',
			'/*',
			'*/',
			'//',
			'0000',
			'0000   ',
			'00000010: ',
			'|',
			'..Hello',
			'=',
			'==',
			'gQVI',
			'ZWxsbw',
			'+',
			'/',
			'Frame (7 bytes):',
			'unsigned char a[] = ',
			'é',
			'💥',
			'\u00a0',
			'\u200b'
		);
		const text = fc.oneof(
			fc.string({ maxLength: 64 }),
			fc.string({ unit: 'binary', maxLength: 32 }),
			fc.array(token, { maxLength: 24 }).map((t) => t.join(''))
		);
		const choice = fc.constantFrom(
			'auto',
			'auto',
			'hex',
			'hex-0x',
			'c-array',
			'escape-x',
			'xxd',
			'wireshark',
			'base64'
		) as fc.Arbitrary<Parameters<typeof parseInput>[1]>;
		fc.assert(
			fc.property(text, choice, (t, format) => {
				const out = timed(() => decodeInput({ text: t, format: format ?? 'auto', role: 'auto' }), worst);
				const p = out.parse;
				if (p.ok) {
					check(p.bytes.length > 0 && out.analysis !== null, 'bytes read are analysed');
					checkAnalysis(out.analysis!, p.bytes.length);
				} else {
					// A located error: a range inside the text, a line and a column, a sentence.
					const e = p.error;
					check(
						e.start >= 0 && e.end >= e.start && e.end <= t.length,
						`${e.code} at [${e.start}, ${e.end}) is inside the text`
					);
					check(
						e.line >= 1 && e.column >= 1 && parseIssueText(e, 'en').length > 0,
						`${e.code} has a line, a column and a sentence`
					);
					if (out.analysis) checkAnalysis(out.analysis, out.analysis.bytes.length);
				}
			}),
			{ numRuns: RUNS }
		);
	}, 300_000);

	it('large adversarial inputs finish: a megabyte of zeros, of random bytes, of length escapes', () => {
		const mib = 1024 * 1024;
		const random = new Uint8Array(mib);
		for (let i = 0, x = 2463534242; i < mib; i++) {
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
			random[i] = x & 0xff;
		}
		const inputs = {
			zeros: new Uint8Array(mib),
			random,
			escapes: new Uint8Array(mib).map((_, i) => (i % 2 ? 0x7e : 0x81))
		};
		for (const bytes of Object.values(inputs)) checkAnalysis(analyzeStream(bytes), bytes.length);
		// 1 MiB of zeros is 524,288 empty continuation frames: the page stops at its limit and says so.
		const zeros = analyzeStream(inputs.zeros);
		expect(zeros.frames).toHaveLength(20_000);
		expect(zeros.issues.at(-1)?.code).toBe('NOT_ANALYSED');
	}, 60_000);
});
