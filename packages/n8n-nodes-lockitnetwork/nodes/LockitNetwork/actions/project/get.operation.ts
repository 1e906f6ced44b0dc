import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { lockitNetworkRequest } from '../../transport';
import { LOCKITNETWORK_PATHS } from '../../transport/endpoints';
import { ID_RULES, projectLocator } from '../common.descriptions';

const properties: INodeProperties[] = [projectLocator()];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projectId = getId.call(this, 'projectId', itemIndex, ID_RULES.project);
	return (await lockitNetworkRequest.call(this, {
		method: 'GET',
		path: LOCKITNETWORK_PATHS.project(projectId),
		operation: 'get the project',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
