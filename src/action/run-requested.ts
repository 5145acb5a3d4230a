/**
 * A generate or fix run, in the order issue 6 and SECURITY.md 1–5 require:
 * authorize the requester (a refusal is one polite comment at most, and no model
 * call) → refuse fork or closed targets → report an invalid default-branch config
 * and stop → acknowledge (👀 + progress comment) → prepare the workspace → run the
 * engine → publish (or write a change bundle). Every failure after the
 * acknowledgement ends in the progress comment, saying what and why.
 */
import { resolve } from 'node:path';
import { outcomeOfPublish, loopShortfall } from '../core/action/outcome-of-publish.ts';
import { buildTaskRequest, type TaskComment } from '../core/action/build-task-request.ts';
import type { ActionOutcome } from '../core/action/action-outcome.ts';
import { describeOutcome } from '../core/action/describe-outcome.ts';
import { isProgressComment } from '../core/action/render-progress-comment.ts';
import { renderConfigComment } from '../core/action/render-config-comment.ts';
import { renderForkComment } from '../core/action/render-fork-comment.ts';
import { requesterOf } from '../core/action/requester-of.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import { authorize } from '../core/github/authorize.ts';
import { hasWriteAccess } from '../core/github/has-write-access.ts';
import type { FixRoute, GenerateRoute } from '../core/github/route-event.ts';
import type { TaskRequest } from '../core/task/task-request.ts';
import type { JobResult } from '../compose/job.ts';
import type { IssueInfo, PullRequestInfo, ReactionTarget } from '../ports/forge.ts';
import type { ActionContext, FlowResult } from './action-context.ts';
import { describeError } from './describe-error.ts';
import { engineEnvironment } from './inputs.ts';
import type { LoadedConfig } from './load-repo-config.ts';
import { startProgress, type ProgressHandle } from './start-progress.ts';

type Target = { kind: 'issue'; issue: IssueInfo } | { kind: 'pr'; pr: PullRequestInfo };

const refused = (reason: string): FlowResult => ({ outcome: { kind: 'refused', reason }, report: null, review: null });

export async function runRequested(
  ctx: ActionContext,
  route: GenerateRoute | FixRoute,
  loaded: LoadedConfig,
): Promise<FlowResult> {
  const { forge } = ctx;
  const number = route.kind === 'generate' ? route.issue : route.pr;
  const routing = loaded.ok ? loaded.config : loaded.fallback;

  // SECURITY.md 1–2: the collaborator-permission API decides, before anything is read or written.
  const permission = route.requester.isBot ? null : await forge.getPermission(route.requester.login);
  const decision = authorize({
    actor: route.requester,
    permission,
    botLogin: ctx.botLogin,
    allowedBots: routing.trigger.allowedBots,
  });
  ctx.audit.write({
    kind: 'note',
    message: 'authorization',
    data: { requester: route.requester.login, permission, ...decision },
  });
  if (!decision.allowed) {
    ctx.log(`greenlight: refused: ${decision.reason}`);
    if (decision.reply !== undefined) await forge.createComment(number, decision.reply);
    return refused(decision.reason);
  }

  const target = await readTarget(ctx, route, routing);
  if ('refusal' in target) return refused(target.refusal);

  if (!loaded.ok) {
    const retry =
      route.kind === 'generate'
        ? `remove and add the \`${routing.trigger.label}\` label again`
        : `comment \`${routing.trigger.fixCommand}\` again`;
    await forge.createComment(
      number,
      renderConfigComment({
        configPath: ctx.inputs.configPath,
        defaultBranch: loaded.defaultBranch,
        errors: loaded.errors,
        retry,
        runUrl: ctx.runUrl,
      }),
    );
    const first = loaded.errors[0];
    return {
      outcome: {
        kind: 'failed',
        what: 'reading the configuration',
        why: `${ctx.inputs.configPath} on ${loaded.defaultBranch} is invalid${first === undefined ? '' : ` (line ${first.line}, ${first.path || 'file'}: ${first.message})`}.`,
      },
      report: null,
      review: null,
    };
  }
  const config = loaded.config;

  const handle = await startProgress(ctx, {
    target: number,
    subject:
      route.kind === 'generate' ? `issue #${number}` : `\`${config.trigger.fixCommand}\` on pull request #${number}`,
    maxIterations: config.budgets.maxIterations,
    react: reactionTarget(route),
    adopt: ctx.inputs.progressComment,
  });
  const moved = headMoved(route, target.value, config);
  if (moved !== null) {
    handle.fail(moved);
    const outcome: ActionOutcome = { kind: 'failed', what: 'checking the pull request', why: moved };
    await handle.finish(describeOutcome(outcome, null, null));
    return { outcome, report: null, review: null };
  }
  let stage = 'preparing the workspace';
  let job: JobResult | null = null;
  let outcome: ActionOutcome;
  try {
    const task = await prepare(ctx, route, target.value, handle, (s) => (stage = s));
    stage = 'running the engine';
    job = await ctx.services.runJob({
      workspaceRoot: ctx.runtime.workspace,
      task,
      config,
      env: engineEnvironment(ctx.env, ctx.inputs),
      audit: ctx.audit,
      progress: handle.progress,
    });
    stage = ctx.inputs.bundlePath === null ? 'publishing' : 'writing the change bundle';
    handle.step('publish', 'running');
    outcome = await deliver(ctx, route, target.value, config, job, task.baseSha);
    handle.step('publish', outcome.kind === 'failed' ? 'failed' : 'done', publishDetail(outcome));
  } catch (error) {
    const why = describeError(error);
    ctx.log(`greenlight: failed while ${stage}: ${why}`);
    outcome = { kind: 'failed', what: stage, why };
    handle.fail(why);
  }
  const review = 'riskTier' in outcome ? config.review[outcome.riskTier] : null;
  await handle.finish(describeOutcome(outcome, review, job?.reportMarkdown ?? null));
  return { outcome, report: job?.reportMarkdown ?? null, review };
}

