/**
 * Redaction for everything greenlight posts or stores: comments, PR bodies, check
 * output, logs and audit files (docs/security.md §26).
 *
 * Removed:
 * - the exact values of the secrets the job holds, and their URL-encoded,
 *   JSON-escaped, base64 and base64url (also inside longer base64 text), hex and
 *   reversed forms;
 * - truncated copies of a token-like secret (16+ characters without spaces): a
 *   prefix or suffix of at least 8 characters that stands as its own word, as in
 *   `sk-ant-api03-AbCd…` in a log line;
 * - common token shapes (TOKEN_PATTERNS), whatever their value.
 *
 * Secrets shorter than 6 characters are ignored: redacting them would shred the
 * text and hide nothing worth hiding.
 */
import { secretSpellings } from './secret-variants.ts';
import { TOKEN_PATTERNS, type TokenPattern } from './token-patterns.ts';

/** Where a secret is in a text, and what it is (never its value). */
export interface SecretMatch {
  start: number;
  end: number;
  /** `a secret value this job holds (base64)`, `a github token`, … */
  what: string;
}

export interface Redactor {
  /** The text with every secret replaced by a `[REDACTED…]` marker. */
  redact(text: string): string;
  /** A copy of `value` with every string (and object key) redacted. */
  redactDeep<T>(value: T): T;
  /** Every secret in `text`, overlapping matches merged, in order. */
  find(text: string): SecretMatch[];
}

export interface RedactorOptions {
  secrets: readonly (string | undefined)[];
  /** Token shapes to look for whatever their value; default TOKEN_PATTERNS. */
  patterns?: readonly TokenPattern[];
}

export const MIN_SECRET_LENGTH = 6;
const TRUNCATED_MIN = 8;
const TOKEN_LIKE_MIN = 16;
const MARKER = '[REDACTED]';

interface Range {
  start: number;
  end: number;
  marker: string;
  what: string;
}

const HELD = 'a secret value this job holds';

/**
 * @example
 * const redactor = createRedactor({ secrets: [env.ANTHROPIC_API_KEY, env.GITHUB_TOKEN] });
 * redactor.redact(`curl -H "x-api-key: ${env.ANTHROPIC_API_KEY}"`) // 'curl -H "x-api-key: [REDACTED]"'
 */
export function createRedactor(options: RedactorOptions): Redactor {
  const secrets = [
    ...new Set(
      options.secrets.filter(
        (secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH,
      ),
    ),
  ];
  const variants = [...new Map(secrets.flatMap(secretSpellings).map((v) => [v.text, v] as const)).values()].sort(
    (a, b) => b.text.length - a.text.length,
  );
  const tokenLike = secrets.filter((secret) => secret.length >= TOKEN_LIKE_MIN && !/\s/.test(secret));
  const patterns = options.patterns ?? TOKEN_PATTERNS;

  const ranges = (text: string): Range[] => {
    const found: Range[] = [];
    if (text.length === 0) return found;
    for (const variant of variants) {
      const what = variant.spelling === 'as is' ? HELD : `${HELD} (${variant.spelling})`;
      for (let at = text.indexOf(variant.text); at !== -1; at = text.indexOf(variant.text, at + 1)) {
        found.push({ start: at, end: at + variant.text.length, marker: MARKER, what });
      }
    }
    for (const secret of tokenLike) {
      truncatedCopies(text, secret, found);
    }
    for (const pattern of patterns) {
      pattern.regex.lastIndex = 0;
      for (const match of text.matchAll(pattern.regex)) {
        const span: readonly [number, number] | undefined =
          pattern.group === undefined ? [match.index, match.index + match[0].length] : match.indices?.[pattern.group];
        if (span !== undefined && span[1] > span[0]) {
          found.push({
            start: span[0],
            end: span[1],
            marker: `[REDACTED:${pattern.name}]`,
            what: describePattern(pattern),
          });
        }
      }
    }
    return found;
  };

  const redact = (text: string): string => {
    const found = ranges(text);
    return found.length === 0 ? text : applyRanges(text, found);
  };

  const find = (text: string): SecretMatch[] =>
    mergeRanges(ranges(text)).map(({ start, end, what }) => ({ start, end, what }));

  const redactDeep = <T>(value: T): T => deep(value, redact, new WeakMap()) as T;

  return { redact, redactDeep, find };
}

/** `github-token` → `a github token`. */
function describePattern(pattern: TokenPattern): string {
  const words = pattern.name.replace(/-/g, ' ');
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

/** Prefixes and suffixes (8+ characters) of `secret` that stand as their own word. */
function truncatedCopies(text: string, secret: string, ranges: Range[]): void {
  const head = secret.slice(0, TRUNCATED_MIN);
  for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) {
    let length = TRUNCATED_MIN;
    while (length < secret.length && text[at + length] === secret[length]) length += 1;
    if (isBoundary(text, at - 1) && isBoundary(text, at + length)) {
      ranges.push({ start: at, end: at + length, marker: MARKER, what: `${HELD} (truncated)` });
    }
  }
  const tail = secret.slice(-TRUNCATED_MIN);
  for (let at = text.indexOf(tail); at !== -1; at = text.indexOf(tail, at + 1)) {
    const end = at + TRUNCATED_MIN;
    let start = at;
    let index = secret.length - TRUNCATED_MIN;
    while (index > 0 && start > 0 && text[start - 1] === secret[index - 1]) {
      start -= 1;
      index -= 1;
    }
    if (isBoundary(text, start - 1) && isBoundary(text, end)) {
      ranges.push({ start, end, marker: MARKER, what: `${HELD} (truncated)` });
    }
  }
}

function isBoundary(text: string, index: number): boolean {
  const char = text[index];
  return char === undefined || !/[A-Za-z0-9_-]/.test(char);
}

/** The union of overlapping ranges, in order; the first (longest at a start) range's marker and description win. */
function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Replaces the union of overlapping ranges with their markers. */
function applyRanges(text: string, ranges: Range[]): string {
  let out = '';
  let cursor = 0;
  for (const range of mergeRanges(ranges)) {
    out += text.slice(cursor, range.start) + range.marker;
    cursor = range.end;
  }
  return out + text.slice(cursor);
}

function deep(value: unknown, redact: (text: string) => string, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'bigint') return redact(value.toString());
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(deep(item, redact, seen));
    return copy;
  }
  if (value instanceof Error) {
    const copy: Record<string, unknown> = { name: value.name, message: redact(value.message) };
    seen.set(value, copy);
    if (value.stack !== undefined) copy['stack'] = redact(value.stack);
    if (value.cause !== undefined) copy['cause'] = deep(value.cause, redact, seen);
    return copy;
  }
  if (value instanceof Date) return value.toISOString();
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) {
    copy[redact(key)] = deep(item, redact, seen);
  }
  return copy;
}
