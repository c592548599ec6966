export type { DivergenceDefinition } from './define-divergence';
export { defineDivergence } from './define-divergence';
export type {
  ObjectiveDefinition,
  ObjectiveFunction,
} from './define-objective';
export { defineObjective } from './define-objective';
export type { EntropyOfOpinionOptions } from './entropy-of-opinion';
export { entropyOfOpinion } from './entropy-of-opinion';
export type { DivergenceName } from './get-divergence';
export { divergenceNames, getDivergence } from './get-divergence';
export type { LossName } from './get-loss';
export { getLoss, lossNames } from './get-loss';
export { jensenShannonDivergence } from './jensen-shannon-divergence';
export { klDivergence } from './kl-divergence';
export { meanSquaredErrorDivergence } from './mean-squared-error-divergence';
export { negativeSquaredProbability } from './negative-squared-probability';
export { pseudoLabelCrossEntropy } from './pseudo-label-cross-entropy';
export { removeRadialGradient } from './remove-radial-gradient';
export { reverseKlDivergence } from './reverse-kl-divergence';
export type { SoftLikelihoodRatioOptions } from './soft-likelihood-ratio';
export { softLikelihoodRatio } from './soft-likelihood-ratio';
export { softmaxEntropy } from './softmax-entropy';
export { symmetricKlDivergence } from './symmetric-kl-divergence';
