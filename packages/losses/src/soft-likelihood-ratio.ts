import * as tf from '@tensorflow/tfjs-core';
import type { ReductionOptions } from '@zerosiam/core';
import { describeValue, InvalidArgumentError } from '@zerosiam/core';
import { defineObjective } from './define-objective';

export interface SoftLikelihoodRatioOptions extends ReductionOptions {
  /** Upper clamp on each probability, so 1 − p̃ never reaches 0. Default 0.99 (ROID) [unverified for ZeroSiam]. */
  readonly clip?: number;
  /** Added inside the log so classes with p = 0 give log(ε), not log(0). Default 1e-5 (ROID) [unverified for ZeroSiam]. */
  readonly epsilon?: number;
}

/**
 * Soft likelihood ratio (SLR), per sample, in the form of ROID and the `test-time-adaptation`
 * benchmark code: L = −Σ_c p̃_c · log(p̃_c / (1 − p̃_c) + ε), p̃ = clamp(softmax(u), 0, clip).
 * One of the alternative base objectives of ZeroSiam's Table 10 (methods.md §6).
 *
 * The constants clip = 0.99 and ε = 1e-5 come from ROID; whether ZeroSiam's ablation used the
 * same ones is [unverified]. Both are options. As in PyTorch's `clamp`, a clamped probability
 * passes no gradient.
 *
 * Expects logits, not probabilities (they are validated and rejected when rows look like
 * probabilities). p comes from `exp(logSoftmax(u))`, so one-hot underflow gives 0·log(ε) = 0.
 *
 * @param logits [batch, classes] float32 logits.
 * @param options.reduction `'none'` → [batch]; `'mean'` (default) or `'sum'` → scalar.
 */
export const softLikelihoodRatio = defineObjective<SoftLikelihoodRatioOptions>({
  id: 'slr',
  description: 'Soft likelihood ratio −Σ_c p̃_c log(p̃_c/(1−p̃_c) + 1e-5), p̃ = min(p, 0.99) (ROID form)',
  functionName: 'softLikelihoodRatio',
  validateOptions: (options) => {
    const clip = options.clip ?? 0.99;
    if (typeof clip !== 'number' || !(clip > 0 && clip < 1)) {
      throw new InvalidArgumentError({
        functionName: 'softLikelihoodRatio',
        argument: 'options.clip',
        expected: 'a number in (0, 1)',
        received: describeValue(clip),
        fix: 'leave it unset for the ROID value 0.99.',
      });
    }
    const epsilon = options.epsilon ?? 1e-5;
    if (typeof epsilon !== 'number' || !(epsilon > 0 && Number.isFinite(epsilon))) {
      throw new InvalidArgumentError({
        functionName: 'softLikelihoodRatio',
        argument: 'options.epsilon',
        expected: 'a finite number > 0',
        received: describeValue(epsilon),
        fix: 'leave it unset for the ROID value 1e-5.',
      });
    }
  },
  perSample: (logits, options) => {
    const clip = options.clip ?? 0.99;
    const epsilon = options.epsilon ?? 1e-5;
    const probabilities = tf.clipByValue(tf.exp(tf.logSoftmax(logits)), 0, clip); // [batch, classes]
    const ratio = tf.div(probabilities, tf.sub(1, probabilities));
    return tf.neg(tf.sum(tf.mul(probabilities, tf.log(tf.add(ratio, epsilon))), 1)) as tf.Tensor1D;
  },
});
