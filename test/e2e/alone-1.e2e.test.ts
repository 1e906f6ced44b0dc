import { aloneSuite } from './alone';

// n8n 1.x (on its Node 22), one process, each package alone.
aloneSuite('1.123.81');
