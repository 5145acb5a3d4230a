/**
 * The model responses of a recorded run, in order, checked against the port's
 * shape: a demo or a regression test replays them through a replay Model instead of
 * calling the API.
 */
import { z } from 'zod';
import type { AuditRecord } from '../../ports/audit.ts';
import type { ModelResponse } from '../../ports/model.ts';
import { GreenlightError } from '../../ports/errors.ts';

const ContentBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('tool_result'), toolUseId: z.string(), content: z.string(), isError: z.boolean() }),
]);

export const ModelResponseSchema = z.object({
  content: z.array(ContentBlock),
  stopReason: z.enum(['end_turn', 'tool_use', 'max_tokens', 'stop_sequence', 'refusal', 'pause_turn', 'other']),
  usage: z.object({
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    cacheWriteTokens: z.number().int().nonnegative(),
    cacheReadTokens: z.number().int().nonnegative(),
  }),
  model: z.string(),
  durationMs: z.number().nonnegative(),
  id: z.string().optional(),
  providerStopReason: z.string().optional(),
});

/** Every `model-response` event's response, in file order. */
export function modelResponsesFromAudit(records: readonly AuditRecord[]): ModelResponse[] {
  const responses: ModelResponse[] = [];
  for (const record of records) {
    if (record.event.kind !== 'model-response') continue;
    const parsed = ModelResponseSchema.safeParse(record.event.response);
    if (!parsed.success) {
      const problem = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      throw new GreenlightError(
        'audit-invalid',
        `The model-response of turn ${record.event.turn} (at ${record.at}) is not a ModelResponse: ${problem}. Record the ModelResponse object itself in the audit event.`,
      );
    }
    responses.push(parsed.data as ModelResponse);
  }
  return responses;
}
