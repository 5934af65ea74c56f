/**
 * Writing pcapng (draft-ietf-opsawg-pcapng): a Section Header Block, one Interface Description Block
 * per interface (nanosecond timestamps: if_tsresol 9), and an Enhanced Packet Block per packet, with
 * its comment as opt_comment. Little-endian, as most writers do; readers take either order.
 */

import { concat } from '$lib/protocol/bytes';

export interface WrittenInterface {
	readonly linkType: number;
	readonly snapLength?: number;
	readonly name?: string;
}

export interface WrittenPacket {
	readonly interfaceId?: number;
	/** Nanoseconds since 1970. */
	readonly time: bigint;
	readonly data: Uint8Array;
	readonly originalLength?: number;
	readonly comment?: string;
}

export interface PcapngContent {
	readonly interfaces: readonly WrittenInterface[];
	readonly packets: readonly WrittenPacket[];
	/** The section's comment (shb_comment): what wrote the file, say. */
	readonly comment?: string;
	/** shb_userappl. */
	readonly application?: string;
}

const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;

export function writePcapng(content: PcapngContent): Uint8Array {
	const blocks: Uint8Array[] = [];
	const text = new TextEncoder();
	const shbOptions = options([
		...(content.comment ? [[OPT_COMMENT, text.encode(content.comment)] as const] : []),
		...(content.application ? [[SHB_USERAPPL, text.encode(content.application)] as const] : [])
	]);
	blocks.push(
		block(
			0x0a0d0d0a,
			16,
			(v) => {
				v.setUint32(0, 0x1a2b3c4d, true); // byte-order magic
				v.setUint16(4, 1, true); // version 1.0
				v.setUint16(6, 0, true);
				v.setBigInt64(8, -1n, true); // section length: not given
			},
			shbOptions
		)
	);
	for (const iface of content.interfaces) {
		const o = options([
			...(iface.name ? [[IF_NAME, text.encode(iface.name)] as const] : []),
			[IF_TSRESOL, Uint8Array.of(9)] as const
		]);
		blocks.push(
			block(
				1,
				8,
				(v) => {
					v.setUint16(0, iface.linkType, true);
					v.setUint32(4, iface.snapLength ?? 0, true);
				},
				o
			)
		);
	}
	for (const p of content.packets) {
		const o = options(p.comment ? [[OPT_COMMENT, text.encode(p.comment)] as const] : []);
		const padded = pad4(p.data.length);
		blocks.push(
			block(
				6,
				20 + padded,
				(v, body) => {
					v.setUint32(0, p.interfaceId ?? 0, true);
					v.setUint32(4, Number(p.time >> 32n), true);
					v.setUint32(8, Number(p.time & 0xffffffffn), true);
					v.setUint32(12, p.data.length, true);
					v.setUint32(16, p.originalLength ?? p.data.length, true);
					body.set(p.data, 20);
				},
				o
			)
		);
	}
	return concat(blocks);
}

/** A block: type, total length, a fixed body of `fixed` bytes filled by `fill`, options, total length again. */
function block(
	type: number,
	fixed: number,
	fill: (v: DataView, body: Uint8Array) => void,
	opts: Uint8Array
): Uint8Array {
	const length = 8 + fixed + opts.length + 4;
	const out = new Uint8Array(length);
	const v = new DataView(out.buffer);
	v.setUint32(0, type, true);
	v.setUint32(4, length, true);
	fill(new DataView(out.buffer, 8, fixed), out.subarray(8, 8 + fixed));
	out.set(opts, 8 + fixed);
	v.setUint32(length - 4, length, true);
	return out;
}

/** Options, each padded to 32 bits, ended by opt_endofopt; nothing at all when there are none. */
function options(list: readonly (readonly [number, Uint8Array])[]): Uint8Array {
	if (list.length === 0) return new Uint8Array(0);
	const length = list.reduce((n, [, value]) => n + 4 + pad4(value.length), 0) + 4;
	const out = new Uint8Array(length);
	const v = new DataView(out.buffer);
	let at = 0;
	for (const [code, value] of list) {
		v.setUint16(at, code, true);
		v.setUint16(at + 2, value.length, true);
		out.set(value, at + 4);
		at += 4 + pad4(value.length);
	}
	return out; // the last 4 bytes stay zero: opt_endofopt
}

function pad4(n: number): number {
	return Math.ceil(n / 4) * 4;
}
