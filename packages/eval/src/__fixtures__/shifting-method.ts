import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, StepResult, TtaMethod } from '@zerosiam/core';

/**
 * Predicts with the model, then "adapts" by adding a large bias to class (prediction + 1), so
 * the update always changes the next predictions: a sharp probe of predict-before-update.
 */
export function createShiftingMethod(model: AdaptableModel): TtaMethod {
  const bias = model.namedParameters().get('fc.bias');
  if (!bias) throw new Error('shifting method needs an fc.bias parameter');
  const initial = model.snapshot();
  const run = (images: tf.Tensor4D, update: boolean): StepResult => {
    const logits = model.forward(images);
    const data = Float32Array.from(logits.dataSync());
    const predictions = Int32Array.from(tf.tidy(() => tf.argMax(logits, 1).dataSync()));
    const numClasses = logits.shape[1];
    logits.dispose();
    if (update) {
      const target = (predictions[0]! + 1) % numClasses;
      tf.tidy(() => bias.assign(tf.add(bias, tf.mul(tf.oneHot(target, numClasses), 100))));
    }
    return {
      batchSize: predictions.length,
      numClasses,
      predictions,
      logits: data,
      diagnostics: {
        selected: 0,
        losses: {},
        logitNorm: 0,
        forwardPasses: predictions.length,
        backwardPasses: 0,
      },
    };
  };
  return {
    specificationVersion: 'v1',
    id: 'shifting',
    options: {},
    model,
    adapt: async (images) => run(images, true),
    predict: async (images) => run(images, false),
    reset: () => model.restore(initial),
    dispose: () => initial.dispose(),
  };
}
