import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

/**
 * What a node's saved workflows depend on, property by property: the name a value is stored under,
 * its type and default, when it is shown (`displayOptions`), whether it is required, and the names
 * and values nested in it (option values, collection fields, locator modes).
 */
export interface PropertySnapshot {
	name: string;
	type: string;
	default: unknown;
	displayOptions?: unknown;
	required?: boolean;
	options?: Array<PropertySnapshot | { value: unknown } | { name: string; values: PropertySnapshot[] }>;
	modes?: string[];
}

function snapshotOption(option: INodePropertyOptions | INodeProperties | INodePropertyCollection) {
	if ('values' in option) return { name: option.name, values: option.values.map(snapshotProperty) };
	if ('type' in option) return snapshotProperty(option);
	return { value: (option as INodePropertyOptions).value };
}

export function snapshotProperty(property: INodeProperties): PropertySnapshot {
	// Through JSON, as the fixture is stored: `undefined` fields disappear on both sides.
	return JSON.parse(
		JSON.stringify({
			name: property.name,
			type: property.type,
			default: property.default,
			displayOptions: property.displayOptions,
			required: property.required,
			options: property.options?.map(snapshotOption),
			modes: property.modes?.map((mode) => mode.name),
		}),
	) as PropertySnapshot;
}

export const snapshotNode = (node: INodeType) => node.description.properties.map(snapshotProperty);
