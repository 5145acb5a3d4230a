import { describe, expect, it } from 'vitest';
import { REVIEW_REPORT_TOOL, withReviewReports } from '../../../src/core/review/review-report-tool.ts';
import type { RepoTools } from '../../../src/ports/repo-tools.ts';

const inner: RepoTools = {
  specs: [{ kind: 'custom', name: 'list_files', description: 'list', inputSchema: { type: 'object' } }],
  handles: (name) => name === 'list_files',
  execute: async (call) => ({ content: `listed by ${call.name}`, isError: false }),
};
const call = (input: unknown) => ({ id: 't1', name: REVIEW_REPORT_TOOL, input });

describe('withReviewReports', () => {
  it('adds report_review_comment after the repository tools and passes other calls through', async () => {
    const reports = withReviewReports(inner, [101, 102]);
    expect(reports.tools.specs.map((s) => s.name)).toEqual(['list_files', REVIEW_REPORT_TOOL]);
    expect(reports.tools.handles(REVIEW_REPORT_TOOL)).toBe(true);
    expect(reports.tools.handles('list_files')).toBe(true);
    expect(await reports.tools.execute({ id: 't0', name: 'list_files', input: {} })).toEqual({
      content: 'listed by list_files',
      isError: false,
    });
  });

  it('keeps the latest claim per comment and says which comments still lack one', async () => {
    const reports = withReviewReports(inner, [101, 102]);
    expect(await reports.tools.execute(call({ comment: 101, addressed: false, summary: 'Not yet.' }))).toEqual({
      content: 'Noted for comment 101. Comments without a report: 102.',
      isError: false,
    });
    await reports.tools.execute(
      call({ comment: 101, addressed: true, summary: ' Done. ', files: ['./test/a.test.js'] }),
    );
    expect((await reports.tools.execute(call({ comment: 102, addressed: true, summary: 'Done too.' }))).content).toBe(
      'Noted for comment 102. Every comment has a report.',
    );
    expect([...reports.claims()]).toEqual([
      [101, { addressed: true, summary: 'Done.', files: ['test/a.test.js'] }],
      [102, { addressed: true, summary: 'Done too.', files: [] }],
    ]);
  });

  it.each([
    [{ comment: 999, addressed: true, summary: 'x' }, '"comment" must be one of the review comment ids: 101.'],
    [{ comment: 101, addressed: 'yes', summary: 'x' }, '"addressed" must be true or false.'],
    [
      { comment: 101, addressed: true, summary: '  ' },
      '"summary" must say in a sentence what you changed, or why you could not.',
    ],
    [{ comment: 101, addressed: true, summary: 'x', files: 'a.js' }, '"files" must be a list of repository paths.'],
    [null, '"comment" must be one of the review comment ids: 101.'],
  ])('answers a malformed report %j with an error for the model', async (input, message) => {
    const reports = withReviewReports(inner, [101]);
    expect(await reports.tools.execute(call(input))).toEqual({ content: message, isError: true });
    expect(reports.claims().size).toBe(0);
  });
});
