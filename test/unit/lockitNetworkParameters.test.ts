import { NodeOperationError } from 'n8n-workflow';
import type { INode, INodeProperties } from 'n8n-workflow';

import { LockitNetworkOAuth2Api } from '../../packages/n8n-nodes-lockitnetwork/credentials/LockitNetworkOAuth2Api.credentials';
import { validateId } from '../../nodes/shared/node/parameters';
import { ID_RULES, LOCKITNETWORK_ID } from '../../packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/actions/common.descriptions';
import { parseFileNames } from '../../packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/actions/clip/fileNames';
import { lockitNetworkApi, unpaged } from '../../packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/transport';

const node = { name: 'LockitNetwork', type: 'lockitNetwork', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

describe('LockitNetwork IDs', () => {
	it('accepts 32 hexadecimal characters in either case, trimmed', () => {
		expect(validateId(node, ' 4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10 ', ID_RULES.project)).toBe('4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10');
		expect(validateId(node, '4F0C2A9E8B7D4C1F9A3E6B5D2C8F7A10', ID_RULES.episode)).toBe('4F0C2A9E8B7D4C1F9A3E6B5D2C8F7A10');
	});

	it.each([
		['31 characters', '4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a1'],
		['33 characters', '4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a100'],
		['a dashed UUID', '4f0c2a9e-8b7d-4c1f-9a3e-6b5d2c8f7a10'],
		['a non-hex character', 'g f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10'.replace(' ', '')],
		['a path', '../projects/4f0c2a9e8b7d4c1f9a3e6b5'],
		['a number', 12345],
	])('refuses %s, naming the parameter and the expected shape', (_name, value) => {
		let error: unknown;
		try {
			validateId(node, value, ID_RULES.projectDay);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(`Project Day "${String(value)}" is not a valid ID`);
		expect((error as NodeOperationError).description).toMatch(/^Expected the 32-character hexadecimal ID of the project day/);
	});

	it('asks for a missing ID', () => {
		expect(() => validateId(node, '  ', ID_RULES.scene)).toThrow('Scene is required');
		expect(() => validateId(node, undefined, ID_RULES.scene)).toThrow('Scene is required');
	});

	it('uses the same pattern in the editor (By ID mode) as at run time', () => {
		expect(LOCKITNETWORK_ID.source).toBe('^[0-9a-fA-F]{32}$');
	});
});

describe('LockitNetwork clip file names', () => {
	const parse = (raw: unknown) => parseFileNames(node, raw);

	it('splits on commas and new lines (LF and CRLF), trimming and dropping blanks', () => {
		expect(parse('A001C001.mov, A001C002.mov\nA001C003.mov\r\n\r\nA001C004.mov,')).toEqual([
			'A001C001.mov',
			'A001C002.mov',
			'A001C003.mov',
			'A001C004.mov',
		]);
	});

	it('keeps spaces inside a name', () => {
		expect(parse('Day 1 Cam A.mov')).toEqual(['Day 1 Cam A.mov']);
	});

	it('takes a list from an expression as it is, numbers included', () => {
		expect(parse([' A001C001.mov ', '', null, 42])).toEqual(['A001C001.mov', '42']);
	});

	it('reads a JSON array written as text', () => {
		expect(parse('["A001C001.mov", "A001, C002.mov"]')).toEqual(['A001C001.mov', 'A001, C002.mov']);
	});

	it('keeps a repeated name once, in its first position', () => {
		expect(parse('b.mov, a.mov, b.mov')).toEqual(['b.mov', 'a.mov']);
	});

	it.each([[''], ['  '], [' ,\n,'], [[]], [['', '  ']], [undefined], [null], ['[]']])('refuses an empty list (%j)', (raw) => {
		expect(() => parse(raw)).toThrow(new NodeOperationError(node, 'File Names is empty'));
	});

	it('refuses entries that are not text', () => {
		expect(() => parse([{ name: 'a.mov' }])).toThrow('File Names must be text');
		expect(() => parse([['a.mov']])).toThrow('File Names must be text');
	});
});

describe('LockitNetwork API description', () => {
	const request = (path: string) => ({ method: 'GET' as const, path, operation: 'test' });

	it('adds the premium hint to 403 and 404 answers of project endpoints only', () => {
		const hint = lockitNetworkApi.describeStatus!;
		expect(hint(403, request('/projects/4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10/episodes'))).toContain('only for premium projects');
		expect(hint(404, request('/projects/4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10'))).toContain('only for premium projects');
		expect(hint(403, request('/projects'))).toBeUndefined();
		expect(hint(500, request('/projects/4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10'))).toBeUndefined();
		expect(hint(401, request('/projects/4f0c2a9e8b7d4c1f9a3e6b5d2c8f7a10'))).toBeUndefined();
	});

	it('reads lists in one unpaged request', () => {
		expect(unpaged.pageQuery(0, 0, 5)).toEqual({ qs: {} });
		expect(unpaged.pageQuery(1, 20, undefined, { page: 0, payload: [], received: 20 })).toBeUndefined();
	});

	it('reads message and code from LockitNetwork and OAuth error bodies', () => {
		expect(lockitNetworkApi.errorDetails({ error: 'premium_required', message: 'Premium only.' })).toEqual({
			message: 'Premium only.',
			code: 'premium_required',
		});
		expect(lockitNetworkApi.errorDetails({ error: 'invalid_request', error_description: 'Bad.' })).toEqual({
			message: 'Bad.',
			code: 'invalid_request',
		});
	});
});

describe('LockitNetwork credential', () => {
	const credential = new LockitNetworkOAuth2Api();
	const field = (name: string) => credential.properties.find((p) => p.name === name) as INodeProperties;

	it('offers the contract grant types', () => {
		expect(field('grantType').default).toBe('authorizationCode');
		expect((field('grantType').options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'authorizationCode',
			'pkce',
			'clientCredentials',
		]);
	});

	it('authenticates the client with HTTP Basic and needs the secret for every grant, PKCE included', () => {
		expect(field('authentication')).toMatchObject({ type: 'hidden', default: 'header' });
		expect(field('clientSecret')).toMatchObject({ required: true, typeOptions: { password: true } });
		expect(field('clientSecret').displayOptions).toBeUndefined();
	});

	it('asks for no scope, yet keeps the field so n8n does not fall back to "openid"', () => {
		expect(field('scope')).toMatchObject({ type: 'hidden', default: '' });
	});

	it('offers production and custom environments with the documented production hosts', () => {
		expect((field('environment').options as Array<{ value: string }>).map((o) => o.value)).toEqual(['production', 'custom']);
		const resolve = (name: string, data: Record<string, unknown>) =>
			new Function('$self', `return (${String(field(name).default).replace(/^=\{\{|\}\}$/g, '')})`)(data);
		expect(resolve('authUrl', { environment: 'production' })).toBe('https://api.lockitnetwork.com/oauth/authorize');
		expect(resolve('accessTokenUrl', { environment: 'production' })).toBe('https://api.lockitnetwork.com/oauth/access-token');
		expect(resolve('accessTokenUrl', { environment: 'custom', customAccessTokenUrl: 'http://127.0.0.1:1/t' })).toBe('http://127.0.0.1:1/t');
		expect(credential.httpRequestNode?.apiBaseUrl).toBe('https://api.lockitnetwork.com');
	});

	it('tests Authorization Code with the cheap read the transport refreshes through, Client Credentials with a token request', () => {
		const resolve = (key: 'url' | 'method', data: Record<string, unknown>) =>
			new Function('$credentials', `return (${String(credential.test.request[key]).replace(/^=\{\{|\}\}$/g, '')})`)(data);
		const production = { environment: 'production' };
		expect(resolve('method', { ...production, grantType: 'authorizationCode' })).toBe(lockitNetworkApi.tokenProbe!.method);
		expect(resolve('url', { ...production, grantType: 'authorizationCode' })).toBe(
			`https://api.lockitnetwork.com${lockitNetworkApi.tokenProbe!.path}`,
		);
		expect(lockitNetworkApi.tokenProbe).toEqual({ method: 'GET', path: '/projects' });
		expect(resolve('method', { ...production, grantType: 'clientCredentials' })).toBe('POST');
		expect(resolve('url', { ...production, grantType: 'clientCredentials' })).toBe('https://api.lockitnetwork.com/oauth/access-token');
	});
});
