/**
 * Reading both directions of a real connection as it streams past, as an observer does (the tap in
 * the middle of one, live mode's byte side channel): each direction's HTTP head (RFC 6455 §4), then
 * its frames (§5.2), each with the exact bytes it took on the wire, then each whole message, inflated
 * when permessage-deflate was agreed (RFC 7692: one inflater per direction). Each direction is one
 * of the engine's Readers; this class only decides, from the server's answer, how both go on.
 */

import type { ProtocolError } from '../errors';
import { PERMESSAGE_DEFLATE, PermessageDeflateCodec, parseDeflateParams } from '../extensions/deflate';
import { parseExtensions } from '../extensions/extensions';
import type { DecodedFrame } from '../framing/decoder';
import { header, type HttpHead } from '../handshake/http';
import type { Role } from '../types';
import { Reader, type FramingSetup, type ReadEvent } from './reader';

/** Frames larger than this are not read (their payload would be held in memory whole). */
export const DEFAULT_MAX_FRAME = 128 * 1024 * 1024;
/** Messages are inflated up to this size (a guard against deflate bombs, RFC 7692 §8.2). */
export const DEFAULT_MAX_MESSAGE = 64 * 1024 * 1024;

/** Why bytes are not read as frames: not HTTP, a refused handshake, lost bytes, a frame that cannot be got past or held. */
export type OtherReason = 'not-http' | 'not-upgraded' | 'gap' | 'undecodable' | 'too-big';

export type ObservedItem =
	/** The request (the client's) or the answer (the server's), with its bytes. */
	| {
			readonly kind: 'head';
			readonly sender: Role;
			readonly head: HttpHead;
			readonly bytes: Uint8Array;
			readonly offset: number;
	  }
	| {
			readonly kind: 'frame';
			readonly sender: Role;
			/** As the engine read it: the payload unmasked, the direction's rules checked. */
			readonly frame: DecodedFrame;
			/** The frame's bytes exactly as they crossed the wire. */
			readonly wire: Uint8Array;
			/** Offset of its first byte in this direction's stream (the handshake counts). */
			readonly offset: number;
			/** Which data message (0, 1, ...) it is part of; null for control frames and strays. */
			readonly message: number | null;
	  }
	/** A whole data message, after its final frame: its data (inflated if it was compressed), and what the message rules found. */
	| {
			readonly kind: 'message';
			readonly sender: Role;
			readonly index: number;
			readonly opcode: 1 | 2;
			readonly data: Uint8Array;
			readonly compressed: boolean;
			/** Bytes on the wire, for a compressed message. */
			readonly compressedSize?: number;
			readonly problems: readonly ProtocolError[];
	  }
	/** Bytes that are not WebSocket frames: a refused handshake's body, or what follows a gap. */
	| {
			readonly kind: 'other';
			readonly sender: Role;
			readonly bytes: Uint8Array;
			readonly offset: number;
			readonly reason: OtherReason;
	  }
	/** The direction cannot be read on (a 64-bit length with its top bit set, a frame too large to hold, lost bytes). */
	| {
			readonly kind: 'stopped';
			readonly sender: Role;
			readonly offset: number;
			readonly reason: OtherReason;
			readonly error?: ProtocolError;
	  };

export interface ObservedConnectionOptions {
	readonly maxFrame?: number;
	readonly maxMessage?: number;
}

interface Direction {
	readonly reader: Reader;
	/** Why its bytes are no longer read as frames, once they are not. */
	other: OtherReason | null;
	/** Message rule faults since its last message. */
	problems: ProtocolError[];
}

/**
 * Both directions of one connection. The server's answer decides how the rest is read: a 101 with
 * permessage-deflate gives RSV1 a meaning; any other status means no frames follow (RFC 6455 §4.1).
 */
export class ObservedConnection {
	request: HttpHead | null = null;
	response: HttpHead | null = null;
	/** Extensions the server agreed to, by name. */
	extensions: string[] = [];
	private framing: FramingSetup | null = null;
	private readonly dirs: Record<Role, Direction>;

	constructor(opts: ObservedConnectionOptions = {}) {
		const make = (sender: Role): Direction => ({
			reader: new Reader({
				from: sender,
				heads: sender === 'client' ? 'request' : 'response',
				onError: 'continue',
				keepRaw: true,
				refuseFramesOver: opts.maxFrame ?? DEFAULT_MAX_FRAME,
				maxMessageSize: opts.maxMessage ?? DEFAULT_MAX_MESSAGE
			}),
			other: null,
			problems: []
		});
		this.dirs = { client: make('client'), server: make('server') };
	}

	/** Bytes seen from a sender. */
	bytes(sender: Role): number {
		return this.dirs[sender].reader.offset;
	}

	/** Data messages a sender began. */
	messages(sender: Role): number {
		return this.dirs[sender].reader.messagesOf(sender);
	}

	/** Was permessage-deflate agreed? */
	get compressed(): boolean {
		return this.extensions.some((e) => e.toLowerCase() === PERMESSAGE_DEFLATE);
	}

