/**
 * Checkpoints of the working tree. The loop records every state it validated and,
 * when a budget stops the run, returns to the best one (the most tests passing).
 * The git adapter records trees through a temporary index (`git add -A` +
 * `git write-tree` with `GIT_INDEX_FILE`), so that neither HEAD, the real index nor
 * the working tree moves while saving; fakes keep file maps.
 */
export interface Checkpoints {
  /**
   * Record the current working tree (tracked and untracked files, not ignored ones)
   * without changing it. Returns an opaque id; `label` is for logs only.
   */
  save(label: string): Promise<string>;
  /** Make the working tree equal to checkpoint `id`: files created since are removed. */
  restore(id: string): Promise<void>;
  /**
   * Put `paths` back as they are in checkpoint `id`; a path absent there is deleted.
   * Used to drop a flaky generated test file without touching the rest of the change.
   */
  restorePaths(id: string, paths: readonly string[]): Promise<void>;
}
