/**
 * Recomputes the `greenlight/review-gate` check run of a greenlight pull request as the
 * App (so that a ruleset can require it from this App's id and nobody else can write
 * it): the tier from the App's own classification of the diff, the requesters from
 * what GitHub recorded and the App's earlier gate records, the reviews of the CURRENT
 * head, and the review rules of the default branch's config.
 */
import type { GateSources } from '../compose/app-github.ts';
import { parseFixCommand } from '../core/github/parse-fix-command.ts';
import { GREENLIGHT_LABEL } from '../core/github/greenlight-labels.ts';
import { evaluateGate } from '../core/gate/evaluate-gate.ts';
import { GATE_CHECK_NAME, gateCheckRun } from '../core/gate/gate-check-run.ts';
import { loadGateContext } from '../core/gate/load-gate-input.ts';
import { gateReviewRequests, type ReviewRequest } from '../core/gate/review-requests.ts';
import { renderRiskMarkdown } from '../core/risk/render-risk-markdown.ts';
import { formatConfigIssues } from '../core/config/format-config-issues.ts';
import { encodeGateMemo, parseGateMemo, type GateMemo } from '../core/publish/gate-external-id.ts';
import type { RiskTier } from '../core/risk/tier.ts';
import type { CheckRunFields, CheckRunInfo, Forge } from '../ports/forge.ts';
import type { AppIdentity } from './app-identity.ts';
import type { AppLog } from './app-log.ts';
import { classifyPullRequestFiles } from './gate/classify-pull-request-files.ts';
import { gateRequesters, uniqueLogins } from './gate/gate-requesters.ts';
import { issueFromBranch } from './gate/issue-from-branch.ts';
import { readRepoConfig } from '../core/config/read-repo-config.ts';

export interface GateDeps {
  forge: Forge;
  gateSources: GateSources;
  identity: AppIdentity;
  configPath: string;
  log: AppLog;
}

export interface GateRequest {
  pr: number;
  /** The head before a push (`synchronize`'s `before`): its gate record is carried forward. */
  beforeSha?: string | null;
  /** Requesters known from this very delivery (a `/fix` being dispatched). */
  requesters?: readonly string[];
  /** Who pushed, when this delivery is a push (`synchronize`'s sender). */
  pusher?: string;
}

