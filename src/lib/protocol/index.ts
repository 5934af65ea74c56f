/** The Frame by Frame WebSocket engine (RFC 6455), sans-I/O. */
export * from './base64';
export * from './close-codes';
export * from './connection';
export * from './decoder';
export * from './deflate';
export * from './errors';
export * from './extensions';
export * from './frame';
export * from './handshake';
export * from './http';
export * from './mask';
export * from './message';
export * from './opcode';
export * from './random';
export * from './sha1';
export * from './uri';
export * from './utf8';
