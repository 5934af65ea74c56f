// Everything the engine reports, in words: its errors, close codes, frame fields, handshake problems
// and usage errors, English and Korean side by side. The engine (src/lib/protocol) produces facts
// only; every page that shows one says it through these.
export * from './close-codes';
export * from './errors';
export * from './fields';
export * from './handshake';
export * from './usage';
