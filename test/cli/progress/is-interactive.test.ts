import { describe, expect, it } from 'vitest';
import { isInteractive } from '../../../src/cli/progress/is-interactive.ts';

describe('isInteractive', () => {
  it.each([
    ['stderr is a terminal', { isTTY: true }, {}, true],
    ['stderr is a terminal that cannot move the cursor', { isTTY: true }, { TERM: 'dumb' }, false],
    ['stderr is a pipe or a file (stdout does not matter)', { isTTY: false }, { TERM: 'xterm' }, false],
    ['stderr has no isTTY at all', {}, {}, false],
  ] as const)('%s → %s', (_name, stderr, env, expected) => {
    expect(isInteractive(stderr, env)).toBe(expected);
  });
});
