/**
 * What a run was asked to do, as a value. Built by the entrypoints (an issue, a `/fix`
 * comment, `greenlight run --task`) after sanitizing; the loop and the reports read it.
 * Every text field is untrusted: it reaches the model only as quoted data
 * (see `renderTaskForPrompt`) and never a shell.
 */

export type TaskMode = 'generate' | 'fix';

export interface TaskRequest {
  /** `generate` implements an issue (tests or boilerplate); `fix` works on a pull request. */
  mode: TaskMode;
  /** Issue or pull-request title, or the CLI's `--task` text (sanitized, untrusted). */
  title: string;
  /** Issue / PR body and comments from users with write access (sanitized, untrusted). */
  body: string;
  /** For `fix`: the text after the fix command; absent means "make the failing tests pass". */
  instruction?: string;
  /** The issue the change implements; the report says `Closes #n`. */
  issueNumber?: number;
  /** For `fix`: the pull request being fixed. */
  pullRequestNumber?: number;
  /** Login of the person who asked; never counts as a reviewer. */
  requester?: string;
  /** Commit the run starts from: baseline tests, diffs and checkpoints are against it. */
  baseSha: string;
}
