import { aloneSuite } from './alone';

// n8n 2.x (Node 24), one process, each package alone.
aloneSuite('2.41.1');
