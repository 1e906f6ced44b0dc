// n8n-core reads (and creates) its settings under N8N_USER_FOLDER when imported; keep tests out of
// the user's home folder.
const os = require('os');
const path = require('path');
const fs = require('fs');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-test-'));
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
