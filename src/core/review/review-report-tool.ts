/**
 * `report_review_comment`: how the model tells, per review comment, whether its change
 * addresses it (docs/architecture.md "Review threads"). A claim is not the verdict:
 * `judgeThreads` checks each against the diff greenlight publishes, and the reply says
 * which evidence there is. `withReviewReports` adds the tool to the repository tools of
 * a review run; the latest claim per comment wins.
 */
import type { ToolSpec } from '../../ports/model.ts';
import type { RepoTools, ToolCall, ToolOutcome } from '../../ports/repo-tools.ts';

export const REVIEW_REPORT_TOOL = 'report_review_comment';

/** What the model says about one review comment. */
export interface ThreadClaim {
  addressed: boolean;
  /** One or two sentences: what changed, or why not. */
  summary: string;
  /** Files the model says address the comment besides the commented file. */
  files: string[];
}

const MAX_SUMMARY = 500;
const MAX_FILES = 20;

export const reviewReportSpec: ToolSpec = {
  kind: 'custom',
  name: REVIEW_REPORT_TOOL,
  description:
    'Report on one review comment, once you have addressed it or decided you cannot. ' +
    '`comment`: the review comment id. `addressed`: whether your change addresses it. ' +
    '`summary`: one or two sentences on what you changed, or why you could not address it. ' +
    '`files`: files you changed for this comment other than the commented file (for example a test). ' +
    'Call it once per comment; a later call for the same comment replaces the earlier one. ' +
    'greenlight checks the report against your diff and replies to the comment.',
  inputSchema: {
    type: 'object',
    properties: {
      comment: { type: 'integer', description: 'The review comment id.' },
      addressed: { type: 'boolean' },
      summary: { type: 'string' },
      files: { type: 'array', items: { type: 'string' } },
    },
    required: ['comment', 'addressed', 'summary'],
    additionalProperties: false,
  },
};

function parseClaim(input: unknown, ids: ReadonlySet<number>): { id: number; claim: ThreadClaim } | string {
  const record = (input ?? {}) as Record<string, unknown>;
  const id = record.comment;
  if (typeof id !== 'number' || !ids.has(id))
    return `"comment" must be one of the review comment ids: ${[...ids].join(', ')}.`;
  if (typeof record.addressed !== 'boolean') return '"addressed" must be true or false.';
  if (typeof record.summary !== 'string' || record.summary.trim() === '')
    return '"summary" must say in a sentence what you changed, or why you could not.';
  const files = record.files ?? [];
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string'))
    return '"files" must be a list of repository paths.';
  return {
    id,
    claim: {
      addressed: record.addressed,
      summary: record.summary.trim().slice(0, MAX_SUMMARY),
      files: (files as string[]).slice(0, MAX_FILES).map((f) => f.replace(/^\.\//, '')),
    },
  };
}

export interface ReviewReports {
  tools: RepoTools;
  /** The latest claim per review comment id. */
  claims(): ReadonlyMap<number, ThreadClaim>;
}

/**
 * @example
 * const reports = withReviewReports(createWorkspaceTools(…), [101, 102]);
 * // the loop gets reports.tools; after the run, reports.claims().get(101)
 */
export function withReviewReports(tools: RepoTools, commentIds: readonly number[]): ReviewReports {
  const ids = new Set(commentIds);
  const claims = new Map<number, ThreadClaim>();
  return {
    claims: () => claims,
    tools: {
      specs: [...tools.specs, reviewReportSpec],
      handles: (name) => name === REVIEW_REPORT_TOOL || tools.handles(name),
      async execute(call: ToolCall): Promise<ToolOutcome> {
        if (call.name !== REVIEW_REPORT_TOOL) return tools.execute(call);
        const parsed = parseClaim(call.input, ids);
        if (typeof parsed === 'string') return { content: parsed, isError: true };
        claims.set(parsed.id, parsed.claim);
        const left = [...ids].filter((id) => !claims.has(id));
        return {
          content: `Noted for comment ${parsed.id}.${left.length === 0 ? ' Every comment has a report.' : ` Comments without a report: ${left.join(', ')}.`}`,
          isError: false,
        };
      },
    },
  };
}
