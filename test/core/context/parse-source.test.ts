import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/core/context/parse-source.ts';
import { parseTypeScript } from '../../../src/core/context/parse-typescript.ts';
import { parseWithPatterns } from '../../../src/core/context/parse-with-patterns.ts';
import { extractImports } from '../../../src/core/context/extract-imports.ts';

const TS = `import { a } from './a.ts';
import type { B } from "../b.js";

/** Doc. */
export function rateLevel(tier: string,
  fallback = 0): number {
  return a(tier) ?? fallback;
}

export class Ledger extends Base {
  private total = 0;
  add(amount: number): void {
    this.total += amount;
  }
  get size(): number { return this.total; }
}

interface Options { a: number }
export type Mode = 'a' | 'b';
export const compute = async (x: number) => {
  return x * 2;
};
enum Color { Red }
const lazy = await import('./lazy.js');
`;

describe('parseTypeScript', () => {
  it('finds top-level definitions and class members with their extent', () => {
    const { definitions } = parseTypeScript('src/x.ts', TS);
    expect(definitions.map((d) => [d.name, d.kind, d.startLine, d.endLine, d.exported, d.container ?? null])).toEqual([
      ['rateLevel', 'function', 5, 8, true, null],
      ['Ledger', 'class', 10, 16, true, null],
      ['total', 'variable', 11, 11, true, 'Ledger'],
      ['add', 'method', 12, 14, true, 'Ledger'],
      ['size', 'method', 15, 15, true, 'Ledger'],
      ['Options', 'interface', 18, 18, false, null],
      ['Mode', 'type', 19, 19, true, null],
      ['compute', 'function', 20, 22, true, null],
      ['Color', 'enum', 23, 23, false, null],
      ['lazy', 'variable', 24, 24, false, null],
    ]);
  });

  it('makes a skeleton of signatures, without bodies', () => {
    const { skeletonLines } = parseTypeScript('src/x.ts', TS);
    expect(skeletonLines).toEqual([5, 6, 10, 11, 12, 15, 16, 18, 19, 20, 23, 24]);
  });

  it('parses JSX and plain JavaScript', () => {
    expect(parseTypeScript('a.jsx', 'export function App() { return <div/>; }\n').definitions[0]!.name).toBe('App');
    expect(
      parseTypeScript('a.js', 'module.exports = function x() {};\nfunction helper() {}\n').definitions.map(
        (d) => d.name,
      ),
    ).toEqual(['helper']);
  });

  // Expected values are what the TypeScript compiler's parser gave for the same text
  // (the parser this one replaced); a comparison on ~7,000 files of public repositories
  // found no difference (see docs/context.md).
  const EDGES = `import { Injectable } from '@nestjs/common';

@Injectable()
export class Service {
  @Inject() private readonly repo: Repo;
  #secret = 1;
  'quoted-name' = 2;
  [computed] = 3;
  static { init(); }
  constructor(a: string);
  constructor(a: string, b?: number) {
    super();
  }
  abstract run(): void;
  @Get(':id')
  async find(
    id: string,
  ): Promise<void> {
    return;
  }
  #hidden() {}
  accessor count = 0;
  [key: string]: unknown;
}

export default class {}
export default function named() {}
export function over(a: string): void;
export function over(a: number): void;
export function over(a: unknown) {
  return a;
}
declare function ambient(): void;
export declare const flag: boolean;
export namespace Outer.Inner {
  export const x = 1;
}
declare module 'some-module' {
  export const y: number;
}
declare global {
  interface Window { z: 1 }
}
export = something;
export * from './all';
export * as ns from './ns';
export { a, b as c } from './ab';
const { destructured } = obj;
let a = 1, b = () => 2;
export const paren = (() => 3);
export const fn = function () {
  return 1;
};
export const generic = <T,>(x: T): T => x;
export abstract class Abs {
  protected abstract go(): void;
}
export const enum CE { A }
using res = getResource();
`;

  it('covers decorators, overloads, private and computed members, namespaces and re-exports', () => {
    for (const path of ['src/edges.ts', 'src/edges.tsx']) {
      const { definitions, skeletonLines } = parseTypeScript(path, EDGES);
      expect(definitions.map((d) => [d.name, d.kind, d.startLine, d.endLine, d.exported, d.container ?? null])).toEqual(
        [
          ['Service', 'class', 3, 24, true, null],
          ['repo', 'variable', 5, 5, true, 'Service'],
          ['#secret', 'variable', 6, 6, true, 'Service'],
          ['quoted-name', 'variable', 7, 7, true, 'Service'],
          ['constructor', 'method', 10, 10, true, 'Service'],
          ['constructor', 'method', 11, 13, true, 'Service'],
          ['run', 'method', 14, 14, true, 'Service'],
          ['find', 'method', 15, 20, true, 'Service'],
          ['#hidden', 'method', 21, 21, true, 'Service'],
          ['count', 'variable', 22, 22, true, 'Service'],
          ['named', 'function', 27, 27, true, null],
          ['over', 'function', 28, 28, true, null],
          ['over', 'function', 29, 29, true, null],
          ['over', 'function', 30, 32, true, null],
          ['ambient', 'function', 33, 33, false, null],
          ['flag', 'variable', 34, 34, true, null],
          ['Outer', 'module', 35, 37, true, null],
          ['some-module', 'module', 38, 40, false, null],
          ['global', 'module', 41, 43, false, null],
          ['a', 'variable', 49, 49, false, null],
          ['b', 'function', 49, 49, false, null],
          ['paren', 'variable', 50, 50, true, null],
          ['fn', 'function', 51, 53, true, null],
          ['generic', 'function', 54, 54, true, null],
          ['Abs', 'class', 55, 57, true, null],
          ['go', 'method', 56, 56, true, 'Abs'],
          ['CE', 'enum', 58, 58, true, null],
          ['res', 'variable', 59, 59, false, null],
        ],
      );
      expect(skeletonLines).toEqual([
        3, 4, 5, 6, 7, 10, 11, 14, 15, 16, 17, 18, 21, 22, 24, 27, 28, 29, 30, 33, 34, 35, 38, 41, 44, 45, 46, 47, 49,
        50, 51, 54, 55, 56, 57, 58, 59,
      ]);
    }
  });

  it('parses Flow-annotated JavaScript with JSX', () => {
    const flow =
      "// @flow\nimport type { X } from './x';\nexport function typed(a: number): string { return String(a); }\nconst App = () => <div>{1}</div>;\nmodule.exports = { App };\nexport default App;\n";
    for (const path of ['a.js', 'a.mjs']) {
      const { definitions, skeletonLines } = parseTypeScript(path, flow);
      expect(definitions.map((d) => [d.name, d.kind, d.startLine, d.endLine, d.exported])).toEqual([
        ['typed', 'function', 3, 3, true],
        ['App', 'function', 4, 4, false],
      ]);
      expect(skeletonLines).toEqual([3, 4, 6]);
    }
  });

  it('throws on text it cannot parse, and parseSource falls back to patterns', () => {
    const content = 'export function kept(a) {\n  return a;\n}\n)))\n';
    expect(() => parseTypeScript('a.ts', content)).toThrow();
    const file = { path: 'a.ts', content, size: content.length, language: 'typescript' as const, isTest: false };
    expect(parseSource(file).definitions.map((d) => d.name)).toEqual(['kept']);
  });
});

