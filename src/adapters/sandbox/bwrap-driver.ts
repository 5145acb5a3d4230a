/**
 * The `bwrap` driver (bubblewrap): the default on Linux. Each run sees only what tools
 * need (docs/security.md §30, §32): the system trees read-only, the workspace writable with
 * `.git` read-only and its configs sanitized, tool directories from PATH read-only, and
 * empty private tmpfs mounts for HOME (at the engine's own home path), /tmp, /var/tmp,
 * /run and /dev/shm — never the rest of `/`, so the engine's home, other homes and the
 * sockets of /run and /tmp are out of sight; host sockets in what is shown get /dev/null
 * over them. New PID/IPC/UTS/network namespaces, `--new-session`, `--die-with-parent`, no
 * capabilities, no_new_privs, a cleared environment, memory/process limits from a cgroup
 * of its own or rlimits, and write limits (docs/security.md §33): a file-size rlimit, sized
 * tmpfs mounts and the engine's count of what lands in the workspace. When the run ends,
 * its PID namespace ends with it: nothing it started survives.
 *
 * Who the command runs as: an engine that is not root gets a user namespace that maps the
 * sandbox to its own unprivileged uid. An engine that is root must not do that (the
 * sandbox would be root outside): bwrap then runs without a user namespace and `setpriv`
 * makes the command a real unprivileged user of its own, which is handed the workspace
 * for as long as the sandbox exists (`handOverWorkspace`), and the report says so.
 *
 * What does not change between the runs of one sandbox is prepared once: the layout of
 * the host, the hidden paths, the kept tool directories, the sanitized git configs
 * (rewritten when a config changes) and the cgroups (a pool: a run holds its group alone,
 * emptied and with its limits written). Per run remain the checks that depend on the run:
 * its working directory, its environment and limits, the git layout, the host sockets.
 */
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { addSandboxUser, type SandboxUser } from '../../core/sandbox/add-sandbox-user.ts';
import {
  buildBwrapArgv,
  SANDBOX_GID,
  SANDBOX_UID,
  type BwrapPlan,
  type SandboxIdentity,
} from '../../core/sandbox/build-bwrap-argv.ts';
import { buildLaunchPrefix } from '../../core/sandbox/build-launch-prefix.ts';
import { buildRlimitPrefix } from '../../core/sandbox/build-rlimit-prefix.ts';
import { buildSandboxEnv } from '../../core/sandbox/build-sandbox-env.ts';
import { assertRunnable, buildSandboxInfo } from '../../core/sandbox/build-sandbox-info.ts';
import { planBwrapMounts, showsHostPath, type MountPlan } from '../../core/sandbox/plan-bwrap-mounts.ts';
import { resolveLimits } from '../../core/sandbox/resolve-limits.ts';
import { sensitivePaths } from '../../core/sandbox/sensitive-paths.ts';
import { toolchainDirsToKeep, toolDirsToKeep } from '../../core/sandbox/tool-dirs-to-keep.ts';
import { gitSystemConfig, SANDBOX_GIT_CONFIG, trustWorkspaceGit } from '../../core/sandbox/trust-workspace-git.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { LimitMechanism, Sandbox, SandboxInfo, SandboxResult, SandboxRunOptions } from '../../ports/sandbox.ts';
import { createCgroupPool, probeCgroupSupport } from './cgroup-limits.ts';
import type { CgroupSupport, LeasedCgroup } from './cgroup-limits.ts';
import { createScratch } from './create-scratch.ts';
import { findExecutable } from './find-executable.ts';
import { createSocketFinder } from './find-host-sockets.ts';
import { findHiddenPaths } from './find-hidden-paths.ts';
import { findSystemEntries } from './find-system-entries.ts';
import { handOverWorkspace, type WorkspaceHandover } from './hand-over-workspace.ts';
import { prepareGitMounts, type GitConfigCopies } from './prepare-git-mounts.ts';
import { probeBwrapFeatures, type BwrapFeatures } from './probe-bwrap-features.ts';
import { resolveRunCwd } from './resolve-run-cwd.ts';
import { runProcess } from './run-process.ts';
import type { ProcessRunner } from './run-process.ts';
import { FALLBACK_SANDBOX_HOME, sandboxHome } from './sandbox-home.ts';
import { toSandboxResult } from './to-sandbox-result.ts';
import { watchWrites } from './watch-writes.ts';

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
  /** setpriv binary, to run commands as an unprivileged user when the engine is root. Default: looked up on PATH. */
  setpriv?: string | null;
  /** Cgroup support; 'off' forces rlimits. Default: probed. */
  cgroups?: CgroupSupport | 'off';
  /** Whether the engine runs as root. Default: from the process. */
  isRoot?: boolean;
  /** Extra host paths to hide (e.g. an env file the engine reads). */
  hide?: readonly string[];
  /** What this bwrap supports. Default: probed. */
  features?: BwrapFeatures;
  /** Where the kernel lists unix sockets. Default: /proc/net/unix. */
  procNetUnix?: string;
  runner?: ProcessRunner;
  scratchParent?: string;
}

