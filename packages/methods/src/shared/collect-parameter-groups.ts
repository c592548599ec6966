import type * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, ParamGroupOptions } from '@zerosiam/core';
import { InvalidArgumentError } from '@zerosiam/core';
import type { ResolvedGradientOptions } from './method-options';

/**
 * tent.py's `collect_params`, generalised: the selected normalisation affine parameters in a
 * `norm` group, plus every auxiliary group the model adds (the ZeroSiam predictor), each at
 * base lr × its multiplier.
 */
export function collectParameterGroups(
  model: AdaptableModel,
  options: ResolvedGradientOptions,
): ParamGroupOptions[] {
  const norm = model.normParameters(options.normSelection);
  const groups: ParamGroupOptions[] = [
    {
      name: 'norm',
      variables: norm,
      learningRate: options.learningRate * options.normLearningRateScale,
    },
  ];
  for (const group of model.auxiliaryParameterGroups()) {
    if (group.variables.length === 0) continue;
    const scale = options.predictorLearningRateScale ?? group.learningRateScale ?? 1;
    groups.push({
      name: group.name,
      variables: group.variables,
      learningRate: options.learningRate * scale,
    });
  }
  return groups;
}

/** Every variable of the groups, in order. */
export function groupVariables(groups: readonly ParamGroupOptions[]): tf.Variable[] {
  return groups.flatMap((group) => [...group.variables]);
}

/**
 * tent.py's `check_model`: the method needs trainable normalisation parameters. Says what is
 * wrong and how to fix it.
 */
export function checkParameterGroups(groups: readonly ParamGroupOptions[], methodName: string): void {
  const norm = groups[0];
  if (norm === undefined || norm.variables.length === 0) {
    throw new InvalidArgumentError({
      functionName: methodName,
      argument: 'model',
      expected: 'a model with normalisation layers whose affine parameters can adapt',
      received: 'a model whose normParameters() is empty',
      fix: `${methodName} adapts BN/GN/LN affine parameters: use a model with normalisation layers, or the 'source' method.`,
    });
  }
  for (const group of groups) {
    for (const variable of group.variables) {
      if (!variable.trainable) {
        throw new InvalidArgumentError({
          functionName: methodName,
          argument: 'model',
          expected: `trainable variables in the '${group.name}' group`,
          received: `'${variable.name}' with trainable = false`,
          fix: 'create adaptable parameters with tf.variable(value, true).',
        });
      }
    }
  }
}
