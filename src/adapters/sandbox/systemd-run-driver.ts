/**
 * The `systemd-run` driver, for machines where systemd is PID 1 and the engine may use
 * sudo (GitHub-hosted runners). Each run is a transient service under a dedicated
 * system user (`greenlight-sandbox`, created on first use) with the properties built by
 * `buildSystemdRunArgv`. The workspace (not `.git`) is handed to that user for the run
 * and handed back to the engine afterwards, so tests can write there, and what they
 * create belongs to the engine again when the engine looks at the result.
 * Every process goes through an injected runner, so the whole driver is unit-tested
 * with a fake here; `.github/workflows/sandbox-hosted.yml` runs it for real.
 */
import { chmod, realpath } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { buildSandboxEnv } from '../../core/sandbox/build-sandbox-env.ts';
import { buildSystemdRunArgv, stateDirectoryPath, unitPath } from '../../core/sandbox/build-systemd-run-argv.ts';
import { parseSystemdRunTrailer } from '../../core/sandbox/parse-systemd-run-trailer.ts';
import { assertRunnable, buildSandboxInfo } from '../../core/sandbox/build-sandbox-info.ts';
import { resolveLimits } from '../../core/sandbox/resolve-limits.ts';
import { sensitivePaths } from '../../core/sandbox/sensitive-paths.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { Sandbox, SandboxInfo, SandboxResult, SandboxRunOptions } from '../../ports/sandbox.ts';
import { createScratch } from './create-scratch.ts';
import { findHiddenPaths } from './find-hidden-paths.ts';
import { prepareGitMounts } from './prepare-git-mounts.ts';
import { resolveRunCwd } from './resolve-run-cwd.ts';
import { runProcess } from './run-process.ts';
import type { ProcessRunner, ProcessResult } from './run-process.ts';
import { toSandboxResult } from './to-sandbox-result.ts';

export interface SystemdRunSandboxOptions {
  config: RepoConfig['sandbox'];
  workspace: string;
  parentEnv?: Readonly<Record<string, string | undefined>>;
  defaultTimeoutMs?: number;
  /** Whether the engine runs as root (no sudo needed). Default: from the process. */
  isRoot?: boolean;
  /** Binaries; defaults are the usual absolute paths. */
  systemdRun?: string;
  systemctl?: string;
  sudo?: string;
  /** The engine's uid:gid, to hand the workspace back after a run. Default: from the process. */
  owner?: string;
  hide?: readonly string[];
  runner?: ProcessRunner;
  scratchParent?: string;
  /** Unit name suffixes; injected by tests for stable argv. */
  unitId?: () => string;
}

/** Name of the sandbox user and group, and of its StateDirectory (its HOME, kept across runs). */
export const SANDBOX_USER = 'greenlight-sandbox';

/** Extra time the engine grants beyond RuntimeMaxSec before it stops the unit itself. */
const OUTER_GRACE_MS = 5_000;

const HELPER = { timeoutMs: 120_000, maxOutputBytes: 20_000, outputKillBytes: 1_000_000 };

