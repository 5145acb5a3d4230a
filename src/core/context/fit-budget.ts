/**
 * Fills the token budget greedily, best file first. A file that fits its share goes in whole;
 * a large one degrades instead of being dropped: to an excerpt (its definitions and
 * stack-frame lines first, then the lines with the most task terms, each with a few
 * lines of context) or to a skeleton (signatures only). Files that relate to the task
 * only through imports or types go in as skeletons when they are large; tests as
 * their first lines (setup and the first cases are the useful part of a style example).
 */
import { countTokens } from '../text/count-tokens.ts';
import type { IndexCache } from './index-cache.ts';
import type { RankedFile } from './rank-files.ts';
import { numberLines, renderItem } from './render-item.ts';
import type { ContextItem, ContextItemKind, LineRange, OmittedFile } from './types.ts';

export interface FitOptions {
  /** Tokens available for items. */
  budget: number;
  /** Terms to excerpt around (lower case). */
  terms: readonly string[];
  /** Files to fill the room left once the ranked files are in, given those picked (central-files.ts). */
  fill?: (picked: readonly number[]) => readonly RankedFile[];
}

/** Below this many tokens left, nothing useful fits any more. */
const MIN_ITEM_TOKENS = 60;
/** An excerpt may always take this many tokens (when they are left), whatever its share. */
const EXCERPT_MIN = 300;
const TERM_CONTEXT_LINES = 3;
const MAX_DEFINITION_LINES = 120;
/** Files scoring below this share of the best are not worth their tokens. */
const MIN_RELATIVE_SCORE = 0.04;
/**
 * Depth first, then breadth: the best 3 files may take 25% of the budget each as whole
 * files (10% as excerpts), the next 7 6% (4%), the rest 3% (2%); bigger files become
 * excerpts or skeletons of that size. A change touches several files, and a file the
 * model sees in part it can open whole with its editor tool, while a file it never sees
 * it must first find: on real histories (bench/history-recall.ts, dev split) this holds
 * 10 points more of the files a change touched at 20k tokens than 40% / 10% / 4%, and 8.5
 * points more on this repository's (bench/context-quality.bench.ts).
 */
const SHARES = [
  { upToRank: 3, whole: 0.25, excerpt: 0.1 },
  { upToRank: 10, whole: 0.06, excerpt: 0.04 },
  { upToRank: Infinity, whole: 0.03, excerpt: 0.02 },
] as const;
type Share = (typeof SHARES)[number];
/** Fill only when at least this much of the budget is left. */
const FILL_MIN_TOKENS = 300;
const MAX_OMITTED_LISTED = 20;
/** Stop growing an excerpt after this many regions in a row did not fit. */
const MAX_MISSES = 8;

export interface Fitted {
  items: ContextItem[];
  omitted: OmittedFile[];
  tokens: number;
}

export function fitBudget(cache: IndexCache, ranked: readonly RankedFile[], options: FitOptions): Fitted {
  const items: ContextItem[] = [];
  const omitted: OmittedFile[] = [];
  let remaining = options.budget;
  const best = ranked[0]?.score ?? 0;
  const termPattern =
    options.terms.length > 0
      ? new RegExp(
          [...options.terms]
            .sort((a, b) => b.length - a.length)
            .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('|'),
          'gi',
        )
      : null;
  const picked = new Set<number>();
  /** Puts `candidate` in whole, as an excerpt or as a skeleton within `share`; null when nothing fits. */
  const place = (candidate: RankedFile, share: Share): ContextItem | null => {
    const file = cache.index.files[candidate.index]!;
    const lines = cache.lines(candidate.index);
    const totalLines = lines.length - (lines.at(-1) === '' ? 1 : 0);
    const base = {
      rank: items.length + 1,
      path: file.path,
      language: file.language,
      score: candidate.score,
      reasons: candidate.reasons,
      totalLines,
    };
    const attempt = (kind: ContextItemKind, text: string, ranges?: LineRange[]): ContextItem => {
      const item: ContextItem = { ...base, kind, tokens: 0, text };
      if (ranges) item.ranges = ranges;
      item.tokens = countTokens(renderItem(item));
      return item;
    };
    const whole = attempt('whole', file.content);
    if (whole.tokens <= remaining && whole.tokens <= Math.max(options.budget * share.whole, MIN_ITEM_TOKENS * 4))
      return whole;
    const cap = Math.min(remaining, Math.max(EXCERPT_MIN, options.budget * share.excerpt));
    const relatedOnly = candidate.reasons.every((r) =>
      ['imported-by', 'types', 'imports', 'config', 'central'].includes(r.signal),
    );
    const testOnly = file.isTest && candidate.anchors.length === 0;
    const tryExcerpt = (): ContextItem | null => {
      const found = testOnly ? [] : excerptRegions(candidate.anchors, lines, totalLines, termPattern);
      // Nothing to centre on: the head of the file (imports, first definitions).
      const regions = found.length > 0 ? found : [{ start: 1, end: Math.max(1, totalLines) }];
      return growExcerpt(regions, lines, cap, (ranges) => attempt('excerpt', numberLines(lines, ranges), ranges));
    };
    const trySkeleton = (): ContextItem | null => {
      const skeleton = cache.parsed(candidate.index).skeletonLines;
      if (skeleton.length === 0) return null;
      const ranges = toRanges(skeleton);
      const full = attempt('skeleton', numberLines(lines, ranges), ranges);
      if (full.tokens <= cap) return full;
      // Signatures in file order, as many as fit: a partial skeleton is still a map of the file.
      return growExcerpt(ranges, lines, cap, (some) => attempt('skeleton', numberLines(lines, some), some), false);
    };
    return relatedOnly ? (trySkeleton() ?? tryExcerpt()) : (tryExcerpt() ?? trySkeleton());
  };
  const accept = (candidate: RankedFile, item: ContextItem): void => {
    items.push(item);
    picked.add(candidate.index);
    remaining -= item.tokens;
  };
  for (const candidate of ranked) {
    if (candidate.score < best * MIN_RELATIVE_SCORE) break;
    // A copy adds nothing once its original is in: it never takes the budget twice.
    if (candidate.copyOf !== undefined && picked.has(candidate.copyOf)) continue;
    const file = cache.index.files[candidate.index]!;
    if (remaining < MIN_ITEM_TOKENS) {
      if (omitted.length >= MAX_OMITTED_LISTED) break;
      omitted.push({ path: file.path, score: candidate.score, tokens: countTokens(file.content) });
      continue;
    }
    // Copies, bundles and code in another language than the task's take the smallest share wherever they rank.
    const demoted = candidate.reasons.some((r) => r.score < 0);
    const chosen = place(candidate, demoted ? SHARES.at(-1)! : SHARES.find((s) => items.length < s.upToRank)!);
    if (chosen === null) {
      if (omitted.length < MAX_OMITTED_LISTED)
        omitted.push({ path: file.path, score: candidate.score, tokens: countTokens(file.content) });
      continue;
    }
    accept(candidate, chosen);
  }
  // Room left after every file that matched: central code, in the smallest share each.
  if (options.fill !== undefined && remaining >= FILL_MIN_TOKENS) {
    for (const candidate of options.fill([...picked])) {
      if (remaining < MIN_ITEM_TOKENS) break;
      if (picked.has(candidate.index)) continue;
      const chosen = place(candidate, SHARES.at(-1)!);
      if (chosen !== null) accept(candidate, chosen);
    }
  }
  return { items, omitted, tokens: options.budget - remaining };
}

