/**
 * The last look at a change's content before anything is pushed or kept on a branch
 * (docs/security.md §29, §33), beside the path rules of check-publish-paths.ts:
 *
 * - every added line (and the whole content of a binary file) is searched for the
 *   secrets the job holds, in every spelling the redactor knows, and for the shapes
 *   only credentials have (TOKEN_SHAPES); a finding names the file and line, never the
 *   value;
 * - the change must stay within `publish.maxFiles`, `publish.maxBytes` and
 *   `publish.maxFileBytes`.
 */
import type { PublishConfig } from '../config/repo-config.ts';
import type { SecretMatch } from '../redact/create-redactor.ts';
import { formatCount } from '../report/format.ts';
import type { SecretFinding } from './publish-types.ts';

export interface ChangedContent {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  /** Size of the new content; null for a deletion or a submodule. */
  bytes: number | null;
  /** Added lines of a text file, with their line numbers in the new file. */
  added: { line: number; text: string }[];
  /** A binary file's whole new content, as text (latin1), searched as one piece. */
  binaryText?: string;
}

export interface ContentProblems {
  secrets: SecretFinding[];
  /** One sentence per limit exceeded. */
  oversize: string[];
}

/**
 * @param find the secrets in a text (a Redactor's `find`, built with the job's secrets and TOKEN_SHAPES)
 * @example checkChangeContent(files, { find: redactor.find, limits: config.publish })
 */
export function checkChangeContent(
  files: readonly ChangedContent[],
  options: { find: (text: string) => SecretMatch[]; limits: PublishConfig },
): ContentProblems {
  const secrets: SecretFinding[] = [];
  for (const file of files) {
    for (const { line, text } of file.added) {
      for (const match of options.find(text)) secrets.push({ path: file.path, line, what: match.what });
    }
    if (file.binaryText !== undefined) {
      for (const match of options.find(file.binaryText))
        secrets.push({ path: file.path, line: null, what: match.what });
    }
  }
  return { secrets, oversize: oversize(files, options.limits) };
}

function oversize(files: readonly ChangedContent[], limits: PublishConfig): string[] {
  const problems: string[] = [];
  if (files.length > limits.maxFiles) {
    problems.push(
      `the change touches ${formatCount(files.length)} files, more than publish.maxFiles (${formatCount(limits.maxFiles)})`,
    );
  }
  const total = files.reduce((sum, file) => sum + (file.bytes ?? 0), 0);
  if (total > limits.maxBytes) {
    problems.push(
      `its files hold ${formatCount(total)} bytes, more than publish.maxBytes (${formatCount(limits.maxBytes)})`,
    );
  }
  const big = files.filter((file) => (file.bytes ?? 0) > limits.maxFileBytes);
  for (const file of big.slice(0, 5)) {
    problems.push(
      `\`${file.path}\` is ${formatCount(file.bytes ?? 0)} bytes, more than publish.maxFileBytes (${formatCount(limits.maxFileBytes)})`,
    );
  }
  if (big.length > 5) problems.push(`and ${big.length - 5} more files are over publish.maxFileBytes`);
  return problems;
}

/** `path:line` (or `path` for a binary file) of a finding. */
export function findingPlace(finding: SecretFinding): string {
  return finding.line === null ? finding.path : `${finding.path}:${finding.line}`;
}

/** The sentence a refusal for secrets says: where, and what kind, never the value. */
export function describeSecretFindings(findings: readonly SecretFinding[]): string {
  const shown = findings.slice(0, 10).map((f) => `\`${findingPlace(f)}\` (${f.what})`);
  const more = findings.length > 10 ? ` and ${findings.length - 10} more` : '';
  return `Nothing was pushed: the change holds what looks like a secret at ${shown.join(', ')}${more}. Values are not shown. Remove them from the change, or from the tests that put them there, and run again.`;
}

/** The sentence a refusal for size says. */
export function describeOversize(problems: readonly string[]): string {
  return `Nothing was pushed: ${problems.join('; ')}. Raise the limit in .github/greenlight.yml if the change is meant to be this large, or ask for a smaller one.`;
}
