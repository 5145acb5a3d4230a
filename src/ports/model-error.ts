/**
 * The one error a Model adapter throws: a GreenlightError with code 'model' and a
 * provider-neutral `modelCode`, so the loop can decide (stop and report, or give up
 * on a too-long prompt) without knowing which provider it talks to.
 */
import { GreenlightError } from './errors.ts';
import type { ModelErrorCode } from './model.ts';

export class ModelError extends GreenlightError {
  readonly modelCode: ModelErrorCode;
  /** HTTP status when the provider answered with one. */
  readonly status: number | undefined;

  constructor(modelCode: ModelErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super('model', message, options);
    this.name = 'ModelError';
    this.modelCode = modelCode;
    this.status = options?.status;
  }
}

/** True for a ModelError, optionally of a given model code. */
export function isModelError(error: unknown, modelCode?: ModelErrorCode): error is ModelError {
  return error instanceof ModelError && (modelCode === undefined || error.modelCode === modelCode);
}
