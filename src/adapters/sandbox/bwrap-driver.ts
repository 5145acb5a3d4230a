/**
 * The `bwrap` driver (bubblewrap): the default on Linux wherever unprivileged user
 * namespaces work. Each run gets a read-only view of the host with secrets hidden, a
 * writable workspace whose `.git` is read-only and whose git configs are sanitized,
 * private /tmp, /run and HOME, new PID/IPC/UTS/network/user namespaces (uid 65534,
 * no capabilities, no_new_privs), `--new-session` and `--die-with-parent`, a cleared
 * environment, and memory/process limits from a cgroup of its own or rlimits. When the
 * run ends, its PID namespace ends with it: nothing it started survives.
 *
 * What does not change between the runs of one sandbox is prepared once: the hidden
 * paths, the scratch HOME, the sanitized git configs (rewritten when a config changes)
 * and the cgroups (a pool: a run holds its group alone, emptied and with its limits
 * written; creating and removing groups per run cost more than a short command). Per
 * run remain the checks that depend on the run: its working directory, its
 * environment and limits, and the git layout.
 */
import { realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toolDirsToKeep } from '../../core/sandbox/tool-dirs-to-keep.ts';
import { buildBwrapArgv, SANDBOX_GID, SANDBOX_UID } from '../../core/sandbox/build-bwrap-argv.ts';
import { buildLaunchPrefix } from '../../core/sandbox/build-launch-prefix.ts';
import { buildRlimitPrefix } from '../../core/sandbox/build-rlimit-prefix.ts';
import { buildSandboxEnv } from '../../core/sandbox/build-sandbox-env.ts';
import { assertRunnable, buildSandboxInfo } from '../../core/sandbox/build-sandbox-info.ts';
import { resolveLimits } from '../../core/sandbox/resolve-limits.ts';
import { sensitivePaths } from '../../core/sandbox/sensitive-paths.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { LimitMechanism, Sandbox, SandboxInfo, SandboxResult, SandboxRunOptions } from '../../ports/sandbox.ts';
import { createCgroupPool, probeCgroupSupport } from './cgroup-limits.ts';
import type { CgroupSupport, LeasedCgroup } from './cgroup-limits.ts';
import { createScratch } from './create-scratch.ts';
import { findExecutable } from './find-executable.ts';
import { findHiddenPaths } from './find-hidden-paths.ts';
import { prepareGitMounts, type GitConfigCopies } from './prepare-git-mounts.ts';
import { resolveRunCwd } from './resolve-run-cwd.ts';
import { runProcess } from './run-process.ts';
import type { ProcessRunner } from './run-process.ts';
import { toSandboxResult } from './to-sandbox-result.ts';

export interface BwrapSandboxOptions {
  config: RepoConfig['sandbox'];
  /** The repository checkout: the only writable place besides the sandbox's own HOME and /tmp. */
  workspace: string;
  /** The engine's environment; only allowlisted names are read. Default: process.env. */
  parentEnv?: Readonly<Record<string, string | undefined>>;
  defaultTimeoutMs?: number;
  /** bwrap binary. Default: looked up on PATH. */
  bwrap?: string;
  /** prlimit binary for RLIMIT_NPROC; null = unavailable. Default: looked up on PATH. */
  prlimit?: string | null;
  /** Cgroup support; 'off' forces rlimits. Default: probed. */
  cgroups?: CgroupSupport | 'off';
  /** Whether the engine runs as root. Default: from the process. */
  isRoot?: boolean;
  /** Extra host paths to hide (e.g. an env file the engine reads). */
  hide?: readonly string[];
  runner?: ProcessRunner;
  scratchParent?: string;
}

/** Processes bwrap itself adds to the sandbox's cgroup (the launcher execs bwrap; bwrap's init). */
const BWRAP_PROCESSES = 2;

export const ROOT_WARNING =
  'greenlight runs as root: the sandbox user is mapped to root outside the sandbox, so files only root may read stay readable ' +
  "unless hidden (greenlight hides /root, /etc/shadow, sudoers, ssh host keys and the runner's credentials). Run greenlight as an unprivileged user to close this.";

