import { n8nSuite } from './suite';

// n8n 2.x on the Node 24 its install folder carries.
n8nSuite('2.41.1');
