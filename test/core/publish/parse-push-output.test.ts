import { describe, expect, it } from 'vitest';
import { parsePushOutput } from '../../../src/core/publish/parse-push-output.ts';

describe('parsePushOutput', () => {
  it.each([
    ['*\tabc:refs/heads/x\t[new branch]', { ref: 'refs/heads/x', ok: true, summary: '[new branch]' }],
    [
      '+\tabc:refs/heads/x\t1111111...2222222 (forced update)',
      { ref: 'refs/heads/x', ok: true, summary: '1111111...2222222 (forced update)' },
    ],
    [
      '!\tabc:refs/heads/x\t[rejected] (stale info)',
      { ref: 'refs/heads/x', ok: false, rejection: 'stale', reason: 'stale info' },
    ],
    [
      '!\tabc:refs/heads/x\t[rejected] (fetch first)',
      { ref: 'refs/heads/x', ok: false, rejection: 'non-fast-forward', reason: 'fetch first' },
    ],
    [
      '!\tabc:refs/heads/x\t[remote rejected] (pre-receive hook declined)',
      { ref: 'refs/heads/x', ok: false, rejection: 'remote-rejected', reason: 'pre-receive hook declined' },
    ],
    [
      '!\tabc:refs/heads/x\t[rejected] (atomic push failed)',
      { ref: 'refs/heads/x', ok: false, rejection: 'other', reason: 'atomic push failed' },
    ],
  ])('%j', (line, status) => {
    expect(parsePushOutput(`To /tmp/remote.git\n${line}\nDone\n`)).toEqual([status]);
  });
});
