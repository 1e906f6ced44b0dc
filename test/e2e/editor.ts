/**
 * The package as a person meets it: n8n's editor in Debian's Chromium (driven by playwright-core
 * from the pinned n8n install folder, not from this package's devDependencies). Finds the Tapkey
 * node in the node panel, adds it to a workflow, picks an owner from the searchable list, runs the
 * step and saves a screenshot for the README (one per n8n major version). Then what a new user
 * meets first: an authorization-code credential nobody connected (its dialog offers Connect; list
 * search, an execution and a polling trigger name it and say to connect it) and the credential
 * Test that n8n runs for a client-credentials credential. One file per n8n version calls it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { recordArtifact } from '../helpers/audit';
import { fixtures, SETUP_TIMEOUT, startStack, waitFor, type Stack } from './harness';

/* eslint-disable @typescript-eslint/no-require-imports */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const MINUTE = 60_000;
const EDITOR_WORKFLOW_ID = fixtures.shortId('editor-test');
const TAPKEY = fixtures.nodeType('tapkey');

/** Added after the node panel step, so the node there picks the only (client-credentials) credential. */
const NEVER_CONNECTED = { id: fixtures.shortId('editor:never-connected'), name: 'Tapkey (never connected)' };
const WRONG_SECRET = { id: fixtures.shortId('editor:wrong-secret'), name: 'Tapkey (wrong client secret)' };
const FIRST_RUN_ID = fixtures.shortId('editor:first-run');
const FIRST_TRIGGER_ID = fixtures.shortId('editor:first-trigger');
/** What this package says about a credential nobody connected; never n8n's own words. */
const NOT_CONNECTED = `The Tapkey credential "${NEVER_CONNECTED.name}" is not connected yet`;
const N8N_OWN_ERRORS = /Unable to sign without access token|OAuth credentials not connected/;

