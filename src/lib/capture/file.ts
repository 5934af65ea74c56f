/**
 * Reading capture files: classic pcap (libpcap's format: microsecond or nanosecond timestamps, either
 * byte order) and pcapng (draft-ietf-opsawg-pcapng: several sections, each with its byte order and
 * its interfaces, Enhanced, Simple and obsolete Packet Blocks; every other block skipped by its
 * length). Bytes in, packets and issues out, as data: nothing here knows about a page or a word.
 *
 * A file that stops making sense keeps what was read before the fault: every packet up to it is
 * returned with an issue that says where and what went wrong (a truncated file, a block length that
 * points past the end). Reading never throws and never loops without consuming bytes.
 */

import { MAGIC, sniffCapture, type CaptureFormat } from './sniff';

export { sniffCapture, type CaptureFormat };

/** A link-layer header type (LINKTYPE_* of the tcpdump.org registry). */
export type LinkType = number;

export const LINKTYPE = {
	NULL: 0, // BSD loopback: a 4-byte address family in the capturing host's byte order
	ETHERNET: 1,
	RAW: 101, // raw IP, version from the first nibble
	LOOP: 108, // OpenBSD loopback: the family in network byte order
	LINUX_SLL: 113, // Linux cooked capture v1 (tcpdump -i any)
	IPV4: 228,
	IPV6: 229,
	LINUX_SLL2: 276 // Linux cooked capture v2
} as const;

export interface CaptureInterface {
	readonly linkType: LinkType;
	/** Longest packet the capture kept (0: no limit). */
	readonly snapLength: number;
	/** Units per second of this interface's timestamps (pcapng if_tsresol; 10^6 by default). */
	readonly unitsPerSecond: bigint;
	/** Seconds added to every timestamp (pcapng if_tsoffset). */
	readonly offsetSeconds: bigint;
	readonly name?: string;
}

export interface CapturedPacket {
	/** Position in the file, from 0, counting packets only. */
	readonly index: number;
	/** Index into CaptureFile.interfaces. */
	readonly interfaceId: number;
	/** Nanoseconds since 1970 (bigint: a double cannot hold nanoseconds of today); null when the block has none. */
	readonly time: bigint | null;
	/** Length of the packet on the wire. */
	readonly originalLength: number;
	/** The bytes captured: fewer than originalLength when the snapshot length cut the packet. */
	readonly data: Uint8Array;
	/** Byte offset of the packet's record or block in the file. */
	readonly fileOffset: number;
	/** pcapng opt_comment, when the block has one. */
	readonly comment?: string;
}

export type CaptureIssue =
	| { readonly code: 'too-short'; readonly offset: number; readonly params: { readonly length: number } }
	| { readonly code: 'unknown-magic'; readonly offset: number; readonly params: { readonly magic: number } }
	| {
			readonly code: 'truncated';
			readonly offset: number;
			readonly params: { readonly needed: number; readonly left: number };
	  }
	| { readonly code: 'bad-block-length'; readonly offset: number; readonly params: { readonly length: number } }
	| {
			readonly code: 'bad-trailing-length';
			readonly offset: number;
			readonly params: { readonly length: number; readonly trailing: number };
	  }
	| { readonly code: 'bad-byte-order-magic'; readonly offset: number; readonly params: { readonly magic: number } }
	| { readonly code: 'block-before-section'; readonly offset: number; readonly params: { readonly type: number } }
	| {
			readonly code: 'unknown-interface';
			readonly offset: number;
			readonly params: { readonly id: number; readonly count: number };
	  }
	| {
			readonly code: 'captured-past-block';
			readonly offset: number;
			readonly params: { readonly captured: number; readonly room: number };
	  }
	| {
			readonly code: 'record-too-large';
			readonly offset: number;
			readonly params: { readonly length: number; readonly limit: number };
	  };

export type CaptureIssueCode = CaptureIssue['code'];

export interface CaptureFile {
	readonly format: CaptureFormat | null;
	readonly interfaces: readonly CaptureInterface[];
	readonly packets: readonly CapturedPacket[];
	/** What went wrong, in file order; reading stops at the first fault that leaves nothing to trust after it. */
	readonly issues: readonly CaptureIssue[];
	/** How many sections a pcapng file has (1 for pcap). */
	readonly sections: number;
}

