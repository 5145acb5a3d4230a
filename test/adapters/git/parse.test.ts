import { describe, expect, it } from 'vitest';
import { parsePatchLines } from '../../../src/adapters/git/parse-patch-lines.ts';
import { parseRawNumstat } from '../../../src/adapters/git/parse-raw-numstat.ts';
import { unquotePath } from '../../../src/adapters/git/unquote-path.ts';

describe('unquotePath', () => {
  it.each([
    ['plain/path.txt', 'plain/path.txt'],
    ['"caf\\303\\251.txt"', 'café.txt'],
    ['"with \\"quotes\\" and \\\\ backslash"', 'with "quotes" and \\ backslash'],
    ['"tab\\there"', 'tab\there'],
    ['"new\\nline"', 'new\nline'],
  ])('%s', (quoted, expected) => {
    expect(unquotePath(quoted)).toBe(expected);
  });
});

describe('parseRawNumstat', () => {
  it('reads statuses, modes, renames and binary markers', () => {
    const output = [
      ':100644 100644 aaa bbb M',
      'src/a.ts',
      ':000000 100755 000 ccc A',
      'bin/run',
      ':100644 000000 ddd 000 D',
      'old.txt',
      ':100644 100644 eee fff R087',
      'from.ts',
      'to.ts',
      ':100644 120000 ggg hhh T',
      'link',
      '1\t2\tsrc/a.ts',
      '3\t0\tbin/run',
      '0\t4\told.txt',
      '1\t1\t',
      'from.ts',
      'to.ts',
      '-\t-\tlink',
      '',
    ].join('\0');
    expect(parseRawNumstat(output)).toEqual({
      entries: [
        { path: 'src/a.ts', status: 'modified', oldMode: '100644', newMode: '100644' },
        { path: 'bin/run', status: 'added', oldMode: '000000', newMode: '100755' },
        { path: 'old.txt', status: 'deleted', oldMode: '100644', newMode: '000000' },
        { path: 'to.ts', previousPath: 'from.ts', status: 'renamed', oldMode: '100644', newMode: '100644' },
        { path: 'link', status: 'modified', oldMode: '100644', newMode: '120000' },
      ],
      binary: new Set(['link']),
    });
  });
});

describe('parsePatchLines', () => {
  it('numbers added lines as they are in the new file, hunk by hunk', () => {
    const patch = [
      'diff --git a/a.txt b/a.txt',
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -2,0 +3,2 @@',
      '+three',
      '+four',
      '@@ -9 +11 @@',
      '-old',
      '+eleven',
      '',
    ].join('\n');
    expect(parsePatchLines(patch).get('a.txt')).toEqual({
      added: ['three', 'four', 'eleven'],
      addedAt: [3, 4, 11],
      removed: ['old'],
    });
  });

  it('uses hunk counts, so content that looks like headers stays content', () => {
    const patch = [
      'diff --git a/q.sql b/q.sql',
      'index 1..2 100644',
      '--- a/q.sql',
      '+++ b/q.sql',
      '@@ -1,2 +1 @@',
      '--- old comment',
      '-diff --git a/x b/x',
      '+++ new comment',
      '@@ -9 +8,0 @@',
      '-last',
      '\\ No newline at end of file',
      'diff --git a/mode.sh b/mode.sh',
      'old mode 100644',
      'new mode 100755',
      'diff --git "a/caf\\303\\251 x.txt" "b/caf\\303\\251 x.txt"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/caf\\303\\251 x.txt"',
      '@@ -0,0 +1 @@',
      '+hello',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git a/with space.txt b/with space.txt',
      '--- a/with space.txt\t',
      '+++ b/with space.txt\t',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '',
    ].join('\n');
    expect(Object.fromEntries(parsePatchLines(patch))).toEqual({
      'q.sql': { added: ['++ new comment'], addedAt: [1], removed: ['-- old comment', 'diff --git a/x b/x', 'last'] },
      'mode.sh': { added: [], addedAt: [], removed: [] },
      'café x.txt': { added: ['hello'], addedAt: [1], removed: [] },
      'gone.txt': { added: [], addedAt: [], removed: ['bye'] },
      'with space.txt': { added: ['b'], addedAt: [1], removed: ['a'] },
    });
  });
});
