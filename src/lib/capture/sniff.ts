/**
 * What a file is from its first bytes (a capture and which format, a HAR): small on its own, so that
 * the decoder page can tell a capture from other bytes before it loads the readers.
 */

export type CaptureFormat = 'pcap' | 'pcap-ns' | 'pcapng';

/** Magic numbers (pcap-savefile(5); the pcapng draft §4.1: the Section Header Block's type). */
export const MAGIC = {
	PCAP_US: 0xa1b2c3d4,
	PCAP_NS: 0xa1b23c4d,
	PCAPNG_SHB: 0x0a0d0d0a
} as const;

/** Which format `bytes` start with, or null. */
export function sniffCapture(bytes: Uint8Array): CaptureFormat | null {
	if (bytes.length < 4) return null;
	const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const be = v.getUint32(0, false);
	const le = v.getUint32(0, true);
	if (be === MAGIC.PCAPNG_SHB) return 'pcapng';
	if (be === MAGIC.PCAP_US || le === MAGIC.PCAP_US) return 'pcap';
	if (be === MAGIC.PCAP_NS || le === MAGIC.PCAP_NS) return 'pcap-ns';
	return null;
}

/** A text that looks like a HAR (JSON with a log), from its first characters. */
export function sniffHar(start: string): boolean {
	return /^\s*\{[\s\S]*"log"\s*:/.test(start.slice(0, 4096));
}

/** What a file is, from its first bytes (4 KiB is plenty): a capture, a HAR, or neither. */
export function sniffFile(start: Uint8Array): 'capture' | 'har' | null {
	if (sniffCapture(start)) return 'capture';
	return sniffHar(new TextDecoder('utf-8', { fatal: false }).decode(start.subarray(0, 4096))) ? 'har' : null;
}
