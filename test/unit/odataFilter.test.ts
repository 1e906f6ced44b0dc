import { parseODataFilter } from '../../sandbox/providers/odata';

const records = [
	{ id: 'a', identifier: "o'neil@example.com", active: true },
	{ id: 'b', identifier: 'ben@example.com', active: false },
	{ id: 'c', identifier: 'carla@example.com', active: true },
];

const matching = (filter: string) => {
	const parsed = parseODataFilter(filter);
	if ('error' in parsed) throw new Error(parsed.error);
	return records.filter(parsed.test).map((r) => r.id);
};

describe('sandbox OData $filter', () => {
	it("joins 'or' groups of 'and' clauses, 'and' binding tighter", () => {
		expect(matching("id eq 'a' or id eq 'b'")).toEqual(['a', 'b']);
		expect(matching("id eq 'b' or id eq 'c' and active eq true")).toEqual(['b', 'c']);
		expect(matching("active eq true and id eq 'c' or id eq 'a'")).toEqual(['a', 'c']);
	});

	it("reads '' inside a string literal as one quote", () => {
		expect(matching("identifier eq 'o''neil@example.com'")).toEqual(['a']);
	});

	it('refuses what it does not understand', () => {
		expect(parseODataFilter("contains(identifier, 'a')")).toHaveProperty('error');
	});
});
