import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, StepResult, TtaMethod } from '@zerosiam/core';
import { createSgd } from '@zerosiam/core';

/**
 * A minimal Tent (entropy minimisation on the norm parameters, plain SGD without momentum so it
 * holds no optimiser state), standing in for @zerosiam/methods in runner tests.
 */
export function createEntropyMethod(model: AdaptableModel, learningRate: number): TtaMethod {
  const variables = model.normParameters('all');
  const optimizer = createSgd([{ name: 'norm', variables, learningRate }], {
    momentum: 0,
  });
  const initial = model.snapshot();
  const toResult = (logits: tf.Tensor2D, passes: number): StepResult => {
    const data = logits.dataSync() as Float32Array;
    const predictions = tf.tidy(() => tf.argMax(logits, 1).dataSync() as Int32Array);
    return {
      batchSize: logits.shape[0],
      numClasses: logits.shape[1],
      predictions: Int32Array.from(predictions),
      logits: Float32Array.from(data),
      diagnostics: {
        selected: logits.shape[0],
        losses: {},
        logitNorm: 0,
        forwardPasses: logits.shape[0],
        backwardPasses: passes,
      },
    };
  };
  return {
    specificationVersion: 'v1',
    id: 'entropy',
    options: { learningRate },
    model,
    async adapt(images) {
      let predicted: tf.Tensor2D | undefined;
      const { grads, value } = tf.variableGrads(() => {
        const output = model.adaptationForward(images);
        predicted = tf.keep(tf.clone(output.predictionLogits));
        const logProbabilities = tf.logSoftmax(output.adaptationLogits);
        return tf.neg(tf.mean(tf.sum(tf.mul(tf.exp(logProbabilities), logProbabilities), 1))) as tf.Scalar;
      }, variables);
      optimizer.step(grads);
      tf.dispose([value, ...Object.values(grads)]);
      const result = toResult(predicted!, 1);
      predicted!.dispose();
      return result;
    },
    async predict(images) {
      const logits = model.forward(images);
      const result = toResult(logits, 0);
      logits.dispose();
      return result;
    },
    reset() {
      model.restore(initial);
      optimizer.reset();
    },
    dispose() {
      initial.dispose();
      optimizer.dispose();
    },
  };
}
