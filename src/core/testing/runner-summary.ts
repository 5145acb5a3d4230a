/**
 * The summary a test runner prints for people at the end of a run — vitest's
 * `Tests  1 failed | 4 passed (5)`, jest's `Tests: 1 failed, 4 passed, 5 total`,
 * pytest's `=== 1 failed, 4 passed in 0.12s ===`, node:test's `ℹ fail 1` — read back
 * as counts. It is a second witness beside the machine-readable report, which lands in
 * a file the code under test can write to (docs/security.md §28): see crossCheckReport.
 */
import { stripAnsi } from './strip-ansi.ts';

export interface RunnerSummary {
  /** Failing tests (pytest: failed plus errors), the highest any summary line in the output counts. */
  failed: number;
  passed: number | null;
  /**
   * Whether the runner counts failing tests the way its report lists them. node:test's
   * summary also counts a test whose subtest failed; there only "some" against "none" compares.
   */
  exact: boolean;
  /** How many summary lines the output holds (a run prints one). */
  lines: number;
  /** The summary lines that disagree with each other, when more than one was printed. */
  conflicting: string[];
}

interface Reader {
  line: RegExp;
  exact: boolean;
  failed(text: string): number;
  passed(text: string): number | null;
}

const count = (text: string, word: RegExp): number => {
  const match = new RegExp(String.raw`(\d+) ${word.source}`).exec(text);
  return match === null ? 0 : Number(match[1]);
};

const READERS: Partial<Record<string, Reader>> = {
  vitest: {
    line: /^ *Tests {2,}(\d+ .*?) *\(\d+\) *$/gm,
    exact: true,
    failed: (t) => count(t, /failed/),
    passed: (t) => count(t, /passed/),
  },
  jest: {
    line: /^Tests: +(.*?\d+ total) *$/gm,
    exact: true,
    failed: (t) => count(t, /failed/),
    passed: (t) => count(t, /passed/),
  },
  pytest: {
    // `=== 1 failed, 4 passed in 0.12s ===`, or under -q (common in addopts) the same without the rules.
    line: /^(?:=+ )?(\d+ (?:passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?)\b.*?|no tests ran) in [\d.]+s\b.*$/gm,
    exact: true,
    failed: (t) => count(t, /failed/) + count(t, /errors?/),
    passed: (t) => count(t, /passed/),
  },
  'node-test': {
    line: /^[ℹ#] (?:pass|fail) \d+ *$/gm,
    exact: false,
    failed: (t) => Number(/(?:^|\n)[ℹ#] fail (\d+)/.exec(t)?.[1] ?? 0),
    passed: (t) => {
      const match = /(?:^|\n)[ℹ#] pass (\d+)/.exec(t);
      return match === null ? null : Number(match[1]);
    },
  },
};

/**
 * The runner's own summary in `output` (stdout and stderr), or null when the runner has
 * none greenlight reads or the output holds none.
 * @example parseRunnerSummary('vitest', ' Tests  1 failed | 4 passed (5)') // { failed: 1, passed: 4, exact: true, lines: 1, conflicting: [] }
 */
export function parseRunnerSummary(runner: string, output: string): RunnerSummary | null {
  const reader = READERS[runner];
  if (reader === undefined) return null;
  const text = stripAnsi(output);
  const found = [...text.matchAll(reader.line)].map((m) => m[0].trim());
  if (found.length === 0) return null;
  // node:test prints its counts on separate lines: they make one summary together.
  const summaries = runner === 'node-test' ? [found.join('\n')] : [...new Set(found)];
  const failed = Math.max(...summaries.map((s) => reader.failed(s)));
  const passedCounts = summaries.map((s) => reader.passed(s));
  const passed = passedCounts.every((p) => p !== null) ? Math.min(...(passedCounts as number[])) : null;
  return {
    failed,
    passed,
    exact: reader.exact,
    lines: runner === 'node-test' ? 1 : found.length,
    conflicting: summaries.length > 1 ? summaries : [],
  };
}
