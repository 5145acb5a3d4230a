import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../src/core/text/unified-diff.ts';

/** Applies the diff with patch(1) to `before` and returns the result. */
function applied(before: string, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-diff-'));
  try {
    writeFileSync(join(dir, 'file'), before);
    const result = spawnSync('patch', ['--force', join(dir, 'file')], { input: diff, encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    return readFileSync(join(dir, 'file'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const labels = { from: 'a/f', to: 'b/f' };
const numbered = (n: number, change: (i: number) => string | null = (i) => `line ${i}`) =>
  Array.from({ length: n }, (_, i) => change(i))
    .filter((line) => line !== null)
    .map((line) => `${line}\n`)
    .join('');

describe('unifiedDiff', () => {
  it('is empty for equal texts and shows a new file as one hunk from /dev/null', () => {
    expect(unifiedDiff('a\n', 'a\n', labels)).toBe('');
    expect(unifiedDiff('', 'x\ny\n', { from: '/dev/null', to: 'b/f' })).toBe(
      '--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n',
    );
  });

  it('shows a changed line as removal then addition, with three lines of context', () => {
    const before = numbered(10);
    const after = numbered(10, (i) => (i === 5 ? 'five' : `line ${i}`));
    expect(unifiedDiff(before, after, labels)).toBe(
      '--- a/f\n+++ b/f\n@@ -3,7 +3,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n',
    );
  });

  it.each([
    ['far-apart changes', numbered(40), numbered(40, (i) => (i === 2 || i === 30 ? `x${i}` : `line ${i}`))],
    ['insertions and deletions', numbered(20), numbered(20, (i) => (i % 7 === 0 ? null : `line ${i}`)) + 'end\n'],
    ['everything replaced', 'a\nb\n', 'c\nd\ne\n'],
    ['all deleted', 'a\nb\n', ''],
  ])('produces a patch that patch(1) applies: %s', (_name, before, after) => {
    expect(applied(before, unifiedDiff(before, after, labels))).toBe(after);
  });
});
