'use strict';
/**
 * What the benchmarks (`run.js`, `speed.js`, `soak.js`) share: the sandbox's admin endpoints, a
 * median, n8n's OAuth2 Connect flow, n8n's generic OAuth2 credential for a sandbox client, message
 * cleaning, Ctrl-C.
 */
const { killAllSync } = require('../scripts/n8n/proc');
const fixtures = require('../scripts/n8n/fixtures');
const { connectOAuth2: connectInBrowser } = require('../scripts/n8n/connect');

/** The median of the numbers in `values` (others ignored); null when there are none. */
function median(values) {
	const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
	if (!v.length) return null;
	return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

/** The provider sandbox's `/__admin` endpoints over HTTP. */
function adminClient(sandboxUrl) {
	const call = async (method, route, body) => {
		const res = await fetch(`${sandboxUrl}/__admin${route}`, {
			method,
			headers: body ? { 'Content-Type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		if (!res.ok) throw new Error(`sandbox ${method} ${route} -> ${res.status}`);
		return res.status === 204 ? undefined : res.json();
	};
	return {
		reset: (seed) => call('POST', '/reset', { seed }),
		requests: (provider) => call('GET', `/requests?provider=${provider}`),
		clearRequests: () => call('DELETE', '/requests'),
		addFault: (fault) => call('POST', '/faults', fault),
		clearFaults: () => call('DELETE', '/faults'),
		expire: (provider, kind = 'access') => call('POST', '/tokens/expire', { provider, kind }),
		config: (provider, body) => call('POST', '/config', { provider, ...body }),
		data: (provider) => call('GET', `/data/${provider}`),
		state: () => call('GET', '/state'),
	};
}

/** n8n's "Connect" as a person does it (scripts/n8n/connect.js), failing unless n8n says it worked. */
async function connectOAuth2(n8n, credentialId) {
	const callback = await connectInBrowser(n8n, credentialId);
	if (callback.status !== 200 || /error/i.test(callback.html)) throw new Error(`OAuth2 callback failed (${callback.status})`);
}

/**
 * n8n's generic OAuth2 credential (`oAuth2Api`, what a user without this package takes) for the
 * same sandbox client, grant and URLs as one of this package's sandbox credentials
 * (`fixtures.sandboxCredentials`). `scope` defaults to every scope the client is registered for.
 */
function genericOAuth2Credential(sandbox, credential, { id, name, scope } = {}) {
	const client = sandbox.clients[credential.provider].find((c) => c.clientId === credential.data.clientId);
	const urls = sandbox.urls[credential.provider];
	return {
		id: id ?? fixtures.shortId(`generic:${credential.provider}:${credential.grant}`),
		name: name ?? `${credential.provider} generic OAuth2 (${credential.grant})`,
		type: 'oAuth2Api',
		provider: credential.provider,
		grant: credential.grant,
		data: {
			grantType: credential.grant,
			...(credential.grant === 'clientCredentials' ? {} : { authUrl: urls.authUrl, authQueryParameters: '' }),
			accessTokenUrl: urls.accessTokenUrl,
			clientId: client.clientId,
			clientSecret: client.clientSecret,
			scope: scope ?? client.scopes.join(' '),
			authentication: 'body',
		},
	};
}

/** Drops anything token-shaped and the random sandbox address from a message before it is stored. */
function clean(text, sandboxUrl) {
	return String(text ?? '')
		.split(sandboxUrl)
		.join('<sandbox>')
		.replace(/\b(at|rt|code)_[A-Za-z0-9_-]{16,}/g, '$1_…')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 300);
}

/**
 * On Ctrl-C or SIGTERM, stops every n8n and child process the run started before exiting, then
 * runs `afterStop` (synchronous; e.g. deleting temporary folders) if given.
 * Returns the function that removes the handlers again.
 */
function stopOnSignal(log, afterStop) {
	const onSignal = (signal) => {
		log(`${signal}: stopping`);
		killAllSync();
		try {
			afterStop?.();
		} catch (error) {
			log(`cleaning up after ${signal}: ${error.message}`);
		}
		process.exit(130);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	return () => {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	};
}

module.exports = { adminClient, clean, connectOAuth2, genericOAuth2Credential, median, stopOnSignal };
