import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CredentialStore, executeNode } from '../../helpers/n8n';
import { useSandbox } from '../../helpers/sandbox';
import { connectedUser, nonPremiumProject, premiumSeries, rl, secretsInPlay, serviceClient, visibleText } from './fixtures';

const sandbox = useSandbox();

const PROJECT = '4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10';
const DAY = 'aa0c2a9e8b7d4c1f9a3e6b5d2c8f7a10';

/** Bad input must fail with a message naming what to fix, before anything reaches LockitNetwork. */
describe('LockitNetwork parameter validation', () => {
	const match = (fileNames: string, projectDayId = DAY): IDataObject => ({
		resource: 'clip',
		operation: 'match',
		projectId: rl(PROJECT),
		projectDayId: rl(projectDayId),
		fileNames,
	});

	const cases: Array<[string, IDataObject, IDataObject[] | undefined, RegExp]> = [
		['an empty file-name list', match(''), undefined, /^File Names is empty$/],
		['file names that are only separators', match(' ,\n , \r\n'), undefined, /^File Names is empty$/],
		['an empty list from an expression', match('={{ $json.files }}'), [{ files: [] }], /^File Names is empty$/],
		['a list of objects from an expression', match('={{ $json.files }}'), [{ files: [{ name: 'A001.mov' }] }], /^File Names must be text$/],
		['an empty project', { resource: 'project', operation: 'get', projectId: rl('') }, undefined, /^Project is required$/],
		['a project ID that is too short', { resource: 'project', operation: 'get', projectId: rl('4f0c2a9e') }, undefined, /^Project "4f0c2a9e" is not a valid ID$/],
		['a project ID with dashes', { resource: 'project', operation: 'get', projectId: rl('4f0c2a9e-8b7d-4c1f-9a3e-6b5d2c8f7a10') }, undefined, /is not a valid ID$/],
		['a project ID that would change the path', { resource: 'episode', operation: 'getMany', projectId: rl('../projects'), returnAll: true }, undefined, /^Project "\.\.\/projects" is not a valid ID$/],
		['a malformed episode ID', { resource: 'scene', operation: 'getMany', projectId: rl(PROJECT), episodeId: rl('zz0c2a9e8b7d4c1f9a3e6b5d2c8f7a10'), returnAll: true }, undefined, /^Episode "zz0c2a9e8b7d4c1f9a3e6b5d2c8f7a10" is not a valid ID$/],
		['a malformed scene ID', { resource: 'scene', operation: 'get', projectId: rl(PROJECT), episodeId: rl(DAY), sceneId: rl(`${PROJECT}0`) }, undefined, /^Scene "4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a100" is not a valid ID$/],
		['a malformed project day ID', match('A001C001.mov', 'day-1'), undefined, /^Project Day "day-1" is not a valid ID$/],
	];

	it.each(cases)('refuses %s with a NodeOperationError, without sending any request', async (_name, parameters, input, message) => {
		const store = new CredentialStore();
		const credential = serviceClient(store, sandbox.current);
		const error = await executeNode(store, { type: 'lockitNetwork', credential, parameters, input }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
		expect((error as NodeOperationError).description).toBeTruthy();
		// Not even a token request: validation runs before the credential is used.
		expect(sandbox.current.requests).toEqual([]);
	});

	it('with Continue On Fail, returns an error item for each bad item and results for the good ones', async () => {
		const store = new CredentialStore();
		const credential = serviceClient(store, sandbox.current);
		const { data, project, days } = premiumSeries(sandbox.current);
		const file = String(data.clips[String(days[0].uuid)][0].fileName);
		const items = await executeNode(store, {
			type: 'lockitNetwork',
			credential,
			continueOnFail: true,
			input: [
				{ project: project.uuid, files: file },
				{ project: 'not-an-id', files: file },
				{ project: project.uuid, files: '' },
				{ project: nonPremiumProject(sandbox.current).uuid, files: file },
			],
			parameters: {
				resource: 'clip',
				operation: 'match',
				projectId: rl('={{ $json.project }}'),
				projectDayId: rl(String(days[0].uuid)),
				fileNames: '={{ $json.files }}',
			},
		});
		expect(items.map((i) => [(i.pairedItem as { item: number }).item, i.json.fileName ?? i.json.error])).toEqual([
			[0, file],
			[1, 'Project "not-an-id" is not a valid ID'],
			[2, 'File Names is empty'],
			[3, 'LockitNetwork could not match clips: This endpoint is only available for premium projects. (premium_required)'],
		]);
		expect(items[3].json.description).toContain('only for premium projects');
		// Only the two valid items reached the API.
		// Reads run in parallel: in either order.
		expect(sandbox.current.requests.filter((r) => r.kind === 'api').map((r) => r.status).sort()).toEqual([200, 403]);
	});

	it('shows no client secret, access token or refresh token in outputs or errors', async () => {
		const store = new CredentialStore();
		const user = await connectedUser(store, sandbox.current);
		const service = serviceClient(store, sandbox.current);
		const { project, days } = premiumSeries(sandbox.current);
		const seen: string[] = [];
		const attempt = async (credential: typeof service, parameters: IDataObject, continueOnFail = false) => {
			try {
				seen.push(visibleText(await executeNode(store, { type: 'lockitNetwork', credential, parameters, continueOnFail })));
			} catch (error) {
				seen.push(visibleText(error));
			}
		};
		for (const credential of [user, service]) {
			await attempt(credential, { resource: 'project', operation: 'getMany', returnAll: true });
			await attempt(credential, { resource: 'project', operation: 'get', projectId: rl(String(nonPremiumProject(sandbox.current).uuid)) });
			await attempt(credential, { resource: 'projectDay', operation: 'getMany', projectId: rl(PROJECT), returnAll: true }, true);
			await attempt(credential, { resource: 'clip', operation: 'match', projectId: rl(String(project.uuid)), projectDayId: rl(String(days[0].uuid)), fileNames: 'x.mov' });
		}
		// A refresh the server refuses, and a client the server refuses.
		sandbox.current.oauth.lockitnetwork.expireAll('all');
		await attempt(user, { resource: 'project', operation: 'getMany', returnAll: true });
		store.update(service.id, { clientSecret: 'sbx-lockit-wrong-secret', oauthTokenData: {} });
		await attempt(service, { resource: 'project', operation: 'getMany', returnAll: true });

		expect(seen.some((text) => text.includes('needs to be reconnected'))).toBe(true);
		expect(seen.some((text) => text.includes('invalid_client'))).toBe(true);
		const secrets = [...secretsInPlay(sandbox.current, store, [user.id, service.id]), 'sbx-lockit-wrong-secret', String(user.oauthTokenData.access_token), String(user.oauthTokenData.refresh_token)];
		for (const text of seen) for (const secret of secrets) expect(text).not.toContain(secret);
	});
});
