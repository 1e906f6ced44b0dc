import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getConcurrency } from './parameters';

/** One `<operation>.operation.ts` module: its parameters beside its execute. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/**
	 * Reads run for several items at once (Request Options → Concurrency), like n8n's HTTP Request
	 * node does; writes run one item after the other so a failure leaves a clear line between done
	 * and not done.
	 */
	readOnly?: boolean;
}

/**
 * Read by the node class's execute(), where n8n's lint rule `require-continue-on-fail` looks for
 * it, and applied here per item.
 */
export interface RunOptions {
	continueOnFail: boolean;
}

export type ResourceOperations = Record<string, Record<string, OperationModule>>;

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * An operation's answer as output records. A provider may answer a write with an empty 2xx, and
 * an item always needs an object: `{ success: true }`, as n8n's own nodes output for a call
 * that returns nothing. Anything else that is not an object is kept under `data`.
 */
function toRecords(output: unknown): IDataObject[] {
	if (output === undefined || output === null || output === '') return [{ success: true }];
	if (Array.isArray(output)) return output.map((entry) => toRecord(entry));
	return [toRecord(output)];
}

function toRecord(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: { data: value as IDataObject[keyof IDataObject] };
}

/**
 * Reads `resource`/`operation` once and runs the operation for every input item: one output item
 * per record, `pairedItem` pointing at the input item, `continueOnFail` honoured.
 */
export async function runOperation(
	this: IExecuteFunctions,
	resources: ResourceOperations,
	options: RunOptions,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`);
	}

	// Checked before any request, like every other parameter, though writes run one at a time.
	const readConcurrency = getConcurrency.call(this);
	const concurrency = module.readOnly ? readConcurrency : 1;

	const results: INodeExecutionData[][] = new Array(items.length);
	const runItem = async (itemIndex: number) => {
		try {
			const output: unknown = await module.execute.call(this, itemIndex);
			// One pairedItem for all of an item's records, as n8n's constructExecutionMetaData does.
			const pairedItem = { item: itemIndex };
			results[itemIndex] = toRecords(output).map((json) => ({ json, pairedItem }));
		} catch (error) {
			// Our own errors (NodeApiError/NodeOperationError) go out as they are, with the item index.
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), errorMessage(error), { itemIndex });
			nodeError.context.itemIndex = itemIndex;
			if (!options.continueOnFail) throw nodeError;
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
		}
	};

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
