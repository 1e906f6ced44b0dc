import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeCredentials, requestOptionsProperty } from '../shared/node';
import * as inventory from './actions/inventory/Inventory.resource';
import * as order from './actions/order/Order.resource';
import { router } from './actions/router';
import * as store from './actions/store/Store.resource';
import { listSearch } from './methods';
import { taptouchApi } from './transport';

export class Taptouch implements INodeType {
	// The description lives here, not in actions/versionDescription.ts: n8n's community lint wants
	// the node class description (and its icon) in <Name>.node.ts.
	description: INodeTypeDescription = {
		displayName: 'Taptouch',
		name: 'taptouch',
		icon: { light: 'file:taptouch.svg', dark: 'file:taptouch.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read stores and orders and manage inventory of the Taptouch restaurant point of sale',
		defaults: { name: 'Taptouch' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials(taptouchApi),
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				// No notice about the grant: a node's notice cannot see which credential is selected, so
				// it would also warn users whose credential already uses Client Credentials. The options
				// say it, and an authorization-code credential gets an error naming it and the fix
				// (requireClientCredentials) before any request, in lists and executions alike.
				options: [
					{
						name: 'Inventory',
						value: 'inventory',
						description: 'Needs a credential with Grant Type "Client Credentials"',
					},
					{
						name: 'Order',
						value: 'order',
						description: 'Needs a credential with Grant Type "Client Credentials"',
					},
					{ name: 'Store', value: 'store', description: 'Works with every grant type' },
				],
				default: 'store',
			},
			...store.description,
			...order.description,
			...inventory.description,
			requestOptionsProperty,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		// A failing item becomes an error item instead of stopping the node when "On Error" is set
		// to continue; the router applies it to each item.
		return await router.call(this, { continueOnFail: this.continueOnFail() });
	}
}
