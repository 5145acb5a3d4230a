import { describe, expect, it } from 'vitest';
import { renderProgressChecklist, renderProgressLine } from '../../../src/core/report/render-progress.ts';
import type { ProgressSnapshot } from '../../../src/ports/progress.ts';

const snapshot: ProgressSnapshot = {
  steps: {
    understand: { state: 'done' },
    context: { state: 'done', detail: '42 files ranked' },
    baseline: { state: 'done', detail: '10 passed, 1 failing before any change' },
    iterations: { state: 'running', detail: 'round 2 of 5' },
    verify: { state: 'pending' },
    publish: { state: 'pending' },
  },
  iteration: 2,
  maxIterations: 5,
  tests: { passed: 12, failed: 1, total: 13 },
  tokens: 45_210,
  costUsd: 0.1234,
};

describe('progress rendering', () => {
  it('renders the checklist with the figures so far', () => {
    expect(renderProgressChecklist(snapshot)).toBe(
      [
        '- [x] Understand the request',
        '- [x] Assemble repository context — 42 files ranked',
        '- [x] Run the tests before any change — 10 passed, 1 failing before any change',
        '- [ ] **Generate, test and fix** — round 2 of 5 (in progress)',
        '- [ ] Verify (full suite, reruns, test integrity)',
        '- [ ] Publish',
        '',
        'Tests: 12 passed, 1 failing (13 total) · round 2 of 5 · 45,210 tokens · $0.1234',
        '',
      ].join('\n'),
    );
  });

  it.each<[ProgressSnapshot['steps']['verify']['state'], string]>([
    ['done', '- [x] Verify (full suite, reruns, test integrity) — 3 reruns'],
    ['failed', '- [ ] Verify (full suite, reruns, test integrity) — **stopped** — 3 reruns'],
    ['skipped', '- [ ] ~~Verify (full suite, reruns, test integrity)~~ (skipped)'],
  ])('renders a %s step', (state, line) => {
    const text = renderProgressChecklist({
      ...snapshot,
      steps: { ...snapshot.steps, verify: { state, detail: '3 reruns' } },
    });
    expect(text.split('\n')).toContain(line);
  });

  it.each<[string, NonNullable<ProgressSnapshot['tests']>, string, string]>([
    [
      'this round, whole suite',
      { passed: 12, failed: 1, total: 13, round: 2, scope: 'full' },
      'tests 12/13 passing',
      '(13 total)',
    ],
    [
      'this round, related tests',
      { passed: 3, failed: 1, total: 4, round: 2, scope: 'related' },
      'related tests 3/4 passing',
      '(4 total, related tests)',
    ],
    [
      'the previous round',
      { passed: 3, failed: 1, total: 4, round: 1, scope: 'related' },
      'related tests 3/4 passing in round 1',
      '(4 total, related tests in round 1)',
    ],
    [
      'the baseline',
      { passed: 10, failed: 1, total: 11, round: 0, scope: 'full' },
      'tests 10/11 passing before any change',
      '(11 total before any change)',
    ],
    [
      'reruns of picked tests',
      { passed: 2, failed: 0, total: 2, round: 2, scope: 'selected' },
      'selected tests 2/2 passing',
      '(2 total, selected tests)',
    ],
  ])('says which run the counts are from: %s', (_name, tests, line, figures) => {
    expect(renderProgressLine({ ...snapshot, tests })).toBe(
      `iterations … · round 2/5 · ${line} · 45,210 tokens · $0.1234`,
    );
    expect(renderProgressChecklist({ ...snapshot, tests })).toContain(
      `Tests: ${tests.passed} passed, ${tests.failed} failing ${figures} · round 2 of 5`,
    );
  });

  it('renders a one-line form for terminals', () => {
    expect(renderProgressLine(snapshot)).toBe(
      'iterations … · round 2/5 · tests 12/13 passing · 45,210 tokens · $0.1234',
    );
    const start: ProgressSnapshot = {
      ...snapshot,
      iteration: 0,
      tests: undefined,
      tokens: 0,
      costUsd: 0,
      steps: { ...snapshot.steps, iterations: { state: 'pending' }, baseline: { state: 'running' } },
    };
    expect(renderProgressLine(start)).toBe('baseline … · 0 tokens · $0.0000');
  });
});
