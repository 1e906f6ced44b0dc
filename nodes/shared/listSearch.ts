import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

/** One record as a searchable dropdown shows it, and the texts a search may match. */
export interface ListEntry {
	name: string;
	value: string;
	url?: string;
	searchText: unknown[];
}

/**
 * The dropdown results for one answer: none of the providers has a free-text search, so the
 * search text is matched here, case-insensitively, against each entry's texts.
 */
export function searchResults(
	records: unknown,
	toEntry: (record: IDataObject) => ListEntry,
	filter?: string,
): INodeListSearchItems[] {
	const wanted = filter?.toLowerCase();
	return (Array.isArray(records) ? (records as IDataObject[]) : [])
		.map(toEntry)
		.filter(
			(entry) =>
				!wanted || entry.searchText.some((text) => String(text ?? '').toLowerCase().includes(wanted)),
		)
		.map(({ name, value, url }) => (url === undefined ? { name, value } : { name, value, url }));
}
