import { describe, expect, it } from 'vitest';
import { judgeThreads, type ThreadRef } from '../../../src/core/review/judge-threads.ts';
import type { ThreadClaim } from '../../../src/core/review/review-report-tool.ts';

const DIFF = [
  'diff --git a/src/calc.js b/src/calc.js',
  '--- a/src/calc.js',
  '+++ b/src/calc.js',
  '@@ -20,3 +20,3 @@',
  ' a',
  '-b',
  '+c',
  ' d',
  'diff --git a/test/calc.test.js b/test/calc.test.js',
  '--- a/test/calc.test.js',
  '+++ b/test/calc.test.js',
  '@@ -5,0 +6,2 @@',
  '+x',
  '+y',
  '',
].join('\n');

const thread = (id: number, path: string, line: number | null, startLine: number | null = null): ThreadRef => ({
  id,
  path,
  line,
  startLine,
});
const claim = (addressed: boolean, summary: string, files: string[] = []): ThreadClaim => ({
  addressed,
  summary,
  files,
});

describe('judgeThreads', () => {
  it('counts a comment as done only when the model says so and the diff backs it, and says how', () => {
    const threads = [
      thread(1, 'src/calc.js', 21),
      thread(2, 'src/calc.js', 3, 1),
      thread(3, 'src/money.js', 8),
      thread(4, 'src/money.js', 9),
      thread(5, 'src/calc.js', 40),
      thread(6, 'src/calc.js', 22),
    ];
    const claims = new Map([
      [1, claim(true, 'Renamed b to c.')],
      [2, claim(true, 'Documented it.')],
      [3, claim(true, 'Added a test.', ['test/calc.test.js'])],
      [4, claim(true, 'Fixed rounding.')],
      [5, claim(false, 'Needs a product decision.')],
    ]);
    const results = judgeThreads({ threads, claims, diff: DIFF, notPublished: '' });
    expect(results.map((r) => r.verdict)).toEqual([
      { status: 'done', evidence: 'lines', files: ['src/calc.js'], summary: 'Renamed b to c.' },
      { status: 'done', evidence: 'file', files: ['src/calc.js'], summary: 'Documented it.' },
      { status: 'done', evidence: 'other-files', files: ['test/calc.test.js'], summary: 'Added a test.' },
      {
        status: 'not-done',
        reason:
          'the model reported it addressed ("Fixed rounding."), but the commit changes neither src/money.js nor a file it named for it',
      },
      { status: 'not-done', reason: 'Needs a product decision.' },
      { status: 'not-done', reason: 'the model did not report on this comment' },
    ]);
  });

  it('counts the commented range with a little slack, and a comment on the whole file by the file', () => {
    const near = judgeThreads({
      threads: [thread(1, 'src/calc.js', 23), thread(2, 'src/calc.js', 24), thread(3, 'src/calc.js', null)],
      claims: new Map([1, 2, 3].map((id) => [id, claim(true, 'ok')])),
      diff: DIFF,
      notPublished: '',
    });
    expect(near.map((r) => (r.verdict.status === 'done' ? r.verdict.evidence : r.verdict.status))).toEqual([
      'lines',
      'file',
      'file',
    ]);
  });

  it('marks every comment not done, with the reason, when nothing was pushed', () => {
    const [result] = judgeThreads({
      threads: [thread(1, 'src/calc.js', 21)],
      claims: new Map([[1, claim(true, 'Renamed b to c.')]]),
      diff: null,
      notPublished: 'the iteration budget ran out',
    });
    expect(result?.verdict).toEqual({
      status: 'not-done',
      reason: 'no commit was pushed: the iteration budget ran out',
    });
  });
});
