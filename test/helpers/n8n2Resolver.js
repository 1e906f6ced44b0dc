// Jest resolver of the `*-n8n2` projects (jest.config.js): n8n's packages (n8n-core, n8n-workflow, @n8n/*)
// and zod imported by our nodes, credentials and tests resolve from the installed n8n 2.x, as they do
// when real n8n 2.x loads this package (zod is n8n's own: the packages have no dependencies); everything else, and everything n8n's own packages import,
// resolves as usual. (A plain moduleNameMapper to folders would skip the packages' `exports` maps.)
const path = require('path');
const { cacheDir, IN_PROCESS_N8N2_VERSION } = require('../../scripts/n8n/versions');

const installDir = path.join(cacheDir, `n8n-${IN_PROCESS_N8N2_VERSION}`);
const N8N_PACKAGE = /^(n8n-core|n8n-workflow|zod|@n8n\/[^/]+)(\/|$)/;

module.exports = (request, options) => {
	const fromN8n = options.basedir.startsWith(installDir + path.sep);
	if (N8N_PACKAGE.test(request) && !fromN8n) {
		return options.defaultResolver(request, { ...options, basedir: installDir });
	}
	return options.defaultResolver(request, options);
};
