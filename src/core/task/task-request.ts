/**
 * What a run was asked to do, as a value. Every text field is untrusted and already
 * sanitized: the type says so (`SanitizedText`), and only the builders make one from
 * event or command-line text — `createTaskRequest` (the CLI's `--task` and
 * `--issue-file`, the demo, replays) and `buildTaskRequest` (the Action, also when the
 * App dispatched it). The text reaches the model only as quoted data
 * (`src/core/prompt/render-task-for-prompt.ts`) and never a shell (docs/security.md §6, §7).
 */
import type { SanitizedText } from '../text/sanitized-text.ts';

export type TaskMode = 'generate' | 'fix';

/** One comment of a review (docs/architecture.md "Review threads"): a thread to address. */
export interface ReviewThread {
  /** The review comment's id: the model reports on it by this id, and greenlight replies to it. */
  id: number;
  path: SanitizedText;
  /** The commented lines of the file at the reviewed head; null: the whole file, or an outdated comment. */
  startLine: number | null;
  line: number | null;
  author: SanitizedText;
  /** The diff hunk GitHub shows above the comment. */
  diffHunk: SanitizedText;
  body: SanitizedText;
}

export interface TaskRequest {
  /** `generate` implements an issue (tests or boilerplate); `fix` works on a pull request. */
  mode: TaskMode;
  /** Issue or pull-request title, or the CLI's `--task` text. */
  title: SanitizedText;
  /** Issue / PR body and comments from users with write access. */
  body: SanitizedText;
  /** For `fix`: the text after the fix command (or a review's body); absent means "make the failing tests pass". */
  instruction?: SanitizedText;
  /** For a CI repair (`fix` on greenlight's pull request): the failed run's report. */
  ciFailure?: { runId: number; report: SanitizedText };
  /** For a review (`fix`): every comment of the review, each one thread to address in the same change. */
  reviewThreads?: ReviewThread[];
  /** The issue the change implements; the report says `Closes #n`. */
  issueNumber?: number;
  /** For `fix`: the pull request being fixed. */
  pullRequestNumber?: number;
  /**
   * Names of the issue's labels. Only compared with `verify.bugLabels` (a bug report's
   * fix must prove it reproduces the bug); never sent to the model.
   */
  labels?: readonly string[];
  /** Login of the person who asked; never counts as a reviewer. */
  requester?: string;
  /** Commit the run starts from: baseline tests, diffs and checkpoints are against it. */
  baseSha: string;
}
