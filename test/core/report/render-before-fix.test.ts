import { describe, expect, it } from 'vitest';
import { renderBeforeFix } from '../../../src/core/report/render-before-fix.ts';
import type { BeforeFixRecord } from '../../../src/ports/audit.ts';

const record = (over: Partial<BeforeFixRecord>): BeforeFixRecord => ({
  expectation: 'fail',
  required: false,
  reverted: ['src/calc.js'],
  tests: [],
  timedOut: false,
  met: false,
  ...over,
});

describe('renderBeforeFix', () => {
  it('a fix: one row per test saying whether it fails before the fix', () => {
    const text = renderBeforeFix(
      record({
        met: true,
        tests: [
          { id: 'test/clamp.test.js::clamp lowers values above max', origin: 'new', before: 'failed' },
          { id: 'test/clamp.test.js::clamp | keeps', origin: 'new', before: 'passed' },
          { id: 'test/new.test.js::loads', origin: 'new', before: 'missing' },
        ],
      }),
    );
    expect(text).toBe(
      [
        '### Does the fix reproduce the bug?',
        '',
        "The engine ran the new and changed tests again, against the base with the change's other files put back as they were (`src/calc.js`).",
        '',
        '| Test | Origin | Fails before the fix |',
        '| --- | --- | --- |',
        '| `test/clamp.test.js::clamp lowers values above max` | new | **yes** (failed) |',
        '| `test/clamp.test.js::clamp \\| keeps` | new | no (passed) |',
        '| `test/new.test.js::loads` | new | **yes** (did not run) |',
        '',
        '2 tests of 3 fail without the fix and pass with it: the fix is shown to change what they check.',
      ].join('\n'),
    );
  });

  it('a fix that reproduces nothing says so, and names the setting that refuses it', () => {
    const tests = [{ id: 'a.test.js::x', origin: 'new' as const, before: 'passed' as const }];
    expect(renderBeforeFix(record({ tests }))).toContain(
      'None of them fails without the fix, so none shows the bug it is for.',
    );
    expect(renderBeforeFix(record({ tests, required: true }))).toContain(
      'so none shows the bug it is for. `verify.requireFailBeforeFix` does not accept that.',
    );
    expect(renderBeforeFix(record({ tests: [], required: true }))).toBe(
      '### Does the fix reproduce the bug?\n\nNo test of the change fails or passes differently without it: it adds or changes no test that could show the bug. `verify.requireFailBeforeFix` does not accept that.',
    );
    expect(
      renderBeforeFix(record({ timedOut: true, tests: [{ id: 'a::b', origin: 'new', before: 'missing' }] })),
    ).toContain('The run against the base timed out, so it proves nothing.');
  });

  it('tests for existing code: they should pass on the code as it was', () => {
    const passing = renderBeforeFix(
      record({
        expectation: 'pass',
        met: true,
        reverted: [],
        tests: [{ id: 'a::b', origin: 'new', before: 'passed' }],
      }),
    );
    expect(passing).toContain('### Do the new tests pass on the code as it was?');
    expect(passing).toContain('The change touches only tests, so the code before it is the code they passed on.');
    expect(passing).toContain('| `a::b` | new | **yes** (passed) |');
    expect(passing).toContain('Every one of them passes on the code as it was');
    const failing = renderBeforeFix(
      record({ expectation: 'pass', tests: [{ id: 'a::b', origin: 'new', before: 'failed' }] }),
    );
    expect(failing).toContain('| `a::b` | new | no (failed) |');
    expect(failing).toContain("1 test of 1 fails on the code as it was: it depends on the change's edits");
    expect(renderBeforeFix(record({ expectation: 'pass' }))).toContain('The change adds or changes no test.');
  });
});
