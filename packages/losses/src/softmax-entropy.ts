import * as tf from '@tensorflow/tfjs-core';
import { defineObjective } from './define-objective';

/**
 * Shannon entropy of the softmax prediction, per sample: H(p) = −Σ_c p_c log p_c, p = softmax(u).
 * Tent's objective and the first term of ZeroSiam's loss (methods.md §1.3, §4.1).
 *
 * Expects logits, not probabilities: log p comes from `tf.logSoftmax`, so a class whose
 * probability underflows to exactly 0 contributes 0·(finite) = 0, never 0·(−∞) = NaN, and the
 * gradient −p ⊙ (log p + H) stays finite for logits of any magnitude.
 *
 * @param logits [batch, classes] float32 logits.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const softmaxEntropy = defineObjective({
  id: 'entropy',
  description: 'Softmax entropy H(p) = −Σ_c p_c log p_c (Tent; ZeroSiam default objective)',
  functionName: 'softmaxEntropy',
  perSample: (logits) => {
    const logProbabilities = tf.logSoftmax(logits); // [batch, classes]
    const probabilities = tf.exp(logProbabilities);
    return tf.neg(tf.sum(tf.mul(probabilities, logProbabilities), 1)) as tf.Tensor1D;
  },
});
