/**
 * Classifies a change into a risk tier (README.md "Risk tiers"). Each file gets the
 * riskiest tier of every built-in rule that matches it (conflicts resolve upward), or
 * `medium` when none does; `risk.rules` from config can only raise that; a
 * `risk.overrides` entry changes one built-in rule's tier (the only way to lower one)
 * and is echoed in the assessment. The change's tier is its riskiest file's.
 *
 * A rename is also judged at its old path by rules of `medium` and above: moving a
 * file out of a guarded place (a migrations folder, .github/workflows) changes that
 * place.
 */
import type { FileChange } from '../../ports/workspace.ts';
import type { AppliedOverride, FileRisk, RiskAssessment } from './assessment.ts';
import { compileRules } from './compile-rules.ts';
import type { CompiledRule, CompiledRules, RiskConfigValue } from './compile-rules.ts';
import type { ContentEvidence } from './evidence/content-evidence.ts';
import { factsAt, fileFacts } from './file-facts.ts';
import { isTestPath } from './path-sets.ts';
import type { ChangeFacts, FileFacts } from './rule.ts';
import { testNames } from './test-names.ts';
import { RISK_TIERS, tierRank } from './tier.ts';
import type { RiskTier } from './tier.ts';

export interface ClassifyOptions {
  /** The `risk` section of the repository config; built-in rules only when absent. */
  risk?: RiskConfigValue;
  /**
   * Full text of files after the change, by path. Optional: it lets content rules
   * that need the whole file (a generated-code header, I/O in an unchanged part of a
   * parser, a Kubernetes `kind:`) see beyond the changed lines.
   */
  contents?: ReadonlyMap<string, string>;
  /**
   * What the content rule reads besides `contents`: changed files at the base, package
   * manifests, tests that exercise changed modules. Without it the content rule never
   * lowers anything (never lower on doubt).
   */
  evidence?: ContentEvidence;
}

const MEDIUM = tierRank('medium');

/** The texts a rule's content patterns are matched against (each on its own). */
export function contentOf(rule: CompiledRule, file: FileFacts): readonly string[] {
  switch (rule.contentScope) {
    case 'added':
      return [file.added];
    case 'changed':
      return [file.added, file.removed];
    case 'file':
      return file.text === undefined ? [file.added, file.removed] : [file.text];
  }
}

/** Why a rule did not match a file (see explain-file.ts), or null when it matched. */
export type RuleMiss = 'tests' | 'docs' | 'paths' | 'exclude' | 'condition' | 'content';

/**
 * Checks one rule against one file, cheapest criterion first: paths, then the rule's
 * condition (kept cheap, see rule.ts), then content, so that content is scanned only
 * for files the rule can apply to.
 */
export function checkRule(rule: CompiledRule, file: FileFacts, change: ChangeFacts): RuleMiss | null {
  if (rule.exceptTests && file.isTest) return 'tests';
  if (rule.exceptDocs && file.isDoc) return 'docs';
  if (rule.pathMatch && !rule.pathMatch(file.path)) return 'paths';
  if (rule.excludeMatch?.(file.path)) return 'exclude';
  if (rule.when && !rule.when(file, change)) return 'condition';
  if (rule.content) {
    const matcher = rule.content;
    if (!contentOf(rule, file).some((text) => text !== '' && matcher(text))) return 'content';
  }
  return null;
}

const matches = (rule: CompiledRule, file: FileFacts, change: ChangeFacts) => checkRule(rule, file, change) === null;

interface Match {
  rule: CompiledRule;
  viaPreviousPath: boolean;
}

function matchAll(
  rules: readonly CompiledRule[],
  file: FileFacts,
  previous: FileFacts | undefined,
  change: ChangeFacts,
): Match[] {
  const found: Match[] = [];
  for (const rule of rules) {
    if (matches(rule, file, change)) found.push({ rule, viaPreviousPath: false });
    else if (previous && rule.pathMatch && tierRank(rule.tier) >= MEDIUM && matches(rule, previous, change)) {
      found.push({ rule, viaPreviousPath: true });
    }
  }
  return found;
}

