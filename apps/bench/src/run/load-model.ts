import type { AdaptableModel } from '@zerosiam/core';
import type { BenchConfig } from '../config/bench-config';

/**
 * A model by id. `tiny-gn` / `tiny-bn` are the seeded test convnets of @zerosiam/testing (always
 * fresh); zoo ids load the shipped weights, or initialise from `seed` when `weights` is `fresh`
 * (the bench prints a warning for that: fresh models make meaningless accuracy numbers).
 */
export async function loadModel(
  id: string,
  config: BenchConfig,
  data: { inputShape: readonly [number, number, number]; numClasses: number },
  seed: number,
): Promise<AdaptableModel> {
  if (id === 'tiny-gn' || id === 'tiny-bn') {
    const { createTinyConvNet } = await import('@zerosiam/testing');
    return createTinyConvNet({
      norm: id === 'tiny-gn' ? 'gn' : 'bn',
      inputShape: data.inputShape,
      numClasses: data.numClasses,
      seed,
    });
  }
  if (config.weights === 'shipped') {
    const { loadShippedModel } = await import('@zerosiam/models/node');
    return loadShippedModel(id);
  }
  const { createModel } = await import('@zerosiam/models');
  return createModel(id, {
    inputShape: [...data.inputShape] as [number, number, number],
    numClasses: data.numClasses,
    seed,
  });
}
