import type { EnvironmentTable } from '../../shared/environments';

/** LockitNetwork's hosts (API-NOTES: documented). The API has no version segment. */
export const LOCKITNETWORK_ENVIRONMENTS: EnvironmentTable = {
	production: {
		authUrl: 'https://api.lockitnetwork.com/oauth/authorize',
		accessTokenUrl: 'https://api.lockitnetwork.com/oauth/access-token',
		baseUrl: 'https://api.lockitnetwork.com',
	},
};

export const LOCKITNETWORK_DOCS = {
	authorization: 'https://developer.lockitnetwork.com/guides/oauth',
	api: 'https://developer.lockitnetwork.com/',
};

/**
 * Every path the node calls. Documented: `GET /projects`, `GET /projects/{id}/projectdays` and the
 * `matchClips` path. ASSUMED (see API-NOTES and the README): `GET /projects/{id}`, the episode and
 * scene paths, and that `matchClips` is a POST (see `matchClipsBody`). The sandbox follows the same
 * assumptions, so correcting one here means correcting `sandbox/providers/lockitnetwork.ts` too.
 */
export const LOCKITNETWORK_PATHS = {
	projects: () => '/projects',
	project: (projectId: string) => `/projects/${projectId}`,
	episodes: (projectId: string) => `/projects/${projectId}/episodes`,
	episode: (projectId: string, episodeId: string) => `/projects/${projectId}/episodes/${episodeId}`,
	scenes: (projectId: string, episodeId: string) => `/projects/${projectId}/episodes/${episodeId}/scenes`,
	scene: (projectId: string, episodeId: string, sceneId: string) =>
		`/projects/${projectId}/episodes/${episodeId}/scenes/${sceneId}`,
	projectDays: (projectId: string) => `/projects/${projectId}/projectdays`,
	matchClips: (projectId: string, dayId: string) => `/projects/${projectId}/projectdays/${dayId}/matchClips`,
};

/**
 * ASSUMED: the docs say only that clip file names go in the body. We send `{"fileNames": [...]}`
 * and read the answer as a list with one record per file carrying its `fileName`.
 */
export const matchClipsBody = (fileNames: string[]) => ({ fileNames });
export const MATCHED_FILE_NAME_FIELD = 'fileName';