export type GateOutcome =
  | { kind: 'written'; state: 'success' | 'pending' | 'failure'; tier: string; requesters: string[]; headSha: string }
  | { kind: 'skipped'; reason: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const UNKNOWN_REQUESTER =
  '**Requester unknown.** A bot opened this pull request, and neither a review-gate check, nor a ' +
  "`/fix` comment, nor the trigger label on the issue named by its branch records who asked for it, so a requester's " +
  "approval cannot be told from anyone else's. Comment the fix command on the pull request (its author becomes the " +
  'requester) to record one.';

async function gateRuns(forge: Forge, sha: string | null | undefined): Promise<CheckRunInfo[]> {
  if (sha === null || sha === undefined) return [];
  return forge.listCheckRuns(sha, GATE_CHECK_NAME);
}

/**
 * The memo for `external_id`. No requesters, no memo: an empty list would read as
 * "nobody requested this" to the Action's gate mode, which fails closed only when it
 * finds no memo at all.
 */
function memo(tier: RiskTier, requesters: string[], pushers: string[] = []): { externalId?: string } {
  return requesters.length === 0 ? {} : { externalId: encodeGateMemo({ tier, requesters, pushers }) };
}

async function writeCheck(
  forge: Forge,
  headSha: string,
  existing: CheckRunInfo | undefined,
  fields: CheckRunFields,
): Promise<void> {
  if (existing === undefined) await forge.createCheckRun({ name: GATE_CHECK_NAME, headSha, ...fields });
  else await forge.updateCheckRun(existing.id, fields);
}

/** Asks for the reviews the gate waits for; GitHub refusing one is logged, not fatal. */
async function askReviewers(deps: GateDeps, pr: number, ask: ReviewRequest): Promise<void> {
  if (ask.reviewers.length === 0 && ask.teams.length === 0) return;
  try {
    await deps.forge.requestReviewers(pr, ask);
    deps.log.info({ pr, reviewers: ask.reviewers, teams: ask.teams }, 'review requested');
  } catch (error) {
    deps.log.warn({ pr, reviewers: ask.reviewers, teams: ask.teams, error: String(error) }, 'review request refused');
  }
}

export async function recomputeGate(deps: GateDeps, request: GateRequest): Promise<GateOutcome> {
  const { forge, gateSources, identity } = deps;
  const [configResult, pr, files, comments] = await Promise.all([
    readRepoConfig(forge, deps.configPath),
    forge.getPullRequest(request.pr),
    gateSources.listPullRequestFiles(request.pr),
    forge.listIssueComments(request.pr),
  ]);
  if (pr.state !== 'open') return { kind: 'skipped', reason: `pull request #${pr.number} is closed` };
  if (!pr.labels.some((label) => same(label, GREENLIGHT_LABEL))) {
    return { kind: 'skipped', reason: `pull request #${pr.number} has no '${GREENLIGHT_LABEL}' label` };
  }
  const [headRuns, beforeRuns] = await Promise.all([gateRuns(forge, pr.headSha), gateRuns(forge, request.beforeSha)]);
  // Requesters and pushers from every memo (more of either only make the gate stricter); never a tier.
  const memos = [...headRuns, ...beforeRuns]
    .map((run) => parseGateMemo(run.externalId))
    .filter((m): m is GateMemo => m !== null);
  const recorded = memos.flatMap((m) => m.requesters);
  const seenPushers = uniqueLogins([
    ...memos.flatMap((m) => m.pushers ?? []),
    ...(request.pusher === undefined ? [] : [request.pusher]),
  ]);
  const existing = headRuns.find((run) => run.appId === identity.id);

  if (!configResult.ok) {
    // Without valid review rules nothing can pass: fail closed and say why.
    const requesters = gateRequesters({
      prAuthor: pr.author,
      fixCommenters: [],
      labelers: [],
      recorded: [...recorded, ...(request.requesters ?? [])],
    });
    await writeCheck(forge, pr.headSha, existing, {
      status: 'completed',
      conclusion: 'failure',
      title: `${deps.configPath} on the default branch is invalid`,
      summary: `The review gate needs the review rules of \`${deps.configPath}\` on the default branch, and the file has problems:\n\n\`\`\`text\n${formatConfigIssues(configResult.errors)}\n\`\`\`\n\nFix the file; the gate is recomputed at the next review or push.`,
      ...memo('critical', requesters),
    });
    return { kind: 'written', state: 'failure', tier: 'unknown', requesters, headSha: pr.headSha };
  }
  const config = configResult.config;

  // The issue it was generated from, through the default branch's branch template
  // (branches of this repository only). Its labelers, once recorded in the memo, stay
  // requesters even if the branch is renamed later.
  const issue = pr.isFork ? null : issueFromBranch(pr.headRef, config.branch.template);
  const [modes, labelers] = await Promise.all([
    gateSources.readFileModes(pr.baseSha, pr.headSha, files),
    issue === null || issue === pr.number ? [] : gateSources.listLabelers(issue, config.trigger.label),
  ]);

  const assessment = classifyPullRequestFiles(files, modes, config.risk);
  const fixCommenters = comments
    .filter((c) => parseFixCommand(c.body, config.trigger.fixCommand) !== null)
    .map((c) => c.author);
  const requesters = gateRequesters({
    prAuthor: pr.author,
    fixCommenters,
    labelers,
    recorded: [...recorded, ...(request.requesters ?? [])],
  });

  const { input, pullRequest } = await loadGateContext(forge, {
    pr: pr.number,
    tier: assessment.tier,
    review: config.review[assessment.tier],
    gate: config.gate,
    identity: { name: config.commit.authorName, email: config.commit.authorEmail },
    requesters,
    seenPushers,
    botLogin: identity.botLogin,
  });
  if (input.headSha !== pr.headSha) {
    // The head moved while we read: the push's own delivery computes the gate for it.
    return {
      kind: 'skipped',
      reason: `the head of #${pr.number} moved from ${pr.headSha.slice(0, 7)} to ${input.headSha.slice(0, 7)}`,
    };
  }
  const result = evaluateGate(input);
  const fields: CheckRunFields =
    requesters.length > 0
      ? gateCheckRun(result)
      : {
          // A bot opened it and nothing records who asked: nobody's approval can be told
          // apart from the requester's own, so the gate cannot pass (as in the Action).
          status: 'completed',
          conclusion: 'failure',
          title: 'Requester unknown: the review gate cannot pass',
          summary: '',
        };
  const summary = [
    ...(requesters.length > 0 ? [] : [UNKNOWN_REQUESTER]),
    result.summary,
    renderRiskMarkdown(assessment, config.review, { maxRows: 30 }).trimEnd(),
    '_The greenlight App classified this pull request from its diff on GitHub and recomputes this check at every review and push._',
  ].join('\n\n');
  await writeCheck(forge, pr.headSha, existing, {
    ...fields,
    summary,
    ...memo(assessment.tier, requesters, seenPushers),
  });
  if (requesters.length > 0)
    await askReviewers(deps, pr.number, gateReviewRequests(input, result, pullRequest, config.gate));
  deps.log.info({ pr: pr.number, tier: assessment.tier, state: result.state, requesters }, 'review gate written');
  return {
    kind: 'written',
    state: requesters.length > 0 ? result.state : 'failure',
    tier: assessment.tier,
    requesters,
    headSha: pr.headSha,
  };
}
