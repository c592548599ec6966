import * as tf from '@tensorflow/tfjs-core';
import { defineDivergence } from './define-divergence';

/**
 * Forward KL divergence, per sample: KL(r ‖ p) = Σ_c r_c (log r_c − log p_c), with
 * r = softmax(targetLogits) and p = softmax(onlineLogits). This is PyTorch's
 * `F.kl_div(log_softmax(online), log_softmax(target), log_target=True, reduction='none').sum(1)`,
 * the first half of ZeroSiam's alignment term (methods.md §1.3). Its gradient with respect to the
 * online logits is p − r.
 *
 * Which direction the paper's Table 10 calls "KL" is [unverified]; this package calls KL(r‖p)
 * `kl` (the PyTorch `kl_div(online, target)` convention) and KL(p‖r) `reverse-kl`.
 *
 * Expects logits, not probabilities. Log-probabilities come from `tf.logSoftmax`, so a target
 * entry that underflows to 0 contributes 0, as in PyTorch, never NaN. Neither argument is
 * detached: stop the target's gradient yourself (ZeroSiam's wrapper does).
 *
 * @param targetLogits [batch, classes] logits of the target distribution r.
 * @param onlineLogits [batch, classes] logits of the online distribution p.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const klDivergence = defineDivergence({
  id: 'kl',
  description: 'KL(r‖p) = Σ_c r_c (log r_c − log p_c), r = softmax(target), p = softmax(online)',
  functionName: 'klDivergence',
  perSample: (targetLogits, onlineLogits) => {
    const logTarget = tf.logSoftmax(targetLogits); // [batch, classes]
    const logOnline = tf.logSoftmax(onlineLogits);
    return tf.sum(tf.mul(tf.exp(logTarget), tf.sub(logTarget, logOnline)), 1) as tf.Tensor1D;
  },
});
