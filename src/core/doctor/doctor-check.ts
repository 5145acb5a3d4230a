/**
 * `greenlight doctor`: a list of checks, each asking the machine and the checkout one
 * question a run depends on and answering with lines of ✓ / ✗ and the fix. The checks
 * are pure over a `DoctorHost` (the I/O lives in src/compose/doctor-host.ts), so each
 * answer is tested with a fake host. README "greenlight doctor" shows the output.
 */
import type { ConfigIssue } from '../config/config-issue.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import type { WorkflowFile } from '../init/check-workflow-wiring.ts';
import type { TestPlan } from '../testing/test-plan.ts';
import type { TestReport } from '../../ports/test-runner.ts';

/** ✓ fine; ✗ a run would stop; ! works, but worth fixing; – not checked (a check it needs failed, or not here). */
export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skip';

export interface CheckLine {
  /** The check, as the first column shows it: `node`, `bubblewrap`, `baseline`. */
  label: string;
  status: CheckStatus;
  /** What was found, in one line. */
  detail: string;
  /** What to do about a ✗ or !, each line a step or a config line. */
  fix?: string[];
}

/** Where the checks run: `greenlight doctor` on a checkout, or the Action before the engine. */
export type DoctorSurface = 'cli' | 'action';

export type CheckoutState =
  | { kind: 'ok'; root: string; branch: string | null; clean: boolean; dirtyPaths: string[] }
  | { kind: 'not-a-checkout'; why: string };

export type ProbeAnswer = { ok: true } | { ok: false; reason: string };

/** Everything the checks ask of the machine; implemented in src/compose/doctor-host.ts. */
export interface DoctorHost {
  /** `process.versions.node` of the engine. */
  readonly nodeVersion: string;
  /** The engine's environment: only whether model keys are set is read, never their values. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `git --version`, or null when git cannot be started. */
  gitVersion(): Promise<string | null>;
  checkout(): Promise<CheckoutState>;
  /** `.github/greenlight.yml` of the checkout (null text: no file). */
  readConfig(): Promise<{ path: string; text: string | null }>;
  /** `.github/workflows/*.yml` of the checkout, untracked ones too. */
  readWorkflows(): Promise<WorkflowFile[]>;
  /** Absolute path of a program on the engine's PATH, or null. */
  findProgram(name: string): Promise<string | null>;
  /** A sysctl value (`user.max_user_namespaces`), or null where the kernel has no such setting. */
  readSysctl(name: string): Promise<string | null>;
  /** Runs the driver once, as a run would (`src/adapters/sandbox/probe-drivers.ts`). */
  probeSandbox(driver: 'bwrap' | 'systemd-run'): Promise<ProbeAnswer>;
  /** The test command a run would use. @throws GreenlightError('no-test-command') */
  detectTests(config: RepoConfig): Promise<TestPlan>;
  /** Runs the suite once in the sandbox the config asks for, as the baseline of a run. */
  runBaseline(config: RepoConfig, plan: TestPlan): Promise<TestReport>;
}

/** What the checks share while they run: the config, and what earlier checks found. */
export interface DoctorState {
  /** The effective config (defaults when the file is missing or invalid). */
  config: RepoConfig;
  /** Set by the config check when the file is invalid. */
  configErrors: ConfigIssue[];
  configPath: string;
  configFound: boolean;
  /** Set by the test-command check. */
  plan?: TestPlan;
}

export interface DoctorContext {
  host: DoctorHost;
  surface: DoctorSurface;
  state: DoctorState;
  /** Whether to run the test suite (the slowest check). */
  runBaseline: boolean;
}

/**
 * One check of the registry (src/core/doctor/checks/index.ts). Add one: a module in
 * `checks/` exporting a DoctorCheck, a line in the registry, and — when it needs
 * something new from the machine — a method on DoctorHost and its implementation in
 * src/compose/doctor-host.ts.
 */
export interface DoctorCheck {
  id: string;
  /** Checks that must not have failed for this one to mean anything; otherwise it is skipped. */
  needs?: readonly string[];
  /** Where it runs (default: everywhere). */
  surfaces?: readonly DoctorSurface[];
  run(context: DoctorContext): Promise<CheckLine[]>;
}

export interface DoctorResult {
  id: string;
  lines: CheckLine[];
}

export interface DoctorReport {
  /** No line is ✗: a run could start here. */
  ok: boolean;
  results: DoctorResult[];
}
