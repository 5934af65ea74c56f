/**
 * A raw-bytes WebSocket client for the conformance run, in the spirit of the Autobahn|Testsuite
 * fuzzing client: it writes exactly the bytes a case gives it, in exactly the chops the case asks for
 * (malformed frames included), and records what the server answers, frame by frame, with the engine's
 * own FrameDecoder. It never "fixes" anything; judging is left to the runner.
 */

import { errorDetail, headProblemText, responseProblemText } from '$lib/i18n/protocol';
import { connect, type Socket } from 'node:net';
import {
	FrameDecoder,
	Opcode,
	buildClientRequest,
	checkServerResponse,
	concat,
	encodeClosePayload,
	encodeFrame,
	parseClosePayload,
	readHead,
	type DecodedFrame,
	type ProtocolError
} from '$lib/protocol';

export type ReceivedEvent =
	| { readonly kind: 'message'; readonly opcode: 1 | 2; readonly data: Uint8Array; readonly at: number }
	| { readonly kind: 'ping' | 'pong'; readonly data: Uint8Array; readonly at: number }
	| { readonly kind: 'close'; readonly code: number | null; readonly reason: string; readonly at: number };

/** A fixed masking key and handshake key keep every run's bytes the same (RFC 6455 §5.3 wants random ones on real traffic). */
export const CLIENT_MASK = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

export class RawClient {
	readonly events: ReceivedEvent[] = [];
	/** Problems with what the server sent (a masked frame, a bad close payload...). */
	readonly serverViolations: string[] = [];
	/** Every byte this client wrote after the handshake. */
	readonly sent: Uint8Array[] = [];
	sentBytes = 0;
	/** When the server's FIN arrived (ms since start), or null. */
	finAt: number | null = null;
	/** A socket error, e.g. ECONNRESET (the server reset the connection instead of closing it). */
	error: string | null = null;
	/** Did this client send a close frame before the server sent one? */
	clientClosedFirst = false;
	clientSentClose = false;
	socketClosed = false;

	private readonly socket: Socket;
	private readonly decoder = new FrameDecoder({ expectMasked: 'unmasked', onError: 'continue' });
	private fragments: DecodedFrame[] = [];
	private readonly start = performance.now();
	private waiters: (() => void)[] = [];

	private constructor(socket: Socket) {
		this.socket = socket;
	}

