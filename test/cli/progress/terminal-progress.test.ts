import { describe, expect, it } from 'vitest';
import { createTerminalProgress } from '../../../src/cli/progress/terminal-progress.ts';
import type { ProgressSnapshot, StepName, StepState } from '../../../src/ports/progress.ts';

type Steps = Partial<Record<StepName, StepState | [StepState, string]>>;

function snapshot(steps: Steps, extra: Partial<ProgressSnapshot> = {}): ProgressSnapshot {
  const all = Object.fromEntries(
    (['understand', 'context', 'baseline', 'iterations', 'verify', 'publish'] as const).map((name) => {
      const step = steps[name] ?? 'pending';
      return [name, Array.isArray(step) ? { state: step[0], detail: step[1] } : { state: step }];
    }),
  ) as ProgressSnapshot['steps'];
  return { steps: all, iteration: 0, maxIterations: 3, tokens: 0, costUsd: 0, ...extra };
}

const RUN: ProgressSnapshot[] = [
  snapshot({ understand: 'running' }),
  snapshot({ understand: ['done', 'tests: `npm test`'], context: 'running' }),
  snapshot({ understand: 'done', context: ['done', '6 file(s)'], baseline: 'running' }),
  snapshot(
    { understand: 'done', context: 'done', baseline: 'running' },
    { tests: { passed: 1, failed: 0, total: 1, round: 0, scope: 'full' } },
  ),
  snapshot(
    { understand: 'done', context: 'done', baseline: ['done', '1 passed'], iterations: 'running' },
    { iteration: 1, tests: { passed: 1, failed: 0, total: 1, round: 0, scope: 'full' } },
  ),
  snapshot(
    { understand: 'done', context: 'done', baseline: 'done', iterations: 'running' },
    { iteration: 1, tests: { passed: 1, failed: 0, total: 1, round: 0, scope: 'full' }, tokens: 3_500, costUsd: 0.01 },
  ),
  snapshot(
    { understand: 'done', context: 'done', baseline: 'done', iterations: 'running' },
    {
      iteration: 1,
      tests: { passed: 1, failed: 1, total: 2, round: 1, scope: 'related' },
      tokens: 3_500,
      costUsd: 0.01,
    },
  ),
  snapshot(
    { understand: 'done', context: 'done', baseline: 'done', iterations: 'running' },
    {
      iteration: 2,
      tests: { passed: 1, failed: 1, total: 2, round: 1, scope: 'related' },
      tokens: 3_500,
      costUsd: 0.01,
    },
  ),
  snapshot(
    { understand: 'done', context: 'done', baseline: 'done', iterations: 'running' },
    {
      iteration: 2,
      tests: { passed: 1, failed: 1, total: 2, round: 1, scope: 'related' },
      tokens: 7_000,
      costUsd: 0.02,
    },
  ),
  snapshot(
    { understand: 'done', context: 'done', baseline: 'done', iterations: 'running' },
    { iteration: 2, tests: { passed: 2, failed: 1, total: 3, round: 2, scope: 'full' }, tokens: 7_000, costUsd: 0.02 },
  ),
  snapshot(
    {
      understand: 'done',
      context: 'done',
      baseline: 'done',
      iterations: ['failed', 'All 2 rounds were used\nwithout success.'],
      verify: 'skipped',
    },
    { iteration: 2, tests: { passed: 2, failed: 1, total: 3, round: 2, scope: 'full' }, tokens: 7_000, costUsd: 0.02 },
  ),
];

async function feed(interactive: boolean): Promise<string[]> {
  const lines: string[] = [];
  const progress = createTerminalProgress((line) => lines.push(line), interactive);
  for (const s of RUN) await progress.update(s);
  return lines;
}

describe('createTerminalProgress', () => {
  it("prints plain lines when not on a terminal: finished steps, each round's start and its own tests", async () => {
    expect(await feed(false)).toEqual([
      '✓ understand — tests: `npm test`',
      '✓ context — 6 file(s)',
      '✓ baseline — 1 passed\niterations … · round 1/3 · tests 1/1 passing before any change · 0 tokens · $0.0000',
      'iterations … · round 1/3 · related tests 1/2 passing · 3,500 tokens · $0.0100',
      'iterations … · round 2/3 · related tests 1/2 passing in round 1 · 3,500 tokens · $0.0100',
      'iterations … · round 2/3 · tests 2/3 passing · 7,000 tokens · $0.0200',
      '✗ iterations — All 2 rounds were used without success.',
    ]);
  });

  it('redraws one live status line on a terminal, above which finished steps stay', async () => {
    const lines = await feed(true);
    const erase = '\u001b[1A\u001b[2K';
    expect(lines[0]).toBe('understand … · 0 tokens · $0.0000');
    expect(lines.slice(1).every((line) => line.startsWith(erase))).toBe(true);
    expect(lines[1]).toBe(`${erase}✓ understand — tests: \`npm test\`\ncontext … · 0 tokens · $0.0000`);
    expect(lines.slice(3)).toEqual([
      `${erase}baseline … · tests 1/1 passing · 0 tokens · $0.0000`,
      `${erase}✓ baseline — 1 passed\niterations … · round 1/3 · tests 1/1 passing before any change · 0 tokens · $0.0000`,
      `${erase}iterations … · round 1/3 · tests 1/1 passing before any change · 3,500 tokens · $0.0100`,
      // The round's own run replaces the baseline's counts as soon as it ends.
      `${erase}iterations … · round 1/3 · related tests 1/2 passing · 3,500 tokens · $0.0100`,
      `${erase}iterations … · round 2/3 · related tests 1/2 passing in round 1 · 3,500 tokens · $0.0100`,
      `${erase}iterations … · round 2/3 · related tests 1/2 passing in round 1 · 7,000 tokens · $0.0200`,
      `${erase}iterations … · round 2/3 · tests 2/3 passing · 7,000 tokens · $0.0200`,
      `${erase}✗ iterations — All 2 rounds were used without success.\nverify – · round 2/3 · tests 2/3 passing · 7,000 tokens · $0.0200`,
    ]);
  });
});
