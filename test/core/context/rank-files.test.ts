import { describe, expect, it } from 'vitest';
import { analyzeTask } from '../../../src/core/context/analyze-task.ts';
import { rankFiles, WEIGHTS } from '../../../src/core/context/rank-files.ts';
import type { RecentChange, ReasonSignal } from '../../../src/core/context/types.ts';
import { FIXTURE_REPO } from './fixture-repo.ts';
import { makeIndex } from './make-index.ts';

const index = makeIndex(FIXTURE_REPO);
const rank = (task: string, recent: RecentChange[] = []) => rankFiles(index, analyzeTask(task), recent);
const signalsOf = (task: string, path: string, recent: RecentChange[] = []): ReasonSignal[] =>
  rank(task, recent)
    .files.find((f) => f.path === path)
    ?.reasons.map((r) => r.signal) ?? [];

describe('rankFiles signals', () => {
  it.each([
    ['mentioned-path', 'Please refactor src/shipping/labels.ts', 'src/shipping/labels.ts'],
    ['mentioned-path (bare file name)', 'labels.ts is messy', 'src/shipping/labels.ts'],
    [
      'stack-frame',
      'Error: boom\n    at trackShipment (/home/ci/shop/src/shipping/tracker.ts:2:10)',
      'src/shipping/tracker.ts',
    ],
    ['defines-symbol', 'closeLedger returns NaN for refunds', 'src/billing/ledger.ts'],
    ['uses-symbol', 'closeLedger returns NaN for refunds', 'src/billing/report.ts'],
    ['lexical', 'the carrier code is wrong for every shipment', 'src/shipping/tracker.ts'],
    ['path-match', 'shipping', 'src/shipping/labels.ts'],
    ['test-of', 'closeLedger returns NaN for refunds', 'test/billing/ledger.test.ts'],
    ['source-of', 'test/billing/ledger.test.ts is flaky', 'src/billing/ledger.ts'],
    ['types', 'closeLedger returns NaN for refunds', 'src/billing/types.ts'],
    ['imported-by', 'closeLedger returns NaN for refunds', 'src/util/money.ts'],
    ['imports', 'closeLedger returns NaN for refunds', 'src/billing/report.ts'],
    ['config', 'closeLedger returns NaN for refunds', 'package.json'],
  ] as const)('%s', (signal, task, path) => {
    expect(signalsOf(task, path)).toContain(signal.replace(/ \(.*\)$/, ''));
  });

  it('recently-changed: the PR diff counts more than the log', () => {
    const ranking = rank('tidy up', [
      { path: 'src/shipping/labels.ts', source: 'diff' },
      { path: 'README.md', source: 'log' },
    ]);
    expect(ranking.files.map((f) => [f.path, f.score])).toEqual(
      [
        ['src/shipping/labels.ts', expect.any(Number)],
        ['README.md', WEIGHTS.recentLog],
      ].concat(ranking.files.slice(2).map((f) => [f.path, f.score])),
    );
    expect(ranking.files[0]!.reasons[0]).toEqual({
      signal: 'recently-changed',
      detail: 'changed in this pull request',
      score: WEIGHTS.recentDiff,
    });
  });

  it('puts the defining file first, then its test and types, with reasons', () => {
    const top = rank('closeLedger returns NaN for refunds')
      .files.slice(0, 4)
      .map((f) => f.path);
    expect(top[0]).toBe('src/billing/ledger.ts');
    expect(top.slice(1)).toEqual(expect.arrayContaining(['test/billing/ledger.test.ts', 'src/billing/types.ts']));
  });

  it('anchors excerpts at definitions and stack-frame lines', () => {
    expect(rank('closeLedger returns NaN').files[0]!.anchors).toEqual([{ start: 5, end: 9 }]);
    const frame = rank('at trackShipment (src/shipping/tracker.ts:2:10)').files.find(
      (f) => f.path === 'src/shipping/tracker.ts',
    )!;
    expect(frame.anchors).toContainEqual({ start: 1, end: 10 });
  });

  it('shares an ambiguous mention between the files it may mean', () => {
    const ambiguous = makeIndex({ 'a/util.ts': 'export const a = 1;\n', 'b/util.ts': 'export const b = 1;\n' });
    const ranking = rankFiles(ambiguous, analyzeTask('util.ts is wrong'), []);
    const mentioned = ranking.files.map((f) => f.reasons.find((r) => r.signal === 'mentioned-path')?.score);
    expect(mentioned).toEqual([WEIGHTS.mentionedPath / 2, WEIGHTS.mentionedPath / 2]);
  });

  it('breaks ties by path and is deterministic', () => {
    const twins = makeIndex({ 'z.md': 'refund policy\n', 'a.md': 'refund policy\n', 'm.md': 'refund policy\n' });
    const first = rankFiles(twins, analyzeTask('refund policy'), []);
    expect(first.files.map((f) => f.path)).toEqual(['a.md', 'm.md', 'z.md']);
    expect(rankFiles(twins, analyzeTask('refund policy'), [])).toEqual(first);
  });

  it('returns nothing for a task that matches nothing', () => {
    expect(rank('qwertyuiop asdfghjkl').files).toEqual([]);
  });
});
