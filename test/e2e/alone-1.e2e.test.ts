import { aloneSuite } from './alone';

// n8n 1.x (Node 20), one process, only n8n-nodes-tapkey installed.
aloneSuite('1.123.81');
