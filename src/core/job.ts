/**
 * The contract of a job: what `runJob` (src/compose/run-job.ts) is asked by the
 * surfaces that start it (CLI `greenlight run`, the Action, the demo), and what it hands
 * to the publishers (push, pull request, change bundle in src/adapters/publish/). Types
 * only, here so that the publishers need nothing from the composition above them.
 */
import type { RepoConfig } from './config/repo-config.ts';
import type { LoopOutcome } from './loop/loop-outcome.ts';
import type { ThreadClaim } from './review/review-report-tool.ts';
import type { RiskAssessment } from './risk/assessment.ts';
import type { TaskRequest } from './task/task-request.ts';
import type { AuditSink } from '../ports/audit.ts';
import type { Model } from '../ports/model.ts';
import type { Progress } from '../ports/progress.ts';
import type { SandboxInfo } from '../ports/sandbox.ts';
import type { TestReport } from '../ports/test-runner.ts';

export interface JobOptions {
  /** Root of a git checkout, clean at `task.baseSha`. */
  workspaceRoot: string;
  task: TaskRequest;
  /** Effective config (file from the default branch + input overrides). */
  config: RepoConfig;
  /** Environment the engine reads its keys from; never passed to sandboxed code. */
  env: Readonly<Record<string, string | undefined>>;
  audit: AuditSink;
  progress: Progress;
  /** Injected for tests and the demo; built from `config.model` and `env` when absent. */
  model?: Model;
  /**
   * Whether `workspaceRoot` ends in the outcome's state (default true). `greenlight run`
   * says false: the user's checkout is never touched, the result goes to a branch from
   * `outcome.tree` (docs/security.md §31).
   */
  applyResult?: boolean;
  /**
   * Called with the tree of the work so far (base plus whatever the run's checkout holds)
   * when an error stops the job after it began working, before that checkout goes.
   */
  keepWork?: (tree: string) => Promise<void>;
  /**
   * For `fix`: the pull request's base (a commit or ref), so that the files the pull
   * request changed rank high in the context. Recent commits count either way.
   */
  pullRequestBase?: string;
  /**
   * Called with the baseline once the preflight passed, before the first model call
   * (`LoopDeps.onBaseline`): a replay compares it with its recording and throws when it differs.
   */
  onBaseline?: (baseline: TestReport) => void;
  /**
   * A CI repair: the failing CI step's plain test invocation (src/core/repair/plain-test-command.ts),
   * run in the sandbox with every full-suite run besides the repository's test command.
   */
  extraTestCommand?: string;
}

/** What a job produced: the loop's outcome plus everything needed to publish it. */
export interface JobResult {
  outcome: LoopOutcome;
  /** Classification of the final change (empty change → low). */
  risk: RiskAssessment;
  /** The report markdown: PR body, CLI output and job summary all use it. */
  reportMarkdown: string;
  sandbox: SandboxInfo;
  /** How the test command was found ("using `npm test` from package.json …"). */
  testCommandReason: string;
  costUsd: number;
  /** Files the repository context put in the prompt, most relevant first, and its size (set by runJob). */
  context?: { files: string[]; usedTokens: number; budgetTokens: number };
  /** A review run: what the model reported per review comment id (`report_review_comment`), the latest report per comment. */
  reviewClaims?: { id: number; claim: ThreadClaim }[];
}
