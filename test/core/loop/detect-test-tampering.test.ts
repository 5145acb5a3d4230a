import { describe, expect, it } from 'vitest';
import {
  detectDiffTampering,
  detectReportTampering,
  type TamperKind,
} from '../../../src/core/loop/detect-test-tampering.ts';
import type { TestCaseResult, TestReport } from '../../../src/ports/test-runner.ts';
import type { FileChange } from '../../../src/ports/workspace.ts';

const change = (
  path: string,
  status: FileChange['status'],
  removedLines: string[],
  addedLines: string[],
  previousPath?: string,
): FileChange => {
  const c: FileChange = { path, status, binary: false, removedLines, addedLines };
  if (previousPath !== undefined) c.previousPath = previousPath;
  return c;
};

describe('detectDiffTampering', () => {
  it.each<[string, FileChange[], TamperKind[]]>([
    ['deleted JS test file', [change('src/a.test.ts', 'deleted', ["it('a', () => {});"], [])], ['test-file-deleted']],
    [
      'deleted pytest file',
      [change('tests/test_api.py', 'deleted', ['def test_get():', '    assert get() == 1'], [])],
      ['test-file-deleted'],
    ],
    [
      'deleted Go test file',
      [change('pkg/x_test.go', 'deleted', ['func TestX(t *testing.T) {}'], [])],
      ['test-file-deleted'],
    ],
    ['deleted fixture data in a test folder', [change('test/fixtures/data.json', 'deleted', ['{}'], [])], []],
    ['renamed test file', [change('test/a.test.ts', 'renamed', [], [], 'src/a.test.ts')], []],
    [
      'removed it() case',
      [change('src/a.test.ts', 'modified', ["it('adds', () => {", '  expect(add(1, 2)).toBe(3);', '});'], [])],
      ['test-removed', 'assertions-removed'],
    ],
    [
      'reworded callback keeps the test',
      [change('src/a.test.ts', 'modified', ["it('adds', () => {"], ["it('adds', async () => {"])],
      [],
    ],
    [
      'test moved to another test file',
      [
        change('src/a.test.ts', 'modified', ["test('adds', () => {});"], []),
        change('src/b.test.ts', 'added', [], ["test('adds', () => {});"]),
      ],
      [],
    ],
    [
      'removed Python test function',
      [change('tests/test_api.py', 'modified', ['def test_get():', '    pass'], [])],
      ['test-removed'],
    ],
    [
      'removed Go test',
      [change('pkg/x_test.go', 'modified', ['func TestParse(t *testing.T) {', '}'], [])],
      ['test-removed'],
    ],
    [
      'removed inline Rust #[test]',
      [change('src/lib.rs', 'modified', ['    #[test]', '    fn parses() {}'], [])],
      ['test-removed'],
    ],
    ['inline Rust #[ignore] added', [change('src/lib.rs', 'modified', [], ['    #[ignore]'])], ['test-skipped']],
    [
      'removed Rust #[test] in tests/',
      [change('tests/parse.rs', 'modified', ['#[test]', 'fn parses() {}'], [])],
      ['test-removed'],
    ],
    [
      'removed JUnit @Test',
      [change('src/test/java/FooTest.java', 'modified', ['  @Test', '  void works() {}'], [])],
      ['test-removed'],
    ],
    [
      'it.skip added',
      [change('src/a.test.ts', 'modified', ["it('a', () => {});"], ["it.skip('a', () => {});"])],
      ['test-skipped'],
    ],
    [
      'xit added',
      [change('src/a.spec.js', 'modified', ["it('a', () => {});"], ["xit('a', () => {});"])],
      ['test-skipped'],
    ],
    [
      'describe.skip added',
      [change('src/a.test.ts', 'modified', ["describe('a', () => {"], ["describe.skip('a', () => {"])],
      ['test-skipped'],
    ],
    [
      'pytest skip decorator added',
      [change('tests/test_api.py', 'modified', [], ['@pytest.mark.skip(reason="flaky")'])],
      ['test-skipped'],
    ],
    [
      'unittest skip added',
      [change('tests/test_api.py', 'modified', [], ['    @unittest.skip("later")'])],
      ['test-skipped'],
    ],
    ['Go t.Skip added', [change('pkg/x_test.go', 'modified', [], ['\tt.Skip("broken")'])], ['test-skipped']],
    ['Rust #[ignore] added', [change('tests/parse.rs', 'modified', [], ['#[ignore]'])], ['test-skipped']],
    [
      'JUnit @Disabled added',
      [change('src/test/java/FooTest.java', 'modified', [], ['  @Disabled'])],
      ['test-skipped'],
    ],
    [
      'RSpec skip added',
      [change('spec/user_spec.rb', 'modified', [], ['    skip "pending rewrite"'])],
      ['test-skipped'],
    ],
    [
      'a new test file that is already skipped',
      [change('src/b.test.ts', 'added', [], ["it.skip('b', () => {});"])],
      ['test-skipped'],
    ],
    [
      'moving an existing skip is not a new skip',
      [change('src/a.test.ts', 'modified', ["it.skip('a', () => {});"], ["  it.skip('a', () => {});"])],
      [],
    ],
    [
      '.only added',
      [change('src/a.test.ts', 'modified', ["it('a', () => {});"], ["it.only('a', () => {});"])],
      ['focus-added'],
    ],
    [
      'fit added',
      [change('src/a.spec.js', 'modified', ["it('a', () => {});"], ["fit('a', () => {});"])],
      ['focus-added'],
    ],
    [
      'assertion removed',
      [change('src/a.test.ts', 'modified', ['  expect(a).toBe(1);', '  expect(b).toBe(2);'], ['  expect(a).toBe(1);'])],
      ['assertions-removed'],
    ],
    [
      'python assert removed',
      [change('tests/test_api.py', 'modified', ['    assert r.status == 200'], ['    r.status'])],
      ['assertions-removed'],
    ],
    [
      'assertion changed, not removed',
      [change('src/a.test.ts', 'modified', ['  expect(a).toBe(1);'], ['  expect(a).toEqual(1);'])],
      [],
    ],
    [
      'new test file with tests',
      [change('src/b.test.ts', 'added', [], ["it('b', () => { expect(1).toBe(1); });"])],
      [],
    ],
    ['source file edits are not test edits', [change('src/a.ts', 'modified', ['  assert(x);', "it('x')"], [])], []],
    ['skip marker word in a source file', [change('src/skip.ts', 'modified', [], ['skip = true'])], []],
  ])('%s', (_name, changes, kinds) => {
    expect(detectDiffTampering(changes).map((f) => f.kind)).toEqual(kinds);
  });

  it('names the removed test in its detail', () => {
    expect(detectDiffTampering([change('src/a.test.ts', 'modified', ["test('parses dates', () => {});"], [])])).toEqual(
      [{ kind: 'test-removed', path: 'src/a.test.ts', detail: 'test `parses dates` was removed from `src/a.test.ts`' }],
    );
  });
});

