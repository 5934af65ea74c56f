/**
 * From a captured packet to its TCP segment: the link layer (Ethernet with VLAN tags, Linux cooked
 * captures v1 and v2, raw IP, BSD and OpenBSD loopback), IPv4 (RFC 791) or IPv6 with its extension
 * headers (RFC 8200 §4), then the TCP header (RFC 9293 §3.1). Anything that is not TCP over IP comes
 * back as a reason to skip it, as data. Never throws: every length is checked against what was
 * captured, and a packet cut by the snapshot length says how much of its payload is missing.
 */
import { LINKTYPE, type LinkType } from './file';

export interface TcpSegment {
	readonly ipVersion: 4 | 6;
	/** Addresses as text: 192.0.2.1, or 2001:db8::1 (RFC 5952's compressed form). */
	readonly src: string;
	readonly dst: string;
	readonly srcPort: number;
	readonly dstPort: number;
	readonly seq: number;
	readonly ack: number;
	readonly flags: TcpFlags;
	readonly window: number;
	/** The payload bytes that were captured. */
	readonly payload: Uint8Array;
	/** Payload bytes the IP header says the segment carried but the capture did not keep (snaplen). */
	readonly missing: number;
}

export interface TcpFlags {
	readonly syn: boolean;
	readonly ack: boolean;
	readonly fin: boolean;
	readonly rst: boolean;
	readonly psh: boolean;
}

export type SkipReason =
	| { readonly reason: 'link-type'; readonly linkType: LinkType }
	| { readonly reason: 'not-ip'; readonly etherType: number }
	| { readonly reason: 'not-tcp'; readonly protocol: number }
	| { readonly reason: 'ip-fragment' }
	| { readonly reason: 'truncated'; readonly layer: 'link' | 'ip' | 'tcp' }
	| { readonly reason: 'bad-header'; readonly layer: 'ip' | 'tcp' };

export type PacketReading = { readonly ok: true; readonly segment: TcpSegment } | ({ readonly ok: false } & SkipReason);

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
const PROTO_TCP = 6;

/** The TCP segment in `data` (as captured, `originalLength` long on the wire) of a `linkType` link. */
export function readPacket(linkType: LinkType, data: Uint8Array, originalLength = data.length): PacketReading {
	const missing = Math.max(0, originalLength - data.length);
	const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
	const ip = (at: number, etherType: number): PacketReading => {
		if (etherType === ETHERTYPE_IPV4) return readIpv4(data, at, missing);
		if (etherType === ETHERTYPE_IPV6) return readIpv6(data, at, missing);
		return { ok: false, reason: 'not-ip', etherType };
	};
	switch (linkType) {
		case LINKTYPE.ETHERNET: {
			if (data.length < 14) return { ok: false, reason: 'truncated', layer: 'link' };
			let at = 12;
			let type = v.getUint16(at);
			// 802.1Q and 802.1ad tags, stacked (QinQ): 4 bytes each, the real type after them.
			while (VLAN_TAGS.has(type)) {
				if (data.length < at + 6) return { ok: false, reason: 'truncated', layer: 'link' };
				at += 4;
				type = v.getUint16(at);
			}
			return ip(at + 2, type);
		}
		case LINKTYPE.LINUX_SLL: // 16 bytes, the protocol type last
			if (data.length < 16) return { ok: false, reason: 'truncated', layer: 'link' };
			return ip(16, v.getUint16(14));
		case LINKTYPE.LINUX_SLL2: // 20 bytes, the protocol type first
			if (data.length < 20) return { ok: false, reason: 'truncated', layer: 'link' };
			return ip(20, v.getUint16(0));
		case LINKTYPE.RAW:
		case 12: // LINKTYPE_RAW on OpenBSD-derived files (DLT_RAW's other number)
		case 14:
			return rawIp(data, 0, missing);
		case LINKTYPE.IPV4:
			return readIpv4(data, 0, missing);
		case LINKTYPE.IPV6:
			return readIpv6(data, 0, missing);
		case LINKTYPE.NULL:
		case LINKTYPE.LOOP: {
			if (data.length < 4) return { ok: false, reason: 'truncated', layer: 'link' };
			// NULL: the family in the capturing host's byte order, which the file does not say; both are
			// tried (the values are small). LOOP: network byte order. IPv6 is 24, 28 or 30 by system.
			const family = linkType === LINKTYPE.LOOP ? v.getUint32(0) : Math.min(v.getUint32(0, true), v.getUint32(0));
			if (family === 2) return readIpv4(data, 4, missing);
			if (family === 24 || family === 28 || family === 30) return readIpv6(data, 4, missing);
			return { ok: false, reason: 'not-ip', etherType: family };
		}
		default:
			return { ok: false, reason: 'link-type', linkType };
	}
}

function rawIp(data: Uint8Array, at: number, missing: number): PacketReading {
	if (data.length <= at) return { ok: false, reason: 'truncated', layer: 'ip' };
	const version = data[at] >> 4;
	if (version === 4) return readIpv4(data, at, missing);
	if (version === 6) return readIpv6(data, at, missing);
	return { ok: false, reason: 'bad-header', layer: 'ip' };
}

