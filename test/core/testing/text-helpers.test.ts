import { describe, expect, it } from 'vitest';
import { cleanFailureText } from '../../../src/core/testing/clean-failure-text.ts';
import { relativizePath, relativizeText } from '../../../src/core/testing/relativize.ts';
import { failureLine, findPositions, splitStack } from '../../../src/core/testing/stack-frames.ts';
import { stripAnsi } from '../../../src/core/testing/strip-ansi.ts';

describe('stripAnsi', () => {
  it.each([
    ['\u001b[31mred\u001b[39m', 'red'],
    ['\u001b[1m\u001b[41m FAIL \u001b[49m\u001b[22m', ' FAIL '],
    ['\u001b]8;;https://x.dev\u0007link\u001b]8;;\u0007', 'link'],
    ['progress 10%\rprogress 100%\n', 'progress 100%\n'],
    ['a\r\nb', 'a\nb'],
    ['plain', 'plain'],
  ])('cleans %j', (input, output) => {
    expect(stripAnsi(input)).toBe(output);
  });
});

describe('relativize', () => {
  it.each([
    ['/w/src/a.ts', 'src/a.ts'],
    ['file:///w/src/a%20b.ts', 'src/a b.ts'],
    ['/real/w/x.py', 'x.py'],
    ['./lib/a.js', 'lib/a.js'],
    ['/usr/lib/python3/x.py', '/usr/lib/python3/x.py'],
    ['C:\\w\\a.ts', 'C:/w/a.ts'],
  ])('relativizePath(%j)', (path, expected) => {
    expect(relativizePath(path, ['/w', '/real/w/'])).toBe(expected);
  });

  it('replaces every root in free text, longest first', () => {
    expect(relativizeText('at /w/sub/a.ts:1 and file:///w/b.ts:2 and /wx/c.ts', ['/w', '/w/sub'])).toBe(
      'at a.ts:1 and b.ts:2 and /wx/c.ts',
    );
    expect(relativizeText('rootdir: /w/p, RUN /w/p\n/w/p.bak /w/p-2 /x/w/p', ['/w/p'])).toBe(
      'rootdir: ., RUN .\n/w/p.bak /w/p-2 /x/w/p',
    );
  });
});

describe('stack frames', () => {
  const text = [
    'AssertionError: expected 1 to be 2',
    '    at Object.<anonymous> (src/a.test.ts:12:5)',
    '    at Promise.then.completed (/w/node_modules/jest-circus/build/utils.js:298:28)',
    '    at new Promise (<anonymous>)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at helper (src/helper.ts:3:9)',
  ].join('\n');

  it('splits message and a short stack without runner internals', () => {
    expect(splitStack(text)).toEqual({
      message: 'AssertionError: expected 1 to be 2',
      stack: 'at Object.<anonymous> (src/a.test.ts:12:5)\nat helper (src/helper.ts:3:9)',
    });
    expect(splitStack(text, 1).stack).toBe('at Object.<anonymous> (src/a.test.ts:12:5)');
  });

  it('has no stack when there are no frames, or only internal ones', () => {
    expect(splitStack('just a message\n')).toEqual({ message: 'just a message', stack: undefined });
    expect(splitStack('Error: t\n    at listOnTimeout (node:internal/timers:1:1)')).toEqual({
      message: 'Error: t',
      stack: undefined,
    });
  });

  it('finds the line in the test file', () => {
    expect(findPositions('x (src/a.ts:3:1) y.py:9: z')).toEqual([
      { file: 'src/a.ts', line: 3 },
      { file: 'y.py', line: 9 },
    ]);
    expect(failureLine(text, 'src/helper.ts')).toBe(3);
    expect(failureLine(text, 'src/a.test.ts')).toBe(12);
    expect(failureLine(text, 'other.ts')).toBeUndefined();
    expect(failureLine(undefined, 'a.ts')).toBeUndefined();
  });

  it('cleans failure text: ANSI, roots, common indentation', () => {
    expect(cleanFailureText('\n    \u001b[31mError\u001b[39m in /w/a.ts\n      detail\n', ['/w'])).toBe(
      'Error in a.ts\n  detail',
    );
  });
});
