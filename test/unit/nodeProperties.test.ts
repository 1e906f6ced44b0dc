import type { INodeType } from 'n8n-workflow';

import { LockitNetwork } from '../../packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/LockitNetwork.node';
import { Tapkey } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/Tapkey.node';
import { Taptouch } from '../../packages/n8n-nodes-taptouch/nodes/Taptouch/Taptouch.node';
import type { PropertySnapshot } from '../helpers/propertySnapshot';
import { snapshotNode } from '../helpers/propertySnapshot';
import before from './fixtures/nodeProperties.before.json';

/**
 * The fixture was generated from the nodes before their operation files moved to
 * `updateDisplayOptions`; saved workflows depend on every name, default and display condition in
 * it. The only change since is the added Simplify switch of the list operations.
 */
const NODES: Record<keyof typeof before, INodeType> = {
	tapkey: new Tapkey(),
	taptouch: new Taptouch(),
	lockitNetwork: new LockitNetwork(),
};

const LIST_OPERATIONS: Record<keyof typeof before, string[]> = {
	tapkey: ['owner', 'boundLock', 'contact', 'grant', 'logEntry', 'boundCard', 'administrator'],
	taptouch: ['store', 'order', 'inventory'],
	lockitNetwork: ['project', 'episode', 'scene', 'projectDay'],
};

describe.each(Object.keys(NODES) as Array<keyof typeof before>)('%s node properties', (node) => {
	const properties = snapshotNode(NODES[node]);

	it('keeps every parameter name, type, default and display condition, in the same order', () => {
		const withoutSimplify = properties.filter((property) => property.name !== 'simplify');
		expect(withoutSimplify).toEqual(before[node] as PropertySnapshot[]);
	});

	it('adds Simplify, off by default, to each list operation and nowhere else', () => {
		const simplify = properties.filter((property) => property.name === 'simplify');
		expect(simplify).toEqual(
			LIST_OPERATIONS[node].map((resource) => ({
				name: 'simplify',
				type: 'boolean',
				default: false,
				displayOptions: { show: { resource: [resource], operation: ['getMany'] } },
			})),
		);
	});
});
