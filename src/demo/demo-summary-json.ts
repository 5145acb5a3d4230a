/** `greenlight demo --json`: the summary as data, with the report and the checklist. */
import type { ReplaySource } from './replay-label.ts';
import type { ReplayRun } from '../compose/run-replay.ts';

/** A JSON-ready object; `replay` says where the model's answers came from. */
export function demoSummaryJson(run: ReplayRun, source: ReplaySource): Record<string, unknown> {
  const { job, branch, commit, originalBranch, auditPath } = run.local;
  const report = job.outcome.report;
  return {
    replay:
      source.kind === 'demo'
        ? { from: source.transcript, scripted: true, responsesUsed: run.usedResponses }
        : { from: source.auditPath, checkout: source.checkout, scripted: false, responsesUsed: run.usedResponses },
    matchedRecording: run.divergences.length === 0,
    divergences: run.divergences,
    dir: source.dir,
    outcome: job.outcome.kind,
    ...(job.outcome.kind === 'gave-up' ? { stop: job.outcome.reason } : {}),
    ...(job.outcome.kind === 'refused' ? { reason: job.outcome.reason } : {}),
    branch,
    commit,
    baseBranch: originalBranch,
    risk: job.risk.tier,
    iterations: report.iterations,
    maxIterations: report.maxIterations,
    rounds: report.iterationLog.map((r) => ({ round: r.iteration, result: r.result, tests: r.tests })),
    tests: { before: report.tests.baseline, after: report.tests.final },
    lastFailure: report.lastFailure,
    model: report.model,
    tokens: report.totalTokens,
    usage: report.usage,
    costUsd: report.costUsd,
    auditLog: auditPath,
    checklist: run.checklist,
    report: job.reportMarkdown,
  };
}
