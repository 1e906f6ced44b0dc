import type { IDataObject } from 'n8n-workflow';

import type { LockitNetworkSandbox } from '../../../sandbox/providers/lockitnetwork';
import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { lockitData, premiumSeries, rl, serviceClient } from './fixtures';

const sandbox = useSandbox();

function setup() {
	const store = new CredentialStore();
	const credential = serviceClient(store, sandbox.current);
	const run = async (parameters: IDataObject, input?: IDataObject[]) =>
		(
			await executeNode(store, {
				type: 'lockitNetwork',
				credential,
				parameters: { operation: 'getMany', returnAll: true, ...parameters },
				input,
			})
		).map((item) => item.json);
	return { ...premiumSeries(sandbox.current), run };
}

const calls = () => apiCalls(sandbox.current, 'lockitnetwork').map((r) => `${r.method} ${r.path}?${r.query ?? ''}`);

describe('LockitNetwork Simplify', () => {
	it('keeps the name, series and premium flags of each project', async () => {
		const { run } = setup();
		expect(await run({ resource: 'project', simplify: true })).toEqual(
			lockitData(sandbox.current).projects.map(({ uuid, name, isSeries, isPremium }) => ({ uuid, name, isSeries, isPremium })),
		);
	});

	it('keeps the number and name of each episode', async () => {
		const { project, episodes, run } = setup();
		expect(await run({ resource: 'episode', projectId: rl(String(project.uuid)), simplify: true })).toEqual(
			episodes.map(({ uuid, episodeNumber, episodeName }) => ({ uuid, episodeNumber, episodeName })),
		);
	});

	it('keeps number, letter, content, interior/exterior, day/night and sets of each scene', async () => {
		const { project, episodes, scenes, run } = setup();
		const simplified = await run({
			resource: 'scene',
			projectId: rl(String(project.uuid)),
			episodeId: rl(String(episodes[0].uuid)),
			simplify: true,
		});
		expect(simplified).toEqual(
			scenes.map(({ uuid, number, additional, content, inOut, dayNight, sets }) => ({
				uuid,
				number,
				additional,
				content,
				inOut,
				dayNight,
				sets,
			})),
		);
		// Scene 4 is 4A: the letter a script supervisor writes on the slate is kept.
		expect(simplified[3]).toMatchObject({ number: 4, additional: 'A' });
	});

	it('keeps the number, date and unit of each shooting day', async () => {
		const { project, days, run } = setup();
		expect(await run({ resource: 'projectDay', projectId: rl(String(project.uuid)), simplify: true })).toEqual(
			days.map(({ uuid, day, prefix, suffix, date, unit }) => ({ uuid, day, prefix, suffix, date, unit })),
		);
	});

	it('is off unless chosen, so saved workflows keep getting the full records', async () => {
		const { project, episodes, days, run } = setup();
		expect(await run({ resource: 'episode', projectId: rl(String(project.uuid)) })).toEqual(episodes);
		expect(await run({ resource: 'projectDay', projectId: rl(String(project.uuid)), simplify: false })).toEqual(days);
	});

	it('sends the same requests and applies Limit the same way with and without Simplify', async () => {
		const { project, run } = setup();
		const parameters = { resource: 'projectDay', projectId: rl(String(project.uuid)), returnAll: false, limit: 2 };
		const full = await run(parameters);
		const fullCalls = calls();
		sandbox.current.requests.length = 0;
		const simplified = await run({ ...parameters, simplify: true });
		expect(calls()).toEqual(fullCalls);
		expect(simplified.map((day) => day.uuid)).toEqual(full.map((day) => day.uuid));
		expect(simplified).toHaveLength(2);
	});

	it('leaves out a field the record does not have rather than inventing it', async () => {
		const { project, run } = setup();
		// The sandbox is reset before each test.
		const provider = sandbox.current.providers.lockitnetwork as LockitNetworkSandbox;
		delete provider.data.projectDays.get(String(project.uuid))![0].unit;
		const [first, second] = await run({ resource: 'projectDay', projectId: rl(String(project.uuid)), simplify: true });
		expect(first).not.toHaveProperty('unit');
		expect(first).toHaveProperty('date');
		expect(second).toHaveProperty('unit', 'Second Unit');
	});

	it('reads Simplify per input item', async () => {
		const { project, episodes, run } = setup();
		const items = await run({ resource: 'episode', projectId: rl(String(project.uuid)), simplify: '={{ $json.short }}' }, [
			{ short: true },
			{ short: false },
		]);
		expect(items).toEqual([
			...episodes.map(({ uuid, episodeNumber, episodeName }) => ({ uuid, episodeNumber, episodeName })),
			...episodes,
		]);
	});
});
