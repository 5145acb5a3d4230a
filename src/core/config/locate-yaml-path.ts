/**
 * Field paths and positions in a parsed YAML document, both ways. `locateYamlPath`
 * finds where a field path sits, so that a schema error can point at a line and column;
 * a path that does not exist in the file (a missing required field, a default that
 * failed a check) falls back to the nearest ancestor that does. `yamlPathAt` maps an
 * offset back to a field path, for YAML errors that only carry an offset (a duplicate
 * key is reported where the second copy starts).
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair } from 'yaml';

/** Where a path was found: the source offset, and whether the path itself exists. */
export interface YamlLocation {
  offset: number;
  exact: boolean;
}

/** The text of a mapping key (YAML keys may be numbers or booleans; config keys are strings). */
export function yamlKeyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

/** An empty value (`tests:` with nothing after it) has no useful position of its own. */
function isEmptyScalar(node: unknown): boolean {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return isScalar(node) && node.value === null && range !== undefined && range[0] === range[1];
}

function findPair(map: unknown, segment: PropertyKey): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => yamlKeyText(pair.key) === String(segment));
}

/**
 * Locates `path` in `doc`. With `target: 'key'` the last segment's key is located
 * (for unknown keys, so the caret is on the typo); otherwise its value, or its key when
 * the value is empty.
 */
export function locateYamlPath(
  doc: Document,
  path: readonly PropertyKey[],
  target: 'key' | 'value' = 'value',
): YamlLocation {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = index === path.length - 1;
    if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) return { offset, exact: false };
      node = item;
      offset = startOf(item) ?? offset;
      continue;
    }
    const pair = findPair(node, segment);
    if (!pair) return { offset, exact: false };
    const keyOffset = startOf(pair.key) ?? offset;
    if (last && target === 'key') return { offset: keyOffset, exact: true };
    node = pair.value;
    offset = node === null || isEmptyScalar(node) ? keyOffset : (startOf(node) ?? keyOffset);
  }
  return { offset, exact: true };
}

/**
 * The field path of the deepest node containing `offset` (for YAML errors that only
 * carry an offset, such as a duplicate key).
 */
export function yamlPathAt(doc: Document, offset: number): PropertyKey[] {
  const path: PropertyKey[] = [];
  let node: unknown = doc.contents;
  const contains = (n: unknown): boolean => {
    const range = (n as Node | null)?.range;
    return range !== undefined && range !== null && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
  };
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key) || contains(p.value));
      if (!pair) return path;
      path.push(yamlKeyText(pair.key));
      if (contains(pair.key)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}
