/**
 * Gitignore-like globs over forward-slash paths relative to the repository root.
 *
 * - `*` matches within one path segment, `?` one character (never `/`), `[a-z]`,
 *   `[!a-z]` / `[^a-z]` and `[[:digit:]]` are character classes, `{a,b}` alternates
 *   (nestable), `\` escapes the next character.
 * - `**` as a whole segment crosses directories: `**\/x`, `a/**\/b`, `a/**`.
 * - A pattern without a slash (a trailing slash does not count) matches a basename at
 *   any depth; a pattern with a slash is anchored at the root (a leading `/` only anchors).
 * - A pattern matches a path or any of its parent directories, so `migrations` and
 *   `migrations/` both match `db/migrations/001.sql`; a trailing slash matches
 *   directories only.
 * - Dotfiles are ordinary names: `*` matches `.env`.
 *
 * Patterns are compiled once to a RegExp; compile them outside hot loops.
 */
import { GreenlightError } from '../../ports/errors.ts';

export interface GlobOptions {
  /** Match case-insensitively (e.g. `AGENTS.md` and `agents.md`). */
  nocase?: boolean;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: ' \\t\\r\\n\\v\\f',
  xdigit: '0-9a-fA-F',
  punct: '!-\\/:-@\\[-`{-~',
};

function invalid(pattern: string, problem: string): GreenlightError {
  return new GreenlightError('config-invalid', `invalid glob '${pattern}': ${problem}`);
}

function escapeRegExp(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}

/** Index of the `}` closing the `{` at `open`, or -1. Escapes and classes are skipped. */
function closingBrace(body: string, open: number): number {
  let depth = 0;
  for (let i = open; i < body.length; i += 1) {
    const c = body[i];
    if (c === '\\') i += 1;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits a brace body at its top-level commas. */
function splitAlternatives(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i += 1) {
    const c = inner[i];
    if (c === '\\') i += 1;
    else if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}

/** Translates `[...]` starting at `open`; returns the regex class and the index after `]`. */
function translateClass(pattern: string, body: string, open: number): { source: string; end: number } {
  let i = open + 1;
  let negate = false;
  if (body[i] === '!' || body[i] === '^') {
    negate = true;
    i += 1;
  }
  let out = '';
  let first = true;
  for (; i < body.length; i += 1) {
    const c = body[i] as string;
    if (c === ']' && !first) {
      // A class never matches the separator, as in gitignore.
      return { source: negate ? `[^/${out}]` : `(?!/)[${out}]`, end: i + 1 };
    }
    first = false;
    if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      if (close === -1) throw invalid(pattern, `'[:' at position ${i + 1} is never closed with ':]'`);
      const name = body.slice(i + 2, close);
      const range = POSIX_CLASSES[name];
      if (range === undefined) {
        throw invalid(
          pattern,
          `unknown character class '[:${name}:]' (known: ${Object.keys(POSIX_CLASSES).join(', ')})`,
        );
      }
      out += range;
      i = close + 1;
    } else if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined) throw invalid(pattern, 'it ends with a lone backslash');
      out += `\\${next}`;
      i += 1;
    } else if (c === '-' || /[a-zA-Z0-9]/.test(c)) {
      out += c;
    } else {
      out += `\\${c}`;
    }
  }
  throw invalid(pattern, `'[' at position ${open + 1} is never closed (escape it as \\[ to match it literally)`);
}

