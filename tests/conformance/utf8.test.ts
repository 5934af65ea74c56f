// Autobahn|Testsuite family 6: UTF-8 handling, fail-fast included.
import { utf8Cases } from './cases-utf8';
import { conformanceSuite } from './suite';

conformanceSuite('Family 6 (UTF-8)', utf8Cases);
