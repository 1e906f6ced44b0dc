import { queueAloneSuite } from './queueAlone';

// n8n 2.x (Node 24) in queue mode, each package alone.
queueAloneSuite('2.41.1');
