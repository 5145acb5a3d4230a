/**
 * Demotions: files that match a task but should rank below what they resemble —
 * code in another language than the task's (a frontend beside the backend the task
 * is about), copies of a file (find-copies.ts) and built bundles. Each demotion is a
 * reason with negative points, so `greenlight context` says why a file ranks low
 * (docs/context.md, "Copies, bundles and the other side of a repository").
 */
import { codeFamily, FAMILY_NAMES, type CodeFamily } from './code-family.ts';
import { isBundleName } from './find-copies.ts';
import type { IndexCache } from './index-cache.ts';
import { sortedIndexes, type Scoreboard } from './scoreboard.ts';
import type { ReasonSignal } from './types.ts';

/** Best files checked for being copies or bundles (no budget holds more). */
const COPY_CHECKS = 200;
/** A copy's score: this share of the lower of its own and its original's. */
const COPY_FACTOR = 0.3;
const BUNDLE_FACTOR = 0.5;
/** Share of the best files' points that makes one language family the task's. */
const FOCUS_SHARE = 0.7;
/** The best files (by direct points) whose strong evidence decides the focus, and how much of it is needed. */
const FOCUS_SEEDS = 20;
const MIN_FOCUS_POINTS = 2.5;
const FOCUS_CHECKS = 400;
const OTHER_LANGUAGE_FACTOR = 0.3;
/** Evidence that says which code a task is about, beyond shared words. */
const STRONG_SIGNALS: ReadonlySet<ReasonSignal> = new Set([
  'mentioned-path',
  'stack-frame',
  'defines-symbol',
  'uses-symbol',
  'recently-changed',
]);

/**
 * In a repository of several languages (a Python backend beside a TypeScript frontend),
 * a task is nearly always about one of them, and words like `user` or `email` match
 * both. The task's language is read from its strongest evidence only: the points that
 * code files among the best `FOCUS_SEEDS` got for being named, in a stack trace, changed
 * recently, or defining or using an identifier of the task (at least
 * `MIN_FOCUS_POINTS`; shared words decide nothing). When one language family holds
 * `FOCUS_SHARE` of them, code in other families counts `OTHER_LANGUAGE_FACTOR` as much.
 * Named files keep their points; markup, docs and config are never lowered. Returns
 * the focus, or null.
 */
export function focusLanguage(cache: IndexCache, board: Scoreboard): CodeFamily | null {
  const files = cache.index.files;
  const order = sortedIndexes(
    Float64Array.from(board.scores),
    files.map((f) => f.path),
  ).filter((i) => board.scores[i]! > 0);
  const massOf = (pool: readonly number[], points: (i: number) => number): [CodeFamily | null, number, number] => {
    const mass = new Map<CodeFamily, number>();
    let total = 0;
    for (const i of pool) {
      const family = codeFamily(files[i]!);
      const p = points(i);
      if (family === null || p <= 0) continue;
      mass.set(family, (mass.get(family) ?? 0) + p);
      total += p;
    }
    const [family, most] = [...mass].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [null, 0];
    return [family, most, total];
  };
  const [focus, most, total] = massOf(order.slice(0, FOCUS_SEEDS), (i) => board.pointsOf(i, STRONG_SIGNALS));
  if (focus === null || total < MIN_FOCUS_POINTS || most / total < FOCUS_SHARE) return null;
  for (const i of order.slice(0, FOCUS_CHECKS)) {
    const family = codeFamily(files[i]!);
    if (family === null || family === focus || board.wasNamed(i)) continue;
    board.demote(
      i,
      'other-language',
      `${FAMILY_NAMES[family]}, while the task is about ${FAMILY_NAMES[focus]}: ranked lower`,
      board.scores[i]! * OTHER_LANGUAGE_FACTOR,
    );
  }
  return focus;
}

/**
 * Copies of a file (find-copies.ts) drop below their original, to `COPY_FACTOR` of the
 * lower of the two scores; built bundles without an original here to `BUNDLE_FACTOR`.
 * A file the task names, or a stack frame points at, keeps its score: it was asked for.
 * Only the best `COPY_CHECKS` files are checked; the rest never reach a budget. Returns
 * copy → original.
 */
export function demoteCopies(cache: IndexCache, board: Scoreboard): Map<number, number> {
  const files = cache.index.files;
  const before = Float64Array.from(board.scores);
  const order = sortedIndexes(
    before,
    files.map((f) => f.path),
  )
    .slice(0, COPY_CHECKS)
    .filter((i) => before[i]! > 0);
  const copies = new Map<number, number>();
  for (const i of order) {
    if (board.wasNamed(i)) continue;
    const copy = cache.copyOf(i);
    if (copy !== null) {
      const original = files[copy.original]!.path;
      const how = copy.identical ? 'identical to' : `${Math.round(copy.similarity * 100)}% of its lines as in`;
      board.demote(
        i,
        'copy',
        `a copy of ${original} (${how} it): ranked below it`,
        Math.min(before[i]!, before[copy.original]!) * COPY_FACTOR,
      );
      copies.set(i, copy.original);
    } else if (isBundleName(files[i]!.path)) {
      board.demote(i, 'bundle', 'a built bundle: ranked lower than sources', before[i]! * BUNDLE_FACTOR);
    }
  }
  return copies;
}