/** The issue or pull request, or why the run will not touch it (with one comment saying so). */
async function readTarget(
  ctx: ActionContext,
  route: GenerateRoute | FixRoute,
  config: RepoConfig,
): Promise<{ value: Target } | { refusal: string }> {
  const { forge } = ctx;
  if (route.kind === 'fix') {
    const pr = await forge.getPullRequest(route.pr);
    if (pr.isFork) {
      await forge.createComment(
        pr.number,
        renderForkComment({
          requester: route.requester.login,
          headRepo: pr.headRepoFullName,
          fixCommand: config.trigger.fixCommand,
        }),
      );
      return {
        refusal: `pull request #${pr.number} comes from ${pr.headRepoFullName ?? 'a deleted fork'}; greenlight does not run fork code with secrets`,
      };
    }
    if (pr.state !== 'open') {
      await forge.createComment(
        pr.number,
        `@${route.requester.login}, pull request #${pr.number} is ${pr.merged ? 'merged' : 'closed'}, so greenlight did not run \`${config.trigger.fixCommand}\`.`,
      );
      return { refusal: `pull request #${pr.number} is not open` };
    }
    return { value: { kind: 'pr', pr } };
  }
  const issue = await forge.getIssue(route.issue);
  if (issue.isPullRequest) {
    await forge.createComment(
      issue.number,
      `@${route.requester.login}, #${issue.number} is a pull request: greenlight generates changes for issues. Comment \`${config.trigger.fixCommand}\` on it instead.`,
    );
    return { refusal: `#${issue.number} is a pull request, not an issue` };
  }
  if (issue.state !== 'open') {
    await forge.createComment(
      issue.number,
      `@${route.requester.login}, issue #${issue.number} is closed, so greenlight did not start. Reopen it first.`,
    );
    return { refusal: `issue #${issue.number} is closed` };
  }
  return { value: { kind: 'issue', issue } };
}

function reactionTarget(route: GenerateRoute | FixRoute): ReactionTarget | null {
  if (route.kind === 'fix')
    return route.commentId === null ? { kind: 'issue', number: route.pr } : { kind: 'comment', id: route.commentId };
  return route.source === 'label' ? { kind: 'issue', number: route.issue } : null;
}

/**
 * SECURITY.md 4: the head recorded at trigger time (the App's `head_sha`) is the head
 * worked on; when the pull request moved on since, the run stops and says so.
 */
function headMoved(route: GenerateRoute | FixRoute, target: Target, config: RepoConfig): string | null {
  if (route.kind !== 'fix' || target.kind !== 'pr' || route.headSha === null || route.headSha === target.pr.headSha)
    return null;
  return (
    `the pull request's head moved from \`${route.headSha.slice(0, 7)}\` (when \`${config.trigger.fixCommand}\` was requested) to ` +
    `\`${target.pr.headSha.slice(0, 7)}\`. greenlight only works on the commit that was requested: comment \`${config.trigger.fixCommand}\` again to work on the new head.`
  );
}

