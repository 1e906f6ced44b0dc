'use strict';
/** What both benchmarks (`run.js`, `speed.js`) use: the sandbox's admin endpoints, a median, Ctrl-C. */
const { killAllSync } = require('../scripts/n8n/proc');

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
	};
}

/**
 * On Ctrl-C or SIGTERM, stops every n8n and child process the run started before exiting.
 * Returns the function that removes the handlers again.
 */
function stopOnSignal(log) {
	const onSignal = (signal) => {
		log(`${signal}: stopping`);
		killAllSync();
		process.exit(130);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	return () => {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	};
}

module.exports = { adminClient, median, stopOnSignal };
