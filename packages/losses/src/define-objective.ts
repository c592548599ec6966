import * as tf from '@tensorflow/tfjs-core';
import type { Objective, ReductionOptions } from '@zerosiam/core';
import { assertLogits } from '@zerosiam/core';
import { assertReduction, reducePerSample } from './reduce-per-sample';

/** An objective whose call signature also accepts its own options besides `reduction`. */
export interface ObjectiveFunction<Options extends ReductionOptions = ReductionOptions> extends Objective {
  (logits: tf.Tensor2D, options?: Options): tf.Tensor;
}

export interface ObjectiveDefinition<Options extends ReductionOptions> {
  /** Registry id, e.g. `entropy`. */
  readonly id: string;
  /** One line with the formula. */
  readonly description: string;
  /** The exported name, used in error messages, e.g. `softmaxEntropy`. */
  readonly functionName: string;
  /** Checks the objective's own options; throw InvalidArgumentError naming `functionName`. */
  readonly validateOptions?: (options: Options, logits: tf.Tensor2D) => void;
  /** Per-sample values [batch] from validated logits [batch, classes]; runs inside tf.tidy. */
  readonly perSample: (logits: tf.Tensor2D, options: Options) => tf.Tensor1D;
}

/**
 * Builds an `Objective` (a callable with `specificationVersion`, `id` and `description`) from a
 * per-sample body. The wrapper validates the logits (rank 2, float32, finite, not
 * probabilities) and the reduction, runs the body inside `tf.tidy` and applies the reduction.
 */
export function defineObjective<Options extends ReductionOptions = ReductionOptions>(
  definition: ObjectiveDefinition<Options>,
): ObjectiveFunction<Options> {
  const { functionName } = definition;
  const objective = (logits: tf.Tensor2D, options?: Options): tf.Tensor => {
    assertLogits(logits, { functionName, argument: 'logits' });
    const resolved = (options ?? {}) as Options;
    const reduction = resolved.reduction ?? 'mean';
    assertReduction(reduction, functionName);
    definition.validateOptions?.(resolved, logits);
    return tf.tidy(() => reducePerSample(definition.perSample(logits, resolved), reduction));
  };
  Object.defineProperties(objective, {
    name: { value: functionName },
    specificationVersion: { value: 'v1', enumerable: true },
    id: { value: definition.id, enumerable: true },
    description: { value: definition.description, enumerable: true },
  });
  return Object.freeze(objective) as unknown as ObjectiveFunction<Options>;
}
