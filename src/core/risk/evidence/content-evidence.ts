/**
 * What the content rule may use besides a changed file's own text at the head. The
 * adapters read it (adapters/git/read-content-evidence.ts) and the core only looks.
 */
export interface ContentEvidence {
  /** Text of changed files at the base, by their path there (a rename's previous path). */
  readonly base: ReadonlyMap<string, string>;
  /** Package manifests at the base (package.json, pyproject.toml, Cargo.toml), by path. */
  readonly manifests: ReadonlyMap<string, string>;
  /** Test files at the head that may exercise changed modules, by path. */
  readonly tests: ReadonlyMap<string, string>;
}
