import { directoryLines, sandboxDirectory, startSandbox } from './index';

/**
 * `npm run sandbox [-- --port 4010 --host 127.0.0.1 --quiet]`: the provider emulators on loopback.
 * Prints the URLs a credential's "custom" environment needs; request lines never show secrets.
 */
async function main() {
	const args = process.argv.slice(2);
	const option = (name: string) => {
		const index = args.indexOf(`--${name}`);
		return index >= 0 ? args[index + 1] : undefined;
	};
	const quiet = args.includes('--quiet');
	const sandbox = await startSandbox({
		host: option('host') ?? process.env.SANDBOX_HOST ?? '127.0.0.1',
		port: Number(option('port') ?? process.env.SANDBOX_PORT ?? 4010),
		log: quiet ? undefined : (line) => console.log(line),
	});
	console.log(`Provider sandbox listening on ${sandbox.url} (open it for this list and the admin endpoints)`);
	for (const line of directoryLines(sandboxDirectory(sandbox.url, Object.values(sandbox.providers)))) console.log(`  ${line}`);
	const { clients, providers } = sandbox.tokenExchange;
	console.log(
		`  tapkey: token exchange for clients ${clients.RS256.clientId} (identity provider ${providers.RS256.id}, RS256) and ${clients.HS256.clientId} (${providers.HS256.id}, HS256; see sandbox/tokenExchange.ts)`,
	);
	console.log(`  lockitnetwork: API tokens accepted in the "${sandbox.apiTokens.lockitnetwork.header}" header, as Authorization: Bearer or in the "${sandbox.apiTokens.lockitnetwork.query}" query parameter, one of them per request (see sandbox/apiTokens.ts)`);
	console.log(`  admin: ${sandbox.url}/__admin/requests (request log), /__admin/faults, /__admin/reset`);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
