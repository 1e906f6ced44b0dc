import type { INodeProperties } from 'n8n-workflow';

/** The field's name (public contract): the transport reads it from the stored credential. */
export const REFRESH_TURNS_FIELD = 'takeTurnsToRefresh';

/**
 * Whether processes take turns before a refresh (nodes/shared/transport/turns.ts). A choice of the
 * user because nothing n8n 1.x shows a node tells a queue-mode worker from a single process, and a
 * node may not read the environment. On the credential, as every process shares the credential.
 * Off by default: a single process, the common case, must never wait. Only grants that spend a
 * refresh token show it.
 */
export function refreshTurnsProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Take Turns to Refresh (Queue Mode)',
			name: REFRESH_TURNS_FIELD,
			type: 'boolean',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
			default: false,
			description:
				'Whether n8n 1.x processes in queue mode (a main and workers) take turns before renewing the access token, so that only one of them spends the refresh token. Turn on for n8n 1.x in queue mode; each renewal then waits up to 24 seconds. Leave off for a single n8n process. n8n 2.30 and later coordinate renewals themselves and ignore this.',
		},
	];
}