function readIpv4(data: Uint8Array, at: number, missing: number): PacketReading {
	if (data.length < at + 20) return { ok: false, reason: 'truncated', layer: 'ip' };
	const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
	const ihl = (data[at] & 0x0f) * 4;
	if (data[at] >> 4 !== 4 || ihl < 20) return { ok: false, reason: 'bad-header', layer: 'ip' };
	const total = v.getUint16(at + 2);
	// More fragments, or an offset: TCP in IP fragments is rare and not reassembled here.
	if ((v.getUint16(at + 6) & 0x3fff) !== 0) return { ok: false, reason: 'ip-fragment' };
	const protocol = data[at + 9];
	if (protocol !== PROTO_TCP) return { ok: false, reason: 'not-tcp', protocol };
	// TCP segmentation offload writes 0 as the total length of large captured segments: trust the capture then.
	const end = total >= ihl ? at + total : data.length + missing;
	return readTcp(data, at + ihl, end, 4, ipv4Text(data, at + 12), ipv4Text(data, at + 16));
}

// IPv6 extension headers that may come before TCP (RFC 8200 §4.1), besides the fragment header.
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTH = 51; // RFC 4302: its length counts 32-bit words, minus 2
const DEST_OPTS = 60;
const MOBILITY = 135;

function readIpv6(data: Uint8Array, at: number, missing: number): PacketReading {
	if (data.length < at + 40) return { ok: false, reason: 'truncated', layer: 'ip' };
	const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
	if (data[at] >> 4 !== 6) return { ok: false, reason: 'bad-header', layer: 'ip' };
	const payloadLength = v.getUint16(at + 4);
	// A jumbogram says 0 here (RFC 2675); then the capture's length is the one to go by.
	const end = payloadLength > 0 ? at + 40 + payloadLength : data.length + missing;
	let next = data[at + 6];
	let h = at + 40;
	for (let hops = 0; hops < 16; hops++) {
		if (next === PROTO_TCP) return readTcp(data, h, end, 6, ipv6Text(data, at + 8), ipv6Text(data, at + 24));
		if (next === FRAGMENT) {
			if (data.length < h + 8) return { ok: false, reason: 'truncated', layer: 'ip' };
			// Only an unfragmented "atomic" fragment (offset 0, no more fragments) is readable on its own.
			if ((v.getUint16(h + 2) & 0xfff9) !== 0) return { ok: false, reason: 'ip-fragment' };
			next = data[h];
			h += 8;
			continue;
		}
		if (next === HOP_BY_HOP || next === ROUTING || next === DEST_OPTS || next === MOBILITY || next === AUTH) {
			if (data.length < h + 2) return { ok: false, reason: 'truncated', layer: 'ip' };
			const length = next === AUTH ? (data[h + 1] + 2) * 4 : (data[h + 1] + 1) * 8;
			next = data[h];
			h += length;
			continue;
		}
		return { ok: false, reason: 'not-tcp', protocol: next };
	}
	return { ok: false, reason: 'bad-header', layer: 'ip' };
}

/** The TCP header at `at`, its segment ending at `end` (by the IP header) of which `data` holds the start. */
function readTcp(data: Uint8Array, at: number, end: number, ipVersion: 4 | 6, src: string, dst: string): PacketReading {
	if (data.length < at + 20) return { ok: false, reason: 'truncated', layer: 'tcp' };
	const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
	const offset = (data[at + 12] >> 4) * 4;
	if (offset < 20) return { ok: false, reason: 'bad-header', layer: 'tcp' };
	if (data.length < at + offset) return { ok: false, reason: 'truncated', layer: 'tcp' };
	const flags = data[at + 13];
	const start = at + offset;
	// What the IP header says, against what was captured: Ethernet pads short frames (to 60 bytes),
	// so bytes past the IP length are padding, and bytes short of it were cut by the snapshot length.
	const wireEnd = Math.max(start, end);
	const capturedEnd = Math.min(wireEnd, data.length);
	return {
		ok: true,
		segment: {
			ipVersion,
			src,
			dst,
			srcPort: v.getUint16(at),
			dstPort: v.getUint16(at + 2),
			seq: v.getUint32(at + 4),
			ack: v.getUint32(at + 8),
			flags: {
				fin: (flags & 0x01) !== 0,
				syn: (flags & 0x02) !== 0,
				rst: (flags & 0x04) !== 0,
				psh: (flags & 0x08) !== 0,
				ack: (flags & 0x10) !== 0
			},
			window: v.getUint16(at + 14),
			payload: data.subarray(start, Math.max(start, capturedEnd)),
			missing: wireEnd - capturedEnd
		}
	};
}

function ipv4Text(data: Uint8Array, at: number): string {
	return `${data[at]}.${data[at + 1]}.${data[at + 2]}.${data[at + 3]}`;
}

/** RFC 5952: lowercase hex, leading zeros dropped, the longest run of two or more zero groups as "::". */
function ipv6Text(data: Uint8Array, at: number): string {
	const groups: number[] = [];
	for (let i = 0; i < 8; i++) groups.push((data[at + 2 * i] << 8) | data[at + 2 * i + 1]);
	let best = -1,
		bestLength = 1;
	for (let i = 0; i < 8;) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLength) {
			best = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
	if (best < 0) return hex(groups);
	return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`;
}
