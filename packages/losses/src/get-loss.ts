import type { Objective } from '@zerosiam/core';
import { createRegistry } from '@zerosiam/core';
import { entropyOfOpinion } from './entropy-of-opinion';
import { negativeSquaredProbability } from './negative-squared-probability';
import { pseudoLabelCrossEntropy } from './pseudo-label-cross-entropy';
import { softLikelihoodRatio } from './soft-likelihood-ratio';
import { softmaxEntropy } from './softmax-entropy';

/** Registry ids of the built-in objectives. */
export type LossName = 'entropy' | 'slr' | 'ce' | 'neg-p2' | 'come';

const losses = createRegistry<Objective>('loss', {
  entropy: softmaxEntropy,
  slr: softLikelihoodRatio,
  ce: pseudoLabelCrossEntropy,
  'neg-p2': negativeSquaredProbability,
  come: entropyOfOpinion,
} satisfies Record<LossName, Objective>);

/** The valid names for `getLoss`, in registry order. */
export const lossNames = losses.names as readonly LossName[];

/**
 * Looks an objective up by id (`entropy`, `slr`, `ce`, `neg-p2`, `come`), or passes an
 * `Objective` through unchanged. An unknown name throws `UnknownNameError`, which lists the
 * valid names and suggests the nearest one.
 */
export function getLoss(nameOrValue: LossName | (string & {}) | Objective): Objective {
  return losses.get(nameOrValue);
}
