/**
 * A `test` script often does more than test: `pnpm lint && pnpm test:types && vitest
 * run`. A lint error then fails the baseline although every test passes, and no
 * reporter can be added to the chain. This splits a script into its steps and says
 * which are checks (lint, type checks, formatting), which is the test runner and which
 * are something else (a build, a server), so detection can run the test step alone.
 */
import { parseRunnerCommand } from './parse-runner-command.ts';
import { splitShellWords } from './shell-words.ts';
import type { RunnerInvocation } from './test-plan.ts';

export type ScriptStep =
  | { kind: 'runner'; text: string; invocation: RunnerInvocation }
  | { kind: 'check'; text: string }
  | { kind: 'other'; text: string };

/** Programs that check code without building or testing it. */
const CHECK_PROGRAMS = new Set([
  'eslint',
  'prettier',
  'biome',
  'oxlint',
  'oxfmt',
  'dprint',
  'xo',
  'standard',
  'stylelint',
  'publint',
  'knip',
  'attw',
  'tsd',
  'markdownlint',
  'lint-staged',
  'ruff',
  'flake8',
  'mypy',
  'pyright',
  'black',
  'isort',
]);
/** Type checkers: checks only when they emit nothing (`tsc` alone may be the build the tests run on). */
const TYPE_CHECKERS = new Set(['tsc', 'vue-tsc', 'tsgo']);
/** Script names that are checks by convention, when their body cannot be read. */
const CHECK_SCRIPT =
  /^(?:lint|typecheck|type-check|types|check-types|tsc|format|fmt|prettier)(?:[:-].*)?$|^test[:-]types?$/;
const LAUNCHERS = new Set(['npx', 'bunx', 'pnpm', 'yarn', 'bun', 'npm', 'corepack']);
const SCRIPT_CALL = /^(?:npm|pnpm|yarn|bun)$/;

/**
 * Split at unquoted `&&` and `;`. Null when the body uses other shell syntax between
 * steps (`||`, pipes, background jobs, subshells): its steps cannot be run apart.
 */
export function splitScriptSteps(body: string): string[] | null {
  const steps: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i] as string;
    if (quote !== null) {
      current += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      current += ch;
    } else if (ch === '&' && body[i + 1] === '&') {
      steps.push(current.trim());
      current = '';
      i += 1;
    } else if (ch === ';') {
      steps.push(current.trim());
      current = '';
    } else if (ch === '|' || ch === '&' || ch === '(' || ch === ')' || ch === '\n') {
      return null;
    } else current += ch;
  }
  if (quote !== null) return null;
  steps.push(current.trim());
  return steps.every((s) => s !== '') ? steps : null;
}

/** The words of a step after `NAME=value` words and package launchers (`npx`, `pnpm exec`). */
function programWords(words: readonly string[]): string[] {
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? '')) i += 1;
  while (i < words.length && LAUNCHERS.has(words[i] ?? '')) {
    i += 1;
    if (words[i] === 'exec' || words[i] === 'x' || words[i] === 'dlx') i += 1;
    while (i < words.length && (words[i] ?? '').startsWith('-')) i += 1;
  }
  return words.slice(i);
}

/**
 * @param scripts the package's scripts, to look into `pnpm lint` and friends
 * @example classifyStep('pnpm lint', { lint: 'eslint .' }) // { kind: 'check', text: 'pnpm lint' }
 */
export function classifyStep(text: string, scripts: Readonly<Record<string, string>>, depth = 0): ScriptStep {
  const invocation = parseRunnerCommand(text);
  if (invocation !== null) return { kind: 'runner', text, invocation };
  const words = splitShellWords(text);
  if (words === null || words.length === 0) return { kind: 'other', text };
  // `pnpm lint`, `npm run typecheck`, `yarn test:types`: a call of another script.
  if (SCRIPT_CALL.test(words[0] ?? '')) {
    const rest = words.slice(1).filter((w) => !w.startsWith('-'));
    const name = rest[0] === 'run' || rest[0] === 'run-script' ? rest[1] : rest[0];
    if (name !== undefined && name !== 'exec' && name !== 'x' && name !== 'dlx') {
      const body = scripts[name];
      if (body !== undefined && depth < 3) {
        // `pnpm test-unit` whose script is `vitest run`: the runner step is that script's.
        const called = parseRunnerCommand(body);
        if (called !== null) return { kind: 'runner', text, invocation: called };
        const steps = splitScriptSteps(body);
        const kinds = steps?.map((step) => classifyStep(step, scripts, depth + 1).kind);
        return kinds !== undefined && kinds.every((k) => k === 'check')
          ? { kind: 'check', text }
          : { kind: 'other', text };
      }
      if (body === undefined && CHECK_SCRIPT.test(name)) return { kind: 'check', text };
    }
  }
  const program = programWords(words);
  const name = (program[0] ?? '').slice((program[0] ?? '').lastIndexOf('/') + 1);
  if (CHECK_PROGRAMS.has(name)) return { kind: 'check', text };
  if (TYPE_CHECKERS.has(name) && program.includes('--noEmit')) return { kind: 'check', text };
  return { kind: 'other', text };
}

/**
 * The steps of a script, each classified; null when the body cannot be split safely.
 *
 * @example
 * splitTestScript('pnpm lint && vitest run --typecheck', { lint: 'eslint .' })
 * // [{ kind: 'check', text: 'pnpm lint' }, { kind: 'runner', text: 'vitest run --typecheck', invocation: … }]
 */
export function splitTestScript(body: string, scripts: Readonly<Record<string, string>>): ScriptStep[] | null {
  const steps = splitScriptSteps(body);
  return steps === null ? null : steps.map((step) => classifyStep(step, scripts));
}