describe('detectDiffTampering: the test harness (docs/security.md §28)', () => {
  it.each<[string, FileChange]>([
    ['a new vitest config', change('vitest.config.ts', 'added', [], ['export default {};'])],
    ['a jest config in a package', change('packages/api/jest.config.cjs', 'modified', ['a'], ['b'])],
    ['a vitest workspace', change('vitest.workspace.ts', 'added', [], ['export default [];'])],
    ['a karma config', change('karma.conf.js', 'modified', ['a'], ['b'])],
    ['a mocharc', change('.mocharc.yml', 'added', [], ['spec: test'])],
    ['pytest.ini', change('pytest.ini', 'modified', ['a'], ['b'])],
    ['a conftest', change('tests/conftest.py', 'modified', [], ['def pytest_runtest_makereport(item, call): ...'])],
    ['a setup file by name', change('src/setupTests.ts', 'added', [], ['x'])],
    ['vitest.setup', change('vitest.setup.mts', 'added', [], ['x'])],
    ['setup in a test folder', change('test/helpers/setup.ts', 'added', [], ['x'])],
    ['a reporter', change('scripts/junit-reporter.js', 'added', [], ['x'])],
    ['the test script', change('package.json', 'modified', ['    "test": "vitest run",'], ['    "test": "true",'])],
    ['pytest options in pyproject', change('pyproject.toml', 'modified', [], ['addopts = "-p no:cacheprovider"'])],
    ['a cargo runner', change('.cargo/config.toml', 'added', [], ['[target.x86_64-unknown-linux-gnu]'])],
    ['a deleted jest config', change('jest.config.js', 'deleted', ['module.exports = {};'], [])],
    ['a config moved away', change('old/vitest.config.ts', 'renamed', [], [], 'vitest.config.ts')],
  ])('%s is tampering', (_name, c) => {
    const findings = detectDiffTampering([c]);
    expect(findings.map((f) => f.kind)).toContain('harness-changed');
    expect(findings.find((f) => f.kind === 'harness-changed')?.detail).toContain('the task does not ask for it');
  });

  it.each<[string, FileChange]>([
    ['a source file named like a config', change('src/config.ts', 'modified', ['a'], ['b'])],
    ['setup.ts outside a test folder', change('src/setup.ts', 'modified', ['a'], ['b'])],
    [
      'package.json without test keys',
      change('package.json', 'modified', ['  "version": "1.0.0",'], ['  "version": "1.0.1",']),
    ],
    ['pyproject dependencies', change('pyproject.toml', 'modified', [], ['requests = "^2"'])],
    ['a test file', change('test/cart.test.ts', 'added', [], ["it('x', () => {});"])],
  ])('%s is not', (_name, c) => {
    expect(detectDiffTampering([c])).toEqual([]);
  });

  it('accepts a harness change the task names, by path or by file name', () => {
    const config = change('vitest.config.ts', 'modified', ['a'], ['b']);
    expect(detectDiffTampering([config], { taskText: 'Raise the coverage threshold in vitest.config.ts' })).toEqual([]);
    expect(detectDiffTampering([config], { taskText: 'Update VITEST.CONFIG.TS' })).toEqual([]);
    expect(detectDiffTampering([config], { taskText: 'Add tests for the cart' })).toHaveLength(1);
  });
});

