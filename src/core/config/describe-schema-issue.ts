/**
 * Turns one zod issue into what a person editing `.github/greenlight.yml` needs:
 * the field, what was expected, what was found, and for a typo the key it meant.
 */
import { z } from 'zod';
import { formatFieldPath, listConfigFields } from './config-fields.ts';
import type { ConfigIssueKind } from './config-issue.ts';
import { describeFound } from './describe-found.ts';
import { describeSchema } from './describe-schema.ts';
import { formatConfigPath } from './format-config-path.ts';
import { schemaAtPath, unwrapSchema } from './schema-at-path.ts';
import { normalizeKey, suggestKey } from './suggest-key.ts';
import { valueAtPath } from './value-at-path.ts';

/** A schema issue before it is located in the file. */
export interface IssueDraft {
  kind: ConfigIssueKind;
  path: PropertyKey[];
  /** Point at the key itself (unknown keys) or at its value. */
  target: 'key' | 'value';
  message: string;
}

export interface IssueContext {
  /** The config schema. */
  root: z.core.$ZodType;
  /** What the YAML file parsed to. */
  data: unknown;
  /** The all-defaults config, to explain why a required field inside a section is missing. */
  defaults: unknown;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

function expectedFor(issue: z.core.$ZodIssue, leaf: z.core.$ZodType | undefined): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return leaf ? describeSchema(leaf) : (TYPE_WORDS[issue.expected] ?? issue.expected);
    case 'too_small':
    case 'too_big': {
      if ((issue.origin === 'array' || issue.origin === 'set') && issue.code === 'too_small')
        return `a list with at least ${String(issue.minimum)} items`;
      if ((issue.origin === 'array' || issue.origin === 'set') && issue.code === 'too_big')
        return `a list with at most ${String(issue.maximum)} items`;
      return leaf ? describeSchema(leaf) : undefined;
    }
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return leaf ? describeSchema(leaf) : undefined;
    default:
      return undefined;
  }
}

function missingHint(path: readonly PropertyKey[], defaults: unknown): string {
  const builtIn = valueAtPath(defaults, path);
  if (builtIn === undefined || path.length < 2) return '';
  const parent = formatConfigPath(path.slice(0, -1));
  const key = String(path[path.length - 1]);
  return ` (a \`${parent}\` you write replaces the built-in one, which has ${key}: ${JSON.stringify(builtIn)})`;
}

function unknownKeyMessage(key: string, parentPath: readonly PropertyKey[], root: z.core.$ZodType): string {
  const parent = schemaAtPath(root, parentPath);
  const parentObject = parent ? unwrapSchema(parent) : undefined;
  const siblings = parentObject instanceof z.ZodObject ? Object.keys(parentObject.shape) : [];
  const sibling = suggestKey(key, siblings);
  if (sibling !== undefined) return `unknown key \`${key}\`; did you mean \`${sibling}\`?`;
  const elsewhere = listConfigFields(root)
    .filter((field) => normalizeKey(field.path[field.path.length - 1] ?? '') === normalizeKey(key))
    .map((field) => `\`${formatFieldPath(field.path)}\``)
    .slice(0, 3);
  if (elsewhere.length > 0) return `unknown key \`${key}\` here; did you mean ${elsewhere.join(' or ')}?`;
  const where = parentPath.length === 0 ? 'at the top level' : `in \`${formatConfigPath(parentPath)}\``;
  return siblings.length > 0
    ? `unknown key \`${key}\`; the keys allowed ${where} are ${siblings.join(', ')}`
    : `unknown key \`${key}\``;
}

/** One or more located-later drafts for a zod issue (an unknown-keys issue yields one per key). */
export function describeSchemaIssue(issue: z.core.$ZodIssue, context: IssueContext): IssueDraft[] {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      kind: 'unknown-key' as const,
      path: [...path, key],
      target: 'key' as const,
      message: unknownKeyMessage(key, path, context.root),
    }));
  }
  const leaf = schemaAtPath(context.root, path);
  const expected = expectedFor(issue, leaf);
  const found = valueAtPath(context.data, path);
  let message: string;
  if (found === undefined) {
    message = `missing: expected ${expected ?? 'a value'}${missingHint(path, context.defaults)}`;
  } else if (found === null) {
    // `tests:` with nothing (or only comments) under it parses as null, not as {}.
    const key = String(path[path.length - 1] ?? '');
    message = `expected ${expected ?? 'a value'}, found an empty value; give \`${key}\` a value or remove the key to use the default`;
  } else if (expected === undefined) {
    message = `${issue.message}, found ${describeFound(found)}`;
  } else {
    message = `expected ${expected}, found ${describeFound(found)}`;
  }
  return [{ kind: 'schema', path, target: 'value', message }];
}
