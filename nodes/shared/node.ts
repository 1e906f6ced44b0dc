import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from './transport';

/** One `<operation>.operation.ts` module: its parameters beside its execute. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/**
	 * Reads may run for several items at once, like n8n's HTTP Request node does; writes run one
	 * item after the other so a failure leaves a clear line between done and not done.
	 */
	readOnly?: boolean;
}

export type ResourceOperations = Record<string, Record<string, OperationModule>>;

const PARALLEL_READS = 5;

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Reads `resource`/`operation` once and runs the operation for every input item: one output item
 * per record, `pairedItem` pointing at the input item, `continueOnFail` honoured.
 */
export async function runOperation(
	this: IExecuteFunctions,
	resources: ResourceOperations,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`);
	}

	const results: INodeExecutionData[][] = new Array(items.length);
	const runItem = async (itemIndex: number) => {
		try {
			const output = await module.execute.call(this, itemIndex);
			results[itemIndex] = (Array.isArray(output) ? output : [output]).map((json) => ({
				json,
				pairedItem: { item: itemIndex },
			}));
		} catch (error) {
			// Our own errors (NodeApiError/NodeOperationError) go out as they are, with the item index.
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), errorMessage(error), { itemIndex });
			nodeError.context.itemIndex = itemIndex;
			if (this.continueOnFail()) {
				const description = nodeError.description;
				results[itemIndex] = [
					{
						json: { error: errorMessage(error), ...(description ? { description } : {}) },
						// With "On Error: Continue (using error output)" n8n routes an item to the error
						// output by this field (a json with more than `error`/`message` alone is not enough).
						error: nodeError,
						pairedItem: { item: itemIndex },
					},
				];
				return;
			}
			throw nodeError;
		}
	};

	const concurrency = module.readOnly ? PARALLEL_READS : 1;
	let next = 0;
	const failures: Array<{ index: number; error: unknown }> = [];
	const worker = async () => {
		while (next < items.length && failures.length === 0) {
			const index = next++;
			try {
				await runItem(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	// With reads in parallel, report the failure of the earliest item, as a sequential run would.
	if (failures.length) throw failures.sort((a, b) => a.index - b.index)[0].error;
	return [results.flat()];
}

/** "Return All" + "Limit", as every n8n list operation has them. */
export function returnAllOrLimit(displayOptions: IDisplayOptions): INodeProperties[] {
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
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** `undefined` for Return All, otherwise the item's Limit. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(this.getNode(), `Limit must be a whole number of 1 or more, not ${limit}`, {
			itemIndex,
		});
	}
	return limit;
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
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'Time in milliseconds to wait for each response before giving up (reads are then retried up to 3 times)',
		},
	],
};

export function getTimeout(this: IExecuteFunctions, itemIndex: number): number {
	const { timeout } = this.getNodeParameter('requestOptions', itemIndex, {}) as { timeout?: number };
	return timeout ?? DEFAULT_TIMEOUT_MS;
}

export interface IdRule {
	/** What the user calls it: "Owner". */
	label: string;
	/** Allowed shape; anything else is refused before a request is sent. */
	pattern: RegExp;
	/** Said when the pattern does not match: "a 32-character hexadecimal ID". */
	shape: string;
}

/** Characters that can never be part of an ID and would change the request path. */
export const SAFE_ID: IdRule['pattern'] = /^[A-Za-z0-9][A-Za-z0-9._:~-]*$/;

/** A resource locator's (or plain string's) value, validated and ready for a URL path. */
export function getId(this: IExecuteFunctions, parameter: string, itemIndex: number, rule: IdRule): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	return validateId(this.getNode(), raw, rule, itemIndex);
}

/** Refuses an empty or malformed ID before any request; returns it encoded for a URL path. */
export function validateId(node: INode, raw: unknown, rule: IdRule, itemIndex?: number): string {
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!value) {
		throw new NodeOperationError(node, `${rule.label} is required`, {
			itemIndex,
			description: `Choose the ${rule.label.toLowerCase()} from the list or enter its ID.`,
		});
	}
	if (!rule.pattern.test(value)) {
		throw new NodeOperationError(node, `${rule.label} "${value}" is not a valid ID`, {
			itemIndex,
			description: `Expected ${rule.shape}.`,
		});
	}
	return encodeURIComponent(value);
}

/** A date-time parameter as ISO 8601, or a clear error naming the parameter. */
export function toIsoDateTime(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text =
		value instanceof Date
			? value.toISOString()
			: typeof value === 'object' && value !== null && 'toISO' in value
				? String((value as { toISO(): string }).toISO())
				: String(value ?? '').trim();
	const time = Date.parse(text);
	if (!text || Number.isNaN(time)) {
		throw new NodeOperationError(this.getNode(), `${label} "${text}" is not a valid date and time`, {
			itemIndex,
			description: 'Use ISO 8601, for example 2026-11-23T08:00:00Z.',
		});
	}
	return new Date(time).toISOString();
}

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
