import * as tf from '@tensorflow/tfjs-core';
import { defineDivergence } from './define-divergence';

/**
 * Jensen–Shannon divergence, per sample: ½ KL(r ‖ m) + ½ KL(p ‖ m), m = (r + p)/2, with
 * r = softmax(targetLogits) and p = softmax(onlineLogits). It is symmetric and lies in [0, ln 2].
 * One of the alternative divergences of ZeroSiam's Table 10 (methods.md §6).
 *
 * Numerics: log m = logsumexp(log r, log p) − ln 2, computed elementwise with `tf.logSumExp`
 * over a stacked axis, so m is never formed in probability space and log m stays finite (and at
 * least max(log r, log p) − ln 2) even where both probabilities underflow.
 *
 * Expects logits, not probabilities. Neither argument is detached.
 *
 * @param targetLogits [batch, classes] logits of the target distribution r.
 * @param onlineLogits [batch, classes] logits of the online distribution p.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const jensenShannonDivergence = defineDivergence({
  id: 'js',
  description: 'JS = ½KL(r‖m) + ½KL(p‖m), m = (r+p)/2, in [0, ln 2]',
  functionName: 'jensenShannonDivergence',
  perSample: (targetLogits, onlineLogits) => {
    const logTarget = tf.logSoftmax(targetLogits); // [batch, classes]
    const logOnline = tf.logSoftmax(onlineLogits);
    const logMixture = tf.sub(tf.logSumExp(tf.stack([logTarget, logOnline]), 0), Math.LN2); // [batch, classes]
    const targetTerm = tf.mul(tf.exp(logTarget), tf.sub(logTarget, logMixture));
    const onlineTerm = tf.mul(tf.exp(logOnline), tf.sub(logOnline, logMixture));
    return tf.mul(0.5, tf.sum(tf.add(targetTerm, onlineTerm), 1)) as tf.Tensor1D;
  },
});
