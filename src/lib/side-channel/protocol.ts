/**
 * The byte side channel (live mode): a WebSocket endpoint, `/_bytes`, on the project's echo server
 * and on the tap, that streams every byte of their WebSocket connections to a page, both
 * directions, the opening handshake included. The browser's WebSocket API hides those bytes (the
 * handshake, the mask keys, fragmentation, pings); the server sees them all.
 *
 * Every message is one JSON text message. Directions are named from the server's side:
 *   'in'   client to server (the browser's request, then its masked frames)
 *   'out'  server to client (the 101 answer, then unmasked frames)
 *
 *   { type: 'hello', version, server, target?, filter }      first message after the handshake
 *   { type: 'open', conn, t, remotePort, resource }          a WebSocket connection began
 *   { type: 'bytes', conn, dir, base64, t }                   bytes in wire order (or `hex`)
 *   { type: 'dropped', conn, dir, bytes, t }                  bytes left out: the page fell behind
 *   { type: 'close', conn, t }                                the TCP connection is gone
 *
 * A subscriber sees the connections opened after it subscribed; `/_bytes?session=X` limits it to
 * connections whose request target carries `session=X` (what the live page adds to its own URL).
 * This file is shared by the Node side (server/) and the page, so it imports nothing.
 */

export const SIDE_CHANNEL_PATH = '/_bytes';
export const SIDE_CHANNEL_VERSION = 1;
/** The query parameter the live page adds to its URL so it can find its own connection. */
export const SESSION_PARAM = 'session';

export type Direction = 'in' | 'out';

export type SideMessage =
	| {
			readonly type: 'hello';
			readonly version: number;
			/** 'echo' for the project's server, 'tap' for the tap. */
			readonly server: 'echo' | 'tap';
			/** The tap's real server. */
			readonly target?: string;
			/** The session this subscriber follows, or null for every connection. */
			readonly filter: string | null;
			readonly t: number;
	  }
	| {
			readonly type: 'open';
			readonly conn: number;
			readonly t: number;
			readonly remotePort: number;
			/** The request target as sent, e.g. "/?session=abc". */
			readonly resource: string;
	  }
	| {
			readonly type: 'bytes';
			readonly conn: number;
			readonly dir: Direction;
			readonly base64?: string;
			readonly hex?: string;
			readonly t: number;
	  }
	| {
			readonly type: 'dropped';
			readonly conn: number;
			readonly dir: Direction;
			readonly bytes: number;
			readonly t: number;
	  }
	| { readonly type: 'close'; readonly conn: number; readonly t: number };

/** The session a request target belongs to: `/?session=abc` gives "abc". */
export function sessionOf(resource: string): string | null {
	const q = resource.indexOf('?');
	if (q < 0) return null;
	for (const pair of resource.slice(q + 1).split('&')) {
		const eq = pair.indexOf('=');
		const name = eq < 0 ? pair : pair.slice(0, eq);
		if (name === SESSION_PARAM) {
			try {
				return decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1));
			} catch {
				return pair.slice(eq + 1);
			}
		}
	}
	return null;
}

const isDir = (v: unknown): v is Direction => v === 'in' || v === 'out';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Read one side-channel message, checking its shape: a page must not trust whatever answers on
 * /_bytes (another server might echo anything back). Returns null for anything else.
 */
export function parseSideMessage(text: unknown): SideMessage | null {
	if (typeof text !== 'string') return null;
	let m: Record<string, unknown>;
	try {
		const v = JSON.parse(text);
		if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
		m = v as Record<string, unknown>;
	} catch {
		return null;
	}
	switch (m.type) {
		case 'hello':
			if (!isNum(m.version) || (m.server !== 'echo' && m.server !== 'tap')) return null;
			return {
				type: 'hello',
				version: m.version,
				server: m.server,
				t: isNum(m.t) ? m.t : 0,
				filter: typeof m.filter === 'string' ? m.filter : null,
				...(typeof m.target === 'string' ? { target: m.target } : {})
			};
		case 'open':
			if (!isNum(m.conn) || typeof m.resource !== 'string') return null;
			return {
				type: 'open',
				conn: m.conn,
				t: isNum(m.t) ? m.t : 0,
				remotePort: isNum(m.remotePort) ? m.remotePort : 0,
				resource: m.resource
			};
		case 'bytes':
			if (!isNum(m.conn) || !isDir(m.dir) || (typeof m.base64 !== 'string' && typeof m.hex !== 'string')) return null;
			return {
				type: 'bytes',
				conn: m.conn,
				dir: m.dir,
				t: isNum(m.t) ? m.t : 0,
				...(typeof m.base64 === 'string' ? { base64: m.base64 } : { hex: m.hex as string })
			};
		case 'dropped':
			if (!isNum(m.conn) || !isDir(m.dir) || !isNum(m.bytes)) return null;
			return { type: 'dropped', conn: m.conn, dir: m.dir, bytes: m.bytes, t: isNum(m.t) ? m.t : 0 };
		case 'close':
			if (!isNum(m.conn)) return null;
			return { type: 'close', conn: m.conn, t: isNum(m.t) ? m.t : 0 };
		default:
			return null;
	}
}
