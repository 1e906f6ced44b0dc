import { pickFields, simplifyProperty } from '../../nodes/shared/node/simplify';

describe('pickFields', () => {
	const lock = {
		id: 'l1',
		title: 'Door 0001',
		bindDate: '2026-01-05T08:00:00.000Z',
		lockType: { modelName: 'Tapkey Cylinder C1', firmware: '4.2' },
	};

	it('keeps the named fields in the given order and drops the rest', () => {
		expect(Object.entries(pickFields(lock, ['title', 'id']))).toEqual([
			['title', 'Door 0001'],
			['id', 'l1'],
		]);
	});

	it('keeps one field of a nested object, still nested', () => {
		expect(pickFields(lock, ['id', 'lockType.modelName'])).toEqual({
			id: 'l1',
			lockType: { modelName: 'Tapkey Cylinder C1' },
		});
	});

	it('leaves out fields the record does not have instead of inventing them, but keeps null values', () => {
		expect(pickFields({ id: 'c1', contact: null }, ['id', 'title', 'contact', 'lockType.modelName'])).toEqual({
			id: 'c1',
			contact: null,
		});
		expect(pickFields({ id: 'x', lockType: null }, ['lockType.modelName'])).toEqual({});
	});

	it('does not change the record', () => {
		const copy = JSON.parse(JSON.stringify(lock));
		pickFields(lock, ['id']);
		expect(lock).toEqual(copy);
	});
});

describe('simplifyProperty', () => {
	it('is off by default and names the fields it keeps', () => {
		const property = simplifyProperty(['id', 'name']);
		expect(property).toMatchObject({ name: 'simplify', type: 'boolean', default: false });
		expect(property.description).toMatch(/^Whether .*\(id, name\)/);
	});
});
