const escape = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PAGE = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;color:#222}
button{font-size:1rem;padding:.5rem 1.5rem;margin-right:1rem}code{background:#eee;padding:0 .25rem}</style>
</head><body>${body}</body></html>`;

/** The sandbox's login-and-consent page: one form a person or a test can submit. */
export const consentPage = {
	render(provider: string, clientId: string, scopes: string[], query: URLSearchParams): string {
		const hidden = [...query.entries()]
			.filter(([key]) => key !== 'decision')
			.map(([key, value]) => `<input type="hidden" name="${escape(key)}" value="${escape(value)}">`)
			.join('');
		const scopeList = scopes.length
			? `<ul>${scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join('')}</ul>`
			: '<p>(no scopes)</p>';
		return PAGE(
			`${provider} sandbox — authorize`,
			`<h1>${escape(provider)} sandbox</h1>
<p>The application <strong>${escape(clientId)}</strong> asks for access to your sandbox account:</p>${scopeList}
<form method="post" id="consent">${hidden}
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button></form>`,
		);
	},
	error(provider: string, message: string): string {
		return PAGE(`${provider} sandbox — error`, `<h1>Authorization failed</h1><p>${escape(message)}</p>`);
	},
};
