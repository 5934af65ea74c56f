/**
 * Autobahn|Testsuite families 1 (framing), 2 (ping/pong), 3 (reserved bits), 4 (opcodes) and
 * 5 (fragmentation), after autobahntestsuite/case/case1_1_1.py ... case5_20.py. "Echo" means the
 * server sends the message back; "fail" means it closes first with the code (RFC 6455 §7.1.7).
 */

import {
	type ConformanceCase,
	type Step,
	closeFrame,
	echoOf,
	failsWith,
	frame,
	hex,
	normalClose,
	pongOf,
	repeat,
	send,
	sendChopped,
	sendEach
} from './case-types';

const HELLO = 'Hello, world!';
const BIN8 = hex('00 ff fe fd fc fb 00 ff');

function framing(): ConformanceCase[] {
	const out: ConformanceCase[] = [];
	const sizes = [0, 125, 126, 127, 128, 65535, 65536];
	for (const [k, opcode] of [
		[1, 1],
		[2, 2]
	] as const) {
		const kind = opcode === 1 ? 'text' : 'binary';
		sizes.forEach((n, i) => {
			const data = opcode === 1 ? repeat('*', n) : repeat(hex('fe'), n);
			out.push({
				id: `1.${k}.${i + 1}`,
				description: `Send ${kind} message with payload of length ${n}.`,
				steps: [send(frame(opcode, data))],
				expect: normalClose([echoOf(opcode, data)])
			});
		});
		const data = opcode === 1 ? repeat('*', 65536) : repeat(hex('fe'), 65536);
		out.push({
			id: `1.${k}.8`,
			description: `Send ${kind} message with payload of length 65536, in chops of 997 octets.`,
			steps: sendChopped(997, frame(opcode, data)),
			expect: normalClose([echoOf(opcode, data)])
		});
	}
	return out;
}

function pings(): ConformanceCase[] {
	const ten = Array.from({ length: 10 }, (_, i) => `payload-${i}`);
	return [
		{ id: '2.1', description: 'Send ping without payload.', steps: [send(frame(9))], expect: normalClose([pongOf()]) },
		{
			id: '2.2',
			description: 'Send ping with small text payload.',
			steps: [send(frame(9, HELLO))],
			expect: normalClose([pongOf(HELLO)])
		},
		{
			id: '2.3',
			description: 'Send ping with small binary (non UTF-8) payload.',
			steps: [send(frame(9, BIN8))],
			expect: normalClose([pongOf(BIN8)])
		},
		{
			id: '2.4',
			description: 'Send ping with binary payload of 125 octets.',
			steps: [send(frame(9, repeat(hex('fe'), 125)))],
			expect: normalClose([pongOf(repeat(hex('fe'), 125))])
		},
		{
			id: '2.5',
			description: 'Send ping with binary payload of 126 octets: control frames carry at most 125.',
			steps: [send(frame(9, repeat(hex('fe'), 126)))],
			expect: failsWith(1002)
		},
		{
			id: '2.6',
			description: 'Send ping with binary payload of 125 octets, in octet-wise chops.',
			steps: sendChopped(1, frame(9, repeat(hex('fe'), 125))),
			expect: normalClose([pongOf(repeat(hex('fe'), 125))])
		},
		{
			id: '2.7',
			description: 'Send unsolicited pong without payload, then close: nothing comes back but the close.',
			steps: [send(frame(10)), send(closeFrame(1000))],
			expect: normalClose()
		},
		{
			id: '2.8',
			description: 'Send unsolicited pong with payload, then close.',
			steps: [send(frame(10, 'unsolicited pong payload')), send(closeFrame(1000))],
			expect: normalClose()
		},
		{
			id: '2.9',
			description: 'Send unsolicited pong with payload, then ping with payload: only the ping is answered.',
			steps: [send(frame(10, 'unsolicited pong payload'), frame(9, 'ping payload'))],
			expect: normalClose([pongOf('ping payload')])
		},
		{
			id: '2.10',
			description: 'Send 10 pings with payload.',
			steps: [send(...ten.map((p) => frame(9, p)))],
			expect: normalClose(ten.map((p) => pongOf(p)))
		},
		{
			id: '2.11',
			description: 'Send 10 pings with payload, in octet-wise chops.',
			steps: sendChopped(1, ...ten.map((p) => frame(9, p))),
			expect: normalClose(ten.map((p) => pongOf(p)))
		}
	];
}

