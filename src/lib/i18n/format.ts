// Numbers and bytes as each language writes them. One formatter each: toLocaleString builds a new
// one per call, and a byte map labels every byte.
import type { Lang } from './lang';

const formats: Record<Lang, Intl.NumberFormat> = {
	en: new Intl.NumberFormat('en-US'),
	ko: new Intl.NumberFormat('ko-KR')
};

/** 1234567 → "1,234,567" (both languages group by thousands). */
export function formatNumber(lang: Lang, v: number): string {
	return formats[lang].format(v);
}

/** A byte as two hex digits: 0x0a → "0a". */
export function hex2(b: number): string {
	return b.toString(16).padStart(2, '0');
}

/**
 * Nanoseconds as seconds with `digits` decimals, from bigint (a capture's timestamps are too
 * precise for a double): 1_234_567n → "0.001235" with 6 digits.
 */
export function formatSeconds(ns: bigint, digits = 6): string {
	const negative = ns < 0n;
	const abs = negative ? -ns : ns;
	const scale = 10n ** BigInt(9 - digits);
	const rounded = (abs + scale / 2n) / scale;
	const unit = 10n ** BigInt(digits);
	const whole = rounded / unit;
	const fraction = (rounded % unit).toString().padStart(digits, '0');
	return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/** Nanoseconds since 1970 as an ISO 8601 UTC time with all nine digits: "2026-12-07T10:00:00.012300000Z". */
export function isoNanos(ns: bigint): string {
	const ms = ns / 1_000_000n;
	const whole = new Date(Number(ms)).toISOString().slice(0, 19);
	const fraction = (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0');
	return `${whole}.${fraction}Z`;
}
