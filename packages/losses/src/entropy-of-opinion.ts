import * as tf from '@tensorflow/tfjs-core';
import type { ReductionOptions } from '@zerosiam/core';
import { describeValue, InvalidArgumentError, stopGradient } from '@zerosiam/core';
import { defineObjective } from './define-objective';
import { removeRadialGradient } from './remove-radial-gradient';

export interface EntropyOfOpinionOptions extends ReductionOptions {
  /**
   * K in the uncertainty mass K/(S + K). Default: the number of classes (logits.shape[1]). The
   * official DeYO-COME code hard-codes 1000 whatever the class count; pass 1000 to mimic it.
   */
  readonly numClasses?: number;
}

/**
 * COME's entropy of opinion, per sample (methods.md §4.5; official-COME):
 *
 * 1. ũ = u/‖u‖ · sg(‖u‖) (see `removeRadialGradient`: forward unchanged, backward (I − ûûᵀ)).
 * 2. S = Σ_k e^{ũ_k}; beliefs b_k = e^{ũ_k}/(S + K); uncertainty u_{K+1} = K/(S + K); Σ b + u = 1.
 * 3. q = [b_1..b_K, u_{K+1}] + 1e-7; E = −Σ q log q over the K + 1 entries.
 *
 * Numerics: everything is shifted by m = max(max_k ũ_k, ln K) (held constant; the value does not
 * depend on it), b_k = e^{ũ_k−m}/(Σ e^{ũ−m} + K e^{−m}), so nothing overflows for logits of any
 * magnitude and the denominator is at least 1. The +1e-7 keeps log q finite.
 *
 * Expects logits, not probabilities.
 *
 * @param logits [batch, classes] float32 logits.
 * @param options.numClasses K; default the number of classes.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const entropyOfOpinion = defineObjective<EntropyOfOpinionOptions>({
  id: 'come',
  description: 'COME entropy of opinion −Σ q log q, q = [beliefs, K/(S+K)] + 1e-7, radial gradient removed',
  functionName: 'entropyOfOpinion',
  validateOptions: (options) => {
    const k = options.numClasses;
    if (k !== undefined && !(typeof k === 'number' && Number.isInteger(k) && k >= 1)) {
      throw new InvalidArgumentError({
        functionName: 'entropyOfOpinion',
        argument: 'options.numClasses',
        expected: 'a positive integer',
        received: describeValue(k),
        fix: 'leave it unset to use the number of classes (logits.shape[1]), or pass 1000 to mimic the official code.',
      });
    }
  },
  perSample: (logits, options) => {
    const k = options.numClasses ?? logits.shape[1];
    const logK = Math.log(k);
    const projected = removeRadialGradient(logits); // [batch, classes]
    const shift = stopGradient(tf.maximum(tf.max(projected, 1, true), logK)); // [batch, 1]
    const exponentials = tf.exp(tf.sub(projected, shift)); // [batch, classes]
    const uncertaintyNumerator = tf.mul(k, tf.exp(tf.neg(shift))); // [batch, 1]
    const denominator = tf.add(tf.sum(exponentials, 1, true), uncertaintyNumerator); // [batch, 1], ≥ 1
    const opinion = tf.add(tf.div(tf.concat([exponentials, uncertaintyNumerator], 1), denominator), 1e-7); // [batch, classes + 1]
    return tf.neg(tf.sum(tf.mul(opinion, tf.log(opinion)), 1)) as tf.Tensor1D;
  },
});
