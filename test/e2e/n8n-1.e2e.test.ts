import { n8nSuite } from './suite';

// n8n 1.x, on the Node 22 its install folder carries.
n8nSuite('1.123.81');
