/**
 * The refusal of a run whose tests could not run before any change: what happened,
 * why greenlight chose that command, the end of the output, and the exact lines of
 * `.github/greenlight.yml` (or the workflow step) that fix it. No model was called, so
 * nothing was spent. The CLI prints it, and it is the progress comment's last word in
 * the Action.
 */
import type { RepoConfig } from '../config/repo-config.ts';
import type { BaselineProblem } from '../testing/judge-baseline.ts';
import type { TestCommand } from '../../ports/test-runner.ts';
import { inlineCode } from './format.ts';

const CLIENTS = new Set(['npm', 'npx', 'pnpm', 'yarn', 'bun', 'bunx', 'corepack']);
/** Programs that come with the project's dependencies (node_modules/.bin, a virtualenv). */
const DEPENDENCY_PROGRAMS =
  /^(?:\.{0,2}\/?(?:[\w.-]+\/)*(?:node_modules\/\.bin|\.?venv\/bin)\/)?(vitest|jest|mocha|tsx|ts-node|playwright|ava|c8|nyc|cross-env|pytest|py\.test|tox|nox)$/;
const JS_RUNNERS = new Set(['vitest', 'jest', 'mocha']);

export interface PreflightRefusalInput {
  problem: BaselineProblem;
  command: TestCommand;
  config: Pick<RepoConfig, 'tests' | 'sandbox'>;
}

function yaml(lines: string[]): string {
  return ['```yaml', ...lines, '```'].join('\n');
}

/** What to install with, when detection knew nothing better. */
function installCommand(command: TestCommand): string {
  if (command.installHint !== undefined) return command.installHint;
  return command.runner === 'pytest' ? 'python3 -m pip install -e . pytest' : 'npm ci';
}

/** A command that runs the tests without the package client, for a project whose client is missing. */
function directCommand(command: TestCommand): string {
  if (JS_RUNNERS.has(command.runner))
    return `node_modules/.bin/${command.runner}${command.runner === 'vitest' ? ' run' : ''}`;
  if (command.runner === 'node-test') return 'node --test';
  return 'THE COMMAND THAT RUNS YOUR TESTS';
}

function installFix(command: TestCommand, what: string): string[] {
  return [
    `${what} Install the dependencies in the workflow before greenlight runs (the step your CI already has), or let greenlight install them before the baseline (the network is on for this step only):`,
    '',
    yaml(['tests:', `  installCommand: ${installCommand(command)}`]),
  ];
}

function commandFix(intro: string, command: string, directory?: string): string[] {
  const lines = ['tests:', `  command: ${command}`];
  if (directory !== undefined && directory !== '') lines.push(`  directory: ${directory}`);
  return [intro, '', yaml(lines)];
}

/**
 * What to do about a baseline that could not run, as markdown lines: a sentence and the
 * exact lines of `.github/greenlight.yml` (in a yaml block) that fix it. `greenlight
 * doctor` prints the same.
 */
export function preflightFix(input: PreflightRefusalInput): string[] {
  const { problem, command, config } = input;
  const missing = problem.missing;
  switch (problem.kind) {
    case 'not-found':
    case 'not-executable':
      if (missing !== null && CLIENTS.has(missing))
        return commandFix(
          `${inlineCode(missing)} is not on the PATH where the tests run. Install it in the workflow before greenlight runs (for pnpm: \`pnpm/action-setup\`; for yarn or pnpm, \`corepack enable\` and an install step), or run the tests without it:`,
          directCommand(command),
          command.directory,
        );
      if (missing !== null && DEPENDENCY_PROGRAMS.test(missing))
        return installFix(
          command,
          `${inlineCode(missing)} comes with the project's dependencies, which are not installed.`,
        );
      return commandFix(
        `${missing === null ? 'A program the command runs' : inlineCode(missing)} is not ${problem.kind === 'not-found' ? 'installed' : 'executable'} where the tests run: install it in the workflow before greenlight runs, or set the command that runs your tests:`,
        command.command,
        command.directory,
      );
    case 'missing-dependency':
      return installFix(command, `${inlineCode(missing ?? 'The test runner')} is not installed.`);
    case 'timed-out':
      return [
        `The suite needs more than \`tests.timeoutMinutes\` (${config.tests.timeoutMinutes} min). Raise it, or run a faster subset:`,
        '',
        yaml(['tests:', `  timeoutMinutes: ${config.tests.timeoutMinutes * 2}`]),
      ];
    case 'killed':
      return [
        `A sandbox limit stopped the suite. If it needs more memory or processes, raise the limit:`,
        '',
        yaml(['sandbox:', `  memoryMb: ${config.sandbox.memoryMb * 2}`, `  maxPids: ${config.sandbox.maxPids * 2}`]),
      ];
    case 'no-tests':
      return [
        ...commandFix(
          'If the tests live elsewhere (another directory or package), name the command and where it runs:',
          command.command,
          command.directory === undefined || command.directory === '' ? 'PATH/OF/THE/PACKAGE' : command.directory,
        ),
        '',
        'If the project has no tests yet and greenlight should write the first ones:',
        '',
        yaml(['tests:', '  allowNoTests: true']),
      ];
    case 'crashed':
      return [
        ...commandFix(
          'The output above says why. If the command is the wrong one, set the one that runs your tests:',
          command.command,
          command.directory,
        ),
        '',
        'If it needs dependencies or a build first, install them in the workflow, or:',
        '',
        yaml(['tests:', `  installCommand: ${installCommand(command)}`]),
      ];
  }
}

/**
 * @example
 * renderPreflightRefusal({ problem, command: tests.command, config })
 * // 'The tests could not run before any change, so greenlight stopped before its first model call: …'
 */
export function renderPreflightRefusal(input: PreflightRefusalInput): string {
  const { problem, command } = input;
  const where = command.directory === undefined || command.directory === '' ? '' : ` (in ${command.directory}/)`;
  const output = problem.outputTail.trim();
  return [
    `The tests could not run before any change, so greenlight stopped before its first model call: nothing was spent. ${problem.summary}${where}.`,
    '',
    `Why this command: ${command.reason}.`,
    ...(output === '' ? [] : ['', 'The end of its output:', '', fence(output)]),
    '',
    ...preflightFix(input),
  ].join('\n');
}

function fence(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}
