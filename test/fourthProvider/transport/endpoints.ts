import type { EnvironmentTable } from '../../../credentials/shared';

/** A production host that cannot resolve (`.invalid`): the provider is test-only, the sandbox is "Custom URLs". */
export const WIDGETS_ENVIRONMENTS: EnvironmentTable = {
	production: { baseUrl: 'https://api.widgets.invalid/v1' },
};

export const WIDGETS_PATHS = {
	widgets: () => '/widgets',
	/** `id` already validated and encoded (`getId`). */
	widget: (id: string) => `/widgets/${id}`,
};
