/** Types every part of the engine shares. */

/** The two ends of a WebSocket connection (RFC 6455 §1.2). */
export type Role = 'client' | 'server';

/** The other end. */
export function peerOf(role: Role): Role {
	return role === 'client' ? 'server' : 'client';
}

/** Where a rule comes from: 'RFC 6455 §5.2', 'RFC 7692 §7.1.2.2'. Every fact the engine reports carries one. */
export type RfcSection = `RFC ${number}` | `RFC ${number} §${string}`;

/**
 * A family of problems as data: each member is `{ code, params }`, its parameters typed by its code.
 * `Coded<{ KEY_LENGTH: { bytes: number } }>` is `{ code: 'KEY_LENGTH'; params: { bytes: number } }`.
 * The words for every code of a family live in src/lib/i18n, in a table typed by the same map.
 */
export type Coded<M> = { readonly [C in keyof M]: { readonly code: C; readonly params: M[C] } }[keyof M];

/** Build one member of a Coded family. */
export function coded<M, C extends keyof M>(code: C, params: M[C]): Extract<Coded<M>, { code: C }> {
	return { code, params } as unknown as Extract<Coded<M>, { code: C }>;
}