/** Regions in priority order: anchors (definitions, frames), then the lines richest in task terms. */
function excerptRegions(
  anchors: readonly LineRange[],
  lines: readonly string[],
  totalLines: number,
  terms: RegExp | null,
): LineRange[] {
  const regions: LineRange[] = anchors
    .map((a) => ({
      start: Math.max(1, a.start),
      end: Math.min(totalLines, a.end, a.start + MAX_DEFINITION_LINES - 1),
    }))
    .filter((r) => r.start <= r.end);
  if (terms !== null) {
    const hits: { line: number; count: number }[] = [];
    lines.forEach((text, index) => {
      if (index >= totalLines) return;
      terms.lastIndex = 0;
      let count = 0;
      while (terms.exec(text) !== null) count += 1;
      if (count > 0) hits.push({ line: index + 1, count });
    });
    hits.sort((a, b) => b.count - a.count || a.line - b.line);
    for (const hit of hits) {
      regions.push({
        start: Math.max(1, hit.line - TERM_CONTEXT_LINES),
        end: Math.min(totalLines, hit.line + TERM_CONTEXT_LINES),
      });
    }
  }
  return regions;
}

/** Adds regions in priority order while the rendered excerpt stays within `cap`. */
function growExcerpt(
  regions: readonly LineRange[],
  lines: readonly string[],
  cap: number,
  render: (ranges: LineRange[]) => ContextItem,
  shrinkFirst = true,
): ContextItem | null {
  let accepted: LineRange[] = [];
  let best: ContextItem | null = null;
  let misses = 0;
  for (const region of regions) {
    if (misses >= MAX_MISSES) break;
    const next = mergeRanges([...accepted, region]);
    if (best !== null && sameRanges(next, accepted)) continue;
    let item = render(next);
    if (item.tokens > cap) {
      misses += 1;
      if (best !== null || !shrinkFirst) continue;
      // Even the first region is too big: keep as much of its start as fits.
      const shrunk = shrinkToFit(region, lines, cap, render);
      if (shrunk === null) return null;
      item = shrunk;
      accepted = item.ranges ?? [];
      best = item;
      continue;
    }
    accepted = next;
    best = item;
    misses = 0;
  }
  return best;
}

function shrinkToFit(
  region: LineRange,
  _lines: readonly string[],
  cap: number,
  render: (ranges: LineRange[]) => ContextItem,
): ContextItem | null {
  let low = region.start;
  let high = region.end;
  let fit: ContextItem | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = render([{ start: region.start, end: mid }]);
    if (item.tokens <= cap) {
      fit = item;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return fit;
}

function mergeRanges(ranges: readonly LineRange[]): LineRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: LineRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end + 2) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function sameRanges(a: readonly LineRange[], b: readonly LineRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.start === b[i]!.start && r.end === b[i]!.end);
}

function toRanges(lines: readonly number[]): LineRange[] {
  return mergeRanges(lines.map((line) => ({ start: line, end: line })));
}
