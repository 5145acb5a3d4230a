import { describe, expect, it } from 'vitest';
import { patchLines, toFileChange, type ModeFacts } from '../../../src/core/github/pull-request-changes.ts';

const noModes: ModeFacts = { base: new Map(), head: new Map() };

describe('patchLines', () => {
  it('collects added and removed lines by the hunk counts', () => {
    const patch =
      '@@ -1,3 +1,3 @@\n context\n--- a removed SQL comment\n+++ an added line\n context\n@@ -10 +10,2 @@\n-old\n+new\n+newer\n\\ No newline at end of file';
    expect(patchLines(patch)).toEqual({
      added: ['++ an added line', 'new', 'newer'],
      removed: ['-- a removed SQL comment', 'old'],
    });
  });

  it('reads a patch of an added file', () => {
    expect(patchLines('@@ -0,0 +1,2 @@\n+a\n+b')).toEqual({ added: ['a', 'b'], removed: [] });
  });
});

describe('toFileChange', () => {
  it.each([
    [
      'modified with a patch',
      { filename: 'a.ts', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b', additions: 1, deletions: 1 },
      { path: 'a.ts', status: 'modified', binary: false, addedLines: ['b'], removedLines: ['a'] },
    ],
    [
      'renamed without changes',
      { filename: 'b.ts', previous_filename: 'a.ts', status: 'renamed', additions: 0, deletions: 0 },
      { path: 'b.ts', previousPath: 'a.ts', status: 'renamed', binary: false, addedLines: [], removedLines: [] },
    ],
    [
      'added without a patch (binary or too large)',
      { filename: 'logo.png', status: 'added', additions: 0, deletions: 0 },
      { path: 'logo.png', status: 'added', binary: true, addedLines: [], removedLines: [] },
    ],
    [
      'modified with changes but no patch',
      { filename: 'big.sql', status: 'modified', additions: 5000, deletions: 10 },
      { path: 'big.sql', status: 'modified', binary: true, addedLines: [], removedLines: [] },
    ],
    [
      'removed',
      { filename: 'old.ts', status: 'removed', patch: '@@ -1 +0,0 @@\n-x', additions: 0, deletions: 1 },
      { path: 'old.ts', status: 'deleted', binary: false, addedLines: [], removedLines: ['x'] },
    ],
    [
      'a mode change with unknown modes (fails closed to executable)',
      { filename: 'run.sh', status: 'changed', additions: 0, deletions: 0 },
      { path: 'run.sh', status: 'modified', newMode: '100755', binary: false, addedLines: [], removedLines: [] },
    ],
  ])('%s', (_name, file, expected) => {
    expect(toFileChange(file, noModes)).toEqual(expected);
  });

  it('takes modes from the base (old path) and the head', () => {
    const modes: ModeFacts = { base: new Map([['a.sh', '100644']]), head: new Map([['b.sh', '100755']]) };
    expect(
      toFileChange(
        { filename: 'b.sh', previous_filename: 'a.sh', status: 'renamed', additions: 0, deletions: 0 },
        modes,
      ),
    ).toMatchObject({ oldMode: '100644', newMode: '100755' });
  });
});