function reserved(): ConformanceCase[] {
	const hello = echoOf(1, HELLO);
	return [
		{
			id: '3.1',
			description: 'Send small text message with RSV = 1.',
			steps: [send(frame(1, HELLO, { rsv: 1 }))],
			expect: failsWith(1002)
		},
		{
			id: '3.2',
			description: 'Send small text message, then again with RSV = 2, then ping (one chop): echo, then fail; no pong.',
			steps: [send(frame(1, HELLO), frame(1, HELLO, { rsv: 2 }), frame(9))],
			expect: failsWith(1002, [hello])
		},
		{
			id: '3.3',
			description: 'Same with RSV = 3, in frame-wise chops.',
			steps: sendEach(frame(1, HELLO), frame(1, HELLO, { rsv: 3 }), frame(9)),
			expect: failsWith(1002, [hello])
		},
		{
			id: '3.4',
			description: 'Same with RSV = 4, in octet-wise chops.',
			steps: sendChopped(1, frame(1, HELLO), frame(1, HELLO, { rsv: 4 }), frame(9)),
			expect: failsWith(1002, [hello])
		},
		{
			id: '3.5',
			description: 'Send small binary message with RSV = 5.',
			steps: [send(frame(2, BIN8, { rsv: 5 }))],
			expect: failsWith(1002)
		},
		{
			id: '3.6',
			description: 'Send ping with RSV = 6.',
			steps: [send(frame(9, HELLO, { rsv: 6 }))],
			expect: failsWith(1002)
		},
		{
			id: '3.7',
			description: 'Send close with RSV = 7.',
			steps: [send(frame(8, new Uint8Array(0), { rsv: 7 }))],
			expect: failsWith(1002)
		}
	];
}

function opcodes(): ConformanceCase[] {
	const out: ConformanceCase[] = [];
	const hello = echoOf(1, HELLO);
	for (const [group, base, kind] of [
		[1, 3, 'non-control'],
		[2, 11, 'control']
	] as const) {
		const op = (i: number) => base + i;
		out.push(
			{
				id: `4.${group}.1`,
				description: `Send frame with reserved ${kind} opcode ${op(0)}.`,
				steps: [send(frame(op(0)))],
				expect: failsWith(1002)
			},
			{
				id: `4.${group}.2`,
				description: `Send frame with reserved ${kind} opcode ${op(1)} and non-empty payload.`,
				steps: [send(frame(op(1), HELLO))],
				expect: failsWith(1002)
			},
			{
				id: `4.${group}.3`,
				description: `Send small text message, then frame with reserved ${kind} opcode ${op(2)}, then ping: echo, then fail.`,
				steps: [send(frame(1, HELLO), frame(op(2)), frame(9))],
				expect: failsWith(1002, [hello])
			},
			{
				id: `4.${group}.4`,
				description: `Send small text message, then frame with reserved ${kind} opcode ${op(3)} and payload, then ping.`,
				steps: [send(frame(1, HELLO), frame(op(3), HELLO), frame(9))],
				expect: failsWith(1002, [hello])
			},
			{
				id: `4.${group}.5`,
				description: `Same with opcode ${op(4)}, in octet-wise chops.`,
				steps: sendChopped(1, frame(1, HELLO), frame(op(4), HELLO), frame(9)),
				expect: failsWith(1002, [hello])
			}
		);
	}
	return out;
}

