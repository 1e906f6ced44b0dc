import type { IdRule } from '../../../nodes/shared/node';
import { resourceLocator } from '../../../nodes/shared/node';

export const WIDGET_ID_RULE: IdRule = {
	label: 'Widget',
	pattern: /^w-\d{4}$/,
	shape: 'a widget ID such as w-0042',
};

export const widgetLocator = () =>
	resourceLocator({
		displayName: 'Widget',
		name: 'widgetId',
		searchListMethod: 'searchWidgets',
		description: 'The widget',
		idRule: WIDGET_ID_RULE,
		placeholder: 'e.g. w-0042',
	});
