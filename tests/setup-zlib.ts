// The engine's JavaScript DEFLATE is provided by the host (protocol/extensions/zlib.ts); in the tests,
// as in the server, from the start.
import * as pako from 'pako';
import { provideZlib } from '$lib/protocol';

provideZlib(pako);
