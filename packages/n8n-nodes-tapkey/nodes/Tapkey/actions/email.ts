import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getText } from '../../shared/node';

/** The `email` parameter, checked before anything is sent. */
export function getEmail(this: IExecuteFunctions, itemIndex: number): string {
	const email = getText.call(this, 'email', itemIndex, 'Email');
	if (!email) {
		throw new NodeOperationError(this.getNode(), 'Email is required', { itemIndex });
	}
	if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
		throw new NodeOperationError(this.getNode(), `"${email}" is not a valid e-mail address`, { itemIndex });
	}
	return email;
}
