/**
 * The connection's states and every transition between them, in one table (like h11's state
 * machine). The four states are the ones RFC 6455 names and the WebSocket API reports; CLOSING is
 * split in two because what an endpoint may still do depends on whose close frame went first:
 *
 *   phase            state        reads  sends data  answers pings
 *   CONNECTING       CONNECTING   yes    no          no             the opening handshake (§4)
 *   OPEN             OPEN         yes    yes         yes            §4.1: "_The WebSocket Connection is Established_"
 *   CLOSE_SENT       CLOSING      yes    no          yes            our close is out; we read until theirs (§7.1.2)
 *   CLOSE_RECEIVED   CLOSING      no     no          no             theirs arrived; we answer at once (§5.5.1)
 *   CLOSED           CLOSED       no     no          no             §7.1.4
 *
 *   from \ on        accept  refuse  send-close      receive-close   fail    transport-closed
 *   CONNECTING       OPEN    CLOSED  .               .               CLOSED  CLOSED
 *   OPEN             .       .       CLOSE_SENT      CLOSE_RECEIVED  CLOSED  CLOSED
 *   CLOSE_SENT       .       .       .               CLOSED          CLOSED  CLOSED
 *   CLOSE_RECEIVED   .       .       CLOSED          .               CLOSED  CLOSED
 *   CLOSED           .       .       .               .               .       CLOSED
 *
 * The side that answers a close passes through CLOSING (CLOSE_RECEIVED) on its way to CLOSED, as
 * the side that started the closing handshake does (CLOSE_SENT); the engine reports both changes.
 */

import { WebSocketUsageError } from '../errors';

/** The state as RFC 6455 and the WebSocket API name it. */
export type ConnectionState = 'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED';

export type Phase = 'CONNECTING' | 'OPEN' | 'CLOSE_SENT' | 'CLOSE_RECEIVED' | 'CLOSED';

export type Transition = 'accept' | 'refuse' | 'send-close' | 'receive-close' | 'fail' | 'transport-closed';

interface PhaseFacts {
	readonly state: ConnectionState;
	/** Bytes from the peer are still read (after its close frame, nothing is: §5.5.1). */
	readonly reads: boolean;
	/** Data frames may be sent (not after our close frame: §5.5.1). */
	readonly sendsData: boolean;
	/** A ping is answered, "unless it already received a Close frame" (§5.5.2). */
	readonly answersPings: boolean;
	readonly on: Partial<Record<Transition, Phase>>;
}

export const PHASES: { readonly [P in Phase]: PhaseFacts } = {
	CONNECTING: {
		state: 'CONNECTING',
		reads: true,
		sendsData: false,
		answersPings: false,
		on: { accept: 'OPEN', refuse: 'CLOSED', fail: 'CLOSED', 'transport-closed': 'CLOSED' }
	},
	OPEN: {
		state: 'OPEN',
		reads: true,
		sendsData: true,
		answersPings: true,
		on: { 'send-close': 'CLOSE_SENT', 'receive-close': 'CLOSE_RECEIVED', fail: 'CLOSED', 'transport-closed': 'CLOSED' }
	},
	CLOSE_SENT: {
		state: 'CLOSING',
		reads: true,
		sendsData: false,
		answersPings: true,
		on: { 'receive-close': 'CLOSED', fail: 'CLOSED', 'transport-closed': 'CLOSED' }
	},
	CLOSE_RECEIVED: {
		state: 'CLOSING',
		reads: false,
		sendsData: false,
		answersPings: false,
		on: { 'send-close': 'CLOSED', fail: 'CLOSED', 'transport-closed': 'CLOSED' }
	},
	CLOSED: { state: 'CLOSED', reads: false, sendsData: false, answersPings: false, on: { 'transport-closed': 'CLOSED' } }
};

/** Where `transition` leads from `phase`, or null when the table has no such move. */
export function nextPhase(phase: Phase, transition: Transition): Phase | null {
	return PHASES[phase].on[transition] ?? null;
}

/** Like nextPhase, for moves the engine itself makes: one the table lacks is a bug, said loudly. */
export function mustMove(phase: Phase, transition: Transition): Phase {
	const next = nextPhase(phase, transition);
	if (next === null) throw new WebSocketUsageError('NOT_OPEN', { phase, transition });
	return next;
}
