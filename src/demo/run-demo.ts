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

export interface DemoOptions {
  /** Keep the example repository here instead of a new temp dir. */
  keepDir?: string;
  /** `--sandbox none`: run the example's tests without isolation (the user asked for it). */
  sandboxNone: boolean;
  env: Readonly<Record<string, string | undefined>>;
  progress: Progress;
  /** Called before the run starts, once the repository exists. */
  onReady?: (info: { dir: string; plan: ReplayPlan; transcript: string }) => void;
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
}

/**
 * @throws GreenlightError('sandbox-unavailable') when bubblewrap does not work here and
 *   `--sandbox none` was not given; ('replay-diverged') when the transcript no longer
 *   fits the example; whatever runLocalJob throws.
 */
export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const files = options.files ?? findDemoFiles();
  const plan = await loadReplayPlan(files.transcript);
  // The example's tests run with the Node that runs greenlight, whatever else is on PATH.
  const env = { ...options.env, PATH: [dirname(process.execPath), options.env.PATH ?? '/usr/bin:/bin'].join(':') };
  if (!options.sandboxNone) {
    const probe = await (options.probeSandbox ?? probeBubblewrap)(env);
    if (!probe.ok) {
      throw new GreenlightError(
        'sandbox-unavailable',
        `The demo runs the example's tests inside a bubblewrap sandbox, but ${probe.reason}. ` +
          'Install bubblewrap (apt-get install bubblewrap) and run the demo again, or run greenlight demo --sandbox none ' +
          "to run the example's tests and the replayed tests WITHOUT any isolation, as your user.",
      );
    }
  }
  const dir = await replayTarget(options.keepDir, 'greenlight-demo-');
  await materializeExample(files.exampleDir, dir, options.sandboxNone ? { sandboxDriver: 'none' } : {});
  options.onReady?.({ dir, plan, transcript: files.transcript });
  const run = await runReplay({
    repo: dir,
    plan,
    env,
    progress: options.progress,
    ...(options.onAuditLog === undefined ? {} : { onAuditLog: options.onAuditLog }),
  });
  return { ...run, dir, plan, transcript: files.transcript };
}
