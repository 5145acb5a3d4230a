/**
 * Which review comments a published fix addressed (docs/architecture.md "Review
 * threads"). The model's claim (`report_review_comment`) is cross-checked against the
 * diff greenlight published: a comment counts as done only when the model says so AND
 * the commit changes the commented lines, the commented file, or a file the model named
 * for it. The verdict says which of those it was, so that a reply never claims more
 * than the diff shows; everything else is "not done", with the reason.
 */
import { changedLines, type ChangedFile } from './diff-lines.ts';
import type { ThreadClaim } from './review-report-tool.ts';

export interface ThreadRef {
  id: number;
  path: string;
  startLine: number | null;
  line: number | null;
}

export type ThreadVerdict =
  | {
      status: 'done';
      /** `lines`: the commented lines changed; `file`: other lines of the commented file; `other-files`: only files the model named. */
      evidence: 'lines' | 'file' | 'other-files';
      /** Changed files that back the verdict. */
      files: string[];
      summary: string;
    }
  | { status: 'not-done'; reason: string };

export interface ThreadResult extends ThreadRef {
  verdict: ThreadVerdict;
}

/** Lines of slack around the commented range: a fix often lands just next to it. */
const SLACK = 2;

function touchesLines(file: ChangedFile, thread: ThreadRef): boolean {
  if (thread.line === null) return false;
  const from = (thread.startLine ?? thread.line) - SLACK;
  const to = thread.line + SLACK;
  return file.ranges.some((r) => r.start <= to && r.end >= from);
}

function judge(thread: ThreadRef, claim: ThreadClaim | undefined, changed: ChangedFile[]): ThreadVerdict {
  if (claim === undefined) return { status: 'not-done', reason: 'the model did not report on this comment' };
  if (!claim.addressed) return { status: 'not-done', reason: claim.summary };
  const file = changed.find((f) => f.path === thread.path || f.oldPath === thread.path);
  if (file !== undefined) {
    return {
      status: 'done',
      evidence: touchesLines(file, thread) ? 'lines' : 'file',
      files: [file.path],
      summary: claim.summary,
    };
  }
  const named = changed.filter((f) => claim.files.includes(f.path)).map((f) => f.path);
  if (named.length > 0) return { status: 'done', evidence: 'other-files', files: named, summary: claim.summary };
  return {
    status: 'not-done',
    reason: `the model reported it addressed ("${claim.summary}"), but the commit changes neither ${thread.path} nor a file it named for it`,
  };
}

/**
 * @param diff the published change (`git diff` against the reviewed head); null when nothing was published.
 * @param notPublished why nothing was published, for every comment's reason.
 * @example
 * judgeThreads({ threads, claims: reports.claims(), diff: job.outcome.diff, notPublished: '' })
 * // [{ id: 101, path: 'src/a.js', …, verdict: { status: 'done', evidence: 'lines', files: ['src/a.js'], summary: '…' } }]
 */
export function judgeThreads(input: {
  threads: readonly ThreadRef[];
  claims: ReadonlyMap<number, ThreadClaim>;
  diff: string | null;
  notPublished: string;
}): ThreadResult[] {
  const changed = input.diff === null ? null : changedLines(input.diff);
  return input.threads.map((thread) => ({
    ...thread,
    verdict:
      changed === null
        ? { status: 'not-done', reason: `no commit was pushed: ${input.notPublished}` }
        : judge(thread, input.claims.get(thread.id), changed),
  }));
}
