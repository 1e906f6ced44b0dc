import { request } from 'undici';

import { useSandbox } from '../../helpers/sandbox';

const sandbox = useSandbox();

describe('the sandbox root page', () => {
	it('lists per provider the three URLs of a "Custom URLs" credential, every client per grant, and the admin endpoints', async () => {
		const response = await request(`${sandbox.current.url}/`, { headers: { accept: 'text/html' } });
		expect(response.statusCode).toBe(200);
		expect(response.headers['content-type']).toMatch(/^text\/html/);
		const html = await response.body.text();

		for (const [provider, urls] of Object.entries(sandbox.current.urls)) {
			for (const url of [urls.authUrl, urls.accessTokenUrl, urls.baseUrl]) expect(html).toContain(`<code>${url}</code>`);
			for (const client of sandbox.current.clients[provider as keyof typeof sandbox.current.urls]) {
				expect(html).toContain(`<code>${client.clientId}</code>`);
				if (client.clientSecret) expect(html).toContain(`<code>${client.clientSecret}</code>`);
			}
		}
		expect(html).toMatch(/<td>Authorization Code with PKCE<\/td><td><code>taptouch-pkce<\/code><\/td><td>\(none: public client\)<\/td><td><code>integration\.store<\/code>/);
		expect(html).toMatch(/<td>Client Credentials<\/td><td><code>taptouch-service<\/code><\/td><td><code>[^<]+<\/code><\/td><td><code>integration\.store integration\.order integration\.inventory<\/code>/);
		for (const route of ['/__admin/requests', '/__admin/faults', '/__admin/tokens/expire', '/__admin/reset', '/__admin/data/&lt;provider&gt;']) {
			expect(html).toContain(route);
		}
		// The page is not an API call: it leaves the request log to the providers.
		expect(sandbox.current.requests).toEqual([]);
	});

	it('still answers JSON status to a client asking for JSON', async () => {
		const response = await request(`${sandbox.current.url}/`, { headers: { accept: 'application/json' } });
		expect(await response.body.json()).toEqual({ ok: true, providers: ['tapkey', 'taptouch', 'lockitnetwork'] });
	});
});
