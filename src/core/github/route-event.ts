/**
 * Decides what a GitHub event asks greenlight to do (`mode: auto`):
 *
 * | event | → |
 * | --- | --- |
 * | `issues` `labeled` with the trigger label | generate |
 * | `issue_comment` `created` on a PR, starting with the fix command | fix (the rest is the instruction) |
 * | `workflow_dispatch` with `issue` / `pr` input | generate / fix (gate when the mode is `gate`; repair with `run_id`) |
 * | `pull_request_review` `submitted` on a greenlight PR, requesting changes or starting with the fix command | fix (the review's comments are the instruction) |
 * | `pull_request_review` `submitted`/`dismissed`, `pull_request` `synchronize` on a greenlight PR | gate |
 * | `workflow_run` `completed` with conclusion `failure`, with pull requests, not greenlight's own workflow | repair |
 * | anything else | ignore, with one line saying why |
 *
 * Edited comments never trigger, the bot's own comments never trigger, and a bot
 * requester only when it is in `trigger.allowedBots`. Routing is not authorization:
 * the requester's permission is checked afterwards (`authorize`). Gate routes apply
 * to any sender: recomputing the gate is idempotent and runs no code. Repair routes
 * have no requester: which pull request is greenlight's, whether its head is still the
 * failed run's and how many repairs it had are checked by the repair flow
 * (src/action/run-repair.ts), against GitHub, not the payload.
 */
import type { Actor, RepoRef } from '../../ports/forge.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import { parseDispatchInputs } from './dispatch-inputs.ts';
import {
  EventEnvelope,
  IssueCommentPayload,
  IssuesLabeledPayload,
  PullRequestReviewPayload,
  PullRequestSynchronizePayload,
  WorkflowDispatchPayload,
  WorkflowRunPayload,
  type WebhookUser,
} from './event-payloads.ts';
import { GREENLIGHT_LABEL } from './greenlight-labels.ts';
import { parseFixCommand } from './parse-fix-command.ts';
import { parsePayload } from './parse-payload.ts';

/** The Action's `mode` input minus `publish`, which reads a bundle instead of the event. */
export type RouteMode = 'auto' | 'generate' | 'fix' | 'gate' | 'repair';

export interface RouteOptions {
  /** greenlight's own login (e.g. `greenlight[bot]`), when known. */
  botLogin: string | null;
  modeInput: RouteMode;
  /**
   * The workflow file greenlight runs in (`.github/workflows/greenlight.yml`): its own
   * failures are never repaired, so that a failing repair cannot start another.
   */
  ownWorkflowPath?: string | null;
}

interface RouteBase {
  repo: RepoRef;
  /** The App installation that delivered the event, when there is one. */
  installationId: number | null;
}

export interface GenerateRoute extends RouteBase {
  kind: 'generate';
  issue: number;
  /** Who asked: the labeler, or the person the App dispatched for. */
  requester: Actor;
  source: 'label' | 'dispatch';
}

export interface FixRoute extends RouteBase {
  kind: 'fix';
  pr: number;
  /** Untrusted text after the command (or a review's body); '' when there is none. */
  instruction: string;
  commentId: number | null;
  /** A review whose comments are the work (`source: 'review'`, or a dispatch with `review_id`). */
  reviewId: number | null;
  requester: Actor;
  /** Head recorded at trigger time (dispatch input, reviewed head); null: read the PR now and record it. */
  headSha: string | null;
  source: 'comment' | 'dispatch' | 'review';
}

export interface RepairRoute extends RouteBase {
  kind: 'repair';
  /** The failed workflow run. */
  runId: number;
  /** The pull requests the run belongs to (one for a dispatch). */
  prs: number[];
  /** The commit the failed run tested, as the event says; null: read it from the run. */
  headSha: string | null;
  source: 'workflow_run' | 'dispatch';
}

export interface GateRoute extends RouteBase {
  kind: 'gate';
  pr: number;
  /** Head as of the event; re-read the PR before writing a check, the head may have moved. */
  headSha: string | null;
  source: 'review' | 'push' | 'dispatch';
}

