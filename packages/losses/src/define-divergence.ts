import * as tf from '@tensorflow/tfjs-core';
import type { Divergence, ReductionOptions } from '@zerosiam/core';
import { assertLogits, ShapeMismatchError } from '@zerosiam/core';
import { assertReduction, reducePerSample } from './reduce-per-sample';

export interface DivergenceDefinition {
  /** Registry id, e.g. `symmetric-kl`. */
  readonly id: string;
  /** One line with the formula. */
  readonly description: string;
  /** The exported name, used in error messages, e.g. `klDivergence`. */
  readonly functionName: string;
  /**
   * Per-sample values [batch] from validated logits of equal shape [batch, classes]; runs inside
   * tf.tidy. Both arguments stay differentiable.
   */
  readonly perSample: (targetLogits: tf.Tensor2D, onlineLogits: tf.Tensor2D) => tf.Tensor1D;
}

/**
 * Builds a `Divergence` (target first, then online) from a per-sample body. The wrapper
 * validates both logits tensors, checks that their shapes match, validates the reduction, runs
 * the body inside `tf.tidy` and applies the reduction. It does not stop any gradient: a caller
 * that wants a fixed target (ZeroSiam) detaches it itself.
 */
export function defineDivergence(definition: DivergenceDefinition): Divergence {
  const { functionName } = definition;
  const divergence = (
    targetLogits: tf.Tensor2D,
    onlineLogits: tf.Tensor2D,
    options?: ReductionOptions,
  ): tf.Tensor => {
    assertLogits(targetLogits, { functionName, argument: 'targetLogits' });
    assertLogits(onlineLogits, { functionName, argument: 'onlineLogits' });
    if (targetLogits.shape[0] !== onlineLogits.shape[0] || targetLogits.shape[1] !== onlineLogits.shape[1]) {
      throw new ShapeMismatchError({
        functionName,
        argument: 'onlineLogits',
        expectedShape: targetLogits.shape,
        receivedShape: onlineLogits.shape,
        fix: 'pass target and online logits for the same samples and classes ([batch, classes] both).',
      });
    }
    const reduction = options?.reduction ?? 'mean';
    assertReduction(reduction, functionName);
    return tf.tidy(() => reducePerSample(definition.perSample(targetLogits, onlineLogits), reduction));
  };
  Object.defineProperties(divergence, {
    name: { value: functionName },
    specificationVersion: { value: 'v1', enumerable: true },
    id: { value: definition.id, enumerable: true },
    description: { value: definition.description, enumerable: true },
  });
  return Object.freeze(divergence) as unknown as Divergence;
}
