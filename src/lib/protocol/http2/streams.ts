/**
 * One endpoint's view of the streams its peer opens and uses (RFC 7540 §5.1), one explicit table:
 * which frames each state accepts, and the error a frame in the wrong state is (§5.4). Also the
 * joining of a header block cut into HEADERS and CONTINUATION frames (§6.10), during which no other
 * frame may arrive. Sans-I/O: frames in (from readFrames), header blocks and problems out.
 */
import { FLAGS, FRAME_TYPES, type Http2Frame, type Http2Problem } from './frames';

export type StreamState = 'idle' | 'open' | 'half-closed-local' | 'half-closed-remote' | 'closed';

/** What receiving a frame gave: a whole header block to decode, or a problem, or nothing to do. */
export type StreamEvent =
	| { readonly kind: 'headers'; readonly stream: number; readonly block: Uint8Array; readonly endStream: boolean }
	| { readonly kind: 'data'; readonly stream: number; readonly data: Uint8Array; readonly endStream: boolean }
	| { readonly kind: 'reset'; readonly stream: number }
	| { readonly kind: 'problem'; readonly problem: Http2Problem }
	| { readonly kind: 'none' };

export class StreamStates {
	private readonly states = new Map<number, StreamState>();
	/** The highest stream the peer has opened: a new one must be higher (§5.1.1). */
	private highest = 0;
	/** A header block waiting for its CONTINUATION frames. */
	private pending: { stream: number; parts: Uint8Array[]; endStream: boolean } | null = null;

	/** `peer`: who opens the streams read here ('client': odd ids, as a server reads a client). */
	constructor(private readonly peer: 'client' | 'server' = 'client') {}

	state(stream: number): StreamState {
		return this.states.get(stream) ?? (stream <= this.highest ? 'closed' : 'idle');
	}

	/** This side opened `stream` with its own HEADERS (a client's extended CONNECT, §5.1.1). */
	openLocal(stream: number): void {
		this.states.set(stream, 'open');
	}

	/** This side reset the stream (RST_STREAM sent, §6.4): it is closed. */
	resetLocal(stream: number): void {
		this.states.set(stream, 'closed');
	}

	/** The peer's END_STREAM: open becomes half-closed (remote), half-closed (local) becomes closed. */
	private endRemote(stream: number, state: StreamState): void {
		this.states.set(stream, state === 'half-closed-local' ? 'closed' : 'half-closed-remote');
	}

	receive(f: Http2Frame): StreamEvent {
		const problem = (
			rule: Http2Problem['rule'],
			error: Http2Problem['error'],
			scope: Http2Problem['scope'],
			section: Http2Problem['section']
		): StreamEvent => ({
			kind: 'problem',
			problem: { rule, error, scope, stream: f.stream, at: f.start, section }
		});
		// §6.10: between HEADERS without END_HEADERS and the last CONTINUATION, nothing else.
		if (this.pending) {
			if (f.type !== FRAME_TYPES.CONTINUATION || f.stream !== this.pending.stream)
				return problem('CONTINUATION_EXPECTED', 'PROTOCOL_ERROR', 'connection', 'RFC 7540 §6.10');
			this.pending.parts.push(f.payload);
			if (!(f.flags & FLAGS.END_HEADERS)) return { kind: 'none' };
			const { stream, parts, endStream } = this.pending;
			this.pending = null;
			return { kind: 'headers', stream, block: concat(parts), endStream };
		}
		if (f.type === FRAME_TYPES.CONTINUATION)
			return problem('CONTINUATION_UNEXPECTED', 'PROTOCOL_ERROR', 'connection', 'RFC 7540 §6.10');
		if (f.stream === 0) return { kind: 'none' };
		const state = this.state(f.stream);
		const endStream = (f.flags & FLAGS.END_STREAM) !== 0;
		switch (f.type) {
			case FRAME_TYPES.HEADERS: {
				if (state === 'idle') {
					// §5.1.1: the peer's streams have its parity, and each new one a higher id.
					if ((f.stream % 2 === 1) !== (this.peer === 'client'))
						return problem('STREAM_ID_PARITY', 'PROTOCOL_ERROR', 'connection', 'RFC 7540 §5.1.1');
					this.highest = f.stream;
					this.states.set(f.stream, 'open');
				} else if (state === 'half-closed-remote' || state === 'closed')
					// §5.1: after the peer's END_STREAM or RST_STREAM, a stream error STREAM_CLOSED.
					return problem('STREAM_CLOSED', 'STREAM_CLOSED', 'stream', 'RFC 7540 §5.1');
				const block = headerBlock(f);
				if (endStream) this.endRemote(f.stream, this.state(f.stream));
				if (!(f.flags & FLAGS.END_HEADERS)) {
					this.pending = { stream: f.stream, parts: [block], endStream };
					return { kind: 'none' };
				}
				return { kind: 'headers', stream: f.stream, block, endStream };
			}
			case FRAME_TYPES.DATA:
				if (state === 'idle') return problem('DATA_ON_IDLE', 'PROTOCOL_ERROR', 'connection', 'RFC 7540 §5.1');
				// §5.1: DATA after the peer ended or reset the stream is a stream error STREAM_CLOSED.
				if (state !== 'open' && state !== 'half-closed-local')
					return problem('STREAM_CLOSED', 'STREAM_CLOSED', 'stream', 'RFC 7540 §5.1');
				if (endStream) this.endRemote(f.stream, state);
				return { kind: 'data', stream: f.stream, data: dataOf(f), endStream };
			case FRAME_TYPES.RST_STREAM:
				if (state === 'idle') return problem('RST_ON_IDLE', 'PROTOCOL_ERROR', 'connection', 'RFC 7540 §6.4');
				this.states.set(f.stream, 'closed');
				return { kind: 'reset', stream: f.stream };
			default:
				return { kind: 'none' };
		}
	}

	/** This side ended its half (END_STREAM sent): open becomes half-closed (local), closed once both halves are. */
	endLocal(stream: number): void {
		const state = this.state(stream);
		if (state === 'half-closed-remote') this.states.set(stream, 'closed');
		else if (state === 'open') this.states.set(stream, 'half-closed-local');
	}
}

/** A HEADERS payload without its padding and priority fields (§6.2). */
function headerBlock(f: Http2Frame): Uint8Array {
	let start = 0;
	let end = f.payload.length;
	if (f.flags & FLAGS.PADDED) {
		end -= f.payload[0];
		start += 1;
	}
	if (f.flags & FLAGS.PRIORITY) start += 5;
	return f.payload.subarray(start, Math.max(start, end));
}

/** A DATA payload without its padding (§6.1). */
function dataOf(f: Http2Frame): Uint8Array {
	return f.flags & FLAGS.PADDED ? f.payload.subarray(1, f.payload.length - f.payload[0]) : f.payload;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
	return out;
}