describe('parseWithPatterns', () => {
  it.each([
    [
      'python',
      'import os\n\nMAX = 3\n\nclass Cart:\n    def add(self, item):\n        return item\n\n    async def _save(self):\n        pass\n\n\ndef parse_date(value):\n    return value\n',
      [
        ['MAX', 'variable', 3, 3],
        ['Cart', 'class', 5, 10],
        ['add', 'method', 6, 7],
        ['_save', 'method', 9, 10],
        ['parse_date', 'function', 13, 14],
      ],
    ],
    [
      'go',
      'package shop\n\ntype Cart struct {\n\tItems []Item\n}\n\nfunc (c *Cart) Add(i Item) {\n\tc.Items = append(c.Items, i)\n}\n\nfunc NewCart() *Cart {\n\treturn &Cart{}\n}\n',
      [
        ['Cart', 'class', 3, 5],
        ['Add', 'method', 7, 9],
        ['NewCart', 'function', 11, 13],
      ],
    ],
    [
      'ruby',
      'module Shop\n  class Cart\n    def add(item)\n      @items << item\n    end\n  end\nend\n',
      [
        ['Shop', 'module', 1, 7],
        ['Cart', 'class', 2, 6],
        ['add', 'method', 3, 5],
      ],
    ],
    [
      'rust',
      'pub struct Cart {\n    items: Vec<Item>,\n}\n\nimpl Cart {\n    pub fn add(&mut self, i: Item) {\n        self.items.push(i);\n    }\n}\n',
      [
        ['Cart', 'class', 1, 3],
        ['Cart', 'class', 5, 9],
        ['add', 'method', 6, 8],
      ],
    ],
    [
      'java',
      'package a;\n\npublic class Cart {\n    public void add(Item item) {\n        items.add(item);\n    }\n}\n',
      [
        ['Cart', 'class', 3, 7],
        ['add', 'method', 4, 6],
      ],
    ],
    [
      'kotlin',
      'class Cart {\n    fun add(item: Item) {\n        items.add(item)\n    }\n}\n\nfun total(c: Cart): Int = 0\n',
      [
        ['Cart', 'class', 1, 5],
        ['add', 'method', 2, 4],
        ['total', 'function', 7, 7],
      ],
    ],
    [
      'shell',
      '#!/bin/bash\nlog() {\n  echo "$1"\n}\n\nfunction main {\n  log hi\n}\n',
      [
        ['log', 'function', 2, 4],
        ['main', 'function', 6, 8],
      ],
    ],
  ] as const)('%s definitions', (language, content, expected) => {
    const { definitions } = parseWithPatterns(language, content);
    expect(definitions.map((d) => [d.name, d.kind, d.startLine, d.endLine])).toEqual(expected);
  });

  it('marks Python private names and Go lower-case names as not exported', () => {
    expect(
      parseWithPatterns('python', 'def _x():\n    pass\ndef y():\n    pass\n').definitions.map((d) => d.exported),
    ).toEqual([false, true]);
    expect(parseWithPatterns('go', 'package a\nfunc x() {}\nfunc Y() {}\n').definitions.map((d) => d.exported)).toEqual(
      [false, true],
    );
  });
});

