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
  review: z.object({
    /** Required where a review starts a fix run (its comments are listed by id); the gate does without. */
    id: z.number().int().positive().optional(),
    user: WebhookUser.nullable(),
    /** `approved`, `changes_requested`, `commented` or `dismissed` (lower case in webhooks). */
    state: z.string(),
    body: z.string().nullable().optional(),
  }),
});

export type PullRequestReviewPayload = z.infer<typeof PullRequestReviewPayload>;

export const PullRequestSynchronizePayload = z.object({
  pull_request: PullRequestPart,
  before: z.string().optional(),
  after: z.string().optional(),
});

export const WorkflowRunPayload = z.object({
  workflow_run: z.object({
    id: z.number().int().positive(),
    /** `success`, `failure`, `cancelled`, …; null while the run is not completed. */
    conclusion: z.string().nullable(),
    head_sha: z.string().min(1),
    /** The workflow file, e.g. `.github/workflows/ci.yml` (a reusable one may carry `@ref`). */
    path: z.string().min(1),
    /** Pull requests of this repository whose head is the run's head branch. */
    pull_requests: z.array(z.object({ number: z.number().int().positive() })).default([]),
    head_repository: z.object({ full_name: z.string() }).nullable().optional(),
  }),
});

/** Dispatch inputs are strings for `string`/`choice` inputs and numbers for `number` inputs. */
const DispatchValue = z.union([z.string(), z.number(), z.boolean()]).nullable().optional();

export const WorkflowDispatchPayload = z.object({
  ref: z.string().optional(),
  inputs: z.record(z.string(), DispatchValue).nullable().optional(),
});
