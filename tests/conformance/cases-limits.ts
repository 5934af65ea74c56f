/**
 * Autobahn|Testsuite families 9 (large messages and fragments, up to 16 MiB) and 10 (10.1.1,
 * auto-fragmentation), after case9_1_1.py ... case9_7_X.py and case10_1_1.py. The sizes are
 * Autobahn's; 9.7/9.8 keep their 1000 round trips per size (pass a smaller `roundTrips` to scale down).
 */

import { type ConformanceCase, echoOf, fragmented, frame, normalClose, repeat, send, sendChopped } from './case-types';

const KiB = 1024;
const MiB = 1024 * KiB;
const size = (n: number) => (n >= MiB ? `${n / MiB} MiB` : n >= KiB ? `${n / KiB} KiB` : `${n} B`);
const TEXT = 'BAsd7&jh23';
const BINARY = new Uint8Array([0x00, 0xfe, 0x23, 0xfa, 0xf0]);

export function limitCases(roundTrips = 1000): ConformanceCase[] {
	const out: ConformanceCase[] = [];
	const payload = (opcode: 1 | 2, n: number) => (opcode === 1 ? repeat(TEXT, n) : repeat(BINARY, n));
	for (const [opcode, kind, a, b, c, d] of [
		[1, 'text', 1, 3, 5, 7],
		[2, 'binary', 2, 4, 6, 8]
	] as const) {
		[64 * KiB, 256 * KiB, MiB, 4 * MiB, 8 * MiB, 16 * MiB].forEach((n, i) =>
			out.push({
				id: `9.${a}.${i + 1}`,
				description: `Send a ${kind} message of ${size(n)} in one frame.`,
				timeoutMs: 30_000,
				build: () => {
					const data = payload(opcode, n);
					return { steps: [send(frame(opcode, data))], expect: normalClose([echoOf(opcode, data)]) };
				}
			})
		);
		[64, 256, KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, MiB, 4 * MiB].forEach((f, i) =>
			out.push({
				id: `9.${b}.${i + 1}`,
				description: `Send a fragmented ${kind} message of 4 MiB in fragments of ${size(f)}.`,
				timeoutMs: 30_000,
				build: () => {
					const data = payload(opcode, 4 * MiB);
					return { steps: [send(...fragmented(opcode, data, f))], expect: normalClose([echoOf(opcode, data)]) };
				}
			})
		);
		[64, 128, 256, 512, 1024, 2048].forEach((chop, i) =>
			out.push({
				id: `9.${c}.${i + 1}`,
				description: `Send a ${kind} message of 1 MiB in chops of ${chop} octets.`,
				timeoutMs: 30_000,
				build: () => {
					const data = payload(opcode, MiB);
					return { steps: sendChopped(chop, frame(opcode, data)), expect: normalClose([echoOf(opcode, data)]) };
				}
			})
		);
		[0, 16, 64, 256, KiB, 4 * KiB].forEach((n, i) =>
			out.push({
				id: `9.${d}.${i + 1}`,
				description: `Send ${roundTrips} ${kind} messages of ${size(n)}, each after the previous echo (round trips).`,
				timeoutMs: 30_000,
				build: () => {
					const data = payload(opcode, n);
					return {
						steps: [{ kind: 'round-trips', frame: frame(opcode, data), count: roundTrips }],
						expect: normalClose(Array.from({ length: roundTrips }, () => echoOf(opcode, data)))
					};
				}
			})
		);
	}
	out.sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true }));
	out.push({
		id: '10.1.1',
		description: 'Send a text message of 64 KiB auto-fragmented into frames of 1300 octets.',
		timeoutMs: 10_000,
		build: () => {
			const data = repeat('*', 64 * KiB);
			return { steps: [send(...fragmented(1, data, 1300))], expect: normalClose([echoOf(1, data)]) };
		}
	});
	return out;
}