export type EventRoute = GenerateRoute | FixRoute | GateRoute | RepairRoute | { kind: 'ignore'; reason: string };

type Trigger = Pick<RepoConfig['trigger'], 'label' | 'fixCommand' | 'allowedBots'> &
  Partial<Pick<RepoConfig['trigger'], 'fixOnChangesRequested'>>;

const ignore = (reason: string): EventRoute => ({ kind: 'ignore', reason });
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isBotLogin = (login: string) => login.endsWith('[bot]');
const actorOf = (user: WebhookUser): Actor => ({
  login: user.login,
  isBot: user.type === 'Bot' || isBotLogin(user.login),
});

/** Why an actor may not start a run at all (before any permission check), or null. */
function actorFilter(actor: Actor, trigger: Trigger, botLogin: string | null): string | null {
  if (botLogin !== null && same(actor.login, botLogin))
    return `@${actor.login} is greenlight itself; it never reacts to its own actions`;
  if (actor.isBot && !trigger.allowedBots.some((bot) => same(bot, actor.login))) {
    return `@${actor.login} is a bot that is not in trigger.allowedBots`;
  }
  return null;
}

/** Routes one event; throws GreenlightError('event-invalid') when a routed event's payload is malformed. */
export function routeEvent(
  eventName: string,
  payload: unknown,
  config: { trigger: Trigger },
  options: RouteOptions,
): EventRoute {
  const route = routeAuto(eventName, payload, config.trigger, options);
  if (route.kind === 'ignore' || options.modeInput === 'auto' || route.kind === options.modeInput) return route;
  return ignore(`mode is '${options.modeInput}', and this ${eventName} event asks for a ${route.kind} run`);
}

function routeAuto(eventName: string, payload: unknown, trigger: Trigger, options: RouteOptions): EventRoute {
  const handled = [
    'issues',
    'issue_comment',
    'workflow_dispatch',
    'pull_request_review',
    'pull_request',
    'pull_request_target',
    'workflow_run',
  ];
  if (!handled.includes(eventName)) return ignore(`greenlight does not act on '${eventName}' events`);
  const envelope = parsePayload(EventEnvelope, payload, eventName);
  const [owner = '', repo = ''] = envelope.repository.full_name.split('/');
  const base: RouteBase = { repo: { owner, repo }, installationId: envelope.installation?.id ?? null };
  const sender = actorOf(envelope.sender);
  const action = envelope.action ?? '';
  const what = `${eventName}${action ? `.${action}` : ''}`;

  switch (eventName) {
    case 'issues': {
      if (action !== 'labeled') return ignore(`${what}: only a newly added '${trigger.label}' label starts a run`);
      const event = parsePayload(IssuesLabeledPayload, payload, what);
      if (!same(event.label.name, trigger.label))
        return ignore(`${what}: label '${event.label.name}' is not the trigger label '${trigger.label}'`);
      if (event.issue.pull_request !== undefined)
        return ignore(
          `${what}: #${event.issue.number} is a pull request; label an issue, or comment '${trigger.fixCommand}' on the pull request`,
        );
      if (event.issue.state !== 'open') return ignore(`${what}: issue #${event.issue.number} is closed`);
      const refused = actorFilter(sender, trigger, options.botLogin);
      if (refused !== null) return ignore(`${what}: ${refused}`);
      return { ...base, kind: 'generate', issue: event.issue.number, requester: sender, source: 'label' };
    }
    case 'issue_comment': {
      if (action !== 'created') return ignore(`${what}: only new comments trigger; edited or deleted ones never do`);
      const event = parsePayload(IssueCommentPayload, payload, what);
      const command = parseFixCommand(event.comment.body ?? '', trigger.fixCommand);
      if (command === null) return ignore(`${what}: the comment does not start with '${trigger.fixCommand}'`);
      if (event.issue.pull_request === undefined)
        return ignore(
          `${what}: '${trigger.fixCommand}' works on pull requests; #${event.issue.number} is an issue (label it '${trigger.label}' instead)`,
        );
      if (event.issue.state !== 'open') return ignore(`${what}: pull request #${event.issue.number} is closed`);
      const author = actorOf(event.comment.user);
      const refused = actorFilter(author, trigger, options.botLogin) ?? actorFilter(sender, trigger, options.botLogin);
      if (refused !== null) return ignore(`${what}: ${refused}`);
      return {
        ...base,
        kind: 'fix',
        pr: event.issue.number,
        instruction: command.instruction,
        commentId: event.comment.id,
        reviewId: null,
        requester: author,
        headSha: null,
        source: 'comment',
      };
    }
    case 'workflow_dispatch':
      return routeDispatch(base, sender, payload, trigger, options);
    case 'workflow_run':
      return routeWorkflowRun(base, envelope.repository.full_name, action, payload, options);
    case 'pull_request_review': {
      if (action !== 'submitted' && action !== 'dismissed')
        return ignore(`${what}: only submitted or dismissed reviews change the review gate`);
      const event = parsePayload(PullRequestReviewPayload, payload, what);
      if (action === 'submitted' && options.modeInput !== 'gate') {
        const fix = reviewFixRoute(base, event, trigger, options.botLogin, what);
        if (fix !== null) return fix;
      }
      return gateRoute(base, event.pull_request, 'review', what);
    }
    default: {
      if (action !== 'synchronize') return ignore(`${what}: only new pushes (synchronize) change the review gate`);
      const event = parsePayload(PullRequestSynchronizePayload, payload, what);
      return gateRoute(base, event.pull_request, 'push', what);
    }
  }
}

