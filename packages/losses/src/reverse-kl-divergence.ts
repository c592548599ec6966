import * as tf from '@tensorflow/tfjs-core';
import { defineDivergence } from './define-divergence';

/**
 * Reverse KL divergence, per sample: KL(p ‖ r) = Σ_c p_c (log p_c − log r_c), with
 * r = softmax(targetLogits) and p = softmax(onlineLogits): the second half of ZeroSiam's
 * alignment term (methods.md §1.3). Its gradient with respect to the online logits is
 * p ⊙ (log p − log r − KL(p‖r)).
 *
 * Expects logits, not probabilities; log-probabilities come from `tf.logSoftmax`, so underflowed
 * entries contribute 0, never NaN. Neither argument is detached.
 *
 * @param targetLogits [batch, classes] logits of the target distribution r.
 * @param onlineLogits [batch, classes] logits of the online distribution p.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const reverseKlDivergence = defineDivergence({
  id: 'reverse-kl',
  description: 'KL(p‖r) = Σ_c p_c (log p_c − log r_c), r = softmax(target), p = softmax(online)',
  functionName: 'reverseKlDivergence',
  perSample: (targetLogits, onlineLogits) => {
    const logTarget = tf.logSoftmax(targetLogits); // [batch, classes]
    const logOnline = tf.logSoftmax(onlineLogits);
    return tf.sum(tf.mul(tf.exp(logOnline), tf.sub(logOnline, logTarget)), 1) as tf.Tensor1D;
  },
});
