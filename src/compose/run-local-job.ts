/**
 * `greenlight run` on a local checkout: the same engine as the Action (`runJob`),
 * published as a local branch instead of a pull request.
 *
 * The engine works in a worktree of its own (src/compose/run-checkout.ts): the user's
 * checkout — tracked, untracked and ignored files — is never written to
 * (docs/security.md §31). The result is committed on a NEW branch next to the user's
 * (HEAD never moves, the user's branch stays checked out). A run that gave up keeps its
 * best state the same way, marked as work in progress. `dryRun` keeps nothing and
 * returns the diff instead.
 */
import { join } from 'node:path';
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { git } from '../adapters/git/run-git.ts';
import { ConfigError } from '../core/config/config-error.ts';
import type { ConfigIssue } from '../core/config/config-issue.ts';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../core/config/parse-config.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import { GreenlightError } from '../ports/errors.ts';
import { commitMessage } from '../core/publish/commit-message.ts';
import { pullRequestTitle } from '../core/publish/pull-request-title.ts';
import { createTaskRequest, type UntrustedTask } from '../core/task/create-task-request.ts';
import type { TaskMode } from '../core/task/task-request.ts';
import type { Model } from '../ports/model.ts';
import type { Progress, ProgressSnapshot } from '../ports/progress.ts';
import type { TestReport } from '../ports/test-runner.ts';
import { detectTestCommand } from '../adapters/testing/index.ts';
import { checkChange } from '../adapters/publish/check-change.ts';
import type { PublishRefusal } from '../core/publish/publish-types.ts';
import { secretsFromEnv } from '../core/redact/secrets-from-env.ts';
import { checkModelCredentials } from './check-model-credentials.ts';
import { commitToBranch, freeBranchName } from './commit-to-branch.ts';
import type { JobResult } from '../core/job.ts';
import { localBranchName, timeStamp } from './local-branch-name.ts';
import type { LocalTask } from './local-task.ts';
import { jobRedactor, openAuditLog } from './open-audit-log.ts';
import { runJob } from './run-job.ts';

export interface LocalJobOptions {
  /** Any directory inside the checkout. */
  repo: string;
  task: LocalTask;
  mode: TaskMode;
  dryRun: boolean;
  /** Default: `<git dir>/greenlight/audit-<UTC time>.jsonl`. */
  auditPath?: string;
  env: Readonly<Record<string, string | undefined>>;
  progress: Progress;
  /** Called once the audit log is open, before the run, so that its path can be shown at once. */
  onAuditLog?: (path: string) => void;
  /** Injected in tests; built from the config otherwise. */
  model?: Model;
  /** See `JobOptions.onBaseline`. */
  onBaseline?: (baseline: TestReport) => void;
  now?: () => Date;
}

export interface LocalJobResult {
  job: JobResult;
  /** The branch the result (or the best state of a run that gave up) was committed to. */
  branch: string | null;
  commit: string | null;
  /** The branch the user is on (unchanged). */
  originalBranch: string;
  auditPath: string;
  /** The change against the base (what `dryRun` would have committed). */
  diff: string;
  /** Why the result was not kept although there was one: it holds a secret or is too large. */
  notKept: PublishRefusal | null;
  configWarnings: ConfigIssue[];
}

/**
 * @throws GreenlightError when the checkout is not ready (detached HEAD, uncommitted
 *   changes), the config is invalid, or runJob refuses (no key, no test command, …).
 */
