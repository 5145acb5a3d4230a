/**
 * Builds the in-memory `RepoIndex` from the tracked paths and a reader the adapter
 * injects. Path rules run before a file is read, so vendored trees and lockfiles cost
 * nothing; content rules (binary, generated banner, minified) run on what was read.
 */
import { compileGlobs } from '../paths/glob.ts';
import { comparePaths } from './compare-paths.ts';
import { contentSkipReason } from './content-skip-reason.ts';
import { detectLanguage } from './detect-language.ts';
import { isTestPath } from './is-test-path.ts';
import { pathSkipReason } from './path-skip-reason.ts';
import type { IndexedFile, RepoIndex, SkippedFile } from './types.ts';

/**
 * What the reader found: the bytes, a file over the limit, a symlink (never followed:
 * it could point outside the repository), or nothing (deleted, a directory, unreadable).
 */
export type ReadResult = { bytes: Uint8Array } | { tooLarge: true } | { symlink: true } | null;

/**
 * Reads one repository file, refusing (without reading) files larger than `maxBytes`.
 * The returned bytes are only valid until the next call (readers may reuse a buffer).
 */
export type ReadRepoFile = (path: string, maxBytes: number) => ReadResult;

export interface BuildRepoIndexOptions {
  maxFileBytes: number;
  /** `context.exclude` globs. */
  exclude: readonly string[];
}

// Git's own heuristic: a NUL byte in the first 8,000 bytes means binary.
const SNIFF_BYTES = 8_000;

/** Indexes `paths` (relative, forward slashes); the result is sorted by path. */
export function buildRepoIndex(
  paths: readonly string[],
  read: ReadRepoFile,
  options: BuildRepoIndexOptions,
): RepoIndex {
  const excluded = compileGlobs(options.exclude);
  const decoder = new TextDecoder('utf-8');
  const files: IndexedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const path of [...new Set(paths)].sort(comparePaths)) {
    const byPath = pathSkipReason(path, excluded);
    if (byPath) {
      skipped.push({ path, reason: byPath });
      continue;
    }
    const result = read(path, options.maxFileBytes);
    if (result === null) {
      skipped.push({ path, reason: 'unreadable' });
      continue;
    }
    if ('tooLarge' in result) {
      skipped.push({ path, reason: 'too-large' });
      continue;
    }
    if ('symlink' in result) {
      skipped.push({ path, reason: 'symlink' });
      continue;
    }
    const { bytes } = result;
    if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
      skipped.push({ path, reason: 'binary' });
      continue;
    }
    const content = decoder.decode(bytes);
    const byContent = contentSkipReason(content);
    if (byContent) {
      skipped.push({ path, reason: byContent });
      continue;
    }
    files.push({
      path,
      content,
      size: bytes.length,
      language: detectLanguage(path, content),
      isTest: isTestPath(path),
    });
  }
  return { files, skipped };
}
