import { describe, expect, it } from 'vitest';
import { createTestPairs, testSubject } from '../../../src/core/context/test-pairs.ts';
import { makeIndex } from './make-index.ts';

const index = makeIndex({
  'src/core/risk/tier.ts': '',
  'test/core/risk/tier.test.ts': '',
  'src/web/cart.tsx': '',
  'src/web/cart.spec.tsx': '',
  'src/util/index.ts': '',
  'src/util/__tests__/util.ts': '',
  'lib/other/tier.ts': '',
  'shop/models.py': '',
  'tests/test_models.py': '',
  'shop/api_client.py': '',
  'shop/api_client_test.py': '',
  'internal/cart/cart.go': 'package cart\n',
  'internal/cart/cart_test.go': 'package cart\n',
  'internal/cart/item.go': 'package cart\n',
  'internal/cart/helpers_test.go': 'package cart\n',
  'src/main/java/com/acme/Ledger.java': '',
  'src/test/java/com/acme/LedgerTest.java': '',
  'lib/shop/cart.rb': '',
  'spec/shop/cart_spec.rb': '',
  'docs/tier.md': '',
  'shop/__init__.py': '',
  'tests/__init__.py': '',
});
const pairs = createTestPairs(index.files);
const at = (path: string): number => index.files.findIndex((f) => f.path === path);
const names = (indexes: number[]): string[] => indexes.map((i) => index.files[i]!.path);

describe('testSubject', () => {
  it.each([
    ['a/tier.test.ts', 'tier'],
    ['a/risk-tier.spec.js', 'risktier'],
    ['tests/test_models.py', 'models'],
    ['pkg/api_client_test.py', 'apiclient'],
    ['cart_test.go', 'cart'],
    ['LedgerTest.java', 'ledger'],
    ['LedgerTests.kt', 'ledger'],
    ['cart_spec.rb', 'cart'],
    ['__tests__/util.ts', 'util'],
  ])('%s → %s', (path, subject) => {
    expect(testSubject(path)).toBe(subject);
  });
});

describe('createTestPairs', () => {
  it.each([
    [
      'mirrored test/ tree wins over a same-named file elsewhere',
      'src/core/risk/tier.ts',
      ['test/core/risk/tier.test.ts'],
    ],
    ['colocated spec', 'src/web/cart.tsx', ['src/web/cart.spec.tsx']],
    ['index.ts goes by its directory', 'src/util/index.ts', ['src/util/__tests__/util.ts']],
    ['python tests/test_x.py', 'shop/models.py', ['tests/test_models.py']],
    ['python x_test.py', 'shop/api_client.py', ['shop/api_client_test.py']],
    ['go x_test.go', 'internal/cart/cart.go', ['internal/cart/cart_test.go']],
    [
      'go package tests for a file without its own',
      'internal/cart/item.go',
      ['internal/cart/cart_test.go', 'internal/cart/helpers_test.go'],
    ],
    ['java', 'src/main/java/com/acme/Ledger.java', ['src/test/java/com/acme/LedgerTest.java']],
    ['ruby spec', 'lib/shop/cart.rb', ['spec/shop/cart_spec.rb']],
    ['docs are not sources', 'docs/tier.md', []],
    ['a package marker in tests/ tests no package marker', 'shop/__init__.py', []],
  ])('tests of a source: %s', (_name, source, tests) => {
    expect(names(pairs.testsOf(at(source)))).toEqual(tests);
  });

  it.each([
    ['test/core/risk/tier.test.ts', ['src/core/risk/tier.ts']],
    ['tests/test_models.py', ['shop/models.py']],
    ['spec/shop/cart_spec.rb', ['lib/shop/cart.rb']],
  ])('sources of a test: %s', (test, sources) => {
    expect(names(pairs.sourcesOf(at(test)))).toEqual(sources);
  });
});
