import type { Normalization } from '@zerosiam/core';
import { describeValue, InvalidArgumentError } from '@zerosiam/core';
import type { ModelOptions } from './model-options';

/** Validates zoo options and fills the defaults ([28, 28, 1], 10 classes, seed 0). */
export function resolveModelOptions(
  id: string,
  options: ModelOptions,
): {
  inputShape: [number, number, number];
  numClasses: number;
  seed: number;
  normalization: Normalization | undefined;
} {
  const inputShape = options.inputShape ?? [28, 28, 1];
  const functionName = `createModel('${id}')`;
  if (
    !Array.isArray(inputShape) ||
    inputShape.length !== 3 ||
    !inputShape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'inputShape',
      expected: '[height, width, channels] of positive integers',
      received: describeValue(inputShape),
      fix: 'pass e.g. [28, 28, 1] for Fashion-MNIST or [32, 32, 3] for CIFAR.',
    });
  }
  const numClasses = options.numClasses ?? 10;
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'numClasses',
      expected: 'an integer ≥ 2',
      received: describeValue(numClasses),
    });
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'seed',
      expected: 'an integer',
      received: describeValue(seed),
    });
  }
  return {
    inputShape: [...inputShape] as [number, number, number],
    numClasses,
    seed,
    normalization: options.normalization,
  };
}