const isGreenlightPr = (pr: { labels: { name: string }[] }) =>
  pr.labels.some((label) => same(label.name, GREENLIGHT_LABEL));

/**
 * A submitted review that asks greenlight to work: on an open greenlight pull request,
 * requesting changes (unless `trigger.fixOnChangesRequested` is off) or with a body
 * that starts with the fix command. Null when the review is only for the gate; an
 * ignore when it asks but may not (a bot, greenlight itself).
 */
function reviewFixRoute(
  base: RouteBase,
  event: PullRequestReviewPayload,
  trigger: Trigger,
  botLogin: string | null,
  what: string,
): EventRoute | null {
  const { review, pull_request: pr } = event;
  if (pr.state !== 'open' || !isGreenlightPr(pr) || review.user === null) return null;
  const command = parseFixCommand(review.body ?? '', trigger.fixCommand);
  const requestsChanges = same(review.state, 'changes_requested') && trigger.fixOnChangesRequested !== false;
  if (command === null && !requestsChanges) return null;
  const reviewer = actorOf(review.user);
  const refused = actorFilter(reviewer, trigger, botLogin);
  if (refused !== null) return ignore(`${what}: ${refused}`);
  if (review.id === undefined) return ignore(`${what}: the review has no id, so its comments cannot be listed`);
  return {
    ...base,
    kind: 'fix',
    pr: pr.number,
    instruction: command?.instruction ?? (review.body ?? '').trim(),
    commentId: null,
    reviewId: review.id,
    requester: reviewer,
    headSha: pr.head.sha,
    source: 'review',
  };
}

/**
 * greenlight's own workflows: the one this run is of, and every shipped one
 * (`greenlight.yml`, `greenlight-gate.yml`, `greenlight-two-job.yml`, named greenlight*),
 * so that no failure of greenlight itself — the gate included — starts a repair.
 */
export function isGreenlightWorkflow(path: string, ownWorkflowPath: string | null): boolean {
  const file = path.replace(/@.*$/, '');
  if (ownWorkflowPath !== null && same(file, ownWorkflowPath)) return true;
  return /^greenlight[\w.-]*\.ya?ml$/i.test(file.slice(file.lastIndexOf('/') + 1));
}

