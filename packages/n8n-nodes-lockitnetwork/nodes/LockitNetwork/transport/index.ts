
import { resolveBaseUrl } from '../../../credentials/shared';
import { apiRequest, paginate, pickErrorDetails } from '../../shared/transport';
import type { ApiRequest, PagingStrategy, ProviderApi, RequestContext } from '../../shared/provider';
import { LOCKITNETWORK_ENVIRONMENTS, LOCKITNETWORK_PATHS } from './endpoints';

/** Anything below `/projects/{id}` is a project endpoint, which LockitNetwork opens to premium projects only. */
const PROJECT_ENDPOINT = /^\/projects\/[^/]+/;

export const PREMIUM_HINT =
	'LockitNetwork opens project endpoints (the project itself, its episodes, scenes, shooting days and clip matching) only for premium projects. Check that the project exists and that "isPremium" is true for it in Project → Get Many.';

export const lockitNetworkApi: ProviderApi = {
	displayName: 'LockitNetwork',
	authentications: {
		oAuth2: { displayName: 'OAuth2', credentialType: 'lockitNetworkOAuth2Api', renewal: 'oAuth2' },
		apiToken: {
			displayName: 'API Token',
			description: 'A LockitNetwork API token, no OAuth client needed',
			credentialType: 'lockitNetworkApi',
			renewal: 'none',
			secretFields: ['apiToken'],
		},
	},
	defaultAuthentication: 'oAuth2',
	baseUrl: (credentials) => resolveBaseUrl(credentials, LOCKITNETWORK_ENVIRONMENTS),
	tokenProbe: { method: 'GET', path: LOCKITNETWORK_PATHS.projects() },
	// Shape undocumented; its OAuth server answers `{error, error_description, message, hint}`.
	errorDetails: (body) =>
		pickErrorDetails(body, ['message', 'error_description', 'detail', 'title', 'hint'], ['error', 'code']),
	statusHints: {
		403: 'The account behind the credential may not do this. LockitNetwork has no scopes: check what the account may see in LockitNetwork.',
	},
	describeStatus(status: number, request: ApiRequest) {
		if ((status === 403 || status === 404) && PROJECT_ENDPOINT.test(request.path)) return PREMIUM_HINT;
		return undefined;
	},
};

/** No documented paging: one request returns everything, and `paginate` applies Limit locally. */
export const unpaged: PagingStrategy = {
	pageQuery: (page) => (page === 0 ? { qs: {} } : undefined),
};

/** Requests are the shared shape; the provider only adds its API description. */
export type LockitNetworkRequest = ApiRequest;

export async function lockitNetworkRequest(this: RequestContext, request: LockitNetworkRequest): Promise<unknown> {
	return await apiRequest.call(this, lockitNetworkApi, request);
}

export function lockitNetworkRecords(this: RequestContext, request: LockitNetworkRequest, limit?: number) {
	return paginate.call(this, lockitNetworkApi, request, unpaged, limit);
}
