/**
 * The end-to-end suite run against each pinned n8n version (one test file per version calls it):
 * the three packages installed side by side from their `npm pack` tarballs into a real n8n, credentials and workflows
 * imported, workflows executed with `n8n execute`, and the OAuth2 connect flow, token refresh and
 * an activated schedule done in the running server.
 */
import * as fs from 'fs';
import * as path from 'path';

import { recordArtifact } from '../helpers/audit';
import {
	callWebhook,
	connectOAuth2,
	describeFailure,
	fixtures,
	SETUP_TIMEOUT,
	startStack,
	waitFor,
	WORKFLOW_IDS,
	type Credential,
	type ExecuteResult,
	type Stack,
} from './harness';
import { alternativeCredentials, alternativeCredentialTests, alternativeWorkflows } from './alternativeCredentials';

const MINUTE = 60_000;

/** A copy of the "every bound lock" workflow that uses the credential of another grant. */
const locksWorkflowId = (grant: string) => fixtures.shortId(`locks:${grant}`);

function locksWorkflowsPerGrant(credentials: Credential[]) {
	return credentials
		.filter((c) => c.provider === 'tapkey' && c.grant !== 'clientCredentials')
		.map((credential) => {
			const cred = { id: credential.id, name: credential.name };
			const nodes = [
				fixtures.manualTrigger(),
				{
					...fixtures.node('Owners', fixtures.nodeType('tapkey'), [220, 0], {
						resource: 'owner',
						operation: 'getMany',
						returnAll: true,
					}),
					credentials: { [credential.type]: cred },
				},
				{
					...fixtures.node('Bound locks', fixtures.nodeType('tapkey'), [440, 0], {
						resource: 'boundLock',
						operation: 'getMany',
						ownerId: fixtures.byId('={{ $json.id }}'),
						returnAll: true,
					}),
					credentials: { [credential.type]: cred },
				},
			];
			return fixtures.workflow(
				locksWorkflowId(credential.grant),
				`Tapkey locks (${credential.grant})`,
				nodes,
				fixtures.main(['When clicking ‘Execute workflow’', 'Owners'], ['Owners', 'Bound locks']),
			);
		});
}

/** Every bound lock of every owner the sandbox holds, as the API returns them. */
async function expectedLocks(stack: Stack): Promise<Array<Record<string, unknown>>> {
	const data = await stack.admin.data('tapkey');
	return data.owners.flatMap((o: { id: string }) => data.boundLocks[o.id] ?? []);
}

/** The run succeeded and emitted every sandbox lock exactly once, unchanged. */
async function expectAllLocks(stack: Stack, result: ExecuteResult) {
	if (!result.ok) throw new Error(`execution failed: ${describeFailure(result)}`);
	const expected = await expectedLocks(stack);
	const got = result.output('Bound locks');
	const ids = got.map((l) => l.id);
	expect(new Set(ids).size).toBe(ids.length); // no record twice
	expect(got.length).toBe(expected.length);
	const byId = new Map(got.map((l) => [l.id, l]));
	for (const lock of expected) expect(byId.get(lock.id as string)).toEqual(lock);
	// Owners: every owner the service account administers, once.
	const data = await stack.admin.data('tapkey');
	expect(result.output('Owners').map((o) => o.id).sort()).toEqual(data.owners.map((o: any) => o.id).sort());
}

const tokenCalls = async (stack: Stack) => stack.admin.requests({ provider: 'tapkey', kind: 'token' });

/**
 * The scheduled templates of `examples/`, for the sandbox and run with `n8n execute`, which starts
 * only from a manual trigger: their Schedule Trigger becomes one, under the same name.
 */
const TEMPLATE_IDS = { revokeExpired: 'tplRevokeExpired', keepAlive: 'tplTaptouchAlive' };
const runNow = (wf: Record<string, any>) => ({
	...wf,
	nodes: wf.nodes.map((n: any) =>
		n.type === 'n8n-nodes-base.scheduleTrigger'
			? { ...n, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }
			: n,
	),
});
const templateWorkflows = (credentials: Credential[], { tapkeyOwnerId }: { tapkeyOwnerId: string }) => [
	runNow(fixtures.templateWorkflow('tapkey-revoke-expired-grants.json', TEMPLATE_IDS.revokeExpired, credentials, tapkeyOwnerId)),
	runNow(fixtures.templateWorkflow('taptouch-keep-alive.json', TEMPLATE_IDS.keepAlive, credentials)),
];

