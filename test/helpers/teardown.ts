// n8n-core's SSH tunnel manager starts a cleanup interval as soon as a node context is built;
// n8n stops it on shutdown, so the tests do too.
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

afterAll(() => {
	Container.get(SSHClientsManager).onShutdown();
});