/** Translates a pattern body (no anchoring) into a regex source. */
function translate(pattern: string, body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] as string;
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined) throw invalid(pattern, 'it ends with a lone backslash');
      out += escapeRegExp(next);
      i += 1;
    } else if (c === '*') {
      if (body[i + 1] === '*') {
        const atStart = i === 0 || body[i - 1] === '/';
        const after = body[i + 2];
        if (atStart && after === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else if (atStart && after === undefined) {
          out += '.*';
          i += 1;
        } else {
          // `**` inside a segment is an ordinary star, as in gitignore.
          out += '[^/]*';
          while (body[i + 1] === '*') i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const { source, end } = translateClass(pattern, body, i);
      out += source;
      i = end - 1;
    } else if (c === '{') {
      const close = closingBrace(body, i);
      if (close === -1)
        throw invalid(pattern, `'{' at position ${i + 1} is never closed (escape it as \\{ to match it literally)`);
      const alternatives = splitAlternatives(body.slice(i + 1, close));
      if (alternatives.length === 1) {
        // `{a}` without a comma is literal, as in the shell.
        out += `\\{${translate(pattern, alternatives[0] as string)}\\}`;
      } else {
        out += `(?:${alternatives.map((alt) => translate(pattern, alt)).join('|')})`;
      }
      i = close;
    } else if (c === '}') {
      throw invalid(pattern, `'}' at position ${i + 1} has no opening '{' (escape it as \\} to match it literally)`);
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

interface ParsedGlob {
  /** Regex source of the pattern itself, without anchoring. */
  body: string;
  /** Matches from the root (the pattern has a slash) rather than at any segment. */
  anchored: boolean;
  /** Matches directories only (trailing slash): something must follow. */
  dirOnly: boolean;
}

function parseGlob(pattern: string): ParsedGlob {
  if (pattern.length === 0) throw invalid(pattern, 'it is empty');
  const dirOnly = pattern.endsWith('/');
  let body = pattern.replace(/\/+$/, '');
  if (body.length === 0) throw invalid(pattern, 'it names no path (the root is not a file)');
  const anchored = body.includes('/');
  body = body.replace(/^\/+/, '');
  return { body: translate(pattern, body), anchored, dirOnly };
}

/**
 * A search (unanchored) regex source for globs sharing anchoring and directory-ness.
 * Non-anchored globs start at a segment boundary, `(?:^|/)`, instead of `^(?:.*\/)?`:
 * the regex engine then tries each alternative only where a segment starts, which
 * keeps large rule sets fast.
 */
function groupSource(bodies: readonly string[], anchored: boolean, dirOnly: boolean): string {
  const start = anchored ? '^' : '(?:^|/)';
  const end = dirOnly ? '/' : '(?:/|$)';
  const inner = bodies.length === 1 ? (bodies[0] as string) : `(?:${bodies.join('|')})`;
  return `${start}${inner}${end}`;
}

function sourceOf(globs: readonly ParsedGlob[]): string {
  const groups: string[] = [];
  for (const anchored of [true, false]) {
    for (const dirOnly of [true, false]) {
      const bodies = globs.filter((g) => g.anchored === anchored && g.dirOnly === dirOnly).map((g) => g.body);
      if (bodies.length > 0) groups.push(groupSource(bodies, anchored, dirOnly));
    }
  }
  return groups.join('|');
}

/**
 * Compiles one glob to a RegExp that tests a whole relative path. Throws
 * GreenlightError('config-invalid') for an empty or malformed pattern.
 */
export function compileGlob(pattern: string, options: GlobOptions = {}): RegExp {
  return new RegExp(sourceOf([parseGlob(pattern)]), options.nocase ? 'si' : 's');
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 1_000;

/**
 * True when `path` (relative, forward slashes) matches `pattern`.
 * @example matchGlob('*.md', 'docs/guide/intro.md') // true
 * @example matchGlob('.github/workflows/**', '.github/workflows/ci.yml') // true
 */
export function matchGlob(pattern: string, path: string, options: GlobOptions = {}): boolean {
  const key = `${options.nocase ? 'i' : 's'}\u0000${pattern}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    regex = compileGlob(pattern, options);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, regex);
  }
  return regex.test(path);
}

/**
 * Compiles a list of globs into one predicate. A pattern starting with `!` excludes
 * what earlier patterns matched; the last matching pattern wins, as in .gitignore.
 * An empty list matches nothing.
 * @example compileGlobs(['docs/**', '!docs/conf.py'])('docs/conf.py') // false
 */
export function compileGlobs(patterns: readonly string[], options: GlobOptions = {}): (path: string) => boolean {
  const flags = options.nocase ? 'si' : 's';
  const parsed = patterns.map((raw) => {
    const negated = raw.startsWith('!');
    return { negated, glob: parseGlob(negated ? raw.slice(1) : raw) };
  });
  if (parsed.length === 0) return () => false;
  if (!parsed.some((p) => p.negated)) {
    const regex = new RegExp(sourceOf(parsed.map((p) => p.glob)), flags);
    return (path) => regex.test(path);
  }
  const steps = parsed.map((p) => ({ negated: p.negated, regex: new RegExp(sourceOf([p.glob]), flags) }));
  return (path) => {
    let matched = false;
    for (const step of steps) {
      if (step.negated !== matched) continue; // this step cannot change the outcome
      if (step.regex.test(path)) matched = !step.negated;
    }
    return matched;
  };
}
