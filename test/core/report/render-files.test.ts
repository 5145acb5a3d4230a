import { describe, expect, it } from 'vitest';
import { renderFiles } from '../../../src/core/report/render-sections.ts';
import type { FileChange } from '../../../src/ports/workspace.ts';

const change = (overrides: Partial<FileChange>): FileChange => ({
  path: 'src/run.sh',
  status: 'modified',
  binary: false,
  addedLines: ['a'],
  removedLines: [],
  ...overrides,
});

describe('renderFiles', () => {
  it.each<[string, Partial<FileChange>, string]>([
    [
      'an added file (git reports old mode 000000)',
      { status: 'added', oldMode: '000000', newMode: '100644' },
      '| `src/run.sh` | added | +1 −0 |',
    ],
    [
      'a deleted file (git reports new mode 000000)',
      { status: 'deleted', oldMode: '100644', newMode: '000000', addedLines: [], removedLines: ['a'] },
      '| `src/run.sh` | deleted | +0 −1 |',
    ],
    [
      'an added executable file',
      { status: 'added', oldMode: '000000', newMode: '100755' },
      '| `src/run.sh` | added | +1 −0 |',
    ],
    [
      'a file that became executable',
      { oldMode: '100644', newMode: '100755' },
      '| `src/run.sh` | modified (mode 100644 → 100755) | +1 −0 |',
    ],
    [
      'a renamed file that became a symlink',
      { status: 'renamed', previousPath: 'old.sh', oldMode: '100644', newMode: '120000' },
      '| `old.sh` → `src/run.sh` | renamed (mode 100644 → 120000) | +1 −0 |',
    ],
    [
      'a modified file with the same mode',
      { oldMode: '100644', newMode: '100644' },
      '| `src/run.sh` | modified | +1 −0 |',
    ],
    ['a change without modes', {}, '| `src/run.sh` | modified | +1 −0 |'],
  ])('%s', (_name, overrides, row) => {
    expect(
      renderFiles([change(overrides)])
        .split('\n')
        .at(-1),
    ).toBe(row);
  });
});
