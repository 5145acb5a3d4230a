/** Turn a supervised process's result and the driver's evidence into the port's value. */
import { classifyLimitHit } from '../../core/sandbox/classify-limit-hit.ts';
import type { LimitEvidence } from '../../core/sandbox/classify-limit-hit.ts';
import type { SandboxResult } from '../../ports/sandbox.ts';
import type { ProcessResult } from './run-process.ts';

/** How much output the rlimit heuristics look at. */
const TAIL_CHARS = 4_000;

/**
 * Build the port's `SandboxResult`: the command as the caller gave it (not the driver's
 * wrapper argv), the outcome, and the limit that stopped it, classified from the
 * supervisor's own kills plus the driver's evidence (cgroup counters, unit result).
 */
export function toSandboxResult(
  command: readonly string[],
  result: ProcessResult,
  evidence: Omit<LimitEvidence, 'succeeded' | 'timedOut' | 'outputExceeded' | 'outputTail'> = {},
): SandboxResult {
  const limitHit = classifyLimitHit({
    ...evidence,
    succeeded: result.exitCode === 0,
    timedOut: result.timedOut,
    outputExceeded: result.outputExceeded,
    outputTail: `${result.stdout.text.slice(-TAIL_CHARS)}\n${result.stderr.text.slice(-TAIL_CHARS)}`,
  });
  return {
    command: [...command],
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut || evidence.unitResult === 'timeout',
    limitHit,
    durationMs: result.durationMs,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}
