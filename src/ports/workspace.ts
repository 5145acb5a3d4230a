/**
 * The Workspace port: the repository checkout the engine edits. Paths are always
 * relative to the workspace root, with forward slashes.
 */

export type FileChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface FileChange {
  path: string;
  /** For renames: where the file came from. */
  previousPath?: string;
  status: FileChangeStatus;
  /** Mode before/after (e.g. '100644', '100755', '120000' symlink, '160000' submodule). */
  oldMode?: string;
  newMode?: string;
  binary: boolean;
  addedLines: string[];
  /** Line numbers of `addedLines` in the new file, in the same order (when the diff gave them). */
  addedAt?: number[];
  removedLines: string[];
}

export interface Workspace {
  readonly root: string;
  headSha(): Promise<string>;
  currentBranch(): Promise<string | null>;
  /** Tracked files (respecting .gitignore), relative paths. */
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<string | null>;
  /** Changes of the working tree (including untracked files) against `base`. */
  changes(base: string): Promise<FileChange[]>;
  /** Unified diff of the working tree against `base`. */
  diff(base: string): Promise<string>;
  isClean(): Promise<boolean>;
}
