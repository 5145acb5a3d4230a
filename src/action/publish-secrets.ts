/**
 * What an Action job may not publish (docs/security.md §29): the secret values it holds
 * — secret-looking variables of its environment and the model key — and the audit
 * record of a change refused for its content, so that the log says where (never what).
 */
import type { PublishResult } from '../core/publish/publish-types.ts';
import { secretsFromEnv } from '../core/redact/secrets-from-env.ts';
import type { AuditSink } from '../ports/audit.ts';
import type { ActionContext } from './action-context.ts';

/** The secret values this job holds; the git token is added by the publisher itself. */
export function jobSecrets(ctx: Pick<ActionContext, 'env' | 'inputs'>): string[] {
  return [...secretsFromEnv(ctx.env), ...(ctx.inputs.anthropicApiKey === null ? [] : [ctx.inputs.anthropicApiKey])];
}

/** Writes why a change was refused for its content (secrets, size), with places and limits only. */
export function auditContentRefusal(audit: AuditSink, result: PublishResult): void {
  if (result.kind !== 'refused') return;
  if (result.reason === 'secrets')
    audit.write({
      kind: 'note',
      message: 'publish refused: secrets in the change',
      data: { findings: result.findings },
    });
  if (result.reason === 'too-large')
    audit.write({ kind: 'note', message: 'publish refused: change too large', data: { problems: result.oversize } });
}
