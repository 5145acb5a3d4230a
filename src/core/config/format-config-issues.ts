/**
 * Human text for config problems, one line each, in the `file:line:col` form that
 * editors and terminals make clickable:
 * `.github/greenlight.yml:7:5 budgets.maxIterations: expected an integer from 1 to 50, found "five"`.
 */
import type { ConfigIssue } from './config-issue.ts';

/** One line for one issue. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const severity = issue.severity === 'warning' ? 'warning: ' : '';
  const path = issue.path === '' ? '' : `${issue.path}: `;
  return `${issue.source}:${issue.line}:${issue.column} ${severity}${path}${issue.message}`;
}

/** All issues, one per line, in the order given. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues.map(formatConfigIssue).join('\n');
}
