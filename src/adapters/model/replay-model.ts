/**
 * A Model that answers with recorded responses, in order: demos and tests replay a
 * run from its audit log without calling any API. The requests it received are kept
 * for inspection.
 */
import type { Model, ModelRequest, ModelResponse } from '../../ports/model.ts';
import { ModelError } from '../../ports/model-error.ts';

export interface ReplayModel extends Model {
  readonly requests: readonly ModelRequest[];
}

/** @example createReplayModel(modelResponsesFromAudit((await readAuditLog(path)).records)) */
export function createReplayModel(
  responses: readonly ModelResponse[],
  modelId = responses[0]?.model ?? 'replay',
): ReplayModel {
  const requests: ModelRequest[] = [];
  return {
    provider: 'replay',
    modelId,
    requests,
    complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      if (signal?.aborted === true) {
        return Promise.reject(new ModelError('aborted', 'The model request was cancelled.'));
      }
      requests.push(structuredClone(request));
      const response = responses[requests.length - 1];
      if (response === undefined) {
        return Promise.reject(
          new ModelError(
            'other',
            `The recorded run has ${responses.length} model responses; turn ${requests.length} has none to replay.`,
          ),
        );
      }
      return Promise.resolve(structuredClone(response));
    },
  };
}
