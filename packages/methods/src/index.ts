export type { NormOptions } from "./norm/create-norm";
export { createNorm } from "./norm/create-norm";
export type { MethodFactory, MethodName } from "./registry/get-method";
export { getMethod, methodNames } from "./registry/get-method";
export {
	checkParameterGroups,
	collectParameterGroups,
} from "./shared/collect-parameter-groups";
export { configureModel } from "./shared/configure-model";
export type { StepOutcome } from "./shared/define-method";
export type { GradientMethodOptions } from "./shared/method-options";
export type { SourceOptions } from "./source/create-source";
export { createSource } from "./source/create-source";
export type { TentOptions } from "./tent/create-tent";
export { createTent, tentForwardAndAdapt } from "./tent/create-tent";
export type { ZeroSiamMethodOptions } from "./zerosiam/create-zero-siam";
export { composeZeroSiam } from "./zerosiam/create-zero-siam";
export type { ZeroSiamTentOptions } from "./zerosiam/create-zero-siam-method";
export { createZeroSiam } from "./zerosiam/create-zero-siam-method";
