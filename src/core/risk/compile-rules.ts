/**
 * Turns the built-in rules plus `risk` config (extra rules, overrides) into the
 * compiled rule set the classifier runs. Globs and regular expressions are compiled
 * once; built-ins once per process, config once per config object.
 */
import type { RepoConfig } from '../config/repo-config.ts';
import { GreenlightError } from '../../ports/errors.ts';
import { compileGlobs } from '../paths/glob.ts';
import { closeNames } from './close-names.ts';
import { contentMatcher, type ContentMatcher } from './content-matcher.ts';
import type { ChangeFacts, ContentScope, FileFacts, RuleDefinition } from './rule.ts';
import { PURE_DATA_MODULE } from './rules/content.ts';
import { BUILT_IN_RULES, DEFAULT_RULE } from './rules/index.ts';
import type { RiskTier } from './tier.ts';

/** The `risk` section of .github/greenlight.yml. */
export type RiskConfigValue = RepoConfig['risk'];

export interface CompiledRule {
  readonly name: string;
  /** Effective tier, after any override. */
  readonly tier: RiskTier;
  readonly category: string;
  readonly reason: string;
  readonly generated: boolean;
  readonly origin: 'built-in' | 'config';
  readonly override?: { readonly from: RiskTier; readonly reason: string };
  readonly pathMatch?: (path: string) => boolean;
  readonly excludeMatch?: (path: string) => boolean;
  readonly exceptTests: boolean;
  readonly exceptDocs: boolean;
  readonly content?: ContentMatcher;
  readonly contentScope: ContentScope;
  readonly when?: (file: FileFacts, change: ChangeFacts) => boolean;
  readonly describe?: (file: FileFacts, change: ChangeFacts) => string;
  /** What the rule was compiled from, for `greenlight classify --explain`. */
  readonly source: RuleSource;
}

/** The criteria as written: globs, regular expressions, the condition in words. */
export interface RuleSource {
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly content: readonly RegExp[];
  readonly condition?: string;
  readonly nocase: boolean;
  readonly codeOnly: boolean;
}

export interface CompiledRules {
  readonly builtIn: readonly CompiledRule[];
  /** The content rule: decides a file no built-in rule matched, in place of a `medium` fallback. */
  readonly content: CompiledRule;
  readonly fallback: CompiledRule;
  readonly extra: readonly CompiledRule[];
}

function compileDefinition(rule: RuleDefinition, override?: { tier: RiskTier; reason: string }): CompiledRule {
  const options = { nocase: rule.nocase ?? false };
  return {
    name: rule.name,
    tier: override?.tier ?? rule.tier,
    category: rule.category,
    reason: rule.reason,
    generated: rule.generated ?? false,
    origin: 'built-in',
    ...(override ? { override: { from: rule.tier, reason: override.reason } } : {}),
    ...(rule.paths ? { pathMatch: compileGlobs(rule.paths, options) } : {}),
    ...(rule.exclude ? { excludeMatch: compileGlobs(rule.exclude, options) } : {}),
    exceptTests: rule.except?.includes('tests') ?? false,
    exceptDocs: rule.except?.includes('docs') ?? false,
    ...(rule.content ? { content: contentMatcher(rule.content, { codeOnly: rule.codeOnly ?? false }) } : {}),
    contentScope: rule.contentScope ?? 'added',
    ...(rule.when ? { when: rule.when } : {}),
    ...(rule.describe ? { describe: rule.describe } : {}),
    source: {
      paths: rule.paths ?? [],
      exclude: rule.exclude ?? [],
      content: rule.content ?? [],
      ...(rule.condition === undefined ? {} : { condition: rule.condition }),
      nocase: options.nocase,
      codeOnly: rule.codeOnly ?? false,
    },
  };
}

const BUILT_IN_NAMES = [...BUILT_IN_RULES, PURE_DATA_MODULE, DEFAULT_RULE].map((rule) => rule.name);
const plainBuiltIns = BUILT_IN_RULES.map((rule) => compileDefinition(rule));
const plainContent = compileDefinition(PURE_DATA_MODULE);
const plainFallback = compileDefinition(DEFAULT_RULE);

/** Names of every built-in rule (for `risk.overrides` and `greenlight classify --rules`). */
export function builtInRuleNames(): readonly string[] {
  return BUILT_IN_NAMES;
}

/** The built-in rule definitions, the content rule and the default last. */
export function builtInRules(): readonly RuleDefinition[] {
  return [...BUILT_IN_RULES, PURE_DATA_MODULE, DEFAULT_RULE];
}

