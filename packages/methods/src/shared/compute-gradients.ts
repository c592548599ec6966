import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@zerosiam/core';

/**
 * Runs `loss` once under a gradient tape for exactly `variables` and returns the gradients keyed
 * by variable name (the Optimizer's format). Tensors the closure wants to keep past the tape
 * (prediction logits) must be `tf.keep`-ed inside it and disposed by the caller.
 *
 * `loss` may return `null` when the forward pass found nothing to learn from (a filter rejected
 * every sample): the tape then ends on a constant, no backward pass runs, and the map is empty.
 * `tf.variableGrads` refuses a loss that no variable reaches, so this calls the engine's
 * `gradients` (which `variableGrads` wraps) and frees the tape's saved tensors either way.
 */
export function computeGradients(
  variables: readonly tf.Variable[],
  loss: () => tf.Scalar | null,
): tf.NamedTensorMap {
  const trainable = variables.filter((variable) => variable.trainable);
  if (trainable.length === 0)
    throw new InvalidArgumentError({
      functionName: 'computeGradients',
      argument: 'variables',
      expected: 'at least one trainable variable to adapt',
      received: `${variables.length} variable(s), none trainable`,
      fix: 'something set `trainable = false` on them after the method was created; set it back, or create the method again.',
    });
  let skipped = false;
  const { value, grads } = tf.engine().gradients(
    () => {
      const result = loss();
      skipped = result === null;
      return result ?? tf.scalar(0);
    },
    trainable,
    undefined,
    /* allowNoGradients */ true,
  );
  value.dispose();
  const named: tf.NamedTensorMap = {};
  trainable.forEach((variable, i) => {
    const grad = grads[i];
    if (grad != null) named[variable.name] = grad;
  });
  // A real loss that reaches none of the adapted variables is a wiring bug (a model whose forward
  // bypasses its own norm layers): say so, as tf.variableGrads did, instead of never adapting.
  if (!skipped && Object.keys(named).length === 0) {
    const names = trainable.slice(0, 3).map((variable) => variable.name);
    if (trainable.length > 3) names.push('...');
    throw new InvalidArgumentError({
      functionName: 'computeGradients',
      argument: 'loss',
      expected: `a loss that depends on the ${trainable.length} adapted variables (${names.join(', ')})`,
      received: 'one that depends on none of them',
      fix: "check that the model's adaptationForward reads the variables its normParameters() returns.",
    });
  }
  return named;
}

export function disposeGradients(grads: tf.NamedTensorMap): void {
  for (const g of Object.values(grads)) g.dispose();
}

/** Reads a scalar and disposes it. */
export function readScalar(value: tf.Scalar): number {
  const result = value.dataSync()[0]!;
  value.dispose();
  return result;
}
