import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode, searchList } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { lockitData, nonPremiumProject, premiumSeries, rl, serviceClient } from './fixtures';

const sandbox = useSandbox();

function setup() {
	const store = new CredentialStore();
	const credential = serviceClient(store, sandbox.current);
	const run = (parameters: IDataObject, extra: IDataObject = {}) =>
		executeNode(store, { type: 'lockitNetwork', credential, parameters, ...extra });
	return { store, credential, run };
}

const calls = () => apiCalls(sandbox.current, 'lockitnetwork').map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`);

describe('LockitNetwork operations through n8n-core', () => {
	it('lists every project with Return All, one item per project', async () => {
		const { run } = setup();
		const items = await run({ resource: 'project', operation: 'getMany', returnAll: true });
		const projects = lockitData(sandbox.current).projects;
		expect(projects).toHaveLength(12);
		expect(items).toEqual(projects.map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(calls()).toEqual(['GET /projects']);
	});

	it('applies Limit locally: one unpaged request, the first Limit records', async () => {
		const { run } = setup();
		const items = await run({ resource: 'project', operation: 'getMany', returnAll: false, limit: 5 });
		expect(items.map((i) => i.json)).toEqual(lockitData(sandbox.current).projects.slice(0, 5));
		expect(calls()).toEqual(['GET /projects']);
	});

	it('gets a premium project by ID and from the list', async () => {
		const { run } = setup();
		const { project } = premiumSeries(sandbox.current);
		for (const mode of ['id', 'list'] as const) {
			const items = await run({ resource: 'project', operation: 'get', projectId: rl(String(project.uuid), mode) });
			expect(items).toEqual([{ json: project, pairedItem: { item: 0 } }]);
		}
		expect(calls()).toEqual([`GET /projects/${project.uuid}`, `GET /projects/${project.uuid}`]);
	});

	it('answers in the record shapes of LockitNetwork\'s API reference', async () => {
		const { run } = setup();
		const { project, episodes, scenes } = premiumSeries(sandbox.current);
		const [projectItem] = await run({ resource: 'project', operation: 'get', projectId: rl(String(project.uuid)) });
		expect(Object.keys(projectItem.json).sort()).toEqual(
			['created', 'isPremium', 'isSeries', 'name', 'productionCompany', 'uuid'].sort(),
		);
		expect(typeof projectItem.json.created).toBe('number');
		const [episodeItem] = await run({
			resource: 'episode',
			operation: 'get',
			projectId: rl(String(project.uuid)),
			episodeId: rl(String(episodes[0].uuid)),
		});
		expect(episodeItem.json).toEqual({
			uuid: episodes[0].uuid,
			episodeNumber: 101,
			episodeName: 'Low Tide',
			scheduledRunningTime: expect.any(Number),
			created: expect.any(Number),
		});
		const [sceneItem] = await run({
			resource: 'scene',
			operation: 'get',
			projectId: rl(String(project.uuid)),
			episodeId: rl(String(episodes[0].uuid)),
			sceneId: rl(String(scenes[0].uuid)),
		});
		expect(Object.keys(sceneItem.json).sort()).toEqual(
			['additional', 'comment', 'content', 'dayNight', 'episode', 'inOut', 'motherScene', 'number', 'sets', 'uuid'].sort(),
		);
		expect(sceneItem.json).toMatchObject({ episode: episodes[0].uuid, number: 1, inOut: 'EXT', dayNight: 'DAY' });
	});

	it('lists and gets episodes of a project', async () => {
		const { run } = setup();
		const { project, episodes } = premiumSeries(sandbox.current);
		const list = await run({ resource: 'episode', operation: 'getMany', projectId: rl(String(project.uuid)), returnAll: true });
		expect(list.map((i) => i.json)).toEqual(episodes);
		const limited = await run({ resource: 'episode', operation: 'getMany', projectId: rl(String(project.uuid)), returnAll: false, limit: 2 });
		expect(limited.map((i) => i.json)).toEqual(episodes.slice(0, 2));
		const one = await run({
			resource: 'episode',
			operation: 'get',
			projectId: rl(String(project.uuid)),
			episodeId: rl(String(episodes[1].uuid), 'list'),
		});
		expect(one.map((i) => i.json)).toEqual([episodes[1]]);
		expect(calls()).toEqual([
			`GET /projects/${project.uuid}/episodes`,
			`GET /projects/${project.uuid}/episodes`,
			`GET /projects/${project.uuid}/episodes/${episodes[1].uuid}`,
		]);
	});

	it('lists and gets scenes of an episode', async () => {
		const { run } = setup();
		const { project, episodes, scenes } = premiumSeries(sandbox.current);
		const base = { projectId: rl(String(project.uuid)), episodeId: rl(String(episodes[0].uuid)) };
		const list = await run({ resource: 'scene', operation: 'getMany', ...base, returnAll: true });
		expect(list.map((i) => i.json)).toEqual(scenes);
		const limited = await run({ resource: 'scene', operation: 'getMany', ...base, returnAll: false, limit: 4 });
		expect(limited).toHaveLength(4);
		const one = await run({ resource: 'scene', operation: 'get', ...base, sceneId: rl(String(scenes[3].uuid)) });
		expect(one.map((i) => i.json)).toEqual([scenes[3]]);
		expect(calls()).toEqual([
			`GET /projects/${project.uuid}/episodes/${episodes[0].uuid}/scenes`,
			`GET /projects/${project.uuid}/episodes/${episodes[0].uuid}/scenes`,
			`GET /projects/${project.uuid}/episodes/${episodes[0].uuid}/scenes/${scenes[3].uuid}`,
		]);
	});

	it('lists the shooting days of a project in LockitNetwork\'s shape', async () => {
		const { run } = setup();
		const { project, days } = premiumSeries(sandbox.current);
		const items = await run({ resource: 'projectDay', operation: 'getMany', projectId: rl(String(project.uuid)), returnAll: true });
		expect(items.map((i) => i.json)).toEqual(days);
		expect(Object.keys(items[0].json).sort()).toEqual(
			['date', 'day', 'episodeBlock', 'prefix', 'project', 'suffix', 'unit', 'uuid'].sort(),
		);
		expect(items[0].json.date).toEqual({ year: 2026, month: 3, day: 9 });
	});

	it('matches clips from a comma- and newline-separated list: one item per file, unmatched files say so', async () => {
		const { run } = setup();
		const { data, project, days } = premiumSeries(sandbox.current);
		const clips = data.clips[String(days[0].uuid)];
		const names = [String(clips[0].fileName), `${String(clips[2].fileName).replace('.mov', '.MXF')}`, 'B999C999_000000_XXXX.mov'];
		const items = await run({
			resource: 'clip',
			operation: 'match',
			projectId: rl(String(project.uuid)),
			projectDayId: rl(String(days[0].uuid), 'list'),
			fileNames: `${names[0]}, ${names[1]}\n${names[2]}\n`,
		});
		expect(items.map((i) => i.json)).toEqual([
			{ fileName: names[0], matched: true, episode: clips[0].episode, scene: clips[0].scene, shot: clips[0].shot, take: clips[0].take },
			{ fileName: names[1], matched: true, episode: clips[2].episode, scene: clips[2].scene, shot: clips[2].shot, take: clips[2].take },
			{ fileName: names[2], matched: false, message: 'No take recorded on this project day matches this file name.' },
		]);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		const [call] = apiCalls(sandbox.current, 'lockitnetwork');
		expect(`${call.method} ${call.path}`).toBe(`POST /projects/${project.uuid}/projectdays/${days[0].uuid}/matchClips`);
	});

	it('matches clips from a list mapped with an expression, per input item', async () => {
		const { run } = setup();
		const { data, project, days } = premiumSeries(sandbox.current);
		const firstDay = data.clips[String(days[0].uuid)].map((c) => String(c.fileName));
		const secondDay = data.clips[String(days[1].uuid)].map((c) => String(c.fileName));
		const items = await run(
			{
				resource: 'clip',
				operation: 'match',
				projectId: rl(String(project.uuid)),
				projectDayId: rl('={{ $json.day }}'),
				fileNames: '={{ $json.files }}',
			},
			{
				input: [
					{ day: days[0].uuid, files: firstDay.slice(0, 2) },
					{ day: days[1].uuid, files: [...secondDay, secondDay[0]] },
				],
			},
		);
		expect(items.map((i) => [i.json.fileName, i.json.matched, (i.pairedItem as { item: number }).item])).toEqual([
			[firstDay[0], true, 0],
			[firstDay[1], true, 0],
			...secondDay.map((name) => [name, true, 1]),
		]);
		expect(apiCalls(sandbox.current, 'lockitnetwork')).toHaveLength(2);
	});

	describe('premium-only project endpoints', () => {
		const premiumHint = expect.stringContaining('only for premium projects');

		it.each([
			['get the project', { resource: 'project', operation: 'get' }],
			['list episodes', { resource: 'episode', operation: 'getMany', returnAll: true }],
			['list project days', { resource: 'projectDay', operation: 'getMany', returnAll: true }],
		])('explains a 403 when trying to %s of a non-premium project', async (operation, parameters) => {
			const { run } = setup();
			const project = nonPremiumProject(sandbox.current);
			await expect(run({ ...parameters, projectId: rl(String(project.uuid)) })).rejects.toMatchObject({
				message: `LockitNetwork could not ${operation}: This endpoint is only available for premium projects. (premium_required)`,
				description: premiumHint,
				httpCode: '403',
			});
			expect(apiCalls(sandbox.current, 'lockitnetwork').map((r) => r.status)).toEqual([403]);
		});

		it('explains a 404 on a project endpoint the same way', async () => {
			const { run } = setup();
			await expect(
				run({ resource: 'project', operation: 'get', projectId: rl('0123456789abcdef0123456789abcdef') }),
			).rejects.toMatchObject({
				message: 'LockitNetwork could not get the project: Project 0123456789abcdef0123456789abcdef not found. (not_found)',
				description: premiumHint,
			});
		});

		it('does not blame premium for a failing project list', async () => {
			const { run } = setup();
			sandbox.current.faults.push({ provider: 'lockitnetwork', kind: 'status', status: 403, count: 1 });
			const error = await run({ resource: 'project', operation: 'getMany', returnAll: true }).catch((e: unknown) => e);
			expect(error).toMatchObject({ httpCode: '403' });
			expect(String((error as { description?: string }).description)).not.toContain('premium');
		});
	});

	describe('searchable lists', () => {
		const search = async (method: string, parameters: IDataObject, filter?: string) => {
			const { store, credential } = setup();
			return await searchList(store, { type: 'lockitNetwork', credential, parameters }, method, filter);
		};

		it('lists projects, marking the ones that are not premium, and filters by name', async () => {
			const { project } = premiumSeries(sandbox.current);
			const all = await search('searchProjects', { resource: 'project', operation: 'get' });
			expect(all.results).toHaveLength(12);
			expect(all.results[0]).toEqual({ name: 'Harbour Lights', value: project.uuid });
			expect(all.results.find((r) => r.value === nonPremiumProject(sandbox.current).uuid)?.name).toBe('Night Shift (not premium)');
			const filtered = await search('searchProjects', { resource: 'project', operation: 'get' }, 'long');
			expect(filtered.results.map((r) => r.name)).toEqual(['The Long Take']);
		});

		it('lists the episodes and days of the chosen project, and nothing before one is chosen', async () => {
			const { project, episodes, days } = premiumSeries(sandbox.current);
			const none = await search('searchEpisodes', { resource: 'episode', operation: 'get', projectId: rl('') });
			expect(none.results).toEqual([]);
			expect(apiCalls(sandbox.current, 'lockitnetwork')).toEqual([]);

			const parameters = { resource: 'clip', operation: 'match', projectId: rl(String(project.uuid), 'list') };
			const episodeList = await search('searchEpisodes', parameters);
			expect(episodeList.results).toEqual(episodes.map((e) => ({ name: `${e.episodeNumber} – ${e.episodeName}`, value: e.uuid })));
			expect(episodeList.results[0].name).toBe('101 – Low Tide');
			const dayList = await search('searchProjectDays', parameters);
			expect(dayList.results.map((r) => r.value)).toEqual(days.map((d) => d.uuid));
			expect(dayList.results[0].name).toBe('Day 1 (2026-03-09, Main Unit)');
			expect(dayList.results[2].name).toBe('Day 3A (2026-03-11, Main Unit)');
			const secondUnit = await search('searchProjectDays', parameters, 'second unit');
			expect(secondUnit.results.map((r) => r.value)).toEqual([days[1].uuid, days[3].uuid]);
		});

		it('lists the scenes of the chosen episode', async () => {
			const { project, episodes, scenes } = premiumSeries(sandbox.current);
			const result = await search('searchScenes', {
				resource: 'scene',
				operation: 'get',
				projectId: rl(String(project.uuid)),
				episodeId: rl(String(episodes[0].uuid)),
			});
			expect(result.results.map((r) => r.value)).toEqual(scenes.map((s) => s.uuid));
			expect(result.results[0].name).toBe('Scene 1 – EXT. HARBOUR WALL - DAY');
			// The scene number and its `additional` suffix, as on the slate.
			expect(result.results[3].name).toBe(`Scene 4A – ${scenes[3].content}`);
			const filtered = await search(
				'searchScenes',
				{ resource: 'scene', operation: 'get', projectId: rl(String(project.uuid)), episodeId: rl(String(episodes[0].uuid)) },
				'cliff',
			);
			expect(filtered.results.map((r) => r.value)).toEqual([scenes[3].uuid]);
		});

		it('refuses a malformed project or episode behind the dependent lists, as the node parameters do, before any request', async () => {
			const { project } = premiumSeries(sandbox.current);
			await expect(
				search('searchEpisodes', { resource: 'episode', operation: 'get', projectId: rl('4f0c2a9e/../x') }),
			).rejects.toMatchObject({
				message: 'Project "4f0c2a9e/../x" is not a valid ID',
				description: expect.stringContaining('32-character hexadecimal ID of the project'),
			});
			await expect(
				search('searchScenes', {
					resource: 'scene',
					operation: 'get',
					projectId: rl(String(project.uuid)),
					episodeId: rl('not-an-episode'),
				}),
			).rejects.toThrow('Episode "not-an-episode" is not a valid ID');
			expect(apiCalls(sandbox.current, 'lockitnetwork')).toEqual([]);
		});

		it('shows the premium hint when a non-premium project is chosen', async () => {
			const project = nonPremiumProject(sandbox.current);
			await expect(
				search('searchEpisodes', { resource: 'episode', operation: 'get', projectId: rl(String(project.uuid)) }),
			).rejects.toMatchObject({ description: expect.stringContaining('only for premium projects') });
		});
	});
});
