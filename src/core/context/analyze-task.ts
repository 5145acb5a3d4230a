/**
 * Reads a task (issue or PR text, `/fix` instructions, failing-test messages) for the
 * things that point at code: paths, identifiers, dotted names, stack-trace frames,
 * error messages and quoted code; and turns the rest into weighted search terms.
 * Call it on sanitized text (assembleContext takes only `SanitizedText`).
 */
import { splitWords } from './split-words.ts';
import { STOPWORDS } from './stopwords.ts';
import type { StackFrame, TaskAnalysis, WeightedTerm } from './types.ts';

const SOURCE_EXTENSIONS =
  'tsx?|mts|cts|jsx?|mjs|cjs|py|pyi|go|java|kt|kts|rb|rs|sh|bash|bats|c|h|cc|cpp|hpp|cs|php|swift|vue|svelte|json|ya?ml|toml|md|sql|html|css|scss';
const FILE_NAME = new RegExp(`^[\\w@.+-]+\\.(?:${SOURCE_EXTENSIONS})$`, 'i');

const FENCED = /^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:\n {0,3}\1[`~]*[ \t]*(?=\n|$)|$)/gm;
const INLINE_CODE = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;

const FRAME_PATTERNS: readonly RegExp[] = [
  // node:  at fn (src/a.ts:10:5)  /  at src/a.ts:10:5  /  at async fn (file:///…/a.js:1:2)
  /\bat (?:async )?(?:(?<symbol>[\w$.<>[\]]+(?: \[as [\w$]+\])?) \()?(?<path>(?:file:\/\/)?[^\s()'"]+?):(?<line>\d+):\d+\)?/g,
  // python:  File "pkg/a.py", line 12, in fn
  /File "(?<path>[^"]+)", line (?<line>\d+)(?:, in (?<symbol>[\w<>.]+))?/g,
  // java / kotlin:  at com.acme.Foo.bar(Foo.java:42)
  /\bat (?<symbol>[\w$.]+)\((?<path>[\w$]+\.(?:java|kt)):(?<line>\d+)\)/g,
  // ruby:  lib/a.rb:10:in `meth'  /  lib/a.rb:10:in 'Klass#meth'
  /(?<path>[^\s:'"`()]+\.rb):(?<line>\d+):in [`'](?:[\w:]+[#.])?(?<symbol>[^'`]+)'/g,
  // go, rust, pytest, tsc, eslint and most tools:  path/file.ext:12[:5]  or  file.ts(12,5)
  new RegExp(
    `(?<![\\w@.+/:-])(?<path>\\/?(?:[\\w@.+-]+\\/)*[\\w@.+-]+\\.(?:${SOURCE_EXTENSIONS}))(?::(?<line>\\d+)(?::\\d+)?|\\((?<line2>\\d+),\\d+\\))`,
    'g',
  ),
];

const ERROR_LINE =
  /^\s*(?:(?:[A-Z]\w*(?:Error|Exception|Failure)|panic|error(?:\[\w+\])?|fatal|FAIL(?:ED)?|AssertionError|thread '[^']*' panicked at)\b[:!]?\s*.+)$/gm;

const WORD = /[A-Za-z_$][\w$]*/g;
const DOTTED = /(?<![\w$.])[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?![\w$])/g;
const CALL = /(?<![\w$.])([A-Za-z_$][\w$]*)\(\)/g;
const PATH_TOKEN = /[^\s`'"()[\]<>{},;]+/g;

const TERM_WEIGHT_CODE = 3;
const TERM_WEIGHT_FIRST_LINE = 2;
const TERM_WEIGHT_PROSE = 1;
const MIN_TERM_LENGTH = 2;

/**
 * @example analyzeTask('Add tests for `closeLedger` in src/billing/ledger.ts')
 * // { paths: ['src/billing/ledger.ts'], identifiers: ['closeLedger'], terms: [close, ledger, …], … }
 */
export function analyzeTask(text: string): TaskAnalysis {
  const codeSnippets = unique(
    [...text.matchAll(FENCED)]
      .map((m) => m[2]!.trim())
      .concat([...text.replace(FENCED, ' ').matchAll(INLINE_CODE)].map((m) => m[2]!.trim()))
      .filter((s) => s.length > 0),
  );
  const frames = findFrames(text);
  const paths = findPaths(text);
  const dottedNames = unique([...text.matchAll(DOTTED)].map((m) => m[0]).filter((d) => !isFileOrVersion(d)));
  const identifiers = findIdentifiers(text, codeSnippets, dottedNames, frames);
  const errors = unique([...text.matchAll(ERROR_LINE)].map((m) => m[0].trim().slice(0, 300)));
  const terms = weighTerms(text, codeSnippets, identifiers, paths, frames);
  return { paths, identifiers, dottedNames, frames, errors, codeSnippets, terms };
}

function findFrames(text: string): StackFrame[] {
  const frames: StackFrame[] = [];
  const seen = new Set<string>();
  for (const pattern of FRAME_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const groups = m.groups ?? {};
      const path = normalizePath(groups.path ?? '');
      if (path === '' || /^node:|(?:^|\/)node_modules\//.test(path) || path.startsWith('<')) continue;
      const lineText = groups.line ?? groups.line2;
      const frame: StackFrame = { path };
      if (lineText !== undefined) frame.line = Number(lineText);
      const symbol = groups.symbol?.replace(/ \[as [\w$]+\]$/, '');
      if (symbol && symbol !== '<module>' && symbol !== '<anonymous>') frame.symbol = symbol;
      const key = `${frame.path}:${frame.line ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      frames.push(frame);
    }
  }
  return frames;
}

function findPaths(text: string): string[] {
  const paths: string[] = [];
  for (const m of text.matchAll(PATH_TOKEN)) {
    let token = m[0];
    if (token.includes('://') || (token.startsWith('@') && !token.includes('/'))) continue;
    token = token
      .replace(/[.,:;!?]+$/, '')
      .replace(/(?::\d+)+$/, '')
      .replace(/\(\d+,\d+\)$/, '');
    const normalized = normalizePath(token);
    if (normalized === '' || normalized === '/' || /^\d/.test(normalized)) continue;
    const looksLikeDirectory = /^[\w@.-]+(?:\/[\w@.-]+)*\/$/.test(normalized) && normalized.length > 2;
    const looksLikeFile =
      FILE_NAME.test(normalized.slice(normalized.lastIndexOf('/') + 1)) &&
      /^[\w@./+-]+$/.test(normalized) &&
      !/^v?\d+(?:\.\d+)+$/.test(normalized);
    const looksLikeNestedPath =
      /^[\w@.-]+(?:\/[\w@.-]+)+$/.test(normalized) &&
      /[a-z]/i.test(normalized) &&
      !/^(?:and|or)\/(?:and|or)$/.test(normalized);
    if (looksLikeFile || looksLikeDirectory || looksLikeNestedPath) paths.push(normalized);
  }
  return unique(paths);
}

function normalizePath(raw: string): string {
  return raw
    .replace(/^file:\/\//, '')
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/)+/, '');
}

function isFileOrVersion(dotted: string): boolean {
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  return (FILE_NAME.test(dotted) && last.length <= 5) || /^(?:e\.g|i\.e|etc)\b/i.test(dotted);
}

function findIdentifiers(
  text: string,
  code: readonly string[],
  dotted: readonly string[],
  frames: readonly StackFrame[],
): string[] {
  const found: string[] = [];
  const consider = (word: string, inCode: boolean): void => {
    if (word.length < 3 || STOPWORDS.has(word.toLowerCase())) return;
    const camel = /[a-z0-9][A-Z]/.test(word);
    const snake = /[A-Za-z0-9]_[A-Za-z0-9]/.test(word);
    if (camel || snake || (inCode && /[A-Za-z]/.test(word))) found.push(word);
  };
  for (const m of text.matchAll(WORD)) consider(m[0], false);
  for (const snippet of code) for (const m of snippet.matchAll(WORD)) consider(m[0], true);
  for (const m of text.matchAll(CALL)) consider(m[1]!, true);
  for (const name of dotted) for (const part of name.split('.')) consider(part, true);
  for (const frame of frames) {
    for (const part of frame.symbol?.split(/[.#]/) ?? []) consider(part.replace(/[<>[\]]/g, ''), true);
  }
  return unique(found);
}

function weighTerms(
  text: string,
  code: readonly string[],
  identifiers: readonly string[],
  paths: readonly string[],
  frames: readonly StackFrame[],
): WeightedTerm[] {
  const weights = new Map<string, number>();
  const order = new Map<string, number>();
  const add = (source: string, weight: number): void => {
    for (const word of splitWords(source)) {
      if (word.length < MIN_TERM_LENGTH || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
      weights.set(word, (weights.get(word) ?? 0) + weight);
      if (!order.has(word)) order.set(word, order.size);
    }
  };
  const newline = text.indexOf('\n');
  add(newline === -1 ? text : text.slice(0, newline), TERM_WEIGHT_FIRST_LINE);
  add(text, TERM_WEIGHT_PROSE);
  for (const identifier of identifiers) add(identifier, TERM_WEIGHT_CODE);
  for (const path of paths) add(path.replace(/\.[^./]+$/, ''), TERM_WEIGHT_CODE);
  for (const frame of frames)
    add(
      frame.path
        .replace(/\.[^./]+$/, '')
        .split('/')
        .slice(-2)
        .join('/'),
      TERM_WEIGHT_CODE,
    );
  for (const snippet of code) add(snippet.slice(0, 2_000), TERM_WEIGHT_PROSE);
  return [...weights]
    .map(([term, weight]) => ({ term, weight }))
    .sort((a, b) => b.weight - a.weight || order.get(a.term)! - order.get(b.term)!);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
