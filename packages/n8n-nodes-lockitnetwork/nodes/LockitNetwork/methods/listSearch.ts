import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ListEntry } from '../../shared/node';
import { dependentId, searchResults } from '../../shared/node';
import { ID_RULES } from '../actions/common.descriptions';
import { lockitNetworkRequest } from '../transport';
import { LOCKITNETWORK_PATHS } from '../transport/endpoints';

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());


/** LockitNetwork lists are unpaged and have no search parameter: one request, filtered here. */
async function search(
	this: ILoadOptionsFunctions,
	path: string,
	operation: string,
	toItem: (record: IDataObject) => ListEntry,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = (await lockitNetworkRequest.call(this, { method: 'GET', path, operation })) as IDataObject[];
	return { results: searchResults(records, toItem, filter) };
}

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search.call(
		this,
		LOCKITNETWORK_PATHS.projects(),
		'list projects',
		(project) => ({
			// Only premium projects open their episodes, days and clips, so say which are not.
			name: `${text(project.name) || text(project.uuid)}${project.isPremium === false ? ' (not premium)' : ''}`,
			value: text(project.uuid),
			searchText: [project.name, project.productionCompany, project.uuid],
		}),
		filter,
	);
}

export async function searchEpisodes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const projectId = dependentId.call(this, 'projectId', ID_RULES.project);
	if (!projectId) return { results: [] };
	return await search.call(
		this,
		LOCKITNETWORK_PATHS.episodes(projectId),
		'list episodes',
		(episode) => ({
			name: [text(episode.episodeNumber), text(episode.episodeName)].filter(Boolean).join(' – ') || text(episode.uuid),
			value: text(episode.uuid),
			searchText: [episode.episodeNumber, episode.episodeName, episode.uuid],
		}),
		filter,
	);
}

export async function searchScenes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const projectId = dependentId.call(this, 'projectId', ID_RULES.project);
	const episodeId = dependentId.call(this, 'episodeId', ID_RULES.episode);
	if (!projectId || !episodeId) return { results: [] };
	return await search.call(
		this,
		LOCKITNETWORK_PATHS.scenes(projectId, episodeId),
		'list scenes',
		(scene) => {
			// A scene's number and its `additional` suffix make the label on the slate, e.g. 12A.
			const number = `${text(scene.number)}${text(scene.additional)}`;
			return {
				name: [number ? `Scene ${number}` : '', text(scene.content)].filter(Boolean).join(' – ') || text(scene.uuid),
				value: text(scene.uuid),
				searchText: [number, scene.content, scene.uuid],
			};
		},
		filter,
	);
}

export async function searchProjectDays(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const projectId = dependentId.call(this, 'projectId', ID_RULES.project);
	if (!projectId) return { results: [] };
	return await search.call(
		this,
		LOCKITNETWORK_PATHS.projectDays(projectId),
		'list project days',
		(day) => {
			const label = `Day ${text(day.prefix)}${text(day.day)}${text(day.suffix)}`;
			const details = [calendarDate(day.date), text(day.unit)].filter(Boolean).join(', ');
			return {
				name: details ? `${label} (${details})` : label,
				value: text(day.uuid),
				searchText: [label, details, day.episodeBlock, day.uuid],
			};
		},
		filter,
	);
}

/** `{year, month, day}` as 2026-03-12. */
function calendarDate(date: unknown): string {
	if (!date || typeof date !== 'object') return '';
	const { year, month, day } = date as { year?: unknown; month?: unknown; day?: unknown };
	if (year === undefined || month === undefined || day === undefined) return '';
	return `${text(year)}-${text(month).padStart(2, '0')}-${text(day).padStart(2, '0')}`;
}
