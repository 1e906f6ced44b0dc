import type { SandboxProvider } from '../types';
import { createLockitNetworkProvider } from './lockitnetwork';
import { createTapkeyProvider } from './tapkey';
import { createTaptouchProvider } from './taptouch';

/** Every provider the sandbox emulates; each new provider adds one line here. */
export function createProviders(): SandboxProvider[] {
	return [createTapkeyProvider(), createTaptouchProvider(), createLockitNetworkProvider()];
}
