/**
 * `issues.labeled` with the trigger label, `issue_comment.created` with the fix
 * command on a pull request, and `pull_request_review.submitted` asking for changes on
 * a greenlight pull request: decide, authorize, acknowledge and dispatch — a handful
 * of API calls, so that GitHub gets its answer in well under a second.
 *
 * 1. config from the default branch (routing needs the trigger label and command);
 * 2. route (core `routeEvent`) and authorize the requester with the
 *    collaborator-permission API (core `authorize`); for `/fix`, read the PR head;
 * 3. admit under the fleet limits; then 👀 and the acknowledgement comment at once,
 *    and the dispatch, which hands the comment's id to the run (`progress_comment`)
 *    so that the run edits it instead of posting a second one; a dispatch GitHub
 *    refuses turns the comment into the missing-workflow or refusal text (a queued
 *    or refused request gets its own comment instead).
 *
 * Nothing after a successful dispatch throws: a failed comment must not make GitHub
 * (or the App's redelivery) deliver the event again and start a second run.
 */
import { defaultConfig } from '../core/config/repo-config.ts';
import { describeLimit } from '../core/fleet/describe-limit.ts';
import { authorize } from '../core/github/authorize.ts';
import { GREENLIGHT_LABEL } from '../core/github/greenlight-labels.ts';
import { routeEvent, type FixRoute, type GenerateRoute } from '../core/github/route-event.ts';
import { inlineCode } from '../core/report/format.ts';
import type { Forge, PullRequestInfo, ReactionTarget } from '../ports/forge.ts';
import type { AppIdentity } from './app-identity.ts';
import type { AppLog } from './app-log.ts';
import { renderAckComment } from './comments/render-ack-comment.ts';
import { renderConfigRefusal, renderLimitRefusal } from './comments/render-refusal-comment.ts';
import { recomputeGate } from './handle-gate.ts';
import { readRepoConfig } from '../core/config/read-repo-config.ts';
import type { GateSources } from '../compose/app-github.ts';
import { renderDispatchComment } from './render-dispatch-comment.ts';
import { workflowUrl, type RunRequest } from './run-request.ts';
import type { RunScheduler } from './run-scheduler.ts';

export interface TriggerDeps {
  forge: Forge;
  gateSources: GateSources;
  identity: AppIdentity;
  scheduler: RunScheduler;
  installationId: number;
  /** `repository.html_url` of the payload. */
  repoUrl: string;
  defaultBranch: string;
  workflowFile: string;
  workflowTemplate: string;
  configPath: string;
  log: AppLog;
}

export type TriggerOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'config-invalid' }
  | { kind: 'fork' }
  | { kind: 'limit-refused'; reason: string }
  | { kind: 'queued'; position: number }
  | { kind: 'dispatched' }
  | { kind: 'missing-workflow' }
  | { kind: 'rejected'; message: string };

function forkReply(requester: string, pr: PullRequestInfo, fixCommand: string): string {
  const from =
    pr.headRepoFullName === null ? 'a fork that no longer exists' : `the fork ${inlineCode(pr.headRepoFullName)}`;
  return (
    `@${requester}, greenlight does not run ${inlineCode(fixCommand)} on this pull request: its branch lives in ${from}. ` +
    'Fixing it means running its code in a job that holds the model API key and a token that can push, so greenlight only works on branches of this repository. ' +
    'A maintainer can push the branch here and ask again on that pull request.\n'
  );
}

