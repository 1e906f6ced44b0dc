import type { IDataObject } from 'n8n-workflow';

/**
 * Where a polling trigger stopped: the newest timestamp emitted and the records emitted at exactly
 * that time (the next poll asks for `>= since`, so equal timestamps are neither lost nor repeated).
 */
export interface PollCursor {
	since?: string;
	idsAtSince?: string[];
	/** The parameters the cursor belongs to; a change starts a new baseline. */
	scope?: string;
}

/**
 * Picks the records not emitted before from a poll's answer (any order) and moves the cursor.
 * Records without a usable time or ID are skipped: they could never be de-duplicated.
 */
export function takeNewRecords(
	records: IDataObject[],
	cursor: PollCursor,
	timeOf: (record: IDataObject) => unknown,
	idOf: (record: IDataObject) => unknown,
): { fresh: IDataObject[]; cursor: PollCursor } {
	const already = new Set(cursor.idsAtSince ?? []);
	const since = cursor.since ? Date.parse(cursor.since) : -Infinity;
	const fresh = records
		.filter((record) => {
			const time = Date.parse(String(timeOf(record) ?? ''));
			const id = idOf(record);
			if (Number.isNaN(time) || id === undefined || id === null) return false;
			return time > since || (time === since && !already.has(String(id)));
		})
		.sort((a, b) => Date.parse(String(timeOf(a))) - Date.parse(String(timeOf(b))));
	if (fresh.length === 0) return { fresh, cursor };

	const newest = String(timeOf(fresh[fresh.length - 1]));
	const newestTime = Date.parse(newest);
	const idsAtNewest = fresh.filter((r) => Date.parse(String(timeOf(r))) === newestTime).map((r) => String(idOf(r)));
	return {
		fresh,
		cursor: {
			...cursor,
			since: newest,
			idsAtSince: newestTime === since ? [...already, ...idsAtNewest] : idsAtNewest,
		},
	};
}
