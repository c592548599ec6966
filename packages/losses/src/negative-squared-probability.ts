import * as tf from '@tensorflow/tfjs-core';
import { defineObjective } from './define-objective';

/**
 * Negative collision probability, per sample: −Σ_c p_c², p = softmax(u). It lies in
 * [−1, −1/C] and is minimised by a one-hot prediction, like the entropy. One of the alternative
 * base objectives of ZeroSiam's Table 10 ("−p²"; the exact form is a [guess], methods.md §6).
 *
 * Expects logits, not probabilities; p comes from `exp(logSoftmax(u))`.
 *
 * @param logits [batch, classes] float32 logits.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const negativeSquaredProbability = defineObjective({
  id: 'neg-p2',
  description: 'Negative collision probability −Σ_c p_c²',
  functionName: 'negativeSquaredProbability',
  perSample: (logits) => {
    const probabilities = tf.exp(tf.logSoftmax(logits)); // [batch, classes]
    return tf.neg(tf.sum(tf.square(probabilities), 1)) as tf.Tensor1D;
  },
});
