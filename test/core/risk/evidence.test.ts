/** The content rule's readers: exports, I/O imports, package manifests, exercising tests. */
import { describe, expect, it } from 'vitest';
import { exportNames } from '../../../src/core/risk/evidence/export-names.ts';
import { exercisingTests, testCandidates } from '../../../src/core/risk/evidence/exercising-tests.ts';
import { isIoImport } from '../../../src/core/risk/evidence/io-imports.ts';
import { readModule } from '../../../src/core/risk/evidence/module-facts.ts';
import {
  judgePackage,
  manifestPaths,
  nearestPackage,
  parsePackage,
} from '../../../src/core/risk/evidence/package-facts.ts';
import { planEvidence } from '../../../src/core/risk/evidence/plan-evidence.ts';
import { added, modified } from './changes.ts';

describe('exportNames', () => {
  it.each([
    [
      'ESM declarations',
      'typescript',
      'export function parse() {}\nexport const stringify = () => 1;\nexport class Lexer {}',
      ['parse', 'stringify', 'Lexer'],
    ],
    [
      'ESM lists, renames and types left out',
      'typescript',
      'export { a, b as decode, type T };\nexport default encode;',
      ['a', 'decode', 'encode'],
    ],
    ['CommonJS properties', 'javascript', 'module.exports.load = load;\nexports.dump = dump;', ['load', 'dump']],
    [
      'CommonJS object',
      'javascript',
      'module.exports = { parseFeed, toCsv: rowsToCsv, format(x) { return x; } };',
      ['parseFeed', 'toCsv', 'format'],
    ],
    [
      'UMD namespace',
      'javascript',
      'var Papa = {};\nPapa.parse = CsvToJson;\nPapa.unparse = JsonToCsv;\nreturn Papa;',
      ['parse', 'unparse'],
    ],
    [
      'Python __all__ wins',
      'python',
      '__all__ = ["loads", "dumps"]\ndef loads(s): pass\ndef _helper(): pass\ndef other(): pass',
      ['loads', 'dumps'],
    ],
    [
      'Python public defs',
      'python',
      'def loads(s):\n    pass\n\ndef _private():\n    pass\nclass Decoder:\n    pass',
      ['loads', 'Decoder'],
    ],
    [
      'Go exported functions and methods',
      'go',
      'func Parse(s string) {}\nfunc (d *Decoder) Decode() {}\nfunc helper() {}',
      ['Parse', 'Decode'],
    ],
    [
      'Rust pub fns',
      'rust',
      'pub fn parse(s: &str) {}\nfn private() {}\npub(crate) fn encode() {}',
      ['parse', 'encode'],
    ],
    [
      'Java public methods',
      'java',
      'public final class Csv {\n  public static List<String> parseLine(String s) {}\n  private void x() {}',
      ['parseLine'],
    ],
    [
      'Ruby methods',
      'ruby',
      'module Yamlish\n  def self.load(text)\n  end\n  def dump?(x)\n  end\nend',
      ['load', 'dump'],
    ],
  ])('%s', (_name, language, text, names) => {
    expect(exportNames(language as Parameters<typeof exportNames>[0], text)).toEqual(names);
  });
});

describe('isIoImport', () => {
  it.each([
    ['javascript', 'node:fs', true],
    ['javascript', 'fs/promises', true],
    ['typescript', '@aws-sdk/client-s3', true],
    ['typescript', 'react', true],
    ['javascript', 'date-fns', false],
    ['javascript', './common', false],
    ['python', 'requests.adapters', true],
    ['python', 'json', false],
    ['go', 'net/http', true],
    ['go', 'strings', false],
    ['java', 'java.io.FileReader', true],
    ['rust', 'std::fs', true],
  ])('%s %s → %s', (language, specifier, io) => {
    expect(isIoImport(language, specifier)).toBe(io);
  });
});

describe('readModule', () => {
  it('names each sign of I/O once', () => {
    expect(readModule('lib/x.js', "const fs = require('fs');\nfs.readFileSync(p);")?.io).toEqual(['imports fs']);
    expect(readModule('lib/x.ts', 'export const f = () => fetch(url);')?.io).toEqual(['uses "fetch("']);
    expect(readModule('lib/x.py', 'import os\n')?.io).toEqual(['imports os']);
  });

  it('takes browser and process globals for side effects, but not fields of the same name', () => {
    expect(readModule('lib/x.js', 'window.location.assign(url);')?.io).toEqual(['uses "window.location"']);
    expect(readModule('lib/x.js', 'if (x) process.exit(1);')?.io).toEqual(['uses "process.exit"']);
    expect(readModule('lib/x.js', 'var line = node.location.line + state.document.depth;')?.io).toEqual([]);
  });

  it('reads only module languages (no UI components, no declarations)', () => {
    expect(readModule('src/App.tsx', 'export function App() {}')).toBeNull();
    expect(readModule('src/types.d.ts', 'export type A = 1;')).toBeNull();
    expect(readModule('README.md', '# x')).toBeNull();
  });
});

