'use strict';
/**
 * n8n's "Connect" for an authorization-code credential, done as a person in a browser does it:
 * n8n's authorization URL, the sandbox's consent page, "Approve", and the redirect back to n8n's
 * OAuth2 callback with the session. Used by the real-n8n tests and the benchmarks alike.
 *
 * @param {{ oauth2AuthUrl(id: string): Promise<string>, oauth2Callback(location: string): Promise<{ status: number, html: string }> }} n8n
 * @param {string} credentialId
 * @returns {Promise<{ status: number, html: string }>} n8n's callback page
 */
async function connectOAuth2(n8n, credentialId) {
	const authUrl = await n8n.oauth2AuthUrl(credentialId);
	const consent = await fetch(authUrl);
	const page = await consent.text();
	if (consent.status !== 200 || !page.includes('id="approve"')) {
		throw new Error(`consent page did not render (${consent.status}): ${page.slice(0, 300)}`);
	}
	// The consent form posts its hidden fields (the original query) plus the decision to itself.
	const form = new URLSearchParams(new URL(authUrl).searchParams);
	form.set('decision', 'approve');
	const approved = await fetch(authUrl.split('?')[0], {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
	});
	const location = approved.headers.get('location');
	if (approved.status !== 302 || !location) throw new Error(`approve answered ${approved.status}, no redirect`);
	return await n8n.oauth2Callback(location);
}

module.exports = { connectOAuth2 };
