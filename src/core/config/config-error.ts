/**
 * The thrown form of an invalid config, for callers that stop on it (the job refuses
 * to run and comments with the message). `config-syntax` when the YAML itself could
 * not be read, `config-invalid` otherwise.
 */
import { GreenlightError } from '../../ports/errors.ts';
import type { ConfigIssue } from './config-issue.ts';
import { formatConfigIssues } from './format-config-issues.ts';

export class ConfigError extends GreenlightError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const code = issues.some((issue) => issue.kind === 'syntax') ? 'config-syntax' : 'config-invalid';
    const source = issues[0]?.source ?? 'the greenlight config';
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      code,
      `${source} has ${count}; fix the file on the default branch and run again:\n${formatConfigIssues(issues)}`,
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
