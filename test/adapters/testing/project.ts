/**
 * Real test projects for the runner adapters: files written into a temp directory,
 * the runner packages linked from greenlight's own node_modules (a real node_modules
 * directory, so that runner caches stay in the temp project), and a TestRunner over
 * a real sandbox.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNoneSandbox } from '../../../src/adapters/sandbox/none-driver.ts';
import { createTestRunner, type WorkspaceTestRunner } from '../../../src/adapters/testing/index.ts';
import { defaultConfig, type RepoConfig } from '../../../src/core/config/repo-config.ts';
import type { Sandbox } from '../../../src/ports/sandbox.ts';
import type { TestReport } from '../../../src/ports/test-runner.ts';

const GREENLIGHT_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

export interface Project {
  root: string;
  /** Workspace files, relative, without node_modules. */
  files(): string[];
  write(path: string, text: string): void;
  remove(): void;
}

/** Write a project; `packages` are linked from greenlight's node_modules. */
export function createProject(files: Record<string, string>, packages: readonly string[] = []): Project {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-runner-')));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  if (packages.length > 0) {
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(join(GREENLIGHT_MODULES, '.bin'), join(root, 'node_modules', '.bin'));
    for (const name of packages) symlinkSync(join(GREENLIGHT_MODULES, name), join(root, 'node_modules', name));
  }
  return {
    root,
    files: () =>
      (readdirSync(root, { recursive: true }) as string[])
        .filter((f) => !f.startsWith('node_modules') && !f.startsWith('.git/') && f !== '.git')
        .filter((f) => statSync(join(root, f)).isFile())
        .sort(),
    write,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The engine's environment for the sandbox: this Node first on PATH. */
export function parentEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, ...extra };
}

export interface RunnerFixture {
  runner: WorkspaceTestRunner;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** A TestRunner over the `none` sandbox for a project. */
export async function runnerFor(
  project: Project,
  options: { command?: string; timeoutMs?: number; env?: Record<string, string>; sandbox?: Sandbox } = {},
): Promise<RunnerFixture> {
  const config: RepoConfig = defaultConfig();
  if (options.command !== undefined) config.tests.command = options.command;
  config.sandbox.env = Object.keys(options.env ?? {});
  const sandbox =
    options.sandbox ??
    (await createNoneSandbox({ config: config.sandbox, workspace: project.root, parentEnv: parentEnv(options.env) }));
  const runner = await createTestRunner({
    workspaceRoot: project.root,
    config,
    sandbox,
    files: project.files(),
    readFile: (path) => readFile(join(project.root, path), 'utf8').catch(() => null),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return {
    runner,
    sandbox,
    close: async () => {
      await sandbox.close?.();
    },
  };
}

/** A report with what varies between runs taken out: durations, the report directory, the output. */
export function stable(report: TestReport): TestReport {
  const reportDir = /(\/tmp\/greenlight-report-\w+|\.greenlight-tmp\/\w+)/g;
  return {
    ...report,
    command: report.command.replace(reportDir, '<reports>'),
    durationMs: 0,
    tests: report.tests.map(({ durationMs: _d, ...t }) => t),
    outputTail: '<output>',
  };
}
