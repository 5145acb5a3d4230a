/** JobResults as the engine returns them, for runner tests that do not run the engine. */
import type { JobResult } from '../../src/core/job.ts';
import type { LoopReport } from '../../src/core/loop/loop-outcome.ts';
import type { RiskTier } from '../../src/core/risk/tier.ts';

const totals = (passed: number, failed: number) => ({ passed, failed, errored: 0, skipped: 0, total: passed + failed });

export function loopReport(overrides: Partial<LoopReport> = {}): LoopReport {
  return {
    mode: 'generate',
    model: 'claude-sonnet-4-6',
    testCommand: 'npm test',
    iterations: 1,
    maxIterations: 5,
    turns: [],
    iterationLog: [],
    usage: { inputTokens: 1000, outputTokens: 200, cacheWriteTokens: 0, cacheReadTokens: 0 },
    totalTokens: 1200,
    costUsd: 0.0123,
    wallMs: 1000,
    modelMs: 500,
    testMs: 400,
    tests: { baseline: totals(3, 0), final: totals(4, 0), baselineFailures: [], baselineCrashed: false },
    verification: null,
    tampering: [],
    lastFailure: null,
    stop: null,
    restoredBestFromIteration: null,
    notes: [],
    ...overrides,
  };
}

export type JobKind = 'succeeded' | 'gave-up' | 'refused';

/** A job result of `kind`; its report markdown names the kind so tests can find it. */
export function jobResult(kind: JobKind = 'succeeded', tier: RiskTier = 'low'): JobResult {
  const report = loopReport();
  const changes = [
    { path: 'test/calc.test.js', status: 'added' as const, binary: false, addedLines: ['test'], removedLines: [] },
  ];
  const outcome =
    kind === 'succeeded'
      ? { kind, diff: 'diff --git a/test/calc.test.js b/test/calc.test.js\n', changes, report }
      : kind === 'gave-up'
        ? {
            kind,
            diff: 'diff\n',
            changes,
            report: {
              ...report,
              stop: { code: 'iteration-budget' as const, message: 'The iteration budget (5 rounds) is spent.' },
            },
            reason: { code: 'iteration-budget' as const, message: 'The iteration budget (5 rounds) is spent.' },
          }
        : { kind, reason: 'The model declined the task.', report };
  return {
    outcome,
    risk: { tier, files: [], overridesApplied: [] },
    reportMarkdown: `## greenlight report (${kind})\n\nReport body.\n`,
    sandbox: {
      driver: 'bwrap',
      networkIsolation: true,
      limits: { timeoutMs: 1, memoryMb: 1, maxPids: 1, maxOutputBytes: 1, maxDiskMb: 1, maxFiles: 1 },
      warnings: [],
    },
    testCommandReason: 'using `npm test` from package.json',
    costUsd: 0.0123,
  };
}
