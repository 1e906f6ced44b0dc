// n8n's community-node lint config, exactly as `n8n-node new` generates it. scripts/lint.js copies
// this file into .cache/verify/ beside the installed tooling (so the import resolves there) and
// lints the package's nodes/, credentials/ and package.json with it.
import { config } from '@n8n/node-cli/eslint';

export default config;
