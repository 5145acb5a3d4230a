/**
 * What greenlight says about each comment of a review it worked on
 * (docs/architecture.md "Review threads"): a reply in the comment's thread, and a line
 * per comment in the progress comment. Each says done or not done and why, and what the
 * "done" rests on — the commented lines changed, the file changed, or only files the
 * model named — because it is the model's report checked against the diff, not proof.
 * The model's words are shown as inline code: they cannot format, link or mention.
 */
import type { ThreadResult } from '../../core/review/judge-threads.ts';
import { inlineCode } from '../../core/report/format.ts';

export interface ThreadCommit {
  sha: string;
  url: string;
}

function lines(result: ThreadResult): string {
  if (result.line === null) return '';
  return result.startLine === null || result.startLine === result.line
    ? ` line ${result.line}`
    : ` lines ${result.startLine}–${result.line}`;
}

function evidence(result: ThreadResult): string {
  const { verdict } = result;
  if (verdict.status !== 'done') return '';
  switch (verdict.evidence) {
    case 'lines':
      return `it changes the commented lines of ${inlineCode(result.path)}`;
    case 'file':
      return `it changes ${inlineCode(result.path)}, though not the commented lines themselves`;
    case 'other-files':
      return `it changes ${verdict.files.map(inlineCode).join(', ')} (not ${inlineCode(result.path)})`;
  }
}

/**
 * The reply in a review comment's thread.
 * @example renderThreadReply(result, { sha: 'abc1234…', url: 'https://github.com/acme/shop/commit/abc1234…' })
 * // '✅ Addressed in [`abc1234`](…): it changes the commented lines of `src/a.js`.\n\nThe model’s note: `…`\n\n…'
 */
export function renderThreadReply(result: ThreadResult, commit: ThreadCommit): string {
  const link = `[${inlineCode(commit.sha.slice(0, 7))}](${commit.url})`;
  const { verdict } = result;
  const body =
    verdict.status === 'done'
      ? [`✅ Addressed in ${link}: ${evidence(result)}.`, `The model's note: ${inlineCode(verdict.summary)}`]
      : [`⚠️ Not addressed in ${link}: ${inlineCode(verdict.reason)}`, 'This thread stays open for a person.'];
  body.push(
    "_greenlight's verdict is the model's report checked against the commit's diff: please look before resolving._",
  );
  return `${body.join('\n\n')}\n`;
}

/**
 * The review comments' lines for the progress comment.
 * @example renderThreadList([doneResult, openResult], urls)
 * // '**Review comments:** 1 of 2 addressed.\n\n- ✅ `src/a.js` line 3 — …'
 */
export function renderThreadList(results: readonly ThreadResult[], urls: ReadonlyMap<number, string>): string {
  const done = results.filter((r) => r.verdict.status === 'done').length;
  const items = results.map((result) => {
    const where = `${inlineCode(result.path)}${lines(result)}`;
    const link = urls.get(result.id);
    const subject = link === undefined ? where : `[comment](${link}) on ${where}`;
    return result.verdict.status === 'done'
      ? `- ✅ ${subject}: done — ${evidence(result)}`
      : `- ⚠️ ${subject}: not done — ${inlineCode(result.verdict.reason)}`;
  });
  return [`**Review comments:** ${done} of ${results.length} addressed.`, '', ...items].join('\n');
}
