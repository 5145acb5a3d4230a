/**
 * The `none` driver: no isolation at all, only the environment allowlist, a process-
 * group kill, the time and output limits, a memory rlimit, and the write limits (a
 * file-size rlimit and the engine's count of what lands in the workspace, HOME and
 * TMPDIR). Chosen only when the config says `sandbox.driver: none`, and reported with a
 * loud warning everywhere that says what it cannot do. A child that leaves its process
 * group (setsid) can outlive the run here; only the bwrap and systemd-run drivers
 * contain that.
 */
import { mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { buildLaunchPrefix } from '../../core/sandbox/build-launch-prefix.ts';
import { buildSandboxEnv } from '../../core/sandbox/build-sandbox-env.ts';
import { assertRunnable, buildSandboxInfo } from '../../core/sandbox/build-sandbox-info.ts';
import { resolveLimits } from '../../core/sandbox/resolve-limits.ts';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { Sandbox, SandboxInfo, SandboxResult, SandboxRunOptions } from '../../ports/sandbox.ts';
import { createScratch } from './create-scratch.ts';
import { resolveRunCwd } from './resolve-run-cwd.ts';
import { runProcess } from './run-process.ts';
import type { ProcessRunner } from './run-process.ts';
import { toSandboxResult } from './to-sandbox-result.ts';
import { watchWrites } from './watch-writes.ts';

export interface NoneSandboxOptions {
  config: RepoConfig['sandbox'];
  /** The repository checkout; every run's cwd must be inside it. */
  workspace: string;
  /** The engine's environment; only allowlisted names are read. Default: process.env. */
  parentEnv?: Readonly<Record<string, string | undefined>>;
  /** Time limit when a run names none. Default 15 minutes. */
  defaultTimeoutMs?: number;
  runner?: ProcessRunner;
  /** Where the scratch directory (HOME, TMPDIR) is created. Default: the system temp dir. */
  scratchParent?: string;
}

export const NONE_DRIVER_WARNING =
  'sandbox.driver is "none": repository and generated code run WITHOUT isolation. They run as the engine\'s own user (root, when greenlight is root), ' +
  'can read every file the engine can (its whole home directory included), connect to any unix socket, use the network, see other processes and outlive the run by daemonizing. ' +
  'Only the environment allowlist, the process-group kill, the time, output and memory limits and the write limits apply. ' +
  'Install bubblewrap (apt-get install bubblewrap) or use a runner with systemd.';

/** Create the `none` driver. */
export async function createNoneSandbox(options: NoneSandboxOptions): Promise<Sandbox> {
  const parentEnv = options.parentEnv ?? process.env;
  const workspace = await realpath(options.workspace);
  const runner = options.runner ?? runProcess;
  const scratch = await createScratch(options.scratchParent);
  const tmp = join(scratch.root, 'tmp');
  await mkdir(tmp, { mode: 0o700 });
  let closed = false;

  const baseEnv = buildSandboxEnv({ parentEnv, home: scratch.home, tmpdir: tmp, configured: options.config.env });
  const warnings = [NONE_DRIVER_WARNING, ...baseEnv.warnings];

  const info: SandboxInfo = buildSandboxInfo({
    driver: 'none',
    networkIsolation: false,
    config: options.config,
    defaultTimeoutMs: options.defaultTimeoutMs,
    enforcement: { memory: 'rlimit', pids: 'none', disk: 'watched, file-size rlimit' },
    warnings: warnings,
  });

  return {
    info,
    async run(command: readonly string[], runOptions: SandboxRunOptions): Promise<SandboxResult> {
      assertRunnable(closed, command);
      const limits = resolveLimits(info.limits, runOptions);
      const cwd = await resolveRunCwd(workspace, runOptions.cwd);
      let verdict = null;
      const env = buildSandboxEnv({
        parentEnv,
        home: scratch.home,
        tmpdir: tmp,
        configured: options.config.env,
        explicit: runOptions.env,
      });
      const launch = buildLaunchPrefix({
        enterFiles: [],
        dataBytes: limits.memoryMb * 1024 * 1024,
        fileBytes: limits.maxDiskMb * 1024 * 1024,
      });
      const stop = new AbortController();
      const writes = watchWrites({
        dirs: [workspace, scratch.home, tmp],
        skip: [join(workspace, '.git')],
        maxBytes: limits.maxDiskMb * 1024 * 1024,
        maxFiles: limits.maxFiles,
        onExceeded: () => stop.abort(),
      });
      let result;
      try {
        result = await runner([...launch, ...command], {
          cwd,
          env: env.env,
          stdin: runOptions.stdin,
          timeoutMs: limits.timeoutMs,
          maxOutputBytes: limits.maxOutputBytes,
          outputKillBytes: limits.outputKillBytes,
          signal: stop.signal,
        });
      } finally {
        verdict = writes.stop();
      }
      const out = toSandboxResult(command, result, {
        heuristics: { memory: true, pids: false },
        limits,
        writes: verdict,
      });
      const runWarnings = env.warnings.filter((warning) => !baseEnv.warnings.includes(warning));
      return runWarnings.length > 0 ? { ...out, warnings: runWarnings } : out;
    },
    async close(): Promise<void> {
      closed = true;
      await scratch.dispose();
    },
  };
}