/** Processes bwrap itself adds to the sandbox's cgroup (the launcher execs bwrap; bwrap's init). */
const BWRAP_PROCESSES = 2;

const MB = 1024 * 1024;

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
  const features = options.features ?? (await probeBwrapFeatures(bwrap, runner));

  const layout = findSystemEntries();
  const base: MountPlan = {
    workspace,
    home: FALLBACK_SANDBOX_HOME,
    system: layout.system,
    privateDirs: layout.privateDirs,
    hide: [],
    keep: [],
    readOnly: [],
    overlays: [],
    sockets: [],
    identity: { kind: 'userns', uid: SANDBOX_UID, gid: SANDBOX_GID },
  };
  const home = homeFor(parentEnv.HOME, base);

  let user: SandboxUser | null = null;
  let identity: SandboxIdentity = base.identity;
  if (isRoot) {
    const setpriv = options.setpriv === undefined ? await findExecutable('setpriv', parentEnv.PATH) : options.setpriv;
    if (setpriv === null) {
      throw new GreenlightError(
        'sandbox-unavailable',
        'greenlight runs as root, and the bwrap sandbox then runs commands as an unprivileged user through setpriv, which was not found: ' +
          'install util-linux (apt-get install util-linux), or run greenlight as an unprivileged user.',
      );
    }
    assertReachable(workspace, planBwrapMounts({ ...base, home }));
    user = addSandboxUser(readOptional('/etc/passwd'), readOptional('/etc/group'), home);
    identity = { kind: 'setpriv', setpriv, uid: user.uid, gid: user.gid };
  }

  const memory: LimitMechanism = cgroups.memory !== null ? 'cgroup' : 'rlimit';
  // RLIMIT_NPROC binds any user but root, and the command never runs as root.
  // (A watchdog polling /proc was tried and dropped: a fork bomb outruns it and exhausts the host's pids.)
  const pids: LimitMechanism = cgroups.pids !== null ? 'cgroup' : prlimit !== null ? 'rlimit' : 'none';

  const engineNode = realPathList(process.execPath);
  const candidates = await findHiddenPaths(
    sensitivePaths({ home: parentEnv.HOME, env: parentEnv, execPath: engineNode, isRoot, extra: options.hide }),
  );
  const plain = planBwrapMounts({ ...base, home });
  const context = { home, hide: candidates, shown: (path: string) => showsHostPath(plain, path), engineNode };
  const keep = [
    ...dnsConfigDirs(),
    ...toolDirsToKeep(realPathList(parentEnv.PATH ?? ''), context),
    ...toolchainDirsToKeep(
      options.config.env.map((name) => realPathList(parentEnv[name] ?? '')),
      context,
    ),
  ];
  const kept = planBwrapMounts({ ...base, home, keep });
  // Only what the sandbox would show needs hiding (a mount over anything else only costs time).
  const hide = candidates.filter((hidden) => showsHostPath(kept, hidden.path));

  const scratch = await createScratch(options.scratchParent);
  const identityFiles: Array<{ source: string; target: string }> = [];
  let handover: WorkspaceHandover | null = null;
  try {
    if (user !== null) {
      for (const [name, text, target] of [
        ['passwd', user.passwd, '/etc/passwd'],
        ['group', user.group, '/etc/group'],
        ['gitconfig', gitSystemConfig(readOptional('/etc/gitconfig'), workspace), SANDBOX_GIT_CONFIG],
      ] as const) {
        const source = join(scratch.root, name);
        writeFileSync(source, text, { mode: 0o644 });
        identityFiles.push({ source, target });
      }
      handover = handOverWorkspace(workspace, user, [join(workspace, '.git')]);
    }
  } catch (error) {
    await scratch.dispose();
    throw error;
  }
  const cgroupPool = memory === 'cgroup' || pids === 'cgroup' ? createCgroupPool(cgroups) : null;
  const gitConfigCopies: GitConfigCopies = new Map();
  const findSockets = createSocketFinder(options.procNetUnix);
  let closed = false;

  const baseEnv = buildSandboxEnv({ parentEnv, home, tmpdir: '/tmp', configured: options.config.env });
  const warnings = [...baseEnv.warnings];
  if (pids === 'none') {
    warnings.push('the process limit is NOT enforced: no writable cgroup and no prlimit (install util-linux).');
  }
  if (!features.tmpfsSize) {
    warnings.push(
      `this bubblewrap cannot size a tmpfs (bubblewrap 0.7 or later can): what commands write to /tmp and HOME is bounded by the memory limit, not by sandbox.maxDiskMb.`,
    );
  }

  const info: SandboxInfo = buildSandboxInfo({
    driver: 'bwrap',
    networkIsolation: true,
    config: options.config,
    defaultTimeoutMs: options.defaultTimeoutMs,
    enforcement: {
      memory,
      pids,
      disk: features.tmpfsSize ? 'watched, file-size rlimit, sized tmpfs' : 'watched, file-size rlimit',
    },
    ...(user === null
      ? {}
      : {
          identity:
            `greenlight runs as root, so sandboxed commands run as the unprivileged user ${user.name} (uid ${user.uid}), not as root: ` +
            'files only root may read stay unreadable to them. The workspace belongs to that user while greenlight runs and is given back afterwards.',
        }),
    warnings,
  });

  return {
    info,
    async run(command: readonly string[], runOptions: SandboxRunOptions): Promise<SandboxResult> {
      assertRunnable(closed, command);
      const limits = resolveLimits(info.limits, runOptions);
      const env = buildSandboxEnv({
        parentEnv,
        home,
        tmpdir: '/tmp',
        configured: options.config.env,
        explicit: runOptions.env,
      });
      // The workspace's top directory and .git stay the engine's: git inside must trust them.
      if (user !== null) trustWorkspaceGit(env.env);
      const memoryBytes = limits.memoryMb * MB;
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
        handover?.prepare();
        const inner =
          pids === 'rlimit' && prlimit !== null
            ? [...buildRlimitPrefix(prlimit, limits.maxPids), ...command]
            : [...command];
        const plan: BwrapPlan = {
          ...base,
          bwrap,
          cwd,
          home,
          network: runOptions.network === true,
          env: env.env,
          hide,
          keep,
          readOnly: git.readOnly,
          overlays: [...git.overlays, ...identityFiles],
          sockets: [],
          ...(features.tmpfsSize ? { tmpfsBytes: limits.maxDiskMb * MB } : {}),
          identity,
          command: inner,
        };
        const shown = planBwrapMounts(plan);
        const argv = buildBwrapArgv({ ...plan, sockets: findSockets((path) => showsHostPath(shown, path)) });
        const launch = buildLaunchPrefix({
          enterFiles: cgroup?.enterFiles ?? [],
          dataBytes: memory === 'rlimit' ? memoryBytes : undefined,
          fileBytes: limits.maxDiskMb * MB,
        });
        const stop = new AbortController();
        const writes = watchWrites({
          dirs: [workspace],
          skip: [join(workspace, '.git')],
          maxBytes: limits.maxDiskMb * MB,
          maxFiles: limits.maxFiles,
          onExceeded: () => stop.abort(),
        });
        let verdict = null;
        let result;
        try {
          result = await runner([...launch, ...argv], {
            cwd,
            // bwrap's own environment is visible in the sandbox as /proc/1/environ: give it only the sandbox's.
            env: env.env,
            stdin: runOptions.stdin,
            timeoutMs: limits.timeoutMs,
            maxOutputBytes: limits.maxOutputBytes,
            outputKillBytes: limits.outputKillBytes,
            onKill: cgroup === null ? undefined : () => cgroup?.kill(),
            signal: stop.signal,
          });
        } finally {
          verdict = writes.stop();
        }
        // The counters only tell why a run failed; one that exited 0 on its own needs none.
        const failed = result.exitCode !== 0 || result.timedOut || result.outputExceeded;
        const stats = cgroup === null || !failed ? { oomKills: 0, pidsRefused: 0 } : await cgroup.stats();
        const out = toSandboxResult(command, result, {
          oomKilled: stats.oomKills > 0,
          pidsLimited: stats.pidsRefused > 0,
          heuristics: { memory: memory === 'rlimit', pids: pids === 'rlimit' },
          limits,
          writes: verdict,
        });
        const runWarnings = env.warnings.filter((warning) => !baseEnv.warnings.includes(warning));
        return runWarnings.length > 0 ? { ...out, warnings: runWarnings } : out;
      } finally {
        await cgroup?.release();
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await cgroupPool?.close();
      try {
        handover?.restore();
      } finally {
        await scratch.dispose();
      }
    },
  };
}

