import { describe, expect, it } from 'vitest';
import { changedLines } from '../../../src/core/review/diff-lines.ts';

// `git diff --cached` of a real repository: a replaced line, an insertion, a deletion,
// a new file, and a rename to a name with a space.
const DIFF = `diff --git a/a.js b/a.js
index a82bf91..0a2ec93 100644
--- a/a.js
+++ b/a.js
@@ -1,6 +1,6 @@
 line1
 line2
-line3
+LINE3
 line4
 line5
 line6
@@ -8,5 +8,6 @@ line7
 line8
 line9
 line10
+inserted
 line11
 line12
diff --git a/b.js b/b.js
deleted file mode 100644
index 587be6b..0000000
--- a/b.js
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/c.js b/c.js
new file mode 100644
index 0000000..92d5444
--- /dev/null
+++ b/c.js
@@ -0,0 +1 @@
+fresh
diff --git a/old.js b/new name.js
similarity index 100%
rename from old.js
rename to new name.js
`;

describe('changedLines', () => {
  it('numbers what a diff changes in the old file: replaced lines, and both sides of an insertion', () => {
    expect(changedLines(DIFF)).toEqual([
      {
        oldPath: 'a.js',
        path: 'a.js',
        ranges: [
          { start: 3, end: 3 },
          { start: 10, end: 11 },
        ],
      },
      { oldPath: 'b.js', path: 'b.js', ranges: [{ start: 1, end: 1 }] },
      { oldPath: 'c.js', path: 'c.js', ranges: [{ start: 1, end: 1 }] },
      { oldPath: 'old.js', path: 'new name.js', ranges: [] },
    ]);
  });

  it('reads quoted names and merges adjacent changes', () => {
    const diff = [
      'diff --git "a/sp\\303\\244t.js" "b/sp\\303\\244t.js"',
      '--- "a/sp\\303\\244t.js"',
      '+++ "b/sp\\303\\244t.js"',
      '@@ -4,3 +4,2 @@',
      '-a',
      '-b',
      '+ab',
      ' c',
    ].join('\n');
    expect(changedLines(diff)).toEqual([{ oldPath: 'spät.js', path: 'spät.js', ranges: [{ start: 4, end: 5 }] }]);
  });

  it('gives nothing for an empty diff', () => {
    expect(changedLines('')).toEqual([]);
  });
});
