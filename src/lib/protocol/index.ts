/**
 * The Frame by Frame WebSocket engine (RFC 6455, RFC 7692), sans-I/O: bytes in, events and bytes
 * out, every fact as data. The folders say what each part is: framing/ (frames, masking, UTF-8,
 * close codes), handshake/ (HTTP, the opening handshake of each role), extensions/
 * (permessage-deflate), reader/ (the one reader: heads, frames, messages), connection/ (the state
 * table, events, the Connection).
 */
export * from './bytes';
export * from './connection/connection';
export * from './connection/events';
export * from './connection/states';
export * from './errors';
export * from './extensions/deflate';
export * from './extensions/zlib';
export * from './extensions/extensions';
export * from './framing/annotate';
export * from './framing/close-codes';
export * from './framing/decoder';
export * from './framing/frame';
export * from './framing/header-rules';
export * from './framing/mask';
export * from './framing/opcode';
export * from './framing/utf8';
export * from './handshake/accept';
export * from './handshake/base64';
export * from './handshake/client';
export * from './handshake/http';
export * from './handshake/server';
export * from './handshake/sha1';
export * from './handshake/uri';
export * from './random';
export * from './reader/assembler';
export * from './reader/observed';
export * from './reader/reader';
export * from './types';
