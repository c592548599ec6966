import * as tf from '@tensorflow/tfjs-core';
import { defineObjective } from './define-objective';

/**
 * Hard pseudo-label cross-entropy, per sample: −log p_ŷ with ŷ = argmax_c u_c taken from the
 * same logits and treated as a constant (no gradient flows through the argmax). One of the
 * alternative base objectives of ZeroSiam's Table 10 (methods.md §6).
 *
 * Which branch ŷ comes from in the paper's ablation is [unverified]; here it is the logits
 * passed in, so for ZeroSiam it is the online branch. A caller that wants the target branch's
 * label can compute it and use a plain cross-entropy instead. Ties go to the lowest index.
 *
 * Expects logits, not probabilities: log p_ŷ comes from `tf.logSoftmax` (finite for any
 * magnitude); its gradient is p − onehot(ŷ).
 *
 * @param logits [batch, classes] float32 logits.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const pseudoLabelCrossEntropy = defineObjective({
  id: 'ce',
  description: 'Hard pseudo-label cross-entropy −log p_ŷ, ŷ = argmax of the same logits (constant)',
  functionName: 'pseudoLabelCrossEntropy',
  perSample: (logits) => {
    const classes = logits.shape[1];
    // argMax and oneHot have no gradient: ŷ is a constant, as with PyTorch's argmax().
    const pseudoLabels = tf.oneHot(tf.argMax(logits, 1), classes); // [batch, classes]
    return tf.neg(tf.sum(tf.mul(pseudoLabels, tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
  },
});
