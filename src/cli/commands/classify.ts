/**
 * `greenlight classify [--base REF] [--head REF] [--repo DIR] [--json] [--config FILE]
 * [--rules] [--explain FILE]`: classifies the risk of a commit range (default: the last
 * commit) and prints the tier with a reason per file, or for one file every rule
 * considered and why it matched or not. Wiring only: git reads in adapters/git, rules
 * and rendering in core/risk.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { readRevisionChange } from '../../compose/read-revision-change.ts';
import { ConfigError } from '../../core/config/config-error.ts';
import { formatConfigIssues } from '../../core/config/format-config-issues.ts';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../../core/config/parse-config.ts';
import { GreenlightError } from '../../ports/errors.ts';
import { classifyRisk, type ClassifyOptions } from '../../core/risk/classify-risk.ts';
import { closeNames } from '../../core/risk/close-names.ts';
import { builtInRules } from '../../core/risk/compile-rules.ts';
import { explainFile, findChange } from '../../core/risk/explain-file.ts';
import { renderExplanation } from '../../core/risk/render-explanation.ts';
import { renderRiskText } from '../../core/risk/render-risk-text.ts';
import type { CliCommand, CliIo } from '../command.ts';

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function printRules(io: CliIo, json: boolean): number {
  const rules = builtInRules().map((rule) => ({
    name: rule.name,
    tier: rule.tier,
    category: rule.category,
    reason: rule.reason,
  }));
  if (json) {
    io.out(JSON.stringify(rules, null, 2));
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.name.length));
  io.out(rules.map((r) => `${r.name.padEnd(width)}  ${r.tier.padEnd(10)}  ${r.category}: ${r.reason}`).join('\n'));
  return 0;
}

async function readConfigFile(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new GreenlightError(
      'usage',
      `cannot read --config ${shown}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { cause: error },
    );
  }
}

/** `file` as a repository path: relative to the root, or to `cwd` when that lands inside the repository. */
function repoPath(root: string, cwd: string, file: string): string {
  const fromCwd = relative(root, resolve(cwd, file));
  const inside = fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd);
  return (inside ? fromCwd : file).split(sep).join('/').replace(/^\.\//, '');
}

function notChanged(file: string, paths: readonly string[], baseLabel: string): GreenlightError {
  const close = closeNames(file, paths);
  const hint =
    close.length > 0
      ? ` Did you mean ${close.map((p) => `'${p}'`).join(', ')}?`
      : paths.length === 0
        ? ' Nothing changed in this range.'
        : ` Changed files: ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? `, and ${paths.length - 5} more` : ''}.`;
  return new GreenlightError(
    'usage',
    `--explain ${file}: the file is not changed between ${baseLabel} and the head.${hint} Use --base and --head to pick another range.`,
  );
}

export const classifyCommand: CliCommand = {
  name: 'classify',
  usage: [
    'Usage: greenlight classify [--base REF] [--head REF] [--repo DIR] [--json] [--config FILE]',
    '       greenlight classify --explain FILE [--base REF] [--head REF] [--repo DIR] [--json]',
    '       greenlight classify --rules [--json]',
    '',
    'Classifies the change from --base to --head into a risk tier (low, low-medium, medium,',
    'high, critical) and prints the tier, the review it needs, and for every file its tier,',
    'the rule that decided it and why. The default range is the last commit (HEAD~1..HEAD;',
    'a root commit is compared with the empty tree).',
    '',
    `The risk rules and review settings come from ${DEFAULT_CONFIG_PATH} as it is at the`,
    'base, so that a change cannot lower its own tier; --config FILE uses a file instead.',
    '',
    'Options:',
    '  --base REF     start of the range (default: the first parent of --head)',
    '  --head REF     end of the range (default: HEAD)',
    '  --repo DIR     repository to read (default: the current directory)',
    '  --json         print the assessment as JSON',
    '  --config FILE  read risk rules and overrides from FILE',
    '  --rules        list the built-in rules (names for risk.overrides) and exit',
    '  --explain FILE for one changed file, every rule considered in order and why it',
    '                 matched or not, with the content evidence (FILE relative to the',
    '                 repository root or to the current directory)',
  ].join('\n'),
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    repo: { type: 'string' },
    json: { type: 'boolean', default: false },
    config: { type: 'string' },
    rules: { type: 'boolean', default: false },
    explain: { type: 'string' },
  },
  async run(args, io) {
    const json = args.values.json === true;
    if (args.values.rules === true) return printRules(io, json);
    const base = stringOption(args.values.base);
    const head = stringOption(args.values.head);
    const configFile = stringOption(args.values.config);
    const change = await readRevisionChange(
      resolve(io.cwd, stringOption(args.values.repo) ?? '.'),
      {
        ...(base !== undefined ? { base } : {}),
        ...(head !== undefined ? { head } : {}),
      },
      DEFAULT_CONFIG_PATH,
    );

    const configText =
      configFile !== undefined ? await readConfigFile(resolve(io.cwd, configFile), configFile) : change.configAtBase;
    const configSource = configFile ?? `${DEFAULT_CONFIG_PATH} at ${change.baseLabel}`;
    const parsed = parseConfig(configText, configSource);
    if (!parsed.ok) throw new ConfigError(parsed.errors);
    if (parsed.warnings.length > 0) io.err(formatConfigIssues(parsed.warnings));

    const options: ClassifyOptions = {
      risk: parsed.config.risk,
      contents: change.contents,
      evidence: change.evidence,
    };
    const explain = stringOption(args.values.explain);
    if (explain !== undefined) {
      const path = repoPath(change.root, io.cwd, explain);
      const target = findChange(change.changes, path);
      if (target === undefined)
        throw notChanged(
          explain,
          change.changes.map((c) => c.path),
          change.baseLabel,
        );
      const explanation = explainFile(change.changes, target, options);
      io.out(json ? JSON.stringify(explanation, null, 2) : renderExplanation(explanation).trimEnd());
      return 0;
    }
    const assessment = classifyRisk(change.changes, options);
    if (json) {
      io.out(JSON.stringify({ base: change.base, head: change.head, ...assessment }, null, 2));
      return 0;
    }
    const config = configText === null ? `defaults (no ${DEFAULT_CONFIG_PATH} at ${change.baseLabel})` : configSource;
    io.err(
      `classifying ${change.baseLabel} (${change.base.slice(0, 12)})..${head ?? 'HEAD'} (${change.head.slice(0, 12)}); config: ${config}`,
    );
    io.out(renderRiskText(assessment, parsed.config.review));
    return 0;
  },
};
