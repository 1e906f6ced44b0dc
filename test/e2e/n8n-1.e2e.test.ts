import { n8nSuite } from './suite';

// n8n 1.x on the Node 20 this project runs on.
n8nSuite('1.123.81');