/** A failed CI run of pull requests (docs/architecture.md "CI repair"). */
function routeWorkflowRun(
  base: RouteBase,
  repository: string,
  action: string,
  payload: unknown,
  options: RouteOptions,
): EventRoute {
  const what = `workflow_run${action ? `.${action}` : ''}`;
  if (action !== 'completed') return ignore(`${what}: only completed runs can need a repair`);
  const { workflow_run: run } = parsePayload(WorkflowRunPayload, payload, what);
  if (run.conclusion !== 'failure')
    return ignore(`${what}: the run's conclusion is '${run.conclusion ?? 'none'}', not 'failure'`);
  const path = run.path.replace(/@.*$/, '');
  if (isGreenlightWorkflow(path, options.ownWorkflowPath ?? null))
    return ignore(`${what}: ${path} is greenlight's own workflow; its failures are never repaired`);
  const headRepo = run.head_repository?.full_name;
  if (headRepo !== undefined && !same(headRepo, repository))
    return ignore(`${what}: the run tested ${headRepo}, a fork; greenlight repairs only its own branches`);
  if (run.pull_requests.length === 0) return ignore(`${what}: the run belongs to no pull request`);
  return {
    ...base,
    kind: 'repair',
    runId: run.id,
    prs: run.pull_requests.map((pr) => pr.number),
    headSha: run.head_sha,
    source: 'workflow_run',
  };
}

function gateRoute(
  base: RouteBase,
  pr: { number: number; state: string; head: { sha: string }; labels: { name: string }[] },
  source: 'review' | 'push',
  what: string,
): EventRoute {
  if (pr.state !== 'open') return ignore(`${what}: pull request #${pr.number} is closed`);
  if (!isGreenlightPr(pr)) {
    return ignore(
      `${what}: pull request #${pr.number} is not a greenlight pull request (no '${GREENLIGHT_LABEL}' label)`,
    );
  }
  return { ...base, kind: 'gate', pr: pr.number, headSha: pr.head.sha, source };
}

function routeDispatch(
  base: RouteBase,
  sender: Actor,
  payload: unknown,
  trigger: Trigger,
  options: RouteOptions,
): EventRoute {
  const event = parsePayload(WorkflowDispatchPayload, payload, 'workflow_dispatch');
  const inputs = parseDispatchInputs(event.inputs);
  const noTarget = ignore(`workflow_dispatch: give an 'issue' input to generate or a 'pr' input to fix`);
  if (inputs.issue === null && inputs.pr === null) return noTarget;
  if (options.modeInput === 'gate' && inputs.pr !== null) {
    return { ...base, kind: 'gate', pr: inputs.pr, headSha: inputs.headSha, source: 'dispatch' };
  }
  // A repair has no requester: the failed run and the pull request decide (run-repair.ts).
  if (inputs.runId !== null && inputs.pr !== null) {
    return {
      ...base,
      kind: 'repair',
      runId: inputs.runId,
      prs: [inputs.pr],
      headSha: inputs.headSha,
      source: 'dispatch',
    };
  }
  // Only a bot (the App) dispatches on someone else's behalf. A person who names
  // another requester could otherwise approve "someone else's" change themselves.
  let requester = sender;
  if (inputs.requester !== null && !same(inputs.requester, sender.login)) {
    if (!sender.isBot) {
      return ignore(
        `workflow_dispatch: @${sender.login} named @${inputs.requester} as requester; only the greenlight App dispatches on someone's behalf, leave 'requester' empty`,
      );
    }
    requester = { login: inputs.requester, isBot: isBotLogin(inputs.requester) };
  }
  const refused = actorFilter(requester, trigger, options.botLogin);
  if (refused !== null) return ignore(`workflow_dispatch: ${refused}`);
  if (inputs.issue !== null) return { ...base, kind: 'generate', issue: inputs.issue, requester, source: 'dispatch' };
  if (inputs.pr === null) return noTarget;
  return {
    ...base,
    kind: 'fix',
    pr: inputs.pr,
    instruction: inputs.instruction,
    commentId: inputs.commentId,
    reviewId: inputs.reviewId,
    requester,
    headSha: inputs.headSha,
    source: 'dispatch',
  };
}
