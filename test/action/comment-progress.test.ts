import { describe, expect, it } from 'vitest';
import { CommentProgress } from '../../src/action/comment-progress.ts';
import { initialSnapshot, withStep } from '../../src/action/progress-snapshot.ts';
import type { CommentInfo } from '../../src/ports/forge.ts';
import type { ProgressSnapshot } from '../../src/ports/progress.ts';
import { FakeForge } from '../fakes/fake-forge.ts';

/** A FakeForge whose comment edits wait until the test releases them. */
class GatedForge extends FakeForge {
  readonly pending: (() => void)[] = [];
  gated = true;

  override async updateComment(commentId: number, body: string): Promise<CommentInfo> {
    if (this.gated) await new Promise<void>((resolve) => this.pending.push(resolve));
    return super.updateComment(commentId, body);
  }

  release(): void {
    for (const resolve of this.pending.splice(0)) resolve();
  }
}

const render = (s: ProgressSnapshot) => `round ${s.iteration}, ${s.tokens} tokens`;
const snap = (iteration: number, tokens = 0): ProgressSnapshot => ({ ...initialSnapshot(5), iteration, tokens });
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function setup(minIntervalMs = 0) {
  const forge = new GatedForge();
  forge.addIssue({ number: 1 });
  const comment = await forge.createComment(1, 'start');
  const errors: unknown[] = [];
  const progress = new CommentProgress({
    forge,
    commentId: comment.id,
    render,
    minIntervalMs,
    onError: (e) => errors.push(e),
    redact: (t) => t.replace(/secret/g, '[REDACTED]'),
  });
  const bodies = () => forge.callsOf('updateComment').map((args) => args[1]);
  return { forge, progress, errors, bodies, comment };
}

describe('CommentProgress', () => {
  it('returns at once and writes only the newest snapshot after an edit in flight', async () => {
    const { forge, progress, bodies } = await setup();
    await progress.update(snap(1));
    await tick();
    expect(forge.pending).toHaveLength(1);
    for (let i = 2; i <= 6; i++) await progress.update(snap(i));
    forge.release();
    await tick();
    forge.release();
    await progress.flush();
    expect(bodies()).toEqual(['round 1, 0 tokens', 'round 6, 0 tokens']);
    expect(progress.edits).toBe(2);
    expect(progress.last?.iteration).toBe(6);
  });

  it('does not send an edit that changes nothing', async () => {
    const { forge, progress, bodies } = await setup();
    forge.gated = false;
    await progress.update(snap(1));
    await progress.flush();
    await progress.update(withStep(snap(1), 'context', 'running'));
    await progress.flush();
    expect(bodies()).toEqual(['round 1, 0 tokens']);
  });

  it('reports a failed edit and carries on; finish writes the final text, redacted', async () => {
    const { forge, progress, errors, comment } = await setup();
    forge.gated = false;
    forge.failNext('updateComment');
    await progress.update(snap(1));
    await progress.flush();
    expect(errors).toHaveLength(1);
    expect(await progress.finish('done with secret')).toBe(true);
    expect(forge.comments.find((c) => c.id === comment.id)?.body).toBe('done with [REDACTED]');
  });

  it('finish reports false when the final edit fails', async () => {
    const { forge, progress } = await setup();
    forge.gated = false;
    forge.failNext('updateComment');
    expect(await progress.finish('final')).toBe(false);
  });

  it('flush does not wait out the minimum interval between edits', async () => {
    const { forge, progress, bodies } = await setup(3_600_000);
    forge.gated = false;
    await progress.update(snap(1));
    await progress.flush();
    await progress.update(snap(2));
    await progress.flush();
    expect(bodies()).toEqual(['round 1, 0 tokens', 'round 2, 0 tokens']);
  });
});
