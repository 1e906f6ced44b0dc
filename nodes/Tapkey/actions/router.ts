import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResourceOperations } from '../../shared/node';
import { runOperation } from '../../shared/node';
import * as boundLock from './boundLock/BoundLock.resource';
import * as contact from './contact/Contact.resource';
import * as grant from './grant/Grant.resource';
import * as logEntry from './logEntry/LogEntry.resource';
import * as owner from './owner/Owner.resource';

/**
 * `continueOnFail` is read by the node class's execute() (where n8n's lint rule
 * require-continue-on-fail looks for it) and handed to the runner, which applies it per item.
 * The runner still reads the same value itself until nodes/shared/node.ts takes the option.
 */
type Runner = (
	this: IExecuteFunctions,
	resources: ResourceOperations,
	options: { continueOnFail: boolean },
) => Promise<INodeExecutionData[][]>;

export async function router(this: IExecuteFunctions, options: { continueOnFail: boolean }) {
	return await (runOperation as Runner).call(this, {
		owner: owner.operations,
		boundLock: boundLock.operations,
		contact: contact.operations,
		grant: grant.operations,
		logEntry: logEntry.operations,
	}, options);
}