/** Puts the workspace at the right commit without credentials on disk, and builds the task. */
async function prepare(
  ctx: ActionContext,
  route: GenerateRoute | FixRoute,
  target: Target,
  handle: ProgressHandle,
  setStage: (stage: string) => void,
): Promise<TaskRequest> {
  const root = ctx.runtime.workspace;
  if (target.kind === 'pr') await ctx.services.checkoutCommit(root, target.pr.headSha, [target.pr.headRef], ctx.auth);
  // SECURITY.md 13: no repository code runs while the checkout's token is on disk.
  const removed = await ctx.services.stripCredentials(root);
  if (removed.length > 0)
    ctx.audit.write({ kind: 'note', message: 'removed persisted git credentials', data: { removed } });
  const baseSha = await ctx.services.headSha(root);
  setStage('reading the request');
  const requester = route.requester.login;
  const task =
    target.kind === 'pr'
      ? buildTaskRequest({
          mode: 'fix',
          pr: target.pr,
          instruction: route.kind === 'fix' ? route.instruction : '',
          requester,
          baseSha,
        })
      : buildTaskRequest({
          mode: 'generate',
          issue: target.issue,
          comments: await writerComments(ctx, target.issue.number),
          requester,
          baseSha,
        });
  ctx.audit.write({ kind: 'note', message: 'task', data: { mode: task.mode, title: task.title, baseSha } });
  handle.step('understand', 'done');
  return task;
}

/** Comments of people with write access (not bots, not greenlight's own progress comments). */
async function writerComments(ctx: ActionContext, issue: number): Promise<TaskComment[]> {
  const comments = (await ctx.forge.listIssueComments(issue)).filter(
    (c) => !c.author.isBot && !isProgressComment(c.body, null) && !c.body.startsWith('<!-- greenlight:'),
  );
  const writers = new Map<string, boolean>();
  for (const login of new Set(comments.map((c) => c.author.login.toLowerCase()))) {
    writers.set(login, hasWriteAccess(await ctx.forge.getPermission(login)));
  }
  return comments
    .filter((c) => writers.get(c.author.login.toLowerCase()) === true)
    .map((c) => ({ author: c.author.login, body: c.body }));
}

/** Publishes the job's result, or writes it to a change bundle for the publish job. */
async function deliver(
  ctx: ActionContext,
  route: GenerateRoute | FixRoute,
  target: Target,
  config: RepoConfig,
  job: JobResult,
  baseSha: string,
): Promise<ActionOutcome> {
  const requester = requesterOf(route.requester, ctx.payload);
  const root = ctx.runtime.workspace;
  const bundlePath = ctx.inputs.bundlePath;
  if (bundlePath !== null) {
    const shortfall = loopShortfall(job.outcome);
    if (job.outcome.kind === 'refused')
      return {
        kind: 'gave-up',
        reason: shortfall ?? '',
        branch: null,
        pr: null,
        riskTier: job.risk.tier,
        costUsd: job.costUsd,
      };
    const path = await ctx.services.writeChangeBundle({
      path: resolve(root, bundlePath),
      root,
      job,
      requester,
      baseSha,
      target:
        target.kind === 'issue'
          ? { kind: 'issue', number: target.issue.number, title: target.issue.title }
          : { kind: 'pull-request', number: target.pr.number, headRef: target.pr.headRef, headSha: target.pr.headSha },
    });
    ctx.log(`greenlight: wrote the change bundle ${path}`);
    return {
      kind: 'bundled',
      bundlePath: path,
      verified: shortfall === null,
      riskTier: job.risk.tier,
      costUsd: job.costUsd,
    };
  }
  const common = {
    root,
    forge: ctx.forge,
    config,
    job,
    requester,
    auth: ctx.auth,
    dryRun: ctx.inputs.dryRun,
    baseSha,
    botLogin: ctx.botLogin,
    detailsUrl: ctx.runUrl,
    runId: ctx.runtime.runId,
    secrets: ctx.inputs.anthropicApiKey === null ? [] : [ctx.inputs.anthropicApiKey],
  };
  const result =
    target.kind === 'issue'
      ? await ctx.services.publishGenerate({
          ...common,
          issue: { number: target.issue.number, title: target.issue.title },
          baseBranch: await ctx.forge.getDefaultBranch(),
        })
      : await ctx.services.publishFix({
          ...common,
          pr: target.pr,
          instruction: route.kind === 'fix' ? route.instruction : '',
        });
  ctx.audit.write({
    kind: 'note',
    message: 'published',
    data:
      result.kind === 'refused'
        ? result
        : { kind: result.kind, branch: result.branch, commitSha: result.commitSha, tier: result.risk.tier },
  });
  return outcomeOfPublish({ shortfall: loopShortfall(job.outcome), costUsd: job.costUsd }, result);
}

function publishDetail(outcome: ActionOutcome): string | undefined {
  switch (outcome.kind) {
    case 'opened':
    case 'updated':
      return `#${outcome.pr.number}`;
    case 'gave-up':
      return outcome.branch === null ? 'nothing to push' : `work so far on \`${outcome.branch}\``;
    case 'bundled':
      return 'change bundle written';
    case 'dry-run':
      return 'dry run: nothing pushed';
    default:
      return undefined;
  }
}
