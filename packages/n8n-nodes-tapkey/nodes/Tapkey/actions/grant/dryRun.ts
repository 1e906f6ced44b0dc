import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toBoolean } from '../../../shared/node';

/** Tapkey's revoke operations take `dryRun`; without `dryRun=false` nothing is revoked. */
export const dryRunOptions = (what: string): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: `Whether to only ask Tapkey what revoking would do, without revoking ${what}`,
		},
	],
});

/**
 * Dry Run of the item. A revoke cannot be undone, so anything but a clear yes or no is refused
 * before a request: an expression that gives "true" as text is a dry run (n8n does not convert
 * expression results of boolean fields), and one that gives a number, "yes" or nothing must not
 * quietly become a real revoke.
 */
export function getDryRun(this: IExecuteFunctions, itemIndex: number): boolean {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// An option that was never added is the default: revoke.
	if (!Object.prototype.hasOwnProperty.call(options, 'dryRun')) return false;
	return toBoolean(this.getNode(), options.dryRun, 'Dry Run (Options)', itemIndex, 'Map a boolean, or the text "true" or "false". Nothing was revoked.');
}
