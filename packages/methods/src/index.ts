export { createDeYOCome, createTentCome } from './come/create-come';
export type { DeYOOptions, PermutationSource } from './deyo/create-deyo';
export { createDeYO, deyoForwardAndAdapt } from './deyo/create-deyo';
export { patchShuffle } from './deyo/patch-shuffle';
export type { EATAOptions, EATAState } from './eata/create-eata';
export {
  createEATA,
  eataForwardAndAdapt,
  eataSelect,
} from './eata/create-eata';
export type { FisherEstimate } from './eata/estimate-fisher';
export { estimateFisher, fisherPenalty } from './eata/estimate-fisher';
export type { NormOptions } from './norm/create-norm';
export { createNorm } from './norm/create-norm';
export type { MethodFactory, MethodName } from './registry/get-method';
export { getMethod, methodNames } from './registry/get-method';
export type { SAROptions, SARState } from './sar/create-sar';
export { createSAR, sarForwardAndAdapt } from './sar/create-sar';
export {
  checkParameterGroups,
  collectParameterGroups,
} from './shared/collect-parameter-groups';
export { configureModel, restrictGradientsTo } from './shared/configure-model';
export type { AdaptationSetUp } from './shared/set-up-adaptation';
export { setUpAdaptation } from './shared/set-up-adaptation';
export type { StepOutcome } from './shared/define-method';
export type { GradientMethodOptions } from './shared/method-options';
export type { SourceOptions } from './source/create-source';
export { createSource } from './source/create-source';
export type { TentOptions } from './tent/create-tent';
export { createTent, tentForwardAndAdapt } from './tent/create-tent';
export type { ZeroSiamMethodOptions } from './zerosiam/create-zero-siam';
export { composeZeroSiam } from './zerosiam/create-zero-siam';
export type { ZeroSiamTentOptions } from './zerosiam/create-zero-siam-method';
export { createZeroSiam } from './zerosiam/create-zero-siam-method';
