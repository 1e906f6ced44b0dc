import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { endpointExpression, resolveBaseUrl } from '../../credentials/shared/environments';
import { SAFE_ID, validateId } from '../../nodes/shared/node/parameters';
import { TAPKEY_ENVIRONMENTS } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/transport/endpoints';
import { TAPKEY_PAGE_SIZE, tapkeyPaging } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/transport';

const node = { name: 'Tapkey', type: 'tapkey', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const rule = { label: 'Owner', pattern: SAFE_ID, shape: 'an owner ID' };

describe('Tapkey parameter mapping', () => {
	it('validates and encodes IDs', () => {
		expect(validateId(node, ' 6426d8f8-1c2b-4e9a ', rule)).toBe('6426d8f8-1c2b-4e9a');
		expect(() => validateId(node, '', rule)).toThrow(NodeOperationError);
		expect(() => validateId(node, 'a/b', rule)).toThrow('Owner "a/b" is not a valid ID');
		expect(() => validateId(node, 'a b', rule)).toThrow('is not a valid ID');
	});

	it('asks for as many records as Limit still needs, capped at the page size', () => {
		expect(tapkeyPaging.pageQuery(0, 0, 30)).toEqual({ qs: { $top: 30, $skip: 0 }, size: 30 });
		expect(tapkeyPaging.pageQuery(1, TAPKEY_PAGE_SIZE, undefined)).toEqual({
			qs: { $top: TAPKEY_PAGE_SIZE, $skip: TAPKEY_PAGE_SIZE },
			size: TAPKEY_PAGE_SIZE,
		});
		expect(tapkeyPaging.pageQuery(0, 0, 5000)?.size).toBe(TAPKEY_PAGE_SIZE);
	});

	it('resolves the API base URL the same way the credential expression does', () => {
		for (const environment of ['production', 'sandbox', 'custom']) {
			const credentials = { environment, customBaseUrl: 'http://127.0.0.1:4010/tapkey/api/v1', customAuthUrl: 'a', customAccessTokenUrl: 't' };
			const expression = endpointExpression(TAPKEY_ENVIRONMENTS, 'baseUrl').replace(/^=\{\{|\}\}$/g, '');
			const fromExpression = new Function('$self', `return (${expression})`)(credentials);
			expect(resolveBaseUrl(credentials, TAPKEY_ENVIRONMENTS)).toBe(fromExpression);
		}
		expect(resolveBaseUrl({ environment: 'sandbox' }, TAPKEY_ENVIRONMENTS)).toBe('https://my.sandbox.tapkey.io/api/v1');
	});
});
