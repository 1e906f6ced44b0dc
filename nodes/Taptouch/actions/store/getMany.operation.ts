import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, getTimeout } from '../../../shared/parameters';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collect } from '../../../shared/paging';
import { taptouchRecords } from '../../transport';
import { TAPTOUCH_PATHS } from '../../transport/endpoints';

const displayOptions = { show: { resource: ['store'], operation: ['getMany'] } };

export const description: INodeProperties[] = [...returnAllOrLimit(displayOptions)];

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await collect(
		taptouchRecords.call(
			this,
			{
				method: 'GET',
				path: TAPTOUCH_PATHS.stores(),
				operation: 'list stores',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
}
