/** Turn a supervised process's result and the driver's evidence into the port's value. */
import { classifyLimitHit } from '../../core/sandbox/classify-limit-hit.ts';
import type { LimitEvidence } from '../../core/sandbox/classify-limit-hit.ts';
import { describeLimitHit, type WriteCount } from '../../core/sandbox/describe-limit-hit.ts';
import type { ResolvedLimits } from '../../core/sandbox/resolve-limits.ts';
import type { SandboxResult } from '../../ports/sandbox.ts';
import type { ProcessResult } from './run-process.ts';

/** How much output the rlimit heuristics look at. */
const TAIL_CHARS = 4_000;

export type DriverEvidence = Omit<
  LimitEvidence,
  'succeeded' | 'timedOut' | 'outputExceeded' | 'outputTail' | 'signal' | 'writeLimit'
> & {
  /** The run's limits, so that a hit limit is described with its setting. */
  limits?: ResolvedLimits;
  /** What the engine's write watch found over a limit, if anything. */
  writes?: { limit: 'disk' | 'files'; count: WriteCount } | null;
};

/**
 * Build the port's `SandboxResult`: the command as the caller gave it (not the driver's
 * wrapper argv), the outcome, and the limit that stopped it, classified from the
 * supervisor's own kills plus the driver's evidence (cgroup counters, unit result, the
 * write watch) and described with the setting that sets it.
 */
export function toSandboxResult(
  command: readonly string[],
  result: ProcessResult,
  evidence: DriverEvidence = {},
): SandboxResult {
  const { limits, writes, ...counters } = evidence;
  const limitHit = classifyLimitHit({
    ...counters,
    writeLimit: writes?.limit,
    signal: result.signal,
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
    ...(limitHit !== null && limits !== undefined
      ? { limitDetail: describeLimitHit(limitHit, limits, writes?.count) }
      : {}),
    durationMs: result.durationMs,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}
