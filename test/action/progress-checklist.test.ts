import { describe, expect, it } from 'vitest';
import { initialSnapshot, withFailure, withStep } from '../../src/action/progress-snapshot.ts';
import {
  isProgressComment,
  progressMarker,
  renderProgressComment,
} from '../../src/action/comments/render-progress-comment.ts';

describe('progress snapshots', () => {
  it('starts with understand running and everything else pending', () => {
    const s = initialSnapshot(5);
    expect(s.steps.understand).toEqual({ state: 'running' });
    expect(s.steps.publish).toEqual({ state: 'pending' });
    expect(s).toMatchObject({ iteration: 0, maxIterations: 5, tokens: 0, costUsd: 0 });
  });

  it('marks the running step failed and skips the rest', () => {
    let s = withStep(initialSnapshot(3), 'understand', 'done');
    s = withStep(s, 'context', 'done');
    s = withStep(s, 'baseline', 'running');
    const failed = withFailure(s, 'no test command');
    expect(failed.steps.baseline).toEqual({ state: 'failed', detail: 'no test command' });
    expect(failed.steps.context).toEqual({ state: 'done' });
    expect([failed.steps.iterations.state, failed.steps.verify.state, failed.steps.publish.state]).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
  });

  it('fails the first pending step when none is running', () => {
    const s = withStep(withStep(initialSnapshot(3), 'understand', 'done'), 'context', 'done');
    expect(withFailure(s, 'x').steps.baseline.state).toBe('failed');
  });
});

describe('renderProgressComment', () => {
  const snapshot = withStep(initialSnapshot(5), 'understand', 'done');

  it('renders the running comment with the marker, the run link and the checklist', () => {
    const body = renderProgressComment({
      subject: 'issue #3',
      runId: '77',
      runUrl: 'https://github.com/acme/shop/actions/runs/77',
      snapshot,
      status: { kind: 'running' },
    });
    expect(body.split('\n').slice(0, 5)).toEqual([
      '<!-- greenlight:progress run=77 -->',
      '',
      '### 👀 greenlight — issue #3',
      '',
      '[Workflow run](https://github.com/acme/shop/actions/runs/77)',
    ]);
    expect(body).toContain('- [x] Understand the request');
    expect(body).toContain('0 tokens · $0.0000');
    expect(body).toContain('_This comment is updated as each step completes._');
    expect(isProgressComment(body, '77')).toBe(true);
    expect(isProgressComment(body, '78')).toBe(false);
  });

  it.each([
    ['success', '✅'],
    ['warning', '⚠️'],
    ['failure', '❌'],
  ] as const)('renders a finished %s comment', (result, icon) => {
    const body = renderProgressComment({
      subject: 'issue #3',
      runId: null,
      runUrl: null,
      snapshot,
      status: { kind: 'finished', result, text: 'Done.' },
    });
    expect(body).toContain(`### ${icon} greenlight — issue #3`);
    expect(body.trimEnd().endsWith('Done.')).toBe(true);
    expect(body).not.toContain('Workflow run');
    expect(body.startsWith(progressMarker(null))).toBe(true);
  });
});
