import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `loss` once under a gradient tape for exactly `variables` and returns the gradients keyed
 * by variable name (the Optimizer's format). Tensors the closure wants to keep past the tape
 * (prediction logits) must be `tf.keep`-ed inside it and disposed by the caller.
 */
export function computeGradients(
  variables: readonly tf.Variable[],
  loss: () => tf.Scalar,
): tf.NamedTensorMap {
  const { value, grads } = tf.variableGrads(loss, [...variables]);
  value.dispose();
  return grads;
}

export function disposeGradients(grads: tf.NamedTensorMap): void {
  for (const g of Object.values(grads)) g.dispose();
}

/** Reads a scalar and disposes it. */
export function readScalar(value: tf.Scalar): number {
  const result = value.dataSync()[0]!;
  value.dispose();
  return result;
}
