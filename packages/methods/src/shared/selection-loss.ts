import * as tf from '@tensorflow/tfjs-core';

/** The loss terms of one step, as scalars to differentiate and numbers to report. */
export interface SelectionLoss {
  /** Objective term + regulariser term (+ nothing else); a scalar. */
  readonly total: tf.Scalar;
  readonly objective: tf.Scalar;
  readonly regulariser: tf.Scalar | undefined;
}

/**
 * mean_{i∈S} w_i·objective_i + mean_{i∈S} regulariser_i over the selected samples S (a 0/1 mask),
 * the plug-in rule of methods.md §4.6 [guess]: each method keeps its selection and weights and
 * the wrapper's regulariser is averaged over the same samples. An empty S gives 0 (and zero
 * gradients); callers skip the update then.
 */
export function selectionLoss(
  objectiveValues: tf.Tensor1D, // [batch]
  regulariser: tf.Tensor1D | undefined, // [batch]
  mask: Float32Array, // [batch], 1 = selected
  weights?: Float32Array, // [batch], detached
): SelectionLoss {
  let count = 0;
  for (const m of mask) count += m;
  const denominator = Math.max(count, 1);
  const scale = new Float32Array(mask.length);
  for (let i = 0; i < mask.length; i++) scale[i] = (mask[i]! * (weights ? weights[i]! : 1)) / denominator;
  const objective = tf.sum(tf.mul(objectiveValues, tf.tensor1d(scale))) as tf.Scalar;
  if (regulariser === undefined) return { total: objective, objective, regulariser: undefined };
  const regulariserTerm = tf.sum(
    tf.mul(regulariser, tf.tensor1d(mask.map((m) => m / denominator))),
  ) as tf.Scalar;
  return {
    total: tf.add(objective, regulariserTerm) as tf.Scalar,
    objective,
    regulariser: regulariserTerm,
  };
}
