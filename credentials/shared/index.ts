/**
 * Credential field builders: what every credential type of the package shares (environments and
 * their URLs, n8n's OAuth2 fields each grant needs, the OAuth2 credential Test, turns before a
 * refresh in n8n 1.x queue mode).
 */
export * from './environments';
export * from './oAuth2Fields';
export * from './oAuth2CredentialTest';
export * from './refreshTurns';
