import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunOptions } from '../../shared/node';
import { runOperation } from '../../shared/node';
import * as inventory from './inventory/Inventory.resource';
import * as order from './order/Order.resource';
import * as store from './store/Store.resource';

export async function router(this: IExecuteFunctions, options: RunOptions) {
	return await runOperation.call(this, {
		store: store.operations,
		order: order.operations,
		inventory: inventory.operations,
	}, options);
}
