/**
 * Decides whether a change touches only comments, docstrings or blank lines. It sees
 * the changed lines without context, so it is conservative: a line it cannot place
 * (say, the middle of an existing block comment without a leading `*`) counts as code.
 * Comment-shaped directives (`//go:build`, `# syntax=`, `// @ts-check`, lint pragmas,
 * shebangs) change behaviour and also count as code.
 */

type Language = 'slash' | 'hash' | 'python' | 'ruby' | 'dash' | 'markup';

const BY_EXTENSION: Readonly<Record<string, Language>> = {
  js: 'slash',
  jsx: 'slash',
  ts: 'slash',
  tsx: 'slash',
  mjs: 'slash',
  cjs: 'slash',
  mts: 'slash',
  cts: 'slash',
  go: 'slash',
  java: 'slash',
  kt: 'slash',
  kts: 'slash',
  rs: 'slash',
  c: 'slash',
  h: 'slash',
  cc: 'slash',
  cpp: 'slash',
  hpp: 'slash',
  cs: 'slash',
  swift: 'slash',
  scala: 'slash',
  dart: 'slash',
  groovy: 'slash',
  gradle: 'slash',
  proto: 'slash',
  jsonc: 'slash',
  json5: 'slash',
  php: 'slash',
  css: 'slash',
  scss: 'slash',
  less: 'slash',
  py: 'python',
  pyi: 'python',
  rb: 'ruby',
  rake: 'ruby',
  gemspec: 'ruby',
  sh: 'hash',
  bash: 'hash',
  zsh: 'hash',
  yml: 'hash',
  yaml: 'hash',
  toml: 'hash',
  tf: 'hash',
  tfvars: 'hash',
  hcl: 'hash',
  r: 'hash',
  pl: 'hash',
  ex: 'hash',
  exs: 'hash',
  cfg: 'hash',
  ini: 'hash',
  conf: 'hash',
  properties: 'hash',
  mk: 'hash',
  cmake: 'hash',
  nix: 'hash',
  ps1: 'hash',
  sql: 'dash',
  lua: 'dash',
  hs: 'dash',
  html: 'markup',
  htm: 'markup',
  xml: 'markup',
  vue: 'markup',
  svelte: 'markup',
  svg: 'markup',
};

const BY_NAME: Readonly<Record<string, Language>> = {
  Dockerfile: 'hash',
  Containerfile: 'hash',
  Makefile: 'hash',
  GNUmakefile: 'hash',
  Procfile: 'hash',
  Gemfile: 'ruby',
  Rakefile: 'ruby',
  Vagrantfile: 'ruby',
  Podfile: 'ruby',
  Justfile: 'hash',
  justfile: 'hash',
};

/**
 * Comment-looking lines that tools read: lint/type pragmas, build constraints,
 * compiler directives, parser directives, encoding/frozen-string magic comments.
 */
const DIRECTIVE =
  /^#!|eslint|jshint|jslint|istanbul\s+ignore|c8\s+ignore|prettier-ignore|biome-ignore|oxlint-|deno-(?:lint|fmt)-|\bnoqa\b|nolint|NOLINT|pylint:|pyright:|mypy:|#\s*type:|rubocop:|\bnosec\b|pragma|shellcheck\s|@flow\b|@jsx|@ts-|webpack[A-Z]|__PURE__|@preserve|source(?:Mapping)?URL=|fmt:\s*(?:off|on|skip)|isort:|yapf:|clang-format|NOSONAR|@generated|frozen_string_literal|coding[:=]|^\/\/\s*go:|^\/\/\s*\+build|#cgo|^#\s*(?:syntax|escape|check)=|@(?:vitest|jest)-environment|<reference\s/;

function languageOf(path: string): Language | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const byName = BY_NAME[base];
  if (byName !== undefined) return byName;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? undefined : BY_EXTENSION[base.slice(dot + 1).toLowerCase()];
}

/** Line-comment prefixes per language. */
const LINE_COMMENT: Readonly<Record<Language, readonly string[]>> = {
  slash: ['//'],
  hash: ['#'],
  python: ['#'],
  ruby: ['#'],
  dash: ['--'],
  markup: [],
};

/** Block comment delimiters per language; the opener must start the line. */
const BLOCKS: Readonly<Record<Language, readonly (readonly [RegExp, string])[]>> = {
  slash: [[/^\/\*/, '*/']],
  hash: [],
  python: [
    [/^[rRuU]?"""/, '"""'],
    [/^[rRuU]?'''/, "'''"],
  ],
  ruby: [[/^=begin\b/, '=end']],
  dash: [[/^\/\*/, '*/']],
  markup: [[/^<!--/, '-->']],
};

/** True when every line of `lines` is blank or a comment of `language`. */
function linesAreComments(lines: readonly string[], language: Language): boolean {
  let closer: string | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (DIRECTIVE.test(line)) return false;
    if (closer !== undefined) {
      const end = line.indexOf(closer);
      if (end !== -1) {
        if (line.slice(end + closer.length).trim() !== '') return false; // code after the comment
        closer = undefined;
      }
      continue;
    }
    if (LINE_COMMENT[language].some((prefix) => line.startsWith(prefix))) continue;
    // A leading `*` continues a /** … */ block whose opening line is not in the diff.
    if (language === 'slash' && /^\*(?:\s|\/|$)/.test(line)) {
      if (line.includes('*/') && line.slice(line.indexOf('*/') + 2).trim() !== '') return false;
      continue;
    }
    const block = BLOCKS[language].find(([opener]) => opener.test(line));
    if (block === undefined) return false;
    const [opener, close] = block;
    const rest = line.replace(opener, '');
    const end = rest.indexOf(close);
    if (end === -1) closer = close;
    else if (rest.slice(end + close.length).trim() !== '') return false;
  }
  return true;
}

/**
 * True when the change to `path` adds or removes only comments, docstrings or blank
 * lines, and changes at least one line. Unknown languages are never comment-only.
 */
export function isCommentOnly(path: string, addedLines: readonly string[], removedLines: readonly string[]): boolean {
  if (addedLines.length === 0 && removedLines.length === 0) return false;
  const language = languageOf(path);
  if (language === undefined) return false;
  return linesAreComments(addedLines, language) && linesAreComments(removedLines, language);
}
