/** A tiny repository for loop scenarios (see FakeTestRunner for the test markers). */
export const BUGGY_ADD = 'export function add(a: number, b: number): number {\n  return a - b;\n}\n';
export const FIXED_ADD = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';

export function repoFiles(add = FIXED_ADD): Record<string, string> {
  return {
    'package.json': '{ "name": "fixture", "scripts": { "test": "vitest run" } }\n',
    'src/add.ts': add,
    'src/mul.ts': 'export const mul = (a: number, b: number): number => a * b;\n',
    'test/mul.test.ts':
      "import { mul } from '../src/mul';\nit('multiplies', () => {\n  expect(mul(2, 3)).toBe(6);\n});\n",
  };
}

/** A generated test file for src/add.ts whose test passes only with the fixed add. */
export const ADD_TEST =
  "import { add } from './add';\nit('adds', () => { expect(add(1, 2)).toBe(3); }); // @needs(src/add.ts: a + b)\n";