	push(sender: Role, chunk: Uint8Array): ObservedItem[] {
		const d = this.dirs[sender];
		const out: ObservedItem[] = [];
		const at = d.reader.offset;
		if (d.other) {
			d.reader.push(chunk); // counted
			if (chunk.length) out.push({ kind: 'other', sender, bytes: chunk, offset: at, reason: d.other });
			return out;
		}
		this.take(sender, d.reader.push(chunk), out);
		return out;
	}

	/** Bytes of a direction were lost: nothing after them can be framed. */
	gap(sender: Role, bytes: number): ObservedItem[] {
		const d = this.dirs[sender];
		const offset = d.reader.offset;
		d.reader.lose(bytes);
		if (d.other === 'gap') return [];
		d.other = 'gap';
		return [{ kind: 'stopped', sender, offset, reason: 'gap' }];
	}

	private stopReading(sender: Role, reason: OtherReason): void {
		const d = this.dirs[sender];
		d.other = reason;
		d.reader.stop();
	}

	private take(sender: Role, events: readonly ReadEvent[], out: ObservedItem[]): void {
		const d = this.dirs[sender];
		for (const e of events) {
			switch (e.type) {
				case 'head': {
					const line = e.head.startLine;
					const shaped =
						sender === 'client' ? /^[A-Z]+ \S+ HTTP\/\d\.\d$/.test(line) : /^HTTP\/\d\.\d \d{3}/.test(line);
					if (!shaped) {
						this.stopReading(sender, 'not-http');
						out.push({ kind: 'other', sender, bytes: e.bytes, offset: e.offset, reason: 'not-http' });
						continue;
					}
					out.push({ kind: 'head', sender, head: e.head, bytes: e.bytes, offset: e.offset });
					this.onHead(sender, e.head, out);
					break;
				}
				case 'head-error':
					this.stopReading(sender, 'not-http');
					out.push({ kind: 'other', sender, bytes: e.bytes, offset: e.offset, reason: 'not-http' });
					break;
				case 'frame':
					out.push({ kind: 'frame', sender, frame: e.frame, wire: e.raw!, offset: e.frame.offset, message: e.message });
					break;
				case 'message':
					out.push({
						kind: 'message',
						sender,
						index: e.message,
						opcode: e.opcode,
						data: e.data,
						compressed: e.compressed,
						...(e.compressedSize !== undefined ? { compressedSize: e.compressedSize } : {}),
						problems: d.problems
					});
					d.problems = [];
					break;
				case 'error':
					if (!e.fatal) {
						d.problems.push(e.error);
						break;
					}
					// A frame the reader cannot get past (or hold): the rest of this direction is not frames.
					this.stopReading(sender, e.error.code === 'MESSAGE_TOO_BIG' ? 'too-big' : 'undecodable');
					out.push({
						kind: 'stopped',
						sender,
						offset: e.frameOffset ?? e.error.offset ?? d.reader.offset,
						reason: d.other!,
						error: e.error
					});
					break;
				default:
					// fragments, control frames and abandoned messages: their frames said it all.
					break;
			}
		}
	}

	private onHead(sender: Role, head: HttpHead, out: ObservedItem[]): void {
		if (sender === 'client') {
			this.request = head;
			if (this.framing) this.take('client', this.dirs.client.reader.beginFrames(this.framing), out);
			return;
		}
		this.response = head;
		const status = /^HTTP\/\d\.\d (\d{3})/.exec(head.startLine)?.[1];
		if (status !== '101') {
			// A refused handshake: a body may follow, never frames (RFC 6455 §4.1).
			for (const s of ['client', 'server'] as const) {
				const d = this.dirs[s];
				const held = d.reader.release();
				d.other = 'not-upgraded';
				if (held.bytes.length)
					out.push({ kind: 'other', sender: s, bytes: held.bytes, offset: held.offset, reason: 'not-upgraded' });
			}
			return;
		}
		const ext = parseExtensions(header(head.fields, 'Sec-WebSocket-Extensions'));
		this.extensions = ext.ok ? ext.offers.map((e) => e.name) : [];
		const deflate = ext.ok ? ext.offers.find((e) => e.name.toLowerCase() === PERMESSAGE_DEFLATE) : undefined;
		const p = deflate ? parseDeflateParams(deflate, 'response') : null;
		let codecs: FramingSetup['codecs'] = {};
		if (p?.ok) {
			// The answer holds the agreed parameters; each direction inflates with its sender's takeover
			// rule: the server-role codec reads the client's messages, the client-role one the server's.
			const params = {
				serverNoContextTakeover: p.params.serverNoContextTakeover,
				clientNoContextTakeover: p.params.clientNoContextTakeover,
				serverMaxWindowBits: p.params.serverMaxWindowBits ?? 15,
				clientMaxWindowBits: typeof p.params.clientMaxWindowBits === 'number' ? p.params.clientMaxWindowBits : 15
			} as const;
			codecs = {
				client: new PermessageDeflateCodec(params, 'server'),
				server: new PermessageDeflateCodec(params, 'client')
			};
		}
		this.framing = { codecs };
		for (const s of ['client', 'server'] as const) {
			const r = this.dirs[s].reader;
			if (r.state === 'awaiting-frames') this.take(s, r.beginFrames({ codec: codecs[s] ?? null }), out);
		}
	}
}
