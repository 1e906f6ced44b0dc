import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { IdRule } from './parameters';
import {
	DEFAULT_READ_CONCURRENCY,
	DEFAULT_TIMEOUT_MS,
	MAX_IN_FLIGHT_PER_CREDENTIAL,
	MAX_READ_CONCURRENCY,
	MAX_TIMEOUT_MS,
} from '../limits';

/** Two display conditions as one: their `show` and `hide` rules are combined, key by key. */
function mergeDisplayOptions(base: IDisplayOptions | undefined, extra: IDisplayOptions): IDisplayOptions {
	const merged: IDisplayOptions = { ...base, ...extra };
	for (const key of ['show', 'hide'] as const) {
		if (base?.[key] || extra[key]) merged[key] = { ...base?.[key], ...extra[key] };
	}
	return merged;
}

/**
 * The properties of one operation, each shown only for it: the operation's `displayOptions` are
 * added to what a property already has (as n8n-nodes-base's `updateDisplayOptions` does).
 */
export function updateDisplayOptions(displayOptions: IDisplayOptions, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: mergeDisplayOptions(property.displayOptions, displayOptions),
	}));
}

/**
 * "Return All" + "Limit", as every n8n list operation has them. Without `displayOptions` they are
 * meant for `updateDisplayOptions`, which adds the operation's.
 */
export function returnAllOrLimit(displayOptions?: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions,
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { ...displayOptions, show: { ...displayOptions?.show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** The request options every operation shares, shown last in the node. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_READ_CONCURRENCY },
			default: DEFAULT_READ_CONCURRENCY,
			description: `How many input items are read at once, from 1 to ${MAX_READ_CONCURRENCY}. Output keeps the order of the input items. Writes always run one item after the other. Across all nodes and executions, at most ${MAX_IN_FLIGHT_PER_CREDENTIAL} requests of one credential are in flight at once.`,
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS },
			default: DEFAULT_TIMEOUT_MS,
			description: `Time in milliseconds to wait for each response before giving up (reads are then retried up to 3 times), from 1 to ${MAX_TIMEOUT_MS} (10 minutes)`,
		},
	],
};

export interface LocatorOptions {
	displayName: string;
	name: string;
	/** The `listSearch` method behind "From List". */
	searchListMethod: string;
	description: string;
	/** What a valid ID looks like, checked in the editor as the user types. */
	idRule: IdRule;
	placeholder: string;
	required?: boolean;
}

/** An ID parameter as every one of these nodes has it: a searchable list, or the ID itself. */
export function resourceLocator(options: LocatorOptions, displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: options.idRule.pattern.source, errorMessage: `Expected ${options.idRule.shape}` },
					},
				],
			},
		],
	};
}