/** Create the bwrap driver (does not probe that bwrap works: createSandbox does). */
export async function createBwrapSandbox(options: BwrapSandboxOptions): Promise<Sandbox> {
  const parentEnv = options.parentEnv ?? process.env;
  const workspace = await realpath(options.workspace);
  const bwrap = options.bwrap ?? (await findExecutable('bwrap', parentEnv.PATH));
  if (bwrap === null) {
    throw new GreenlightError(
      'sandbox-unavailable',
      'bwrap was not found: install bubblewrap (apt-get install bubblewrap) or choose another sandbox.driver.',
    );
  }
  const prlimit = options.prlimit === undefined ? await findExecutable('prlimit', parentEnv.PATH) : options.prlimit;
  const isRoot = options.isRoot ?? process.geteuid?.() === 0;
  const cgroups: CgroupSupport =
    options.cgroups === 'off' ? { pids: null, memory: null } : (options.cgroups ?? (await probeCgroupSupport()));
  const runner = options.runner ?? runProcess;

  const memory: LimitMechanism = cgroups.memory !== null ? 'cgroup' : 'rlimit';
  // RLIMIT_NPROC does not bind root (the kernel exempts uid 0): root needs a cgroup for the process limit.
  // (A watchdog polling /proc was tried and dropped: a fork bomb outruns it and exhausts the host's pids.)
  const pids: LimitMechanism = cgroups.pids !== null ? 'cgroup' : !isRoot && prlimit !== null ? 'rlimit' : 'none';

  const hide = await findHiddenPaths(
    sensitivePaths({
      home: parentEnv.HOME,
      env: parentEnv,
      execPath: process.execPath,
      isRoot,
      extra: options.hide,
    }),
  );
  const keep = [...(await dnsConfigDirs()), ...toolDirsToKeep(parentEnv.PATH ?? '', hide)];
  const scratch = await createScratch(options.scratchParent);
  const cgroupPool = memory === 'cgroup' || pids === 'cgroup' ? createCgroupPool(cgroups) : null;
  const gitConfigCopies: GitConfigCopies = new Map();
  let closed = false;

  const baseEnv = buildSandboxEnv({ parentEnv, home: scratch.home, tmpdir: '/tmp', configured: options.config.env });
  const warnings = [...baseEnv.warnings];
  if (isRoot) warnings.push(ROOT_WARNING);
  if (pids === 'none') {
    warnings.push(
      isRoot
        ? 'the process limit is NOT enforced: greenlight runs as root (RLIMIT_NPROC does not bind root) and no cgroup is writable. Run greenlight as an unprivileged user, or give it a writable cgroup.'
        : 'the process limit is NOT enforced: no writable cgroup and no prlimit (install util-linux).',
    );
  }

  const info: SandboxInfo = buildSandboxInfo({
    driver: 'bwrap',
    networkIsolation: true,
    config: options.config,
    defaultTimeoutMs: options.defaultTimeoutMs,
    enforcement: { memory, pids },
    warnings: warnings,
  });

  return {
    info,
    async run(command: readonly string[], runOptions: SandboxRunOptions): Promise<SandboxResult> {
      assertRunnable(closed, command);
      const limits = resolveLimits(info.limits, runOptions);
      const env = buildSandboxEnv({
        parentEnv,
        home: scratch.home,
        tmpdir: '/tmp',
        configured: options.config.env,
        explicit: runOptions.env,
      });
      const memoryBytes = limits.memoryMb * 1024 * 1024;
      // Independent preparations, in parallel: they are most of the engine's per-run cost.
      const [cwdResult, gitResult, cgroupResult] = await Promise.allSettled([
        resolveRunCwd(workspace, runOptions.cwd),
        prepareGitMounts(workspace, scratch.gitConfigs, gitConfigCopies),
        cgroupPool === null
          ? Promise.resolve<LeasedCgroup | null>(null)
          : cgroupPool.acquire({
              maxPids: pids === 'cgroup' ? limits.maxPids + BWRAP_PROCESSES : undefined,
              memoryBytes: memory === 'cgroup' ? memoryBytes : undefined,
            }),
      ]);
      const cgroup = cgroupResult.status === 'fulfilled' ? cgroupResult.value : null;
      if (cwdResult.status === 'rejected' || gitResult.status === 'rejected' || cgroupResult.status === 'rejected') {
        await cgroup?.release();
        throw [cwdResult, gitResult, cgroupResult].find((settled) => settled.status === 'rejected')?.reason;
      }
      const cwd = cwdResult.value;
      const git = gitResult.value;
      try {
        const inner =
          pids === 'rlimit' && prlimit !== null
            ? [...buildRlimitPrefix(prlimit, limits.maxPids), ...command]
            : [...command];
        const argv = buildBwrapArgv({
          bwrap,
          workspace,
          cwd,
          home: scratch.home,
          network: runOptions.network === true,
          env: env.env,
          hide,
          keep,
          readOnly: git.readOnly,
          overlays: git.overlays,
          uid: SANDBOX_UID,
          gid: SANDBOX_GID,
          command: inner,
        });
        const launch = buildLaunchPrefix({
          enterFiles: cgroup?.enterFiles ?? [],
          dataBytes: memory === 'rlimit' ? memoryBytes : undefined,
        });
        const result = await runner([...launch, ...argv], {
          cwd,
          // bwrap's own environment is visible in the sandbox as /proc/1/environ: give it only the sandbox's.
          env: env.env,
          stdin: runOptions.stdin,
          timeoutMs: limits.timeoutMs,
          maxOutputBytes: limits.maxOutputBytes,
          outputKillBytes: limits.outputKillBytes,
          onKill: cgroup === null ? undefined : () => cgroup?.kill(),
        });
        // The counters only tell why a run failed; one that exited 0 on its own needs none.
        const failed = result.exitCode !== 0 || result.timedOut || result.outputExceeded;
        const stats = cgroup === null || !failed ? { oomKills: 0, pidsRefused: 0 } : await cgroup.stats();
        const out = toSandboxResult(command, result, {
          oomKilled: stats.oomKills > 0,
          pidsLimited: stats.pidsRefused > 0,
          heuristics: { memory: memory === 'rlimit', pids: pids === 'rlimit' },
        });
        const runWarnings = env.warnings.filter((warning) => !baseEnv.warnings.includes(warning));
        return runWarnings.length > 0 ? { ...out, warnings: runWarnings } : out;
      } finally {
        await cgroup?.release();
      }
    },
    async close(): Promise<void> {
      closed = true;
      await cgroupPool?.close();
      await scratch.dispose();
    },
  };
}

/** /etc/resolv.conf often links into /run (systemd-resolved, resolvconf), which the sandbox replaces. */
async function dnsConfigDirs(): Promise<string[]> {
  const real = await realpath('/etc/resolv.conf').catch(() => null);
  return real !== null && real.startsWith('/run/') ? [dirname(real)] : [];
}
