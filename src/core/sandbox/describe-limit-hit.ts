/**
 * One sentence about the limit that stopped a sandboxed command, naming the setting that
 * sets it, so that the report (and the model's failure report) says what to change
 * instead of leaving a failed command to be guessed at (docs/security.md §14, §33).
 */
import type { SandboxLimit } from '../../ports/sandbox.ts';
import type { ResolvedLimits } from './resolve-limits.ts';
import { formatBytes, formatDuration } from './describe-sandbox.ts';

/** What the engine counted when it stopped a command for writing too much. */
export interface WriteCount {
  bytes: number;
  files: number;
}

/**
 * @example
 * describeLimitHit('files', limits, { bytes: 120_000, files: 20_004 })
 * // 'stopped at the file limit: the command created or changed 20,004 files in the workspace, more than sandbox.maxFiles (20,000)'
 */
export function describeLimitHit(limit: SandboxLimit, limits: ResolvedLimits, written?: WriteCount): string {
  switch (limit) {
    case 'disk':
      return written === undefined
        ? `stopped at the disk limit: a write was refused (a file reached sandbox.maxDiskMb, ${limits.maxDiskMb} MB, or a private temp directory or the home directory filled up)`
        : `stopped at the disk limit: the command wrote ${formatBytes(written.bytes)} in the workspace, more than sandbox.maxDiskMb (${limits.maxDiskMb} MB)`;
    case 'files':
      return `stopped at the file limit: the command created or changed ${count(written?.files ?? limits.maxFiles)} files in the workspace, more than sandbox.maxFiles (${count(limits.maxFiles)})`;
    case 'memory':
      return `stopped at the memory limit (sandbox.memoryMb, ${limits.memoryMb} MB)`;
    case 'pids':
      return `stopped at the process limit (sandbox.maxPids, ${limits.maxPids})`;
    case 'output':
      return `stopped at the output limit (${formatBytes(limits.outputKillBytes)} on one stream)`;
    case 'time':
      return `stopped at the time limit (${formatDuration(limits.timeoutMs)})`;
  }
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