/** No record of a real capture is this large (libpcap refuses records over 256 KiB; we allow 16 MiB). */
const RECORD_LIMIT = 16 * 1024 * 1024;

const { PCAP_US, PCAP_NS, PCAPNG_SHB } = MAGIC;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Read a pcap or pcapng file. */
export function readCapture(bytes: Uint8Array, progress?: (done: number, total: number) => void): CaptureFile {
	const format = sniffCapture(bytes);
	const tick = ticker(bytes.length, progress);
	if (format === 'pcapng') return readPcapng(bytes, tick);
	if (format) return readPcap(bytes, tick);
	const issues: CaptureIssue[] =
		bytes.length < 4
			? [{ code: 'too-short', offset: 0, params: { length: bytes.length } }]
			: [
					{
						code: 'unknown-magic',
						offset: 0,
						params: { magic: new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, false) }
					}
				];
	return { format: null, interfaces: [], packets: [], issues, sections: 0 };
}

/** Reports progress every PROGRESS_STEP bytes read: a 100 MB file says how far it is. */
const PROGRESS_STEP = 4 * 1024 * 1024;

function ticker(total: number, progress?: (done: number, total: number) => void): (at: number) => void {
	if (!progress) return () => {};
	let next = PROGRESS_STEP;
	return (at) => {
		if (at < next) return;
		next = at + PROGRESS_STEP;
		progress(at, total);
	};
}

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// ---- classic pcap -------------------------------------------------------------------------------

/** libpcap's format: a 24-byte file header, then a 16-byte header before each packet. */
function readPcap(bytes: Uint8Array, tick: (at: number) => void): CaptureFile {
	const v = view(bytes);
	const issues: CaptureIssue[] = [];
	const packets: CapturedPacket[] = [];
	const magicBE = v.getUint32(0, false);
	const little = magicBE !== PCAP_US && magicBE !== PCAP_NS;
	const ns = (little ? v.getUint32(0, true) : magicBE) === PCAP_NS;
	const format: CaptureFormat = ns ? 'pcap-ns' : 'pcap';
	if (bytes.length < 24) {
		issues.push({ code: 'truncated', offset: 0, params: { needed: 24, left: bytes.length } });
		return { format, interfaces: [], packets, issues, sections: 1 };
	}
	// The link type is the low 16 bits; the upper bits may carry FCS information (pcap-savefile(5)).
	const linkType = v.getUint32(20, little) & 0xffff;
	const snapLength = v.getUint32(16, little);
	const iface: CaptureInterface = {
		linkType,
		snapLength,
		unitsPerSecond: ns ? 1_000_000_000n : 1_000_000n,
		offsetSeconds: BigInt(v.getInt32(8, little)) // thiszone: 0 in practice
	};
	let at = 24;
	while (at < bytes.length) {
		if (bytes.length - at < 16) {
			issues.push({ code: 'truncated', offset: at, params: { needed: 16, left: bytes.length - at } });
			break;
		}
		const sec = v.getUint32(at, little);
		const frac = v.getUint32(at + 4, little);
		const captured = v.getUint32(at + 8, little);
		const original = v.getUint32(at + 12, little);
		if (captured > RECORD_LIMIT) {
			issues.push({ code: 'record-too-large', offset: at, params: { length: captured, limit: RECORD_LIMIT } });
			break;
		}
		const start = at + 16;
		const left = bytes.length - start;
		const time = timeOf(iface, BigInt(sec) * iface.unitsPerSecond + BigInt(frac));
		if (captured > left) {
			// The file ends inside this packet (a capture cut short): keep what there is, marked as cut.
			issues.push({ code: 'truncated', offset: at, params: { needed: captured, left } });
			packets.push({
				index: packets.length,
				interfaceId: 0,
				time,
				originalLength: Math.max(original, captured),
				data: bytes.subarray(start),
				fileOffset: at
			});
			break;
		}
		packets.push({
			index: packets.length,
			interfaceId: 0,
			time,
			originalLength: Math.max(original, captured),
			data: bytes.subarray(start, start + captured),
			fileOffset: at
		});
		at = start + captured;
		tick(at);
	}
	return { format, interfaces: [iface], packets, issues, sections: 1 };
}

