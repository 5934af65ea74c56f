// Autobahn|Testsuite families 1-5: framing, ping/pong, reserved bits, opcodes, fragmentation.
import { framingCases } from './cases-framing';
import { conformanceSuite } from './suite';

conformanceSuite('Families 1-5 (framing, pings, reserved bits, opcodes, fragmentation)', framingCases);
