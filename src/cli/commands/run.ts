/**
 * `greenlight run --task "…" | --issue-file F [--mode generate|fix] [--repo DIR]
 * [--dry-run] [--json] [--audit FILE]`: the whole engine on a local checkout. Wiring
 * only: the flow is `runLocalJob` (src/compose), the report `renderRunReport`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { taskFromIssueFile, taskFromText, type LocalTask } from '../../compose/local-task.ts';
import { runLocalJob, type LocalJobResult } from '../../compose/run-local-job.ts';
import { formatConfigIssues } from '../../core/config/format-config-issues.ts';
import { DEFAULT_CONFIG_PATH } from '../../core/config/parse-config.ts';
import { GreenlightError } from '../../ports/errors.ts';
import { budgetUsage } from '../../core/report/budget-usage.ts';
import { formatCount, formatUsd } from '../../core/report/format.ts';
import type { TaskMode } from '../../core/task/task-request.ts';
import type { CliCommand, ParsedArgs } from '../command.ts';
import { createTerminalProgress } from '../progress/terminal-progress.ts';

const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

async function readTask(args: ParsedArgs, cwd: string): Promise<LocalTask> {
  const text = string(args.values.task);
  const file = string(args.values['issue-file']);
  if ((text === undefined) === (file === undefined)) {
    throw new GreenlightError(
      'usage',
      'give the task either as --task "…" or as --issue-file FILE (see greenlight run --help)',
    );
  }
  if (text !== undefined) return taskFromText(text);
  const path = file as string;
  let content: string;
  try {
    content = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new GreenlightError(
      'usage',
      `cannot read --issue-file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { cause: error },
    );
  }
  return taskFromIssueFile(content, path);
}

function readMode(args: ParsedArgs): TaskMode {
  const mode = string(args.values.mode) ?? 'generate';
  if (mode !== 'generate' && mode !== 'fix')
    throw new GreenlightError('usage', `--mode must be generate or fix, got "${mode}"`);
  return mode;
}

function summary(result: LocalJobResult, dryRun: boolean): string[] {
  const { outcome } = result.job;
  const lines: string[] = [];
  if (result.branch !== null) {
    const what =
      outcome.kind === 'succeeded' ? 'the verified change' : 'the best state reached (work in progress, not verified)';
    lines.push(
      `greenlight: ${what} is on branch ${result.branch} (${(result.commit ?? '').slice(0, 12)}); you are still on ${result.originalBranch}. See it with: git switch ${result.branch}`,
    );
  } else if (result.notKept !== null) {
    lines.push(
      `greenlight: the result was not kept on a branch. ${result.notKept.message.replace(/^Nothing was pushed: /, '')}`,
    );
  } else if (dryRun) {
    lines.push('greenlight: dry run, nothing was committed and the working tree is unchanged.');
  } else {
    lines.push('greenlight: no change was kept.');
  }
  if (outcome.kind === 'gave-up') lines.push(`greenlight: stopped: ${outcome.reason.message}`);
  if (outcome.kind === 'refused') lines.push(`greenlight: refused: ${outcome.reason}`);
  lines.push(`greenlight: audit log: ${result.auditPath}`);
  return lines;
}

export const runCommand: CliCommand = {
  name: 'run',
  usage: [
    'Usage: greenlight run --task "TEXT" | --issue-file FILE [--mode generate|fix] [--repo DIR]',
    '                      [--dry-run] [--json] [--audit FILE]',
    '',
    'Runs the generate → test → fix → verify loop on a local git checkout: the model edits',
    "files through tools, the project's tests run in the sandbox, failures go back to the",
    'model until the engine itself verifies the change (or a budget runs out).',
    '',
    'The engine works in a worktree of its own and never writes to your checkout. The',
    'result is committed on a new branch named by branch.template ({number} is "local"',
    'without an issue); your branch stays checked out. A run that gave up keeps its best',
    'state on a branch too, marked as work in progress, and exits with 1; so does a result',
    'that holds a secret or is over a publish.* limit, which is not kept. The report (the',
    'pull-request body) goes to stdout; progress, the branch name and the audit log path',
    'go to stderr.',
    '',
    `Settings come from ${DEFAULT_CONFIG_PATH} (defaults when absent); the model key from`,
    'ANTHROPIC_API_KEY (ANTHROPIC_BASE_URL is honoured), or with model.provider bedrock or',
    "vertex, the cloud's own credentials (AWS_* variables or profiles; Google ADC).",
    '',
    'Options:',
    '  --task TEXT        what to do; the first line is the title',
    '  --issue-file FILE  the task as a GitHub issue: JSON {"title", "body", "number"} or',
    '                     Markdown whose first line is the title',
    '  --mode MODE        generate (default): implement the task; fix: make failing tests',
    '                     pass following the task as the instruction',
    '  --repo DIR         the checkout (default: the current directory)',
    '  --dry-run          keep nothing: print the diff, leave the tree and branches as they are',
    '  --json             print a JSON summary (with the report and the diff) instead of markdown',
    '  --audit FILE       write the audit log here (default: .git/greenlight/audit-<time>.jsonl)',
    '',
    'Exit codes: 0 verified change, 1 gave up or refused, 2 cannot start (dirty tree,',
    'detached HEAD, no API key, unknown model, no test command, bad config), 3 internal error.',
  ].join('\n'),
  options: {
    task: { type: 'string' },
    'issue-file': { type: 'string' },
    mode: { type: 'string' },
    repo: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    audit: { type: 'string' },
  },
  async run(args, io) {
    const task = await readTask(args, io.cwd);
    const mode = readMode(args);
    const dryRun = args.values['dry-run'] === true;
    const json = args.values.json === true;
    const audit = string(args.values.audit);
    const result = await runLocalJob({
      repo: resolve(io.cwd, string(args.values.repo) ?? '.'),
      task,
      mode,
      dryRun,
      ...(audit === undefined ? {} : { auditPath: resolve(io.cwd, audit) }),
      env: io.env,
      progress: createTerminalProgress((line) => io.err(line), io.interactive),
      onAuditLog: (path) => io.err(`greenlight: audit log: ${path}`),
    });
    if (result.configWarnings.length > 0) io.err(formatConfigIssues(result.configWarnings));
    const { outcome, risk } = result.job;
    if (json) {
      io.out(
        JSON.stringify(
          {
            outcome: outcome.kind,
            ...(outcome.kind === 'gave-up' ? { stop: outcome.reason } : {}),
            ...(outcome.kind === 'refused' ? { reason: outcome.reason } : {}),
            branch: result.branch,
            commit: result.commit,
            ...(result.notKept === null ? {} : { notKept: result.notKept.message }),
            risk: risk.tier,
            iterations: outcome.report.iterations,
            tokens: outcome.report.totalTokens,
            costUsd: outcome.report.costUsd,
            budgets: budgetUsage(outcome.report),
            files: outcome.kind === 'refused' ? [] : outcome.changes.map((c) => ({ path: c.path, status: c.status })),
            auditLog: result.auditPath,
            diff: result.diff,
            report: result.job.reportMarkdown,
          },
          null,
          2,
        ),
      );
    } else {
      if (dryRun && result.diff !== '') io.out(result.diff);
      io.out(result.job.reportMarkdown);
    }
    for (const line of summary(result, dryRun)) io.err(line);
    const r = outcome.report;
    io.err(
      `greenlight: ${r.iterations} of ${r.budgets.maxIterations} round(s), ${r.turns.length} of ${r.budgets.maxModelCalls} model calls, ` +
        `${r.testRuns} of ${r.budgets.maxTestRuns} test runs, ${formatCount(r.totalTokens)} tokens, ${formatUsd(r.costUsd)} of ${formatUsd(r.budgets.maxCostUsd)}`,
    );
    return outcome.kind === 'succeeded' && result.notKept === null ? 0 : 1;
  },
};
