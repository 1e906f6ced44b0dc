import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LockitNetworkApi } from '../../packages/n8n-nodes-lockitnetwork/credentials/LockitNetworkApi.credentials';
import { TapkeyTokenExchangeApi } from '../../packages/n8n-nodes-tapkey/credentials/TapkeyTokenExchangeApi.credentials';
import { LockitNetwork } from '../../packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/LockitNetwork.node';
import { lockitNetworkApi } from '../../packages/n8n-nodes-lockitnetwork/nodes/LockitNetwork/transport';
import { PRE_AUTHENTICATION_REFUSED } from '../../nodes/shared/provider';
import { chooseCredential } from '../../nodes/shared/transport';
import type { RequestContext } from '../../nodes/shared/provider';
import { Tapkey } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/Tapkey.node';
import { TapkeyTrigger } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/TapkeyTrigger.node';
import { tapkeyApi } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/transport';
import { checkSubjectToken, CLIENT_ID_CLAIM, tokenUrl } from '../../packages/n8n-nodes-tapkey/nodes/Tapkey/transport/tokenExchange';

const context = (parameters: INode['parameters']) =>
	({ getNode: () => ({ name: 'Node', type: 'tapkey', typeVersion: 1, position: [0, 0], parameters }) }) as unknown as RequestContext;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unsignedJwt = (claims: object) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;

describe('credential choice by the Authentication parameter', () => {
	it('keeps OAuth2 for nodes saved without the parameter, and picks the alternative by its value', () => {
		expect(chooseCredential(context({}), tapkeyApi)).toMatchObject({ type: 'tapkeyOAuth2Api', renewal: 'oAuth2' });
		expect(chooseCredential(context({ authentication: 'oAuth2' }), lockitNetworkApi).type).toBe('lockitNetworkOAuth2Api');
		expect(chooseCredential(context({ authentication: 'tokenExchange' }), tapkeyApi)).toMatchObject({
			type: 'tapkeyTokenExchangeApi',
			renewal: 'preAuthentication',
			secretFields: ['subjectToken', 'accessToken'],
			tokenField: 'accessToken',
		});
		expect(chooseCredential(context({ authentication: 'apiToken' }), lockitNetworkApi)).toMatchObject({
			type: 'lockitNetworkApi',
			renewal: 'none',
			secretFields: ['apiToken'],
		});
		expect(() => chooseCredential(context({ authentication: 'apiToken' }), tapkeyApi)).toThrow(NodeOperationError);
		// A name inherited from Object.prototype is no authentication either.
		expect(() => chooseCredential(context({ authentication: 'toString' }), tapkeyApi)).toThrow(NodeOperationError);
	});

	it.each([
		['tapkey', new Tapkey(), 'tokenExchange', 'tapkeyTokenExchangeApi'],
		['tapkeyTrigger', new TapkeyTrigger(), 'tokenExchange', 'tapkeyTokenExchangeApi'],
		['lockitNetwork', new LockitNetwork(), 'apiToken', 'lockitNetworkApi'],
	])('%s offers OAuth2 (default) and one more credential, each shown for its Authentication value', (_name, node, value, type) => {
		const { description } = node;
		const authentication = description.properties.find((p) => p.name === 'authentication')!;
		expect(authentication).toMatchObject({ type: 'options', default: 'oAuth2' });
		expect(authentication.options!.map((o) => (o as { value: string }).value)).toEqual(['oAuth2', value]);
		expect(description.credentials).toEqual([
			expect.objectContaining({ required: true, displayOptions: { show: { authentication: ['oAuth2'] } } }),
			{ name: type, required: true, displayOptions: { show: { authentication: [value] } } },
		]);
	});
});

describe('the credentials', () => {
	it('token exchange: an expirable hidden token filled by preAuthentication and sent as a bearer token', () => {
		const credential = new TapkeyTokenExchangeApi();
		expect(credential.properties.find((p) => p.name === 'accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		expect(typeof credential.preAuthentication).toBe('function');
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } } });
		expect(credential.properties.map((p) => p.name)).toEqual(
			expect.arrayContaining(['environment', 'customAccessTokenUrl', 'customBaseUrl', 'clientId', 'identityProvider', 'subjectToken', 'scope']),
		);
		expect(credential.properties.map((p) => p.name)).not.toContain('customAuthUrl');
	});

	it('API token: sent where Send Token As says (the token header by default), password field, production or custom environment', async () => {
		const credential = new LockitNetworkApi();
		const place = (sendTokenAs?: string) =>
			credential.authenticate({ apiToken: 't0k', ...(sendTokenAs ? { sendTokenAs } : {}) }, { url: '/projects', qs: { a: 1 }, headers: { accept: 'x' } });
		expect(await place()).toEqual({ url: '/projects', qs: { a: 1 }, headers: { accept: 'x', token: 't0k' } });
		expect(await place('tokenHeader')).toEqual({ url: '/projects', qs: { a: 1 }, headers: { accept: 'x', token: 't0k' } });
		expect(await place('bearer')).toEqual({ url: '/projects', qs: { a: 1 }, headers: { accept: 'x', Authorization: 'Bearer t0k' } });
		expect(await place('query')).toEqual({ url: '/projects', qs: { a: 1, token: 't0k' }, headers: { accept: 'x' } });
		expect(credential.properties.find((p) => p.name === 'sendTokenAs')).toMatchObject({
			default: 'tokenHeader',
			options: [{ value: 'tokenHeader' }, { value: 'bearer' }, { value: 'query' }],
		});
		expect(credential.properties.find((p) => p.name === 'apiToken')).toMatchObject({ typeOptions: { password: true }, required: true });
		const environment = credential.properties.find((p) => p.name === 'environment')!;
		expect(environment.options!.map((o) => (o as { value: string }).value)).toEqual(['production', 'custom']);
	});
});

describe('token exchange checks before any request', () => {
	const now = Date.UTC(2026, 0, 1);
	const exp = now / 1000 + 600;

	it('accepts a current JWT for this client', () => {
		const token = unsignedJwt({ sub: 'alice', exp, [CLIENT_ID_CLAIM]: 'client-1' });
		expect(checkSubjectToken({ subjectToken: ` ${token} `, clientId: 'client-1' }, now)).toBe(token);
	});

	it.each([
		['', /has no external token/],
		['not-a-jwt', /is not a JWT/],
		[unsignedJwt({ sub: 'alice', exp: now / 1000 - 1 }), /expired at 2025-12-31T23:59:59.000Z/],
		[unsignedJwt({ sub: 'alice', exp, [CLIENT_ID_CLAIM]: 'other' }), /issued for the OAuth client "other"/],
	])('refuses %j with a message to act on', (subjectToken, reason) => {
		const check = () => checkSubjectToken({ subjectToken, clientId: 'client-1' }, now);
		expect(check).toThrow(reason);
		expect(check).toThrow(new RegExp(`^${PRE_AUTHENTICATION_REFUSED}`));
	});

	it('uses the token URL of the environment', () => {
		expect(tokenUrl({ environment: 'production' })).toBe('https://login.tapkey.com/connect/token');
		expect(tokenUrl({ environment: 'sandbox' })).toBe('https://login.sandbox.tapkey.io/connect/token');
		expect(tokenUrl({ environment: 'custom', customAccessTokenUrl: 'http://127.0.0.1:4010/tapkey/connect/token' })).toBe(
			'http://127.0.0.1:4010/tapkey/connect/token',
		);
		expect(() => tokenUrl({ environment: 'custom', customAccessTokenUrl: '' })).toThrow(/no valid Access Token URL/);
	});
});
