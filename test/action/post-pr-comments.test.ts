import { describe, expect, it } from 'vitest';
import { renderNeedsHumanComment, type NeedsHumanInput } from '../../src/action/comments/render-needs-human-comment.ts';
import { renderThreadList, renderThreadReply } from '../../src/action/comments/render-review-comment.ts';
import type { ThreadResult } from '../../src/core/review/judge-threads.ts';

const FAILURE: NeedsHumanInput['failure'] = {
  run: {
    id: 9,
    name: 'CI',
    path: '.github/workflows/ci.yml',
    url: 'https://github.com/acme/shop/actions/runs/9',
    headSha: 'c'.repeat(40),
  },
  jobs: [
    {
      name: 'test (22)',
      url: 'https://github.com/acme/shop/actions/runs/9/job/1',
      failedSteps: ['Run npm test'],
      excerpt: {
        step: 'Run npm test',
        errorLines: ['✖ clamp raises values below min', 'AssertionError: ``` @alice <b>x</b>', 'a', 'b', 'c', 'd'],
        tail: [],
        omittedLines: 0,
      },
    },
  ],
  moreJobs: 1,
};
const REPAIRS = [
  { sha: 'a'.repeat(40), attempt: 1, failure: 'f1' },
  { sha: 'b'.repeat(40), attempt: 2, failure: 'f2' },
];

describe('renderNeedsHumanComment', () => {
  const base = {
    pr: 7,
    failure: FAILURE,
    repoUrl: 'https://github.com/acme/shop',
    runUrl: 'https://github.com/acme/shop/actions/runs/77',
  };

  it('at the cap: why, what failed (log text only in code), what was tried, the label and what a person can do', () => {
    const body = renderNeedsHumanComment({
      ...base,
      reason: { kind: 'cap', maxAttempts: 2, attempts: 2 },
      repairs: REPAIRS,
    });
    expect(body).toMatchSnapshot();
    expect(body).toContain('````text\n  ✖ clamp raises values below min\n  AssertionError: ``` @alice <b>x</b>');
    expect(body).not.toContain('\n  d\n'); // five error lines at most
  });

  it('after an attempt without a verified change: the work so far and how to try again', () => {
    const body = renderNeedsHumanComment({
      ...base,
      reason: {
        kind: 'attempt-failed',
        why: 'the iteration budget (3) ran out.',
        branch: 'greenlight/fix-pr-7-wip',
        compareUrl: 'https://github.com/acme/shop/compare/feature...greenlight/fix-pr-7-wip?expand=1',
      },
      repairs: REPAIRS.slice(0, 1),
    });
    expect(body).toContain(
      '**Why:** This repair attempt produced no verified change: the iteration budget (3) ran out.',
    );
    expect(body).toContain(
      '- repair 2 (this run): stopped without a verified change; the work so far is on `greenlight/fix-pr-7-wip` ([compare](https://github.com/acme/shop/compare/feature...greenlight/fix-pr-7-wip?expand=1))',
    );
    expect(body).toContain('remove the label to let it try again on the next failure');
  });

  it('after the same failure on its last repair', () => {
    const body = renderNeedsHumanComment({
      ...base,
      reason: { kind: 'same-failure', sha: 'b'.repeat(40) },
      repairs: REPAIRS,
    });
    expect(body).toContain("**Why:** CI failed the same way on greenlight's last repair commit `bbbbbbb`");
  });
});

const result = (verdict: ThreadResult['verdict'], line: number | null = 3): ThreadResult => ({
  id: 101,
  path: 'src/calc.js',
  startLine: null,
  line,
  verdict,
});
const COMMIT = { sha: 'd'.repeat(40), url: `https://github.com/acme/shop/commit/${'d'.repeat(40)}` };

describe('review replies', () => {
  it('say what a "done" rests on, quote the model only as code, and leave undone threads open', () => {
    expect(
      renderThreadReply(
        result({ status: 'done', evidence: 'lines', files: ['src/calc.js'], summary: 'Renamed to `lower` @bob' }),
        COMMIT,
      ),
    ).toBe(
      [
        `✅ Addressed in [\`ddddddd\`](${COMMIT.url}): it changes the commented lines of \`src/calc.js\`.`,
        '',
        "The model's note: ``Renamed to `lower` @bob``",
        '',
        "_greenlight's verdict is the model's report checked against the commit's diff: please look before resolving._",
        '',
      ].join('\n'),
    );
    expect(
      renderThreadReply(
        result({ status: 'done', evidence: 'other-files', files: ['test/calc.test.js'], summary: 'Test added.' }),
        COMMIT,
      ),
    ).toContain('it changes `test/calc.test.js` (not `src/calc.js`).');
    const open = renderThreadReply(result({ status: 'not-done', reason: 'Needs a product decision.' }), COMMIT);
    expect(open).toContain('⚠️ Not addressed in');
    expect(open).toContain('This thread stays open for a person.');
  });

  it('list every comment in the progress comment, done or not, with the reason', () => {
    expect(
      renderThreadList(
        [
          result({ status: 'done', evidence: 'file', files: ['src/calc.js'], summary: 'x' }),
          { ...result({ status: 'not-done', reason: 'the model did not report on this comment' }, null), id: 102 },
        ],
        new Map([[101, 'https://github.com/acme/shop/pull/7#discussion_r101']]),
      ),
    ).toBe(
      [
        '**Review comments:** 1 of 2 addressed.',
        '',
        '- ✅ [comment](https://github.com/acme/shop/pull/7#discussion_r101) on `src/calc.js` line 3: done — it changes `src/calc.js`, though not the commented lines themselves',
        '- ⚠️ `src/calc.js`: not done — `the model did not report on this comment`',
      ].join('\n'),
    );
  });
});