describe('package manifests', () => {
  it('reads package.json, pyproject.toml ([project] or [tool.poetry]) and Cargo.toml', () => {
    expect(parsePackage('package.json', '{"name":"a","description":"CSV parser","keywords":["csv"]}')).toEqual({
      path: 'package.json',
      name: 'a',
      words: ['csv', 'parser', 'csv'],
    });
    expect(
      parsePackage(
        'py/pyproject.toml',
        '[tool.poetry]\nname = "b"\ndescription = "TOML decoder"\nkeywords = ["toml"]\n',
      ),
    ).toEqual({ path: 'py/pyproject.toml', name: 'b', words: ['toml', 'decoder', 'toml'] });
    expect(parsePackage('Cargo.toml', '[package]\nname = "c"\nkeywords = ["base64", "encoding"]\n')?.words).toEqual([
      'base64',
      'encoding',
    ]);
    expect(parsePackage('package.json', '{ not json')).toBeNull();
    expect(parsePackage('pyproject.toml', '[tool.black]\nline-length = 100\n')).toBeNull();
  });

  it('sorts words into data work and I/O', () => {
    expect(judgePackage({ path: 'package.json', name: 'x', words: ['yaml', 'parser', 'http', 'client'] })).toEqual({
      data: ['yaml', 'parser'],
      io: ['http', 'client'],
    });
  });

  it('finds the nearest manifest, walking up from the file', () => {
    expect(manifestPaths('a/b.js')).toEqual([
      'a/package.json',
      'a/pyproject.toml',
      'a/Cargo.toml',
      'package.json',
      'pyproject.toml',
      'Cargo.toml',
    ]);
    const manifests = new Map([
      ['package.json', '{"name":"root","keywords":["app"]}'],
      ['packages/csv/package.json', '{"name":"csv","keywords":["csv"]}'],
    ]);
    expect(nearestPackage('packages/csv/src/parse.ts', manifests)?.name).toBe('csv');
    expect(nearestPackage('src/other.ts', manifests)?.name).toBe('root');
  });
});

describe('exercising tests', () => {
  const files = [
    'lib/loader.js',
    'test/loader.test.js',
    'test/10-loader.js',
    'test/dumper.test.js',
    'src/lib/dates.ts',
    'src/lib/dates.test.ts',
    'tests/test_reader.py',
    'docs/loader.md',
  ];

  it('picks test files named after the module, nearest first', () => {
    expect(testCandidates('lib/loader.js', files)).toEqual(['test/10-loader.js', 'test/loader.test.js']);
    expect(testCandidates('src/lib/dates.ts', files)).toEqual(['src/lib/dates.test.ts']);
    expect(testCandidates('README.md', files)).toEqual([]);
  });

  it('prefers tests that import the module over tests only named after it', () => {
    const tests = new Map([
      ['test/10-loader.js', "var yaml = require('../');"],
      ['test/loader.test.js', "var loader = require('../lib/loader');"],
      ['test/dumper.test.js', "var dumper = require('../lib/dumper');"],
    ]);
    expect(exercisingTests('lib/loader.js', tests)).toEqual([
      { path: 'test/loader.test.js', how: 'imports it' },
      { path: 'test/10-loader.js', how: 'named after it' },
    ]);
    expect(
      exercisingTests('tomlet/_reader.py', new Map([['tests/test_x.py', 'from tomlet._reader import loads']])),
    ).toEqual([{ path: 'tests/test_x.py', how: 'imports it' }]);
  });
});

describe('planEvidence', () => {
  it('reads more only for modules that could be pure, and their manifests up to the root', () => {
    const pure = modified('lib/loader.js', 'module.exports.load = load;');
    const io = modified('lib/net.js', "require('http');\nmodule.exports.load = load;");
    const test = added('test/loader.test.js', "require('../lib/loader');");
    const contents = new Map([
      ['lib/loader.js', 'function load(s) { return s; }\nmodule.exports.load = load;'],
      ['lib/net.js', "var http = require('http');\nmodule.exports.load = load;"],
      ['test/loader.test.js', "require('../lib/loader');"],
    ]);
    const plan = planEvidence([pure, io, test], contents);
    expect(plan.candidates.map((c) => c.path)).toEqual(['lib/loader.js']);
    expect(plan.atBase).toEqual([
      'lib/loader.js',
      'lib/package.json',
      'lib/pyproject.toml',
      'lib/Cargo.toml',
      'package.json',
      'pyproject.toml',
      'Cargo.toml',
    ]);
  });
});
