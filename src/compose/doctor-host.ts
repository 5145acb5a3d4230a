/**
 * The machine as `greenlight doctor`'s checks see it (`DoctorHost`): the same git
 * runner, sandbox probes, test detection, sandbox and test runner a run uses, so that
 * what the doctor answers is what a run would meet. Reads model keys' presence only.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { git, runGit } from '../adapters/git/run-git.ts';
import { createSandbox } from '../adapters/sandbox/create-sandbox.ts';
import { findExecutable } from '../adapters/sandbox/find-executable.ts';
import { probeBwrap, probeSystemd } from '../adapters/sandbox/probe-drivers.ts';
import { runProcess } from '../adapters/sandbox/run-process.ts';
import { createTestRunner, loadTestFacts } from '../adapters/testing/index.ts';
import { DEFAULT_CONFIG_PATH } from '../core/config/parse-config.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { CheckoutState, DoctorHost } from '../core/doctor/doctor-check.ts';
import type { TestHints } from '../core/testing/choose-test-directory.ts';
import { detectTestCommand } from '../core/testing/detect-test-command.ts';
import { isGreenlightError } from '../ports/errors.ts';
import type { AuditSink } from '../ports/audit.ts';
import { installDependencies } from './install-dependencies.ts';
import { readWorkflowFiles } from './init-repository.ts';

export interface DoctorHostOptions {
  /** The directory to check (any directory inside the checkout). */
  repo: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Paths the work concerns, to pick the package of a monorepo as a run would. */
  hints?: TestHints;
  nodeVersion?: string;
}

const NO_AUDIT: AuditSink = { write: () => {} };

/** Where a repository is; the directory itself when it is none (the checkout check says so). */
async function rootOf(repo: string): Promise<string> {
  try {
    return (await LocalWorkspace.open(repo)).root;
  } catch {
    return repo;
  }
}

/**
 * @example
 * const report = await runDoctor(await createDoctorHost({ repo: process.cwd(), env: process.env }), { surface: 'cli' });
 */
export async function createDoctorHost(options: DoctorHostOptions): Promise<DoctorHost> {
  const { env } = options;
  const root = await rootOf(options.repo);
  const isRoot = process.geteuid?.() === 0;
  const listFiles = async (): Promise<{ workspace: LocalWorkspace; files: string[] }> => {
    const workspace = await LocalWorkspace.open(root);
    return { workspace, files: await workspace.listFiles() };
  };
  const detect = async (config: RepoConfig) => {
    const { workspace, files } = await listFiles();
    const facts = await loadTestFacts({
      config,
      files,
      readFile: (path) => workspace.readFile(path),
      host: { root, env },
      ...(options.hints === undefined ? {} : { hints: options.hints }),
    });
    return { workspace, files, facts, plan: detectTestCommand(facts) };
  };
  return {
    nodeVersion: options.nodeVersion ?? process.versions.node,
    env,
    async gitVersion() {
      try {
        const result = await runGit('/', ['--version']);
        return result.exitCode === 0 ? result.stdout.trim() : null;
      } catch {
        return null;
      }
    },
    async checkout(): Promise<CheckoutState> {
      let workspace: LocalWorkspace;
      try {
        workspace = await LocalWorkspace.open(options.repo);
      } catch (error) {
        if (!isGreenlightError(error)) throw error;
        return { kind: 'not-a-checkout', why: `${options.repo} is not a git checkout` };
      }
      const branch = await workspace.currentBranch();
      const status = await git(workspace.root, ['status', '--porcelain=v1', '-z', '--untracked-files=normal']);
      const dirtyPaths = status
        .split('\0')
        .filter((entry) => entry.length > 3)
        .map((entry) => entry.slice(3));
      return { kind: 'ok', root: workspace.root, branch, clean: dirtyPaths.length === 0, dirtyPaths };
    },
    async readConfig() {
      const text = await readFile(join(root, DEFAULT_CONFIG_PATH), 'utf8').catch(() => null);
      return { path: DEFAULT_CONFIG_PATH, text };
    },
    async readWorkflows() {
      return readWorkflowFiles(await LocalWorkspace.open(root));
    },
    findProgram: (name) => findExecutable(name, env.PATH),
    async readSysctl(name) {
      const text = await readFile(`/proc/sys/${name.replace(/\./g, '/')}`, 'utf8').catch(() => null);
      return text === null ? null : text.trim();
    },
    probeSandbox: (driver) =>
      driver === 'bwrap' ? probeBwrap(runProcess, env) : probeSystemd(runProcess, env, isRoot),
    async detectTests(config) {
      return (await detect(config)).plan;
    },
    async runBaseline(config, plan) {
      const { workspace, files, facts } = await detect(config);
      const sandbox = await createSandbox(config.sandbox, {
        workspace: root,
        parentEnv: env,
        defaultTimeoutMs: config.tests.timeoutMinutes * 60_000,
      });
      try {
        await installDependencies(config.tests, sandbox, workspace, NO_AUDIT);
        const runner = await createTestRunner({
          workspaceRoot: root,
          config,
          sandbox,
          files,
          readFile: (path) => workspace.readFile(path),
          resolved: { facts, plan },
        });
        return await runner.run();
      } finally {
        await sandbox.close?.();
      }
    },
  };
}
