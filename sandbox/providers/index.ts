import type { SandboxProvider } from '../types';
import { createLockitNetworkProvider } from './lockitnetwork';
import { createTapkeyProvider } from './tapkey';
import { createTaptouchProvider } from './taptouch';
import { createWidgetsProvider } from './widgets';

/** Every provider the sandbox emulates; each new provider adds one line here. */
export function createProviders(): SandboxProvider[] {
	return [createTapkeyProvider(), createTaptouchProvider(), createLockitNetworkProvider()];
}

/**
 * Providers that exist only for tests (no product behind them, no node in the package): served
 * when `startSandbox({ withTestProviders: true })` asks for them.
 */
export function createTestProviders(): SandboxProvider[] {
	return [createWidgetsProvider()];
}
