import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunOptions } from '../../../nodes/shared/node';
import { runOperation } from '../../../nodes/shared/node';
import * as widget from './widget/Widget.resource';

export async function router(this: IExecuteFunctions, options: RunOptions) {
	return await runOperation.call(this, { widget: widget.operations }, options);
}
