/**
 * Choose and build the sandbox for a job. `sandbox.driver: auto` takes bwrap when it
 * works here (a real probe run), else systemd-run when systemd is running and the
 * engine may use it (root or `sudo -n`), else refuses with what to install. `none` is
 * never chosen automatically; when configured it is built with a loud warning. A
 * network allowlist is refused: no driver can enforce one, and silently allowing all
 * or nothing would both be wrong.
 */
import { GreenlightError } from '../../ports/errors.ts';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { Sandbox } from '../../ports/sandbox.ts';
import { createBwrapSandbox } from './bwrap-driver.ts';
import { createNoneSandbox } from './none-driver.ts';
import { probeBwrap, probeSystemd } from './probe-drivers.ts';
import type { ProbeResult } from './probe-drivers.ts';
import { runProcess } from './run-process.ts';
import type { ProcessRunner } from './run-process.ts';
import { createSystemdRunSandbox } from './systemd-run-driver.ts';

/** What every driver factory receives. */
export interface DriverOptions {
  config: RepoConfig['sandbox'];
  workspace: string;
  parentEnv: Readonly<Record<string, string | undefined>>;
  defaultTimeoutMs?: number;
  isRoot: boolean;
  runner: ProcessRunner;
  hide?: readonly string[];
}

export interface CreateSandboxDeps {
  /** The repository checkout the commands run in. */
  workspace: string;
  /** The engine's environment (only allowlisted names reach children). Default: process.env. */
  parentEnv?: Readonly<Record<string, string | undefined>>;
  /** Time limit for runs that name none (e.g. tests.timeoutMinutes). */
  defaultTimeoutMs?: number;
  isRoot?: boolean;
  runner?: ProcessRunner;
  /** Extra host paths to hide from sandboxed code. */
  hide?: readonly string[];
  /** Injected in tests; default: the real probes. */
  probes?: { bwrap(): Promise<ProbeResult>; systemd(): Promise<ProbeResult> };
  /** Injected in tests; default: the real drivers. */
  drivers?: Partial<Record<'bwrap' | 'systemd-run' | 'none', (options: DriverOptions) => Promise<Sandbox>>>;
}

const DRIVERS = {
  bwrap: (options: DriverOptions) => createBwrapSandbox(options),
  'systemd-run': (options: DriverOptions) => createSystemdRunSandbox(options),
  none: (options: DriverOptions) => createNoneSandbox(options),
};

/**
 * Build the sandbox the config asks for, or the best one that works here.
 *
 * @throws GreenlightError('sandbox-unavailable') when the requested driver cannot work,
 *   or `auto` finds none; the message says what to install or configure.
 */
export async function createSandbox(config: RepoConfig['sandbox'], deps: CreateSandboxDeps): Promise<Sandbox> {
  if (config.networkAllowlist.length > 0) {
    throw new GreenlightError(
      'sandbox-unavailable',
      `sandbox.networkAllowlist lists ${config.networkAllowlist.join(', ')}, but no sandbox driver can enforce a host allowlist: ` +
        'network is either off (tests) or fully on (installs). Remove sandbox.networkAllowlist, and install what tests need in the workflow before greenlight runs.',
    );
  }
  const parentEnv = deps.parentEnv ?? process.env;
  const isRoot = deps.isRoot ?? process.geteuid?.() === 0;
  const runner = deps.runner ?? runProcess;
  const probes = deps.probes ?? {
    bwrap: () => probeBwrap(runner, parentEnv),
    systemd: () => probeSystemd(runner, parentEnv, isRoot),
  };
  const options: DriverOptions = {
    config,
    workspace: deps.workspace,
    parentEnv,
    defaultTimeoutMs: deps.defaultTimeoutMs,
    isRoot,
    runner,
    hide: deps.hide,
  };
  const build = (driver: keyof typeof DRIVERS): Promise<Sandbox> =>
    (deps.drivers?.[driver] ?? DRIVERS[driver])(options);

  switch (config.driver) {
    case 'none':
      return build('none');
    case 'bwrap': {
      const probe = await probes.bwrap();
      if (!probe.ok) throw unavailable(`sandbox.driver is bwrap, but ${probe.reason}.`);
      return build('bwrap');
    }
    case 'systemd-run': {
      const probe = await probes.systemd();
      if (!probe.ok) throw unavailable(`sandbox.driver is systemd-run, but ${probe.reason}.`);
      return build('systemd-run');
    }
    case 'auto': {
      const bwrap = await probes.bwrap();
      if (bwrap.ok) return build('bwrap');
      const systemd = await probes.systemd();
      if (systemd.ok) return build('systemd-run');
      throw unavailable(`no sandbox works on this machine: ${bwrap.reason}; ${systemd.reason}.`);
    }
  }
}

function unavailable(detail: string): GreenlightError {
  return new GreenlightError(
    'sandbox-unavailable',
    `${detail} greenlight runs repository and generated code only inside a sandbox: install bubblewrap (apt-get install bubblewrap), ` +
      'run on a machine where systemd is running and sudo works, or set sandbox.driver: none in .github/greenlight.yml to run WITHOUT isolation (reported as a warning).',
  );
}
