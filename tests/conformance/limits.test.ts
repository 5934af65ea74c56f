// Autobahn|Testsuite families 9 and 10: messages and fragments up to 16 MiB, auto-fragmentation.
import { limitCases } from './cases-limits';
import { conformanceSuite } from './suite';

// CONFORMANCE_ROUND_TRIPS scales 9.7/9.8 down (Autobahn sends 1000 messages per size); sizes never change.
conformanceSuite(
	'Families 9-10 (limits, auto-fragmentation)',
	limitCases(Number(process.env.CONFORMANCE_ROUND_TRIPS) || 1000)
);