function fragmentation(): ConformanceCase[] {
	const f1 = 'fragment1',
		f2 = 'fragment2';
	const both = echoOf(1, f1 + f2);
	const ping = 'ping payload';
	const textWithPing = [frame(1, f1, { fin: false }), frame(9, ping), frame(0, f2)];
	const noContinuation = (fin: boolean) => [frame(0, 'non-continuation payload', { fin }), frame(1, HELLO)];
	const repeated = (fin: boolean) =>
		[0, 1].flatMap(() => [frame(0, f1, { fin }), frame(1, f2, { fin: false }), frame(0, 'fragment3')]);
	const pings19 = ['pongme 1!', 'pongme 2!'];
	const frags19 = ['fragment1', 'fragment2', 'fragment3', 'fragment4', 'fragment5'];
	const case19 = (each: boolean): Step[] => {
		const group = (...fs: Uint8Array[]) => (each ? sendEach(...fs) : [send(...fs)]);
		return [
			...group(frame(1, frags19[0], { fin: false }), frame(0, frags19[1], { fin: false }), frame(9, pings19[0])),
			// The pong must come back while the message is still unfinished.
			{ kind: 'expect-events', count: 1, ms: 3000 },
			...group(
				frame(0, frags19[2], { fin: false }),
				frame(0, frags19[3], { fin: false }),
				frame(9, pings19[1]),
				frame(0, frags19[4])
			)
		];
	};
	const expect19 = normalClose([pongOf(pings19[0]), pongOf(pings19[1]), echoOf(1, frags19.join(''))]);
	return [
		{
			id: '5.1',
			description: 'Send ping fragmented into 2 fragments.',
			steps: [send(frame(9, f1, { fin: false }), frame(0, f2))],
			expect: failsWith(1002)
		},
		{
			id: '5.2',
			description: 'Send pong fragmented into 2 fragments.',
			steps: [send(frame(10, f1, { fin: false }), frame(0, f2))],
			expect: failsWith(1002)
		},
		{
			id: '5.3',
			description: 'Send text message fragmented into 2 fragments.',
			steps: [send(frame(1, f1, { fin: false }), frame(0, f2))],
			expect: normalClose([both])
		},
		{
			id: '5.4',
			description: 'Same, in frame-wise chops.',
			steps: sendEach(frame(1, f1, { fin: false }), frame(0, f2)),
			expect: normalClose([both])
		},
		{
			id: '5.5',
			description: 'Same, in octet-wise chops.',
			steps: sendChopped(1, frame(1, f1, { fin: false }), frame(0, f2)),
			expect: normalClose([both])
		},
		{
			id: '5.6',
			description: 'Text message in 2 fragments, a ping with payload in between: pong first, then the echo.',
			steps: [send(...textWithPing)],
			expect: normalClose([pongOf(ping), both])
		},
		{
			id: '5.7',
			description: 'Same, in frame-wise chops.',
			steps: sendEach(...textWithPing),
			expect: normalClose([pongOf(ping), both])
		},
		{
			id: '5.8',
			description: 'Same, in octet-wise chops.',
			steps: sendChopped(1, ...textWithPing),
			expect: normalClose([pongOf(ping), both])
		},
		{
			id: '5.9',
			description: 'Continuation frame (FIN = 1) with nothing to continue, then text message, in one chop.',
			steps: [send(...noContinuation(true))],
			expect: failsWith(1002)
		},
		{
			id: '5.10',
			description: 'Same, in frame-wise chops.',
			steps: sendEach(...noContinuation(true)),
			expect: failsWith(1002)
		},
		{
			id: '5.11',
			description: 'Same, in octet-wise chops.',
			steps: sendChopped(1, ...noContinuation(true)),
			expect: failsWith(1002)
		},
		{
			id: '5.12',
			description: 'Continuation frame (FIN = 0) with nothing to continue, then text message, in one chop.',
			steps: [send(...noContinuation(false))],
			expect: failsWith(1002)
		},
		{
			id: '5.13',
			description: 'Same, in frame-wise chops.',
			steps: sendEach(...noContinuation(false)),
			expect: failsWith(1002)
		},
		{
			id: '5.14',
			description: 'Same, in octet-wise chops.',
			steps: sendChopped(1, ...noContinuation(false)),
			expect: failsWith(1002)
		},
		{
			id: '5.15',
			description:
				'Text message in 2 fragments, then a continuation (FIN = 0) with nothing to continue, then a text message: echo, then fail.',
			steps: [
				send(frame(1, f1, { fin: false }), frame(0, f2), frame(0, 'fragment3', { fin: false }), frame(1, 'fragment4'))
			],
			expect: failsWith(1002, [both])
		},
		{
			id: '5.16',
			description: 'Repeated 2x: continuation (FIN = 0) with nothing to continue, then a text message in 2 fragments.',
			steps: [send(...repeated(false))],
			expect: failsWith(1002)
		},
		{
			id: '5.17',
			description: 'Repeated 2x: continuation (FIN = 1) with nothing to continue, then a text message in 2 fragments.',
			steps: [send(...repeated(true))],
			expect: failsWith(1002)
		},
		{
			id: '5.18',
			description: 'Text message in 2 fragments, both with the text opcode.',
			steps: [send(frame(1, f1, { fin: false }), frame(1, f2))],
			expect: failsWith(1002)
		},
		{
			id: '5.19',
			description:
				'Fragmented text message with a ping after 2 fragments, a wait, 2 more fragments, another ping and the last fragment.',
			steps: case19(false),
			expect: expect19
		},
		{
			id: '5.20',
			description: 'Same as 5.19, frames written one by one (sync).',
			steps: case19(true),
			expect: expect19
		}
	];
}

export const framingCases: readonly ConformanceCase[] = [
	...framing(),
	...pings(),
	...reserved(),
	...opcodes(),
	...fragmentation()
];
