/**
 * The package as a person meets it: n8n's editor in Debian's Chromium (driven by playwright-core
 * from the pinned n8n install folder, not from this package's devDependencies). Finds the Tapkey
 * node in the node panel, adds it to a workflow, picks an owner from the searchable list, runs the
 * step and saves a screenshot for the README (`docs/screenshot-editor.png`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { fixtures, startStack, type Stack } from './harness';

/* eslint-disable @typescript-eslint/no-require-imports */
const VERSION = '1.123.50';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
// Every run saves its screenshot under test-results/; UPDATE_SCREENSHOT=1 refreshes the README's copy.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
	? path.join(ROOT, 'docs', 'screenshot-editor.png')
	: path.join(ROOT, 'test-results', 'screenshot-editor.png');
/** Where a failing run leaves its screenshot (git-ignored). */
const FAILURE_SHOT = path.join(ROOT, 'test-results', 'editor-failure.png');
const MINUTE = 60_000;
const EDITOR_WORKFLOW_ID = fixtures.shortId('editor-test');

describe(`the n8n ${VERSION} editor in Chromium`, () => {
	let stack: Stack;
	let browser: any;
	let profile: string;

	beforeAll(async () => {
		// No silent skip: without the browser this test fails and says how to get it.
		if (!fs.existsSync(CHROMIUM)) {
			throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
		}
		// Only the client-credentials connection: the node picks it without asking.
		stack = await startStack(VERSION, {
			credentialFilter: (c) => c.grant === 'clientCredentials',
			extraWorkflows: () => [
				fixtures.workflow(EDITOR_WORKFLOW_ID, 'Try the Tapkey node', [fixtures.manualTrigger()], {}),
			],
		});
		await stack.n8n.start();
		await stack.n8n.loginOwner();
		const { chromium } = require(path.join(stack.n8n.install.dir, 'node_modules', 'playwright-core'));
		profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
		browser = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			viewport: { width: 1440, height: 900 },
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
	}, 25 * MINUTE);

	afterAll(async () => {
		await browser?.close();
		await stack?.close();
		if (profile) fs.rmSync(profile, { recursive: true, force: true });
	}, 2 * MINUTE);

	test('adds the Tapkey node from the node panel, picks an owner from the list and runs it', async () => {
		const page = browser.pages()[0] ?? (await browser.newPage());
		page.setDefaultTimeout(30_000);
		try {
			// Log in through the sign-in form, as a person does.
			await page.goto(`${stack.n8n.url}/signin`);
			await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(stack.owner.email);
			await page.locator('input[type="password"]').first().fill(stack.owner.password);
			await page.getByRole('button', { name: /sign in/i }).click();
			await page.waitForURL((url: URL) => !url.pathname.includes('signin'));

			// A workflow holding only a manual trigger; the Tapkey node is added from the panel.
			await page.goto(`${stack.n8n.url}/workflow/${EDITOR_WORKFLOW_ID}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
			const search = page.locator('[data-test-id="node-creator-search-bar"]').first();
			await search.fill('Tapkey');
			// Panel entries are "item-iterator-item"s (a node with actions is tagged as an action item).
			const entries = page.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]');
			await entries.filter({ hasText: 'Tapkey' }).first().click();
			await entries.filter({ hasText: /get many bound locks/i }).first().click();

			// The node's settings panel: the owner comes from the searchable list.
			const ndv = page.locator('[data-test-id="ndv"]');
			await ndv.waitFor();
			const owner = ndv.locator('[data-test-id="rlc-input"]').first();
			await owner.click();
			const item = page.locator('[data-test-id="rlc-item"]').filter({ hasText: 'Warehouse' }).first();
			await item.waitFor();
			await item.click();
			await ndv.locator('[data-test-id="node-execute-button"]').first().click();

			// The Warehouse owner has 7 bound locks in the sandbox: all of them are shown.
			const data = await stack.admin.data('tapkey');
			const warehouse = data.owners.find((o: any) => o.name === 'Warehouse');
			const locks = data.boundLocks[warehouse.id];
			await page.getByText(`${locks.length} items`).first().waitFor();
			await page.getByText(locks[0].title).first().waitFor();
			fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
			await page.screenshot({ path: SCREENSHOT });
		} catch (err) {
			fs.mkdirSync(path.dirname(FAILURE_SHOT), { recursive: true });
			await page.screenshot({ path: FAILURE_SHOT }).catch(() => undefined);
			throw new Error(`${(err as Error).message}\n(screenshot of the failure: ${path.relative(ROOT, FAILURE_SHOT)})`);
		}
	}, 6 * MINUTE);
});

