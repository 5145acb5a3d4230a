import type { TestReport, TestStatus } from '../../ports/test-runner.ts';

export const BASELINE_CATEGORIES = [
  'newly-failing',
  'still-failing',
  'fixed',
  'new-passing',
  'new-failing',
  'newly-skipped',
  'new-skipped',
  'still-skipped',
  'removed',
  'unchanged-passing',
] as const;
export type BaselineCategory = (typeof BASELINE_CATEGORIES)[number];

export interface BaselineEntry {
  id: string;
  category: BaselineCategory;
  before: TestStatus | null;
  after: TestStatus | null;
}

export interface BaselineComparison {
  entries: BaselineEntry[];
  /** Ids per category, in report order. */
  byCategory: Record<BaselineCategory, string[]>;
  /**
   * True when the change broke something that worked: a previously passing test now
   * fails or is skipped, or the suite ran before and crashes now.
   */
  regressed: boolean;
}

const failing = (s: TestStatus) => s === 'failed' || s === 'errored';

function categorize(before: TestStatus | null, after: TestStatus | null): BaselineCategory {
  if (after === null) return 'removed';
  // A test skipped in the baseline told us nothing about it: judge it as new.
  const known = before === null || before === 'skipped' ? null : before;
  if (after === 'skipped') {
    if (before === 'skipped') return 'still-skipped';
    return known === null ? 'new-skipped' : 'newly-skipped';
  }
  if (known === null) return failing(after) ? 'new-failing' : 'new-passing';
  if (failing(known)) return failing(after) ? 'still-failing' : 'fixed';
  return failing(after) ? 'newly-failing' : 'unchanged-passing';
}

/**
 * Classify every test of two runs by id, so that pre-existing failures are never
 * blamed on a change and a change cannot "fix" the suite by deleting or skipping
 * tests unnoticed. Tests of the baseline missing from `current` are `removed`; when
 * `current` ran only a subset, pass `{ subset: true }` so that unrun tests are not
 * counted as removed.
 */
export function compareToBaseline(
  baseline: TestReport,
  current: TestReport,
  options: { subset?: boolean } = {},
): BaselineComparison {
  const before = new Map(baseline.tests.map((t) => [t.id, t.status]));
  const after = new Map(current.tests.map((t) => [t.id, t.status]));
  const ids = [...current.tests.map((t) => t.id), ...baseline.tests.map((t) => t.id).filter((id) => !after.has(id))];
  const byCategory = Object.fromEntries(BASELINE_CATEGORIES.map((c) => [c, [] as string[]])) as Record<
    BaselineCategory,
    string[]
  >;
  const entries: BaselineEntry[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const a = after.get(id) ?? null;
    if (a === null && options.subset === true) continue;
    const entry: BaselineEntry = {
      id,
      category: categorize(before.get(id) ?? null, a),
      before: before.get(id) ?? null,
      after: a,
    };
    entries.push(entry);
    byCategory[entry.category].push(id);
  }
  const regressed =
    byCategory['newly-failing'].length > 0 ||
    byCategory['newly-skipped'].length > 0 ||
    (current.crashed && !baseline.crashed);
  return { entries, byCategory, regressed };
}
