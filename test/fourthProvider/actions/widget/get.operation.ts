import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getId, getTimeout, updateDisplayOptions } from '../../../../nodes/shared/node';
import { widgetsRequest } from '../../transport';
import { WIDGETS_PATHS } from '../../transport/endpoints';
import { WIDGET_ID_RULE, widgetLocator } from '../common.descriptions';

const properties: INodeProperties[] = [widgetLocator()];

export const description = updateDisplayOptions({ show: { resource: ['widget'], operation: ['get'] } }, properties);

export const readOnly = true;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const widgetId = getId.call(this, 'widgetId', itemIndex, WIDGET_ID_RULE);
	return (await widgetsRequest.call(this, {
		method: 'GET',
		path: WIDGETS_PATHS.widget(widgetId),
		operation: 'get the widget',
		timeout: getTimeout.call(this, itemIndex),
	})) as IDataObject;
}