// ---- pcapng -------------------------------------------------------------------------------------

const BLOCK = { SHB: PCAPNG_SHB, IDB: 1, OPB: 2, SPB: 3, EPB: 6 } as const;
const OPT = { END: 0, COMMENT: 1, IF_NAME: 2, IF_TSRESOL: 9, IF_TSOFFSET: 14 } as const;

function readPcapng(bytes: Uint8Array, tick: (at: number) => void): CaptureFile {
	const v = view(bytes);
	const issues: CaptureIssue[] = [];
	const packets: CapturedPacket[] = [];
	const interfaces: CaptureInterface[] = [];
	/** Interfaces of the current section: their ids restart at 0 in each section. */
	let sectionInterfaces: number[] = [];
	let little: boolean | null = null;
	let sections = 0;
	let at = 0;
	while (at < bytes.length) {
		if (bytes.length - at < 12) {
			issues.push({ code: 'truncated', offset: at, params: { needed: 12, left: bytes.length - at } });
			break;
		}
		const typeBE = v.getUint32(at, false);
		if (typeBE === BLOCK.SHB) {
			// The byte-order magic, after the type and the length, says how to read the whole section.
			const magicLE = v.getUint32(at + 8, true);
			const magicBE = v.getUint32(at + 8, false);
			if (magicLE !== BYTE_ORDER_MAGIC && magicBE !== BYTE_ORDER_MAGIC) {
				issues.push({ code: 'bad-byte-order-magic', offset: at + 8, params: { magic: magicBE } });
				break;
			}
			little = magicLE === BYTE_ORDER_MAGIC;
			sections++;
			sectionInterfaces = [];
		} else if (little === null) {
			issues.push({ code: 'block-before-section', offset: at, params: { type: typeBE } });
			break;
		}
		const type = v.getUint32(at, little);
		const length = v.getUint32(at + 4, little);
		if (length < 12 || length % 4 !== 0) {
			issues.push({ code: 'bad-block-length', offset: at + 4, params: { length } });
			break;
		}
		if (length > bytes.length - at) {
			issues.push({ code: 'truncated', offset: at, params: { needed: length, left: bytes.length - at } });
			// An Enhanced Packet Block cut by the end of the file still holds a useful start: keep it.
			if (type === BLOCK.EPB) readEpb(at, bytes.length - at, true);
			break;
		}
		const trailing = v.getUint32(at + length - 4, little);
		if (trailing !== length) {
			issues.push({ code: 'bad-trailing-length', offset: at + length - 4, params: { length, trailing } });
			break;
		}
		const body = at + 8;
		const bodyEnd = at + length - 4;
		if (type === BLOCK.IDB && bodyEnd - body >= 8) {
			const options = readOptions(bytes, body + 8, bodyEnd, little);
			interfaces.push({
				linkType: v.getUint16(body, little),
				snapLength: v.getUint32(body + 4, little),
				unitsPerSecond: tsResolution(options.get(OPT.IF_TSRESOL)),
				offsetSeconds:
					options.has(OPT.IF_TSOFFSET) && options.get(OPT.IF_TSOFFSET)!.length === 8
						? view(options.get(OPT.IF_TSOFFSET)!).getBigInt64(0, little)
						: 0n,
				...(options.has(OPT.IF_NAME) ? { name: utf8(options.get(OPT.IF_NAME)!) } : {})
			});
			sectionInterfaces.push(interfaces.length - 1);
		} else if (type === BLOCK.EPB) readEpb(at, length, false);
		else if (type === BLOCK.SPB && bodyEnd - body >= 4) {
			const id = sectionInterfaces[0];
			if (id === undefined) issues.push({ code: 'unknown-interface', offset: body, params: { id: 0, count: 0 } });
			else {
				const original = v.getUint32(body, little);
				const room = bodyEnd - (body + 4);
				const snap = interfaces[id].snapLength;
				const captured = Math.min(original, room, snap > 0 ? snap : Infinity);
				packets.push({
					index: packets.length,
					interfaceId: id,
					time: null, // a Simple Packet Block has no timestamp
					originalLength: original,
					data: bytes.subarray(body + 4, body + 4 + captured),
					fileOffset: at
				});
			}
		} else if (type === BLOCK.OPB && bodyEnd - body >= 20) {
			// The obsolete Packet Block: a 16-bit interface id and a drops count, then as in an EPB.
			readPacket(at, body, bodyEnd, v.getUint16(body, little), body + 4, false);
		}
		at += length;
		tick(at);
	}
	return { format: 'pcapng', interfaces, packets, issues, sections };

	function readEpb(blockAt: number, length: number, cut: boolean): void {
		const body = blockAt + 8;
		const bodyEnd = cut ? blockAt + length : blockAt + length - 4;
		if (bodyEnd - body < 20) return;
		readPacket(blockAt, body, bodyEnd, v.getUint32(body, little!), body + 4, cut);
	}

	/** The part EPB and OPB share: timestamp high and low, captured and original lengths, data, options. */
	function readPacket(blockAt: number, body: number, bodyEnd: number, id: number, ts: number, cut: boolean): void {
		const le = little!;
		const iface = sectionInterfaces[id];
		if (iface === undefined) {
			issues.push({ code: 'unknown-interface', offset: body, params: { id, count: sectionInterfaces.length } });
			return;
		}
		const units = (BigInt(v.getUint32(ts, le)) << 32n) | BigInt(v.getUint32(ts + 4, le));
		const captured = v.getUint32(ts + 8, le);
		const original = v.getUint32(ts + 12, le);
		const dataAt = ts + 16;
		const room = bodyEnd - dataAt;
		if (captured > room && !cut) {
			issues.push({ code: 'captured-past-block', offset: ts + 8, params: { captured, room } });
		}
		const end = dataAt + Math.min(captured, room);
		const comment = cut ? undefined : readOptions(bytes, dataAt + pad4(captured), bodyEnd, le).get(OPT.COMMENT);
		packets.push({
			index: packets.length,
			interfaceId: iface,
			time: timeOf(interfaces[iface], units),
			originalLength: Math.max(original, captured),
			data: bytes.subarray(dataAt, end),
			fileOffset: blockAt,
			...(comment ? { comment: utf8(comment) } : {})
		});
	}
}