describe('extractImports', () => {
  it.each([
    [
      'typescript',
      "import { a } from './a.ts';\nimport type {\n  B,\n  C,\n} from '../b.js';\nexport * from './c';\nimport './side-effect.css';\nconst d = require('./d');\nconst e = await import('./e.js');\nimport x from 'lodash';\n",
      ['./a.ts', '../b.js', './c', './side-effect.css', 'lodash', './d', './e.js'],
    ],
    [
      'python',
      'import os, sys\nfrom . import models, views\nfrom ..core.risk import tier\nfrom pkg.mod import (\n  a,\n  b,\n)\n',
      ['.models', '.views', '..core.risk', 'pkg.mod', 'os', 'sys'],
    ],
    [
      'go',
      'package a\n\nimport "fmt"\n\nimport (\n\t"errors"\n\tshop "example.com/shop/internal/cart"\n)\n',
      ['fmt', 'errors', 'example.com/shop/internal/cart'],
    ],
    [
      'java',
      'import com.acme.Cart;\nimport static com.acme.Util.max;\nimport com.acme.model.*;\n',
      ['com.acme.Cart', 'com.acme.Util.max', 'com.acme.model'],
    ],
    ['ruby', "require 'json'\nrequire_relative 'cart'\n", ['json', './cart']],
    [
      'rust',
      'mod cart;\npub mod api;\nuse crate::cart::Cart;\nuse std::fmt;\n',
      ['mod:cart', 'mod:api', 'crate::cart::Cart'],
    ],
    ['c', '#include <stdio.h>\n#include "cart.h"\n', ['cart.h']],
    ['shell', 'source ./lib/log.sh\n. "$DIR/util.sh"\n', ['./lib/log.sh', '$DIR/util.sh']],
  ] as const)('%s', (language, content, expected) => {
    expect(extractImports(language, content)).toEqual(expected);
  });
});
