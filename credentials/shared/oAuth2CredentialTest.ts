import type { ICredentialTestRequest, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { EnvironmentTable } from './environments';
import { endpointExpression } from './environments';
import { SCOPE_FIELD } from './oAuth2Fields';

/** The JavaScript inside an `={{ … }}` expression, parenthesised to combine it with others. */
const inner = (expression: string) => `(${expression.replace(/^=\{\{\s*/, '').replace(/\s*\}\}$/, '')})`;

const IS_CLIENT_CREDENTIALS = '$credentials.grantType === "clientCredentials"';

/**
 * The Test of an OAuth2 credential (`test` of a type extending `oAuth2Api`).
 *
 * n8n's editor (1.x and 2.x) runs it only when Client Credentials is selected, right after Save;
 * for the authorization-code grants it shows Connect instead. n8n sends the request through its
 * OAuth2 code, which uses the token stored with the credential and asks for one only when none is
 * stored. A read with that token would keep passing after the client secret was changed to a
 * wrong one, until the token expires. So for Client Credentials the Test is the request n8n
 * itself will make when it needs the next token: a `client_credentials` token request to the
 * Access Token URL with the saved client ID, secret and scope, authenticated the way the
 * credential's `authentication` says. (n8n still adds its stored token as `Authorization: Bearer`;
 * with HTTP Basic that header is replaced, and token endpoints reading the client from the form
 * body ignore a bearer header.) For the other grants — tested only through n8n's REST API — it
 * stays one cheap read of the API with the stored token.
 */
export function oAuth2CredentialTest(
	table: EnvironmentTable,
	read: { url: string; qs?: IDataObject },
	client: { authentication: 'body' | 'header'; scope: boolean },
): ICredentialTestRequest {
	const tokenUrl = inner(endpointExpression(table, 'accessTokenUrl', '$credentials'));
	const baseUrl = inner(endpointExpression(table, 'baseUrl', '$credentials'));
	const form = [
		'grant_type: "client_credentials"',
		...(client.scope ? [`scope: $credentials.${SCOPE_FIELD.clientCredentials}`] : []),
		...(client.authentication === 'body'
			? ['client_id: $credentials.clientId', 'client_secret: $credentials.clientSecret']
			: []),
	].join(', ');
	const either = (whenClientCredentials: string, otherwise: string) =>
		`={{ ${IS_CLIENT_CREDENTIALS} ? ${whenClientCredentials} : ${otherwise} }}`;
	return {
		request: {
			method: either('"POST"', '"GET"') as IHttpRequestMethods,
			url: either(tokenUrl, `${baseUrl} + ${JSON.stringify(read.url)}`),
			qs: either('{}', JSON.stringify(read.qs ?? {})) as unknown as IDataObject,
			headers: either('{ "Content-Type": "application/x-www-form-urlencoded" }', '{}') as unknown as IDataObject,
			body: either(`{ ${form} }`, '{}') as unknown as IDataObject,
			...(client.authentication === 'header'
				? {
						auth: either(
							'{ username: $credentials.clientId, password: $credentials.clientSecret }',
							'undefined',
						) as unknown as { username: string; password: string },
					}
				: {}),
		},
	};
}