/**
 * HOME inside: the engine's home path, so nothing of it shows. A home that does not exist
 * inside a tree the sandbox shows read-only cannot get a tmpfs (nowhere to mount it):
 * such an engine gets the fallback path, like one without a HOME.
 */
function homeFor(engineHome: string | undefined, base: MountPlan): string {
  const home = sandboxHome(engineHome);
  if (existsSync(home)) return home;
  return showsHostPath(planBwrapMounts(base), dirname(home)) ? FALLBACK_SANDBOX_HOME : home;
}

/**
 * A root engine's sandbox user enters the workspace through the host's own directories
 * where the sandbox shows them (under /var, /opt, …): each must let others through.
 * (Directories bwrap makes on the way are opened by the mount plan.)
 */
function assertReachable(workspace: string, ops: ReturnType<typeof planBwrapMounts>): void {
  const parts = workspace.split('/').filter((part) => part !== '');
  for (let index = 1; index < parts.length; index += 1) {
    const dir = `/${parts.slice(0, index).join('/')}`;
    if (!showsHostPath(ops, dir)) continue;
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      throw new GreenlightError(
        'sandbox-unavailable',
        `greenlight runs as root, so sandboxed commands run as an unprivileged user, who cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}) on the way to the workspace ${workspace}. ` +
          `Let others through it (chmod o+x ${dir}), move the checkout, or run greenlight as an unprivileged user.`,
      );
    }
  }
}

/** The real paths of a colon-separated list; entries that do not exist are dropped. */
function realPathList(list: string): string {
  return list
    .split(':')
    .filter((entry) => entry.startsWith('/'))
    .map((entry) => {
      try {
        return realpathSync(entry);
      } catch {
        return '';
      }
    })
    .filter((entry) => entry !== '')
    .join(':');
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** /etc/resolv.conf often links into /run (systemd-resolved, resolvconf), which the sandbox replaces. */
function dnsConfigDirs(): string[] {
  try {
    const real = realpathSync('/etc/resolv.conf');
    return real.startsWith('/run/') ? [dirname(real)] : [];
  } catch {
    return [];
  }
}
