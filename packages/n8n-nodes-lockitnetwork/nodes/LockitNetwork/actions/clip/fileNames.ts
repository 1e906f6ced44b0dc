import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Clip file names from the `fileNames` parameter: a list (an expression such as
 * `{{ $json.files }}`), a JSON array as text, or names separated by commas or new lines. Blank
 * entries are dropped and repeats kept once, in their first position.
 */
export function parseFileNames(node: INode, raw: unknown, itemIndex?: number): string[] {
	let entries: unknown[];
	if (Array.isArray(raw)) {
		entries = raw;
	} else if (typeof raw === 'string') {
		const text = raw.trim();
		const asJson = text.startsWith('[') ? parseJsonList(text) : undefined;
		entries = asJson ?? text.split(/[\r\n,]+/);
	} else if (raw === undefined || raw === null) {
		entries = [];
	} else {
		entries = [raw];
	}

	const names: string[] = [];
	for (const entry of entries) {
		if (entry === null || entry === undefined) continue;
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			throw new NodeOperationError(node, 'File Names must be text', {
				itemIndex,
				description: `Each file name must be a string, but one is ${Array.isArray(entry) ? 'a list' : typeof entry}. Map the field that holds the name, e.g. {{ $json.files.map(f => f.name) }}.`,
			});
		}
		const name = String(entry).trim();
		if (name && !names.includes(name)) names.push(name);
	}

	if (names.length === 0) {
		throw new NodeOperationError(node, 'File Names is empty', {
			itemIndex,
			description:
				'Enter at least one clip file name, e.g. A001C003_240312_R1AB.mov, separated by commas or new lines, or map a list of names with an expression.',
		});
	}
	return names;
}

function parseJsonList(text: string): unknown[] | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		return Array.isArray(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}
