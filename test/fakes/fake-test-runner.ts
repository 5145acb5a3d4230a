import type {
  TestCaseResult,
  TestCommand,
  TestReport,
  TestRunner,
  TestSelection,
} from '../../src/ports/test-runner.ts';
import type { FakeClock } from './fake-clock.ts';
import type { MemoryRepo } from './memory-repo.ts';

/**
 * A test runner that "runs" the test files of a MemoryRepo by reading markers, so that
 * a scripted model's edits change the next report the way real code would:
 *
 * - a test is a line `it('name', …)` / `test('name', …)` (or `.skip`) in a `*.test.*` /
 *   `*.spec.*` file, or `def test_x(` in a `test_*.py` file; its id is `file::name`;
 * - `@fail` on the line: it fails; `.skip`: skipped;
 * - `@needs(path: text)`: it passes only while file `path` contains `text`;
 * - `@flaky(n)`: it fails on its n-th execution (counted per test id) and passes otherwise;
 * - `@crash` anywhere in a selected test file: the suite cannot run (`crashed`).
 *
 * Selection: `tests` takes ids or file paths; `changedFiles` selects changed test files
 * and test files that mention a changed file (by path without extension). Each run
 * advances the clock by `durationMs` and is recorded in `runs`.
 */
export interface FakeTestRunnerOptions {
  clock?: FakeClock;
  durationMs?: number;
  command?: string;
  /** false: a runner without machine-readable output (no per-test results). */
  structured?: boolean;
  /** Last word on a report, e.g. to simulate a runner bug. */
  transform?: (report: TestReport, selection: TestSelection | undefined, run: number) => TestReport;
  /** Last word on the fresh-checkout run's report (`runFresh`), e.g. a suite that only passed in the working copy. */
  fresh?: (report: TestReport) => TestReport;
}

const DECLARATION = /^\s*(?:(?:it|test)(\.skip|\.only)?\(\s*(['"`])(.+?)\2|def\s+(test\w*)\s*\()/;

export class FakeTestRunner implements TestRunner {
  readonly command: TestCommand;
  readonly runs: (TestSelection | undefined)[] = [];
  private readonly repo: MemoryRepo;
  private readonly options: FakeTestRunnerOptions;
  private readonly executions = new Map<string, number>();

  constructor(repo: MemoryRepo, options: FakeTestRunnerOptions = {}) {
    this.repo = repo;
    this.options = options;
    this.command = { runner: 'fake', command: options.command ?? 'npm test', reason: 'using `npm test` (fake)' };
  }

  async run(selection?: TestSelection): Promise<TestReport> {
    this.runs.push(selection === undefined ? undefined : structuredClone(selection));
    const durationMs = this.options.durationMs ?? 1_000;
    this.options.clock?.advance(durationMs);
    const report = this.evaluateRun(selection, durationMs, true);
    return this.options.transform?.(report, selection, this.runs.length) ?? report;
  }

  /**
   * The whole suite as the repository's files say, for the loop's fresh-checkout run: not
   * recorded in `runs`, no time on the clock, flaky tests not counted as executed, no
   * `transform`; `fresh` (an option) has the last word.
   */
  async runFresh(): Promise<TestReport> {
    const report = this.evaluateRun(undefined, 0, false);
    return this.options.fresh?.(report) ?? report;
  }

  private evaluateRun(selection: TestSelection | undefined, durationMs: number, counted: boolean): TestReport {
    const files = this.selectFiles(selection);
    const crashed = files.some((f) => (this.repo.read(f) ?? '').includes('@crash'));
    let tests = crashed ? [] : files.flatMap((f) => this.evaluate(f, counted));
    if (selection?.tests !== undefined) {
      const wanted = new Set(selection.tests);
      tests = tests.filter((t) => wanted.has(t.id) || (t.file !== null && wanted.has(t.file)));
    }
    const count = (status: TestCaseResult['status']): number => tests.filter((t) => t.status === status).length;
    const totals = {
      passed: count('passed'),
      failed: count('failed'),
      errored: count('errored'),
      skipped: count('skipped'),
      total: tests.length,
    };
    const failing = totals.failed + totals.errored > 0;
    const structured = this.options.structured ?? true;
    const report: TestReport = {
      runner: 'fake',
      command: this.command.command,
      crashed,
      structured,
      exitCode: crashed || failing ? 1 : 0,
      timedOut: false,
      durationMs,
      totals: structured ? totals : { passed: 0, failed: 0, errored: 0, skipped: 0, total: 0 },
      tests: structured ? tests : [],
      outputTail: crashed
        ? 'SyntaxError: Unexpected token (fake crash)'
        : `${totals.passed} passed, ${totals.failed} failed`,
    };
    return report;
  }

  private testFiles(): string[] {
    return [...this.repo.files.keys()]
      .filter((p) => /\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$/.test(p))
      .sort();
  }

  private selectFiles(selection: TestSelection | undefined): string[] {
    const all = this.testFiles();
    if (selection === undefined) return all;
    if (selection.tests !== undefined) {
      return all.filter((f) => selection.tests?.some((t) => t === f || t.startsWith(`${f}::`)));
    }
    const changed = selection.changedFiles ?? [];
    return all.filter(
      (f) => changed.includes(f) || changed.some((c) => (this.repo.read(f) ?? '').includes(c.replace(/\.[^./]+$/, ''))),
    );
  }

  private evaluate(file: string, counted: boolean): TestCaseResult[] {
    const results: TestCaseResult[] = [];
    (this.repo.read(file) ?? '').split('\n').forEach((line, index) => {
      const m = DECLARATION.exec(line);
      if (m === null) return;
      const name = m[3] ?? m[4] ?? '';
      const id = `${file}::${name}`;
      const run = (this.executions.get(id) ?? 0) + (counted ? 1 : 0);
      if (counted) this.executions.set(id, run);
      const result: TestCaseResult = { id, name, file, status: 'passed', line: index + 1, durationMs: 1 };
      const failure = m[1] === '.skip' ? 'skip' : this.failure(line, run);
      if (failure === 'skip') result.status = 'skipped';
      else if (failure !== null) {
        result.status = 'failed';
        result.message = failure;
        result.stack = `    at ${file}:${index + 1}:1`;
      }
      results.push(result);
    });
    return results;
  }

  private failure(line: string, run: number): string | null {
    if (line.includes('@fail')) return 'AssertionError: expected true to be false';
    const flaky = /@flaky\((\d+)\)/.exec(line);
    if (flaky !== null && Number(flaky[1]) === run) return 'AssertionError: timing-dependent result (flaky)';
    for (const need of line.matchAll(/@needs\(([^:)]+):\s*([^)]*)\)/g)) {
      const [, path = '', text = ''] = need;
      if (!(this.repo.read(path.trim()) ?? '').includes(text))
        return `AssertionError: expected ${path.trim()} to contain "${text}"`;
    }
    return null;
  }
}
