/**
 * A CI repair (docs/architecture.md "CI repair"): a CI run failed on greenlight's own
 * pull request. In order: the run and the pull request are read fresh and checked
 * (repair-target.ts: greenlight's, still at the run's head, not handed to a person);
 * the failed jobs' logs are read and excerpted (read-ci-failure.ts); the repair history
 * from the commits' trailers decides — a repair, or a person once the cap is reached or
 * the last repair failed the same way, with no model call. A repair runs the engine in
 * fix mode with the failure report as quoted data, verifies with the repository's tests
 * (and the failing step's own test command when it is a plain one), and pushes one
 * commit with `Greenlight-Repair` trailers on the head, leased on it. An attempt without
 * a verified change also hands the pull request to a person.
 */
import { renderEvidence } from '../core/evidence/render-evidence.ts';
import { isGreenlightWorkflow, type RepairRoute } from '../core/github/route-event.ts';
import { compareUrl } from '../core/publish/compare-url.ts';
import { failureFingerprint, renderCiFailure } from '../core/repair/ci-failure.ts';
import { decideRepair } from '../core/repair/decide-repair.ts';
import { repairHistory } from '../core/repair/repair-attempts.ts';
import type { ActionContext, FlowResult } from './action-context.ts';
import type { ActionOutcome } from './action-outcome.ts';
import { buildTaskRequest } from './build-task-request.ts';
import { describeOutcome } from './describe-outcome.ts';
import { escalateRepair } from './escalate-repair.ts';
import { engineEnvironment } from './inputs.ts';
import type { LoadedConfig } from './load-run-config.ts';
import { loopShortfall, outcomeOfPublish } from './outcome-of-publish.ts';
import { prepareWorkspace } from './prepare-task.ts';
import { failingCiCommand, readCiFailure } from './read-ci-failure.ts';
import { recordCommit } from './record-commit.ts';
import { repairTarget } from './repair-target.ts';
import { stage } from './run-requested.ts';
import { startProgress } from './start-progress.ts';