export async function runLocalJob(options: LocalJobOptions): Promise<LocalJobResult> {
  const now = options.now ?? (() => new Date());
  const workspace = await LocalWorkspace.open(options.repo);
  const root = workspace.root;
  const originalBranch = await workspace.currentBranch();
  if (originalBranch === null) {
    const head = await workspace.headSha();
    throw new GreenlightError(
      'git',
      `HEAD is detached (at ${head.slice(0, 12)}) in ${root}: check out a branch first (git switch -c my-work), so that the result can be left on a branch next to it.`,
    );
  }
  await requireClean(root, workspace);
  const { config, warnings } = await loadConfig(workspace);
  // Refuse what runJob would refuse before any file (an audit log, a branch) exists.
  if (options.model === undefined) checkModelCredentials(config.model, options.env, root);
  await detectTestCommand({ config, files: await workspace.listFiles(), readFile: (path) => workspace.readFile(path) });
  const base = await workspace.headSha();
  const branch = await freeBranchName(root, localBranchName(config, options.task, now()));
  const untrusted: UntrustedTask =
    options.mode === 'fix'
      ? {
          mode: 'fix',
          title: options.task.title,
          body: '',
          instruction: [options.task.title, options.task.body].join('\n\n').trim(),
          baseSha: base,
        }
      : { mode: 'generate', title: options.task.title, body: options.task.body, baseSha: base };
  if (options.task.issueNumber !== undefined) untrusted.issueNumber = options.task.issueNumber;
  // The one place the local task's text is sanitized (docs/security.md §6).
  const task = createTaskRequest(untrusted);

  const auditPath =
    options.auditPath ??
    join(
      (await git(root, ['rev-parse', '--absolute-git-dir'])).trim(),
      'greenlight',
      `audit-${timeStamp(now())}.jsonl`,
    );
  const audit = openAuditLog(auditPath, jobRedactor(options.env));
  options.onAuditLog?.(auditPath);
  const progress = rememberLast(options.progress);
  const baseTree = (await git(root, ['rev-parse', `${base}^{tree}`])).trim();
  const secrets = secretsFromEnv(options.env);
  /**
   * Commit `tree` on `branch`; `stopped` marks it as unverified work in progress. A tree
   * that holds a secret or is over a size limit is not kept (docs/security.md §29, §33).
   */
  const keep = async (
    tree: string,
    paths: readonly string[],
    stopped: string | undefined,
    note: string,
  ): Promise<string | PublishRefusal> => {
    const refusal = await checkChange(root, base, tree, { limits: config.publish, secrets });
    if (refusal !== null) {
      audit.write({
        kind: 'note',
        message:
          refusal.reason === 'secrets' ? 'publish refused: secrets in the change' : 'publish refused: change too large',
        data: refusal.reason === 'secrets' ? { findings: refusal.findings } : { problems: refusal.oversize },
      });
      return refusal;
    }
    const message = commitMessage({
      subject: pullRequestTitle({ mode: task.mode, title: task.title, paths }),
      mode: task.mode,
      ...(task.issueNumber === undefined ? {} : { issueNumber: task.issueNumber }),
      ...(stopped === undefined ? {} : { stopped }),
      serverUrl: 'https://github.com',
    });
    const commit = await commitToBranch(root, {
      branch,
      parent: base,
      tree,
      message,
      author: { name: config.commit.authorName, email: config.commit.authorEmail },
    });
    audit.write({ kind: 'note', message: note, data: { branch, commit } });
    return commit;
  };
  try {
    let job: JobResult;
    const left: { tree: string | null } = { tree: null };
    try {
      job = await runJob({
        workspaceRoot: root,
        task,
        config,
        env: options.env,
        audit,
        progress: progress.port,
        // The user's checkout is never touched: the result goes to a branch (docs/security.md §31).
        applyResult: false,
        keepWork: async (tree) => {
          left.tree = tree;
        },
        ...(options.model === undefined ? {} : { model: options.model }),
        ...(options.onBaseline === undefined ? {} : { onBaseline: options.onBaseline }),
      });
    } catch (error) {
      // An error after the model started (a key revoked mid-run, a git failure): keep its
      // work on the branch, unverified. The user's checkout was never touched.
      const workLeft = left.tree;
      if (!(error instanceof GreenlightError) || workLeft === null || workLeft === baseTree || options.dryRun)
        throw error;
      const kept = await keep(
        workLeft,
        [],
        error.message.split('\n')[0] ?? error.code,
        'work kept on a branch after an error',
      );
      if (typeof kept !== 'string')
        throw new GreenlightError(error.code, `${error.message} ${kept.message}`, { cause: error });
      throw new GreenlightError(
        error.code,
        `${error.message} The work done before the error is kept on branch ${branch} (not verified).`,
        { cause: error },
      );
    }

    const outcome = job.outcome;
    const preflight = outcome.kind === 'refused' && outcome.preflight !== undefined;
    if (!preflight) await progress.step('publish', 'running');
    const diff = outcome.kind === 'refused' ? '' : outcome.diff;
    let commit: string | null = null;
    let notKept: PublishRefusal | null = null;
    if (!options.dryRun && outcome.kind !== 'refused' && outcome.changes.length > 0 && outcome.tree !== undefined) {
      const kept = await keep(
        outcome.tree,
        outcome.changes.map((c) => c.path),
        outcome.kind === 'gave-up' ? outcome.reason.message : undefined,
        'result committed on a branch',
      );
      if (typeof kept === 'string') commit = kept;
      else notKept = kept;
    }
    if (!preflight)
      await progress.step(
        'publish',
        notKept === null ? 'done' : 'failed',
        notKept !== null
          ? 'not kept'
          : commit === null
            ? options.dryRun
              ? 'dry run: nothing kept'
              : 'nothing to keep'
            : `branch ${branch}`,
      );
    return {
      job,
      branch: commit === null ? null : branch,
      commit,
      originalBranch,
      auditPath,
      diff,
      notKept,
      configWarnings: warnings,
    };
  } finally {
    audit.close();
  }
}

async function requireClean(root: string, workspace: LocalWorkspace): Promise<void> {
  if (await workspace.isClean()) return;
  const status = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=normal']);
  const paths = status
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
  const shown = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
  throw new GreenlightError(
    'workspace-dirty',
    `${root} has uncommitted changes (${shown}): commit or stash them first (git stash -u), so that the change greenlight makes is only its own.`,
  );
}

/** The committed config (the tree is clean, so the file on disk is HEAD's). */
async function loadConfig(workspace: LocalWorkspace): Promise<{ config: RepoConfig; warnings: ConfigIssue[] }> {
  const parsed = parseConfig(await workspace.readFile(DEFAULT_CONFIG_PATH), DEFAULT_CONFIG_PATH);
  if (!parsed.ok) throw new ConfigError(parsed.errors);
  return { config: parsed.config, warnings: parsed.warnings };
}

/** Keeps the last snapshot the engine sent, so that the publish step can be added to it. */
function rememberLast(progress: Progress) {
  let last: ProgressSnapshot | null = null;
  return {
    port: {
      async update(snapshot: ProgressSnapshot): Promise<void> {
        last = structuredClone(snapshot);
        await progress.update(snapshot);
      },
    } satisfies Progress,
    async step(name: 'publish', state: 'running' | 'done' | 'failed', detail?: string): Promise<void> {
      if (last === null) return;
      last.steps[name] = detail === undefined ? { state } : { state, detail };
      try {
        await progress.update(structuredClone(last));
      } catch {
        // Progress is cosmetic.
      }
    },
  };
}
