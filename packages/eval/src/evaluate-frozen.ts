import type { Stream, TtaMethod } from '@zerosiam/core';
import { type EvaluateStreamOptions, runEvaluationLoop } from './run-evaluation-loop';
import type { StreamEvaluation } from './stream-evaluation';

/**
 * Frozen evaluation: predict every batch with `method.predict()`, never adapt and never reset —
 * the second half of the blind-spot protocol (methods.md §2.3), or any "evaluate after
 * adaptation" check.
 */
export async function evaluateFrozen(
  method: TtaMethod,
  stream: Stream,
  options: Omit<EvaluateStreamOptions, 'resetPolicy'> = {},
): Promise<StreamEvaluation> {
  return runEvaluationLoop('frozen', method, stream, { ...options, resetPolicy: 'never' }, (images) =>
    method.predict(images),
  );
}
