import * as tf from '@tensorflow/tfjs-core';
import { defineDivergence } from './define-divergence';

/**
 * Squared error between the two softmax distributions, per sample: Σ_c (p_c − r_c)², with
 * r = softmax(targetLogits) and p = softmax(onlineLogits). One of the alternative divergences of
 * ZeroSiam's Table 10 (methods.md §6). Whether the paper used probabilities or logits, and a sum
 * or a mean over classes, is [unverified]; this is the sum over classes on probabilities, so it
 * lies in [0, 2] whatever the class count (a mean would shrink it by 1/C).
 *
 * Expects logits, not probabilities. Neither argument is detached.
 *
 * @param targetLogits [batch, classes] logits of the target distribution r.
 * @param onlineLogits [batch, classes] logits of the online distribution p.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const meanSquaredErrorDivergence = defineDivergence({
  id: 'mse',
  description: 'Σ_c (p_c − r_c)² on softmax probabilities',
  functionName: 'meanSquaredErrorDivergence',
  perSample: (targetLogits, onlineLogits) => {
    const target = tf.exp(tf.logSoftmax(targetLogits)); // [batch, classes]
    const online = tf.exp(tf.logSoftmax(onlineLogits));
    return tf.sum(tf.squaredDifference(online, target), 1) as tf.Tensor1D;
  },
});
