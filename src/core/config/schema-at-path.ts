/**
 * Navigates the zod config schema by a field path, looking through the wrappers
 * (defaults, prefaults, optionals) that every config field carries. Error messages
 * and the generated docs use it to describe the field the user wrote.
 */
import { z } from 'zod';

/** The schema under any default/prefault/optional/nullable wrappers. */
export function unwrapSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  while (
    current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault ||
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap();
  }
  return current;
}

/**
 * The (still wrapped) schema of the field at `path`, or undefined when the path leaves
 * the schema (an unknown key, an index into a non-list).
 *
 * @example schemaAtPath(RepoConfig, ['risk', 'rules', 0, 'tier']) // the tier enum
 */
export function schemaAtPath(root: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = root;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const inner = unwrapSchema(current);
    if (inner instanceof z.ZodObject && typeof segment === 'string') {
      current = Object.hasOwn(inner.shape, segment) ? inner.shape[segment] : undefined;
    } else if (inner instanceof z.ZodArray && typeof segment === 'number') {
      current = inner.element;
    } else if (inner instanceof z.ZodRecord && typeof segment === 'string') {
      current = inner.valueType;
    } else {
      return undefined;
    }
  }
  return current;
}
