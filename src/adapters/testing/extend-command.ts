import { execLauncher } from '../../core/testing/detect-package-client.ts';
import { joinShellWords } from '../../core/testing/shell-words.ts';
import type { RunnerInvocation, TestPlan } from '../../core/testing/test-plan.ts';

/**
 * The plan's command with words appended so that they reach the runner (`npm test --
 * <words>`, `pnpm test <words>`, `npx vitest run <words>`). Null when the command
 * cannot take extra words safely.
 */
export function extendCommand(plan: TestPlan, words: readonly string[]): string | null {
  if (words.length === 0) return plan.command;
  if (plan.append === null) return null;
  return `${plan.command}${plan.append === 'after-separator' ? ' --' : ''} ${joinShellWords(words)}`;
}

/**
 * Start the runner directly with different arguments (e.g. `vitest related`): the
 * script's own words, with the client's launcher when the script relied on the
 * package's bin directory. Null when the runner cannot be started directly without
 * losing something (no known invocation, or pretest/posttest scripts that would be skipped).
 */
export function directCommand(plan: TestPlan, build: (invocation: RunnerInvocation) => string[]): string | null {
  const invocation = plan.invocation;
  if (invocation === null || plan.lifecycleHooks) return null;
  const launcher =
    plan.script !== null && invocation.launcher.length === 0 && plan.client !== null
      ? execLauncher(plan.client)
      : invocation.launcher;
  return joinShellWords([...invocation.env, ...launcher, ...build(invocation)]);
}

/** Test files named by a selection's ids (`<file>::<name>`) or paths. */
export function selectedFiles(tests: readonly string[]): string[] {
  const files: string[] = [];
  for (const test of tests) {
    const file = test.includes('::') ? test.slice(0, test.indexOf('::')) : test;
    if (file !== '' && !files.includes(file)) files.push(file);
  }
  return files;
}

/** Join a report directory and a file name for the child. */
export function reportPath(reportDir: string, name: string): string {
  return `${reportDir.replace(/\/$/, '')}/${name}`;
}
