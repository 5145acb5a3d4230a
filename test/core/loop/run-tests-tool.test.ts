import { describe, expect, it } from 'vitest';
import { parseRunTestsInput } from '../../../src/core/loop/run-tests-tool.ts';

describe('parseRunTestsInput', () => {
  it.each<[string, unknown, ReturnType<typeof parseRunTestsInput>]>([
    ['no input', undefined, { ok: true, selection: undefined }],
    ['empty object', {}, { ok: true, selection: undefined }],
    ['empty lists', { tests: [], files: [] }, { ok: true, selection: undefined }],
    ['tests', { tests: ['a.test.ts::x'] }, { ok: true, selection: { tests: ['a.test.ts::x'] } }],
    ['files', { files: ['src/a.ts'] }, { ok: true, selection: { changedFiles: ['src/a.ts'] } }],
    [
      'a string',
      'all',
      {
        ok: false,
        error: 'run_tests expects an object such as {"tests": ["test/a.test.ts"]} or {} for the whole suite.',
      },
    ],
    [
      'an array',
      ['a'],
      {
        ok: false,
        error: 'run_tests expects an object such as {"tests": ["test/a.test.ts"]} or {} for the whole suite.',
      },
    ],
    [
      'a number list',
      { files: [1] },
      { ok: false, error: 'run_tests: "files" must be an array of non-empty strings.' },
    ],
    [
      'blank strings',
      { tests: [' '] },
      { ok: false, error: 'run_tests: "tests" must be an array of non-empty strings.' },
    ],
    [
      'too many',
      { tests: Array.from({ length: 201 }, (_, i) => `t${i}`) },
      { ok: false, error: 'run_tests: "tests" may list at most 200 entries.' },
    ],
    [
      'unknown key',
      { command: 'rm -rf /' },
      { ok: false, error: 'run_tests does not accept "command"; use "tests" and/or "files".' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(parseRunTestsInput(input)).toEqual(expected);
  });
});
