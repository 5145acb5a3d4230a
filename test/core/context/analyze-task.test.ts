import { describe, expect, it } from 'vitest';
import { analyzeTask } from '../../../src/core/context/analyze-task.ts';

describe('analyzeTask', () => {
  it.each([
    ['repo path', 'Please look at src/core/risk/tier.ts first.', ['src/core/risk/tier.ts']],
    ['leading ./', 'see ./lib/util.py', ['lib/util.py']],
    ['bare file name', 'the bug is in parser.go somewhere', ['parser.go']],
    ['directory', 'everything under packages/api/ is affected', ['packages/api/']],
    ['path with line', 'src/app.ts:42 throws', ['src/app.ts']],
    ['path in backticks', 'edit `config/settings.yaml`', ['config/settings.yaml']],
    ['not a URL', 'see https://example.test/a/b.ts', []],
    ['not a version', 'upgrade to 1.2.3 please', []],
  ])('finds paths: %s', (_name, text, paths) => {
    expect(analyzeTask(text).paths).toEqual(paths);
  });

  it.each([
    ['camelCase', 'closeLedger returns -1', ['closeLedger']],
    ['PascalCase', 'RepoConfig rejects keys', ['RepoConfig']],
    ['snake_case', 'parse_date fails on leap days', ['parse_date']],
    ['SCREAMING_CASE', 'MAX_RETRIES is ignored', ['MAX_RETRIES']],
    ['dotted parts', 'calling RepoConfig.parse() throws', ['RepoConfig', 'parse']],
    ['call syntax', 'run() never resolves', ['run']],
    ['plain words are not identifiers', 'The export is broken', []],
    ['code span words are', 'the `normalize` helper', ['normalize']],
  ])('finds identifiers: %s', (_name, text, identifiers) => {
    expect(analyzeTask(text).identifiers).toEqual(identifiers);
  });

  it('keeps dotted names as written', () => {
    expect(analyzeTask('os.path.join and RepoConfig.parse and config.yml').dottedNames).toEqual([
      'os.path.join',
      'RepoConfig.parse',
    ]);
  });

  it.each([
    [
      'node',
      'TypeError: x is undefined\n    at closeLedger (/home/runner/work/app/app/src/billing/ledger.ts:7:10)\n    at node:internal/main:1:1',
      [{ path: '/home/runner/work/app/app/src/billing/ledger.ts', line: 7, symbol: 'closeLedger' }],
    ],
    ['node without function', '    at file:///srv/app/lib/run.js:3:5', [{ path: '/srv/app/lib/run.js', line: 3 }]],
    [
      'python',
      'Traceback (most recent call last):\n  File "app/models.py", line 12, in save\n    raise ValueError()',
      [{ path: 'app/models.py', line: 12, symbol: 'save' }],
    ],
    [
      'java',
      '\tat com.acme.billing.Invoice.total(Invoice.java:42)',
      [{ path: 'Invoice.java', line: 42, symbol: 'com.acme.billing.Invoice.total' }],
    ],
    [
      'go',
      'panic: boom\n\ngoroutine 1 [running]:\nmain.run()\n\t/src/app/cmd/server/main.go:27 +0x1d',
      [{ path: '/src/app/cmd/server/main.go', line: 27 }],
    ],
    ['ruby', "lib/shop/cart.rb:10:in `add_item'", [{ path: 'lib/shop/cart.rb', line: 10, symbol: 'add_item' }]],
    ['pytest', 'tests/test_cart.py:33: AssertionError', [{ path: 'tests/test_cart.py', line: 33 }]],
    ['tsc', 'src/index.ts(12,5): error TS2322', [{ path: 'src/index.ts', line: 12 }]],
    ['rust', "thread 'main' panicked at src/main.rs:4:5:", [{ path: 'src/main.rs', line: 4 }]],
  ])('reads stack frames: %s', (_name, text, frames) => {
    expect(analyzeTask(text).frames).toEqual(frames);
  });

  it.each([
    ['JS error', 'TypeError: Cannot read properties of undefined', ['TypeError: Cannot read properties of undefined']],
    ['python exception', "KeyError: 'total'", ["KeyError: 'total'"]],
    ['go panic', 'panic: runtime error: index out of range', ['panic: runtime error: index out of range']],
    ['rust error code', 'error[E0308]: mismatched types', ['error[E0308]: mismatched types']],
    ['assertion', 'AssertionError: expected 1 to equal 2', ['AssertionError: expected 1 to equal 2']],
  ])('finds error messages: %s', (_name, text, errors) => {
    expect(analyzeTask(text).errors).toEqual(errors);
  });

  it('collects quoted code from fences and inline spans', () => {
    const analysis = analyzeTask('Use `maxTier(a, b)` like this:\n\n```ts\nconst t = maxTier(low, high);\n```\n');
    expect(analysis.codeSnippets).toEqual(['const t = maxTier(low, high);', 'maxTier(a, b)']);
  });

  it('weighs terms: identifiers and the first line count more, stopwords and short words are dropped', () => {
    const analysis = analyzeTask('Fix the ledger export\n\nThe closeRank should work for all the tiers in the ledger.');
    const terms = Object.fromEntries(analysis.terms.map((t) => [t.term, t.weight]));
    expect(terms.ledger).toBe(4); // first line (2) + twice in the text (1 + 1)
    expect(terms.rank).toBe(4); // once in the text + identifier (3)
    expect(terms.the).toBeUndefined();
    expect(terms.fix).toBeUndefined();
    expect(analysis.terms[0]!.weight).toBeGreaterThanOrEqual(analysis.terms.at(-1)!.weight);
  });
});
