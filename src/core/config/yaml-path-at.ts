/**
 * Maps a source offset back to a field path, for YAML errors that only carry an
 * offset (a duplicate key is reported where the second copy starts).
 */
import { isMap, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import { yamlKeyText } from './locate-yaml-path.ts';

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
