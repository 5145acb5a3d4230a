/**
 * What every step of an Action run shares: the validated inputs and runtime, the
 * Forge, the audit log and redaction, the log, and the event. Built once by the
 * runner; read-only afterwards (no environment used as an internal bus).
 */
import type { AuditSink } from '../ports/audit.ts';
import type { Forge } from '../ports/forge.ts';
import type { GitAuth } from '../core/publish/git-auth-env.ts';
import type { ActionOutcome } from './action-outcome.ts';
import type { TierReview } from '../core/config/repo-config.ts';
import type { Redactor } from '../core/redact/create-redactor.ts';
import type { ActionInputs, RuntimeEnv } from './inputs.ts';
import type { ActionServices } from '../compose/action-services.ts';
import type { Evidence } from '../core/evidence/evidence.ts';

export interface ActionContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly runtime: RuntimeEnv;
  readonly inputs: ActionInputs;
  readonly services: ActionServices;
  readonly forge: Forge;
  readonly audit: AuditSink;
  readonly redactor: Redactor;
  /** One redacted line to the step's log. */
  readonly log: (line: string) => void;
  /** The event payload (GITHUB_EVENT_PATH). */
  readonly payload: unknown;
  /** Link to this workflow run, when the runtime says which run this is. */
  readonly runUrl: string | null;
  /** greenlight's own login, which never triggers it. */
  readonly botLogin: string;
  readonly auth: GitAuth;
  /** The evidence record of the run so far, built from the audit log as written (docs/architecture.md "The evidence record"). */
  readonly readEvidence: () => Promise<Evidence>;
}

/** What a flow (generate/fix, gate, publish) ended with, for outputs and the job summary. */
export interface FlowResult {
  outcome: ActionOutcome;
  /** The run report (PR body) when the engine ran. */
  report: string | null;
  /** The review settings of the outcome's tier, when known. */
  review: TierReview | null;
}