export async function handleTrigger(deps: TriggerDeps, eventName: string, payload: unknown): Promise<TriggerOutcome> {
  const { forge, identity, log } = deps;
  const configResult = await readRepoConfig(forge, deps.configPath);
  // An invalid file still gets its say when the event looks like a request under the defaults.
  const config = configResult.ok ? configResult.config : defaultConfig();
  const route = routeEvent(eventName, payload, config, { botLogin: identity.botLogin, modeInput: 'auto' });
  if (route.kind === 'ignore') return { kind: 'ignored', reason: route.reason };
  if (route.kind === 'gate' || route.kind === 'repair') return { kind: 'ignored', reason: 'not a run request' };

  const thread = route.kind === 'generate' ? route.issue : route.pr;
  const [permission, pr] = await Promise.all([
    route.requester.isBot ? null : forge.getPermission(route.requester.login),
    route.kind === 'fix' ? forge.getPullRequest(route.pr) : null,
  ]);
  const decision = authorize({
    actor: route.requester,
    permission,
    botLogin: identity.botLogin,
    allowedBots: config.trigger.allowedBots,
  });
  if (!decision.allowed) {
    log.info({ requester: route.requester.login, thread, reason: decision.reason }, 'request refused');
    if (decision.reply !== undefined) await forge.createComment(thread, `${decision.reply}\n`);
    return { kind: 'refused', reason: decision.reason };
  }
  const retry =
    route.kind === 'generate'
      ? `remove and re-add the ${inlineCode(config.trigger.label)} label`
      : route.reviewId !== null
        ? `submit the review again (requesting changes, or starting with ${inlineCode(config.trigger.fixCommand)})`
        : `comment ${inlineCode(config.trigger.fixCommand)} again`;
  if (!configResult.ok) {
    await forge.createComment(
      thread,
      renderConfigRefusal({
        configPath: deps.configPath,
        defaultBranch: deps.defaultBranch,
        errors: configResult.errors,
        retry,
      }),
    );
    return { kind: 'config-invalid' };
  }
  if (pr !== null && pr.isFork) {
    await forge.createComment(thread, forkReply(route.requester.login, pr, config.trigger.fixCommand));
    return { kind: 'fork' };
  }

  const request = runRequest(deps, route, pr, retry, config.budgets.maxIterations, config.trigger.fixCommand);
  const target: ReactionTarget =
    route.kind === 'fix' && route.commentId !== null
      ? { kind: 'comment', id: route.commentId }
      : { kind: 'issue', number: thread };
  const react = () =>
    forge
      .addReaction(target, 'eyes')
      .catch((error: unknown) => log.warn({ err: error, thread }, 'could not add the 👀 reaction'));
  // A /fix on a greenlight pull request makes its commenter a requester at once.
  const gate =
    route.kind === 'fix' && pr !== null && pr.labels.some((l) => l.toLowerCase() === GREENLIGHT_LABEL)
      ? recomputeGate(
          { forge, gateSources: deps.gateSources, identity, configPath: deps.configPath, log },
          { pr: route.pr, requesters: [route.requester.login] },
        ).catch((error: unknown) => log.warn({ err: error, pr: route.pr }, 'could not recompute the review gate'))
      : Promise.resolve();

  const admission = await deps.scheduler.admit(request, config.fleet);
  switch (admission.kind) {
    case 'refuse': {
      const reason = describeLimit(admission.reason);
      await Promise.all([
        gate,
        forge.createComment(
          thread,
          renderLimitRefusal({ subject: request.subject, requester: request.requester, reason, retry }),
        ),
      ]);
      log.info({ thread, reason: admission.reason }, 'request refused by the fleet limits');
      return { kind: 'limit-refused', reason };
    }
    case 'queue': {
      const body = renderAckComment({
        subject: request.subject,
        requester: request.requester,
        workflowFile: request.workflowFile,
        workflowUrl: workflowUrl(request),
        maxIterations: request.maxIterations,
        status: {
          kind: 'queued',
          queueId: admission.queueId,
          position: admission.position,
          reason: describeLimit(admission.reason),
        },
      });
      await Promise.all([react(), gate, forge.createComment(thread, body)]);
      log.info({ thread, position: admission.position, reason: admission.reason }, 'request queued');
      // A slot may be free while others wait (first come, first served): serve them now.
      void deps.scheduler.drain().catch((error: unknown) => log.error({ err: error }, 'draining the run queue failed'));
      return { kind: 'queued', position: admission.position };
    }
    case 'start': {
      // The acknowledgement comes first: its id goes to the workflow, whose run edits it
      // into its progress (one comment per request). Without it the run posts its own.
      const ack = renderDispatchComment(request, { kind: 'dispatched' }, deps.workflowTemplate, false);
      const [, comment] = await Promise.all([
        react(),
        forge.createComment(thread, ack).catch((error: unknown) => {
          log.warn({ err: error, thread }, 'could not post the acknowledgement; the run will post its own comment');
          return null;
        }),
      ]);
      const outcome = await deps.scheduler.dispatch(forge, request, admission.leaseId, comment?.id ?? null);
      log.info({ thread, kind: request.kind, outcome: outcome.kind }, 'request dispatched');
      try {
        const body = renderDispatchComment(request, outcome, deps.workflowTemplate, false);
        await Promise.all([
          gate,
          body === ack && comment !== null
            ? null
            : comment === null
              ? forge.createComment(thread, body)
              : forge.updateComment(comment.id, body),
        ]);
      } catch (error) {
        log.warn({ err: error, thread }, 'could not post the acknowledgement');
      }
      return outcome.kind === 'rejected' ? { kind: 'rejected', message: outcome.message } : { kind: outcome.kind };
    }
  }
}

function runRequest(
  deps: TriggerDeps,
  route: GenerateRoute | FixRoute,
  pr: PullRequestInfo | null,
  retry: string,
  maxIterations: number,
  fixCommand: string,
): RunRequest {
  const base = {
    installationId: deps.installationId,
    repo: deps.forge.repo,
    repoUrl: deps.repoUrl,
    defaultBranch: deps.defaultBranch,
    workflowFile: deps.workflowFile,
    requester: route.requester.login,
    retry,
    maxIterations,
    attempts: 0,
  };
  if (route.kind === 'generate') {
    return {
      ...base,
      kind: 'generate',
      thread: route.issue,
      subject: `issue #${route.issue}`,
      inputs: { issue: String(route.issue), requester: route.requester.login },
    };
  }
  const inputs: Record<string, string> = { pr: String(route.pr), requester: route.requester.login };
  // The head at trigger time: the run refuses to work on anything else (docs/security.md §4).
  if (pr !== null) inputs.head_sha = pr.headSha;
  if (route.commentId !== null) inputs.comment_id = String(route.commentId);
  if (route.reviewId !== null) inputs.review_id = String(route.reviewId);
  if (route.instruction !== '') inputs.instruction = route.instruction;
  return {
    ...base,
    kind: 'fix',
    thread: route.pr,
    subject:
      route.reviewId === null
        ? `${inlineCode(fixCommand)} on pull request #${route.pr}`
        : `review of pull request #${route.pr}`,
    inputs,
  };
}
