/**
 * A Conventional Commits title for greenlight's pull requests and commits: `fix:` for a
 * `/fix` run, `test:` when every changed file is a test, `feat:` otherwise. A title
 * that already carries a conventional type (`feat(api): …`) keeps it.
 */
import { isTestPath } from '../risk/path-sets.ts';
import { oneLine } from './one-line.ts';

export interface TitleInput {
  mode: 'generate' | 'fix';
  /** Issue or pull-request title (untrusted). */
  title: string;
  /** Changed paths (current names). */
  paths: readonly string[];
}

const MAX_TITLE = 72;
const CONVENTIONAL = /^(feat|fix|test|tests|docs|chore|refactor|perf|build|ci|style|revert)(\([^)]{1,40}\))?!?:\s*\S/i;

/** The conventional type that fits the change. */
export function conventionalType(input: Omit<TitleInput, 'title'>): 'fix' | 'test' | 'feat' {
  if (input.mode === 'fix') return 'fix';
  return input.paths.length > 0 && input.paths.every((path) => isTestPath(path)) ? 'test' : 'feat';
}

/**
 * @example pullRequestTitle({ mode: 'generate', title: 'Cover parseDate edge cases', paths: ['test/date.test.ts'] })
 * // 'test: cover parseDate edge cases'
 */
export function pullRequestTitle(input: TitleInput): string {
  const text = oneLine(input.title, 1_000);
  if (CONVENTIONAL.test(text)) return oneLine(text, MAX_TITLE);
  const subject = text === '' ? 'change requested through greenlight' : lowerFirst(text);
  return oneLine(`${conventionalType(input)}: ${subject}`, MAX_TITLE);
}

/** `Add tests` → `add tests`, but `README`, `CI` and `iOS` keep their case. */
function lowerFirst(text: string): string {
  const first = text.split(' ')[0] ?? '';
  return /^\p{Lu}\p{Ll}*$/u.test(first) ? `${first.toLowerCase()}${text.slice(first.length)}` : text;
}
