/**
 * What the credential dialog shows and what n8n sends as `scope`, per grant, computed the way n8n
 * does it: the credential's properties merged over oAuth2Api's by name (NodeHelpers.
 * mergeNodeProperties, as n8n's credentials helper and editor do), the values n8n reads with
 * getNodeParameters, and expressions resolved with `$self` as n8n's credentials helper resolves them.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeParameters,
	INodeProperties,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { LockitNetworkOAuth2Api } from '../../packages/n8n-nodes-lockitnetwork/credentials/LockitNetworkOAuth2Api.credentials';
import { TapkeyOAuth2Api } from '../../packages/n8n-nodes-tapkey/credentials/TapkeyOAuth2Api.credentials';
import { TaptouchOAuth2Api } from '../../packages/n8n-nodes-taptouch/credentials/TaptouchOAuth2Api.credentials';

/** oAuth2Api's fields as n8n 1.123.81 (as in 1.123.50) and 2.41.1 define them (those the credentials here meet). */
const OAUTH2_API: INodeProperties[] = (() => {
	const dcr = { useDynamicClientRegistration: [false] };
	return [
		{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'hidden', default: false },
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			displayOptions: { show: dcr },
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...dcr } }, default: '', required: true },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', displayOptions: { show: dcr }, default: '', required: true },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', displayOptions: { show: dcr }, default: '', required: true },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, displayOptions: { show: dcr }, default: '', required: true },
		{ displayName: 'Scope', name: 'scope', type: 'string', displayOptions: { show: dcr }, default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...dcr } }, default: '' },
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			displayOptions: { show: dcr },
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{ displayName: 'Send Additional Body Properties', name: 'sendAdditionalBodyProperties', type: 'boolean', default: false, displayOptions: { show: { grantType: ['clientCredentials'], authentication: ['body'], ...dcr } } },
		{ displayName: 'Additional Body Properties', name: 'additionalBodyProperties', type: 'json', default: '', displayOptions: { show: { grantType: ['clientCredentials'], authentication: ['body'], sendAdditionalBodyProperties: [true], ...dcr } } },
	];
})();

function mergedProperties(type: ICredentialType): INodeProperties[] {
	const combined: INodeProperties[] = [];
	NodeHelpers.mergeNodeProperties(combined, OAUTH2_API);
	NodeHelpers.mergeNodeProperties(combined, type.properties);
	return combined;
}

/** The fields the credential dialog shows for these values (type hidden or not displayed: not shown). */
function visibleFields(type: ICredentialType, values: ICredentialDataDecryptedObject): INodeProperties[] {
	const properties = mergedProperties(type);
	const current = NodeHelpers.getNodeParameters(properties, values as INodeParameters, true, false, null, null) ?? {};
	return properties.filter(
		(p) => p.type !== 'hidden' && NodeHelpers.displayParameter(current, p, null, null, current),
	);
}

const mockNode: INode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const mockNodeTypes = {
	getKnownTypes: () => ({}),
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
} as unknown as INodeTypes;

/** The credential data n8n's OAuth2 code receives: defaults applied, `$self` expressions resolved. */
function resolved(type: ICredentialType, stored: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const data = NodeHelpers.getNodeParameters(mergedProperties(type), stored as INodeParameters, true, false, null, null) as INodeParameters;
	const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
	return workflow.expression.getComplexParameterValue(mockNode, data, 'internal', {}, undefined, undefined, data) as ICredentialDataDecryptedObject;
}

const TAPKEY_SCOPES = 'read:owneraccounts read:core:entities read:grants read:logs write:core:entities write:grants';

