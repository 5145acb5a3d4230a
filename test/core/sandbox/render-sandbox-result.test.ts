import { describe, expect, it } from 'vitest';
import { quoteForDisplay, renderSandboxResult } from '../../../src/core/sandbox/render-sandbox-result.ts';
import type { SandboxResult } from '../../../src/ports/sandbox.ts';

const result: SandboxResult = {
  command: ['sh', '-c', 'echo "::error::x"'],
  exitCode: null,
  signal: 'SIGKILL',
  timedOut: true,
  limitHit: 'time',
  durationMs: 2_000,
  stdout: { text: '::add-mask::s3cret\nok\n', bytes: 22, truncated: false },
  stderr: { text: '', bytes: 0, truncated: false },
};

describe('renderSandboxResult', () => {
  it('renders the command, the outcome and defused output', () => {
    expect(renderSandboxResult(result)).toBe(
      [
        `$ sh -c 'echo "::error::x"'`,
        'killed by SIGKILL after 2 s, stopped at the time limit',
        '--- stdout (22 bytes)',
        '␣::add-mask::s3cret',
        'ok',
      ].join('\n'),
    );
  });

  it('defuses a command smuggled into an argument with a newline', () => {
    const text = renderSandboxResult({
      ...result,
      command: ['echo', 'a\n::error::b'],
      stdout: { text: '', bytes: 0, truncated: false },
    });
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
  });

  it.each([
    ['npm', 'npm'],
    ['a b', `'a b'`],
    [`it's`, `'it'\\''s'`],
    ['--flag=x', '--flag=x'],
  ])('quoteForDisplay(%j) is %j', (arg, expected) => {
    expect(quoteForDisplay(arg)).toBe(expected);
  });
});
