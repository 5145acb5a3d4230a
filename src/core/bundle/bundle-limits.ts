/**
 * Size limits a change bundle must respect. The publish job reads a bundle that a
 * less trusted job wrote: limits keep a tampered or runaway bundle from exhausting
 * the publish job or posting a giant pull request.
 */
export interface BundleLimits {
  /** manifest.json, bytes. */
  manifestBytes: number;
  /** change.patch, bytes. */
  patchBytes: number;
  /** Changed files. */
  files: number;
  /** The report markdown, characters (GitHub's body limit is 65536). */
  reportChars: number;
}

export const DEFAULT_BUNDLE_LIMITS: Readonly<BundleLimits> = {
  manifestBytes: 1_000_000,
  patchBytes: 25_000_000,
  files: 2_000,
  reportChars: 60_000,
};
