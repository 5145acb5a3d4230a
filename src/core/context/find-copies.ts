/**
 * Copies of a file kept elsewhere in the repository: an old version of the library
 * under `docs/` for the website, a built bundle under `build/`, a fixture that copies a
 * source. They match a task as well as the original does, so unchecked they take the
 * budget twice — or instead of the original. Ranking puts them below it (see
 * `rank-files.ts`), and the report says why (docs/context.md, "Copies and bundles").
 *
 * A file is a copy when another file with the same name has identical content, or
 * near-identical content (at least `NEAR_IDENTICAL` of their distinct lines shared)
 * and the file sits somewhere copies live (`docs/`, `site/`, `public/`, `build/`,
 * `examples/`, `fixtures/`, …) while the other does not. Two near-identical files in
 * equally ordinary places (two packages of a monorepo) are both originals. Only
 * same-named files of comparable size are compared, and only for the files ranking
 * asks about, so this costs a few comparisons per ranked file.
 */
import { baseName } from './path-parts.ts';
import type { IndexedFile } from './types.ts';

export interface CopyOf {
  /** Index of the original. */
  original: number;
  identical: boolean;
  /** Share of distinct lines in common (1 when identical). */
  similarity: number;
}

/** Directories where copies, builds, sites and samples live. */
const COPY_DIRECTORIES = new Set([
  'docs',
  'doc',
  'site',
  'website',
  'www',
  '_site',
  'public',
  'static',
  'assets',
  'resources',
  'examples',
  'example',
  'demo',
  'demos',
  'playground',
  'build',
  'out',
  'bundle',
  'bundles',
  'vendored',
  'external',
  'extern',
  'deps',
  'fixtures',
  '__fixtures__',
]);
/** Built JavaScript bundles by name (`x.bundle.js`, `x.umd.js`, `x.iife.js`, `bundle.js`). */
const BUNDLE_NAME = /(?:[.-]bundle|\.umd|\.iife)(?:\.min)?\.[cm]?js$|^bundle\.[cm]?js$/;
/** Smaller files (an empty `__init__.py`, a one-line re-export) are alike by nature. */
const MIN_BYTES = 400;
const MIN_LINES = 8;
const NEAR_IDENTICAL = 0.6;
const MAX_COMPARISONS = 12;
const MAX_SIZE_RATIO = 2;

/** True for a built bundle by its name. */
export function isBundleName(path: string): boolean {
  return BUNDLE_NAME.test(baseName(path));
}

/** How much a path looks like a place for copies: directory names, and a bundle's name. */
export function copyLikeness(path: string): number {
  const segments = path.split('/');
  let score = 0;
  for (const segment of segments.slice(0, -1)) if (COPY_DIRECTORIES.has(segment.toLowerCase())) score += 1;
  return score + (isBundleName(path) ? 1 : 0);
}

/**
 * The original that file `i` copies, or null when it copies nothing.
 *
 * @param sameName indexes of the files with `i`'s base name (`i` included)
 * @param lineSet the distinct normalised lines of a file, as hashes (cached by the caller)
 */
export function findCopyOf(
  files: readonly IndexedFile[],
  i: number,
  sameName: readonly number[],
  lineSet: (index: number) => ReadonlySet<number>,
): CopyOf | null {
  const file = files[i]!;
  if (file.size < MIN_BYTES || sameName.length < 2) return null;
  const candidates = sameName
    .filter((j) => j !== i)
    .filter((j) => {
      const ratio = files[j]!.size / file.size;
      return ratio <= MAX_SIZE_RATIO && ratio >= 1 / MAX_SIZE_RATIO;
    })
    .sort((a, b) => Math.abs(files[a]!.size - file.size) - Math.abs(files[b]!.size - file.size) || a - b)
    .slice(0, MAX_COMPARISONS);
  let best: CopyOf | null = null;
  const own = copyLikeness(file.path);
  for (const j of candidates) {
    const other = files[j]!;
    const identical = other.content === file.content;
    const likeness = copyLikeness(other.path);
    // Identical twins in equally ordinary places: the deeper (then later) path is the copy.
    const isTheCopy = identical
      ? own > likeness || (own === likeness && deeperOrLater(file.path, other.path))
      : own > likeness;
    if (!isTheCopy) continue;
    const similarity = identical ? 1 : lineSimilarity(lineSet(i), lineSet(j));
    if (similarity < NEAR_IDENTICAL || lineSet(i).size < MIN_LINES) continue;
    if (best === null || similarity > best.similarity) best = { original: j, identical, similarity };
  }
  return best;
}

function deeperOrLater(a: string, b: string): boolean {
  const depth = (p: string): number => p.split('/').length;
  return depth(a) !== depth(b) ? depth(a) > depth(b) : a > b;
}

/** Shared distinct lines over the distinct lines of the larger file (Jaccard on line sets). */
function lineSimilarity(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const line of small) if (large.has(line)) shared += 1;
  const union = small.size + large.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * The distinct lines of `content` that carry something (three characters or more once
 * trimmed, so that braces and blank lines do not make unrelated files alike), as
 * 32-bit FNV-1a hashes.
 */
export function distinctLines(content: string): Set<number> {
  const hashes = new Set<number>();
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    if (line.length < 3) continue;
    let hash = 0x811c9dc5;
    for (let k = 0; k < line.length; k += 1) {
      hash ^= line.charCodeAt(k);
      hash = Math.imul(hash, 0x01000193);
    }
    hashes.add(hash >>> 0);
  }
  return hashes;
}
