import { queueSuite } from './queueSuite';

// n8n 1.x in queue mode: no cross-process refresh lock of its own.
queueSuite('1.123.81');
