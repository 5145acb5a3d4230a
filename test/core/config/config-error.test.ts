import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/config/config-error.ts';
import type { ConfigIssue } from '../../../src/core/config/config-issue.ts';
import { formatConfigIssue, formatConfigIssues } from '../../../src/core/config/format-config-issues.ts';
import { parseConfig } from '../../../src/core/config/parse-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

function errorsOf(text: string): ConfigIssue[] {
  const result = parseConfig(text);
  if (result.ok) throw new Error('expected the config to be invalid');
  return result.errors;
}

describe('formatConfigIssues', () => {
  it('prints file:line:col, the field and the message, one line per issue', () => {
    const errors = errorsOf('budgets:\n  maxIterations: five\n  maxIteration: 3\n');
    expect(formatConfigIssues(errors)).toBe(
      [
        '.github/greenlight.yml:2:18 budgets.maxIterations: expected an integer from 1 to 50, found "five"',
        '.github/greenlight.yml:3:3 budgets.maxIteration: unknown key `maxIteration`; did you mean `maxIterations`?',
      ].join('\n'),
    );
  });

  it('leaves out the path for file-level problems and marks warnings', () => {
    const base = { source: 'g.yml', line: 1, column: 2, message: 'm' };
    expect(formatConfigIssue({ ...base, kind: 'syntax', severity: 'error', path: '' })).toBe('g.yml:1:2 m');
    expect(formatConfigIssue({ ...base, kind: 'semantic', severity: 'warning', path: 'a.b' })).toBe(
      'g.yml:1:2 warning: a.b: m',
    );
  });
});

describe('ConfigError', () => {
  it.each([
    ['schema problems', 'budgets:\n  maxIterations: five\n', 'config-invalid'],
    ['a duplicate key', 'budgets: {}\nbudgets: {}\n', 'config-invalid'],
    ['a syntax error', 'budgets: [1,\n', 'config-syntax'],
  ])('is a GreenlightError for %s', (_name, text, code) => {
    const error = new ConfigError(errorsOf(text));
    expect(isGreenlightError(error, code as 'config-invalid' | 'config-syntax')).toBe(true);
    expect(error.issues).toEqual(errorsOf(text));
  });

  it('says what to do and lists every issue', () => {
    const error = new ConfigError(errorsOf('budgets:\n  maxIterations: five\nfleet:\n  overLimit: drop\n'));
    expect(error.message).toBe(
      [
        '.github/greenlight.yml has 2 problems; fix the file on the default branch and run again:',
        '.github/greenlight.yml:2:18 budgets.maxIterations: expected an integer from 1 to 50, found "five"',
        '.github/greenlight.yml:4:14 fleet.overLimit: expected one of "queue", "refuse", found "drop"',
      ].join('\n'),
    );
  });
});