/** One workflow with nodes of two packages: Tapkey owners, then (once) Taptouch stores. */
const TAPKEY_AND_TAPTOUCH_ID = fixtures.shortId('tapkey-and-taptouch');
function tapkeyAndTaptouchWorkflow(credentials: Credential[]) {
	const cred = (provider: string) => {
		const c = credentials.find((x) => x.provider === provider && x.grant === 'clientCredentials');
		if (!c) throw new Error(`no ${provider} client-credentials credential`);
		return { [c.type]: { id: c.id, name: c.name } };
	};
	return fixtures.workflow(
		TAPKEY_AND_TAPTOUCH_ID,
		'Tapkey owners and Taptouch stores',
		[
			fixtures.manualTrigger(),
			{
				...fixtures.node('Owners', fixtures.nodeType('tapkey'), [220, 0], { resource: 'owner', operation: 'getMany', returnAll: true }),
				credentials: cred('tapkey'),
			},
			{
				...fixtures.node('Stores', fixtures.nodeType('taptouch'), [440, 0], { resource: 'store', operation: 'getMany', returnAll: true }),
				credentials: cred('taptouch'),
				executeOnce: true,
			},
		],
		fixtures.main(['When clicking ‘Execute workflow’', 'Owners'], ['Owners', 'Stores']),
	);
}

