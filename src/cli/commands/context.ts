/**
 * `greenlight context --task "…" | --issue-file F [--budget N] [--json] [--prompt]
 * [--repo DIR] [--base REF] [--recent N] [--config FILE]`: shows what context would be
 * sent to the model for a task, and why. Wiring only: indexing in adapters/context,
 * ranking and rendering in core/context.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { assembleRepoContext } from '../../compose/assemble-repo-context.ts';
import { ConfigError } from '../../core/config/config-error.ts';
import { formatConfigIssues } from '../../core/config/format-config-issues.ts';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../../core/config/parse-config.ts';
import { renderContextForPrompt } from '../../core/prompt/render-context-for-prompt.ts';
import { renderContextReport } from '../../core/context/render-context-report.ts';
import { taskFromIssueFile } from '../../core/context/task-from-issue-file.ts';
import { GreenlightError } from '../../ports/errors.ts';
import { sanitizeUntrustedText } from '../../core/text/sanitize-untrusted-text.ts';
import type { CliCommand } from '../command.ts';

const MIN_BUDGET = 500;

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function integerOption(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new GreenlightError('usage', `--${name} must be a whole number of at least ${min}, got '${String(value)}'`);
  return n;
}

async function readText(path: string, shown: string, what: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && what === 'config') return null;
    throw new GreenlightError(
      'usage',
      `cannot read ${what} ${shown}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { cause: error },
    );
  }
}

export const contextCommand: CliCommand = {
  name: 'context',
  usage: [
    'Usage: greenlight context --task TEXT | --issue-file FILE [--budget N] [--json | --prompt]',
    '                          [--repo DIR] [--base REF] [--recent N] [--config FILE]',
    '',
    'Ranks the files of the repository for the task and fills the token budget with the best',
    'of them: whole files, excerpts (the relevant lines, numbered) or skeletons (signatures',
    'only). Prints a table (rank, path, kind, tokens, score, reasons), the repository map and',
    'conventions the model gets, and the totals against the budget.',
    '',
    'Options:',
    '  --task TEXT        the task, as an issue title and body would say it',
    '  --issue-file FILE  read the task from a Markdown file or a GitHub issue as JSON',
    '                     ({ "title", "body" }, e.g. gh issue view N --json title,body)',
    '  --budget N         token budget (default: context.maxTokens from the config, 40000)',
    '  --json             print the whole context pack as JSON',
    '  --prompt           print the context exactly as it goes into the prompt',
    '  --repo DIR         repository to read (default: the current directory)',
    '  --base REF         for /fix: files changed in REF...HEAD count as recently changed',
    '  --recent N         files of the last N commits count as recently changed',
    `  --config FILE      configuration to use (default: ${DEFAULT_CONFIG_PATH} in the repository)`,
  ].join('\n'),
  options: {
    task: { type: 'string' },
    'issue-file': { type: 'string' },
    budget: { type: 'string' },
    json: { type: 'boolean', default: false },
    prompt: { type: 'boolean', default: false },
    repo: { type: 'string' },
    base: { type: 'string' },
    recent: { type: 'string' },
    config: { type: 'string' },
  },
  async run(args, io) {
    const taskOption = stringOption(args.values.task);
    const issueFile = stringOption(args.values['issue-file']);
    if ((taskOption === undefined) === (issueFile === undefined)) {
      throw new GreenlightError(
        'usage',
        'give the task with exactly one of --task TEXT or --issue-file FILE (see greenlight context --help)',
      );
    }
    if (args.values.json === true && args.values.prompt === true)
      throw new GreenlightError('usage', '--json and --prompt cannot be combined');
    const budget = integerOption('budget', args.values.budget, MIN_BUDGET);
    const recentCommits = integerOption('recent', args.values.recent, 0);
    const root = resolve(io.cwd, stringOption(args.values.repo) ?? '.');
    const task =
      issueFile !== undefined
        ? taskFromIssueFile((await readText(resolve(io.cwd, issueFile), issueFile, '--issue-file'))!, issueFile)
        : taskOption!;
    if (task.trim() === '') throw new GreenlightError('usage', 'the task is empty; describe what should change');

    const configOption = stringOption(args.values.config);
    const configPath = configOption !== undefined ? resolve(io.cwd, configOption) : resolve(root, DEFAULT_CONFIG_PATH);
    const configText =
      configOption !== undefined
        ? await readText(configPath, configOption, '--config')
        : await readText(configPath, DEFAULT_CONFIG_PATH, 'config');
    const parsed = parseConfig(configText, configOption ?? DEFAULT_CONFIG_PATH);
    if (!parsed.ok) throw new ConfigError(parsed.errors);
    if (parsed.warnings.length > 0) io.err(formatConfigIssues(parsed.warnings));
    const { context, tests } = parsed.config;

    const base = stringOption(args.values.base);
    // The task is untrusted like any issue: sanitized once, here (docs/security.md §6).
    const pack = await assembleRepoContext(root, sanitizeUntrustedText(task), {
      budgetTokens: budget ?? context.maxTokens,
      maxFileBytes: context.maxFileBytes,
      exclude: context.exclude,
      testCommand: tests.command ?? null,
      ...(base !== undefined ? { base } : {}),
      recentCommits: recentCommits ?? 0,
    });
    if (args.values.json === true) io.out(JSON.stringify(pack, null, 2));
    else if (args.values.prompt === true) io.out(renderContextForPrompt(pack));
    else io.out(renderContextReport(pack, task));
    return 0;
  },
};
