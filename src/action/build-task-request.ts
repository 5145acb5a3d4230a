/**
 * The TaskRequest of an Action run, from the issue or pull request it was started on.
 * All text is untrusted: it is sanitized here, once, piece by piece as GitHub renders it
 * (docs/security.md §6), and later quoted to the model as data, never put into a shell.
 * Only comments of people with write access are included (the caller filters by
 * permission), newest last, each bounded, so that anyone else's comment can steer nothing.
 */
import type { ReviewThread, TaskRequest } from '../core/task/task-request.ts';
import { sanitizeUntrustedText } from '../core/text/sanitize-untrusted-text.ts';
import {
  joinSanitized,
  lastCharsSanitized,
  sanitizedTemplate,
  trimSanitized,
  truncateSanitized,
  type SanitizedText,
} from '../core/text/sanitized-text.ts';

export interface TaskComment {
  author: string;
  body: string;
}

/** A comment of the review a fix run addresses, as the API lists it. */
export interface TaskReviewComment {
  id: number;
  path: string;
  startLine: number | null;
  line: number | null;
  author: string;
  diffHunk: string;
  body: string;
}

export type TaskSource =
  | {
      mode: 'generate';
      issue: { number: number; title: string; body: string; labels?: readonly string[] };
      comments: readonly TaskComment[];
      requester: string;
      baseSha: string;
    }
  | {
      mode: 'fix';
      pr: { number: number; title: string; body: string };
      instruction: string;
      /** A review run: every comment of the review. */
      reviewComments?: readonly TaskReviewComment[];
      requester: string;
      baseSha: string;
    }
  | {
      mode: 'repair';
      pr: { number: number; title: string; body: string };
      runId: number;
      /** The failed run's report (`renderCiFailure`), already redacted. */
      failureReport: string;
      baseSha: string;
    };

export const MAX_TASK_COMMENTS = 20;
export const MAX_COMMENT_CHARS = 4_000;
export const MAX_BODY_CHARS = 20_000;
export const MAX_REVIEW_COMMENTS = 50;
export const MAX_HUNK_CHARS = 3_000;
export const MAX_FAILURE_CHARS = 30_000;

function bounded(text: string, max: number): SanitizedText {
  const clean = trimSanitized(sanitizeUntrustedText(text));
  return clean.length <= max
    ? clean
    : sanitizedTemplate`${truncateSanitized(clean, max)}\n… (cut at ${max} characters)`;
}

const COMMENT_SEPARATOR = sanitizedTemplate`\n\n---\n\n`;

function reviewThread(comment: TaskReviewComment): ReviewThread {
  const hunk = sanitizeUntrustedText(comment.diffHunk);
  return {
    id: comment.id,
    path: sanitizeUntrustedText(comment.path),
    startLine: comment.startLine,
    line: comment.line,
    author: sanitizeUntrustedText(comment.author),
    // The hunk ends at the commented line: keep its end.
    diffHunk: lastCharsSanitized(hunk, MAX_HUNK_CHARS),
    body: bounded(comment.body, MAX_COMMENT_CHARS),
  };
}

/** Builds the sanitized task. */
export function buildTaskRequest(source: TaskSource): TaskRequest {
  if (source.mode === 'repair') {
    return {
      mode: 'fix',
      title: bounded(source.pr.title, 500),
      body: bounded(source.pr.body, MAX_BODY_CHARS),
      ciFailure: { runId: source.runId, report: bounded(source.failureReport, MAX_FAILURE_CHARS) },
      pullRequestNumber: source.pr.number,
      baseSha: source.baseSha,
    };
  }
  if (source.mode === 'fix') {
    const instruction = bounded(source.instruction, MAX_COMMENT_CHARS);
    return {
      mode: 'fix',
      title: bounded(source.pr.title, 500),
      body: bounded(source.pr.body, MAX_BODY_CHARS),
      ...(instruction === '' ? {} : { instruction }),
      ...(source.reviewComments === undefined || source.reviewComments.length === 0
        ? {}
        : { reviewThreads: source.reviewComments.slice(0, MAX_REVIEW_COMMENTS).map(reviewThread) }),
      pullRequestNumber: source.pr.number,
      requester: source.requester,
      baseSha: source.baseSha,
    };
  }
  const comments = source.comments
    .map((c) => ({ author: sanitizeUntrustedText(c.author), body: bounded(c.body, MAX_COMMENT_CHARS) }))
    .filter((c) => c.body !== '')
    .slice(-MAX_TASK_COMMENTS);
  const body = joinSanitized(
    [
      bounded(source.issue.body, MAX_BODY_CHARS),
      ...comments.map((c) => sanitizedTemplate`Comment by @${c.author}:\n\n${c.body}`),
    ].filter((part) => part !== ''),
    COMMENT_SEPARATOR,
  );
  return {
    mode: 'generate',
    title: bounded(source.issue.title, 500),
    body,
    issueNumber: source.issue.number,
    ...(source.issue.labels === undefined ? {} : { labels: [...source.issue.labels] }),
    requester: source.requester,
    baseSha: source.baseSha,
  };
}