/**
 * The rule for a file no built-in rule matched: the content rule when the default is
 * `medium` (its only job is to lower that default on agreeing evidence; an override
 * that moved the default elsewhere is never undercut), else the default.
 */
function unmatchedRule(rules: CompiledRules, file: FileFacts, change: ChangeFacts): CompiledRule {
  return rules.fallback.tier === 'medium' && matches(rules.content, file, change) ? rules.content : rules.fallback;
}

/** The riskiest match; on a tie the earlier rule wins (stable sort). */
function byRisk(a: Match, b: Match): number {
  return tierRank(b.rule.tier) - tierRank(a.rule.tier);
}

function classifyFile(
  change: FileChange,
  rules: CompiledRules,
  changeFacts: ChangeFacts,
  text: string | undefined,
): { risk: FileRisk; matched: Match[] } {
  const facts = fileFacts(change, text);
  const previous =
    change.status === 'renamed' && change.previousPath !== undefined && change.previousPath !== change.path
      ? factsAt(change, change.previousPath, facts)
      : undefined;
  let matched = matchAll(rules.builtIn, facts, previous, changeFacts);
  if (matched.length === 0) matched = [{ rule: unmatchedRule(rules, facts, changeFacts), viaPreviousPath: false }];
  // Repository rules only raise: they join the ranking, and lose ties to built-ins.
  matched = [...matched, ...matchAll(rules.extra, facts, previous, changeFacts)].sort(byRisk);
  const decisive = matched[0] as Match;
  const { rule } = decisive;
  const risk: FileRisk = {
    path: change.path,
    ...(change.previousPath !== undefined && change.status === 'renamed' ? { previousPath: change.previousPath } : {}),
    status: change.status,
    tier: rule.tier,
    category: rule.category,
    rule: rule.name,
    reason: decisive.viaPreviousPath
      ? `${rule.reason} (moved from ${change.previousPath ?? ''})`
      : (rule.describe?.(facts, changeFacts) ?? rule.reason),
    ...(matched.some((m) => m.rule.generated) ? { generated: true as const } : {}),
    matched: matched.map((m) => m.rule.name),
    ...(rule.override ? { override: { from: rule.override.from, reason: rule.override.reason } } : {}),
  };
  return { risk, matched };
}

/** Names of tests declared in added lines of test files, anywhere in the change, and the content evidence. */
export function changeFacts(changes: readonly FileChange[], evidence: ContentEvidence | undefined): ChangeFacts {
  const addedTestNames = new Set<string>();
  for (const change of changes) {
    if (change.binary || !isTestPath(change.path)) continue;
    for (const name of testNames(change.addedLines)) addedTestNames.add(name);
  }
  return { addedTestNames, ...(evidence === undefined ? {} : { evidence }) };
}

/**
 * Classifies `changes`. Throws GreenlightError('config-invalid') when `options.risk`
 * is invalid (an override naming an unknown rule, a bad glob or regex).
 *
 * @example
 * classifyRisk([{ path: 'db/migrate/20240101_add_users.rb', status: 'added', binary: false,
 *   addedLines: ['class AddUsers < ActiveRecord::Migration[7.1]'], removedLines: [] }]).tier
 * // 'critical'
 */
export function classifyRisk(changes: readonly FileChange[], options: ClassifyOptions = {}): RiskAssessment {
  const rules = compileRules(options.risk);
  const facts = changeFacts(changes, options.evidence);
  const applied = new Map<string, AppliedOverride>();
  const files: FileRisk[] = [];
  for (const change of changes) {
    const { risk, matched } = classifyFile(change, rules, facts, options.contents?.get(change.path));
    files.push(risk);
    for (const { rule } of matched) {
      if (!rule.override) continue;
      const entry = applied.get(rule.name) ?? {
        rule: rule.name,
        from: rule.override.from,
        to: rule.tier,
        reason: rule.override.reason,
        files: [],
      };
      if (!entry.files.includes(change.path)) entry.files.push(change.path);
      applied.set(rule.name, entry);
    }
  }
  files.sort((a, b) => tierRank(b.tier) - tierRank(a.tier) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tier: RiskTier = files[0]?.tier ?? RISK_TIERS[0];
  return { tier, files, overridesApplied: [...applied.values()] };
}
