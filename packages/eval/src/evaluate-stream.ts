import type { Stream, TtaMethod } from '@zerosiam/core';
import { type EvaluateStreamOptions, runEvaluationLoop } from './run-evaluation-loop';
import type { StreamEvaluation } from './stream-evaluation';

/**
 * The online evaluation loop: for each batch, normalise it, call `method.adapt()` (which
 * predicts *before* updating on the batch), and accumulate the metrics. The runner, not the
 * method, owns the reset policy (STYLE.md habit 11): `stream.info.resetPolicy` unless
 * `options.resetPolicy` overrides it.
 */
export async function evaluateStream(
  method: TtaMethod,
  stream: Stream,
  options: EvaluateStreamOptions = {},
): Promise<StreamEvaluation> {
  return runEvaluationLoop('online', method, stream, options, (images) => method.adapt(images));
}
