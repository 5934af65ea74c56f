// Autobahn|Testsuite family 7: the closing handshake and close codes.
import { closeCases } from './cases-close';
import { conformanceSuite } from './suite';

conformanceSuite('Family 7 (closing)', closeCases);
