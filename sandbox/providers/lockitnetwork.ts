import { createHash } from 'crypto';

import type { ApiCall, ApiResult, SandboxClient, SandboxProvider, TokenGrant } from '../types';

/**
 * LockitNetwork as documented: HTTP Basic client authentication, no scopes, week-long access
 * tokens, bare JSON, 32-hex IDs, no paging, project endpoints open to premium projects only, and the
 * record shapes of its API reference (OpenAPI 1.0.1): projects with a numeric `created`, episodes
 * `{uuid, episodeNumber, episodeName, scheduledRunningTime, created}`, scenes `{uuid, episode,
 * number, additional, content, comment, dayNight, inOut, sets, motherScene}`, project days as in
 * the clip-matching guide. `POST …/matchClips` with `{"fileNames": [...]}` and its per-file answer
 * follow the same assumptions as `packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/transport/endpoints.ts`: change both together.
 */

/** Every client is confidential: LockitNetwork's token endpoint wants HTTP Basic on every request. */
export const LOCKITNETWORK_CLIENTS: SandboxClient[] = [
	{
		clientId: 'lockit-web',
		clientSecret: 'sbx-lockit-web-secret-5d2e81',
		grants: ['authorization_code'],
		scopes: [],
		subject: 'user:script-supervisor',
	},
	{
		// PKCE on a confidential client: the challenge is required here, the secret still is too.
		clientId: 'lockit-pkce',
		clientSecret: 'sbx-lockit-pkce-secret-a61f07',
		grants: ['authorization_code'],
		scopes: [],
		requirePkce: true,
		subject: 'user:script-supervisor',
	},
	{
		clientId: 'lockit-service',
		clientSecret: 'sbx-lockit-service-secret-3c94be',
		grants: ['client_credentials'],
		scopes: [],
		subject: 'service:lockit-service',
	},
];

type Row = Record<string, unknown>;

interface Data {
	projects: Row[];
	episodes: Map<string, Row[]>;
	scenes: Map<string, Row[]>;
	projectDays: Map<string, Row[]>;
	/** Takes recorded on a project day, keyed by day; what `matchClips` looks file names up in. */
	clips: Map<string, Row[]>;
}

export interface LockitNetworkSandbox extends SandboxProvider {
	data: Data;
}

/** Stable 32-hex IDs, so tests and demo workflows can name records across restarts. */
export function lockitId(kind: string, index: number): string {
	return createHash('sha1').update(`lockit:${kind}:${index}`).digest('hex').slice(0, 32);
}

const HEX_ID = /^[0-9a-f]{32}$/;

interface ProjectSeed {
	name: string;
	isSeries: boolean;
	isPremium: boolean;
	productionCompany: string;
	episodes: Array<[number, string]>;
	scenesPerEpisode: number;
	days: number;
}

const PROJECTS: ProjectSeed[] = [
	{
		name: 'Harbour Lights',
		isSeries: true,
		isPremium: true,
		productionCompany: 'Northlight Pictures',
		episodes: [
			[101, 'Low Tide'],
			[102, 'The Lighthouse Keeper'],
			[103, 'Storm Warning'],
		],
		scenesPerEpisode: 6,
		days: 5,
	},
	{
		name: 'The Long Take',
		isSeries: false,
		isPremium: true,
		productionCompany: 'Studio Meridian',
		episodes: [[1, 'The Long Take']],
		scenesPerEpisode: 8,
		days: 3,
	},
	{
		name: 'Night Shift',
		isSeries: true,
		isPremium: false,
		productionCompany: 'Red Kite Television',
		episodes: [[101, 'Graveyard']],
		scenesPerEpisode: 4,
		days: 2,
	},
	{
		name: 'Saltwater',
		isSeries: false,
		isPremium: false,
		productionCompany: 'Blue Fern Films',
		episodes: [[1, 'Saltwater']],
		scenesPerEpisode: 3,
		days: 1,
	},
];

/** `[inOut, set, dayNight]` of the seeded scenes. */
const LOCATIONS: Array<[string, string, string]> = [
	['EXT', 'Harbour wall', 'DAY'],
	['INT', 'Lighthouse stairwell', 'NIGHT'],
	['INT', 'Fish market', 'DAY'],
	['EXT', 'Cliff path', 'DUSK'],
	['INT', 'Kitchen', 'NIGHT'],
];

const SHOOT_START = Date.UTC(2026, 2, 9);

