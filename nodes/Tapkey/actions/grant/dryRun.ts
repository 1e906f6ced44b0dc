import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Tapkey's revoke operations take `dryRun`; without `dryRun=false` nothing is revoked. */
export const dryRunOptions = (displayOptions: INodeProperties['displayOptions'], what: string): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	displayOptions,
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

export function getDryRun(this: IExecuteFunctions, itemIndex: number): boolean {
	const { dryRun } = this.getNodeParameter('options', itemIndex, {}) as { dryRun?: boolean };
	return dryRun === true;
}
