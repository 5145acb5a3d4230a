/**
 * `greenlight classify --explain FILE`: every rule considered for one changed file, in
 * the order the classifier considers them (built-in rules, the content rule, the
 * default, then `risk.rules`), whether it matched, and why or why not. The decision
 * itself comes from `classifyRisk`, so the explanation cannot drift from it.
 */
import type { FileChange } from '../../ports/workspace.ts';
import { compileGlob } from '../paths/glob.ts';
import type { FileRisk } from './assessment.ts';
import {
  changeFacts,
  checkRule,
  classifyRisk,
  contentOf,
  type ClassifyOptions,
  type RuleMiss,
} from './classify-risk.ts';
import { compileRules, type CompiledRule } from './compile-rules.ts';
import { isCommentLineAt } from './content-matcher.ts';
import type { Finding } from './evidence/judge-module.ts';
import { factsAt, fileFacts } from './file-facts.ts';
import type { ChangeFacts, FileFacts } from './rule.ts';
import { moduleJudgement } from './rules/content.ts';
import { tierRank, type RiskTier } from './tier.ts';

export interface RuleVerdict {
  rule: string;
  tier: RiskTier;
  category: string;
  origin: 'built-in' | 'config';
  /** `not-applied`: the rule only decides files other rules left undecided, and they did not. */
  outcome: 'matched' | 'not-matched' | 'not-applied';
  why: string;
}

export interface FileExplanation {
  /** The classifier's decision for the file. */
  file: FileRisk;
  rules: RuleVerdict[];
  /** The content rule's findings, when it judged the file. */
  evidence: Finding[];
}

const MEDIUM = tierRank('medium');

const SCOPE_TEXT = { added: 'the added lines', changed: 'the added or removed lines', file: 'the whole file' };

function globList(globs: readonly string[]): string {
  const shown = globs.slice(0, 4).join(', ');
  return globs.length > 4 ? `${shown}, … (${globs.length} globs)` : shown;
}

function firstGlob(globs: readonly string[], path: string, nocase: boolean): string | undefined {
  return globs.find((glob) => compileGlob(glob, { nocase }).test(path));
}

/** The first text a rule's patterns match (outside comments for code-only rules), shortened. */
function firstContent(rule: CompiledRule, file: FileFacts): string | undefined {
  for (const text of contentOf(rule, file)) {
    for (const pattern of rule.source.content) {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      for (const match of text.matchAll(global)) {
        if (rule.source.codeOnly && isCommentLineAt(text, match.index)) continue;
        const shown = match[0].trim().replace(/\s+/g, ' ');
        return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
      }
    }
  }
  return undefined;
}

function missText(rule: CompiledRule, miss: RuleMiss, file: FileFacts): string {
  const { source } = rule;
  switch (miss) {
    case 'tests':
      return 'does not apply to tests, and this is a test path';
    case 'docs':
      return 'does not apply to documentation, and this is a documentation path';
    case 'paths':
      return `the path matches none of ${globList(source.paths)}`;
    case 'exclude':
      return `the path is excluded by ${firstGlob(source.exclude, file.path, source.nocase) ?? globList(source.exclude)}`;
    case 'condition':
      return `its condition does not hold: ${source.condition ?? 'a condition on the file'}`;
    case 'content':
      return `no pattern matches ${SCOPE_TEXT[rule.contentScope]}`;
  }
}

function matchText(rule: CompiledRule, file: FileFacts): string {
  const { source } = rule;
  const parts: string[] = [];
  const glob = firstGlob(source.paths, file.path, source.nocase);
  if (glob !== undefined) parts.push(`the path matches ${glob}`);
  if (source.condition !== undefined) parts.push(`${source.condition}`);
  if (rule.content) {
    const seen = firstContent(rule, file);
    parts.push(seen === undefined ? `${SCOPE_TEXT[rule.contentScope]} match` : `content matches "${seen}"`);
  }
  return parts.length > 0 ? parts.join('; ') : 'applies to every file';
}

function verdict(rule: CompiledRule, outcome: RuleVerdict['outcome'], why: string): RuleVerdict {
  return { rule: rule.name, tier: rule.tier, category: rule.category, origin: rule.origin, outcome, why };
}

function judge(rule: CompiledRule, file: FileFacts, previous: FileFacts | undefined, change: ChangeFacts): RuleVerdict {
  const miss = checkRule(rule, file, change);
  if (miss === null) return verdict(rule, 'matched', matchText(rule, file));
  if (previous && rule.pathMatch && tierRank(rule.tier) >= MEDIUM && checkRule(rule, previous, change) === null) {
    return verdict(rule, 'matched', `at the previous path ${previous.path}: ${matchText(rule, previous)}`);
  }
  return verdict(rule, 'not-matched', missText(rule, miss, file));
}

/** The change among `changes` that `path` names (its new path, or a rename's previous one), if any. */
export function findChange(changes: readonly FileChange[], path: string): FileChange | undefined {
  return changes.find((c) => c.path === path) ?? changes.find((c) => c.previousPath === path);
}

/**
 * Explains the classification of `target` (one of `changes`) with the same options
 * `classifyRisk` gets. Throws GreenlightError('config-invalid') for an invalid config,
 * as `classifyRisk` does.
 */
export function explainFile(
  changes: readonly FileChange[],
  target: FileChange,
  options: ClassifyOptions = {},
): FileExplanation {
  const decided = classifyRisk(changes, options).files.find(
    (f) => f.path === target.path && f.status === target.status,
  ) as FileRisk;
  const rules = compileRules(options.risk);
  const change = changeFacts(changes, options.evidence);
  const facts = fileFacts(target, options.contents?.get(target.path));
  const previous =
    target.status === 'renamed' && target.previousPath !== undefined && target.previousPath !== target.path
      ? factsAt(target, target.previousPath, facts)
      : undefined;
  const verdicts = rules.builtIn.map((rule) => judge(rule, facts, previous, change));
  const anyBuiltIn = verdicts.some((v) => v.outcome === 'matched');
  let evidence: Finding[] = [];
  let contentDecides = false;
  if (anyBuiltIn) {
    verdicts.push(verdict(rules.content, 'not-applied', 'it only decides files no built-in rule matched'));
  } else if (rules.fallback.tier !== 'medium') {
    verdicts.push(
      verdict(
        rules.content,
        'not-applied',
        `it only lowers a medium default, and the default is ${rules.fallback.tier}`,
      ),
    );
  } else {
    const content = judge(rules.content, facts, undefined, change);
    evidence = moduleJudgement(facts, change).findings;
    contentDecides = content.outcome === 'matched';
    const against = evidence.find((f) => f.agrees === false);
    verdicts.push(
      contentDecides
        ? verdict(rules.content, 'matched', moduleJudgement(facts, change).reason)
        : verdict(rules.content, 'not-matched', against?.text ?? content.why),
    );
  }
  verdicts.push(
    anyBuiltIn
      ? verdict(rules.fallback, 'not-applied', 'a built-in rule matched')
      : contentDecides
        ? verdict(rules.fallback, 'not-applied', 'the content rule decided')
        : verdict(rules.fallback, 'matched', 'no built-in rule matched'),
  );
  for (const rule of rules.extra) verdicts.push(judge(rule, facts, previous, change));
  return { file: decided, rules: verdicts, evidence };
}
