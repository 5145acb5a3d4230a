/**
 * The model as a job uses it. Two policies the loop does not know about:
 *
 * - every request caches the conversation too (`cacheConversation`), so that from
 *   the second call on the earlier turns are read from cache, not only the
 *   tools/system/context prefix;
 * - a missing or rejected key and an unknown model name are configuration errors, not
 *   a run that "gave up": the loop stops on them like on any model error (keeping
 *   its best state), and the job then throws them, so that the user gets one clear
 *   error that names what to fix.
 */
import type { Model, ModelErrorCode } from '../ports/model.ts';
import { isModelError, type ModelError } from '../ports/model-error.ts';

const CONFIGURATION_ERRORS: readonly ModelErrorCode[] = ['auth', 'model-not-found'];

export interface JobModel {
  model: Model;
  /** The first configuration error the provider answered with, if any. */
  configurationError(): ModelError | undefined;
}

/**
 * @example
 * const guarded = jobModel(createModel(config.model, env));
 * await runLoop(request, { ...deps, model: guarded.model });
 * const fatal = guarded.configurationError(); if (fatal) throw fatal;
 */
export function jobModel(inner: Model): JobModel {
  let fatal: ModelError | undefined;
  return {
    model: {
      provider: inner.provider,
      modelId: inner.modelId,
      async complete(request, signal) {
        try {
          return await inner.complete({ ...request, cacheConversation: true }, signal);
        } catch (error) {
          if (fatal === undefined && isModelError(error) && CONFIGURATION_ERRORS.includes(error.modelCode))
            fatal = error;
          throw error;
        }
      },
    },
    configurationError: () => fatal,
  };
}
