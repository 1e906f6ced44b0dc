import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, getTimeout, returnAllOrLimit, updateDisplayOptions } from '../../../../nodes/shared/node';
import { collect } from '../../../../nodes/shared/transport';
import { widgetsRecords } from '../../transport';
import { WIDGETS_PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions({ show: { resource: ['widget'], operation: ['getMany'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await collect(
		widgetsRecords.call(
			this,
			{
				method: 'GET',
				path: WIDGETS_PATHS.widgets(),
				operation: 'list widgets',
				timeout: getTimeout.call(this, itemIndex),
			},
			getLimit.call(this, itemIndex),
		),
	);
}
