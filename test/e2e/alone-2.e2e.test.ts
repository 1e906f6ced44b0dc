import { aloneSuite } from './alone';

// n8n 2.x (Node 24), one process, only n8n-nodes-tapkey installed.
aloneSuite('2.41.1');
