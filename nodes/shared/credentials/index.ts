/**
 * Credential field builders: what every credential type of the package shares (environments and
 * their URLs, n8n's OAuth2 fields each grant needs, the OAuth2 credential Test).
 */
export * from './environments';
export * from './oAuth2Fields';
export * from './oAuth2CredentialTest';
