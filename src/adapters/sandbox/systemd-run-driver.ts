/**
 * The `systemd-run` driver, for machines where systemd is PID 1 and the engine may use
 * sudo (GitHub-hosted runners). Each run is a transient service under a dedicated
 * system user (`greenlight-sandbox`, created on first use) with the properties built by
 * `buildSystemdRunArgv`. The workspace (not `.git`) is handed to that user for the run
 * and handed back to the engine afterwards, so tests can write there, and what they
 * create belongs to the engine again when the engine looks at the result. What the run
 * writes there is counted by the engine (`watchWrites`), and host sockets it would see
 * are made inaccessible, as in the bwrap driver.
 * Every process goes through an injected runner, so the whole driver is unit-tested
 * with a fake here; `.github/workflows/sandbox-hosted.yml` runs it for real.
 */
import { chmod, readFile, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { buildSandboxEnv } from '../../core/sandbox/build-sandbox-env.ts';
import { buildSystemdRunArgv, stateDirectoryPath, unitPath } from '../../core/sandbox/build-systemd-run-argv.ts';
import { isWithin } from '../../core/sandbox/plan-bwrap-mounts.ts';
import { gitSystemConfig, SANDBOX_GIT_CONFIG, trustWorkspaceGit } from '../../core/sandbox/trust-workspace-git.ts';
import { parseSystemdRunTrailer } from '../../core/sandbox/parse-systemd-run-trailer.ts';
import { assertRunnable, buildSandboxInfo } from '../../core/sandbox/build-sandbox-info.ts';
import { resolveLimits } from '../../core/sandbox/resolve-limits.ts';
import { sensitivePaths } from '../../core/sandbox/sensitive-paths.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { Sandbox, SandboxInfo, SandboxResult, SandboxRunOptions } from '../../ports/sandbox.ts';
import { createScratch } from './create-scratch.ts';
import { createSocketFinder } from './find-host-sockets.ts';
import { findHiddenPaths } from './find-hidden-paths.ts';
import { prepareGitMounts } from './prepare-git-mounts.ts';
import { resolveRunCwd } from './resolve-run-cwd.ts';
import { runProcess } from './run-process.ts';
import type { ProcessRunner, ProcessResult } from './run-process.ts';
import { toSandboxResult } from './to-sandbox-result.ts';
import { sandboxHome } from './sandbox-home.ts';
import { CLOCK_SLACK_MS, watchWrites } from './watch-writes.ts';

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

/** Name of the sandbox user and group. */
export const SANDBOX_USER = 'greenlight-sandbox';

/** What a unit sees of the host's homes and temp dirs: nothing (ProtectHome=tmpfs and the private tmpfs mounts). */
const UNIT_PRIVATE = ['/home', '/root', '/run/user', '/tmp', '/var/tmp'];

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
  // The private tmpfs mounts cover /tmp and /var/tmp, ProtectHome=tmpfs covers /home, /root and /run/user.
  const hide = await findHiddenPaths(
    sensitivePaths({ home: parentEnv.HOME, env: parentEnv, execPath: process.execPath, isRoot, extra: options.hide }),
    ['/tmp', '/var/tmp', '/home', '/root', '/run/user'],
  );
  const scratch = await createScratch(options.scratchParent);
  // The sanitized git configs are bound into the unit and read by the sandbox user.
  await chmod(scratch.root, 0o755);
  await chmod(scratch.gitConfigs, 0o755);
  const trustFile = join(scratch.gitConfigs, 'system');
  await writeFile(trustFile, gitSystemConfig(await readFile('/etc/gitconfig', 'utf8').catch(() => ''), workspace), {
    mode: 0o644,
  });
  const home = sandboxHome(parentEnv.HOME);
  const findSockets = createSocketFinder();
  // What the unit shows of the host, for the sockets to hide: everything but the private places, plus the binds.
  const unitShows = (path: string): boolean =>
    isWithin(path, workspace) ||
    ![...UNIT_PRIVATE, home, ...hide.map((hidden) => hidden.path)].some((dir) => isWithin(path, dir));
  let closed = false;

  const baseEnv = buildSandboxEnv({ parentEnv, home, tmpdir: '/tmp', configured: options.config.env });
  const info: SandboxInfo = buildSandboxInfo({
    driver: 'systemd-run',
    networkIsolation: true,
    config: options.config,
    defaultTimeoutMs: options.defaultTimeoutMs,
    enforcement: { memory: 'systemd', pids: 'systemd', disk: 'watched, file-size rlimit, sized tmpfs' },
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
  let userIds: { uid: number; gid: number } | undefined;
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
          stateDirectoryPath(SANDBOX_USER),
          '--shell',
          '/usr/sbin/nologin',
          SANDBOX_USER,
        ],
        `create the ${SANDBOX_USER} user`,
      );
    }
    // Its HOME tmpfs is made its own when its ids are known; otherwise world-writable with the sticky bit.
    const [uid, gid] = await Promise.all(
      ['-u', '-g'].map(async (flag) => {
        const answer = await runner(['id', flag, SANDBOX_USER], { ...HELPER, cwd: '/', env: helperEnv });
        return answer.exitCode === 0 ? Number(answer.stdout.text.trim()) : Number.NaN;
      }),
    );
    if (Number.isInteger(uid) && Number.isInteger(gid)) userIds = { uid: uid as number, gid: gid as number };
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
      trustWorkspaceGit(env.env);
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
        home,
        ...(userIds === undefined ? {} : { homeOwner: userIds }),
        network: runOptions.network === true,
        env: env.env,
        hide,
        readOnly: git.readOnly,
        overlays: [...git.overlays, { source: trustFile, target: SANDBOX_GIT_CONFIG }],
        sockets: findSockets(unitShows),
        timeoutMs: limits.timeoutMs,
        memoryMb: limits.memoryMb,
        maxPids: limits.maxPids,
        maxDiskMb: limits.maxDiskMb,
        maxFiles: limits.maxFiles,
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
      const stop = new AbortController();
      // The hand-over just changed every entry's ctime: let the clock pass it before counting from now.
      await sleep(CLOCK_SLACK_MS);
      const writes = watchWrites({
        dirs: [workspace],
        skip: [`${workspace}/.git`],
        maxBytes: limits.maxDiskMb * 1024 * 1024,
        maxFiles: limits.maxFiles,
        onExceeded: () => stop.abort(),
      });
      let verdict;
      try {
        raw = await runner(argv, {
          cwd,
          env: helperEnv,
          stdin: runOptions.stdin,
          timeoutMs: limits.timeoutMs + OUTER_GRACE_MS,
          maxOutputBytes: limits.maxOutputBytes,
          outputKillBytes: limits.outputKillBytes,
          onKill: stopUnit,
          signal: stop.signal,
        });
      } finally {
        verdict = writes.stop();
        await helper(handOver(owner), 'hand the workspace back to greenlight');
      }
      const out = toSandboxResult(command, withUnitResult(raw), {
        unitResult: parseSystemdRunTrailer(raw.stderr.text).result,
        heuristics: { memory: false, pids: true },
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
