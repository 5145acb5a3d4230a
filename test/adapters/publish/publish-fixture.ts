/**
 * Real git for publish tests: a bare repository as `origin` and a clone to publish
 * from, a JobResult around a real `git diff --binary`, and a scan of every file on
 * disk for a token.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { JobResult } from '../../../src/core/job.ts';
import { LocalWorkspace } from '../../../src/adapters/git/local-workspace.ts';
import type { LoopReport, StopReason } from '../../../src/core/loop/loop-outcome.ts';
import { secretVariants } from '../../../src/core/redact/secret-variants.ts';
import type { RiskTier } from '../../../src/core/risk/tier.ts';
import type { FileChange } from '../../../src/ports/workspace.ts';

export const TOKEN = 'ghs_T0kenForPublishTests0123456789abcdEF';

export interface PublishRepo {
  dir: string;
  /** The clone greenlight publishes from. */
  root: string;
  /** The bare repository that is the clone's origin. */
  remote: string;
  /** `main` at the start. */
  base: string;
  git(...args: string[]): string;
  remoteGit(...args: string[]): string;
  write(path: string, content: string | Uint8Array): void;
  /** `git diff --binary` of the working tree against `base`, then the working tree is reset to `base`. */
  takeDiff(base?: string): Promise<string>;
  /** Like takeDiff, as the JobResult of a run that left the working tree so. */
  takeJob(options?: JobOptions, base?: string): Promise<JobResult>;
  /** Where origin's branch points, or null. */
  remoteBranch(branch: string): string | null;
  cleanup(): void;
}

const ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

export function runGitSync(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', env: ENV });
}

export function publishRepo(files: Record<string, string | Uint8Array> = {}): PublishRepo {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-publish-test-'));
  const root = join(dir, 'work');
  const remote = join(dir, 'origin.git');
  runGitSync(dir, 'init', '-q', '--bare', '-b', 'main', remote);
  runGitSync(dir, 'init', '-q', '-b', 'main', root);
  const git = (...args: string[]) => runGitSync(root, ...args);
  const write = (path: string, content: string | Uint8Array) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  git('config', 'commit.gpgsign', 'false');
  for (const [path, content] of Object.entries({
    'README.md': '# shop\n',
    'src/add.js': 'export const add = (a, b) => a + b;\n',
    ...files,
  }))
    write(path, content);
  git('add', '--all');
  git('commit', '-q', '-m', 'initial');
  git('remote', 'add', 'origin', remote);
  git('push', '-q', 'origin', 'main');
  const base = git('rev-parse', 'HEAD').trim();
  return {
    dir,
    root,
    remote,
    base,
    git,
    write,
    remoteGit: (...args) => runGitSync(remote, ...args),
    async takeDiff(from = base) {
      const diff = await new LocalWorkspace(root).diff(from);
      git('reset', '-q', '--hard', from);
      git('clean', '-q', '-fdx');
      return diff;
    },
    async takeJob(options = {}, from = base) {
      const changes = await new LocalWorkspace(root).changes(from);
      return jobFor(await this.takeDiff(from), { changes, ...options });
    },
    remoteBranch(branch) {
      try {
        return runGitSync(remote, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`).trim();
      } catch {
        return null;
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const totals = { passed: 2, failed: 0, errored: 0, skipped: 0, total: 2 };

export interface JobOptions {
  kind?: 'succeeded' | 'gave-up';
  tier?: RiskTier;
  report?: string;
  changes?: FileChange[];
}

/** A JobResult around `diff`, as runJob would return it. */
export function jobFor(diff: string, options: JobOptions = {}): JobResult {
  const report = {
    mode: 'generate',
    model: 'claude-sonnet-4-6',
    testCommand: 'npm test',
    iterations: 1,
    maxIterations: 5,
    turns: [],
    iterationLog: [],
    usage: { inputTokens: 100, outputTokens: 50, cacheWriteTokens: 0, cacheReadTokens: 0 },
    totalTokens: 150,
    costUsd: 0.01,
    wallMs: 1,
    modelMs: 1,
    testMs: 1,
    tests: { baseline: totals, final: totals, baselineFailures: [], baselineCrashed: false },
    verification: null,
    tampering: [],
    lastFailure: null,
    stop: null,
    restoredBestFromIteration: null,
    notes: [],
  } satisfies LoopReport;
  const changes = options.changes ?? [];
  const stop: StopReason = { code: 'iteration-budget', message: 'The iteration budget (5) ran out.' };
  return {
    outcome:
      options.kind === 'gave-up'
        ? { kind: 'gave-up', diff, changes, report, reason: stop }
        : { kind: 'succeeded', diff, changes, report },
    risk: { tier: options.tier ?? 'low', files: [], overridesApplied: [] },
    reportMarkdown: options.report ?? '## greenlight: change verified\n',
    sandbox: {
      driver: 'bwrap',
      networkIsolation: true,
      limits: { timeoutMs: 1, memoryMb: 1, maxPids: 1, maxOutputBytes: 1, maxDiskMb: 1, maxFiles: 1 },
      warnings: [],
    },
    testCommandReason: 'npm test',
    costUsd: 0.01,
  };
}

/** Every file under `dirs` whose bytes contain the token or one of its encodings. */
export function filesContainingToken(dirs: readonly string[], token = TOKEN): string[] {
  const needles = secretVariants(token)
    .filter((v) => v.length >= 12)
    .map((v) => Buffer.from(v));
  const found: string[] = [];
  const walk = (path: string) => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined) return;
    if (info.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
      return;
    }
    if (!info.isFile()) return;
    const bytes = readFileSync(path);
    if (needles.some((needle) => bytes.includes(needle))) found.push(path);
  };
  for (const dir of dirs) walk(dir);
  return found;
}
