import { describe, expect, it } from 'vitest';
import { copyLikeness, isBundleName } from '../../../src/core/context/find-copies.ts';
import { indexCache } from '../../../src/core/context/index-cache.ts';
import { makeIndex } from './make-index.ts';

/** A library module of `n` functions; `variant` changes every fifth body, as a newer release would. */
function library(n: number, variant = 0): string {
  const lines: string[] = ['/* csvkit — parses and writes CSV */', "'use strict';", ''];
  for (let k = 0; k < n; k += 1) {
    lines.push(`function step${k}(input, options) {`);
    lines.push(variant > 0 && k % 5 === 0 ? `  return input.slice(${k + variant});` : `  return input.slice(${k});`);
    lines.push('}', '');
  }
  return `${lines.join('\n')}module.exports = { step0 };\n`;
}

function copyOf(tree: Record<string, string>, path: string): { original: string; identical: boolean } | null {
  const index = makeIndex(tree);
  const cache = indexCache(index);
  const i = cache.byPath.get(path)!;
  const copy = cache.copyOf(i);
  return copy === null ? null : { original: index.files[copy.original]!.path, identical: copy.identical };
}

describe('copies of a file', () => {
  it('an older copy of the library under docs/ copies the original', () => {
    const tree = { 'csvkit.js': library(60, 0), 'docs/resources/js/csvkit.js': library(60, 7) };
    expect(copyOf(tree, 'docs/resources/js/csvkit.js')).toEqual({ original: 'csvkit.js', identical: false });
    expect(copyOf(tree, 'csvkit.js')).toBeNull();
  });

  it('an identical file: the one in a place for copies, else the deeper one, is the copy', () => {
    expect(copyOf({ 'src/csv.js': library(40), 'build/csv.js': library(40) }, 'build/csv.js')).toEqual({
      original: 'src/csv.js',
      identical: true,
    });
    expect(copyOf({ 'lib/csv.js': library(40), 'lib/legacy/csv.js': library(40) }, 'lib/legacy/csv.js')).toEqual({
      original: 'lib/csv.js',
      identical: true,
    });
    expect(copyOf({ 'lib/csv.js': library(40), 'lib/legacy/csv.js': library(40) }, 'lib/csv.js')).toBeNull();
  });

  it('two near-identical files in ordinary places are both originals (two packages of a monorepo)', () => {
    const tree = { 'packages/a/src/csv.js': library(60, 0), 'packages/b/src/csv.js': library(60, 7) };
    expect(copyOf(tree, 'packages/a/src/csv.js')).toBeNull();
    expect(copyOf(tree, 'packages/b/src/csv.js')).toBeNull();
  });

  it('files that merely share a name are not copies', () => {
    const other = library(60)
      .replace(/step/g, 'other')
      .replace(/input\.slice/g, 'input.concat');
    expect(copyOf({ 'csvkit.js': library(60), 'docs/csvkit.js': other }, 'docs/csvkit.js')).toBeNull();
  });

  it('small files are alike by nature and never copies (an empty __init__.py, a re-export)', () => {
    const tree = { 'pkg/__init__.py': '', 'docs/pkg/__init__.py': '', 'src/index.ts': "export * from './a';\n" };
    expect(copyOf({ ...tree, 'examples/src/index.ts': "export * from './a';\n" }, 'examples/src/index.ts')).toBeNull();
    expect(copyOf(tree, 'docs/pkg/__init__.py')).toBeNull();
  });

  it.each([
    ['csvkit.bundle.js', true],
    ['dist-like/csvkit-bundle.js', true],
    ['csvkit.umd.min.js', true],
    ['csvkit.iife.js', true],
    ['bundle.js', true],
    ['bundler.js', false],
    ['src/bundle/index.ts', false],
  ])('bundle name %s → %s', (path, expected) => {
    expect(isBundleName(path)).toBe(expected);
  });

  it.each([
    ['src/csv.js', 0],
    ['docs/resources/js/csv.js', 2],
    ['examples/basic/csv.bundle.js', 2],
    ['test/fixtures/project/src/csv.js', 1],
  ])('copy likeness of %s is %i', (path, expected) => {
    expect(copyLikeness(path)).toBe(expected);
  });
});
