import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperties, nodeCredentials, requestOptionsProperty } from '../shared/node';
import * as administrator from './actions/administrator/Administrator.resource';
import * as boundCard from './actions/boundCard/BoundCard.resource';
import * as boundLock from './actions/boundLock/BoundLock.resource';
import * as contact from './actions/contact/Contact.resource';
import * as grant from './actions/grant/Grant.resource';
import * as logEntry from './actions/logEntry/LogEntry.resource';
import * as owner from './actions/owner/Owner.resource';
import { router } from './actions/router';
import { listSearch } from './methods';
import { tapkeyApi } from './transport';

export class Tapkey implements INodeType {
	// The description lives here, not in actions/versionDescription.ts: n8n's community lint wants
	// the node class description (and its icon) in <Name>.node.ts.
	description: INodeTypeDescription = {
		displayName: 'Tapkey',
		name: 'tapkey',
		icon: { light: 'file:tapkey.svg', dark: 'file:tapkey.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage Tapkey smart locks: owner accounts, bound locks, contacts, access grants and lock logs',
		defaults: { name: 'Tapkey' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials(tapkeyApi),
		properties: [
			...authenticationProperties(tapkeyApi),
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Administrator', value: 'administrator' },
					{ name: 'Bound Card', value: 'boundCard' },
					{ name: 'Bound Lock', value: 'boundLock' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Grant', value: 'grant' },
					{ name: 'Log Entry', value: 'logEntry' },
					{ name: 'Owner', value: 'owner' },
				],
				default: 'boundLock',
			},
			...owner.description,
			...boundLock.description,
			...contact.description,
			...grant.description,
			...logEntry.description,
			...boundCard.description,
			...administrator.description,
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