/** Options (code, length, value padded to 32 bits) up to opt_endofopt or the end; the first of each code. */
function readOptions(bytes: Uint8Array, from: number, end: number, little: boolean): Map<number, Uint8Array> {
	const out = new Map<number, Uint8Array>();
	const v = view(bytes);
	let at = from;
	while (at + 4 <= end) {
		const code = v.getUint16(at, little);
		const length = v.getUint16(at + 2, little);
		if (code === OPT.END) break;
		const value = at + 4;
		if (value + length > end) break; // an option that overruns its block: ignore it and the rest
		if (!out.has(code)) out.set(code, bytes.subarray(value, value + length));
		at = value + pad4(length);
	}
	return out;
}

/** if_tsresol: the high bit chooses a power of 2, otherwise of 10; the rest is the negative exponent. */
function tsResolution(value: Uint8Array | undefined): bigint {
	if (!value || value.length < 1) return 1_000_000n;
	const exponent = BigInt(value[0] & 0x7f);
	const units = value[0] & 0x80 ? 1n << exponent : 10n ** exponent;
	// An exponent beyond what a 64-bit timestamp can use would divide by zero-width units: keep a sane default.
	return units > 0n && exponent <= 63n ? units : 1_000_000n;
}

/** A timestamp in `iface`'s units as nanoseconds since 1970. */
function timeOf(iface: CaptureInterface, units: bigint): bigint {
	const perSecond = iface.unitsPerSecond;
	const seconds = units / perSecond;
	const rest = units % perSecond;
	return (seconds + iface.offsetSeconds) * 1_000_000_000n + (rest * 1_000_000_000n) / perSecond;
}

/** n rounded up to a multiple of 4 (not with bit operations: lengths reach 2^32 - 1). */
function pad4(n: number): number {
	return Math.ceil(n / 4) * 4;
}

function utf8(bytes: Uint8Array): string {
	return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\0+$/, '');
}
