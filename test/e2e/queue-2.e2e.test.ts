import { queueSuite } from './queueSuite';

// n8n 2.x in queue mode: refreshes locked across workers in Redis.
queueSuite('2.41.1');