	/** Connect and complete the opening handshake (that part is the engine's, and not what is tested here). */
	static async connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
		const socket = connect({ port, host, noDelay: true });
		const client = new RawClient(socket);
		let timer: ReturnType<typeof setTimeout> | undefined;
		const handshake = new Promise<void>((resolve, reject) => {
			timer = setTimeout(() => reject(new Error('no handshake answer within 5 s')), 5000);
			let head: Uint8Array = new Uint8Array(0);
			const onData = (chunk: Buffer) => {
				head = concat([head, chunk]);
				const r = readHead(head);
				if (r.kind === 'incomplete') return;
				socket.off('data', onData);
				if (r.kind === 'error') return reject(new Error(`bad handshake answer: ${headProblemText(r.problem, 'en')}`));
				const check = checkServerResponse(r.head, { key: KEY });
				if (!check.ok) return reject(new Error(`handshake refused: ${responseProblemText(check.problem, 'en')}`));
				socket.off('error', reject);
				client.listen();
				const rest = head.subarray(r.head.length);
				if (rest.length) client.onData(rest);
				resolve();
			};
			socket.on('data', onData);
			socket.once('error', reject);
			socket.once('connect', () => socket.write(buildClientRequest({ uri: `ws://${host}:${port}/`, key: KEY }).bytes));
		});
		try {
			await handshake;
		} catch (err) {
			socket.destroy();
			throw err;
		} finally {
			clearTimeout(timer);
		}
		return client;
	}

	private listen(): void {
		this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
		this.socket.on('end', () => {
			this.finAt = this.now();
			// The server closed first, as it should (RFC 6455 §7.1.1); now this end closes too.
			this.socket.end();
			this.wake();
		});
		this.socket.on('error', (e: NodeJS.ErrnoException) => {
			this.error = e.code ?? e.message;
			this.wake();
		});
		this.socket.on('close', () => {
			this.socketClosed = true;
			this.wake();
		});
	}

	now(): number {
		return performance.now() - this.start;
	}

	get serverClose(): Extract<ReceivedEvent, { kind: 'close' }> | undefined {
		return this.events.find((e): e is Extract<ReceivedEvent, { kind: 'close' }> => e.kind === 'close');
	}

	/** Write bytes as one chop, or in chops of `chop` bytes, each its own write to the kernel. */
	async write(bytes: Uint8Array, chop?: number): Promise<void> {
		if (this.socket.destroyed || this.socket.writableEnded) return;
		this.sent.push(bytes);
		this.sentBytes += bytes.length;
		if (!chop || chop >= bytes.length) {
			await this.writeChunk(bytes);
			return;
		}
		for (let i = 0; i < bytes.length; i += chop) await this.writeChunk(bytes.subarray(i, i + chop));
	}

	private writeChunk(bytes: Uint8Array): Promise<void> {
		if (this.socket.destroyed || this.socket.writableEnded) return Promise.resolve();
		// Wait for the write to be handed to the kernel: the next chop is a separate TCP write.
		return new Promise((resolve) => this.socket.write(bytes, () => resolve()));
	}

	/** Send a close frame (masked, like every client frame). */
	async sendClose(code: number | null = 1000): Promise<void> {
		this.noteClose();
		await this.write(
			encodeFrame({ opcode: Opcode.Close, payload: encodeClosePayload(code ?? undefined), mask: CLIENT_MASK })
		);
	}

	noteClose(): void {
		if (!this.serverClose) this.clientClosedFirst = true;
		this.clientSentClose = true;
	}

	/** Resolve when `ready()` holds, or after `ms` (then resolve false). */
	async until(ready: () => boolean, ms: number): Promise<boolean> {
		const deadline = performance.now() + ms;
		while (!ready()) {
			const left = deadline - performance.now();
			if (left <= 0) return false;
			await new Promise<void>((resolve) => {
				const t = setTimeout(done, left);
				function done() {
					clearTimeout(t);
					resolve();
				}
				this.waiters.push(done);
			});
		}
		return true;
	}

	get transportGone(): boolean {
		return this.finAt !== null || this.error !== null || this.socketClosed;
	}

	destroy(): void {
		this.socket.destroy();
	}

	private wake(): void {
		const w = this.waiters;
		this.waiters = [];
		for (const f of w) f();
	}

	private onData(chunk: Uint8Array): void {
		for (const r of this.decoder.push(chunk)) {
			if (r.type === 'error') {
				this.serverViolations.push(describe(r.error));
				continue;
			}
			const f = r.frame;
			for (const e of f.errors) this.serverViolations.push(describe(e));
			this.onFrame(f);
		}
		this.wake();
	}

	private onFrame(f: DecodedFrame): void {
		const at = this.now();
		if (f.opcode === Opcode.Ping || f.opcode === Opcode.Pong) {
			this.events.push({ kind: f.opcode === Opcode.Ping ? 'ping' : 'pong', data: f.payload, at });
			return;
		}
		if (f.opcode === Opcode.Close) {
			const c = parseClosePayload(f.payload);
			if (!c.ok) this.serverViolations.push(`close payload: ${describe(c.error)}`);
			const first = !this.serverClose;
			this.events.push({ kind: 'close', code: c.code, reason: c.ok ? c.reason : '', at });
			// Answer a close the server started (RFC 6455 §5.5.1), as Autobahn's client does.
			if (first && !this.clientSentClose) void this.sendClose(c.ok ? c.code : 1002);
			return;
		}
		if (f.opcode === Opcode.Continuation && this.fragments.length === 0) {
			this.serverViolations.push('a continuation frame with no message to continue');
			return;
		}
		this.fragments.push(f);
		if (!f.fin) return;
		const opcode = this.fragments[0].opcode as 1 | 2;
		// Payloads are the decoder's own buffers or views of socket chunks, which Node never reuses.
		const message =
			this.fragments.length === 1 ? this.fragments[0].payload : concat(this.fragments.map((x) => x.payload));
		this.fragments = [];
		this.events.push({ kind: 'message', opcode, data: message, at });
	}
}

function describe(e: ProtocolError): string {
	const detail = errorDetail(e, 'en');
	return `${e.code}${detail ? ` (${detail})` : ''}`;
}
