/**
 * The progress checklist: the markdown of the progress comment that is updated at
 * every step, and a one-line form for terminals.
 */
import type { ProgressSnapshot, StepName, TestCounts } from '../../ports/progress.ts';
import { formatCount, formatUsd } from './format.ts';

const LABELS: Record<StepName, string> = {
  understand: 'Understand the request',
  context: 'Assemble repository context',
  baseline: 'Run the tests before any change',
  iterations: 'Generate, test and fix',
  verify: 'Verify (full suite, reruns, test integrity)',
  publish: 'Publish',
};

const ORDER: readonly StepName[] = ['understand', 'context', 'baseline', 'iterations', 'verify', 'publish'];

/**
 * @example
 * renderProgressChecklist(snapshot)
 * // - [x] Understand the request
 * // - [ ] **Generate, test and fix** — round 2 of 5 (in progress)
 * // …
 * // Tests: 12 passed, 1 failing (13 total) · 45,210 tokens · $0.1234
 */
export function renderProgressChecklist(snapshot: ProgressSnapshot): string {
  const lines = ORDER.map((name) => {
    const step = snapshot.steps[name];
    const detail = step.detail === undefined || step.detail === '' ? '' : ` — ${oneLine(step.detail)}`;
    switch (step.state) {
      case 'done':
        return `- [x] ${LABELS[name]}${detail}`;
      case 'running':
        return `- [ ] **${LABELS[name]}**${detail} (in progress)`;
      case 'failed':
        return `- [ ] ${LABELS[name]} — **stopped**${detail}`;
      case 'skipped':
        return `- [ ] ~~${LABELS[name]}~~ (skipped)`;
      case 'pending':
        return `- [ ] ${LABELS[name]}${detail}`;
    }
  });
  return `${lines.join('\n')}\n\n${figures(snapshot)}\n`;
}

/**
 * `iterations … · round 2/5 · tests 12/13 passing · 45,210 tokens · $0.1234`. The test
 * counts are the latest run's, named by what ran (`related tests 3/4 passing`) and, when
 * they come from an earlier round, by when (`… in round 1`, `… before any change`).
 */
export function renderProgressLine(snapshot: ProgressSnapshot): string {
  const current =
    ORDER.find((name) => snapshot.steps[name].state === 'running') ??
    [...ORDER].reverse().find((name) => snapshot.steps[name].state !== 'pending') ??
    'understand';
  const parts = [`${current} ${symbol(snapshot.steps[current].state)}`];
  if (snapshot.iteration > 0) parts.push(`round ${snapshot.iteration}/${snapshot.maxIterations}`);
  if (snapshot.tests !== undefined) {
    const t = snapshot.tests;
    parts.push(`${SCOPE_LABELS[t.scope ?? 'full']} ${t.passed}/${t.total} passing${when(t, snapshot.iteration)}`);
  }
  parts.push(`${formatCount(snapshot.tokens)} tokens`, formatUsd(snapshot.costUsd));
  return parts.join(' · ');
}

const SCOPE_LABELS: Record<NonNullable<TestCounts['scope']>, string> = {
  full: 'tests',
  related: 'related tests',
  selected: 'selected tests',
};

/** When the counts are not from the current round: ` before any change`, ` in round 1`. */
function when(tests: TestCounts, iteration: number): string {
  if (tests.round === undefined || tests.round === iteration) return '';
  return tests.round === 0 ? ' before any change' : ` in round ${tests.round}`;
}

function figures(snapshot: ProgressSnapshot): string {
  const parts: string[] = [];
  if (snapshot.tests !== undefined) {
    const t = snapshot.tests;
    const which = t.scope === undefined || t.scope === 'full' ? '' : `, ${SCOPE_LABELS[t.scope]}`;
    parts.push(
      `Tests: ${formatCount(t.passed)} passed, ${formatCount(t.failed)} failing (${formatCount(t.total)} total${which}${when(t, snapshot.iteration)})`,
    );
  }
  if (snapshot.iteration > 0) parts.push(`round ${snapshot.iteration} of ${snapshot.maxIterations}`);
  parts.push(`${formatCount(snapshot.tokens)} tokens`, formatUsd(snapshot.costUsd));
  return parts.join(' · ');
}

function symbol(state: ProgressSnapshot['steps'][StepName]['state']): string {
  return { done: '✓', running: '…', failed: '✗', skipped: '–', pending: '' }[state];
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
