import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../shared/node';
import { lockitNetworkRequest } from '../../transport';
import { LOCKITNETWORK_PATHS, MATCHED_FILE_NAME_FIELD, matchClipsBody } from '../../transport/endpoints';
import { ID_RULES, projectDayLocator, projectLocator } from '../common.descriptions';
import { parseFileNames } from './fileNames';

const properties: INodeProperties[] = [
	projectLocator(),
	projectDayLocator(),
	{
		displayName: 'File Names',
		name: 'fileNames',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. A001C003_240312_R1AB.mov, A001C004_240312_R1AB.mov',
		description:
			'Clip file names to match, separated by commas or new lines, or a list mapped with an expression. Returns one item per file.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['clip'], operation: ['match'] } }, properties);

// Matching reads the day's continuity data and changes nothing, so items may run in parallel.
export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const projectId = getId.call(this, 'projectId', itemIndex, ID_RULES.project);
	const projectDayId = getId.call(this, 'projectDayId', itemIndex, ID_RULES.projectDay);
	const fileNames = parseFileNames(this.getNode(), this.getNodeParameter('fileNames', itemIndex, ''), itemIndex);
	const answer = await lockitNetworkRequest.call(this, {
		method: 'POST',
		path: LOCKITNETWORK_PATHS.matchClips(projectId, projectDayId),
		body: matchClipsBody(fileNames),
		// Matching reads; it changes nothing on LockitNetwork, so it may be retried.
		safe: true,
		operation: 'match clips',
		timeout: getTimeout.call(this, itemIndex),
	});
	if (!Array.isArray(answer)) {
		throw new NodeOperationError(this.getNode(), 'LockitNetwork could not match clips: the answer was not a list', {
			itemIndex,
			description: 'Expected one record per file name. Check the credential\'s API base URL.',
		});
	}
	return inRequestOrder(answer as IDataObject[], fileNames);
}

/** One record per requested file, in the order asked, even for files the answer leaves out. */
function inRequestOrder(records: IDataObject[], fileNames: string[]): IDataObject[] {
	const byName = new Map<string, IDataObject>();
	for (const record of records) {
		const name = record?.[MATCHED_FILE_NAME_FIELD];
		if (typeof name === 'string' && !byName.has(name)) byName.set(name, record);
	}
	return fileNames.map((fileName) => byName.get(fileName) ?? { [MATCHED_FILE_NAME_FIELD]: fileName, matched: false });
}
