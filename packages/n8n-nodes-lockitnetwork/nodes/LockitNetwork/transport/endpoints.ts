import type { EnvironmentTable } from '../../../credentials/shared';

/** LockitNetwork's hosts (documented by the provider). The API has no version segment. */
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
 * Every path the node calls. LockitNetwork's API reference (OpenAPI 1.0.1) documents fetching all
 * projects, a project by ID, the episodes of a project and one by ID, the scenes of an episode and
 * one by ID (path parameters `projectId`, `episodeId`, `sceneId`, no query parameters), and the
 * clip-matching guide documents `GET /projects/{projectId}/projectdays` and the `matchClips` path.
 * ASSUMED (see the README): the `episodes` and `scenes` path segments, which the reference text
 * available to us does not spell out, and that `matchClips` is a POST (see `matchClipsBody`). The
 * sandbox follows the same paths, so correcting one here means correcting
 * `sandbox/providers/lockitnetwork.ts` too.
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