const skipped = (reason: string): FlowResult => ({ outcome: { kind: 'skipped', reason }, report: null, review: null });
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Runs the CI repair flow for `route`; every way it ends is a FlowResult (skipped, needs-human, updated, …). */
export async function runRepair(ctx: ActionContext, route: RepairRoute, loaded: LoadedConfig): Promise<FlowResult> {
  const { forge } = ctx;
  if (!loaded.ok) {
    const first = loaded.errors[0];
    return {
      outcome: {
        kind: 'failed',
        what: 'reading the configuration',
        why: `${ctx.inputs.configPath} on ${loaded.defaultBranch} is invalid${first === undefined ? '' : ` (line ${first.line}, ${first.path || 'file'}: ${first.message})`}; no repair was attempted.`,
      },
      report: null,
      review: null,
    };
  }
  const config = loaded.config;
  if (config.repair.maxAttempts === 0) return skipped('repair.maxAttempts is 0: CI repair is off');
  if (ctx.inputs.bundlePath !== null)
    return skipped('CI repair runs in a single job (no bundle_path): its commit and comments need the write token');

  // The run as GitHub has it now: a dispatch names only its id.
  const run = await forge.getWorkflowRun(route.runId);
  if (run.conclusion !== 'failure')
    return skipped(`workflow run ${run.id} concluded '${run.conclusion ?? 'not yet'}', not 'failure'`);
  if (isGreenlightWorkflow(run.path, ctx.runtime.workflowPath))
    return skipped(`${run.path} is greenlight's own workflow; its failures are never repaired`);
  if (route.headSha !== null && route.headSha !== run.headSha)
    return skipped(`workflow run ${run.id} tested ${run.headSha.slice(0, 7)}, not ${route.headSha.slice(0, 7)}`);
  const repo = `${forge.repo.owner}/${forge.repo.repo}`;
  if (run.headRepoFullName !== null && !same(run.headRepoFullName, repo))
    return skipped(`workflow run ${run.id} tested ${run.headRepoFullName}, a fork`);

  const target = await repairTarget(forge, route.prs, run, config);
  if ('skipped' in target) return skipped(target.skipped);
  const { pr } = target;

  const failure = await readCiFailure(ctx, run);
  const fingerprint = failureFingerprint(failure);
  const history = repairHistory(target.commits);
  const decision = decideRepair({ history, headSha: run.headSha, fingerprint, maxAttempts: config.repair.maxAttempts });
  ctx.audit.write({
    kind: 'note',
    message: 'repair decision',
    data: { pr: pr.number, run: run.id, fingerprint, repairs: history.commits.length, decision },
  });
  const common = { pr: pr.number, prUrl: pr.htmlUrl, failure, repairs: history.commits };
  if (decision.kind === 'needs-human') {
    const outcome = await escalateRepair(ctx, {
      ...common,
      reason:
        decision.reason === 'cap'
          ? { kind: 'cap', maxAttempts: config.repair.maxAttempts, attempts: decision.attempts }
          : { kind: 'same-failure', sha: decision.sha },
      summary:
        decision.reason === 'cap'
          ? `${decision.attempts} repair commit(s) made, repair.maxAttempts is ${config.repair.maxAttempts}.`
          : `CI failed the same way on the last repair commit ${decision.sha.slice(0, 7)}.`,
    });
    return { outcome, report: null, review: null };
  }

  const subject = `CI repair ${decision.attempt} of ${config.repair.maxAttempts} on pull request #${pr.number}`;
  const handle = await startProgress(ctx, {
    target: pr.number,
    subject,
    maxIterations: config.budgets.maxIterations,
    react: null,
    adopt: ctx.inputs.progressComment,
  });
  /** Once the engine ran (`report` set), the progress comment ends with the evidence record, as a /fix's does. */
  const finish = async (outcome: ActionOutcome, report: string | null): Promise<FlowResult> => {
    const review = 'riskTier' in outcome ? config.review[outcome.riskTier] : null;
    const status = describeOutcome(outcome, review, report);
    await handle.finish(
      report === null || status.kind !== 'finished'
        ? status
        : { ...status, text: `${status.text}\n\n${renderEvidence(await ctx.readEvidence())}` },
    );
    return { outcome, report, review };
  };

  const baseSha = await stage(ctx, handle, 'preparing the workspace', () => prepareWorkspace(ctx, { kind: 'pr', pr }));
  if (!baseSha.ok) return finish(baseSha.failed, null);
  const extraTestCommand = await failingCiCommand(ctx, failure);
  const task = buildTaskRequest({
    mode: 'repair',
    pr,
    runId: run.id,
    failureReport: renderCiFailure(failure),
    baseSha: baseSha.value,
  });
  ctx.audit.write({
    kind: 'note',
    message: 'task',
    data: { mode: 'repair', attempt: decision.attempt, run: run.id, extraTestCommand, baseSha: baseSha.value },
  });
  if (extraTestCommand !== null)
    ctx.log(`greenlight: the failing CI step runs \`${extraTestCommand}\`; it is verified too`);
  handle.step('understand', 'done');
  const job = await stage(ctx, handle, 'running the engine', () =>
    ctx.services.runJob({
      workspaceRoot: ctx.runtime.workspace,
      task,
      config,
      env: engineEnvironment(ctx.env, ctx.inputs),
      audit: ctx.audit,
      progress: handle.progress,
      ...(extraTestCommand === null ? {} : { extraTestCommand }),
    }),
  );
  if (!job.ok) return finish(job.failed, null);
  handle.step('publish', 'running');
  const published = await stage(ctx, handle, 'publishing', async () =>
    outcomeOfPublish(
      { shortfall: loopShortfall(job.value.outcome), costUsd: job.value.costUsd },
      await ctx.services.publishFix({
        root: ctx.runtime.workspace,
        forge,
        config,
        job: job.value,
        auth: ctx.auth,
        dryRun: ctx.inputs.dryRun,
        baseSha: baseSha.value,
        botLogin: ctx.botLogin,
        detailsUrl: ctx.runUrl,
        runId: ctx.runtime.runId,
        secrets: ctx.inputs.anthropicApiKey === null ? [] : [ctx.inputs.anthropicApiKey],
        pr,
        instruction: '',
        origin: { kind: 'repair', attempt: decision.attempt, runUrl: run.htmlUrl, fingerprint },
        evidence: recordCommit(ctx),
      }),
    ),
  );
  if (!published.ok) return finish(published.failed, job.value.reportMarkdown);
  const outcome = published.value;
  handle.step('publish', outcome.kind === 'updated' ? 'done' : 'failed');
  if (outcome.kind !== 'gave-up') return finish(outcome, job.value.reportMarkdown);

  // No verified change: this attempt made no progress, and a person is asked once.
  const escalated = await escalateRepair(ctx, {
    ...common,
    reason: {
      kind: 'attempt-failed',
      why: outcome.reason,
      branch: outcome.branch,
      compareUrl:
        outcome.branch === null ? null : compareUrl(ctx.runtime.serverUrl, forge.repo, pr.headRef, outcome.branch),
    },
    summary: `repair ${decision.attempt} stopped without a verified change: ${outcome.reason}`,
    costUsd: outcome.costUsd,
  });
  return finish(escalated, job.value.reportMarkdown);
}
