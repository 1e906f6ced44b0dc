import type { IDataObject } from 'n8n-workflow';

import { CredentialStore, executeNode } from '../../helpers/n8n';
import { apiCalls, useSandbox } from '../../helpers/sandbox';
import { rl, serviceAccount, tapkeyData } from './fixtures';

const sandbox = useSandbox();

const calls = () => apiCalls(sandbox.current, 'tapkey');

function setup() {
	const store = new CredentialStore();
	const credential = serviceAccount(store, sandbox.current);
	const data = tapkeyData(sandbox.current);
	const ownerId = String(data.owners[1].id);
	const lockId = String(data.boundLocks[ownerId][3].id);
	const run = (parameters: IDataObject, timezone = 'America/New_York') =>
		executeNode(store, { type: 'tapkey', credential, timezone, parameters: { ownerId: rl(ownerId), ...parameters } });
	const grant = (validFrom: IDataObject[string], validBefore?: IDataObject[string]) =>
		run({ resource: 'grant', operation: 'create', boundLockId: rl(lockId), email: 'gus@example.com', validFrom, ...(validBefore === undefined ? {} : { validBefore }) });
	const received = (id: unknown) => tapkeyData(sandbox.current).grants[ownerId].find((g) => g.id === id)!;
	return { ownerId, run, grant, received };
}

const ACCEPTED = expect.stringContaining('Use ISO 8601: 2027-01-15T08:00:00Z or 2027-01-15T08:00:00+01:00');

describe('Tapkey date-times: ISO 8601, epoch numbers and date objects only', () => {
	it.each([
		['01/15/2027 08:00'],
		['Jan 15 2027 08:00'],
		['2027/01/15 08:00'],
		['Fri, 15 Jan 2027 08:00:00 GMT'],
		['2027-02-30T08:00:00'],
		['2027-02-30T08:00:00Z'],
		['2027-01-15T24:00:00'],
		['2027-01-15T08:00:00+25:00'],
	])('refuses Valid From, Valid Before and After "%s" before any request, saying which forms are accepted', async (text) => {
		const { run, grant } = setup();
		const expected = (label: string) => ({ message: `${label} "${text}" is not a valid date and time`, description: ACCEPTED });
		await expect(grant(text)).rejects.toMatchObject(expected('Valid From'));
		await expect(grant('2027-01-15T08:00:00Z', text)).rejects.toMatchObject(expected('Valid Before'));
		await expect(run({ resource: 'logEntry', operation: 'getMany', after: text, returnAll: true })).rejects.toMatchObject(expected('After'));
		expect(calls()).toEqual([]);
	});

	it.each([
		['a number that would be 1970 as seconds', '={{ 20270115 }}', '20270115'],
		['a negative number', '={{ -1800000000 }}', '-1800000000'],
		['a boolean', '={{ true }}', 'true'],
		['a list', '={{ ["2027-01-15T08:00:00Z"] }}', 'a list'],
		['an object', '={{ { at: "2027-01-15T08:00:00Z" } }}', 'an object'],
	])('refuses %s as Valid From before any request', async (_what, validFrom, shown) => {
		const { grant } = setup();
		await expect(grant(validFrom)).rejects.toMatchObject({ message: `Valid From must be a date and time, not ${shown}`, description: ACCEPTED });
		expect(calls()).toEqual([]);
	});

	it('takes epoch milliseconds and seconds (numbers or digits), Luxon DateTimes and Dates from expressions', async () => {
		const { grant, received } = setup();
		const cases: Array<[string, string]> = [
			['={{ 1800000000000 }}', '={{ "1800003600" }}'],
			['={{ 1800000000.5 }}', '={{ "1800003600000" }}'],
			['={{ DateTime.fromISO("2027-01-15T08:00:00", { zone: "Asia/Tokyo" }) }}', '={{ new Date(Date.UTC(2027, 0, 15, 9)) }}'],
		];
		const sent: unknown[] = [];
		for (const [from, before] of cases) {
			const [item] = await grant(from, before);
			const { validFrom, validBefore } = received(item.json.id);
			sent.push([validFrom, validBefore]);
		}
		expect(sent).toEqual([
			['2027-01-15T08:00:00.000Z', '2027-01-15T09:00:00.000Z'],
			['2027-01-15T08:00:00.500Z', '2027-01-15T09:00:00.000Z'],
			['2027-01-14T23:00:00.000Z', '2027-01-15T09:00:00.000Z'],
		]);
	});
});

describe('Tapkey numbers and switches mapped from expressions as text', () => {
	it('reads Limit "2" as 2 and Return All "false" as false', async () => {
		const { run } = setup();
		const items = await run({ resource: 'boundLock', operation: 'getMany', returnAll: '={{ "false" }}', limit: '={{ "2" }}' });
		expect(items).toHaveLength(2);
	});

	it('reads Active Only "false" as false: no filter on active grants', async () => {
		const { run } = setup();
		await run({ resource: 'grant', operation: 'getMany', returnAll: true, activeOnly: '={{ "false" }}' });
		expect(new URLSearchParams(calls()[0].query).get('$filter') ?? '').not.toContain('active eq true');
	});

	it.each([
		['Limit', { limit: '={{ "two" }}' }, 'Limit must be a whole number of 1 or more, not "two"'],
		['Limit', { limit: '={{ "2.5" }}' }, 'Limit must be a whole number of 1 or more, not "2.5"'],
		['Return All', { returnAll: '={{ "no" }}' }, 'Return All must be true or false, not "no"'],
		['Active Only', { activeOnly: '={{ 1 }}' }, 'Active Only must be true or false, not 1'],
		['Include Health Statuses', { includeHealthStatuses: '={{ "yes" }}' }, 'Include Health Statuses must be true or false, not "yes"'],
	])('refuses %s that is neither its kind nor text of it, before any request', async (_label, parameters, message) => {
		const { run } = setup();
		const resource = 'activeOnly' in parameters ? 'grant' : 'boundLock';
		await expect(run({ resource, operation: 'getMany', returnAll: false, limit: 2, ...parameters })).rejects.toMatchObject({ message });
		expect(calls()).toEqual([]);
	});
});