export function createLockitNetworkProvider(): LockitNetworkSandbox {
	const provider = {
		id: 'lockitnetwork' as const,
		apiPrefix: '/lockitnetwork/api',
		clients: LOCKITNETWORK_CLIENTS,
		oauth: {
			authorizePath: '/lockitnetwork/oauth/authorize',
			tokenPath: '/lockitnetwork/oauth/access-token',
			clientAuth: 'basic' as const,
			accessTokenTtlSeconds: 604800,
			refreshTokenTtlSeconds: 30 * 24 * 3600,
			scopesUnsupported: true,
		},
		data: undefined as unknown as Data,

		/** `extraProjects`: more premium projects without content, for list sizes (default 8). */
		reset(options: Record<string, unknown> = {}) {
			const extraProjects = (options.extraProjects as number | undefined) ?? 8;
			const data: Data = { projects: [], episodes: new Map(), scenes: new Map(), projectDays: new Map(), clips: new Map() };
			const seeds: ProjectSeed[] = [
				...PROJECTS,
				...Array.from({ length: extraProjects }, (_, n) => ({
					name: `Pilot Slate ${String(n + 1).padStart(2, '0')}`,
					isSeries: n % 2 === 0,
					isPremium: true,
					productionCompany: 'Northlight Pictures',
					episodes: [],
					scenesPerEpisode: 0,
					days: 0,
				})),
			];
			seeds.forEach((seed, p) => {
				const project = {
					uuid: lockitId('project', p),
					name: seed.name,
					isSeries: seed.isSeries,
					isPremium: seed.isPremium,
					productionCompany: seed.productionCompany,
					// The reference types `created` as an integer; the unit is not stated (milliseconds here).
					created: Date.UTC(2025, 10, 3 + p, 9, 30),
				};
				data.projects.push(project);
				const episodes = seed.episodes.map(([episodeNumber, episodeName], e) => ({
					uuid: lockitId(`episode-${p}`, e),
					episodeNumber,
					episodeName,
					scheduledRunningTime: seed.isSeries ? 2700 : 5400,
					created: project.created + (e + 1) * 86_400_000,
				}));
				data.episodes.set(project.uuid, episodes);
				for (const [e, episode] of episodes.entries()) {
					data.scenes.set(
						episode.uuid,
						Array.from({ length: seed.scenesPerEpisode }, (_, s) => {
							const [inOut, set, dayNight] = LOCATIONS[(e + s) % LOCATIONS.length];
							return {
								uuid: lockitId(`scene-${p}-${e}`, s),
								episode: episode.uuid,
								number: s + 1,
								additional: s % 4 === 3 ? 'A' : '',
								content: `${inOut}. ${set.toUpperCase()} - ${dayNight}`,
								comment: '',
								dayNight,
								inOut,
								sets: [set],
								motherScene: null,
							};
						}),
					);
				}
				const days = Array.from({ length: seed.days }, (_, d) => {
					const date = new Date(SHOOT_START + (p * 30 + d) * 86_400_000);
					return {
						uuid: lockitId(`day-${p}`, d),
						project: project.uuid,
						day: d + 1,
						prefix: '',
						suffix: d === 2 ? 'A' : '',
						date: { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
						unit: d % 2 === 0 ? 'Main Unit' : 'Second Unit',
						episodeBlock: seed.isSeries ? `Block ${Math.floor(d / 3) + 1}` : null,
					};
				});
				data.projectDays.set(project.uuid, days);
				// Each day films four takes across the episodes, named like camera originals.
				for (const [d, day] of days.entries()) {
					const yymmdd = `${String(day.date.year).slice(2)}${String(day.date.month).padStart(2, '0')}${String(day.date.day).padStart(2, '0')}`;
					data.clips.set(
						day.uuid,
						Array.from({ length: 4 }, (_, c) => {
							const episode = episodes[(d + c) % Math.max(episodes.length, 1)];
							const scenes = episode ? data.scenes.get(episode.uuid)! : [];
							const scene = scenes[(d * 2 + c) % Math.max(scenes.length, 1)];
							return {
								fileName: `A${String(d + 1).padStart(3, '0')}C${String(c + 1).padStart(3, '0')}_${yymmdd}_R1AB.mov`,
								episode: episode ? { uuid: episode.uuid, number: episode.episodeNumber } : null,
								scene: scene ? { uuid: scene.uuid, number: `${scene.number}${scene.additional}` } : null,
								shot: String.fromCharCode(65 + (c % 3)),
								take: (c % 2) + 1,
							};
						}),
					);
				}
			});
			provider.data = data;
		},

		error(status: number, message: string, code?: string): ApiResult {
			return {
				status,
				body: { error: code ?? defaultCode(status), message },
				headers: status === 401 ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : undefined,
			};
		},

		snapshot() {
			const { data } = provider;
			return {
				projects: data.projects,
				episodes: Object.fromEntries(data.episodes),
				scenes: Object.fromEntries(data.scenes),
				projectDays: Object.fromEntries(data.projectDays),
				clips: Object.fromEntries(data.clips),
			};
		},

		handle(call: ApiCall, _grant: TokenGrant): ApiResult {
			const segments = call.path.split('/').filter(Boolean).map(decodeURIComponent);
			if (segments[0] !== 'projects') return notFound(call);
			if (segments.length === 1) {
				return call.method === 'GET' ? { status: 200, body: provider.data.projects } : notAllowed(call);
			}

			const project = provider.data.projects.find((p) => p.uuid === segments[1]);
			if (!HEX_ID.test(segments[1]) || !project) {
				return provider.error(404, `Project ${segments[1]} not found.`, 'not_found');
			}
			if (!project.isPremium) {
				return provider.error(403, 'This endpoint is only available for premium projects.', 'premium_required');
			}

			const route = segments.slice(2).map((s, i) => (i % 2 === 1 ? ':id' : s)).join('/');
			const episodes = provider.data.episodes.get(project.uuid as string)!;
			const episode = () => episodes.find((e) => e.uuid === segments[3]);
			switch (`${call.method} ${route}`) {
				case 'GET ':
					return { status: 200, body: project };
				case 'GET episodes':
					return { status: 200, body: episodes };
				case 'GET episodes/:id':
					return found(episode(), 'Episode', segments[3]);
				case 'GET episodes/:id/scenes': {
					const parent = episode();
					if (!parent) return provider.error(404, `Episode ${segments[3]} not found.`, 'not_found');
					return { status: 200, body: provider.data.scenes.get(parent.uuid as string)! };
				}
				case 'GET episodes/:id/scenes/:id': {
					const parent = episode();
					if (!parent) return provider.error(404, `Episode ${segments[3]} not found.`, 'not_found');
					const scene = provider.data.scenes.get(parent.uuid as string)!.find((s) => s.uuid === segments[5]);
					return found(scene, 'Scene', segments[5]);
				}
				case 'GET projectdays':
					return { status: 200, body: provider.data.projectDays.get(project.uuid as string)! };
				case 'POST projectdays/:id/matchClips': {
					const day = provider.data.projectDays.get(project.uuid as string)!.find((d) => d.uuid === segments[3]);
					if (!day) return provider.error(404, `Project day ${segments[3]} not found.`, 'not_found');
					return matchClips(provider.data.clips.get(day.uuid as string)!, call.body);
				}
			}
			const knownRoutes = ['', 'episodes', 'episodes/:id', 'episodes/:id/scenes', 'episodes/:id/scenes/:id', 'projectdays', 'projectdays/:id/matchClips'];
			return knownRoutes.includes(route) ? notAllowed(call) : notFound(call);
		},
	};

	const notFound = (call: ApiCall) => provider.error(404, `No route ${call.method} ${call.path}.`, 'not_found');
	const notAllowed = (call: ApiCall) => provider.error(405, `${call.method} is not allowed on ${call.path}.`, 'method_not_allowed');
	const found = (record: Row | undefined, label: string, id: string): ApiResult =>
		record ? { status: 200, body: record } : provider.error(404, `${label} ${id} not found.`, 'not_found');

	/** Looks each file up by name without extension, as camera originals are re-wrapped (.mov, .mxf). */
	function matchClips(clips: Row[], body: unknown): ApiResult {
		const fileNames = (body as { fileNames?: unknown } | undefined)?.fileNames;
		if (!Array.isArray(fileNames) || fileNames.length === 0 || !fileNames.every((f) => typeof f === 'string' && f.trim())) {
			return provider.error(400, 'fileNames must be a non-empty array of file names.', 'invalid_request');
		}
		const stem = (name: string) => name.trim().replace(/\.[^.]+$/, '').toLowerCase();
		return {
			status: 200,
			body: (fileNames as string[]).map((fileName) => {
				const clip = clips.find((c) => stem(c.fileName as string) === stem(fileName));
				if (!clip) return { fileName, matched: false, message: 'No take recorded on this project day matches this file name.' };
				const { fileName: _recorded, ...take } = clip;
				return { fileName, matched: true, ...take };
			}),
		};
	}

	provider.reset();
	return provider;
}

function defaultCode(status: number): string {
	return (
		{ 400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 429: 'too_many_requests' } as Record<number, string>
	)[status] ?? 'server_error';
}
