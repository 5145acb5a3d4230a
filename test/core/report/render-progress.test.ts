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
