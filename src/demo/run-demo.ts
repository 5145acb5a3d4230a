/**
 * `greenlight demo` without `--replay`: the example repository, made a real git
 * repository in a temp dir (or `--keep DIR`), and the whole pipeline on it with the
 * model's answers replayed from the shipped transcript. No key, no network.
 */
import { dirname } from 'node:path';
import { GreenlightError } from '../ports/errors.ts';
import type { Progress } from '../ports/progress.ts';
import { findDemoFiles, type DemoFiles } from './demo-files.ts';
import { materializeExample } from '../compose/replay-checkout.ts';
import { loadReplayPlan, type ReplayPlan } from '../compose/replay-plan.ts';
import { replayTarget } from './replay-target.ts';
import { probeBubblewrap, runReplay, type ReplayRun } from '../compose/run-replay.ts';

/**
 * `auto` (the default): bubblewrap when it works here, else no sandbox, said loudly.
 * `bwrap`: bubblewrap or stop. `none`: no sandbox, because the user asked.
 */
export type DemoSandboxChoice = 'auto' | 'bwrap' | 'none';

/** The sandbox the demo runs with, and why. */
export type DemoSandbox =
  | { driver: 'bwrap' }
  | { driver: 'none'; because: 'asked' }
  | { driver: 'none'; because: 'unavailable'; reason: string };

export interface DemoOptions {
  /** Keep the example repository here instead of a new temp dir. */
  keepDir?: string;
  sandbox: DemoSandboxChoice;
  env: Readonly<Record<string, string | undefined>>;
  progress: Progress;
  /** Called before the run starts, once the repository exists. */
  onReady?: (info: { dir: string; plan: ReplayPlan; transcript: string; sandbox: DemoSandbox }) => void;
  onAuditLog?: (path: string) => void;
  /** Injected in tests. */
  files?: DemoFiles;
  probeSandbox?: typeof probeBubblewrap;
}

export interface DemoRun extends ReplayRun {
  /** The example repository; the result is on `local.branch` in it. */
  dir: string;
  plan: ReplayPlan;
  transcript: string;
  sandbox: DemoSandbox;
}

/**
 * Unlike a real run, the demo may go without a sandbox on its own: everything it runs
 * ships with greenlight (the example, its tests, the transcript's edits), so nothing
 * foreign runs unconfined. It says so at the start and the end (renderSandboxWarning).
 *
 * @throws GreenlightError('sandbox-unavailable') when `--sandbox bwrap` was asked for and
 *   bubblewrap does not work here; ('replay-diverged') when the transcript no longer
 *   fits the example; whatever runLocalJob throws.
 */
export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const files = options.files ?? findDemoFiles();
  const plan = await loadReplayPlan(files.transcript);
  // The example's tests run with the Node that runs greenlight, whatever else is on PATH.
  const env = { ...options.env, PATH: [dirname(process.execPath), options.env.PATH ?? '/usr/bin:/bin'].join(':') };
  const sandbox = await chooseSandbox(options, env);
  const dir = await replayTarget(options.keepDir, 'greenlight-demo-');
  await materializeExample(files.exampleDir, dir, sandbox.driver === 'none' ? { sandboxDriver: 'none' } : {});
  options.onReady?.({ dir, plan, transcript: files.transcript, sandbox });
  const run = await runReplay({
    repo: dir,
    plan,
    env,
    progress: options.progress,
    ...(options.onAuditLog === undefined ? {} : { onAuditLog: options.onAuditLog }),
  });
  return { ...run, dir, plan, transcript: files.transcript, sandbox };
}

async function chooseSandbox(
  options: DemoOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<DemoSandbox> {
  if (options.sandbox === 'none') return { driver: 'none', because: 'asked' };
  const probe = await (options.probeSandbox ?? probeBubblewrap)(env);
  if (probe.ok) return { driver: 'bwrap' };
  if (options.sandbox === 'auto') return { driver: 'none', because: 'unavailable', reason: probe.reason };
  throw new GreenlightError(
    'sandbox-unavailable',
    `--sandbox bwrap asks for the example's tests to run inside a bubblewrap sandbox, but ${probe.reason}. ` +
      'Install bubblewrap (sudo apt-get install bubblewrap) and run the demo again, or leave out --sandbox: ' +
      'without a working bubblewrap the demo then runs its own example without isolation, and says so.',
  );
}