export function n8nSuite(version: string) {
	describe(`n8n ${version} with the three packages installed from their tarballs`, () => {
		let stack: Stack;

		beforeAll(async () => {
			stack = await startStack(version, {
				scheduleSeconds: 5,
				extraCredentials: alternativeCredentials,
				extraWorkflows: (credentials, sandbox) => [
					...locksWorkflowsPerGrant(credentials),
					...alternativeWorkflows(credentials),
					...templateWorkflows(credentials, sandbox),
					tapkeyAndTaptouchWorkflow(credentials),
				],
			});
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			await stack?.close();
		}, 2 * MINUTE);

		describe('headless: n8n execute', () => {
			test('lists every bound lock of every owner exactly once (client credentials)', async () => {
				await stack.admin.clearRequests();
				const result = await stack.execute(WORKFLOW_IDS.tapkeyLocks);
				await expectAllLocks(stack, result);
				// No token stored yet: exactly one client-credentials token request for the whole run.
				const tokens = await tokenCalls(stack);
				expect(tokens.map((t) => [t.grantType, t.status])).toEqual([['client_credentials', 200]]);
			}, 5 * MINUTE);

			test('persists the token and reuses it in the next execution', async () => {
				await stack.admin.clearRequests();
				await expectAllLocks(stack, await stack.execute(WORKFLOW_IDS.tapkeyLocks));
				expect(await tokenCalls(stack)).toEqual([]);
			}, 5 * MINUTE);

			test('gets a new token once when the stored one expired mid-life, and keeps it', async () => {
				await stack.admin.expireTokens('tapkey', 'access');
				await stack.admin.clearRequests();
				await expectAllLocks(stack, await stack.execute(WORKFLOW_IDS.tapkeyLocks));
				const tokens = await tokenCalls(stack);
				expect(tokens.map((t) => [t.grantType, t.status])).toEqual([['client_credentials', 200]]);

				await stack.admin.clearRequests();
				await expectAllLocks(stack, await stack.execute(WORKFLOW_IDS.tapkeyLocks));
				expect(await tokenCalls(stack)).toEqual([]);
			}, 10 * MINUTE);

			test('every demo workflow with a manual trigger runs and emits no record twice', async () => {
				// The Tapkey one is checked record by record above; these are the other providers' demos.
				const manual = stack.workflows.filter(
					(w) =>
						Object.values(WORKFLOW_IDS).includes(w.id) &&
						w.id !== WORKFLOW_IDS.tapkeyLocks &&
						w.nodes.some((n: any) => n.type === 'n8n-nodes-base.manualTrigger'),
				);
				process.stderr.write(`[e2e n8n ${version}] other demo workflows: ${manual.map((w) => w.name).join(', ') || 'none yet'}\n`);
				for (const wf of manual) {
					const result = await stack.execute(wf.id);
					if (!result.ok) throw new Error(`${wf.name}: ${describeFailure(result)}`);
					const last = wf.nodes[wf.nodes.length - 1].name;
					const items = result.output(last);
					expect(items.length).toBeGreaterThan(0);
					const ids = items.map((i) => JSON.stringify(i.id ?? i.uuid ?? i));
					expect(new Set(ids).size).toBe(ids.length);
					// Record by record against the sandbox's data where the demo reads a whole collection.
					if (wf.id === WORKFLOW_IDS.taptouchOrders) {
						const data = await stack.admin.data('taptouch');
						const stores = result.output('Stores').map((store: any) => String(store.id));
						const expected = stores.flatMap((id: string) => data.orders[id] ?? []).map((o: any) => o.id);
						expect(items.map((i) => i.id).sort()).toEqual(expected.sort());
					}
					if (wf.id === WORKFLOW_IDS.lockitProjects) {
						const data = await stack.admin.data('lockitnetwork');
						const premium = data.projects.filter((p: any) => p.isPremium).map((p: any) => p.uuid);
						const expected = premium.flatMap((id: string) => data.episodes[id] ?? []).map((e: any) => e.uuid);
						expect(items.map((i) => i.uuid).sort()).toEqual(expected.sort());
					}
				}
			}, 10 * MINUTE);

			test('the Taptouch keep-alive template reads one store', async () => {
				await stack.admin.clearRequests();
				const result = await stack.execute(TEMPLATE_IDS.keepAlive);
				if (!result.ok) throw new Error(`keep-alive: ${describeFailure(result)}`);
				const data = await stack.admin.data('taptouch');
				expect(result.output('One store')).toEqual([data.stores[0]]);
				const reads = await stack.admin.requests({ provider: 'taptouch', kind: 'api' });
				expect(reads.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200']);
			}, 5 * MINUTE);

			test('all three packages are installed side by side; one workflow uses a Tapkey and a Taptouch node', async () => {
				const installed = fs.readdirSync(path.join(stack.n8n.userFolder, '.n8n', 'nodes', 'node_modules')).sort();
				expect(installed).toEqual(['n8n-nodes-lockitnetwork', 'n8n-nodes-tapkey', 'n8n-nodes-taptouch']);
				const result = await stack.execute(TAPKEY_AND_TAPTOUCH_ID);
				if (!result.ok) throw new Error(`execution failed: ${describeFailure(result)}`);
				const [tapkey, taptouch] = [await stack.admin.data('tapkey'), await stack.admin.data('taptouch')];
				expect(result.output('Owners').map((o) => o.id).sort()).toEqual(tapkey.owners.map((o: any) => o.id).sort());
				expect(result.output('Stores').map((s) => String(s.id)).sort()).toEqual(taptouch.stores.map((s: any) => String(s.id)).sort());
			}, 5 * MINUTE);
		});

		describe('headless: token exchange and API token credentials', () => {
			alternativeCredentialTests(() => stack);
		});

		describe('in the running n8n server', () => {
			beforeAll(async () => {
				await stack.n8n.start();
				await stack.n8n.loginOwner();
			}, 5 * MINUTE);

			afterAll(async () => {
				await stack?.n8n.stop();
			}, MINUTE);

			for (const grant of ['authorizationCode', 'pkce']) {
				test(`connects a ${grant} credential, uses it, and refreshes it (rotating refresh tokens)`, async () => {
					const credential = stack.credential('tapkey', grant);
					await stack.admin.clearRequests();
					const callback = await connectOAuth2(stack.n8n, credential.id);
					expect(callback.status).toBe(200);
					expect(callback.html).not.toMatch(/error/i);
					const exchanged = await tokenCalls(stack);
					expect(exchanged.map((t) => [t.grantType, t.status])).toEqual([['authorization_code', 200]]);

					const workflowId = locksWorkflowId(grant);
					await stack.admin.clearRequests();
					await expectAllLocks(stack, await stack.execute(workflowId));
					expect(await tokenCalls(stack)).toEqual([]); // the token from the callback was stored

					// The credential's test request through n8n's credential tester, with the data as the
					// editor API hands it out (secrets blanked, merged back by n8n). n8n 2.x redacts the
					// token data in that answer too and does not merge it back ("Unable to sign without
					// access token"), so there this REST call cannot carry a token.
					if (version.startsWith('1.')) {
						const stored = await stack.n8n.rest('GET', `/credentials/${credential.id}?includeData=true`);
						const tested = await stack.n8n.rest('POST', '/credentials/test', {
							credentials: { id: credential.id, name: stored.name, type: stored.type, data: stored.data },
						});
						expect(`${tested.status}: ${tested.message}`).toMatch(/^OK: /);
					}

					// Twice: the second refresh only works if the rotated refresh token was saved.
					for (let round = 1; round <= 2; round++) {
						await stack.admin.expireTokens('tapkey', 'access');
						await stack.admin.clearRequests();
						await expectAllLocks(stack, await stack.execute(workflowId));
						const refreshed = await tokenCalls(stack);
						expect(refreshed.map((t) => [t.grantType, t.status])).toEqual([['refresh_token', 200]]);
					}
				}, 10 * MINUTE);
			}

			test('a refresh answered 503 once: another request takes over, the run succeeds, nothing asks to reconnect', async () => {
				// n8n 2.x's own refresh lock fails every caller waiting on a refresh that failed; the
				// nodes renew on their own and take over a lead that failed for a passing reason.
				const workflowId = locksWorkflowId('authorizationCode');
				await stack.admin.expireTokens('tapkey', 'access');
				await stack.admin.clearRequests();
				await stack.admin.fault({ provider: 'tapkey', target: 'token', kind: 'status', status: 503, count: 1 });
				await expectAllLocks(stack, await stack.execute(workflowId));
				const tokens = await tokenCalls(stack);
				expect(tokens.map((t: { fault?: string; status: number }) => t.fault ?? t.status)).toEqual(['status', 200]);
			}, 5 * MINUTE);

			test('two n8n processes sharing the database race to refresh: the loser re-reads and succeeds', async () => {
				// Queue-mode workers are separate processes on one database; two `n8n execute` are too.
				// Without replay detection (which would revoke the winner's tokens as well, and which
				// only n8n 2.x's cross-process refresh lock can avoid).
				await stack.admin.configure({ provider: 'tapkey', replayRevokesChain: false });
				try {
					const workflowId = locksWorkflowId('authorizationCode');
					await stack.admin.expireTokens('tapkey', 'access');
					await stack.admin.clearRequests();
					// The first refresh to arrive is held for a while, so the other process refreshes first.
					await stack.admin.fault({ provider: 'tapkey', target: 'token', kind: 'latency', latencyMs: 8000, count: 1 });
					const [first, second] = await Promise.all([stack.execute(workflowId), stack.execute(workflowId)]);
					await expectAllLocks(stack, first);
					await expectAllLocks(stack, second);
					const refreshes = (await tokenCalls(stack)).map((t) => t.status);
					expect(refreshes.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
					process.stderr.write(`[e2e n8n ${version}] refreshes in the two-process race: ${refreshes.join(', ')}\n`);
				} finally {
					await stack.admin.configure({ provider: 'tapkey', replayRevokesChain: true });
				}
			}, 10 * MINUTE);

			test('a booking POSTed to the activated webhook template gets a Tapkey key for the stay; the revoke template takes back a past one', async () => {
				const id = WORKFLOW_IDS.tapkeyBooking;
				const before = await stack.admin.data('tapkey');
				const owner = before.owners[0];
				const lock = before.boundLocks[owner.id][3];
				const email = `guest-${version.replace(/\W/g, '-')}@example.com`;
				expect(before.contacts[owner.id].some((c: any) => c.identifier === email)).toBe(false);
				// A stay a month from now, and one that ended last month.
				const day = 86_400_000;
				const inDays = (days: number) => new Date(Math.floor(Date.now() / day + days) * day).toISOString();
				const [from, to] = [inDays(30), inDays(33)];
				const book = async (booking: Record<string, unknown>) => {
					const res = await callWebhook(stack.n8n, { path: fixtures.BOOKING_WEBHOOK_PATH, workflowId: id, body: booking });
					recordArtifact(`n8n ${version} booking webhook answer`, res.text);
					return { status: res.status, body: JSON.parse(res.text) };
				};
				await stack.n8n.activateWorkflow(id);
				try {
					// n8n 2.x registers the production webhook shortly after activation; an incomplete booking
					// probes for it without reaching Tapkey.
					await waitFor(async () => (await book({})).status !== 404, MINUTE, 'the booking webhook');
					await stack.admin.clearRequests();
					const booked = await book({ email, lockId: lock.id, from, to });
					expect(booked).toMatchObject({ status: 201, body: { boundLockId: lock.id, validFrom: from, validBefore: to } });

					// The grant and the new contact are in the sandbox: the webhook's answer is Tapkey's record.
					const after = await stack.admin.data('tapkey');
					const contact = after.contacts[owner.id].find((c: any) => c.identifier === email);
					expect(contact).toBeDefined();
					expect(after.grants[owner.id].find((g: any) => g.id === booked.body.id)).toEqual({
						...booked.body,
						contactId: contact.id,
					});
					// One grant written (an expired token left by earlier tests may add a 401 first, which
					// Tapkey did not process).
					const writes = (await stack.admin.requests({ provider: 'tapkey', kind: 'api' })).filter((r) => r.method !== 'GET');
					expect(writes.every((r) => r.method === 'PUT' && r.path.toLowerCase() === `/owners/${owner.id}/grants`)).toBe(true);
					expect(writes.map((r) => r.status).filter((status) => status !== 401)).toEqual([200]);
					expect(after.grants[owner.id].filter((g: any) => g.contactId === contact.id)).toHaveLength(1);

					// A booking without an end is not a key for ever: 400 before anything reaches Tapkey.
					await stack.admin.clearRequests();
					const incomplete = await book({ email, lockId: lock.id, from });
					expect(incomplete).toMatchObject({ status: 400, body: { error: expect.stringMatching(/needs email, lockId, from and to/) } });
					expect(await stack.admin.requests({ provider: 'tapkey', kind: 'api' })).toEqual([]);

					// Tapkey's refusal comes back to the booking system with its reason.
					const unknownLock = await book({ email, lockId: '00000000-0000-4000-a000-000000000000', from, to });
					expect(unknownLock).toMatchObject({
						status: 422,
						body: { error: expect.stringMatching(/^Tapkey could not create the grant: .*not found/i) },
					});

					// A stay that is over: its grant is what the revoke-expired template takes back.
					const past = await book({ email, lockId: lock.id, from: inDays(-33), to: inDays(-30) });
					expect(past.status).toBe(201);
					await stack.n8n.deactivateWorkflow(id);

					const revoked = await stack.execute(TEMPLATE_IDS.revokeExpired);
					if (!revoked.ok) throw new Error(`revoke-expired template: ${describeFailure(revoked)}`);
					expect(revoked.output('Revoke').map((g) => g.id)).toEqual([past.body.id]);
					const grants = (await stack.admin.data('tapkey')).grants[owner.id];
					expect(grants.find((g: any) => g.id === past.body.id).state).toBe('Revoked');
					expect(grants.find((g: any) => g.id === booked.body.id).state).toBe('Active');
				} finally {
					await stack.n8n.deactivateWorkflow(id).catch(() => undefined);
				}
			}, 5 * MINUTE);

			test('an activated workflow on a Schedule Trigger runs on its own and succeeds', async () => {
				const id = WORKFLOW_IDS.tapkeyUnlocks;
				await stack.n8n.activateWorkflow(id);
				try {
					const done = await waitFor(
						async () => {
							const list = await stack.n8n.executions(id);
							const finished = list.filter((e: any) => e.status !== 'running' && e.status !== 'new');
							return finished.length >= 2 ? finished : undefined;
						},
						3 * MINUTE,
						'two scheduled executions',
					);
					for (const e of done) expect([e.id, e.status, e.mode]).toEqual([e.id, 'success', 'trigger']);
					const full = await stack.n8n.execution(done[0].id);
					const unlocks = full.data.resultData.runData['Unlocks'].flatMap((r: any) =>
						r.data.main[0].map((i: any) => i.json),
					);
					const data = await stack.admin.data('tapkey');
					const expected = Object.values(data.logEntries)
						.flat()
						.filter((e: any) => e.command === 'TriggerLock');
					expect(unlocks.map((u: any) => u.id).sort()).toEqual(expected.map((e: any) => e.id).sort());
				} finally {
					await stack.n8n.deactivateWorkflow(id);
				}
			}, 6 * MINUTE);
		});
	});
}
