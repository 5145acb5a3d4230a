import { describe, expect, it } from 'vitest';
import { joinShellWords, quoteShellWord, splitShellWords } from '../../../src/core/testing/shell-words.ts';

describe('splitShellWords', () => {
  it.each([
    ['vitest run', ['vitest', 'run']],
    ['  jest   --ci  ', ['jest', '--ci']],
    [`vitest run --config "a b.ts"`, ['vitest', 'run', '--config', 'a b.ts']],
    [`mocha 'test/**/*.js'`, ['mocha', 'test/**/*.js']],
    ['CI=1 NODE_ENV=test jest', ['CI=1', 'NODE_ENV=test', 'jest']],
    [`a""b`, ['ab']],
    ['', []],
  ])('splits %j', (line, words) => {
    expect(splitShellWords(line)).toEqual(words);
  });

  it.each([
    'tsc && vitest run',
    'jest; echo done',
    'jest | tee out',
    'jest > out.txt',
    'jest $FLAGS',
    'jest `x`',
    'mocha test/*.js',
    'jest "$HOME"',
    'echo "unterminated',
    "echo 'unterminated",
    'a\\ b',
    'jest # comment',
    'jest\nrm -rf /',
  ])('refuses shell syntax in %j', (line) => {
    expect(splitShellWords(line)).toBeNull();
  });
});

describe('quoteShellWord / joinShellWords', () => {
  it.each([
    ['plain', 'plain'],
    ['--outputFile.json=.greenlight-tmp/ab/vitest.json', '--outputFile.json=.greenlight-tmp/ab/vitest.json'],
    ['a b', `'a b'`],
    [`it's`, `'it'\\''s'`],
    ['', `''`],
    ['^(TestA|TestB)$', `'^(TestA|TestB)$'`],
  ])('quotes %j', (word, quoted) => {
    expect(quoteShellWord(word)).toBe(quoted);
  });

  it('joins words so that they split back the same', () => {
    const words = ['npx', 'vitest', 'related', 'src/a b.ts', '--run'];
    expect(joinShellWords(words)).toBe(`npx vitest related 'src/a b.ts' --run`);
    expect(splitShellWords(joinShellWords(words))).toEqual(words);
  });
});