describe.each([
	[
		'Tapkey',
		new TapkeyOAuth2Api(),
		{ authorizationCode: `${TAPKEY_SCOPES} offline_access`, pkce: `${TAPKEY_SCOPES} offline_access`, clientCredentials: TAPKEY_SCOPES },
	],
	[
		'Taptouch',
		new TaptouchOAuth2Api(),
		{
			authorizationCode: 'integration.store',
			pkce: 'integration.store',
			clientCredentials: 'integration.store integration.order integration.inventory',
		},
	],
] as const)('%s credential scope', (_provider, type, expected) => {
	it.each(['authorizationCode', 'pkce', 'clientCredentials'] as const)(
		'with %s shows one Scope field, pre-filled with plain text, and n8n sends the same',
		(grantType) => {
			const scopeFields = visibleFields(type, { grantType }).filter((p) => p.displayName === 'Scope');
			expect(scopeFields).toHaveLength(1);
			// A plain default: an expression would show in red, resolved without $self, in the dialog.
			expect(scopeFields[0]).toMatchObject({ type: 'string', default: expected[grantType] });
			expect(resolved(type, { grantType }).scope).toBe(expected[grantType]);
		},
	);

	it('sends what the user typed into the selected grant’s Scope field, not the other grant’s', () => {
		const fields = Object.fromEntries(
			(['authorizationCode', 'clientCredentials'] as const).map((grantType) => [
				grantType,
				visibleFields(type, { grantType }).find((p) => p.displayName === 'Scope')!.name,
			]),
		);
		expect(fields.authorizationCode).not.toBe(fields.clientCredentials);
		const stored = { [fields.authorizationCode]: 'user-scope', [fields.clientCredentials]: 'service-scope' };
		expect(resolved(type, { ...stored, grantType: 'authorizationCode' }).scope).toBe('user-scope');
		expect(resolved(type, { ...stored, grantType: 'pkce' }).scope).toBe('user-scope');
		expect(resolved(type, { ...stored, grantType: 'clientCredentials' }).scope).toBe('service-scope');
	});

	it('keeps exactly one `scope` property after n8n merges it over oAuth2Api, hidden, so n8n uses its default', () => {
		const scopes = mergedProperties(type).filter((p) => p.name === 'scope');
		expect(scopes).toHaveLength(1);
		expect(scopes[0].type).toBe('hidden');
	});
});

describe('fields inherited from oAuth2Api', () => {
	const all = [new TapkeyOAuth2Api(), new TaptouchOAuth2Api(), new LockitNetworkOAuth2Api()];
	const names = (fields: INodeProperties[]) => fields.map((p) => p.name);

	it.each(all.map((t) => [t.name, t] as const))('%s shows no visible field with an expression as its default', (_name, type) => {
		for (const grantType of ['authorizationCode', 'pkce', 'clientCredentials']) {
			for (const environment of ['production', 'custom']) {
				const defaults = visibleFields(type, { grantType, environment }).map((p) => [p.name, p.default]);
				expect(defaults.filter(([, d]) => typeof d === 'string' && d.startsWith('='))).toEqual([]);
			}
		}
	});

	it.each(all.map((t) => [t.name, t] as const))(
		'%s hides what the provider fixes: URLs, client authentication, extra authorize and token parameters',
		(_name, type) => {
			for (const grantType of ['authorizationCode', 'pkce', 'clientCredentials']) {
				const visible = names(visibleFields(type, { grantType }));
				for (const fixed of ['authUrl', 'accessTokenUrl', 'authentication', 'authQueryParameters', 'sendAdditionalBodyProperties', 'additionalBodyProperties', 'scope']) {
					expect(visible).not.toContain(fixed);
				}
				expect(visible).toEqual(expect.arrayContaining(['grantType', 'environment', 'clientId']));
			}
		},
	);

	it('asks for a client secret except where the provider registers PKCE clients as public', () => {
		const secretShown = (type: ICredentialType, grantType: string) =>
			names(visibleFields(type, { grantType })).includes('clientSecret');
		const [tapkey, taptouch, lockit] = all;
		for (const type of [tapkey, taptouch]) {
			expect(secretShown(type, 'authorizationCode')).toBe(true);
			expect(secretShown(type, 'clientCredentials')).toBe(true);
			expect(secretShown(type, 'pkce')).toBe(false);
		}
		// LockitNetwork PKCE clients are confidential: HTTP Basic on every token request.
		for (const grantType of ['authorizationCode', 'pkce', 'clientCredentials']) expect(secretShown(lockit, grantType)).toBe(true);
	});

	it('offers Authorization Code with PKCE on all three, as the contract lists', () => {
		for (const type of all) {
			const grant = type.properties.find((p) => p.name === 'grantType')!;
			expect(grant.options!.map((o) => (o as { value: string }).value)).toEqual(['authorizationCode', 'pkce', 'clientCredentials']);
		}
	});
});