/** Create the systemd-run driver (the probe in createSandbox checks that systemd and sudo work). */
export async function createSystemdRunSandbox(options: SystemdRunSandboxOptions): Promise<Sandbox> {
  const parentEnv = options.parentEnv ?? process.env;
  const workspace = await realpath(options.workspace);
  unitPath(workspace); // refuse an unmountable workspace now, not at the first run
  const runner = options.runner ?? runProcess;
  const isRoot = options.isRoot ?? process.geteuid?.() === 0;
  const sudo = isRoot ? undefined : (options.sudo ?? '/usr/bin/sudo');
  const systemdRun = options.systemdRun ?? '/usr/bin/systemd-run';
  const systemctl = options.systemctl ?? '/usr/bin/systemctl';
  const unitId = options.unitId ?? (() => randomBytes(6).toString('hex'));
  const helperEnv = { PATH: parentEnv.PATH ?? '/usr/bin:/bin' };
  const owner = options.owner ?? `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`;
  // PrivateTmp covers /tmp and /var/tmp, ProtectHome=tmpfs covers /home, /root and /run/user.
  const hide = await findHiddenPaths(
    sensitivePaths({ home: parentEnv.HOME, env: parentEnv, execPath: process.execPath, isRoot, extra: options.hide }),
    ['/tmp', '/var/tmp', '/home', '/root', '/run/user'],
  );
  const scratch = await createScratch(options.scratchParent);
  // The sanitized git configs are bound into the unit and read by the sandbox user.
  await chmod(scratch.root, 0o755);
  await chmod(scratch.gitConfigs, 0o755);
  const home = stateDirectoryPath(SANDBOX_USER);
  let closed = false;

  const baseEnv = buildSandboxEnv({ parentEnv, home, tmpdir: '/tmp', configured: options.config.env });
  const info: SandboxInfo = buildSandboxInfo({
    driver: 'systemd-run',
    networkIsolation: true,
    config: options.config,
    defaultTimeoutMs: options.defaultTimeoutMs,
    enforcement: { memory: 'systemd', pids: 'systemd' },
    warnings: [...baseEnv.warnings],
  });
  const privileged = (argv: string[]): string[] => (sudo === undefined ? argv : [sudo, '-n', '--', ...argv]);
  const helper = async (argv: string[], what: string): Promise<void> => {
    const result = await runner(privileged(argv), { ...HELPER, cwd: '/', env: helperEnv });
    if (result.exitCode !== 0) {
      throw new GreenlightError(
        'sandbox-unavailable',
        `the systemd-run sandbox could not ${what}: ${result.stderr.text.trim() || `exit ${result.exitCode ?? result.signal}`}. Check that sudo works without a password, or use sandbox.driver: bwrap.`,
      );
    }
  };
  let userReady = false;
  const ensureUser = async (): Promise<void> => {
    if (userReady) return;
    const exists = await runner(['id', '-u', SANDBOX_USER], { ...HELPER, cwd: '/', env: helperEnv });
    if (exists.exitCode !== 0) {
      await helper(
        [
          'useradd',
          '--system',
          '--user-group',
          '--no-create-home',
          '--home-dir',
          home,
          '--shell',
          '/usr/sbin/nologin',
          SANDBOX_USER,
        ],
        `create the ${SANDBOX_USER} user`,
      );
    }
    userReady = true;
  };
  // Everything but .git (which stays the engine's, read-only inside) changes hands for the run.
  const handOver = (to: string): string[] => [
    'find',
    workspace,
    '-path',
    `${workspace}/.git`,
    '-prune',
    '-o',
    '-exec',
    'chown',
    '--no-dereference',
    to,
    '{}',
    '+',
  ];

  return {
    info,
    async run(command: readonly string[], runOptions: SandboxRunOptions): Promise<SandboxResult> {
      assertRunnable(closed, command);
      const limits = resolveLimits(info.limits, runOptions);
      const cwd = await resolveRunCwd(workspace, runOptions.cwd);
      const env = buildSandboxEnv({
        parentEnv,
        home,
        tmpdir: '/tmp',
        configured: options.config.env,
        explicit: runOptions.env,
      });
      trustGitDir(env.env, workspace);
      const git = await prepareGitMounts(workspace, scratch.gitConfigs);
      for (const overlay of git.overlays) await chmod(overlay.source, 0o644);
      await ensureUser();
      await helper(handOver(`${SANDBOX_USER}:${SANDBOX_USER}`), 'hand the workspace to the sandbox user');

      const unit = `greenlight-${unitId()}`;
      const argv = buildSystemdRunArgv({
        sudo,
        systemdRun,
        unit,
        user: SANDBOX_USER,
        workspace,
        cwd,
        stateDirectory: SANDBOX_USER,
        network: runOptions.network === true,
        env: env.env,
        hide,
        readOnly: git.readOnly,
        overlays: git.overlays,
        timeoutMs: limits.timeoutMs,
        memoryMb: limits.memoryMb,
        maxPids: limits.maxPids,
        command,
      });
      const stopUnit = async (): Promise<void> => {
        await runner(privileged([systemctl, 'kill', '--signal=SIGKILL', `${unit}.service`]), {
          ...HELPER,
          cwd: '/',
          env: helperEnv,
        });
      };
      let raw: ProcessResult;
      try {
        raw = await runner(argv, {
          cwd,
          env: helperEnv,
          stdin: runOptions.stdin,
          timeoutMs: limits.timeoutMs + OUTER_GRACE_MS,
          maxOutputBytes: limits.maxOutputBytes,
          outputKillBytes: limits.outputKillBytes,
          onKill: stopUnit,
        });
      } finally {
        await helper(handOver(owner), 'hand the workspace back to greenlight');
      }
      const out = toSandboxResult(command, withUnitResult(raw), {
        unitResult: parseSystemdRunTrailer(raw.stderr.text).result,
        heuristics: { memory: false, pids: true },
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

/** Strip systemd-run's own lines from stderr and take the exit status from its summary. */
function withUnitResult(raw: ProcessResult): ProcessResult {
  const trailer = parseSystemdRunTrailer(raw.stderr.text);
  const stderr = { ...raw.stderr, text: trailer.stderr };
  if (trailer.code === 'killed' || trailer.code === 'dumped') {
    const signal = trailer.status === undefined ? raw.signal : `SIG${trailer.status.replace(/^SIG/, '')}`;
    return { ...raw, stderr, exitCode: null, signal };
  }
  if (trailer.code === 'exited' && trailer.status !== undefined && /^\d+$/.test(trailer.status)) {
    return { ...raw, stderr, exitCode: Number(trailer.status) };
  }
  return { ...raw, stderr };
}

/**
 * `.git` stays the engine's while the workspace belongs to the sandbox user, and git
 * refuses a repository owned by someone else ("dubious ownership"). Trust exactly this
 * workspace, in command scope (where git honours safe.directory), unless the caller
 * already uses GIT_CONFIG_COUNT.
 */
function trustGitDir(env: Record<string, string>, workspace: string): void {
  if (env.GIT_CONFIG_COUNT !== undefined) return;
  env.GIT_CONFIG_COUNT = '1';
  env.GIT_CONFIG_KEY_0 = 'safe.directory';
  env.GIT_CONFIG_VALUE_0 = workspace;
}