function invalid(message: string, cause?: unknown): GreenlightError {
  return new GreenlightError('config-invalid', message, cause === undefined ? undefined : { cause });
}

function compileExtraRule(rule: RiskConfigValue['rules'][number], index: number): CompiledRule {
  const where = `risk.rules[${index}]`;
  if (BUILT_IN_NAMES.includes(rule.name)) {
    throw invalid(
      `${where}.name: '${rule.name}' is a built-in rule; pick another name, or change the built-in rule with risk.overrides`,
    );
  }
  if (rule.paths.length === 0 && rule.content.length === 0) {
    throw invalid(
      `${where} ('${rule.name}') has neither paths nor content, so it would match every file; add paths (globs) or content (regular expressions)`,
    );
  }
  let pathMatch: ((path: string) => boolean) | undefined;
  try {
    pathMatch = rule.paths.length > 0 ? compileGlobs(rule.paths) : undefined;
  } catch (error) {
    throw invalid(`${where}.paths: ${(error as Error).message}`, error);
  }
  const content = rule.content.map((source, j) => {
    try {
      return new RegExp(source, 'm');
    } catch (error) {
      throw invalid(
        `${where}.content[${j}]: '${source}' is not a valid regular expression (${(error as Error).message}); escape special characters such as ( [ . with a backslash`,
        error,
      );
    }
  });
  return {
    name: rule.name,
    tier: rule.tier,
    category: rule.category,
    reason: `repository rule '${rule.name}' (risk.rules)`,
    generated: false,
    origin: 'config',
    exceptTests: false,
    exceptDocs: false,
    ...(pathMatch ? { pathMatch } : {}),
    ...(content.length > 0 ? { content: contentMatcher(content, { codeOnly: false }) } : {}),
    contentScope: 'added',
    source: { paths: rule.paths, exclude: [], content, nocase: false, codeOnly: false },
  };
}

function compileUncached(config: RiskConfigValue): CompiledRules {
  const extraNames = new Set<string>();
  const extra = config.rules.map((rule, index) => {
    if (extraNames.has(rule.name))
      throw invalid(`risk.rules[${index}].name: '${rule.name}' is used by two rules; give each rule its own name`);
    extraNames.add(rule.name);
    return compileExtraRule(rule, index);
  });
  const overrides = new Map<string, { tier: RiskTier; reason: string }>();
  config.overrides.forEach((override, index) => {
    const where = `risk.overrides[${index}].rule`;
    if (extraNames.has(override.rule)) {
      throw invalid(
        `${where}: '${override.rule}' is one of your risk.rules; set its tier there instead of overriding it`,
      );
    }
    if (!BUILT_IN_NAMES.includes(override.rule)) {
      const close = closeNames(override.rule, BUILT_IN_NAMES);
      const hint = close.length > 0 ? ` Did you mean ${close.map((name) => `'${name}'`).join(', ')}?` : '';
      throw invalid(
        `${where}: there is no built-in rule named '${override.rule}'.${hint} Run 'greenlight classify --rules' to list the built-in rules.`,
      );
    }
    if (overrides.has(override.rule)) throw invalid(`${where}: '${override.rule}' is overridden twice; keep one entry`);
    overrides.set(override.rule, { tier: override.tier, reason: override.reason });
  });
  if (extra.length === 0 && overrides.size === 0) {
    return { builtIn: plainBuiltIns, content: plainContent, fallback: plainFallback, extra };
  }
  const overridden = (rule: RuleDefinition, plain: CompiledRule) => {
    const override = overrides.get(rule.name);
    return override ? compileDefinition(rule, override) : plain;
  };
  return {
    builtIn: BUILT_IN_RULES.map((rule, i) => {
      const override = overrides.get(rule.name);
      return override ? compileDefinition(rule, override) : (plainBuiltIns[i] as CompiledRule);
    }),
    content: overridden(PURE_DATA_MODULE, plainContent),
    fallback: overridden(DEFAULT_RULE, plainFallback),
    extra,
  };
}

const cache = new WeakMap<object, CompiledRules>();
const PLAIN: CompiledRules = { builtIn: plainBuiltIns, content: plainContent, fallback: plainFallback, extra: [] };

/**
 * Compiles the rule set for a `risk` config (undefined: built-ins only). Throws
 * GreenlightError('config-invalid') naming the field for an unknown override rule
 * (with close names), a bad glob or regular expression, or a clashing rule name.
 */
export function compileRules(config?: RiskConfigValue): CompiledRules {
  if (config === undefined) return PLAIN;
  let compiled = cache.get(config);
  if (compiled === undefined) {
    compiled = compileUncached(config);
    cache.set(config, compiled);
  }
  return compiled;
}
