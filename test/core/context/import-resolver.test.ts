import { describe, expect, it } from 'vitest';
import { createImportResolver } from '../../../src/core/context/import-resolver.ts';
import { makeIndex } from './make-index.ts';

const index = makeIndex({
  'src/core/a.ts': '',
  'src/core/b.ts': '',
  'src/core/types.d.ts': '',
  'src/util/index.ts': '',
  'src/web/App.tsx': '',
  'lib/legacy.js': '',
  'src/pkg/__init__.py': '',
  'src/pkg/core/__init__.py': '',
  'src/pkg/core/risk.py': '',
  'src/pkg/api.py': '',
  'go.mod': 'module example.com/shop\n\ngo 1.22\n',
  'internal/cart/cart.go': 'package cart\n',
  'internal/cart/item.go': 'package cart\n',
  'internal/cart/cart_test.go': 'package cart\n',
  'src/main/java/com/acme/Cart.java': '',
  'lib/shop/cart.rb': '',
  'lib/shop.rb': '',
  'crate/src/lib.rs': '',
  'crate/src/cart.rs': '',
  'crate/src/api/mod.rs': '',
  'crate/src/api/routes.rs': '',
  'native/cart.h': '',
  'native/cart.c': '',
  'scripts/lib/log.sh': '',
  'scripts/run.sh': '',
});
const resolve = createImportResolver(index.files);
const at = (path: string): number => index.files.findIndex((f) => f.path === path);
const paths = (from: string, specifier: string): string[] =>
  resolve(at(from), specifier).map((i) => index.files[i]!.path);

describe('createImportResolver', () => {
  it.each([
    ['TS relative with .ts', 'src/core/a.ts', './b.ts', ['src/core/b.ts']],
    ['TS ESM .js for a .ts source', 'src/core/a.ts', './b.js', ['src/core/b.ts']],
    ['TS extensionless', 'src/core/a.ts', './b', ['src/core/b.ts']],
    ['TS directory index', 'src/core/a.ts', '../util', ['src/util/index.ts']],
    ['TS .d.ts', 'src/core/a.ts', './types', ['src/core/types.d.ts']],
    ['TSX', 'src/core/a.ts', '../web/App', ['src/web/App.tsx']],
    ['@/ alias', 'src/web/App.tsx', '@/core/a', ['src/core/a.ts']],
    ['package import', 'src/core/a.ts', 'lodash', []],
    ['Python relative', 'src/pkg/api.py', '.core.risk', ['src/pkg/core/risk.py']],
    ['Python parent package', 'src/pkg/core/risk.py', '..api', ['src/pkg/api.py']],
    ['Python absolute under src/', 'src/pkg/api.py', 'pkg.core.risk', ['src/pkg/core/risk.py']],
    ['Python package', 'src/pkg/api.py', 'pkg.core', ['src/pkg/core/__init__.py']],
    ['Python stdlib', 'src/pkg/api.py', 'os.path', []],
    [
      'Go module package',
      'internal/cart/cart.go',
      'example.com/shop/internal/cart',
      ['internal/cart/cart.go', 'internal/cart/item.go'],
    ],
    ['Go stdlib', 'internal/cart/cart.go', 'fmt', []],
    ['Java class', 'src/main/java/com/acme/Cart.java', 'com.acme.Cart', ['src/main/java/com/acme/Cart.java']],
    ['Ruby require_relative', 'lib/shop.rb', './shop/cart', ['lib/shop/cart.rb']],
    ['Ruby require from lib', 'lib/shop.rb', 'shop/cart', ['lib/shop/cart.rb']],
    ['Rust mod from lib.rs', 'crate/src/lib.rs', 'mod:cart', ['crate/src/cart.rs']],
    ['Rust mod dir', 'crate/src/lib.rs', 'mod:api', ['crate/src/api/mod.rs']],
    ['Rust use crate path', 'crate/src/cart.rs', 'crate::api::routes', ['crate/src/api/routes.rs']],
    ['C include', 'native/cart.c', 'cart.h', ['native/cart.h']],
    ['shell source', 'scripts/run.sh', './lib/log.sh', ['scripts/lib/log.sh']],
  ])('%s', (_name, from, specifier, expected) => {
    expect(paths(from, specifier)).toEqual(expected);
  });
});
