import * as tf from '@tensorflow/tfjs-core';
import type { Reduction } from '@zerosiam/core';
import { describeValue, InvalidArgumentError } from '@zerosiam/core';

const reductions: readonly Reduction[] = ['none', 'mean', 'sum'];

/** Throws an InvalidArgumentError naming the function unless `reduction` is one of none/mean/sum. */
export function assertReduction(reduction: unknown, functionName: string): asserts reduction is Reduction {
  if (!reductions.includes(reduction as Reduction)) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'options.reduction',
      expected: `one of ${reductions.map((r) => `'${r}'`).join(', ')}`,
      received: describeValue(reduction),
      fix: "use 'none' for one value per sample, 'mean' (the default) or 'sum' for a scalar.",
    });
  }
}

/**
 * Reduces per-sample values [batch] to the requested form. The mean of an empty batch is 0
 * (not NaN as in PyTorch), so a method whose sample filter selects nothing gets a zero loss
 * with zero gradients instead of poisoning its parameters.
 */
export function reducePerSample(perSample: tf.Tensor1D, reduction: Reduction): tf.Tensor {
  if (reduction === 'none') return perSample;
  if (reduction === 'sum') return tf.sum(perSample);
  if (perSample.shape[0] === 0) return tf.scalar(0);
  return tf.mean(perSample);
}
