import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty, returnAllOrLimit, updateDisplayOptions } from '../../nodes/shared/node/descriptions';
import { DEFAULT_READ_CONCURRENCY, MAX_READ_CONCURRENCY, MAX_TIMEOUT_MS } from '../../nodes/shared/limits';

describe('updateDisplayOptions', () => {
	it('shows every property only for the operation, keeping the conditions a property already has', () => {
		const properties: INodeProperties[] = [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				default: 50,
				displayOptions: { show: { returnAll: [false] }, hide: { mode: ['raw'] } },
			},
		];
		const shown = updateDisplayOptions({ show: { resource: ['order'], operation: ['getMany'] } }, properties);
		expect(shown.map((p) => p.displayOptions)).toEqual([
			{ show: { resource: ['order'], operation: ['getMany'] } },
			{ show: { returnAll: [false], resource: ['order'], operation: ['getMany'] }, hide: { mode: ['raw'] } },
		]);
		// The properties given are left as they were.
		expect(properties[0].displayOptions).toBeUndefined();
	});
});

describe('returnAllOrLimit', () => {
	it('needs no displayOptions of its own: updateDisplayOptions adds the operation to both', () => {
		const shown = updateDisplayOptions({ show: { resource: ['order'], operation: ['getMany'] } }, returnAllOrLimit());
		expect(shown.map((p) => [p.name, p.displayOptions])).toEqual([
			['returnAll', { show: { resource: ['order'], operation: ['getMany'] } }],
			['limit', { show: { returnAll: [false], resource: ['order'], operation: ['getMany'] } }],
		]);
		expect(shown).toEqual(returnAllOrLimit({ show: { resource: ['order'], operation: ['getMany'] } }));
	});
});

describe('requestOptionsProperty', () => {
	it('bounds the Timeout in the editor as the parameter reader does, and says so', () => {
		const timeout = requestOptionsProperty.options!.find((o) => o.name === 'timeout') as INodeProperties;
		expect(timeout.typeOptions).toEqual({ minValue: 1, maxValue: MAX_TIMEOUT_MS });
		expect(timeout.description).toContain('600000 (10 minutes)');
	});

	it('offers Concurrency with the bounds and default the runner uses, and says writes stay sequential', () => {
		const concurrency = requestOptionsProperty.options!.find((o) => o.name === 'concurrency') as INodeProperties;
		expect(concurrency.default).toBe(DEFAULT_READ_CONCURRENCY);
		expect(concurrency.typeOptions).toEqual({ minValue: 1, maxValue: MAX_READ_CONCURRENCY });
		expect(concurrency.description).toContain('Writes always run one item after the other');
	});
});
