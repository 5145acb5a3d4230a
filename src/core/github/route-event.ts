/**
 * Decides what a GitHub event asks greenlight to do (`mode: auto`):
 *
 * | event | → |
 * | --- | --- |
 * | `issues` `labeled` with the trigger label | generate |
 * | `issue_comment` `created` on a PR, starting with the fix command | fix (the rest is the instruction) |
 * | `workflow_dispatch` with `issue` / `pr` input | generate / fix (gate when the mode is `gate`) |
 * | `pull_request_review` `submitted`/`dismissed`, `pull_request` `synchronize` on a greenlight PR | gate |
 * | anything else | ignore, with one line saying why |
 *
 * Edited comments never trigger, the bot's own comments never trigger, and a bot
 * requester only when it is in `trigger.allowedBots`. Routing is not authorization:
 * the requester's permission is checked afterwards (`authorize`). Gate routes apply
 * to any sender: recomputing the gate is idempotent and runs no code.
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
  type WebhookUser,
} from './event-payloads.ts';
import { GREENLIGHT_LABEL } from './greenlight-labels.ts';
import { parseFixCommand } from './parse-fix-command.ts';
import { parsePayload } from './parse-payload.ts';

/** The Action's `mode` input minus `publish`, which reads a bundle instead of the event. */
export type RouteMode = 'auto' | 'generate' | 'fix' | 'gate';

export interface RouteOptions {
  /** greenlight's own login (e.g. `greenlight[bot]`), when known. */
  botLogin: string | null;
  modeInput: RouteMode;
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
  /** Untrusted text after the command; '' when the comment was just the command. */
  instruction: string;
  commentId: number | null;
  requester: Actor;
  /** Head recorded at trigger time (dispatch input); null: read the PR now and record it. */
  headSha: string | null;
  source: 'comment' | 'dispatch';
}

export interface GateRoute extends RouteBase {
  kind: 'gate';
  pr: number;
  /** Head as of the event; re-read the PR before writing a check, the head may have moved. */
  headSha: string | null;
  source: 'review' | 'push' | 'dispatch';
}

export type EventRoute = GenerateRoute | FixRoute | GateRoute | { kind: 'ignore'; reason: string };

type Trigger = Pick<RepoConfig['trigger'], 'label' | 'fixCommand' | 'allowedBots'>;

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
        requester: author,
        headSha: null,
        source: 'comment',
      };
    }
    case 'workflow_dispatch':
      return routeDispatch(base, sender, payload, trigger, options);
    case 'pull_request_review': {
      if (action !== 'submitted' && action !== 'dismissed')
        return ignore(`${what}: only submitted or dismissed reviews change the review gate`);
      const event = parsePayload(PullRequestReviewPayload, payload, what);
      return gateRoute(base, event.pull_request, 'review', what);
    }
    default: {
      if (action !== 'synchronize') return ignore(`${what}: only new pushes (synchronize) change the review gate`);
      const event = parsePayload(PullRequestSynchronizePayload, payload, what);
      return gateRoute(base, event.pull_request, 'push', what);
    }
  }
}

function gateRoute(
  base: RouteBase,
  pr: { number: number; state: string; head: { sha: string }; labels: { name: string }[] },
  source: 'review' | 'push',
  what: string,
): EventRoute {
  if (pr.state !== 'open') return ignore(`${what}: pull request #${pr.number} is closed`);
  if (!pr.labels.some((label) => same(label.name, GREENLIGHT_LABEL))) {
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
    requester,
    headSha: inputs.headSha,
    source: 'dispatch',
  };
}
