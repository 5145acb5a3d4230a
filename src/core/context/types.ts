/**
 * Types of context assembly: the repository index the adapter builds from disk, the
 * analysed task, and the `ContextPack` that goes into the prompt.
 */

export type Language =
  | 'typescript'
  | 'javascript'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'ruby'
  | 'rust'
  | 'shell'
  | 'c'
  | 'cpp'
  | 'csharp'
  | 'php'
  | 'swift'
  | 'markdown'
  | 'json'
  | 'yaml'
  | 'toml'
  | 'sql'
  | 'html'
  | 'css'
  | 'text';

/** One indexed file: tracked, text, not vendored/generated/minified/huge/excluded. */
export interface IndexedFile {
  path: string;
  /** The text, UTF-8 decoded. */
  readonly content: string;
  /** Size in bytes. */
  size: number;
  language: Language;
  /** A test file by name or location (`foo.test.ts`, `tests/test_foo.py`, `foo_test.go`, …). */
  isTest: boolean;
}

export type SkipReason =
  'binary' | 'lockfile' | 'vendored' | 'generated' | 'minified' | 'too-large' | 'excluded' | 'symlink' | 'unreadable';

export interface SkippedFile {
  path: string;
  reason: SkipReason;
}

/** What the adapter read: every tracked file that was indexed, and why the others were not. */
export interface RepoIndex {
  /** Sorted by path. */
  files: readonly IndexedFile[];
  skipped: readonly SkippedFile[];
}

export interface StackFrame {
  /** As written in the trace, normalised to forward slashes, without `./`. */
  path: string;
  line?: number;
  symbol?: string;
}

/** What the task text names; all lists are in order of first appearance, deduplicated. */
export interface TaskAnalysis {
  /** File or directory paths written in the text (`src/a.ts`, `./lib/b.py`, `pkg/`). */
  paths: string[];
  /** Identifiers as written: camelCase, PascalCase, snake_case, SCREAMING_CASE, dotted parts. */
  identifiers: string[];
  /** Dotted names as written (`os.path.join`, `RepoConfig.parse`). */
  dottedNames: string[];
  frames: StackFrame[];
  /** Error messages (`TypeError: x is undefined`, `panic: …`, `AssertionError: …`). */
  errors: string[];
  /** Text of inline code spans and fenced blocks. */
  codeSnippets: string[];
  /** Lower-case search terms (identifier parts and words), highest weight first. */
  terms: WeightedTerm[];
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A file that changed recently: in the PR diff (`/fix`) or in recent commits. */
export interface RecentChange {
  path: string;
  source: 'diff' | 'log';
}

export type ReasonSignal =
  | 'mentioned-path'
  | 'stack-frame'
  | 'defines-symbol'
  | 'uses-symbol'
  | 'lexical'
  | 'path-match'
  | 'imports'
  | 'imported-by'
  | 'test-of'
  | 'source-of'
  | 'types'
  | 'config'
  | 'recently-changed'
  | 'copy'
  | 'bundle'
  | 'other-language'
  | 'central';

/**
 * Why a file was picked: a signal, a human-readable detail, and its share of the score
 * (negative for a demotion: a copy or a bundle ranked lower).
 */
export interface Reason {
  signal: ReasonSignal;
  detail: string;
  score: number;
}

export interface LineRange {
  /** 1-based, inclusive. */
  start: number;
  end: number;
}

export type ContextItemKind = 'whole' | 'excerpt' | 'skeleton';

export interface ContextItem {
  rank: number;
  path: string;
  language: Language;
  kind: ContextItemKind;
  score: number;
  tokens: number;
  /** Strongest first. */
  reasons: Reason[];
  totalLines: number;
  /** For excerpts: the line ranges shown. */
  ranges?: LineRange[];
  /** The text as it goes into the prompt (excerpts carry line numbers). */
  text: string;
}

export interface Conventions {
  /** From config, or detected from the project's manifests; null when unknown. */
  testCommand: string | null;
  testCommandSource: string | null;
  frameworks: string[];
  /** How test files are named and where they live, one line per pattern seen. */
  testLayout: string[];
  /** A representative existing test, shown as a style example. */
  styleExample: { path: string; reason: string; text: string; tokens: number } | null;
  tokens: number;
}

export interface RepoMap {
  text: string;
  tokens: number;
}

/** A candidate that scored but did not fit the budget. */
export interface OmittedFile {
  path: string;
  score: number;
  tokens: number;
}

/** A file ranked lower because it copies another file or is a built bundle (find-copies.ts). */
export interface DemotedFile {
  path: string;
  /** For a copy: the file it copies. */
  original?: string;
  /** Why, as the report says it. */
  detail: string;
  /** In the context after all (a small item), or left out. */
  included: boolean;
}

export interface ContextPack {
  budgetTokens: number;
  /** Tokens of everything rendered: map, conventions, items and framing. */
  usedTokens: number;
  items: ContextItem[];
  map: RepoMap;
  conventions: Conventions;
  omitted: OmittedFile[];
  /** Copies and bundles among the best-ranked files, and whether they made it in. */
  demoted: DemotedFile[];
  analysis: TaskAnalysis;
  stats: {
    indexedFiles: number;
    skippedFiles: Partial<Record<SkipReason, number>>;
    candidates: number;
  };
}
