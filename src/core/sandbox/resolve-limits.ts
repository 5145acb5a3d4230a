/** Per-run limits: the run's options over the sandbox's defaults, validated. */
import { GreenlightError } from '../../ports/errors.ts';
import type { SandboxInfo, SandboxRunOptions } from '../../ports/sandbox.ts';

export interface ResolvedLimits {
  timeoutMs: number;
  memoryMb: number;
  maxPids: number;
  maxOutputBytes: number;
  outputKillBytes: number;
  maxDiskMb: number;
  maxFiles: number;
}

/** How many times the kept output a stream may reach before the command is killed. */
export const OUTPUT_KILL_FACTOR = 10;

/**
 * Merge run options over `defaults`; a non-positive or non-integer limit is a bug in
 * the caller and throws a usage error naming the field.
 */
export function resolveLimits(defaults: SandboxInfo['limits'], options: SandboxRunOptions): ResolvedLimits {
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? defaults.timeoutMs);
  const memoryMb = positive('memoryMb', options.memoryMb ?? defaults.memoryMb);
  const maxPids = positive('maxPids', options.maxPids ?? defaults.maxPids);
  const maxDiskMb = positive('maxDiskMb', options.maxDiskMb ?? defaults.maxDiskMb);
  const maxFiles = positive('maxFiles', options.maxFiles ?? defaults.maxFiles);
  const maxOutputBytes = positive('maxOutputBytes', options.maxOutputBytes ?? defaults.maxOutputBytes);
  const outputKillBytes = positive('outputKillBytes', options.outputKillBytes ?? maxOutputBytes * OUTPUT_KILL_FACTOR);
  if (outputKillBytes < maxOutputBytes) {
    throw new GreenlightError(
      'usage',
      `outputKillBytes (${outputKillBytes}) must be at least maxOutputBytes (${maxOutputBytes}).`,
    );
  }
  return { timeoutMs, memoryMb, maxPids, maxOutputBytes, outputKillBytes, maxDiskMb, maxFiles };
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new GreenlightError('usage', `sandbox run option ${name} must be a positive integer, got ${value}.`);
  }
  return value;
}
