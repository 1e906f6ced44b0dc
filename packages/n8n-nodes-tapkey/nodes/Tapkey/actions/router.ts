import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunOptions } from '../../shared/node';
import { runOperation } from '../../shared/node';
import * as administrator from './administrator/Administrator.resource';
import * as boundCard from './boundCard/BoundCard.resource';
import * as boundLock from './boundLock/BoundLock.resource';
import * as contact from './contact/Contact.resource';
import * as grant from './grant/Grant.resource';
import * as logEntry from './logEntry/LogEntry.resource';
import * as owner from './owner/Owner.resource';

export async function router(this: IExecuteFunctions, options: RunOptions) {
	return await runOperation.call(this, {
		owner: owner.operations,
		boundLock: boundLock.operations,
		contact: contact.operations,
		grant: grant.operations,
		logEntry: logEntry.operations,
		boundCard: boundCard.operations,
		administrator: administrator.operations,
	}, options);
}
