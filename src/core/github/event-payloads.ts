/**
 * zod schemas for the parts of GitHub webhook payloads that greenlight reads. They
 * check only what routing needs (everything else in a payload is ignored), so that a
 * payload from any GitHub version, GHES included, is accepted when it carries those
 * fields, and a truncated or foreign event file is rejected with the field it lacks.
 */
import { z } from 'zod';

export const WebhookUser = z.object({
  login: z.string().min(1),
  /** `User`, `Bot` or `Organization`; absent in some hand-written dispatch payloads. */
  type: z.string().optional(),
});
export type WebhookUser = z.infer<typeof WebhookUser>;

export const WebhookRepository = z.object({
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected "owner/name"'),
});

/** Fields every event greenlight routes carries. */
export const EventEnvelope = z.object({
  action: z.string().optional(),
  repository: WebhookRepository,
  sender: WebhookUser,
  installation: z.object({ id: z.number().int() }).optional(),
});

const IssueState = z.enum(['open', 'closed']);

export const IssuesLabeledPayload = z.object({
  label: z.object({ name: z.string() }),
  issue: z.object({
    number: z.number().int().positive(),
    state: IssueState,
    /** Present when the "issue" is a pull request. */
    pull_request: z.unknown().optional(),
  }),
});

export const IssueCommentPayload = z.object({
  issue: z.object({
    number: z.number().int().positive(),
    state: IssueState,
    pull_request: z.unknown().optional(),
  }),
  comment: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    user: WebhookUser,
  }),
});

const PullRequestPart = z.object({
  number: z.number().int().positive(),
  state: IssueState,
  head: z.object({ sha: z.string().min(1) }),
  labels: z.array(z.object({ name: z.string() })).default([]),
});

export const PullRequestReviewPayload = z.object({
  pull_request: PullRequestPart,
  review: z.object({ user: WebhookUser.nullable(), state: z.string() }),
});

export const PullRequestSynchronizePayload = z.object({
  pull_request: PullRequestPart,
  before: z.string().optional(),
  after: z.string().optional(),
});

/** Dispatch inputs are strings for `string`/`choice` inputs and numbers for `number` inputs. */
const DispatchValue = z.union([z.string(), z.number(), z.boolean()]).nullable().optional();

export const WorkflowDispatchPayload = z.object({
  ref: z.string().optional(),
  inputs: z.record(z.string(), DispatchValue).nullable().optional(),
});
