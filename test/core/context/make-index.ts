/** Builds a RepoIndex from an in-memory tree, through the same code path as the adapter. */
import { buildRepoIndex } from '../../../src/core/context/build-repo-index.ts';
import type { RepoIndex } from '../../../src/core/context/types.ts';

export function makeIndex(
  tree: Record<string, string | Uint8Array>,
  options: { maxFileBytes?: number; exclude?: string[] } = {},
): RepoIndex {
  const encoder = new TextEncoder();
  return buildRepoIndex(
    Object.keys(tree),
    (path, maxBytes) => {
      const value = tree[path];
      if (value === undefined) return null;
      const bytes = typeof value === 'string' ? encoder.encode(value) : value;
      return bytes.length > maxBytes ? { tooLarge: true } : { bytes };
    },
    { maxFileBytes: options.maxFileBytes ?? 512_000, exclude: options.exclude ?? [] },
  );
}
