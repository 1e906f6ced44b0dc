import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getLimit, getTimeout, returnAllOrLimit, simplifyProperty, simplifyRecords, updateDisplayOptions } from '../../../shared/node';
import { collect } from '../../../shared/transport';
import { lockitNetworkRecords } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';
import { ID_RULES, projectLocator } from '../common.descriptions';

/** What Simplify keeps of an episode: its number and name (not its running time or creation time). */
const SIMPLIFIED_FIELDS = ['uuid', 'episodeNumber', 'episodeName'];

const properties: INodeProperties[] = [projectLocator(), ...returnAllOrLimit(), simplifyProperty(SIMPLIFIED_FIELDS)];

export const description = updateDisplayOptions({ show: { resource: ['episode'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projectId = getId.call(this, 'projectId', itemIndex, ID_RULES.project);
	const episodes = await collect(
		lockitNetworkRecords.call(
			this,
			{
				method: 'GET',
				path: LOCKITNETWORK_PATHS.episodes(projectId),
				operation: 'list episodes',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
	return simplifyRecords.call(this, itemIndex, episodes, SIMPLIFIED_FIELDS);
}
