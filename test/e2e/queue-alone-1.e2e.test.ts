import { queueAloneSuite } from './queueAlone';

// n8n 1.x (on its Node 22) in queue mode, each package alone.
queueAloneSuite('1.123.81');
