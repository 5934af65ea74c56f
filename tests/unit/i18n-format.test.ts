// Capture times as the decoder writes them: bigint nanoseconds (a double cannot hold today's
// nanoseconds) to seconds with a fixed number of decimals, and to an ISO time with all nine digits.
import { describe, expect, it } from 'vitest';
import { formatSeconds, isoNanos } from '$lib/i18n/format';

describe('capture times', () => {
	it('seconds, rounded to the digits asked for', () => {
		expect(formatSeconds(0n)).toBe('0.000000');
		expect(formatSeconds(1_234_567n)).toBe('0.001235');
		expect(formatSeconds(1_234_499n)).toBe('0.001234');
		expect(formatSeconds(12_000_000_000n, 3)).toBe('12.000');
		expect(formatSeconds(999_999_999n, 3)).toBe('1.000');
		expect(formatSeconds(-1_500_000n, 3)).toBe('-0.002');
		expect(formatSeconds(5_000_000_000n, 0)).toBe('5');
	});

	it('an ISO time that keeps every nanosecond', () => {
		expect(isoNanos(1_796_637_600_012_300_001n)).toBe('2026-12-07T10:00:00.012300001Z');
		expect(isoNanos(0n)).toBe('1970-01-01T00:00:00.000000000Z');
	});
});
