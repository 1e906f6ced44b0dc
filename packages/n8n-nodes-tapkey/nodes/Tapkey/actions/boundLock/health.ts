import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getBoolean } from '../../../shared/node';

/**
 * Tapkey's `expand=healthStatuses` (battery warnings, battery voltage, temperature). Locks are
 * offline-first: they report health only when a phone or card syncs them, so it is advisory.
 */
export const healthStatusesOption = (displayOptions?: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: 'Include Health Statuses',
	name: 'includeHealthStatuses',
	type: 'boolean',
	displayOptions,
	default: false,
	description:
		'Whether to add the last reported health statuses (battery warning level, battery voltage, temperature) as healthStatuses. Advisory only: locks are offline-first and report only when a phone or card syncs them, so a value can be old or missing.',
});

export function healthQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return getBoolean.call(this, 'includeHealthStatuses', itemIndex, 'Include Health Statuses', false)
		? { expand: 'healthStatuses' }
		: {};
}
