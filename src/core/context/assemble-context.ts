/**
 * Context assembly: from an indexed repository and a task to the `ContextPack` that
 * goes into the prompt, within a token budget. Pure and deterministic: same index,
 * task and options, same pack (ties are broken by path everywhere).
 *
 * Budget split: the repository map gets at most 8% (≤ 1,500 tokens), the style example
 * at most 10% (≤ 1,500), the rest goes to files, best first (see fit-budget.ts).
 */
import { countTokens } from '../text/count-tokens.ts';
import type { SanitizedText } from '../text/sanitized-text.ts';
import { analyzeTask } from './analyze-task.ts';
import { centralFiles } from './central-files.ts';
import { buildRepoMap } from './build-repo-map.ts';
import { detectConventions } from './detect-conventions.ts';
import { fitBudget } from './fit-budget.ts';
import { indexCache } from './index-cache.ts';
import { rankFiles, type RankedFile } from './rank-files.ts';
import { renderContextForPrompt, renderConventions } from '../prompt/render-context-for-prompt.ts';
import type { ContextPack, DemotedFile, RecentChange, RepoIndex, SkipReason } from './types.ts';

export interface AssembleOptions {
  budgetTokens: number;
  /** For `/fix`: files of the PR diff and of recent commits. */
  recentChanges?: readonly RecentChange[];
  /** `tests.command` from the config. */
  testCommand?: string | null;
}

const MAP_SHARE = 0.08;
const MAP_MAX = 1_500;
const EXAMPLE_SHARE = 0.1;
const EXAMPLE_MAX = 1_500;
/** Files named in the map as picked. */
const MAP_FOCUS = 12;
const MAP_SLACK = 60;
/** Copies and bundles are listed when they rank this high, at most this many. */
const DEMOTED_WINDOW = 100;
const MAX_DEMOTED_LISTED = 10;

/**
 * `task` is sanitized text (`SanitizedText`), so instructions hidden in an issue cannot
 * steer which files the model sees.
 *
 * @example
 * const pack = assembleContext(index, taskText(task), { budgetTokens: 20_000 });
 * pack.items[0].path // 'src/billing/ledger.ts'
 */
export function assembleContext(index: RepoIndex, task: SanitizedText, options: AssembleOptions): ContextPack {
  const budget = Math.max(0, Math.floor(options.budgetTokens));
  const cache = indexCache(index);
  const analysis = analyzeTask(task);
  const ranking = rankFiles(index, analysis, options.recentChanges ?? []);
  const rankedPaths = ranking.files.map((f) => f.path);

  // The map names the files that are picked, so it is built after fitting; reserve
  // what a map focused on the best-ranked files takes (a little more, for other names).
  const mapShare = Math.min(MAP_MAX, Math.floor(budget * MAP_SHARE));
  const mapTokens = Math.min(
    mapShare,
    buildRepoMap(index, rankedPaths.slice(0, MAP_FOCUS), mapShare).tokens + MAP_SLACK,
  );
  const conventions = detectConventions(index, {
    configuredTestCommand: options.testCommand ?? null,
    ranked: rankedPaths.slice(0, 50),
    maxExampleTokens: Math.min(EXAMPLE_MAX, Math.floor(budget * EXAMPLE_SHARE)),
  });
  const frame = countTokens(renderContextForPrompt({ items: [], map: { text: '', tokens: 0 }, conventions }));
  // Items are counted one by one; joining them costs a little, so keep a 1% margin.
  const itemBudget = Math.max(0, budget - frame - mapTokens - Math.ceil(budget * 0.01));
  const fitted = fitBudget(cache, ranking.files, {
    budget: itemBudget,
    terms: ranking.scannedTerms,
    fill: (picked) => centralFiles(cache, picked, ranking.focus),
  });
  const map = buildRepoMap(
    index,
    fitted.items.slice(0, MAP_FOCUS).map((i) => i.path),
    mapTokens,
  );

  conventions.tokens = countTokens(
    renderConventions(
      conventions,
      fitted.items.map((i) => i.path),
    ),
  );
  const pack: ContextPack = {
    budgetTokens: budget,
    usedTokens: 0,
    items: fitted.items,
    map,
    conventions,
    omitted: fitted.omitted,
    demoted: demotedFiles(index, ranking.files, new Set(fitted.items.map((i) => i.path))),
    analysis,
    stats: { indexedFiles: index.files.length, skippedFiles: countSkipped(index), candidates: ranking.files.length },
  };
  pack.usedTokens = countTokens(renderContextForPrompt(pack));
  return pack;
}

/** Copies and bundles among the best-ranked files, as the report lists them. */
function demotedFiles(index: RepoIndex, ranked: readonly RankedFile[], picked: ReadonlySet<string>): DemotedFile[] {
  const demoted: DemotedFile[] = [];
  for (const file of ranked.slice(0, DEMOTED_WINDOW)) {
    const reason = file.reasons.find((r) => r.signal === 'copy' || r.signal === 'bundle');
    if (reason === undefined) continue;
    const entry: DemotedFile = { path: file.path, detail: reason.detail, included: picked.has(file.path) };
    if (file.copyOf !== undefined) entry.original = index.files[file.copyOf]!.path;
    demoted.push(entry);
    if (demoted.length >= MAX_DEMOTED_LISTED) break;
  }
  return demoted;
}

function countSkipped(index: RepoIndex): Partial<Record<SkipReason, number>> {
  const counts: Partial<Record<SkipReason, number>> = {};
  for (const s of index.skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}
