/**
 * Whether a workflow step's `run:` is a plain test invocation that greenlight may run
 * itself, in the sandbox, besides the repository's test command (docs/architecture.md
 * "CI repair"). Only one line of known test runners with plain arguments qualifies:
 * no shell syntax, no expressions, no environment assignments. Anything else in a
 * workflow is never run — a `run:` block is the workflow author's shell, not a test.
 */

const WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
const RUNNERS = new Set(['vitest', 'jest', 'mocha', 'ava', 'tap', 'pytest']);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

function isTestScript(words: readonly string[], offset: number): boolean {
  const first = words[offset];
  if (first === 'test' || first === 't') return true;
  const script = words[offset + 1];
  return (first === 'run' || first === 'run-script') && script !== undefined && /^test(?::[\w.-]+)?$/.test(script);
}

function isInvocation(words: readonly string[]): boolean {
  const [command = '', second, third] = words;
  if (PACKAGE_MANAGERS.has(command)) {
    if (isTestScript(words, 1)) return true;
    // `npx`-like runs of a runner: `pnpm exec vitest`, `yarn vitest`, `bun x vitest`.
    if ((second === 'exec' || second === 'x') && third !== undefined) return RUNNERS.has(third);
    return command === 'yarn' && second !== undefined && RUNNERS.has(second);
  }
  if (command === 'npx' || command === 'bunx') return second !== undefined && RUNNERS.has(second);
  if (RUNNERS.has(command)) return true;
  if (command === 'node') return second === '--test';
  if (command === 'python' || command === 'python3')
    return second === '-m' && (third === 'pytest' || third === 'unittest');
  if (command === 'go' || command === 'cargo') return second === 'test';
  if (command === 'make') return second === 'test' || second === 'check';
  return false;
}

/**
 * The command when `run` is a plain test invocation, else null.
 * @example plainTestCommand('npm test -- --runInBand') // 'npm test -- --runInBand'
 * @example plainTestCommand('npm ci && npm test') // null
 */
export function plainTestCommand(run: string): string | null {
  const line = run.trim();
  if (line === '' || line.includes('\n')) return null;
  const words = line.split(/[ \t]+/);
  if (!words.every((word) => WORD.test(word))) return null;
  return isInvocation(words) ? words.join(' ') : null;
}
