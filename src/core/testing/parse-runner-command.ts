import { splitShellWords } from './shell-words.ts';
import type { RunnerInvocation } from './test-plan.ts';

const ENV_WORD = /^[A-Za-z_][A-Za-z0-9_]*=/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Length of a launcher that starts at `i` (`npx --no`, `pnpm exec`, `poetry run`, …), 0 if none. */
function launcherLength(words: readonly string[], i: number): number {
  const word = basename(words[i] ?? '');
  const next = words[i + 1];
  if (word === 'npx' || word === 'bunx') {
    let j = i + 1;
    while (j < words.length && /^(-y|--yes|--no|--no-install|--offline)$/.test(words[j] ?? '')) j += 1;
    return j - i;
  }
  if (word === 'cross-env') {
    let j = i + 1;
    while (j < words.length && ENV_WORD.test(words[j] ?? '')) j += 1;
    return j - i;
  }
  if ((word === 'pnpm' && next === 'exec') || (word === 'bun' && next === 'x')) return 2;
  if (word === 'npm' && next === 'exec' && words[i + 2] === '--') return 3;
  if (['poetry', 'uv', 'pipenv', 'hatch', 'pdm'].includes(word) && next === 'run') return 2;
  if (word === 'yarn' && next !== undefined && ['vitest', 'jest', 'mocha'].includes(basename(next))) return 1;
  if (word === 'pnpm' && next !== undefined && ['vitest', 'jest', 'mocha'].includes(basename(next))) return 1;
  return 0;
}

/** Length of the runner program at `i` and which runner it is, or null. */
function matchProgram(
  words: readonly string[],
  i: number,
): { runner: RunnerInvocation['runner']; length: number } | null {
  const word = basename(words[i] ?? '');
  const next = words[i + 1];
  if (word === 'vitest' || word === 'jest' || word === 'mocha') return { runner: word, length: 1 };
  if (word === 'pytest' || word === 'py.test') return { runner: 'pytest', length: 1 };
  if (PYTHON.test(word) && next === '-m' && words[i + 2] === 'pytest') return { runner: 'pytest', length: 3 };
  if (word === 'go' && next === 'test') return { runner: 'go', length: 2 };
  if (word === 'cargo' && next === 'test') return { runner: 'cargo', length: 2 };
  if (word === 'node') {
    // node [options] --test [options] [files]: the program ends at --test.
    for (let j = i + 1; j < words.length; j += 1) {
      const w = words[j] as string;
      if (w === '--test') return { runner: 'node-test', length: j - i + 1 };
      const previous = words[j - 1] as string;
      // An option, or the value of the option before it (`--import tsx`).
      if (!w.startsWith('-') && !(j > i + 1 && previous.startsWith('--') && !previous.includes('='))) break;
    }
  }
  return null;
}

/**
 * Recognise a command that is exactly one test-runner invocation (after optional
 * `NAME=value` words and a launcher such as `npx` or `poetry run`). Returns null for
 * anything else, including commands with shell operators: those run as they are.
 *
 * @example parseRunnerCommand('CI=1 npx vitest run --silent')
 * // { runner: 'vitest', env: ['CI=1'], launcher: ['npx'], program: ['vitest'], args: ['run', '--silent'] }
 */
export function parseRunnerCommand(command: string): RunnerInvocation | null {
  const words = splitShellWords(command.trim());
  if (words === null || words.length === 0) return null;
  let i = 0;
  while (i < words.length && ENV_WORD.test(words[i] ?? '')) i += 1;
  const envEnd = i;
  for (let length = launcherLength(words, i); length > 0; length = launcherLength(words, i)) i += length;
  const program = matchProgram(words, i);
  if (program === null) return null;
  return {
    runner: program.runner,
    env: words.slice(0, envEnd),
    launcher: words.slice(envEnd, i),
    program: words.slice(i, i + program.length),
    args: words.slice(i + program.length),
  };
}

/**
 * The runner of a command that is not a plain runner invocation (`tox -e py && pytest`,
 * `tsc && node --test dist/`) but still reports through the environment; `generic` otherwise.
 */
export function opaqueRunner(body: string): RunnerInvocation['runner'] | 'generic' {
  if (/\bnode\b[^;&|]*\s--test\b/.test(body)) return 'node-test';
  if (/\b(pytest|py\.test)\b/.test(body)) return 'pytest';
  return 'generic';
}
