import * as tf from '@tensorflow/tfjs-core';
import { defineDivergence } from './define-divergence';

/**
 * Symmetric KL divergence, per sample: KL(r‖p) + KL(p‖r) = Σ_c (p_c − r_c)(log p_c − log r_c),
 * with r = softmax(targetLogits) and p = softmax(onlineLogits). ZeroSiam's default alignment
 * term (methods.md §1.3; the official code computes it as two `F.kl_div` calls, and the older
 * file misnames it `get_loss_js`). Its online-logit gradient is the sum of the two KL gradients.
 *
 * The single-sum form is algebraically the same as the two calls and is exactly symmetric in
 * its arguments. Expects logits, not probabilities; log-probabilities come from `tf.logSoftmax`,
 * so underflowed entries contribute 0, never NaN. Neither argument is detached.
 *
 * @param targetLogits [batch, classes] logits of the target distribution r.
 * @param onlineLogits [batch, classes] logits of the online distribution p.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const symmetricKlDivergence = defineDivergence({
  id: 'symmetric-kl',
  description: 'KL(r‖p) + KL(p‖r) = Σ_c (p_c − r_c)(log p_c − log r_c) (ZeroSiam default)',
  functionName: 'symmetricKlDivergence',
  perSample: (targetLogits, onlineLogits) => {
    const logTarget = tf.logSoftmax(targetLogits); // [batch, classes]
    const logOnline = tf.logSoftmax(onlineLogits);
    const difference = tf.sub(tf.exp(logOnline), tf.exp(logTarget));
    return tf.sum(tf.mul(difference, tf.sub(logOnline, logTarget)), 1) as tf.Tensor1D;
  },
});
