// The streams a peer opens (RFC 7540 §5.1) and header blocks in HEADERS + CONTINUATION (§6.10):
// what each state accepts, and the error a frame in the wrong state is.
import { describe, expect, it } from 'vitest';
import { encodeFrame, FLAGS, FRAME_TYPES, readFrames, type Http2Frame } from '$lib/protocol/http2/frames';
import { encodeHeaders, HpackDecoder } from '$lib/protocol/http2/hpack';
import { StreamStates } from '$lib/protocol/http2/streams';

const frame = (f: Parameters<typeof encodeFrame>[0]): Http2Frame => readFrames(encodeFrame(f)).frames[0];
const connect = encodeHeaders([
	[':method', 'CONNECT'],
	[':protocol', 'websocket'],
	[':scheme', 'https'],
	[':path', '/chat'],
	[':authority', 'example.com']
]);

describe('stream states', () => {
	it('HEADERS opens a stream, DATA flows, END_STREAM half-closes it; DATA after that is STREAM_CLOSED', () => {
		const s = new StreamStates('client');
		expect(
			s.receive(frame({ type: FRAME_TYPES.HEADERS, flags: FLAGS.END_HEADERS, stream: 1, payload: connect }))
		).toMatchObject({
			kind: 'headers',
			stream: 1,
			endStream: false
		});
		expect(s.state(1)).toBe('open');
		expect(s.receive(frame({ type: FRAME_TYPES.DATA, stream: 1, payload: Uint8Array.of(0x81, 0x00) }))).toMatchObject({
			kind: 'data',
			data: Uint8Array.of(0x81, 0x00)
		});
		expect(s.receive(frame({ type: FRAME_TYPES.DATA, flags: FLAGS.END_STREAM, stream: 1 }))).toMatchObject({
			kind: 'data',
			endStream: true
		});
		expect(s.state(1)).toBe('half-closed-remote');
		expect(s.receive(frame({ type: FRAME_TYPES.DATA, stream: 1, payload: Uint8Array.of(1) }))).toMatchObject({
			kind: 'problem',
			problem: { rule: 'STREAM_CLOSED', error: 'STREAM_CLOSED', scope: 'stream', stream: 1 }
		});
		s.endLocal(1);
		expect(s.state(1)).toBe('closed');
	});

	it('DATA on a closed stream (after RST_STREAM) is STREAM_CLOSED; on an idle one, PROTOCOL_ERROR', () => {
		const s = new StreamStates('client');
		s.receive(frame({ type: FRAME_TYPES.HEADERS, flags: FLAGS.END_HEADERS, stream: 3, payload: connect }));
		expect(s.receive(frame({ type: FRAME_TYPES.RST_STREAM, stream: 3, payload: new Uint8Array(4) }))).toEqual({
			kind: 'reset',
			stream: 3
		});
		expect(s.receive(frame({ type: FRAME_TYPES.DATA, stream: 3, payload: Uint8Array.of(1) }))).toMatchObject({
			problem: { error: 'STREAM_CLOSED', scope: 'stream' }
		});
		expect(s.receive(frame({ type: FRAME_TYPES.DATA, stream: 5, payload: Uint8Array.of(1) }))).toMatchObject({
			problem: { rule: 'DATA_ON_IDLE', error: 'PROTOCOL_ERROR', scope: 'connection' }
		});
		// A lower, never-used id is closed already (§5.1.1): stream 1 after stream 3.
		expect(s.state(1)).toBe('closed');
		// A client's streams are odd.
		expect(
			s.receive(frame({ type: FRAME_TYPES.HEADERS, flags: FLAGS.END_HEADERS, stream: 6, payload: connect }))
		).toMatchObject({
			problem: { rule: 'STREAM_ID_PARITY', error: 'PROTOCOL_ERROR' }
		});
	});

	it('a header block cut into HEADERS and CONTINUATION is joined; anything in between is a PROTOCOL_ERROR', () => {
		const s = new StreamStates('client');
		const cut = 7;
		expect(s.receive(frame({ type: FRAME_TYPES.HEADERS, stream: 1, payload: connect.subarray(0, cut) }))).toEqual({
			kind: 'none'
		});
		const joined = s.receive(
			frame({ type: FRAME_TYPES.CONTINUATION, flags: FLAGS.END_HEADERS, stream: 1, payload: connect.subarray(cut) })
		);
		expect(joined).toMatchObject({ kind: 'headers', stream: 1 });
		expect(joined.kind === 'headers' && new HpackDecoder().decode(joined.block)).toMatchObject({
			ok: true,
			headers: [
				[':method', 'CONNECT'],
				[':protocol', 'websocket'],
				[':scheme', 'https'],
				[':path', '/chat'],
				[':authority', 'example.com']
			]
		});
		const t = new StreamStates('client');
		t.receive(frame({ type: FRAME_TYPES.HEADERS, stream: 1, payload: connect.subarray(0, cut) }));
		expect(t.receive(frame({ type: FRAME_TYPES.DATA, stream: 1, payload: Uint8Array.of(1) }))).toMatchObject({
			problem: { rule: 'CONTINUATION_EXPECTED', error: 'PROTOCOL_ERROR', scope: 'connection' }
		});
		expect(
			new StreamStates().receive(frame({ type: FRAME_TYPES.CONTINUATION, stream: 1, payload: connect }))
		).toMatchObject({
			problem: { rule: 'CONTINUATION_UNEXPECTED' }
		});
	});

	it('padding and priority fields are not part of the header block or the data', () => {
		const s = new StreamStates('client');
		const padded = new Uint8Array([2, 0, 0, 0, 1, 16, ...connect, 0, 0]);
		expect(
			s.receive(
				frame({
					type: FRAME_TYPES.HEADERS,
					flags: FLAGS.END_HEADERS | FLAGS.PADDED | FLAGS.PRIORITY,
					stream: 1,
					payload: padded
				})
			)
		).toMatchObject({ kind: 'headers', block: connect });
		expect(
			s.receive(frame({ type: FRAME_TYPES.DATA, flags: FLAGS.PADDED, stream: 1, payload: Uint8Array.of(1, 0x81, 0) }))
		).toMatchObject({
			kind: 'data',
			data: Uint8Array.of(0x81)
		});
	});
});
