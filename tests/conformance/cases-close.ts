/**
 * Autobahn|Testsuite family 7: the closing handshake and close codes (RFC 6455 §5.5.1, §7), after
 * case7_1_1.py ... case7_13_2.py. In every case the client closes first; the server answers with a
 * close frame (echoing the code, or 1002/1007 when the close itself is malformed) and then closes TCP.
 */

import {
	type ConformanceCase,
	type Expectation,
	closeFrame,
	closeWithPayload,
	echoOf,
	frame,
	hex,
	normalClose,
	repeat,
	send,
	utf8
} from './case-types';

const answers = (codes: (number | null)[], events: Expectation['events'] = []): Expectation => ({
	events,
	closedBy: 'client',
	codes
});

function basic(): ConformanceCase[] {
	const hello = 'Hello World!';
	return [
		{
			id: '7.1.1',
			description: 'Send a message followed by a close frame: echo, then the close is answered.',
			steps: [send(frame(1, hello), closeFrame(1000))],
			expect: normalClose([echoOf(1, hello)])
		},
		{
			id: '7.1.2',
			description: 'Send two close frames: the second is ignored.',
			steps: [send(closeFrame(1000), closeFrame(1000))],
			expect: normalClose()
		},
		{
			id: '7.1.3',
			description: 'Send a ping after the close frame: no pong after a close.',
			steps: [send(closeFrame(1000), frame(9))],
			expect: normalClose()
		},
		{
			id: '7.1.4',
			description: 'Send a text message after the close frame: not echoed.',
			steps: [send(closeFrame(1000), frame(1, hello))],
			expect: normalClose()
		},
		{
			id: '7.1.5',
			description:
				'Send message fragment 1, a close, then fragment 2: the close is answered, the message never completes.',
			steps: [send(frame(1, 'fragment1', { fin: false }), closeFrame(1000), frame(0, 'fragment2'))],
			expect: normalClose()
		},
		{
			id: '7.1.6',
			description:
				'Send a 256 KiB message, a small one, a close, then a ping: both echoed in order, then the close; no pong.',
			build: () => {
				const big = repeat('BAsd7&jh23', 256 * 1024);
				return {
					steps: [send(frame(1, big), frame(1, hello), closeFrame(1000), frame(9))],
					expect: normalClose([echoOf(1, big), echoOf(1, hello)])
				};
			}
		}
	];
}

function payloads(): ConformanceCase[] {
	const invalidReason = hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64');
	return [
		{
			id: '7.3.1',
			description: 'Send a close frame with payload length 0 (no code, no reason): answered with an empty close.',
			steps: [send(closeFrame())],
			expect: answers([null, 1000])
		},
		{
			id: '7.3.2',
			description: 'Send a close frame with payload length 1: malformed (1002).',
			steps: [send(closeWithPayload(utf8('a')))],
			expect: answers([1002])
		},
		{
			id: '7.3.3',
			description: 'Send a close frame with code 1000 and no reason.',
			steps: [send(closeFrame(1000))],
			expect: answers([1000])
		},
		{
			id: '7.3.4',
			description: 'Send a close frame with code 1000 and a reason.',
			steps: [send(closeFrame(1000, utf8('Hello World!')))],
			expect: answers([1000])
		},
		{
			id: '7.3.5',
			description:
				'Send a close frame with code 1000 and a 123-octet reason (125 bytes in all, the most a control frame holds).',
			steps: [send(closeFrame(1000, repeat('*', 123)))],
			expect: answers([1000])
		},
		{
			id: '7.3.6',
			description:
				'Send a close frame with code 1000 and a 124-octet reason: 126 bytes, too long for a control frame (1002).',
			steps: [send(closeFrame(1000, repeat('*', 124)))],
			expect: answers([1002])
		},
		{
			id: '7.5.1',
			description: 'Send a close frame whose reason is invalid UTF-8: 1007.',
			steps: [send(closeFrame(1000, invalidReason))],
			expect: answers([1007])
		}
	];
}

function codes(): ConformanceCase[] {
	const valid = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999];
	const invalid = [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999];
	return [
		...valid.map((code, i): ConformanceCase => ({
			id: `7.7.${i + 1}`,
			description: `Send close with valid close code ${code}: answered with it (or 1000).`,
			steps: [send(closeFrame(code))],
			expect: answers([code, 1000])
		})),
		...invalid.map((code, i): ConformanceCase => ({
			id: `7.9.${i + 1}`,
			description: `Send close with invalid close code ${code}: 1002.`,
			steps: [send(closeFrame(code))],
			expect: answers([1002])
		})),
		// Autobahn leaves these informational; RFC 6455 §7.4 makes them invalid, so we hold the server to 1002.
		{
			id: '7.13.1',
			description: 'Send close with close code 5000 (out of range): 1002.',
			steps: [send(closeFrame(5000))],
			expect: answers([1002])
		},
		{
			id: '7.13.2',
			description: 'Send close with close code 65535 (out of range): 1002.',
			steps: [send(closeFrame(65535))],
			expect: answers([1002])
		}
	];
}

export const closeCases: readonly ConformanceCase[] = [...basic(), ...payloads(), ...codes()];
