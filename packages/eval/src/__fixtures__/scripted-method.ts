import type * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, StepDiagnostics, StepResult, TtaMethod } from '@zerosiam/core';

/**
 * A method that ignores the images and returns scripted logits per call, so metric tests can
 * compare against hand-computed values. It counts adapt / predict / reset calls.
 */
export function createScriptedMethod(
  model: AdaptableModel,
  script: readonly (readonly (readonly number[])[])[],
  diagnostics: Partial<StepDiagnostics> = {},
): TtaMethod & { calls: { adapt: number; predict: number; reset: number } } {
  const calls = { adapt: 0, predict: 0, reset: 0 };
  let position = 0;
  const next = (images: tf.Tensor4D): StepResult => {
    const rows = script[position++ % script.length]!;
    if (rows.length !== images.shape[0])
      throw new Error(`script row ${position - 1} has ${rows.length} samples, batch has ${images.shape[0]}`);
    const numClasses = model.numClasses;
    const logits = Float32Array.from(rows.flat());
    const predictions = Int32Array.from(rows, (row) => row.indexOf(Math.max(...row)));
    return {
      batchSize: rows.length,
      numClasses,
      predictions,
      logits,
      diagnostics: {
        selected: rows.length,
        losses: {},
        logitNorm: 0,
        forwardPasses: rows.length,
        backwardPasses: 1,
        ...diagnostics,
      },
    };
  };
  return {
    specificationVersion: 'v1',
    id: 'scripted',
    options: {},
    model,
    calls,
    async adapt(images) {
      calls.adapt += 1;
      return next(images);
    },
    async predict(images) {
      calls.predict += 1;
      return next(images);
    },
    reset() {
      calls.reset += 1;
    },
    dispose() {},
  };
}
