/**
 * Every field of the config schema, in declaration order, with its documented path.
 * The docs generator renders one entry per field; unknown-key errors use it to say
 * where a misplaced key belongs.
 */
import { z } from 'zod';
import { unwrapSchema } from './schema-at-path.ts';

/** Path segment standing for "any item of this list". */
export const LIST_ITEM = '[]';
/** Path segment standing for "any name in this mapping" (e.g. a model id under `model.prices`). */
export const ANY_NAME = '<name>';

export interface ConfigField {
  /** Keys from the top, with LIST_ITEM / ANY_NAME for list items and named entries. */
  path: string[];
  /** The field's schema, wrappers included (they carry default and description). */
  schema: z.core.$ZodType;
  /** True for a mapping whose fields are listed separately (`budgets`, `review.low`). */
  section: boolean;
}

/** Renders a documented path: `budgets.maxIterations`, `risk.rules[].tier`, `model.prices.<name>.input`. */
export function formatFieldPath(path: readonly string[]): string {
  return path.reduce((text, segment) => {
    if (segment === LIST_ITEM) return `${text}[]`;
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
}

function walk(schema: z.core.$ZodType, path: string[], out: ConfigField[]): void {
  const inner = unwrapSchema(schema);
  if (!(inner instanceof z.ZodObject)) return;
  for (const [key, child] of Object.entries(inner.shape as Record<string, z.core.$ZodType>)) {
    const childPath = [...path, key];
    const childInner = unwrapSchema(child);
    if (childInner instanceof z.ZodObject) {
      out.push({ path: childPath, schema: child, section: true });
      walk(childInner, childPath, out);
    } else if (childInner instanceof z.ZodArray && unwrapSchema(childInner.element) instanceof z.ZodObject) {
      out.push({ path: childPath, schema: child, section: false });
      walk(childInner.element, [...childPath, LIST_ITEM], out);
    } else if (childInner instanceof z.ZodRecord && unwrapSchema(childInner.valueType) instanceof z.ZodObject) {
      out.push({ path: childPath, schema: child, section: false });
      walk(childInner.valueType, [...childPath, ANY_NAME], out);
    } else {
      out.push({ path: childPath, schema: child, section: false });
    }
  }
}

/** All fields under `root`, parents before children, in declaration order. */
export function listConfigFields(root: z.core.$ZodType): ConfigField[] {
  const out: ConfigField[] = [];
  walk(root, [], out);
  return out;
}
