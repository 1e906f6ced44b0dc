// TEST-ONLY: a fourth provider ("Widgets", API key + cursor paging) built from nodes/shared to prove a new provider costs no change to the shared core (issue 20, item 3). Never shipped: not in package.json's n8n section, not under nodes/ or credentials/; its API is sandbox/providers/widgets.ts.
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperties, nodeCredentials, requestOptionsProperty } from '../../nodes/shared/node';
import { router } from './actions/router';
import * as widget from './actions/widget/Widget.resource';
import { searchWidgets } from './listSearch';
import { widgetsApi } from './transport';

export class Widgets implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Widgets (test only)',
		name: 'widgets',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Test-only node of the test-only Widgets API',
		defaults: { name: 'Widgets' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials(widgetsApi),
		properties: [
			// One authentication: no "Authentication" parameter (an empty list).
			...authenticationProperties(widgetsApi),
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Widget', value: 'widget' }],
				default: 'widget',
			},
			...widget.description,
			requestOptionsProperty,
		],
	};

	methods = { listSearch: { searchWidgets } };

	async execute(this: IExecuteFunctions) {
		return await router.call(this, { continueOnFail: this.continueOnFail() });
	}
}