const test = (file: string, name: string, status: TestCaseResult['status']): TestCaseResult => ({
  id: `${file}::${name}`,
  name,
  file,
  status,
});
const report = (tests: TestCaseResult[], extra: Partial<TestReport> = {}): TestReport => ({
  runner: 'vitest',
  command: 'npx vitest run',
  crashed: false,
  structured: true,
  exitCode: 0,
  timedOut: false,
  durationMs: 1,
  totals: { passed: 0, failed: 0, errored: 0, skipped: 0, total: tests.length },
  tests,
  outputTail: '',
  ...extra,
});

describe('detectReportTampering', () => {
  const baseline = report([
    test('a.test.ts', 'one', 'passed'),
    test('a.test.ts', 'two', 'failed'),
    test('a.test.ts', 'off', 'skipped'),
  ]);

  it('reports a baseline test that no longer runs, passing or failing', () => {
    const now = report([test('a.test.ts', 'one', 'passed')]);
    expect(detectReportTampering(baseline, now, [])).toEqual([
      { kind: 'test-vanished', path: 'a.test.ts', detail: 'baseline test `a.test.ts::two` no longer runs' },
    ]);
  });

  it('reports a baseline test that is now skipped, but not one that was skipped already', () => {
    const now = report([
      test('a.test.ts', 'one', 'skipped'),
      test('a.test.ts', 'two', 'failed'),
      test('a.test.ts', 'off', 'skipped'),
    ]);
    expect(detectReportTampering(baseline, now, []).map((f) => f.kind)).toEqual(['test-now-skipped']);
  });

  it('follows renamed files and tests moved into changed files', () => {
    const now = report([test('b.test.ts', 'one', 'passed'), test('c.test.ts', 'two', 'passed')]);
    const changes = [
      change('b.test.ts', 'renamed', [], [], 'a.test.ts'),
      change('c.test.ts', 'added', [], ["it('two')"]),
    ];
    expect(detectReportTampering(baseline, now, changes)).toEqual([]);
  });

  it('says nothing when either report has no per-test results or crashed', () => {
    expect(detectReportTampering(baseline, report([], { structured: false }), [])).toEqual([]);
    expect(detectReportTampering(baseline, report([], { crashed: true }), [])).toEqual([]);
  });
});
