/**
 * What detection decides about a project's tests: the command, the runner adapter
 * that reads its results, and how (if at all) greenlight may extend the command.
 */
import type { TestCommand } from '../../ports/test-runner.ts';

/** Runner adapters, one per folder under src/adapters/testing. */
export const RUNNER_IDS = ['vitest', 'jest', 'mocha', 'node-test', 'pytest', 'go', 'cargo', 'generic'] as const;
export type RunnerId = (typeof RUNNER_IDS)[number];

export const PACKAGE_CLIENTS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageClient = (typeof PACKAGE_CLIENTS)[number];

/** A command line that is exactly one runner invocation, split into its parts. */
export interface RunnerInvocation {
  runner: Exclude<RunnerId, 'generic'>;
  /** Leading `NAME=value` words. */
  env: string[];
  /** Words that start the program: `npx`, `pnpm exec`, `cross-env A=1`, `poetry run`, … (often empty). */
  launcher: string[];
  /** The runner itself: `vitest`, `node --test`, `python3 -m pytest`, `go test`, `cargo test`. */
  program: string[];
  /** Everything after the program, as the user wrote it. */
  args: string[];
}

export interface TestPlan extends TestCommand {
  runner: RunnerId;
  source: 'config' | 'package-script' | 'detected';
  /** The runner invocation behind `command` (the script body for package scripts), when it is a plain word list. */
  invocation: RunnerInvocation | null;
  /**
   * How words appended to `command` reach the runner: `direct` (`pnpm test --x`),
   * `after-separator` (`npm test -- --x`), or null when they cannot reach it safely.
   */
  append: 'direct' | 'after-separator' | null;
  /** The package.json script that `command` runs, if any (`invocation` is then the script's body). */
  script: string | null;
  /** What actually runs: the script's body for package scripts, otherwise `command`. */
  body: string;
  /** Package client for JavaScript projects (decides how a runner binary is started directly). */
  client: PackageClient | null;
  /** package.json defines pretest/posttest: running the runner directly would skip them. */
  lifecycleHooks: boolean;
  /**
   * Why the command cannot run as things are — its program or the dependencies are not
   * installed where the tests run — when detection could tell; `greenlight doctor` warns.
   */
  blocked?: string;
}