export function editorSuite(version: string, screenshotName: string) {
	const major = version.split('.')[0];
	// Every run saves its screenshots under test-results/; UPDATE_SCREENSHOT=1 refreshes the README's copy.
	const screenshot = process.env.UPDATE_SCREENSHOT ? path.join(ROOT, 'docs', screenshotName) : path.join(RESULTS, screenshotName);
	/** Where a failing run leaves its screenshot (git-ignored). */
	const failureShot = path.join(RESULTS, `editor-${major}-failure.png`);

	describe(`the n8n ${version} editor in Chromium`, () => {
		let stack: Stack;
		let browser: any;
		let profile: string;

		beforeAll(async () => {
			// No silent skip: without the browser this test fails and says how to get it.
			if (!fs.existsSync(CHROMIUM)) {
				throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
			}
			// Only the client-credentials connection: the node picks it without asking.
			stack = await startStack(version, {
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
		}, SETUP_TIMEOUT);

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
				fs.mkdirSync(path.dirname(screenshot), { recursive: true });
				await page.screenshot({ path: screenshot });
			} catch (err) {
				await failed(page, err);
			}
		}, 6 * MINUTE);

		describe('first contact: a credential that was never connected', () => {
			beforeAll(async () => {
				const [code, clientCredentials] = ['authorizationCode', 'clientCredentials'].map(
					(grant) => fixtures.sandboxCredentials(stack.sandbox).find((c: any) => c.provider === 'tapkey' && c.grant === grant),
				);
				await stack.n8n.importCredentials(
					fixtures.forImport([
						{ ...code, ...NEVER_CONNECTED },
						{ ...clientCredentials, ...WRONG_SECRET, data: { ...clientCredentials.data, clientSecret: 'not-the-secret' } },
					]),
				);
				const cred = { tapkeyOAuth2Api: NEVER_CONNECTED };
				await stack.n8n.importWorkflows([
					fixtures.workflow(
						FIRST_RUN_ID,
						'First run with a new credential',
						[
							fixtures.manualTrigger(),
							{ ...fixtures.node('Owners', TAPKEY, [220, 0], { resource: 'owner', operation: 'getMany', returnAll: true }), credentials: cred },
						],
						fixtures.main(['When clicking ‘Execute workflow’', 'Owners']),
					),
					fixtures.workflow(FIRST_TRIGGER_ID, 'First trigger with a new credential', [
						{
							...fixtures.node('Tapkey Trigger', `${TAPKEY}Trigger`, [0, 0], { ownerId: fixtures.byId('ownerA1'), event: 'unlock' }),
							credentials: cred,
						},
					], {}),
				]);
			}, 5 * MINUTE);

			test('its dialog offers Connect', async () => {
				const page = browser.pages()[0] ?? (await browser.newPage());
				try {
					await page.goto(`${stack.n8n.url}/home/credentials/${NEVER_CONNECTED.id}`);
					const modal = page.locator('[data-test-id="editCredential-modal"]');
					await modal.waitFor();
					// 1.x: "Connect my account" below the fields; 2.x: "Connect" in a notice above them.
					const connect = modal.getByRole('button', { name: /^\s*connect( my account)?\s*$/i }).first();
					await connect.waitFor();
					await connect.scrollIntoViewIfNeeded();
					await page.screenshot({ path: path.join(RESULTS, `editor-${major}-credential.png`) });
				} catch (err) {
					await failed(page, err);
				}
			}, 3 * MINUTE);

			test('list search names the credential and says to connect it', async () => {
				const error = await restError('POST', '/dynamic-node-parameters/resource-locator-results', {
					nodeTypeAndVersion: { name: TAPKEY, version: 1 },
					methodName: 'searchOwners',
					path: 'parameters.ownerId',
					currentNodeParameters: { authentication: 'oAuth2', resource: 'boundLock', operation: 'getMany' },
					credentials: { tapkeyOAuth2Api: NEVER_CONNECTED },
				});
				expect(error).toContain(NOT_CONNECTED);
				expect(error).not.toMatch(N8N_OWN_ERRORS);
			}, MINUTE);

			test('an execution names the credential and says to connect it', async () => {
				const result = await stack.execute(FIRST_RUN_ID);
				expect(result.ok).toBe(false);
				const said = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
				expect(said).toContain(NOT_CONNECTED);
				expect(said).toContain('Connect');
				expect(said).not.toMatch(N8N_OWN_ERRORS);
			}, 3 * MINUTE);

			test('activating a polling trigger names the credential and says to connect it', async () => {
				// n8n 1.x polls once while activating and refuses the activation with the poll's error.
				const { versionId } = await stack.n8n.rest('GET', `/workflows/${FIRST_TRIGGER_ID}`);
				let error = await restError('POST', `/workflows/${FIRST_TRIGGER_ID}/activate`, { versionId });
				if (error === 'no error') {
					// n8n 2.x answers before it starts the triggers, then starts them in the background (5
					// attempts) and logs why the activation failed.
					try {
						error = await waitFor(
							async () =>
								String(stack.n8n.serverOutput)
									.split('\n')
									.find((line) => line.includes('There was a problem activating the workflow')),
							60_000,
							'the activation error in the server log',
						);
					} finally {
						await stack.n8n.deactivateWorkflow(FIRST_TRIGGER_ID);
					}
				}
				expect(error).toContain(NOT_CONNECTED);
				expect(error).not.toMatch(N8N_OWN_ERRORS);
			}, 3 * MINUTE);

			test('the credential Test of a client-credentials credential asks for a token with the saved secret', async () => {
				// What the editor does on Save: store the form's data, then test the credential with it.
				const stored = async (id: string) => await stack.n8n.rest('GET', `/credentials/${id}?includeData=true`);
				const runTest = async (id: string) => {
					const { name, type, data } = await stored(id);
					return await stack.n8n.rest('POST', '/credentials/test', { credentials: { id, name, type, data } });
				};
				const saveSecret = async (id: string, clientSecret: string) => {
					const { name, type, data } = await stored(id);
					await stack.n8n.rest('PATCH', `/credentials/${id}`, { name, type, data: { ...data, clientSecret } });
				};
				const tokenRequests = async () =>
					(await stack.admin.requests({ provider: 'tapkey', kind: 'token' })).map((t) => [t.grantType, t.status]);

				// Never used, wrong secret: n8n asks for its first token and is refused.
				await stack.admin.clearRequests();
				const never = await runTest(WRONG_SECRET.id);
				expect(never.status).toBe('Error');
				expect(JSON.stringify(never)).not.toContain('not-the-secret');
				expect(await tokenRequests()).toEqual([['client_credentials', 401]]);

				// Used by the node panel step above, so a token is stored: the Test still asks for a new
				// one with the saved secret, and a wrong secret fails although the stored token works.
				// (n8n 2.x does not hand the stored token to a test started over REST, so there n8n first
				// fetches a token itself: two token requests.)
				const used = stack.credential('tapkey', 'clientCredentials');
				expect((await stored(used.id)).data.oauthTokenData).toBeTruthy();
				await stack.admin.clearRequests();
				expect(await runTest(used.id)).toMatchObject({ status: 'OK' });
				const granted = await tokenRequests();
				expect(granted.length).toBe(version.startsWith('1.') ? 1 : 2);
				expect(granted).toEqual(granted.map(() => ['client_credentials', 200]));
				expect(await stack.admin.requests({ provider: 'tapkey', kind: 'api' })).toEqual([]);
				await saveSecret(used.id, 'not-the-secret');
				try {
					await stack.admin.clearRequests();
					const changed = await runTest(used.id);
					expect(changed.status).toBe('Error');
					expect(JSON.stringify(changed)).not.toContain('not-the-secret');
					// Refused, and so is the new token n8n asks for after that 401; the API is not called.
					const refused = await tokenRequests();
					expect(refused.length).toBeGreaterThan(0);
					expect(refused).toEqual(refused.map(() => ['client_credentials', 401]));
				} finally {
					await saveSecret(used.id, String(used.data.clientSecret));
				}
				expect(await runTest(used.id)).toMatchObject({ status: 'OK' });
			}, 2 * MINUTE);
		});

		/** The message of n8n's REST error answer (what the editor shows), or "no error". */
		async function restError(method: string, route: string, body: unknown): Promise<string> {
			const res: Response = await stack.n8n.rest(method, route, body, { raw: true });
			const text = await res.text();
			recordArtifact(`n8n ${version} ${method} ${route}`, text);
			if (res.ok) return 'no error';
			try {
				return String(JSON.parse(text).message);
			} catch {
				return text;
			}
		}

		async function failed(page: any, err: unknown): Promise<never> {
			fs.mkdirSync(path.dirname(failureShot), { recursive: true });
			await page.screenshot({ path: failureShot }).catch(() => undefined);
			throw new Error(`${(err as Error).message}\n(screenshot of the failure: ${path.relative(ROOT, failureShot)})`);
		}
	});
}

