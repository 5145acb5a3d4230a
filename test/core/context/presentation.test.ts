import { describe, expect, it } from 'vitest';
import { assembleContext } from '../../../src/core/context/assemble-context.ts';
import { buildRepoMap } from '../../../src/core/context/build-repo-map.ts';
import { detectConventions } from '../../../src/core/context/detect-conventions.ts';
import { renderContextReport } from '../../../src/core/context/render-context-report.ts';
import { taskFromIssueFile } from '../../../src/core/context/task-from-issue-file.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { sanitizeUntrustedText } from '../../../src/core/text/sanitize-untrusted-text.ts';
import { FIXTURE_REPO } from './fixture-repo.ts';
import { makeIndex } from './make-index.ts';

describe('taskFromIssueFile', () => {
  it.each([
    ['markdown as is', '# Title\n\nBody', '# Title\n\nBody'],
    ['REST / gh JSON', '{"title":"T","body":"B","number":1}', 'T\n\nB'],
    ['webhook payload', '{"action":"labeled","issue":{"title":"T","body":null}}', 'T'],
    ['with comments', '{"title":"T","body":"B","comments":[{"body":"C1"},{"body":"C2"}]}', 'T\n\nB\n\nC1\n\nC2'],
  ])('%s', (_name, text, task) => {
    expect(taskFromIssueFile(text, 'f')).toBe(task);
  });

  it.each([
    ['{ not json', /f looks like JSON but does not parse/],
    ['{"number": 1}', /f is JSON without an issue title or body/],
  ])('rejects %s', (text, message) => {
    let error: unknown;
    try {
      taskFromIssueFile(text, 'f');
    } catch (e) {
      error = e;
    }
    expect(isGreenlightError(error, 'usage')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe('buildRepoMap', () => {
  const index = makeIndex({ ...FIXTURE_REPO, 'yarn.lock': 'x' });

  it('lists notable root files, directories with counts, and the path to picked files', () => {
    expect(buildRepoMap(index, ['src/billing/ledger.ts'], 2_000).text).toBe(
      [
        'Repository map: 11 indexed files; 1 not indexed (1 lockfile)',
        'README.md  package.json  tsconfig.json',
        'docs/ (1 file: markdown)',
        'src/ (6 files: typescript)',
        '  billing/ (3 files: typescript): ledger.ts*, report.ts, types.ts',
        '  shipping/ (2 files: typescript)',
        '  util/ (1 file: typescript)',
        'test/ (1 file: typescript)',
        '  billing/ (1 file: typescript)',
        '(* = included below)',
      ].join('\n'),
    );
  });

  it('drops lines far from the picked files first when over its share', () => {
    const map = buildRepoMap(index, ['src/billing/ledger.ts'], 60);
    expect(map.tokens).toBeLessThanOrEqual(60);
    expect(map.text).toContain('ledger.ts*');
    expect(map.text).not.toContain('shipping/');
  });
});

describe('detectConventions', () => {
  it.each([
    ['npm', { 'package.json': '{"scripts":{"test":"vitest run"}}' }, 'npm test'],
    ['pnpm', { 'package.json': '{"scripts":{"test":"vitest"}}', 'pnpm-lock.yaml': '' }, 'pnpm test'],
    [
      'npm default script is no test command',
      { 'package.json': '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}' },
      null,
    ],
    ['pytest', { 'pyproject.toml': '[tool.pytest.ini_options]\n', 'pkg/a.py': '' }, 'python -m pytest'],
    ['go', { 'go.mod': 'module x\n' }, 'go test ./...'],
    ['cargo', { 'Cargo.toml': '[package]\n' }, 'cargo test'],
    ['rspec', { Gemfile: '', 'spec/a_spec.rb': '' }, 'bundle exec rspec'],
    ['maven', { 'pom.xml': '<project/>' }, 'mvn test'],
    ['make', { Makefile: 'test:\n\tgo test\n' }, 'make test'],
  ])('test command: %s', (_name, tree, command) => {
    expect(detectConventions(makeIndex(tree), { ranked: [], maxExampleTokens: 500 }).testCommand).toBe(command);
  });

  it('describes frameworks, test layout and a style example', () => {
    const conventions = detectConventions(makeIndex(FIXTURE_REPO), { ranked: [], maxExampleTokens: 500 });
    expect(conventions).toMatchObject({
      frameworks: ['vitest'],
      testLayout: ['*.test.ts under test/ (1 file)'],
      styleExample: { path: 'test/billing/ledger.test.ts', reason: 'a typical test of this repository' },
    });
  });

  it('describes colocated Go tests and Python tests/ folders', () => {
    const conventions = detectConventions(
      makeIndex({
        'go.mod': 'module x\n',
        'cart/cart.go': 'package cart\n',
        'cart/cart_test.go': 'package cart\nfunc TestA(t *testing.T) {}\n',
        'py/shop/a.py': '',
        'py/tests/test_a.py': 'import pytest\ndef test_a():\n    pass\n',
        'py/tests/test_b.py': 'def test_b():\n    pass\n',
      }),
      { ranked: [], maxExampleTokens: 500 },
    );
    expect(conventions.testLayout).toEqual([
      'test_*.py under py/tests/ (2 files)',
      '*_test.go next to the sources (1 file)',
    ]);
    expect(conventions.frameworks).toEqual(['go testing', 'pytest']);
  });

  it('shortens the style example to its token share', () => {
    const long = `import { it } from 'vitest';\n${"it('x', () => {});\n".repeat(400)}`;
    const conventions = detectConventions(makeIndex({ 'a.test.ts': long }), {
      ranked: ['a.test.ts'],
      maxExampleTokens: 100,
    });
    expect(conventions.styleExample!.tokens).toBeLessThanOrEqual(100);
    expect(conventions.styleExample!.text.endsWith('\n…')).toBe(true);
  });
});

describe('renderContextReport', () => {
  it('says so when nothing matched', () => {
    const pack = assembleContext(makeIndex(FIXTURE_REPO), sanitizeUntrustedText('qwertyuiop'), { budgetTokens: 2_000 });
    const report = renderContextReport(pack, 'qwertyuiop');
    expect(report).toContain('No file matched the task.');
    // The room is filled with central code, each row saying why, without points it did not score.
    expect(report).toContain('The budget holds central files of the repository instead:');
    expect(report).toMatch(/ {2}src\/billing\/ledger\.ts +whole +\d+ +0\.0 {2}central: [^(\n]*\n/);
  });

  it('shows excerpt line ranges under the row', () => {
    const big = {
      'src/a.ts': `${Array.from({ length: 3_000 }, (_, k) => `export const value${k} = ${k};`).join('\n')}\nexport function needle(): number { return 1; }\n`,
    };
    const report = renderContextReport(
      assembleContext(makeIndex(big), sanitizeUntrustedText('needle is broken'), { budgetTokens: 1_000 }),
      'needle is broken',
    );
    expect(report).toMatch(/ {3}1 {2}src\/a\.ts +excerpt/);
    expect(report).toMatch(/lines [\d-]+(?:, [\d-]+)* of 3001/);
  });
});
