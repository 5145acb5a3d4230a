/**
 * What every driver reports about itself (docs/security.md §17), built in one place so the
 * three drivers cannot drift apart in what they claim.
 */
import type { RepoConfig } from '../config/repo-config.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { SandboxDriverName, SandboxInfo } from '../../ports/sandbox.ts';

/** Time limit for a run that names none. */
export const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export interface SandboxInfoInput {
  driver: SandboxDriverName;
  networkIsolation: boolean;
  config: RepoConfig['sandbox'];
  defaultTimeoutMs?: number;
  enforcement: NonNullable<SandboxInfo['enforcement']>;
  identity?: string;
  warnings: string[];
}

export function buildSandboxInfo(input: SandboxInfoInput): SandboxInfo {
  return {
    driver: input.driver,
    networkIsolation: input.networkIsolation,
    limits: {
      timeoutMs: input.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      memoryMb: input.config.memoryMb,
      maxPids: input.config.maxPids,
      maxOutputBytes: input.config.maxOutputBytes,
      maxDiskMb: input.config.maxDiskMb,
      maxFiles: input.config.maxFiles,
    },
    enforcement: input.enforcement,
    ...(input.identity === undefined ? {} : { identity: input.identity }),
    warnings: input.warnings,
  };
}

/** Refuses a run on a closed sandbox or without a command: programming errors, not results. */
export function assertRunnable(closed: boolean, command: readonly string[]): void {
  if (closed) throw new GreenlightError('internal', 'this sandbox was closed; create a new one to run more commands.');
  if (command.length === 0) throw new GreenlightError('usage', 'sandbox run needs a command.');
}
